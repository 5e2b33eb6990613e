// The checks that confirm or contradict the plan, against real brokers and a real MirrorMaker 2:
// who is connected where (clients), producers still writing to the source (producers), how moved
// consumers do (health) and whether offsets were translated (offsets). Real consumers join real
// groups; the few changes that must land between two samples of a window are made by a wrapper around
// the real client right after the sample they must follow, so no assertion rests on timing.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Consumer } from 'kafkajs';
import { run } from '../../src/cli/main';
import { kafkaJsClient } from '../../src/live/kafkajs';
import { envSecrets } from '../../src/live/secrets';
import type { ClusterClient } from '../../src/live/client';
import type { ClientsResults } from '../../src/live/checks/clients';
import type { HealthResults } from '../../src/live/checks/health';
import type { OffsetsResults } from '../../src/live/checks/offsets';
import type { ProducersResults } from '../../src/live/checks/producers';
import type { CheckName, LiveFinding } from '../../src/live/checks/types';
import type { Model } from '../../src/core/model/types';
import { startClusters, type Clusters } from './harness';
import {
  checkOne,
  commitOffsets,
  consumeAndCommit,
  createTopics,
  endOffsetsOf,
  io,
  kafka,
  produce,
  scan,
  service,
  sourceBrokers,
  waitFor,
  withAdmin,
  writeRepoFor,
} from './helpers';

function brief(f: LiveFinding): string {
  return `${f.rule ?? '-'} ${f.severity} ${f.cluster ?? '-'} ${f.file ? `${f.file}:${f.range!.start.line}:${f.range!.start.column} ` : ''}${f.message}`;
}

