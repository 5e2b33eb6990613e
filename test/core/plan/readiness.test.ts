// Readiness per case: what is proven ready, what is blocked, what is unknown and why, what needs fixes,
// and the verdict of moved services. Small repositories scanned by the real engine.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Analysis } from '../../../src/core/repositoryIndex';
import type { BrokerRef, Model } from '../../../src/core/model/types';
import { makePlan } from '../../../src/core/plan/plan';
import { patternMatches } from '../../../src/core/plan/readiness';
import { runRules } from '../../../src/core/rules';
import { fleet, removeRepo, scanRepo, SRC_PROD, TGT_PROD } from '../../helpers/repo';

const dirs: string[] = [];
after(() => dirs.forEach(removeRepo));

/** Declares topics, so topic-not-in-terraform stays out of cases that are not about it. */
function topicsTf(...names: string[]): Record<string, string> {
  return {
    'infra/topics.tf': names
      .map((n) => `resource "kafka_topic" "${n.replace(/\W/g, '_')}" {\n  name = "${n}"\n  partitions = 3\n  replication_factor = 3\n}\n`)
      .join('\n'),
  };
}

async function scan(files: Record<string, string>): Promise<Analysis> {
  const { dir, analysis } = await scanRepo(files);
  dirs.push(dir);
  return analysis;
}

/** The analysis again after changing the model (a state the readers of another part will produce). */
function reanalyse(model: Model): Analysis {
  const plan = makePlan(model);
  return { model, plan, findings: runRules(model, plan) };
}

const envFile = (brokers: string, topics = '') => ({ '.env.prod': `KAFKA_BROKERS=${brokers}\n${topics}` });

test('proven ready: every consumer of what it produces is on the target, nothing unknown', async () => {
  const a = await scan(
    fleet({ writer: envFile(SRC_PROD, 'OUTPUT_TOPIC=orders\n'), reader: envFile(TGT_PROD, 'INPUT_TOPIC=orders\n') }, topicsTf('orders')),
  );
  assert.deepEqual(a.plan.readiness.prod.writer, { status: 'ready', ready: true, blockedBy: [], blockers: [], unknown: [], fixes: [] });
  assert.equal(a.plan.verdicts.prod.writer, 'ready');
  assert.equal(a.plan.verdicts.prod.reader, 'moved');
});

test('blocked: by whom, through which topic, with the place it consumes it', async () => {
  const a = await scan(
    fleet({ writer: envFile(SRC_PROD, 'OUTPUT_TOPIC=orders\n'), reader: envFile(SRC_PROD, 'INPUT_TOPIC=orders\n') }, topicsTf('orders')),
  );
  const r = a.plan.readiness.prod.writer;
  assert.equal(r.status, 'blocked');
  assert.equal(r.ready, false);
  assert.deepEqual(r.blockers, [
    {
      service: 'reader',
      topic: 'orders',
      state: 'source',
      evidence: [
        { file: 'services/reader/.env.prod', line: 2, column: 13, note: 'reader consumes orders and still reads the source in prod' },
      ],
    },
  ]);
});

test('unknown role: connects, but no topic use says what it does', async () => {
  const a = await scan(fleet({ exporter: envFile(SRC_PROD) }, topicsTf('orders')));
  const r = a.plan.readiness.prod.exporter;
  assert.equal(r.status, 'unknown');
  assert.equal(r.ready, false);
  assert.deepEqual(r.unknown, [
    {
      code: 'unknown-role',
      message: 'role unknown: no produce or consume use of a topic was found in the 2 files of services/exporter',
      evidence: [
        { file: 'services/exporter/.env.prod', line: 1, column: 15, note: 'exporter connects here, but no topic use says what it does' },
      ],
    },
  ]);
  assert.equal(a.plan.verdicts.prod.exporter, 'unknown');
});

test('unresolved topic: a produced topic named through a variable set nowhere', async () => {
  const a = await scan(
    fleet(
      {
        writer: {
          ...envFile(SRC_PROD),
          'src/index.ts': `const p = kafka.producer();\nawait p.send({ topic: process.env.ORDERS_TOPIC, messages: [] });\n`,
        },
      },
      topicsTf('orders'),
    ),
  );
  const r = a.plan.readiness.prod.writer;
  assert.equal(r.status, 'unknown');
  assert.deepEqual(
    r.unknown.map((u) => [u.code, u.message, u.evidence.map((e) => `${e.file}:${e.line}:${e.column} ${e.note}`)]),
    [
      [
        'unresolved-topic',
        'writer produces to a topic whose name cannot be resolved (ORDERS_TOPIC): its consumers are unknown',
        ['services/writer/src/index.ts:2:23 produces to ORDERS_TOPIC, set in none of its config files'],
      ],
    ],
  );
});

