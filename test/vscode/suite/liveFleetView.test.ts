// Runs after live.test (file order): that suite asserts activation alone leaves dist/live.js unloaded.
// The Fleet view in the extension host: hidden until a manifest names a fleet, read through the live
// bundle from a stand-in cluster (no brokers in the test host) holding records of two repositories,
// repositories -> services with the org-wide verdicts, refused in an untrusted workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ClusterClient, EndOffsets, RecordRead, TopicDescription } from '../../../src/live/client';
import type { FleetOutcome, FleetView } from '../../../src/vscode/fleet/fleetView';
import type { TestApi } from '../../../src/vscode/testApi';
import { activateExtension, folder, uriOf, waitFor } from './fleet';

type Api = TestApi & { fleet: FleetView };

const TEMP_MANIFEST = 'kafka-cutover.fleet-test.yaml';
const TOPIC = 'kafka-cutover.fleet';

function record(repo: string, service: string, role: string, produces: string[], consumes: string[], prod: string): RecordRead {
  const value = {
    version: 1,
    repo,
    service,
    root: `services/${service}`,
    role,
    produces,
    consumes,
    groups: [],
    state: { prod },
    readiness: { prod: { status: 'ready', ready: true, blockedBy: [], unknown: [] } },
    findings: { error: 0, warning: 0, info: 0 },
    commit: 'a'.repeat(40),
    at: '2026-12-01T10:00:00.000Z',
  };
  return { offset: 0, timestamp: 0, key: Buffer.from(`${repo}/${service}`), value: Buffer.from(JSON.stringify(value)) };
}

/** One partition holding the records in order (offsets renumbered), compacted. */
function fleetCluster(records: RecordRead[], label: string): ClusterClient {
  const log = records.map((r, i) => ({ ...r, offset: i }));
  const described: TopicDescription = {
    name: TOPIC,
    partitions: 1,
    replicationFactor: 3,
    configs: { 'cleanup.policy': 'compact' },
    overrides: ['cleanup.policy'],
  };
  const refuse = async (): Promise<never> => {
    throw new Error('not used by the fleet view');
  };
  return {
    label,
    describeCluster: refuse,
    listTopics: async () => [TOPIC],
    describeTopics: async (names) => new Map(names.includes(TOPIC) ? [[TOPIC, described]] : []),
    endOffsets: async (topics): Promise<EndOffsets> => (topics.includes(TOPIC) ? { [TOPIC]: new Map([[0, log.length]]) } : {}),
    listGroups: refuse,
    groupOffsets: refuse,
    describeGroups: refuse,
    readRecords: async (_t, _p, from, max) => log.slice(from, from + max),
    close: async () => undefined,
  };
}

