// The model builder: per-file facts -> services (role, edges, state per environment), classified refs,
// topics. Scanned through the real engine; buildModel is also called directly to hold its cache to
// "only what changed is redone".
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, fileEnvironment, ModelCache, type BuildInput } from '../../../src/core/model/build';
import { Classifier } from '../../../src/core/classify';
import { parseManifest } from '../../../src/core/manifest/load';
import { envService, fleet, MANIFEST, removeRepo, scanRepo, SRC_DEV, SRC_PROD, TGT_DEV, TGT_PROD } from '../../helpers/repo';

const dirs: string[] = [];
after(() => dirs.forEach(removeRepo));
async function scan(files: Record<string, string>) {
  const r = await scanRepo(files);
  dirs.push(r.dir);
  return r;
}

test("role from the edges: producer, consumer, both, unknown; the manifest's override wins", async () => {
  const files = fleet({
    reader: envService({ in: 'orders', prod: SRC_PROD }),
    writer: envService({ out: 'orders', prod: SRC_PROD }),
    relay: envService({ in: 'orders', out: 'payments', prod: SRC_PROD }),
    idle: envService({ prod: SRC_PROD }),
    forced: envService({ in: 'payments', out: 'audit', prod: SRC_PROD }),
  });
  files['kafka-cutover.yaml'] = MANIFEST.replace(
    'services: { roots: ["services/*"] }',
    'services: { roots: ["services/*"], overrides: { forced: { role: consumer } } }',
  );
  const { analysis } = await scan(files);
  const roles = Object.fromEntries(analysis.model.services.map((s) => [s.name, [s.role, s.produces, s.consumes]]));
  assert.deepEqual(roles, {
    forced: ['consumer', ['audit'], ['payments']],
    idle: ['unknown', [], []],
    reader: ['consumer', [], ['orders']],
    relay: ['producer-consumer', ['payments'], ['orders']],
    writer: ['producer', ['orders'], []],
  });
  // Topics list their producers and consumers, sorted by name.
  assert.deepEqual(
    analysis.model.topics.map((t) => [t.name, t.declared, t.producers, t.consumers]),
    [
      ['audit', false, ['forced'], []],
      ['orders', false, ['writer'], ['reader', 'relay']],
      ['payments', false, ['relay'], ['forced']],
    ],
  );
});

test('state per environment: source, target, mixed, none; an unresolved reference is unknown, never none', async () => {
  const { analysis } = await scan(
    fleet({
      moving: envService({ in: 'orders', prod: SRC_PROD, dev: TGT_DEV }),
      both: { ...envService({ in: 'orders', prod: TGT_PROD }), 'config/.env.prod-fallback': `BACKUP_KAFKA_BROKERS=${SRC_PROD}\n` },
      secret: {
        'src/index.js':
          "const { Kafka } = require('kafkajs');\nconst kafka = new Kafka({ brokers: process.env.KAFKA_BROKERS.split(',') });\nkafka.consumer({ groupId: 'g' }).subscribe({ topic: 'orders', fromBeginning: true });\n",
      },
      quiet: envService({ in: 'orders', dev: SRC_DEV }),
    }),
  );
  const states = Object.fromEntries(analysis.model.services.map((s) => [s.name, s.state]));
  assert.deepEqual(states, {
    both: { prod: 'mixed', dev: 'none' },
    moving: { prod: 'source', dev: 'target' },
    quiet: { prod: 'none', dev: 'source' },
    secret: { prod: 'unknown', dev: 'unknown' },
  });
  assert.deepEqual(analysis.model.environments, ['prod', 'dev']);
});