test('pattern consumer: a consumer not on the target whose pattern matches what it produces', async () => {
  const files = (readerBrokers: string) =>
    fleet(
      {
        writer: envFile(SRC_PROD, 'OUTPUT_TOPIC=orders.eu\n'),
        other: envFile(SRC_PROD, 'OUTPUT_TOPIC=payments\n'),
        tailer: {
          ...envFile(readerBrokers),
          'src/index.ts': `const c = kafka.consumer({ groupId: 'tail', fromBeginning: true });\nawait c.subscribe({ topic: /orders\\..*/, fromBeginning: true });\n`,
        },
      },
      topicsTf('orders.eu', 'payments'),
    );
  const a = await scan(files(SRC_PROD));
  const r = a.plan.readiness.prod.writer;
  assert.equal(r.status, 'unknown');
  assert.deepEqual(
    r.unknown.map((u) => [u.code, u.message]),
    [['pattern-consumer', 'tailer (source in prod) consumes the pattern orders\\..*, which matches orders.eu']],
  );
  assert.deepEqual(
    r.unknown[0].evidence.map((e) => `${e.file}:${e.line}:${e.column}`),
    ['services/tailer/src/index.ts:2:29'],
  );
  // A pattern that cannot match its topics says nothing about it.
  assert.equal(a.plan.readiness.prod.other.status, 'ready');
  // Once the pattern consumer is on the target, the producer is proven ready.
  const moved = await scan(files(TGT_PROD));
  assert.equal(moved.plan.readiness.prod.writer.status, 'ready');
});

test('parse failure: a file of the service that could not be read', async () => {
  const a = await scan(
    fleet({ writer: { ...envFile(SRC_PROD, 'OUTPUT_TOPIC=orders\n'), 'deploy/values.yaml': 'a: [1, 2\n' } }, topicsTf('orders')),
  );
  const r = a.plan.readiness.prod.writer;
  assert.equal(r.status, 'unknown');
  assert.deepEqual(
    r.unknown.map((u) => [u.code, u.message, u.evidence.map((e) => `${e.file}:${e.line}:${e.column}`)]),
    [['parse-failed', 'a file of writer could not be read, so what it says is unseen', ['services/writer/deploy/values.yaml:2:1']]],
  );
});

/** The readers mark a connection set outside the repository this way (issue 7): state unknown, an unresolved ref. */
function outside(model: Model, service: string): Model {
  const refs = model.refsByService.get(service)!;
  const ref: BrokerRef = {
    ...refs[0],
    kind: 'indirect',
    cluster: 'unknown',
    parts: [],
    hosts: [],
    expression: '${{ secrets.KAFKA_BROKERS }}',
    unresolved: { names: ['secrets.KAFKA_BROKERS'], lookedIn: ['.github/workflows/deploy.yml'], outside: 'ci-secret' },
  };
  const refsByService = new Map(model.refsByService);
  refsByService.set(service, [ref]);
  return {
    ...model,
    services: model.services.map((s) => (s.name === service ? { ...s, state: { ...s.state, prod: 'unknown' } } : s)),
    refsByService,
    brokerRefs: [...model.brokerRefs.filter((r) => r.service !== service), ref],
  };
}

test('connection outside the repository: the service itself is unknown, with the names to change', async () => {
  const a = await scan(
    fleet({ writer: envFile(SRC_PROD, 'OUTPUT_TOPIC=orders\n'), reader: envFile(TGT_PROD, 'INPUT_TOPIC=orders\n') }, topicsTf('orders')),
  );
  const b = reanalyse(outside(a.model, 'writer'));
  const r = b.plan.readiness.prod.writer;
  assert.equal(r.status, 'unknown');
  assert.deepEqual(r.unknown, [
    {
      code: 'connection-outside-repo',
      message: "writer's connection in prod is set outside the repository (secrets.KAFKA_BROKERS): which cluster it uses is unknown",
      evidence: [
        {
          file: 'services/writer/.env.prod',
          line: 1,
          column: 15,
          note: '${{ secrets.KAFKA_BROKERS }} reads secrets.KAFKA_BROKERS, set in ci-secret (looked in .github/workflows/deploy.yml)',
        },
      ],
    },
  ]);
  assert.equal(b.plan.verdicts.prod.writer, 'unknown');
});

