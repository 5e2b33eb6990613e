// Live checks in the extension host, where there are no brokers: the commands exist, refuse when the
// workspace is untrusted or a secret is missing, report a closed port as "connection refused" within the
// timeout, keep secrets in SecretStorage, and place findings (from a stand-in client) on the right files
// and tree items. Works on a second manifest in the (copied) workspace, restored afterwards.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClusterClient, CommittedOffsets, EndOffsets, TopicDescription } from '../../../src/live/client';
import type { ConnectionSettings } from '../../../src/live/connection';
import type { LiveChecks, LiveOutcome } from '../../../src/vscode/live/controller';
import type { TestApi } from '../../../src/vscode/testApi';
import type { ServiceItem } from '../../../src/vscode/tree/cutoverTree';
import type { TopicItem } from '../../../src/vscode/tree/topicsView';
import { activateExtension, EXTENSION_ID, folder, span, uriOf, waitFor } from './fleet';

type Api = TestApi & { live: LiveChecks };

const LIVE_SOURCE = 'Kafka Cutover (live)';
const TEMP_MANIFEST = 'kafka-cutover.live-test.yaml';
const TIMEOUT_MS = 3000;
const SECRET = 'pw-7f3a-never-in-settings';

const LIVE_COMMAND_IDS = [
  'kafkaCutover.live.checkConnectivity',
  'kafkaCutover.live.checkTopics',
  'kafkaCutover.live.checkMirror',
  'kafkaCutover.live.checkLag',
  'kafkaCutover.live.runAll',
  'kafkaCutover.live.refreshLag',
  'kafkaCutover.live.checkClients',
  'kafkaCutover.live.checkOffsets',
  'kafkaCutover.live.checkProducers',
  'kafkaCutover.live.checkHealth',
  'kafkaCutover.live.setSecret',
  'kafkaCutover.live.clearSecrets',
];

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Our live diagnostics on a file as `code@line:col-line:col`, in position order. */
function liveDiagnosticsOf(rel: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uriOf(rel))
    .filter((d) => d.source === LIVE_SOURCE)
    .sort((a, b) => a.range.start.compareTo(b.range.start));
}

function codeAt(d: vscode.Diagnostic): string {
  return `${String(d.code)}@${span(d.range)}`;
}

function done(outcome: LiveOutcome | undefined): Extract<LiveOutcome, { status: 'done' }> {
  assert.ok(outcome, 'the command returned nothing');
  assert.equal(outcome.status, 'done', JSON.stringify(outcome));
  return outcome as Extract<LiveOutcome, { status: 'done' }>;
}

function refused(outcome: LiveOutcome | undefined): string {
  assert.ok(outcome, 'the command returned nothing');
  assert.equal(outcome.status, 'refused', JSON.stringify(outcome).slice(0, 300));
  return (outcome as Extract<LiveOutcome, { status: 'refused' }>).reason;
}

/** A stand-in cluster: every declared topic as Terraform declares it except the missing ones, 100 records per partition. */
function fakeClient(settings: ConnectionSettings, api: Api, missing: string[], commits: Record<string, CommittedOffsets>): ClusterClient {
  const model = api.sessions.all[0]!.analysis!.model;
  const describe = (name: string): TopicDescription | undefined => {
    if (missing.includes(name)) return undefined;
    const decl = model.topics.find((t) => t.name === name)?.decl;
    return {
      name,
      partitions: decl?.partitions ?? 1,
      replicationFactor: decl?.replicationFactor ?? 3,
      configs: { ...(decl?.config ?? {}) },
      overrides: [],
    };
  };
  const onTarget = settings.label.startsWith('target');
  return {
    label: settings.label,
    describeCluster: async () => ({ clusterId: 'fake', controller: 1, brokers: [{ nodeId: 1, host: '127.0.0.1', port: 9092 }] }),
    listTopics: async () => model.topics.map((t) => t.name).filter((n) => !missing.includes(n)),
    describeTopics: async (names) => new Map(names.flatMap((n) => (describe(n) ? [[n, describe(n)!] as const] : []))),
    endOffsets: async (topics) => {
      const out: EndOffsets = {};
      for (const t of topics) {
        const d = describe(t);
        if (d) out[t] = new Map(Array.from({ length: d.partitions }, (_, p) => [p, 100] as [number, number]));
      }
      return out;
    },
    listGroups: async () => [],
    groupOffsets: async (group) => (onTarget ? commits[`target:${group}`] : commits[`source:${group}`]) ?? {},
    describeGroups: async (groups) => groups.map((groupId) => ({ groupId, state: 'Dead', protocolType: '', members: [] })),
    readRecords: async () => [],
    close: async () => undefined,
  };
}