test('a topic named through a setting resolves through ${x} chains and placeholder defaults; one set nowhere is a problem', async () => {
  const listener = (topic: string) =>
    `package x;\nimport org.springframework.kafka.annotation.KafkaListener;\nclass L {\n  @KafkaListener(topics = "${topic}", groupId = "g")\n  void on(String m) {}\n}\n`;
  const { analysis } = await scan(
    fleet({
      chained: {
        ...envService({ prod: SRC_PROD }),
        'src/main/java/x/L.java': listener('${app.in}'),
        'src/main/resources/application.properties':
          'app.in=${APP_INPUT}\nAPP_INPUT=orders\nspring.kafka.consumer.auto-offset-reset=earliest\n',
      },
      defaulted: { ...envService({ prod: SRC_PROD }), 'src/main/java/x/L.java': listener('${app.in:payments}') },
      missing: { ...envService({ prod: SRC_PROD }), 'src/main/java/x/L.java': listener('${app.nowhere}') },
    }),
  );
  const consumes = Object.fromEntries(analysis.model.services.map((s) => [s.name, s.consumes]));
  assert.deepEqual(consumes, { chained: ['orders'], defaulted: ['payments'], missing: [] });
  assert.deepEqual(
    analysis.model.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.message}`),
    ["services/missing/src/main/java/x/L.java:4:28 info topic name from placeholder app.nowhere is not set in missing's config files"],
  );
});

test('topic uses in test code are no edges of the service', async () => {
  const { analysis } = await scan(
    fleet({
      svc: {
        ...envService({ in: 'orders', prod: SRC_PROD }),
        'src/kafka.test.js':
          "const { Kafka } = require('kafkajs');\nconst p = new Kafka({ brokers: ['localhost:9092'] }).producer();\np.send({ topic: 'orders.test-only', messages: [] });\n",
      },
    }),
  );
  const [svc] = analysis.model.services;
  assert.deepEqual([svc.role, svc.produces, svc.consumes], ['consumer', [], ['orders']]);
  assert.ok(!analysis.model.topics.some((t) => t.name === 'orders.test-only'));
});

test('fileEnvironment: the environment a path tells, undefined when it tells none', () => {
  const classifier = new Classifier(parseManifest(MANIFEST, 'kafka-cutover.yaml'));
  assert.equal(fileEnvironment(classifier, 'services/a/.env.prod'), 'prod');
  assert.equal(fileEnvironment(classifier, 'services/a/helm/values-dev.yaml'), 'dev');
  assert.equal(fileEnvironment(classifier, 'services/a/deploy/k8s/prod/deployment.yaml'), 'prod');
  assert.equal(fileEnvironment(classifier, 'services/a/.env'), undefined);
  assert.equal(fileEnvironment(classifier, 'services/a/src/product.ts'), undefined);
});

test('ModelCache: an unchanged service keeps its objects; a changed file redoes only its service', async () => {
  const { workspace } = await scan(
    fleet({ reader: envService({ in: 'orders', prod: SRC_PROD }), writer: envService({ out: 'orders', prod: SRC_PROD }) }),
  );
  const first = workspace.analyse().model;
  const again = workspace.analyse().model;
  const svc = (m: typeof first, name: string) => m.services.find((s) => s.name === name)!;
  assert.equal(svc(again, 'reader'), svc(first, 'reader'));
  assert.equal(svc(again, 'writer'), svc(first, 'writer'));
  workspace.update('services/writer/.env.prod', `KAFKA_BROKERS=${TGT_PROD}\nOUTPUT_TOPIC=orders\n`);
  const edited = workspace.analyse().model;
  assert.equal(svc(edited, 'reader'), svc(first, 'reader'));
  assert.notEqual(svc(edited, 'writer'), svc(first, 'writer'));
  assert.equal(svc(edited, 'writer').state.prod, 'target');
});

test('buildModel with no facts: every root is a service with no edges, state none, environments from the manifest', () => {
  const manifest = parseManifest(MANIFEST, 'kafka-cutover.yaml');
  const input: BuildInput = {
    root: '/repo',
    manifest,
    zeroConfig: false,
    facts: new Map(),
    services: { roots: [{ name: 'a', root: 'services/a' }], serviceOf: () => undefined },
    classifier: new Classifier(manifest),
    topicDecls: [],
    skipped: [],
    cache: new ModelCache(),
  };
  const model = buildModel(input);
  assert.deepEqual(model.environments, ['prod', 'dev']);
  assert.deepEqual(
    model.services.map((s) => [s.name, s.root, s.role, s.state]),
    [['a', 'services/a', 'unknown', { prod: 'none', dev: 'none' }]],
  );
  assert.deepEqual([model.brokerRefs, model.topics, model.problems], [[], [], []]);
});

test('every classified ref has the same properties in the same order (one object shape for the analysis)', async () => {
  // Direct, indirect (resolved and not), settings-made and test-code refs: kinds that were built apart.
  const r = await scanRepo({
    'kafka-cutover.yaml': MANIFEST,
    'services/billing/package.json': '{}',
    'services/billing/.env': `KAFKA_BROKERS=${SRC_PROD}\n`,
    'services/billing/src/main.ts': "const kafka = new Kafka({ brokers: process.env.KAFKA_BROKERS!.split(',') });\n",
    'services/billing/src/unset.ts': 'const k = new Kafka({ brokers: [process.env.NOWHERE_SET!] });\n',
    'services/billing/test/it.test.ts': `const k = new Kafka({ brokers: ['${TGT_DEV}'] });\n`,
    'services/ledger/package.json': '{}',
    'services/ledger/.env.dev': `KAFKA_BROKERS=${SRC_DEV}\nOTHER=${TGT_PROD}\n`,
  });
  after(() => removeRepo(r.dir));
  const refs = r.analysis.model.brokerRefs;
  assert.ok(new Set(refs.map((ref) => ref.kind)).size >= 3, `kinds: ${refs.map((ref) => ref.kind).join(', ')}`);
  const shapes = new Set(refs.map((ref) => Object.keys(ref).join(',')));
  assert.deepEqual([...shapes], [Object.keys(refs[0]).join(',')]);
});
