// The workbench loads with the copied workspace and a screenshot can be taken: the harness itself works.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { UiCheckContext } from '../run-ui';

export default async function workbenchSmoke({ workbench, workspacePath, screenshotDir }: UiCheckContext): Promise<void> {
  const expectedTopLevel = fs.readdirSync(workspacePath).sort();
  const shown = await workbench.explorerEntries();
  for (const name of expectedTopLevel) assert.ok(shown.includes(name), `Explorer shows ${JSON.stringify(shown)}, not ${name}`);

  const shot = await workbench.screenshot(path.join(screenshotDir, 'workbench-smoke.png'));
  assert.ok(fs.statSync(shot).size > 10_000, `${shot} is too small to be a rendered workbench`);
}
