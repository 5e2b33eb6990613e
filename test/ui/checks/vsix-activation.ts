// The packaged extension (.vsix, installed by code-server into a clean extensions dir) activates on
// examples/fleet on its own: bundle, wasm, manifest strings and l10n bundle all came out of the package.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { UiCheckContext } from '../run-ui';

export default async function vsixActivation({ workbench, extensionPath, startedAt }: UiCheckContext): Promise<void> {
  // Installed means copied out of the package, not the repository registered in place.
  assert.ok(!fs.existsSync(path.join(extensionPath, 'src')), `${extensionPath} holds sources: not the packaged copy`);
  assert.ok(fs.existsSync(path.join(extensionPath, 'dist', 'extension.js')));

  await workbench.openViewById('kafkaCutover.services', extensionPath);
  await workbench.waitForTreeItem('Cutover', { label: '12 / 29 on MSK · prod', description: '' }, 30_000);
  console.log(`[vsix] install + start + activation + first scan shown after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);

  // The Terraform parser (wasm) ran: the one undeclared topic is reported, so the topics view is complete.
  await workbench.openFile('services/weather-ingest/src/main/java/com/example/fleet/weather/WeatherIngest.java');
  await workbench.filterProblems('WeatherIngest.java');
  const problems = await workbench.problems(1);
  assert.deepEqual(
    problems.map(({ code, line, column }) => ({ code, line, column })),
    [{ code: 'topic-not-in-terraform', line: 49, column: 57 }],
  );
}
