import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { RepositoryIndex } from '../../../src/core/repositoryIndex';
import { buildReport } from '../../../src/core/report';
import type { BrokerRef, Model } from '../../../src/core/model/types';
import { copyFixture, LAYOUT, ZERO_CONFIG } from '../../helpers/scopeFixtures';

const copies: string[] = [];
after(() => copies.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const refLine = (r: BrokerRef) =>
  `${r.file}:${r.range.start.line}:${r.range.start.column}-${r.range.end.line}:${r.range.end.column} ${r.kind} ${r.cluster}${r.inferred ? ' inferred' : ''} ${r.environment ?? '-'} ${r.service ?? '-'}`;
const states = (m: Model) => Object.fromEntries(m.services.map((s) => [s.name, s.state]));
const edges = (m: Model) =>
  m.services.map((s) => `${s.name}: produces ${s.produces.join(',') || '-'}; consumes ${s.consumes.join(',') || '-'}`);

test("zero-config: a compose stack's own broker and localhost are local, the hosts Helm values and a Nomad job name for prod the inferred source", async () => {
  const { model } = await new RepositoryIndex(ZERO_CONFIG).scan();
  assert.deepEqual(model.brokerRefs.map(refLine), [
    'shop/orders/docker-compose.yml:14:22-14:32 config local - orders',
    'shop/orders/helm/values-prod-next.yaml:3:18-3:125 config target prod orders',
    'shop/orders/helm/values-prod.yaml:4:18-4:79 config source inferred prod orders',
    'shop/orders/src/kafka.js:3:87-3:101 code-default local - orders',
    'shop/stock/deploy/stock-prod.nomad:7:26-7:56 config source inferred prod stock',
  ]);
  // Environments come from names; local refs add none and count for no state.
  assert.deepEqual(model.environments, ['prod']);
  assert.deepEqual(states(model), { orders: { prod: 'mixed' }, stock: { prod: 'source' } });
  const report = buildReport(model, { wave: {}, order: [], cycles: [], readiness: {}, verdicts: {} }, []);
  assert.deepEqual(
    report.brokerRefs.map((r) => [r.file, r.cluster, r.inferred]),
    [
      ['shop/orders/docker-compose.yml', 'local', false],
      ['shop/orders/helm/values-prod-next.yaml', 'target', false],
      ['shop/orders/helm/values-prod.yaml', 'source', true],
      ['shop/orders/src/kafka.js', 'local', false],
      ['shop/stock/deploy/stock-prod.nomad', 'source', true],
    ],
  );
});

test('a service whose only connection strings are local has no state; a manifest turns inference off but keeps local', async () => {
  const onlyLocal = copyFixture(ZERO_CONFIG);
  copies.push(onlyLocal);
  fs.rmSync(`${onlyLocal}/shop/orders/helm`, { recursive: true });
  const zero = (await new RepositoryIndex(onlyLocal).scan()).model;
  assert.deepEqual(states(zero), { orders: { prod: 'none' }, stock: { prod: 'source' } });

  const withManifest = copyFixture(ZERO_CONFIG, {
    'kafka-cutover.yaml': `version: 1
environments:
  prod:
    source: { brokers: [kafka-9.internal.acme.net:9092] }
    target: { brokers: [b-1.shop.x1y2z3.c2.kafka.eu-west-1.amazonaws.com:9096], auth: sasl_scram }
`,
  });
  copies.push(withManifest);
  const { model } = await new RepositoryIndex(withManifest).scan();
  // kafka-1/kafka-2 are not the manifest's hosts and match no pattern: unknown, never guessed.
  assert.deepEqual(model.brokerRefs.map(refLine), [
    'shop/orders/docker-compose.yml:14:22-14:32 config local - orders',
    'shop/orders/helm/values-prod-next.yaml:3:18-3:125 config target prod orders',
    'shop/orders/helm/values-prod.yaml:4:18-4:79 config unknown prod orders',
    'shop/orders/src/kafka.js:3:87-3:101 code-default local - orders',
    'shop/stock/deploy/stock-prod.nomad:7:26-7:56 config unknown prod stock',
  ]);
  assert.deepEqual(states(model), { orders: { prod: 'target' }, stock: { prod: 'none' } });
});

test('test code: refs are kind test and change no state, its topic uses make no edges; fixtures are not read', async () => {
  const { model } = await new RepositoryIndex(LAYOUT).scan();
  assert.deepEqual(model.brokerRefs.map(refLine), [
    'charts/ledger/values-prod.yaml:3:18-3:85 config source inferred prod ledger',
    'deploy/jobs/payments.nomad:7:26-7:59 config source inferred prod payments',
    'deploy/jobs/refunds.nomad:7:26-7:79 config target prod refunds',
    'k8s/notifier/deployment.yaml:13:22-13:55 config source inferred prod notifier',
    'teams/team-a/billing/.env.prod:1:15-1:82 config source inferred prod team-a/billing',
    'teams/team-a/billing/src/billing.test.js:4:38-4:91 test target prod team-a/billing',
    'teams/team-b/billing/.env.prod:1:15-1:68 config target prod team-b/billing',
    'teams/team-b/billing/consumer_test.go:12:22-12:55 test source inferred prod team-b/billing',
    'tools/replayer/docker-compose.yml:6:22-6:54 config source inferred dev replayer',
  ]);
  // team-a's test names MSK and team-b's names the old cluster: neither is mixed.
  assert.deepEqual(states(model), {
    ledger: { dev: 'none', prod: 'source' },
    payments: { dev: 'none', prod: 'source' },
    refunds: { dev: 'none', prod: 'target' },
    notifier: { dev: 'none', prod: 'source' },
    'team-a/billing': { dev: 'none', prod: 'source' },
    'team-b/billing': { dev: 'none', prod: 'target' },
    replayer: { dev: 'source', prod: 'none' },
  });
  // `invoices-test` (billing.test.js) and `refunds` (consumer_test.go) are no topics of the graph.
  assert.deepEqual(edges(model), [
    'ledger: produces -; consumes invoices',
    'payments: produces payments; consumes -',
    'refunds: produces -; consumes payments',
    'notifier: produces -; consumes payments',
    'team-a/billing: produces invoices; consumes -',
    'team-b/billing: produces -; consumes invoices',
    'replayer: produces -; consumes invoices',
  ]);
  assert.deepEqual(
    model.topics.map((t) => t.name),
    ['invoices', 'payments'],
  );
  assert.equal(
    [...model.facts.keys()].some((f) => /testdata|fixtures|golden/.test(f)),
    false,
  );
});

test('a code default naming a host only a deploy config names is the source while that config names it; edits keep it current', async () => {
  const dir = copyFixture(ZERO_CONFIG, {
    'shop/orders/src/fallback.js':
      "const { Kafka } = require('kafkajs');\nmodule.exports = new Kafka({ brokers: [process.env.KAFKA_BROKERS || 'kafka-2.internal.acme.net:9092'] });\n",
  });
  copies.push(dir);
  const ws = new RepositoryIndex(dir);
  const before = (await ws.scan()).model;
  // No environment of its own: the one the Helm values name the host for.
  assert.deepEqual(before.brokerRefs.filter((r) => r.file.endsWith('fallback.js')).map(refLine), [
    'shop/orders/src/fallback.js:2:70-2:100 code-default source inferred prod orders',
  ]);
  ws.update('shop/orders/helm/values-prod.yaml', 'env:\n  OUTPUT_TOPIC: orders.placed\n');
  const after = ws.analyse().model;
  assert.deepEqual(after.brokerRefs.filter((r) => r.file.endsWith('fallback.js')).map(refLine), [
    'shop/orders/src/fallback.js:2:70-2:100 code-default unknown - orders',
  ]);
  assert.deepEqual(after.brokerRefs.filter((r) => r.inferred).map(refLine), [
    'shop/stock/deploy/stock-prod.nomad:7:26-7:56 config source inferred prod stock',
  ]);
  assert.deepEqual(states(after), { orders: { prod: 'target' }, stock: { prod: 'source' } });
});