describe('Kafka Cutover live checks', function () {
  this.timeout(60_000);
  let api: Api;

  before(async () => {
    api = (await activateExtension()) as Api;
    await waitFor('the first analysis', () => api.sessions.all[0]?.analysis);
  });

  afterEach(() => {
    delete api.live.testHooks.trusted;
    delete api.live.testHooks.makeClient;
  });

  it('activation does not load the live bundle (kafkajs): dist/live.js is required on the first run', async () => {
    const loaded = () => Object.keys(require.cache).filter((file) => file.endsWith(`${path.sep}dist${path.sep}live.js`));
    assert.deepEqual(loaded(), []);
    refused(
      await vscode.commands.executeCommand<LiveOutcome>('kafkaCutover.live.checkConnectivity', {
        folder: folder().uri.toString(),
        env: 'prod',
      }),
    );
    assert.equal(loaded().length, 1);
  });

  it('registers every live command and contributes them to the palette only in trusted workspaces', async () => {
    const registered = await vscode.commands.getCommands(true);
    assert.deepEqual(
      LIVE_COMMAND_IDS.filter((id) => !registered.includes(id)),
      [],
    );
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: {
        commands: Array<{ command: string; enablement?: string; category?: string }>;
        menus: { commandPalette: Array<{ command: string; when: string }> };
      };
      capabilities: { untrustedWorkspaces: { supported: string; description: string } };
    };
    for (const id of LIVE_COMMAND_IDS.slice(0, 10)) {
      assert.equal(pkg.contributes.commands.find((c) => c.command === id)?.enablement, 'isWorkspaceTrusted', id);
      assert.equal(pkg.contributes.menus.commandPalette.find((m) => m.command === id)?.when, 'isWorkspaceTrusted', id);
    }
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(pkg.capabilities.untrustedWorkspaces.description, /live checks stay off until you trust the workspace/);
  });

  it('refuses every connecting command in an untrusted workspace, with the reason', async () => {
    api.live.testHooks.trusted = false;
    for (const id of LIVE_COMMAND_IDS.slice(0, 10)) {
      const reason = refused(await vscode.commands.executeCommand<LiveOutcome>(id, { folder: folder().uri.toString(), env: 'prod' }));
      assert.equal(
        reason,
        'Live checks are off in an untrusted workspace: they connect to the clusters this workspace names. Trust the workspace to run them.',
      );
    }
  });

  it('refuses the example manifest before any traffic: mutual TLS without a client certificate', async () => {
    const reason = refused(
      await vscode.commands.executeCommand<LiveOutcome>('kafkaCutover.live.checkConnectivity', {
        folder: folder().uri.toString(),
        env: 'prod',
      }),
    );
    assert.equal(reason, "target (prod): mutual TLS needs `cert` and `key` in the manifest's target endpoint");
  });

  describe('on a manifest whose clusters are closed ports', () => {
    let sourcePort: number;
    let targetPort: number;
    const manifestUri = () => uriOf(TEMP_MANIFEST);

    before(async () => {
      [sourcePort, targetPort] = [await closedPort(), await closedPort()];
      const original = fs.readFileSync(uriOf('kafka-cutover.yaml').fsPath, 'utf8');
      // Plaintext to the example's hosts (so services keep their clusters and stand-in clients can be used),
      // plus two environments on this machine, one plaintext, one SASL/SCRAM (a host belongs to one side only,
      // so the targets are on 127.0.0.2).
      const local = [
        '  local:',
        '    source:',
        `      brokers: 127.0.0.1:${sourcePort}`,
        '    target:',
        `      brokers: 127.0.0.2:${targetPort}`,
        '  scram:',
        '    source:',
        `      brokers: 127.0.0.1:${sourcePort}`,
        '    target:',
        `      brokers: 127.0.0.2:${targetPort}`,
        '      auth: sasl_scram',
        '      username: svc-cutover',
        '',
      ].join('\n');
      const text = original.replace(/^\s+auth: mtls\n/gm, '').replace(/^mirror:/m, `${local}mirror:`);
      fs.writeFileSync(manifestUri().fsPath, text);
      const config = vscode.workspace.getConfiguration('kafkaCutover', folder().uri);
      await config.update('live.timeoutMs', TIMEOUT_MS, vscode.ConfigurationTarget.Workspace);
      await config.update('manifestPath', TEMP_MANIFEST, vscode.ConfigurationTarget.Workspace);
      const session = api.sessions.all[0]!;
      await waitFor(
        'the scan with the test manifest',
        () => {
          if (session.manifestProblems.length) throw new Error(session.manifestProblems.map((p) => p.message).join('; '));
          return (
            session.state === 'ready' &&
            session.analysis?.model.manifest.path === manifestUri().fsPath &&
            session.analysis.model.manifest.environments.length === 4
          );
        },
        20_000,
      );
    });

    after(async () => {
      const config = vscode.workspace.getConfiguration('kafkaCutover', folder().uri);
      await config.update('manifestPath', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('live.timeoutMs', undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor(
        'the scan with the example manifest',
        () => {
          const s = api.sessions.all[0]!;
          return s.state === 'ready' && s.analysis?.model.manifest.path === uriOf('kafka-cutover.yaml').fsPath;
        },
        20_000,
      );
      fs.rmSync(manifestUri().fsPath, { force: true });
    });

    it('Check Connectivity reports "connection refused" for both clusters within the timeout, on the brokers in the manifest', async () => {
      const outcome = done(
        await vscode.commands.executeCommand<LiveOutcome>('kafkaCutover.live.checkConnectivity', {
          folder: folder().uri.toString(),
          env: 'local',
        }),
      );
      assert.ok(outcome.durationMs < TIMEOUT_MS, `took ${outcome.durationMs} ms`);
      assert.deepEqual(
        outcome.findings.map((f) => [f.cluster, f.severity, f.message]),
        [
          [
            'source',
            'error',
            `source (local) 127.0.0.1:${sourcePort}: connection refused: nothing listens on port ${sourcePort} (broker down, or wrong port)`,
          ],
          [
            'target',
            'error',
            `target (local) 127.0.0.2:${targetPort}: connection refused: nothing listens on port ${targetPort} (broker down, or wrong port)`,
          ],
        ],
      );
      assert.deepEqual(outcome.counts, { errors: 2, warnings: 0, notes: 0 });
      // The broker lines of `local` in the manifest written above: lines 19 and 21, after `      brokers: `.
      const lines = fs.readFileSync(manifestUri().fsPath, 'utf8').split('\n');
      assert.equal(lines[18], `      brokers: 127.0.0.1:${sourcePort}`);
      assert.equal(lines[20], `      brokers: 127.0.0.2:${targetPort}`);
      const diagnostics = liveDiagnosticsOf(TEMP_MANIFEST);
      assert.deepEqual(diagnostics.map(codeAt), [
        `live-connect@19:16-19:${16 + `127.0.0.1:${sourcePort}`.length}`,
        `live-connect@21:16-21:${16 + `127.0.0.2:${targetPort}`.length}`,
      ]);
      assert.ok(diagnostics.every((d) => d.severity === vscode.DiagnosticSeverity.Error && /connection refused/.test(d.message)));
    });

    it('Check Topics on an unreachable target says "connection refused" within the timeout', async () => {
      const outcome = done(
        await vscode.commands.executeCommand<LiveOutcome>('kafkaCutover.live.checkTopics', {
          folder: folder().uri.toString(),
          env: 'local',
        }),
      );
      assert.ok(outcome.durationMs < TIMEOUT_MS, `took ${outcome.durationMs} ms`);
      assert.deepEqual(
        outcome.findings.map((f) => f.message),
        [
          `cannot read topics from the target: target (local) 127.0.0.2:${targetPort}: connection refused: nothing listens on that port (broker down, or wrong port)`,
        ],
      );
    });

    it('a SCRAM cluster without a stored password is refused before any traffic, naming the command that sets it', async () => {
      await api.live.secrets.clear();
      const reason = refused(
        await vscode.commands.executeCommand<LiveOutcome>('kafkaCutover.live.checkConnectivity', {
          folder: folder().uri.toString(),
          env: 'scram',
        }),
      );
      assert.equal(
        reason,
        'target (scram): SASL/SCRAM needs the password of svc-cutover: set the SASL/SCRAM password of target (scram) with “Kafka Cutover: Set Cluster Secret…”',
      );
    });

    it('Set Cluster Secret keeps the password in SecretStorage, not in settings; Clear Cluster Secrets removes it', async () => {
      const stored = await vscode.commands.executeCommand<boolean>('kafkaCutover.live.setSecret', {
        folder: folder().uri.toString(),
        env: 'scram',
        side: 'target',
        value: SECRET,
      });
      assert.equal(stored, true);
      assert.equal(await api.live.secrets.get('scram', 'target', 'PASSWORD'), SECRET);
      assert.deepEqual(api.live.secrets.stored(), [{ environment: 'scram', side: 'target', kind: 'PASSWORD' }]);
      assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('kafkaCutover')).includes(SECRET), 'the password is in the settings');
      const settingsFile = path.join(folder().uri.fsPath, '.vscode', 'settings.json');
      assert.ok(
        !fs.existsSync(settingsFile) || !fs.readFileSync(settingsFile, 'utf8').includes(SECRET),
        'the password is in .vscode/settings.json',
      );
      assert.ok(!fs.readFileSync(manifestUri().fsPath, 'utf8').includes(SECRET));

      // With the password the check goes on to the network and meets the closed port.
      const outcome = done(
        await vscode.commands.executeCommand<LiveOutcome>('kafkaCutover.live.checkConnectivity', {
          folder: folder().uri.toString(),
          env: 'scram',
        }),
      );
      assert.equal(
        outcome.findings.find((f) => f.cluster === 'target')?.message,
        `target (scram) 127.0.0.2:${targetPort}: connection refused: nothing listens on port ${targetPort} (broker down, or wrong port)`,
      );
      assert.ok(outcome.findings.every((f) => !f.message.includes(SECRET)));

      assert.equal(await vscode.commands.executeCommand<number>('kafkaCutover.live.clearSecrets', { confirm: false }), 1);
      assert.equal(await api.live.secrets.get('scram', 'target', 'PASSWORD'), undefined);
      assert.deepEqual(api.live.secrets.stored(), []);
    });

    it('a topic missing on the target becomes an error on its kafka_topic block and "missing on target" in the topics view', async () => {
      api.live.testHooks.makeClient = (settings) => fakeClient(settings, api, ['grid.alerts'], {});
      const outcome = done(
        await vscode.commands.executeCommand<LiveOutcome>('kafkaCutover.live.checkTopics', {
          folder: folder().uri.toString(),
          env: 'prod',
        }),
      );
      assert.deepEqual(
        outcome.findings.map((f) => [f.severity, f.file, f.message]),
        [
          [
            'error',
            'infra/terraform/topics.tf',
            'topic grid.alerts is declared in Terraform but does not exist on the target in prod (used by grid-signal-poller, alert-notifier): apply the Terraform before services move',
          ],
        ],
      );
      const diagnostics = liveDiagnosticsOf('infra/terraform/topics.tf');
      assert.deepEqual(diagnostics.map(codeAt), ['live-topics@35:25-35:36']);
      assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Error);
      const topics = api.views.topics.getChildren() as TopicItem[];
      const missing = topics.find((t) => t.label === 'grid.alerts');
      assert.equal(missing?.live?.text, 'missing on target');
      assert.match(String(missing?.description), /· missing on target$/);
      assert.equal(topics.find((t) => t.label === 'device.events')?.live?.text, 'on target');
    });

    it('consumer lag and groups without commits show on the services and as warnings on the group id', async () => {
      api.live.testHooks.makeClient = (settings) =>
        fakeClient(settings, api, [], {
          // alert-notifier is on the target in prod; audit-archiver on the source, never committed.
          'target:alert-notifier': { 'device.events': new Map([[0, 90]]), 'grid.alerts': new Map([[0, 50]]) },
        });
      const outcome = done(
        await vscode.commands.executeCommand<LiveOutcome>('kafkaCutover.live.checkLag', { folder: folder().uri.toString(), env: 'prod' }),
      );
      const model = api.sessions.all[0]!.analysis!.model;
      const partitionsOf = (topic: string) => model.topics.find((t) => t.name === topic)?.decl?.partitions ?? 1;
      const expectedLag = partitionsOf('device.events') * 100 - 90 + (partitionsOf('grid.alerts') * 100 - 50);
      const services = api.views.tree.allServices() as ServiceItem[];
      const notifier = services.find((s) => s.service.name === 'alert-notifier');
      assert.equal(notifier?.live?.text, `lag ${expectedLag.toLocaleString('en-US')}`);
      assert.equal(notifier?.live?.level, 'ok');
      const archiver = services.find((s) => s.service.name === 'audit-archiver');
      assert.equal(archiver?.live?.text, 'no commits');
      assert.match(String(archiver?.description), /· no commits$/);
      // The row's tooltip, made on hover: the service's own, then what the live check says (as MarkdownString.appendText
      // escapes it: spaces as &nbsp;, punctuation behind a backslash).
      const tip = (api.views.tree.resolveTreeItem(archiver!, archiver!).tooltip as vscode.MarkdownString).value
        .replace(/&nbsp;/g, ' ')
        .replace(/\\(.)/g, '$1');
      assert.match(tip, /^\*\*audit-archiver\*\*/);
      for (const line of archiver!.live!.tooltip.split('\n'))
        assert.ok(tip.includes(line), `the tooltip lacks ${JSON.stringify(line)}: ${tip}`);
      const warning = outcome.findings.find((f) => f.group === 'audit-archiver' && f.severity === 'warning');
      assert.equal(warning?.file, 'services/audit-archiver/main.go');
      assert.deepEqual(liveDiagnosticsOf('services/audit-archiver/main.go').map(codeAt), ['live-lag@30:20-30:34']);
      // The topics check's finding from before stays: each check replaces only its own results.
      assert.deepEqual(liveDiagnosticsOf('infra/terraform/topics.tf').map(codeAt), ['live-topics@35:25-35:36']);
    });

    it('Check Connected Clients: a group no service owns blocks the producer of what it reads; a moved service still on the source is a hazard', async () => {
      const member = (clientId: string, host: string, topic: string) => ({
        memberId: `${clientId}-1`,
        clientId,
        clientHost: host,
        subscription: [topic],
        assignment: { [topic]: [0] },
      });
      api.live.testHooks.makeClient = (settings) => ({
        ...fakeClient(settings, api, [], {}),
        ...(settings.label.startsWith('source')
          ? {
              listGroups: async () => [
                { groupId: 'siem-export', protocolType: 'consumer' },
                { groupId: 'alert-notifier', protocolType: 'consumer' },
              ],
              describeGroups: async () => [
                {
                  groupId: 'alert-notifier',
                  state: 'Stable',
                  protocolType: 'consumer',
                  members: [member('alert-notifier', '10.0.3.17', 'grid.alerts')],
                },
                {
                  groupId: 'siem-export',
                  state: 'Stable',
                  protocolType: 'consumer',
                  members: [member('siem', '10.0.9.4', 'weather.observations')],
                },
              ],
            }
          : {}),
      });
      const session = api.sessions.all[0]!;
      const before = session.analysis!.plan.verdicts.prod!['weather-ingest'];
      const outcome = done(
        await vscode.commands.executeCommand<LiveOutcome>('kafkaCutover.live.checkClients', {
          folder: folder().uri.toString(),
          env: 'prod',
        }),
      );
      assert.deepEqual(
        outcome.findings.filter((f) => f.rule === 'unknown-consumer').map((f) => [f.group, f.topic, f.hosts]),
        [['siem-export', 'weather.observations', ['10.0.9.4']]],
      );
      assert.equal(before, 'ready-after-fixes');
      const services = api.views.tree.allServices() as ServiceItem[];
      const status = (name: string) => services.find((s) => s.service.name === name && s.env === 'prod')?.status;
      assert.equal(status('weather-ingest'), 'blocked');
      assert.equal(status('alert-notifier'), 'hazard');
      assert.deepEqual(session.analysis!.plan.readiness.prod!['weather-ingest']!.blockedBy, ['group siem-export']);
      // Ready, and nothing on the clusters contradicts it: confirmed live (beside any lag text).
      const audit = services.find((s) => s.service.name === 'audit-archiver' && s.env === 'prod');
      assert.equal(audit?.status, 'ready');
      assert.match(String(audit?.description), /confirmed live$/);
      assert.doesNotMatch(
        String(services.find((s) => s.service.name === 'weather-ingest' && s.env === 'prod')?.description),
        /confirmed live/,
      );
      // A re-analysis keeps what the clusters said until the next clients check.
      await vscode.commands.executeCommand('kafkaCutover.rescan');
      await waitFor(
        'the rescan',
        () => session.state === 'ready' && session.analysis?.plan.verdicts.prod?.['weather-ingest'] === 'blocked',
        10_000,
      );
    });

    it('with kafkaCutover.live.lagRefreshSeconds set, lag shown on the services is re-read on the timer', async () => {
      let reads = 0;
      api.live.testHooks.makeClient = (settings) => ({
        ...fakeClient(settings, api, [], {}),
        groupOffsets: async (group): Promise<CommittedOffsets> => {
          if (group !== 'alert-notifier') return {};
          reads += 1;
          return { 'device.events': new Map([[0, 100 - reads]]) };
        },
      });
      const config = vscode.workspace.getConfiguration('kafkaCutover', folder().uri);
      await config.update('live.lagRefreshSeconds', 1, vscode.ConfigurationTarget.Workspace);
      try {
        await waitFor('two timed lag refreshes', () => reads >= 2, 5000);
      } finally {
        await config.update('live.lagRefreshSeconds', undefined, vscode.ConfigurationTarget.Workspace);
      }
      const settled = reads;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(reads, settled, 'the refresh kept running after the setting went back to 0');
      const notifier = (api.views.tree.allServices() as ServiceItem[]).find((s) => s.service.name === 'alert-notifier');
      assert.match(String(notifier?.live?.text), /^lag \d/);
    });

    it('cancelling through the AbortSignal ends the run as cancelled, with no results recorded', async () => {
      let release: (() => void) | undefined;
      api.live.testHooks.makeClient = (settings) => ({
        ...fakeClient(settings, api, [], {}),
        describeTopics: (_names, options) =>
          new Promise((_, reject) => {
            release = () => reject(new Error('cancelled'));
            options?.signal?.addEventListener('abort', () => reject(new Error('cancelled')), { once: true });
          }),
      });
      const running = vscode.commands.executeCommand<LiveOutcome>('kafkaCutover.live.checkTopics', {
        folder: folder().uri.toString(),
        env: 'dev',
      });
      await waitFor('the check to ask the cluster', () => release !== undefined);
      api.live.cancelAll();
      assert.deepEqual(await running, { status: 'cancelled' });
      assert.equal(api.live.state.result(api.sessions.all[0]!, 'dev', 'topics'), undefined);
    });
  });

  // Mocha runs a suite's own tests before its nested suites: this one must come after the one above.
  describe('after the test manifest is replaced by the example', () => {
    it('drops the live results and diagnostics computed from the test manifest', async () => {
      await waitFor(
        'the live diagnostics of the test manifest to clear',
        () =>
          liveDiagnosticsOf('infra/terraform/topics.tf').length === 0 && liveDiagnosticsOf('services/audit-archiver/main.go').length === 0,
      );
      assert.equal(api.live.state.result(api.sessions.all[0]!, 'prod', 'topics'), undefined);
      assert.equal((api.views.tree.allServices() as ServiceItem[]).find((s) => s.service.name === 'audit-archiver')?.live, undefined);
    });
  });
});
