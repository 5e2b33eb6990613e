// The fleet on a real broker: several repositories publish to one compacted topic, a service that
// leaves its repository becomes a tombstone, two repositories publish at once, a record of a newer
// schema is skipped with a warning, and readiness is computed across repositories.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { run } from '../../src/cli/main';
import { startClusters, type Clusters } from './harness';
import { createTopics, io, kafka, service, withAdmin, writeRepo } from './helpers';

const TOPIC = 'kafka-cutover.fleet';

describe('the fleet topic on a real broker: publish, tombstones, concurrent publishers, newer schema, cross-repo plan', () => {
  let clusters: Clusters;
  const dirs: string[] = [];
  let fleetBroker: string;

  /** A repository with a manifest whose prod source is `kafka-old:9092` and target an MSK host, publishing to the harness. */
  const repo = (id: string, files: Record<string, string>, topic = TOPIC) => {
    const manifest = [
      'version: 1',
      'environments:',
      '  prod:',
      '    source: { brokers: [kafka-old.prod.internal:9092] }',
      '    target: { brokers: [b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094], auth: mtls }',
      'services: { roots: ["services/*"] }',
      `fleet: { brokers: [${fleetBroker}], topic: ${topic}, repository: ${id} }`,
      '',
    ].join('\n');
    const dir = writeRepo({ 'kafka-cutover.yaml': manifest, ...files });
    dirs.push(dir);
    return dir;
  };
  const OLD = 'kafka-old.prod.internal:9092';
  const MSK = 'b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094';

  before(async () => {
    clusters = await startClusters({ mirror: false });
    fleetBroker = clusters.target.plaintext;
    await createTopics(fleetBroker, [
      { topic: TOPIC, partitions: 3, config: { 'cleanup.policy': 'compact' } },
      { topic: 'not-compacted', partitions: 1 },
    ]);
  });

  after(async () => {
    await clusters?.stop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  test('publish from two repositories at once, then the fleet plans across them', async () => {
    const checkout = repo('acme/checkout', {
      ...service('checkout', { KAFKA_BROKERS: OLD, OUTPUT_TOPIC: 'orders' }),
      ...service('refunds', { KAFKA_BROKERS: OLD, OUTPUT_TOPIC: 'refunds' }),
    });
    const fulfilment = repo('acme/fulfilment', {
      ...service('shipping', { KAFKA_BROKERS: OLD, INPUT_TOPIC: 'orders', KAFKA_GROUP_ID: 'shipping' }),
      ...service('ledger', { KAFKA_BROKERS: MSK, INPUT_TOPIC: 'refunds', KAFKA_GROUP_ID: 'ledger' }),
    });
    const [a, b] = [io(), io()];
    const codes = await Promise.all([run(['publish', checkout], a), run(['publish', fulfilment], b)]);
    assert.deepEqual(codes, [0, 0], a.stderr + b.stderr);
    assert.equal(a.stdout, 'published 2 services of acme/checkout (manifest) to kafka-cutover.fleet\n');
    assert.equal(b.stdout, 'published 2 services of acme/fulfilment (manifest) to kafka-cutover.fleet\n');

    const json = io();
    assert.equal(await run(['fleet', checkout, '--format', 'json'], json), 0, json.stderr);
    const plan = JSON.parse(json.stdout) as {
      repos: string[];
      summary: Record<string, unknown>;
      verdicts: Record<string, Record<string, { status: string; blockers: unknown[] }>>;
      warnings: string[];
    };
    assert.deepEqual(plan.repos, ['acme/checkout', 'acme/fulfilment']);
    assert.deepEqual(plan.summary, { prod: { onTarget: 1, total: 4, hazards: 0, blocked: 1, unknown: 0 } });
    // checkout's only consumer lives in the other repository and is still on the source.
    assert.deepEqual(plan.verdicts.prod!['acme/checkout/checkout'], {
      status: 'blocked',
      state: 'source',
      blockers: [{ topic: 'orders', by: 'acme/fulfilment/shipping', kind: 'service' }],
      unknown: [],
    });
    // refunds has no consumer anywhere, but its repository declares no topic: it keeps that fix of its own.
    assert.equal(plan.verdicts.prod!['acme/checkout/refunds']!.status, 'ready-after-fixes');
    assert.equal(plan.verdicts.prod!['acme/fulfilment/ledger']!.status, 'moved');
    assert.deepEqual(plan.warnings, []);

    const table = io();
    assert.equal(await run(['fleet', fulfilment], table), 0);
    assert.equal(table.stdout.split('\n')[0], '1 / 4 on MSK · prod · 2 repositories · 1 blocked');
  });

  test('a service that left its repository becomes a tombstone; a newer schema version is skipped with a warning', async () => {
    // acme/fulfilment again, without ledger.
    const smaller = repo('acme/fulfilment', service('shipping', { KAFKA_BROKERS: OLD, INPUT_TOPIC: 'orders', KAFKA_GROUP_ID: 'shipping' }));
    const out = io();
    assert.equal(await run(['publish', smaller], out), 0, out.stderr);
    assert.equal(
      out.stdout,
      'published 1 service of acme/fulfilment (manifest) to kafka-cutover.fleet; removed acme/fulfilment/ledger (no longer in the repository)\n',
    );

    const producer = kafka(fleetBroker).producer();
    await producer.connect();
    await producer.send({
      topic: TOPIC,
      messages: [{ key: 'acme/future/svc', value: JSON.stringify({ version: 2, repo: 'acme/future', service: 'svc' }) }],
    });
    await producer.disconnect();

    const json = io();
    assert.equal(await run(['fleet', smaller, '--format', 'json'], json), 0);
    const plan = JSON.parse(json.stdout) as { services: Array<{ id: string }>; warnings: string[] };
    assert.deepEqual(
      plan.services.map((s) => s.id),
      ['acme/checkout/checkout', 'acme/checkout/refunds', 'acme/fulfilment/shipping'],
    );
    assert.deepEqual(plan.warnings, ['acme/future/svc: schema version 2 is newer than this tool reads (1): skipped; update kafka-cutover']);
    assert.equal(
      json.stderr,
      'warning: acme/future/svc: schema version 2 is newer than this tool reads (1): skipped; update kafka-cutover\n',
    );
    // ledger was published in the first test: it is gone because its latest record is the tombstone.
  });

  test('scan --fleet: local readiness counts consumers in other repositories; the working tree replaces what was published', async () => {
    // acme/checkout again, from a working tree where checkout also produces refunds.v2 (not published yet).
    const checkout = repo(
      'acme/checkout',
      service('checkout', { KAFKA_BROKERS: OLD, OUTPUT_TOPIC: 'orders', AUDIT_OUTPUT_TOPIC: 'refunds.v2' }),
    );
    const alone = io();
    assert.equal(await run(['scan', checkout, '--format', 'json'], alone), 0, alone.stderr);
    const local = JSON.parse(alone.stdout) as {
      services: Array<{ name: string; readiness: Record<string, { status: string; blockedBy: string[] }> }>;
    };
    // On its own the repository sees no consumer of orders: only its own fix (no topic declared) remains.
    assert.deepEqual(local.services[0]!.readiness.prod, {
      ...local.services[0]!.readiness.prod,
      status: 'ready-after-fixes',
      blockedBy: [],
    });
    const withFleet = io();
    assert.equal(await run(['scan', checkout, '--fleet', '--format', 'json'], withFleet), 0, withFleet.stderr);
    const fleet = JSON.parse(withFleet.stdout) as typeof local;
    const r = fleet.services[0]!.readiness.prod!;
    assert.equal(r.status, 'blocked');
    assert.deepEqual(r.blockedBy, ['acme/fulfilment/shipping']);
    const plan = io();
    assert.equal(await run(['plan', checkout, '--fleet'], plan), 0, plan.stderr);
    assert.match(plan.stdout, /    - checkout: blocked by acme\/fulfilment\/shipping\n/);
    assert.match(plan.stdout, /\nFleet: \d+ repositories, \d+ services; this repository as acme\/checkout\n$/);
  });

  test('the topic is checked, never created: missing or not compacted is exit 2 with the Terraform block', async () => {
    const missing = repo('acme/x', service('x', { KAFKA_BROKERS: OLD, OUTPUT_TOPIC: 'x' }), 'kafka-cutover.nowhere');
    const out = io();
    assert.equal(await run(['publish', missing], out), 2);
    assert.match(
      out.stderr,
      /^kafka-cutover publish: the fleet topic kafka-cutover\.nowhere does not exist on fleet cluster 127\.0\.0\.1:\d+: create it compacted, e\.g\. with this Terraform:\nresource "kafka_topic" "kafka_cutover_nowhere" \{\n  name {15}= "kafka-cutover\.nowhere"\n/,
    );
    assert.match(out.stderr, /"cleanup\.policy" {6}= "compact"/);
    const flat = repo('acme/y', service('y', { KAFKA_BROKERS: OLD, OUTPUT_TOPIC: 'y' }), 'not-compacted');
    const out2 = io();
    assert.equal(await run(['fleet', flat], out2), 2);
    assert.match(out2.stderr, /the fleet topic not-compacted has cleanup\.policy=delete: it must be compacted/);
    const topics = await withAdmin(fleetBroker, (a) => a.listTopics());
    assert.equal(topics.includes('kafka-cutover.nowhere'), false);
    const noFleet = writeRepo({
      'kafka-cutover.yaml':
        'version: 1\nenvironments:\n  prod:\n    source: { brokers: [a.internal:9092] }\n    target: { brokers: [b.internal:9092] }\n',
    });
    dirs.push(noFleet);
    const out3 = io();
    assert.equal(await run(['publish', noFleet], out3), 2);
    assert.match(out3.stderr, /the manifest names no fleet cluster: add `fleet: \{ brokers: \[\.\.\.\], topic: kafka-cutover\.fleet \}`/);
  });
});
