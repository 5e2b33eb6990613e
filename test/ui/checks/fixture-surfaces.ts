// Drives every page-object reader against the fixture extension (test/vscode/fixture-extension), so each
// selector in workbench.ts is known to work on this VS Code before the real extension relies on it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { UiCheckContext } from '../run-ui';

export default async function fixtureSurfaces({ workbench, extensionPath, screenshotDir }: UiCheckContext): Promise<void> {
  await workbench.openViewById('kafkaCutoverFixture.brokers', extensionPath);
  assert.deepEqual(await workbench.treeRows('Fixture Brokers', 2), ['old-kafka-1:9092', 'old-kafka-2:9092']);

  await workbench.openFile('app.properties');
  assert.deepEqual(await workbench.codeLenses(), ['Fixture: 2 old brokers']);

  const problems = await workbench.problems(2);
  assert.deepEqual(
    problems.map(({ severity, message, line, column }) => ({ severity, message, line, column })),
    [
      { severity: 'Warning', message: 'Fixture: old broker address', line: 1, column: 19 },
      { severity: 'Warning', message: 'Fixture: old broker address', line: 1, column: 36 },
    ],
  );
  await workbench.screenshot(path.join(screenshotDir, 'fixture-surfaces.png'));

  await workbench.goToPosition(1, 20);
  await workbench.applyQuickFix('Fixture: point at MSK');
  const text = await workbench.waitForEditorText(/b-1\.msk\.example/);
  assert.match(text, /^bootstrap\.servers=b-1\.msk\.example:9098,old-kafka-2:9092$/m);
}