test('consumer unknown: a consumer of what it produces whose connection is set outside the repository', async () => {
  const a = await scan(
    fleet({ writer: envFile(SRC_PROD, 'OUTPUT_TOPIC=orders\n'), reader: envFile(TGT_PROD, 'INPUT_TOPIC=orders\n') }, topicsTf('orders')),
  );
  const b = reanalyse(outside(a.model, 'reader'));
  const r = b.plan.readiness.prod.writer;
  assert.equal(r.status, 'unknown');
  assert.deepEqual(r.blockers, []);
  assert.deepEqual(
    r.unknown.map((u) => [u.code, u.message, u.evidence.map((e) => `${e.file}:${e.line}:${e.column}`)]),
    [
      [
        'consumer-unknown',
        'reader consumes orders and its connection in prod is set outside the repository: whether it is on the target is unknown',
        ['services/reader/.env.prod:2:13'],
      ],
    ],
  );
});

test('ready after fixes: its own error findings, each with the flag that applies it; never ready', async () => {
  const a = await scan(fleet({ writer: envFile(SRC_PROD, 'OUTPUT_TOPIC=orders\n') }, topicsTf('payments')));
  const r = a.plan.readiness.prod.writer;
  assert.equal(r.status, 'ready-after-fixes');
  assert.equal(r.ready, false);
  assert.deepEqual(r.fixes, [
    {
      rule: 'topic-not-in-terraform',
      service: 'writer',
      message: 'topic orders (produced by writer) is declared by no kafka_topic; MSK does not auto-create topics',
      file: 'services/writer/.env.prod',
      line: 2,
      column: 14,
      flag: '--add-topics',
    },
  ]);
  assert.equal(a.plan.verdicts.prod.writer, 'ready-after-fixes');
});

test('ready after fixes: a consumer that would start from latest without synced offsets', async () => {
  const a = await scan(
    fleet(
      {
        reader: {
          ...envFile(SRC_PROD, 'INPUT_TOPIC=orders\n'),
          'consumer.properties': `bootstrap.servers=${SRC_PROD}\nauto.offset.reset=latest\n`,
        },
      },
      topicsTf('orders'),
    ),
  );
  const r = a.plan.readiness.prod.reader;
  assert.equal(r.status, 'ready-after-fixes');
  // The Java client file sets no security.protocol for the (TLS) target: a fix by hand beside the offset reset.
  assert.deepEqual(
    r.fixes.map((f) => [f.rule, `${f.file}:${f.line}:${f.column}`, f.flag]),
    [
      ['security-protocol-mismatch', 'services/reader/consumer.properties:1:19', undefined],
      ['offset-reset-not-earliest', 'services/reader/consumer.properties:2:19', '--offset-reset'],
    ],
  );
});

test('moved, at risk: on the target with an error finding of its own; a clean move stays moved', async () => {
  const a = await scan(
    fleet(
      {
        risky: {
          ...envFile(TGT_PROD, 'INPUT_TOPIC=orders\n'),
          'consumer.properties': `bootstrap.servers=${TGT_PROD}\nauto.offset.reset=latest\n`,
        },
        clean: envFile(TGT_PROD, 'INPUT_TOPIC=orders\n'),
      },
      topicsTf('orders'),
    ),
  );
  assert.equal(a.plan.verdicts.prod.risky, 'moved-at-risk');
  assert.equal(a.plan.verdicts.prod.clean, 'moved');
  assert.equal(a.plan.readiness.prod.risky, undefined);
});

test('cycles: one readiness for the members, the union of their blockers and unknowns', async () => {
  const a = await scan(
    fleet(
      {
        ping: envFile(SRC_PROD, 'INPUT_TOPIC=pongs\nOUTPUT_TOPIC=pings\n'),
        pong: {
          ...envFile(SRC_PROD, 'INPUT_TOPIC=pings\nOUTPUT_TOPIC=pongs\nAUDIT_OUTPUT_TOPIC=audit\n'),
          'deploy/values.yaml': 'a: [1, 2\n',
        },
        auditor: envFile(SRC_PROD, 'INPUT_TOPIC=audit\n'),
      },
      topicsTf('pings', 'pongs', 'audit'),
    ),
  );
  assert.deepEqual(a.plan.cycles, [['ping', 'pong']]);
  for (const member of ['ping', 'pong']) {
    const r = a.plan.readiness.prod[member];
    assert.equal(r.status, 'blocked', member);
    assert.deepEqual(
      r.blockers.map((b) => `${b.service}:${b.topic}`),
      ['auditor:audit'],
      member,
    );
    assert.deepEqual(
      r.unknown.map((u) => u.code),
      ['parse-failed'],
      member,
    );
  }
});

test('patterns: slashes and flags stripped, anchored; an invalid pattern may match anything', () => {
  assert.equal(patternMatches('orders\\..*', 'orders.eu'), true);
  assert.equal(patternMatches('/orders\\..*/i', 'orders.eu'), true);
  assert.equal(patternMatches('orders', 'orders.eu'), false);
  assert.equal(patternMatches('orders\\..*', 'payments'), false);
  assert.equal(patternMatches('orders.(', 'payments'), true);
});