describe('Kafka Cutover Fleet view', function () {
  this.timeout(60_000);
  let api: Api;

  before(async () => {
    api = (await activateExtension()) as Api;
    await waitFor('the first analysis', () => api.sessions.all[0]?.analysis);
  });

  afterEach(() => {
    delete api.fleet.testHooks.makeClient;
    delete api.fleet.testHooks.trusted;
  });

  it('without a fleet in the manifest: refused with the key to add; the view stays hidden', async () => {
    const outcome = await vscode.commands.executeCommand<FleetOutcome>('kafkaCutover.fleet.refresh');
    assert.deepEqual(outcome, { status: 'refused', reason: 'No manifest names a fleet (`fleet:` in kafka-cutover.yaml).' });
    const pkg = vscode.extensions.all.find((e) => e.packageJSON.name === 'kafka-cutover')!.packageJSON as {
      contributes: { views: Record<string, Array<{ id: string; when?: string }>> };
    };
    assert.equal(pkg.contributes.views.kafkaCutover!.find((v) => v.id === 'kafkaCutover.fleet')?.when, 'kafkaCutover.hasFleet');
  });

  describe('with a manifest that names a fleet', () => {
    before(async () => {
      const original = fs.readFileSync(uriOf('kafka-cutover.yaml').fsPath, 'utf8');
      fs.writeFileSync(
        uriOf(TEMP_MANIFEST).fsPath,
        `${original.trimEnd()}\nfleet: { brokers: [fleet-kafka.internal:9096], topic: ${TOPIC}, repository: acme/fleet, auth: sasl_scram, username: cutover }\n`,
      );
      await vscode.workspace
        .getConfiguration('kafkaCutover', folder().uri)
        .update('manifestPath', TEMP_MANIFEST, vscode.ConfigurationTarget.Workspace);
      await waitFor('the scan with the fleet manifest', () => api.sessions.all[0]?.analysis?.model.manifest.fleet?.topic === TOPIC, 20_000);
    });

    after(async () => {
      await vscode.commands.executeCommand('kafkaCutover.live.clearSecrets', { env: 'fleet', confirm: false });
      await vscode.workspace
        .getConfiguration('kafkaCutover', folder().uri)
        .update('manifestPath', undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor(
        'the scan with the example manifest',
        () => api.sessions.all[0]?.analysis?.model.manifest.path === uriOf('kafka-cutover.yaml').fsPath,
        20_000,
      );
      fs.rmSync(uriOf(TEMP_MANIFEST).fsPath, { force: true });
    });

    it('a SCRAM fleet cluster needs its password first; Set Cluster Secret stores it under "fleet"', async () => {
      const refused = await vscode.commands.executeCommand<FleetOutcome>('kafkaCutover.fleet.refresh');
      assert.equal(refused.status, 'refused');
      assert.match((refused as { reason: string }).reason, /^fleet cluster: SASL\/SCRAM needs the password of cutover: set /);
      assert.equal(
        await vscode.commands.executeCommand('kafkaCutover.live.setSecret', {
          folder: folder().uri.toString(),
          env: 'fleet',
          value: 'pw-fleet-7c1',
        }),
        true,
      );
    });

    it('reads the latest record per service and shows repositories -> services with cross-repo verdicts', async () => {
      let dialled: string[] = [];
      let password: string | undefined;
      api.fleet.testHooks.makeClient = (settings) => {
        dialled = settings.brokers;
        password = settings.sasl?.mechanism === 'scram-sha-512' ? settings.sasl.password : undefined;
        return fleetCluster(
          [
            record('acme/checkout', 'checkout', 'producer', ['orders'], [], 'source'),
            record('acme/fulfilment', 'shipping', 'consumer', [], ['orders'], 'target'),
            record('acme/fulfilment', 'shipping', 'consumer', [], ['orders'], 'source'), // the latest record wins
            record('acme/fulfilment', 'ledger', 'consumer', [], ['refunds'], 'target'),
          ],
          settings.label,
        );
      };
      const outcome = await vscode.commands.executeCommand<FleetOutcome>('kafkaCutover.fleet.refresh');
      assert.equal(outcome.status, 'read', JSON.stringify(outcome));
      assert.deepEqual(dialled, ['fleet-kafka.internal:9096']);
      assert.equal(password, 'pw-fleet-7c1');
      const roots = api.fleet.getChildren();
      assert.deepEqual(
        roots.map((n) => api.fleet.getTreeItem(n).label),
        ['acme/checkout', 'acme/fulfilment'],
      );
      assert.deepEqual(
        roots.map((n) => api.fleet.getTreeItem(n).description),
        ['0 / 1 moved', '1 / 2 moved'],
      );
      const services = roots.flatMap((r) => api.fleet.getChildren(r)).map((n) => api.fleet.getTreeItem(n));
      assert.deepEqual(
        services.map((i) => [i.label, i.description, (i.iconPath as vscode.ThemeIcon).id]),
        [
          ['checkout', 'blocked · 1', 'debug-pause'],
          ['ledger', 'moved', 'pass-filled'],
          ['shipping', 'ready', 'arrow-circle-right'],
        ],
      );
      const tip = (services[0]!.tooltip as vscode.MarkdownString).value;
      assert.match(tip, /\*\*acme\/checkout\/checkout\*\* · producer · blocked \(source\)/);
      assert.match(tip, /- acme\/fulfilment\/shipping · orders/);
    });

    it('refuses in an untrusted workspace and says why in the view', async () => {
      api.fleet.testHooks.trusted = false;
      const outcome = await vscode.commands.executeCommand<FleetOutcome>('kafkaCutover.fleet.refresh');
      assert.deepEqual(outcome, { status: 'refused', reason: 'The fleet is read from a Kafka cluster: trust the workspace to read it.' });
      assert.deepEqual(
        api.fleet.getChildren().map((n) => api.fleet.getTreeItem(n).label),
        ['The fleet is read from a Kafka cluster: trust the workspace to read it.'],
      );
    });
  });
});