/** A real consumer that stays in its group (subscribed, running) until stopped. */
async function member(brokers: string, group: string, topic: string, clientId: string): Promise<Consumer> {
  const consumer = kafka(brokers, { clientId }).consumer({ groupId: group, sessionTimeout: 10_000, heartbeatInterval: 1000 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  let joined!: () => void;
  const done = new Promise<void>((resolve) => (joined = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
  await done;
  return consumer;
}

describe('live checks that confirm the plan: clients, producers, health, offsets', () => {
  let clusters: Clusters;
  let dir: string;
  let model: Model;
  const members: Consumer[] = [];
  let source: string;
  let target: string;

  /** Runs one check with the real kafkajs client, optionally wrapped to act right after a call. */
  const check = async <T>(name: CheckName, wrap?: (side: 'source' | 'target', client: ClusterClient) => ClusterClient, windowMs = 2_000) =>
    checkOne<T>(model, name, {
      secrets: envSecrets({}),
      windowMs,
      makeClient: (settings, timeoutMs) => {
        const client = kafkaJsClient(settings, { timeoutMs });
        return wrap ? wrap(settings.label.startsWith('source') ? 'source' : 'target', client) : client;
      },
    });

  before(async () => {
    clusters = await startClusters();
    source = clusters.source.bootstrap;
    target = clusters.target.plaintext;
    await createTopics(source, [
      { topic: 'orders', partitions: 3 },
      { topic: 'payments', partitions: 2 },
    ]);
    await produce(source, 'orders', [2, 2, 2]);
    await produce(source, 'payments', [3, 1]);
    await waitFor(
      'orders and payments mirrored',
      async () => [await endOffsetsOf(target, 'orders'), await endOffsetsOf(target, 'payments')],
      (v) => JSON.stringify(v) === '[[2,2,2],[3,1]]',
    );

    // billing (still on the source) committed everything on the source: MM2 checkpoints and syncs it.
    await consumeAndCommit(source, 'billing-svc', 'payments', 4);
    // A member of reporting's group already runs on the target, then reporting commits on the source:
    // MirrorMaker 2 checkpoints it but syncs only into groups with no active members.
    members.push(await member(target, 'reporting-svc', 'orders', 'reporting-canary'));
    await commitOffsets(source, 'reporting-svc', 'orders', [1, 2, 2]);
    // On the target, moved consumers: ledger (will rewind), audit (stalled at 1), mailer (never commits), tally (caught up).
    await commitOffsets(target, 'ledger-svc', 'payments', [3, 1]);
    await commitOffsets(target, 'audit-svc', 'payments', [1, 1]);
    await commitOffsets(target, 'tally-svc', 'payments', [3, 1]);
    // On the source: a group nobody scanned, and the shipping service's old deployment.
    members.push(await member(source, 'fraud-scanner', 'orders', 'fraud-scanner-1'));
    members.push(await member(source, 'shipping-svc', 'orders', 'shipping-old'));

    const src = sourceBrokers(clusters);
    dir = writeRepoFor(
      clusters,
      { listener: 'plaintext', auth: 'plaintext' },
      {
        // Moved producers: checkout writes orders, invoicing writes payments.
        ...service('checkout', { KAFKA_BROKERS: target, OUTPUT_TOPIC: 'orders' }),
        ...service('invoicing', { KAFKA_BROKERS: target, OUTPUT_TOPIC: 'payments' }),
        // Moved in the repository, but its old deployment still reads on the source.
        ...service('shipping', { KAFKA_BROKERS: target, INPUT_TOPIC: 'orders', KAFKA_GROUP_ID: 'shipping-svc' }),
        ...service('billing', {
          KAFKA_BROKERS: src,
          INPUT_TOPIC: 'payments',
          KAFKA_GROUP_ID: 'billing-svc',
          AUTO_OFFSET_RESET: 'earliest',
        }),
        ...service('reporting', { KAFKA_BROKERS: src, INPUT_TOPIC: 'orders', KAFKA_GROUP_ID: 'reporting-svc' }),
        ...service('archive', { KAFKA_BROKERS: src, INPUT_TOPIC: 'orders', KAFKA_GROUP_ID: 'archive-svc' }),
        ...service('ledger', { KAFKA_BROKERS: target, INPUT_TOPIC: 'payments', KAFKA_GROUP_ID: 'ledger-svc' }),
        ...service('audit', { KAFKA_BROKERS: target, INPUT_TOPIC: 'payments', KAFKA_GROUP_ID: 'audit-svc' }),
        ...service('mailer', { KAFKA_BROKERS: target, INPUT_TOPIC: 'payments', KAFKA_GROUP_ID: 'mailer-svc' }),
        ...service('tally', { KAFKA_BROKERS: target, INPUT_TOPIC: 'payments', KAFKA_GROUP_ID: 'tally-svc' }),
      },
    );
    model = await scan(dir);
  });

  after(async () => {
    await Promise.all(members.map((m) => m.disconnect().catch(() => undefined)));
    await clusters?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('clients: every group on both clusters with members and owners; unknown consumer, old deployment, moved group absent on the target', async () => {
    const { results, findings } = await check<ClientsResults>('clients');
    const row = (cluster: string, group: string) => results.groups.find((g) => g.cluster === cluster && g.group === group);
    assert.deepEqual(row('source', 'fraud-scanner'), {
      cluster: 'source',
      group: 'fraud-scanner',
      state: 'Stable',
      protocolType: 'consumer',
      service: null,
      members: [{ clientId: 'fraud-scanner-1', host: '127.0.0.1', topics: ['orders'] }],
      topics: ['orders'],
      committed: {},
    });
    assert.equal(row('source', 'shipping-svc')?.service, 'shipping');
    assert.deepEqual(row('source', 'billing-svc'), {
      cluster: 'source',
      group: 'billing-svc',
      state: 'Empty',
      protocolType: 'consumer',
      service: 'billing',
      members: [],
      topics: ['payments'],
      committed: { payments: { '0': 3, '1': 1 } },
    });
    assert.deepEqual(row('target', 'reporting-svc')?.members, [{ clientId: 'reporting-canary', host: '127.0.0.1', topics: ['orders'] }]);
    assert.deepEqual(row('target', 'audit-svc')?.committed, { payments: { '0': 1, '1': 1 } });
    const mine = findings.filter((f) => f.rule);
    assert.deepEqual(mine.map(brief), [
      'unknown-consumer error source services/checkout/.env:2:14 group fraud-scanner (1 member at 127.0.0.1, client id fraud-scanner-1) reads orders on the source in test, and no scanned service owns it: checkout must not move to the target before it does (it would stop seeing their records)',
      'consumer-not-on-target warning target services/audit/.env:3:16 audit is moved to the target in the repository, but its group audit-svc has no members on the target in test (state Empty): is the new deployment running?',
      'consumer-not-on-target warning target services/ledger/.env:3:16 ledger is moved to the target in the repository, but its group ledger-svc has no members on the target in test (state Empty): is the new deployment running?',
      'consumer-not-on-target warning target services/mailer/.env:3:16 mailer is moved to the target in the repository, but its group mailer-svc has no members on the target in test (no such group): is the new deployment running?',
      'consumer-left-on-source error source services/shipping/.env:3:16 shipping is moved to the target in the repository, but its group shipping-svc still has 1 member at 127.0.0.1 on the source in test: an old deployment is still running there',
      'consumer-not-on-target warning target services/shipping/.env:3:16 shipping is moved to the target in the repository, but its group shipping-svc has no members on the target in test (no such group): is the new deployment running?',
      'consumer-not-on-target warning target services/tally/.env:3:16 tally is moved to the target in the repository, but its group tally-svc has no members on the target in test (state Empty): is the new deployment running?',
    ]);
    assert.deepEqual(mine.find((f) => f.rule === 'unknown-consumer')?.hosts, ['127.0.0.1']);
  });

  test('producers: a source topic whose producers all moved still grows (unrouted); a moved producer writes nothing on the target (silent)', async () => {
    let sampled = false;
    const { results, findings } = await check<ProducersResults>('producers', (side, client) =>
      side === 'source'
        ? {
            ...client,
            endOffsets: async (topics, o) => {
              const ends = await client.endOffsets(topics, o);
              // Right after the first sample: an old deployment of checkout writes 3 orders to the source.
              if (!sampled) {
                sampled = true;
                await produce(source, 'orders', [1, 0, 2]);
              }
              return ends;
            },
          }
        : client,
    );
    assert.deepEqual(results, {
      windowMs: 2000,
      topics: [
        { topic: 'orders', producers: ['checkout'], sourceGrowth: { '0': 1, '2': 2 }, targetGrowth: results.topics[0]!.targetGrowth },
        { topic: 'payments', producers: ['invoicing'], sourceGrowth: {}, targetGrowth: {} },
      ],
    });
    assert.deepEqual(findings.map(brief), [
      'unrouted-producer error source services/checkout/.env:2:14 orders received 3 new records on the source in 2 s (partitions 0, 2) although its known producers (checkout) are on the target in test: something the repository does not show still writes to the old cluster',
      'producer-silent warning target services/invoicing/.env:2:14 payments received nothing new on the target in 2 s although its producers (invoicing) moved there in test: are they running and pointed at the target?',
    ]);
    assert.deepEqual(findings[0]!.partitions, [0, 2]);
  });

  test('health: rewound, stalled, no commits and ok per group and partition, lag in time from the record at the committed offset', async () => {
    // The 3 orders the producers test wrote reach the target through MM2 before health reads them.
    await waitFor(
      'new orders mirrored',
      () => endOffsetsOf(target, 'orders'),
      (v) => JSON.stringify(v) === '[3,2,4]',
    );
    let first = true;
    const started = Date.now();
    const { results, findings } = await check<HealthResults>('health', (side, client) =>
      side === 'target'
        ? {
            ...client,
            groupOffsets: async (group, o) => {
              const offsets = await client.groupOffsets(group, o);
              // After ledger's first sample, someone resets it to the beginning (as after a move with earliest).
              if (group === 'ledger-svc' && first) {
                first = false;
                await commitOffsets(target, 'ledger-svc', 'payments', [0, 0]);
              }
              return offsets;
            },
          }
        : client,
    );
    const elapsed = Date.now() - started;
    const statuses = Object.fromEntries(
      results.groups.map((g) => [
        g.group,
        [g.status, ...g.partitions.map((p) => `${p.topic}[${p.partition}] ${p.status} ${JSON.stringify(p.committed)} lag ${p.lag}`)],
      ]),
    );
    assert.deepEqual(statuses, {
      'audit-svc': ['stalled', 'payments[0] stalled [1,1,1] lag 2', 'payments[1] ok [1,1,1] lag 0'],
      'ledger-svc': ['rewound', 'payments[0] rewound [3,0,0] lag 3', 'payments[1] rewound [1,0,0] lag 1'],
      'mailer-svc': ['stopped', 'payments[0] stopped [null,null,null] lag 3', 'payments[1] stopped [null,null,null] lag 1'],
      'shipping-svc': [
        'stopped',
        'orders[0] stopped [null,null,null] lag 3',
        'orders[1] stopped [null,null,null] lag 2',
        'orders[2] stopped [null,null,null] lag 4',
      ],
      'tally-svc': ['ok', 'payments[0] ok [3,3,3] lag 0', 'payments[1] ok [1,1,1] lag 0'],
    });
    // The record at audit's committed offset (payments[0] @ 1) was produced in before(): its age is real and bounded.
    const audit = results.groups.find((g) => g.group === 'audit-svc')!.partitions[0]!;
    assert.ok(audit.lagMs !== null && audit.lagMs > 0 && audit.lagMs < Date.now() - started + 10 * 60_000, String(audit.lagMs));
    assert.equal(results.groups.find((g) => g.group === 'tally-svc')!.partitions[0]!.lagMs, null);
    assert.deepEqual(
      findings.map((f) => `${f.rule} ${f.severity} ${f.group} ${JSON.stringify(f.partitions)}`),
      [
        'consumer-stalled error audit-svc [0]',
        'consumer-rewound warning ledger-svc [0,1]',
        'consumer-no-commits warning mailer-svc [0,1]',
        'consumer-no-commits warning shipping-svc [0,1,2]',
      ],
    );
    assert.ok(elapsed >= 2_000, `the window is watched (${elapsed} ms)`);
  });

  test('offsets: MM2 checkpoints beside the source commits; translated, checkpointed but blocked by an active target group, none', async () => {
    // Which partitions MM2 has translated, and when, is MM2's business: wait until it did both of
    // billing's and checkpointed reporting's, then assert what the check reads against what is there.
    const { results, findings } = await waitFor(
      'offsets translated and checkpointed',
      () => check<OffsetsResults>('offsets'),
      (r) =>
        r.results.groups.find((g) => g.group === 'billing-svc')?.verdict === 'translated' &&
        (r.results.groups.find((g) => g.group === 'reporting-svc')?.partitions.filter((p) => p.checkpoint).length ?? 0) === 3,
      90_000,
    );
    assert.deepEqual(results.checkpointTopics, ['source.checkpoints.internal']);
    const billing = results.groups.find((g) => g.group === 'billing-svc')!;
    assert.equal(billing.verdict, 'translated');
    assert.deepEqual(
      billing.partitions.map((p) => [p.topic, p.partition, p.sourceCommitted, p.checkpoint?.upstream, p.targetCommitted !== null]),
      [
        ['payments', 0, 3, 3, true],
        ['payments', 1, 1, 1, true],
      ],
    );
    // MM2 translates conservatively (KAFKA-14666): never past the source's position, never negative.
    for (const p of billing.partitions)
      assert.ok(p.checkpoint!.downstream >= 0 && p.checkpoint!.downstream <= p.checkpoint!.upstream, JSON.stringify(p));
    const onTarget = await withAdmin(target, async (a) =>
      (await a.fetchOffsets({ groupId: 'billing-svc', topics: ['payments'] }))[0]!.partitions
        .sort((x, y) => x.partition - y.partition)
        .map((p) => Number(p.offset)),
    );
    assert.deepEqual(
      billing.partitions.map((p) => p.targetCommitted),
      onTarget,
    );
    const reporting = results.groups.find((g) => g.group === 'reporting-svc')!;
    assert.equal(reporting.verdict, 'checkpointed');
    assert.equal(reporting.targetGroupState, 'Stable');
    assert.equal(reporting.reset, 'latest');
    const archive = results.groups.find((g) => g.group === 'archive-svc')!;
    assert.deepEqual([archive.verdict, archive.partitions, archive.targetGroupState], ['none', [], 'Dead']);
    assert.deepEqual(
      findings.map((f) => `${f.severity} ${f.group} ${f.message}`),
      [
        'warning archive-svc archive (group archive-svc) will start from latest: records mirrored before it joins are skipped when it moves in test: no checkpoints for this group on the target (MirrorMaker 2 older than 2.4, checkpoints off, or the group never committed)',
        'info billing-svc billing (group billing-svc) is safe to move in test: its offsets are translated on the target (2/2 partitions)',
        `warning reporting-svc reporting (group reporting-svc) will start from latest: records mirrored before it joins are skipped when it moves in test: MirrorMaker 2 checkpointed its offsets but the target group has none (${reporting.partitions.filter((p) => p.targetCommitted !== null).length}/3 partitions), and the target group is Stable: MirrorMaker 2 syncs only into groups with no active members`,
      ],
    );
  });

  test('plan --live / scan --live: the clusters contradict the repository; the JSON carries the evidence', async () => {
    const json = io({});
    assert.equal(await run(['scan', dir, '--live', '--format', 'json'], json), 1, json.stderr);
    const report = JSON.parse(json.stdout) as {
      services: Array<{ name: string; status: Record<string, string> }>;
      live: {
        evidence: Array<{
          environment: string;
          at: string;
          checks: string[];
          groups: Array<{ group: string; cluster: string; service: string | null }>;
          findings: Array<{ rule: string; group?: string; topic?: string; service?: string }>;
        }>;
      };
    };
    const status = (name: string) => report.services.find((x) => x.name === name)!.status.test;
    // checkout produces orders on the target while fraud-scanner (no repository owns it) reads orders on the source.
    assert.equal(status('checkout'), 'hazard');
    // shipping is moved in the repository, but its old deployment still reads on the source.
    assert.equal(status('shipping'), 'hazard');
    const [ev] = report.live.evidence;
    assert.equal(ev!.environment, 'test');
    assert.deepEqual(ev!.checks, ['clients']);
    assert.ok(!Number.isNaN(Date.parse(ev!.at)));
    assert.deepEqual(
      ev!.groups.filter((g) => g.group === 'fraud-scanner'),
      [{ cluster: 'source', group: 'fraud-scanner', state: 'Stable', service: null, hosts: ['127.0.0.1'], topics: ['orders'] }],
    );
    assert.deepEqual(
      ev!.findings.filter((f) => f.rule === 'unknown-consumer').map((f) => [f.group, f.topic]),
      [['fraud-scanner', 'orders']],
    );
    const plan = io({});
    assert.equal(await run(['plan', dir, '--live', '--wide'], plan), 1, plan.stderr);
    assert.match(plan.stdout, /\nLive · test · checked \S+ \(clients\): \d+ consumer groups\n/);
    assert.match(
      plan.stdout,
      /  error: services\/shipping\/\.env:3:16: consumer-left-on-source: shipping is moved to the target in the repository, but its group shipping-svc still has 1 member at 127\.0\.0\.1 on the source/,
    );
    assert.match(plan.stdout, /    - checkout: data-loss hazard\n/);
  });

  test('CLI: check clients and producers with --window, tables and exit 1; nothing is written to the clusters', async () => {
    const before = await withAdmin(source, async (a) => (await a.listGroups()).groups.map((g) => g.groupId).sort());
    const out = io({});
    assert.equal(await run(['check', 'clients', dir], out), 1, out.stderr);
    assert.match(out.stdout, /source\s+fraud-scanner\s+Stable\s+UNKNOWN\s+1@127\.0\.0\.1\s+orders/);
    assert.match(out.stdout, /error: \S*services\/checkout\/\.env:2:14: group fraud-scanner/);
    assert.match(out.stdout, /target\s+source-mm2\s+Stable\s+\(connect\)/);
    const window = io({});
    assert.equal(await run(['check', 'producers', dir, '--window', '1', '--format', 'json'], window), 1, window.stderr);
    assert.equal((JSON.parse(window.stdout) as { checks: Array<{ results: ProducersResults }> }).checks[0]!.results.windowMs, 1000);
    const bad = io({});
    assert.equal(await run(['check', 'producers', dir, '--window', '0'], bad), 2);
    assert.match(bad.stderr, /--window must be a positive whole number/);
    const afterGroups = await withAdmin(source, async (a) => (await a.listGroups()).groups.map((g) => g.groupId).sort());
    assert.deepEqual(afterGroups, before);
  });
});
