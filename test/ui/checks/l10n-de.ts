// Run with `--locale de`: the extension's German strings reach what a person sees. The manifest's titles
// come from package.nls.de.json (the view is "Umzug"), and the runtime strings come from
// l10n/bundle.l10n.de.json (summary row, states, lens). Strings without a German entry stay English, as
// VS Code falls back per string. VS Code's own UI stays English: no language pack is installed.
import * as assert from 'node:assert/strict';
import type { UiCheckContext } from '../run-ui';

export default async function l10nDe({ workbench }: UiCheckContext): Promise<void> {
  await workbench.openView('Umzug', 'Kafka Cutover');
  await workbench.waitForTreeItem('Umzug', { label: '12 / 29 auf MSK · prod', description: '' }, 30_000);
  const byLabel = new Map((await workbench.treeItems('Umzug', 24)).map((item) => [item.label, item.description]));
  assert.equal(byLabel.get('site-controller-sync'), 'umgezogen');
  assert.equal(byLabel.get('alert-notifier'), 'umgezogen, gefährdet');
  // A row in view (the 34-row tree is longer than the window, which renders only what is visible).
  assert.equal(byLabel.get('customer-portal-feed'), 'bereit nach Korrekturen · 1');
  assert.equal(byLabel.get('audit-archiver'), 'bereit');
  assert.equal(byLabel.get('load-aggregator'), 'blockiert · 1');
  // Wave titles come from the engine, which is not localised.
  assert.equal(byLabel.get('Wave 1 · consumers'), '6 / 9');

  await workbench.openFile('services/forecast-trainer/.env.prod');
  assert.deepEqual(await workbench.codeLenses(), ['EC2 · prod · forecast-trainer · wave 1 · ready to move | Dienst umziehen']);
}
