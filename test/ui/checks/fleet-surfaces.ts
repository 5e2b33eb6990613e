// The real extension on examples/fleet, seen as a person sees it: the Kafka Cutover view, the Problems
// panel, a code lens over a broker string and a quick fix from the light bulb. Expected values come from
// test/e2e/expected/EXPECTED.md (prod is the manifest's first environment, so the view shows prod).
// Saves workbench.png and quick-fix.png with the other screenshots of the run (.cache/ui-shots/);
// scripts/vscode/update-screenshots.sh points KAFKA_CUTOVER_SCREENSHOTS at media/screenshots/ to refresh
// the README's (a test run leaves the committed images alone).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { UiCheckContext } from '../run-ui';

const PROD_TARGET =
  'b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094,b-2.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094,b-3.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094';
const VIEW = 'Cutover';
/** Small enough for the README, large enough to show the view, an editor and the Problems panel together. */
const SCREEN = { width: 1280, height: 800 };

export default async function fleetSurfaces({ workbench, page, extensionPath, screenshotDir }: UiCheckContext): Promise<void> {
  const shots = path.resolve(process.env.KAFKA_CUTOVER_SCREENSHOTS ?? screenshotDir);
  await page.setViewportSize(SCREEN);

  // The view: summary, the four groups of the plan and services with their state in prod.
  await workbench.openViewById('kafkaCutover.services', extensionPath);
  // At the default sidebar width: a description is a state and a count, the names are in tooltip and children.
  const tree = await workbench.treeItems(VIEW, 24);
  assert.deepEqual(tree.slice(0, 10), [
    { label: '12 / 29 on MSK · prod', description: '' },
    { label: 'Wave 1 · consumers', description: '6 / 9' },
    { label: 'alert-notifier', description: 'moved, at risk' },
    { label: 'audit-archiver', description: 'ready' },
    { label: 'billing-settlement', description: 'moved, at risk' },
    { label: 'customer-portal-feed', description: 'ready after fixes · 1' },
    { label: 'forecast-trainer', description: 'ready' },
    { label: 'grid-analytics', description: 'moved, at risk' },
    { label: 'invoice-exporter', description: 'moved' },
    { label: 'site-controller-sync', description: 'moved' },
  ]);
  const byLabel = new Map(tree.map((item) => [item.label, item.description]));
  assert.equal(byLabel.get('load-aggregator'), 'blocked · 1');
  assert.equal(byLabel.get('dispatch-planner'), 'blocked · 2');
  assert.equal(byLabel.get('Wave 2 · producer-consumers'), '4 / 11');
  assert.equal(byLabel.get('Wave 3 · producers'), '1 / 8');
  // The 34 rows (summary, 4 groups, 29 services) are more than an 800 px window renders: the tree draws only
  // what is in view, so wave 3's services and the unknown role are checked in the in-host suite (tree shape).
  assert.ok(tree.length >= 24 && tree.length <= 34, `rows: ${JSON.stringify(tree.map((item) => item.label))}`);

  // A ready consumer's old broker string: the lens says where it points and offers the move.
  const envProd = 'services/forecast-trainer/.env.prod';
  await workbench.openFile(envProd);
  assert.deepEqual(await workbench.codeLenses(), ['EC2 · prod · forecast-trainer · wave 1 · ready to move | Migrate service']);

  await workbench.filterProblems(envProd);
  assert.deepEqual(problemsSeen(await workbench.problems(1)), [
    {
      severity: 'Warning',
      code: 'legacy-broker',
      source: 'Kafka Cutover',
      message:
        'connection string names the source cluster (prod): kafka1.prod.example.internal, kafka2.prod.example.internal, kafka3.prod.example.internal; the service is ready to move',
      line: 1,
      column: 25,
    },
  ]);
  await workbench.screenshot(path.join(shots, 'workbench.png'));

  // legacy-broker, from the light bulb: the buffer names MSK and the view counts the service as moved.
  await workbench.goToPosition(1, 25);
  const offered = await workbench.quickFixTitles();
  // The file holds the service's only prod string, so the per-file and per-service fixes would be the same edit.
  assert.deepEqual(offered, ['Rewrite this connection string to MSK (prod)']);
  await workbench.screenshot(path.join(shots, 'quick-fix.png'));
  await workbench.chooseQuickFix('Rewrite this connection string to MSK (prod)', offered);
  const rewritten = await workbench.waitForEditorText(/b-1\.prod/);
  assert.equal(rewritten.split('\n')[0], `KAFKA_BOOTSTRAP_SERVERS=${PROD_TARGET}`);
  await workbench.waitForTreeItem(VIEW, { label: '13 / 29 on MSK · prod', description: '' });
  await workbench.waitForTreeItem(VIEW, { label: 'forecast-trainer', description: 'moved' });

  // auth-port-mismatch: a single MSK broker on the plaintext port in dev, fixed to the mTLS port.
  const envDev = 'services/device-registry/.env.dev';
  await workbench.openFile(envDev);
  await workbench.filterProblems(envDev);
  assert.deepEqual(problemsSeen(await workbench.problems(1)), [
    {
      severity: 'Error',
      code: 'auth-port-mismatch',
      source: 'Kafka Cutover',
      message: "port 9092 does not match the target's auth: mutual TLS on the target in dev uses port 9094",
      line: 2,
      column: 63,
    },
  ]);
  await workbench.goToPosition(2, 63);
  await workbench.applyQuickFix("Use the MSK port for the target's auth mode");
  const fixed = await workbench.waitForEditorText(/amazonaws\.com:9094/);
  assert.equal(fixed.split('\n')[1], 'KAFKA_BROKERS=b-2.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094');
  await workbench.waitForNoProblems();

  for (const name of ['workbench.png', 'quick-fix.png']) {
    const size = fs.statSync(path.join(shots, name)).size;
    assert.ok(size > 20_000, `${name} is ${size} bytes: not a rendered workbench`);
  }
}

function problemsSeen(
  entries: readonly { severity: string; code: string; source: string; message: string; line: number; column: number }[],
) {
  return entries.map(({ severity, code, source, message, line, column }) => ({ severity, code, source, message, line, column }));
}
