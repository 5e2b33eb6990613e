// The extension in a real VS Code host on examples/fleet: what a user sees (diagnostics, lenses, tree,
// status) and what the actions write. Expected values come from test/e2e/expected/EXPECTED.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../../src/vscode/testApi';
import type { CutoverResult } from '../../../src/vscode/cutover';
import type { ServiceItem, SummaryItem, WaveItem } from '../../../src/vscode/tree/cutoverTree';
import type { TopicItem } from '../../../src/vscode/tree/topicsView';
import {
  activateExtension,
  applyQuickFix,
  diagnosticsOf,
  lensTitles,
  open,
  quickFixTitles,
  replaceOnce,
  revert,
  undoIn,
  uriOf,
  waitFor,
} from './fleet';

const PROD_SOURCE = 'kafka1.prod.example.internal:9092,kafka2.prod.example.internal:9092,kafka3.prod.example.internal:9092';
const PROD_TARGET =
  'b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094,b-2.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094,b-3.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094';
const DEV_SOURCE = 'kafka1.dev.example.internal:9092,kafka2.dev.example.internal:9092,kafka3.dev.example.internal:9092';
const DEV_TARGET =
  'b-1.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094,b-2.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094,b-3.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094';

function diskText(rel: string): string {
  return fs.readFileSync(uriOf(rel).fsPath, 'utf8');
}

describe('Kafka Cutover extension on examples/fleet', function () {
  this.timeout(60_000);
  let api: TestApi;

  before(async () => {
    api = await activateExtension();
    await waitFor('the first analysis', () => api.sessions.all[0]?.analysis);
  });

  afterEach(async () => {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.isDirty && doc.uri.scheme === 'file') await revert(vscode.workspace.asRelativePath(doc.uri));
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Reverted buffers reach the index after the debounce: apply them now so the next test sees the disk.
    for (const session of api.sessions.all) await session.flush();
  });

  it('activates without waiting for the scan', () => {
    // The scan runs after activate() returns; activation itself only registers providers.
    assert.ok(api.activationMs < 500, `activation took ${api.activationMs} ms`);
  });

  describe('diagnostics', () => {
    it('reports the port of a target broker that does not match mutual TLS', () => {
      assert.deepEqual(diagnosticsOf('services/device-registry/.env.dev'), ['auth-port-mismatch@2:63-2:67']);
    });

    it('reports an old fallback in code as legacy-broker and mixed-clusters over the whole string', () => {
      assert.deepEqual(diagnosticsOf('services/device-provisioning-api/src/kafka.ts'), [
        'legacy-broker@5:48-5:149',
        'mixed-clusters@5:48-5:149',
      ]);
    });

    it('reports an explicit `latest` offset reset on the value', () => {
      assert.deepEqual(diagnosticsOf('services/billing-settlement/src/main/resources/application.yml'), [
        'offset-reset-not-earliest@19:26-19:32',
      ]);
    });

    it('reports the producer ahead of its consumer at its first target reference', () => {
      assert.deepEqual(diagnosticsOf('services/grid-signal-poller/helm/values.yaml'), ['producer-before-consumers@8:19-8:180']);
    });

    it('reports nothing on the manifest, on excluded test data or on a local broker', () => {
      assert.deepEqual(diagnosticsOf('kafka-cutover.yaml'), []);
      assert.deepEqual(diagnosticsOf('services/battery-telemetry-bridge/testdata/recorded.env'), []);
      assert.deepEqual(diagnosticsOf('services/alert-notifier/docker-compose.yml'), []);
    });

    it('links each diagnostic to its rule section in docs/rules.md and names the source', () => {
      const [d] = vscode.languages.getDiagnostics(uriOf('services/device-registry/.env.dev'));
      assert.equal(d.source, 'Kafka Cutover');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.ok(typeof d.code === 'object');
      assert.equal(d.code.value, 'auth-port-mismatch');
      assert.equal(path.basename(d.code.target.path), 'rules.md');
      assert.equal(d.code.target.fragment, 'auth-port-mismatch');
      const docs = fs.readFileSync(d.code.target.fsPath, 'utf8');
      assert.match(docs, /^## auth-port-mismatch$/m);
    });

    it('follows an unsaved edit of a buffer within the debounce', async () => {
      const rel = 'services/device-registry/.env.dev';
      const editor = await open(rel);
      const line = editor.document.lineAt(1);
      await editor.edit((b) => b.replace(line.range, 'KAFKA_BROKERS=b-2.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094'));
      await waitFor('the port finding to clear', () => diagnosticsOf(rel).length === 0);
      await vscode.commands.executeCommand('undo');
      await waitFor('the port finding to come back', () => diagnosticsOf(rel).join() === 'auth-port-mismatch@2:63-2:67');
    });
  });

  describe('code lenses', () => {
    it("shows a ready consumer's state and the migrate action", async () => {
      assert.deepEqual(await lensTitles('services/forecast-trainer/.env.prod'), [
        '1: EC2 · prod · forecast-trainer · wave 1 · ready to move',
        '1: Migrate service',
      ]);
    });

    it('shows who blocks a producer-consumer', async () => {
      assert.deepEqual(await lensTitles('services/load-aggregator/helm/values.yaml'), [
        '9: EC2 · prod · load-aggregator · wave 2 · blocked by 1 consumer',
        '9: Migrate service',
        '9: Show blockers',
      ]);
    });

    it('shows a moved reference with the roll back action', async () => {
      assert.deepEqual(await lensTitles('services/device-registry/.env.dev'), ['2: MSK · dev · moved, at risk', '2: Roll back']);
    });

    it('says what a ready-after-fixes and an unknown service wait for, with the list one click away', async () => {
      assert.deepEqual(await lensTitles('services/weather-ingest/config/prod/producer.properties'), [
        '2: EC2 · prod · weather-ingest · wave 3 · ready after 2 fixes',
        '2: Migrate service',
        '2: Show blockers',
      ]);
      assert.deepEqual(await lensTitles('services/topic-lag-exporter/deploy/topic-lag-exporter.nomad'), [
        '23: EC2 · prod · topic-lag-exporter · readiness unknown (1 reason)',
        '23: Migrate service',
        '23: Show blockers',
      ]);
    });
  });

  describe('quick fixes', () => {
    it('sets the MSK port for mutual TLS, undoably', async () => {
      const rel = 'services/device-registry/.env.dev';
      const before = diskText(rel);
      const doc = await applyQuickFix(rel, 'auth-port-mismatch', "Use the MSK port for the target's auth mode");
      assert.equal(doc.getText(), replaceOnce(before, 'amazonaws.com:9092', 'amazonaws.com:9094'));
      assert.equal((await undoIn(rel)).getText(), before);
    });

    it('sets an explicit offset reset to earliest', async () => {
      const rel = 'services/billing-settlement/src/main/resources/application.yml';
      const before = diskText(rel);
      const doc = await applyQuickFix(
        rel,
        'offset-reset-not-earliest',
        'Start from the earliest offset (re-read rather than skip records)',
      );
      assert.equal(doc.getText(), replaceOnce(before, 'auto-offset-reset: latest', 'auto-offset-reset: earliest'));
    });

    it('adds fromBeginning to a kafkajs subscribe that relies on the default', async () => {
      const rel = 'services/alert-notifier/src/index.ts';
      const before = diskText(rel);
      const line = before.split('\n')[26];
      const doc = await applyQuickFix(
        rel,
        'offset-reset-not-earliest',
        'Start from the earliest offset (re-read rather than skip records)',
      );
      assert.equal(doc.getText(), replaceOnce(before, line, `${line.slice(0, 98)}, fromBeginning: true${line.slice(98)}`));
    });

    it('rewrites an old fallback to the prod target, preferred because the service already moved elsewhere', async () => {
      const rel = 'services/device-provisioning-api/src/kafka.ts';
      const offered = await quickFixTitles(rel, 'mixed-clusters');
      assert.deepEqual(
        offered.find((a) => a.title === 'Rewrite this connection string to MSK (prod)'),
        { title: 'Rewrite this connection string to MSK (prod)', preferred: true },
      );
      const before = diskText(rel);
      const doc = await applyQuickFix(rel, 'mixed-clusters', 'Rewrite this connection string to MSK (prod)');
      assert.equal(doc.getText(), replaceOnce(before, PROD_SOURCE, PROD_TARGET));
    });

    it('declares a missing topic next to the other kafka_topic resources', async () => {
      const rel = 'services/weather-ingest/src/main/java/com/example/fleet/weather/WeatherIngest.java';
      const tf = 'infra/terraform/topics.tf';
      const before = diskText(tf);
      await applyQuickFix(rel, 'topic-not-in-terraform', `Declare topic weather.observations in ${tf}`);
      const after = (await vscode.workspace.openTextDocument(uriOf(tf))).getText();
      assert.equal(
        after,
        `${before.replace(/\s+$/, '')}\n\nresource "kafka_topic" "weather_observations" {\n  name               = "weather.observations"\n  partitions         = 6\n  replication_factor = 3\n}\n`,
      );
    });
  });

  describe('commands', () => {
    it('Migrate Service rewrites every file of the service in the environment, and undo restores it', async () => {
      const files = ['services/forecast-trainer/.env.dev', 'services/forecast-trainer/trainer/consume.py'];
      const before = files.map(diskText);
      const result = await vscode.commands.executeCommand<CutoverResult>('kafkaCutover.migrateService', {
        service: 'forecast-trainer',
        env: 'dev',
        preview: false,
      });
      assert.deepEqual(result, { applied: true, services: ['forecast-trainer'], files, edits: 6, skipped: [] });
      for (const [i, rel] of files.entries()) {
        const doc = await vscode.workspace.openTextDocument(uriOf(rel));
        assert.equal(doc.getText(), replaceOnce(before[i], DEV_SOURCE, DEV_TARGET), rel);
      }
      // The prod file of the same service is untouched: only the environment asked for moves.
      assert.equal((await vscode.workspace.openTextDocument(uriOf('services/forecast-trainer/.env.prod'))).isDirty, false);
      const session = api.sessions.all[0];
      await waitFor('forecast-trainer to count as moved in dev', async () => {
        await session.flush();
        return session.analysis?.model.services.find((s) => s.name === 'forecast-trainer')?.state.dev === 'target';
      });
      // Undo of a one-file migrate; multi-file undo is covered by test/vscode/suite-multiroot/undo.test.ts.
      const single = 'services/forecast-trainer/.env.prod';
      const singleBefore = diskText(single);
      const prod = await vscode.commands.executeCommand<CutoverResult>('kafkaCutover.migrateService', {
        service: 'forecast-trainer',
        env: 'prod',
        preview: false,
      });
      assert.deepEqual(prod?.files, [single]);
      assert.equal((await vscode.workspace.openTextDocument(uriOf(single))).getText(), replaceOnce(singleBefore, PROD_SOURCE, PROD_TARGET));
      assert.equal((await undoIn(single)).getText(), singleBefore);
    });

    it('Migrate Service of a blocked producer asks first, in a modal whose first (default) button is the safe one', async () => {
      const asked: Array<{ message: string; options: vscode.MessageOptions; items: string[] }> = [];
      const original = api.guardDialog.ask;
      api.guardDialog.ask = async (message, options, items) => {
        asked.push({ message, options, items });
        return undefined; // Escape: Cancel
      };
      try {
        const rel = 'services/meter-gateway/deploy/meter-gateway.nomad';
        const result = await vscode.commands.executeCommand<CutoverResult | undefined>('kafkaCutover.migrateService', {
          service: 'meter-gateway',
          env: 'prod',
          preview: false,
        });
        assert.equal(result, undefined);
        assert.equal((await vscode.workspace.openTextDocument(uriOf(rel))).isDirty, false);
        assert.equal(asked.length, 1);
        assert.equal(asked[0].message, 'meter-gateway is not safe to migrate in prod.');
        assert.equal(asked[0].options.modal, true);
        assert.deepEqual(asked[0].items, ['Show blockers', 'Migrate anyway']);
        assert.match(
          asked[0].options.detail ?? '',
          /^meter-gateway \(prod\): blocked by reading-validator \(consumes meter\.readings\.raw at services\/reading-validator\/deploy\/k8s\/prod\/configmap\.yaml:\d+:\d+\)/,
        );
        // The same questions for an unknown service.
        await vscode.commands.executeCommand('kafkaCutover.migrateService', { service: 'topic-lag-exporter', env: 'prod', preview: false });
        assert.match(asked[1].options.detail ?? '', /^topic-lag-exporter \(prod\): readiness unknown: role unknown: /);
        // A ready service is not asked about.
        assert.equal(asked.length, 2);
      } finally {
        api.guardDialog.ask = original;
      }
    });

    it('Roll Back Service of a consumer whose producer is on MSK asks first; going ahead restores the old brokers', async () => {
      const rel = 'services/device-registry/deploy/device-registry.nomad';
      const before = diskText(rel);
      const asked: string[][] = [];
      const original = api.guardDialog.ask;
      let answer: string | undefined;
      api.guardDialog.ask = async (_message, options, items) => {
        asked.push([options.detail ?? '', ...items]);
        return answer;
      };
      let result: CutoverResult | undefined;
      try {
        // Cancel leaves it alone; "Roll back anyway" (never the first button) goes ahead.
        assert.equal(
          await vscode.commands.executeCommand('kafkaCutover.rollbackService', { service: 'device-registry', env: 'prod', preview: false }),
          undefined,
        );
        assert.equal((await vscode.workspace.openTextDocument(uriOf(rel))).isDirty, false);
        answer = 'Roll back anyway';
        result = await vscode.commands.executeCommand<CutoverResult>('kafkaCutover.rollbackService', {
          service: 'device-registry',
          env: 'prod',
          preview: false,
        });
      } finally {
        api.guardDialog.ask = original;
      }
      assert.equal(asked.length, 2);
      assert.match(
        asked[0][0],
        /^device-registry \(prod\): consumes from producers on the target: device-provisioning-api \(device\.provisioning\.requests at /,
      );
      assert.deepEqual(asked[0].slice(1), ['Show blockers', 'Roll back anyway']);
      assert.deepEqual(result?.files, [rel]);
      assert.equal((await vscode.workspace.openTextDocument(uriOf(rel))).getText(), replaceOnce(before, PROD_TARGET, PROD_SOURCE));
    });

    it('Export Status writes CSV, Markdown, JSON and SARIF', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-cutover-export-'));
      try {
        const write = async (format: string, name: string) => {
          const uri = vscode.Uri.file(path.join(dir, name));
          const written = await vscode.commands.executeCommand<vscode.Uri>('kafkaCutover.exportStatus', { format, uri });
          assert.equal(written?.fsPath, uri.fsPath);
          return fs.readFileSync(uri.fsPath, 'utf8');
        };
        const json = JSON.parse(await write('json', 'status.json'));
        assert.equal(json.services.length, 29);
        assert.equal(json.findings.length, 48);
        const sarif = JSON.parse(await write('sarif', 'status.sarif'));
        assert.equal(sarif.version, '2.1.0');
        assert.equal(sarif.runs[0].results.length, 48);
        const csv = (await write('csv', 'status.csv')).trimEnd().split('\r\n');
        assert.equal(csv[0], 'service,environment,role,wave,state,ready,blocked_by,produces,consumes,findings,status,unknown,fixes');
        assert.equal(csv.length, 1 + 29 * 2);
        assert.ok(
          csv.some((l) => l.startsWith('forecast-trainer,prod,consumer,1,source,')),
          csv.join('\n'),
        );
        const markdown = await write('markdown', 'status.md');
        assert.match(markdown, /12 \/ 29/);
        assert.match(markdown, /19 \/ 29/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('Select Environment switches the tree and the status bar', async () => {
      assert.equal(await vscode.commands.executeCommand('kafkaCutover.selectEnvironment', 'dev'), 'dev');
      const [summary] = api.views.tree.getChildren() as [SummaryItem];
      assert.equal(summary.label, '19 / 29 on MSK · dev');
      assert.equal(api.statusBar.text, '$(arrow-swap) 19/29 MSK · dev');
      await vscode.commands.executeCommand('kafkaCutover.selectEnvironment', 'prod');
      // Prod has one hazard row: the status bar says so with the same number as the badge.
      assert.equal(api.statusBar.text, '$(arrow-swap) 12/29 MSK · prod · $(error) 1');
    });
  });

  describe('cutover tree', () => {
    it("shows the summary and the waves with each service's state in prod", () => {
      const [summary, ...waves] = api.views.tree.getChildren() as [SummaryItem, ...WaveItem[]];
      assert.equal(summary.label, '12 / 29 on MSK · prod');
      const shape = waves.map((w) => ({
        wave: w.label,
        services: Object.fromEntries(w.services.map((s) => [s.service.name, s.status])),
      }));
      assert.deepEqual(shape, [
        {
          wave: 'Wave 1 · consumers',
          services: {
            'alert-notifier': 'moved-at-risk',
            'audit-archiver': 'ready',
            'billing-settlement': 'moved-at-risk',
            'customer-portal-feed': 'ready-after-fixes',
            'forecast-trainer': 'ready',
            'grid-analytics': 'moved-at-risk',
            'invoice-exporter': 'moved',
            'site-controller-sync': 'moved',
            'timeseries-ingest': 'moved',
          },
        },
        {
          wave: 'Wave 2 · producer-consumers',
          services: {
            'der-gateway': 'unknown',
            'device-registry': 'moved',
            'dispatch-planner': 'blocked',
            'dr-event-coordinator': 'blocked',
            'load-aggregator': 'blocked',
            'market-bidder': 'moved',
            'outage-reporter': 'ready',
            'platform-connect': 'moved',
            'reading-enricher': 'blocked',
            'reading-validator': 'blocked',
            'tariff-streams': 'moved',
          },
        },
        {
          wave: 'Wave 3 · producers',
          services: {
            'battery-telemetry-bridge': 'blocked',
            'device-provisioning-api': 'mixed',
            'grid-signal-poller': 'hazard',
            'meter-gateway': 'blocked',
            'meter-replay': 'blocked',
            'north/site-agent': 'moved',
            'south/site-agent': 'ready-after-fixes',
            'weather-ingest': 'ready-after-fixes',
          },
        },
        { wave: 'Unknown role', services: { 'topic-lag-exporter': 'unknown' } },
      ]);
    });

    it('shows unknown, ready after fixes and moved at risk distinctly, with their reasons at file:line', () => {
      const item = (name: string) => api.views.tree.allServices().find((s) => s.service.name === name) as ServiceItem;
      // Made on hover, as VS Code asks for it.
      const tooltip = (name: string) => (api.views.tree.resolveTreeItem(item(name), item(name)).tooltip as vscode.MarkdownString).value;
      assert.deepEqual(
        ['topic-lag-exporter', 'weather-ingest', 'alert-notifier'].map((n) => [
          item(n).description,
          item(n).contextValue,
          (item(n).iconPath as vscode.ThemeIcon).id,
        ]),
        [
          ['unknown · 1', 'service-unknown', 'question'],
          ['ready after fixes · 2', 'service-ready-after-fixes', 'tools'],
          ['moved, at risk', 'service-moved-at-risk', 'pass'],
        ],
      );
      assert.match(
        tooltip('topic-lag-exporter'),
        /- unknown-role: role unknown: no produce or consume use of a topic was found in the 2 files of services\/topic-lag-exporter `services\/topic-lag-exporter\/config\/dev\.json:4:8`/,
      );
      assert.match(
        tooltip('weather-ingest'),
        /- topic-not-in-terraform `services\/weather-ingest\/src\/main\/java\/com\/example\/fleet\/weather\/WeatherIngest\.java:49:57` \(--add-topics\)/,
      );
      assert.match(tooltip('alert-notifier'), /- offset-reset-not-earliest services\/alert-notifier\/src\/index\.ts:27:30/);
    });

    it('describes a blocked service by state and count, its blockers in the tooltip and as its first children', () => {
      const item = api.views.tree.allServices().find((s) => s.service.name === 'reading-enricher') as ServiceItem;
      assert.equal(item.description, 'blocked · 1');
      assert.equal(item.contextValue, 'service-blocked');
      assert.equal(item.tooltip, undefined, 'the tooltip is made on hover, not with the row');
      assert.match(
        (api.views.tree.resolveTreeItem(item, item).tooltip as vscode.MarkdownString).value,
        /- load-aggregator \(meter\.readings\.enriched\) `services\/load-aggregator\/[^`]+:\d+:\d+`/,
      );
      const [blocker] = api.views.tree.getChildren(item);
      assert.equal(blocker.kind, 'blocker');
      assert.deepEqual(
        [blocker.label, blocker.description, blocker.tooltip],
        [
          'load-aggregator',
          'waits for it: meter.readings.enriched',
          'load-aggregator consumes meter.readings.enriched, still on the old cluster in prod',
        ],
      );
      assert.equal(blocker.command?.command, 'vscode.open');
      assert.match((blocker.command?.arguments?.[0] as vscode.Uri).path, /\/services\/load-aggregator\//);
      const dispatch = api.views.tree.allServices().find((s) => s.service.name === 'dispatch-planner') as ServiceItem;
      assert.equal(dispatch.description, 'blocked · 2');
      assert.deepEqual(
        api.views.tree
          .getChildren(dispatch)
          .filter((c) => c.kind === 'blocker')
          .map((c) => c.label),
        ['audit-archiver', 'customer-portal-feed'],
      );
    });

    it('keeps every service description to state and count, short enough for the default sidebar', () => {
      const descriptions = api.views.tree.allServices().map((s) => String(s.description));
      for (const d of descriptions)
        assert.match(
          d,
          /^(moved|moved, at risk|ready|ready after fixes · \d+|blocked · \d+|names both clusters|data-loss hazard|unknown · \d+)$/,
        );
      assert.ok(Math.max(...descriptions.map((d) => d.length)) <= 21, descriptions.join(' | '));
    });

    it("lists the connection strings, topics and findings of the environment shown: prod's, not dev's, in prod", async () => {
      const children = () => {
        const item = api.views.tree.allServices().find((s) => s.service.name === 'forecast-trainer') as ServiceItem;
        return api.views.tree.getChildren(item).map((c) => `${c.kind}:${c.label}${c.description ? ` (${c.description})` : ''}`);
      };
      const prod = children();
      assert.deepEqual(prod.slice(0, 2), ['ref:.env.prod:1 (EC2 · prod · KAFKA_BOOTSTRAP_SERVERS)', 'topic:load.aggregates.5m (consumes)']);
      // Its three legacy-broker findings: one in prod, two in dev.
      assert.deepEqual(
        prod.filter((c) => c.startsWith('finding:')).map((c) => c.slice(c.lastIndexOf('('))),
        ['(.env.prod:1)'],
      );
      await vscode.commands.executeCommand('kafkaCutover.selectEnvironment', 'dev');
      try {
        const dev = children();
        assert.deepEqual(dev.slice(0, 3), [
          'ref:.env.dev:1 (EC2 · dev · KAFKA_BOOTSTRAP_SERVERS)',
          'ref:consume.py:15 (EC2 · dev · KAFKA_BOOTSTRAP_SERVERS)',
          'topic:load.aggregates.5m (consumes)',
        ]);
        assert.deepEqual(
          dev
            .filter((c) => c.startsWith('finding:'))
            .map((c) => c.slice(c.lastIndexOf('(')))
            .sort(),
          ['(.env.dev:1)', '(consume.py:15)'],
        );
      } finally {
        await vscode.commands.executeCommand('kafkaCutover.selectEnvironment', 'prod');
      }
    });

    it('counts the hazard rows in the view badge: the one red row', () => {
      const hazards = api.views.tree
        .allServices()
        .filter((s) => s.status === 'hazard')
        .map((s) => s.service.name);
      assert.deepEqual(hazards, ['grid-signal-poller']);
      assert.equal(api.views.treeView.badge?.value, hazards.length);
    });
  });

  describe('topics view', () => {
    it('lists the undeclared topic first, then the declared ones with their producers and consumers', () => {
      const topics = api.views.topics.getChildren() as TopicItem[];
      assert.equal(topics.length, 21);
      // Kafka Streams' changelog is listed as undeclared too (Streams creates it; the view does not tell it apart yet).
      assert.deepEqual(
        topics.slice(0, 2).map((t) => [t.label, t.description]),
        [
          ['tariff-streams-site-day-totals-changelog', 'not declared'],
          ['weather.observations', 'not declared'],
        ],
      );
      const dispatch = topics.find((t) => t.label === 'dispatch.commands') as TopicItem;
      const peers = api.views.topics.getChildren(dispatch).map((p) => `${p.label} ${p.description}`);
      assert.deepEqual(peers, [
        'dispatch-planner produces',
        'audit-archiver consumes',
        'dr-event-coordinator consumes',
        'site-controller-sync consumes',
      ]);
    });
  });
});
