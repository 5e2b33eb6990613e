import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureCodeGrammarsReady } from '../../../../src/core/extract/code/grammars';
import { extractTypeScript } from '../../../../src/core/extract/code/typescript';
import { extractPython } from '../../../../src/core/extract/code/python';
import { extractGo } from '../../../../src/core/extract/code/go';
import type { BrokerRefText, FileFacts, Range } from '../../../../src/core/model/types';
import { removeRepo, scanRepo } from '../../../helpers/repo';

before(() => ensureCodeGrammarsReady());

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, column: c1 }, end: { line: l2, column: c2 } });
const refs = (f: FileFacts) =>
  f.brokerRefs.map((b: BrokerRefText) =>
    b.kind === 'indirect' ? [b.kind, b.key, b.expression, b.reads, b.range] : [b.kind, b.key, b.parts.map((p) => p.text), b.range],
  );

test('TS: a brokers value that holds no literal is an indirect ref naming what it reads, in order', () => {
  const text = `import { Kafka } from 'kafkajs';
const host = process.env.KAFKA_HOST ?? 'localhost';
const PORT = '9094';
const a = new Kafka({ brokers: [\`\${host}:\${PORT}\`, process.env.EXTRA_BROKER!] });
const b = new Kafka({ brokers: (process.env.KAFKA_BROKERS || '').split(',') });
const c = new Kafka({ brokers: config.kafka.brokers });
const seed = host + ':9092';
const d = new Kafka({ brokers: [seed] });
const e = new Kafka({ brokers: process.env.KAFKA_BROKERS?.split(',') ?? ['kafka-1.internal:9092'] });
`;
  const f = extractTypeScript('svc/src/kafka.ts', text, {});
  assert.deepEqual(refs(f), [
    // The env default is a literal of its own (as before); the template that uses it is indirect.
    ['code-default', 'KAFKA_HOST', ['localhost'], r(2, 41, 2, 50)],
    [
      'indirect',
      'brokers',
      '[`${host}:${PORT}`, process.env.EXTRA_BROKER!]',
      [
        { kind: 'env', name: 'KAFKA_HOST', fallback: 'localhost' },
        { kind: 'constant', name: 'PORT' },
        { kind: 'env', name: 'EXTRA_BROKER' },
      ],
      r(4, 32, 4, 78),
    ],
    [
      'indirect',
      'brokers',
      "(process.env.KAFKA_BROKERS || '').split(',')",
      [{ kind: 'env', name: 'KAFKA_BROKERS', fallback: '' }],
      r(5, 32, 5, 76),
    ],
    // Not declared in this file: the name is read, for the model to resolve against the service's settings.
    ['indirect', 'brokers', 'config.kafka.brokers', [{ kind: 'constant', name: 'config.kafka.brokers' }], r(6, 32, 6, 52)],
    ['indirect', 'brokers', '[seed]', [{ kind: 'env', name: 'KAFKA_HOST', fallback: 'localhost' }], r(8, 32, 8, 38)],
    // A literal list behind `??` is the whole value when the env var is unset: a ref of its own under the
    // key of the whole expression, and no indirect one.
    ['code-literal', 'brokers', ['kafka-1.internal:9092'], r(9, 75, 9, 96)],
  ]);
  // The constant a template reads is a setting the model can resolve it by.
  assert.deepEqual(
    f.settings.map((s) => [s.key, s.value, s.range]),
    [['PORT', '9094', r(3, 15, 3, 19)]],
  );
});

test('TS: topics named by a constant of another file are `via: constant`; local topic constants are settings', () => {
  const text = `import { TOPICS } from './topics';
export const AUDIT_TOPIC = 'audit.v2';
await producer.send({ topic: TOPICS.ORDERS_OUT, messages });
await producer.send({ topic: AUDIT_TOPIC, messages });
await producer.send({ topic: someTopic, messages });
`;
  const f = extractTypeScript('svc/src/out.ts', text, {});
  assert.deepEqual(
    f.topicUses.map((t) => [t.topic, t.via, t.range]),
    [
      [undefined, { kind: 'constant', name: 'ORDERS_OUT' }, r(3, 30, 3, 47)],
      ['audit.v2', undefined, r(4, 30, 4, 41)],
      // A lower-case local name is no constant: nothing to resolve it by, so no indirection is claimed.
      [undefined, undefined, r(5, 30, 5, 39)],
    ],
  );
  assert.deepEqual(
    f.settings.map((s) => [s.key, s.value, s.range]),
    [['AUDIT_TOPIC', 'audit.v2', r(2, 29, 2, 37)]],
  );
});

test("TS: fields of an exported object literal (through `as const`, nested) are settings by their whole name; an imported owner's field is `via: constant` by that name", () => {
  const topics = `export const TOPICS = {
  ordersCreated: 'orders.created',
  billing: { invoices: 'billing.invoices' },
} as const;
export const limits = { retries: 3, name: 'limits' };
`;
  const defs = extractTypeScript('svc/src/topics.ts', topics, {});
  assert.deepEqual(
    defs.settings.map((s) => [s.key, s.value, s.range]),
    [
      ['TOPICS.ordersCreated', 'orders.created', r(2, 19, 2, 33)],
      ['TOPICS.billing.invoices', 'billing.invoices', r(3, 25, 3, 41)],
    ],
  );
  const use = `import { TOPICS } from './topics';
import cfg, { routes as R } from './cfg';
const local = { topic: 'local.only' };
await producer.send({ topic: TOPICS.ordersCreated, messages });
await producer.send({ topic: TOPICS.billing.invoices, messages });
await producer.send({ topic: R.ship, messages });
await producer.send({ topic: local.topic, messages });
await producer.send({ topic: message.topic, messages });
`;
  const f = extractTypeScript('svc/src/out.ts', use, {});
  assert.deepEqual(
    f.topicUses.map((t) => [t.topic, t.via, t.range]),
    [
      [undefined, { kind: 'constant', name: 'TOPICS.ordersCreated' }, r(4, 30, 4, 50)],
      [undefined, { kind: 'constant', name: 'TOPICS.billing.invoices' }, r(5, 30, 5, 53)],
      [undefined, { kind: 'constant', name: 'R.ship' }, r(6, 30, 6, 36)],
      // Declared in this file: resolved here.
      ['local.only', undefined, r(7, 30, 7, 41)],
      // `message` is neither imported nor a constant: nothing to resolve it by, no indirection claimed.
      [undefined, undefined, r(8, 30, 8, 43)],
    ],
  );
});

test("TS: an imported object's field names the topic its own file declares (scan across files)", async () => {
  const { dir, analysis } = await scanRepo({
    'orders/package.json': '{ "name": "orders", "dependencies": { "kafkajs": "2" } }\n',
    'orders/src/topics.ts': "export const TOPICS = { created: 'orders.created' } as const;\n",
    'orders/src/send.ts': "import { TOPICS } from './topics';\nawait producer.send({ topic: TOPICS.created, messages });\n",
  });
  try {
    assert.deepEqual(
      analysis.model.services.map((s) => [s.name, s.role, s.produces]),
      [['orders', 'producer', ['orders.created']]],
    );
  } finally {
    removeRepo(dir);
  }
});

test('Python: f-strings, env defaults, names from another module and join are read through', () => {
  const text = `import os
from aiokafka import AIOKafkaProducer
from settings import KAFKA_BOOTSTRAP

HOST = os.getenv('KAFKA_HOST', 'kafka.internal')
servers = f"{HOST}:9092"
p1 = AIOKafkaProducer(bootstrap_servers=servers)
p2 = AIOKafkaProducer(bootstrap_servers=KAFKA_BOOTSTRAP)
p3 = AIOKafkaProducer(bootstrap_servers=",".join(hosts))
p4 = AIOKafkaProducer(bootstrap_servers=os.environ.get('BROKERS', 'kafka-1.internal:9092').split(','))
p5 = AIOKafkaProducer(bootstrap_servers=os.environ['BROKERS'])
`;
  const f = extractPython('svc/app.py', text, {});
  assert.deepEqual(refs(f), [
    ['code-default', 'KAFKA_HOST', ['kafka.internal'], r(5, 33, 5, 47)],
    ['indirect', 'bootstrap_servers', 'servers', [{ kind: 'env', name: 'KAFKA_HOST', fallback: 'kafka.internal' }], r(7, 41, 7, 48)],
    ['indirect', 'bootstrap_servers', 'KAFKA_BOOTSTRAP', [{ kind: 'constant', name: 'KAFKA_BOOTSTRAP' }], r(8, 41, 8, 56)],
    ['indirect', 'bootstrap_servers', '",".join(hosts)', [{ kind: 'constant', name: 'hosts' }], r(9, 41, 9, 56)],
    ['code-default', 'BROKERS', ['kafka-1.internal:9092'], r(10, 68, 10, 89)],
    ['indirect', 'bootstrap_servers', "os.environ['BROKERS']", [{ kind: 'env', name: 'BROKERS' }], r(11, 41, 11, 62)],
  ]);
});

test('Python: a t-string (PEP 750) is read through like an f-string; a plain string with braces is not', () => {
  const text = `import os
from aiokafka import AIOKafkaProducer

HOST = os.getenv('KAFKA_HOST', 'kafka.internal')
servers = t"{HOST}:9092"
plain = "{HOST}:9092"
p1 = AIOKafkaProducer(bootstrap_servers=servers)
p2 = AIOKafkaProducer(bootstrap_servers=plain)
`;
  const f = extractPython('svc/app.py', text, {});
  assert.deepEqual(refs(f), [
    ['code-default', 'KAFKA_HOST', ['kafka.internal'], r(4, 33, 4, 47)],
    ['indirect', 'bootstrap_servers', 'servers', [{ kind: 'env', name: 'KAFKA_HOST', fallback: 'kafka.internal' }], r(7, 41, 7, 48)],
    ['indirect', 'bootstrap_servers', 'plain', [{ kind: 'constant', name: 'plain' }], r(8, 41, 8, 46)],
  ]);
});

test('Go: flags (name read, default literal), os.Getenv/LookupEnv, strings.Split/Join, a name from another file', () => {
  const text = `package main

func main() {
	brokers := flag.String("brokers", os.Getenv("BROKERS"), "seed brokers")
	fallback := flag.String("kafka", "kafka-9.internal:9092", "broker")
	addr, ok := os.LookupEnv("KAFKA_ADDR")
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: strings.Split(*brokers, ","), Topic: "t"})
	w := &kafka.Writer{Addr: kafka.TCP(addr), Topic: "u"}
	p, _ := sarama.NewSyncProducer(strings.Split(brokerList, ","), cfg)
	cl, _ := kgo.NewClient(kgo.SeedBrokers(strings.Split(*fallback, ",")...))
}
`;
  const f = extractGo('svc/main.go', text, {});
  assert.deepEqual(refs(f), [
    // A flag's default is a literal ref under the flag's name.
    ['code-literal', 'kafka', ['kafka-9.internal:9092'], r(5, 36, 5, 57)],
    [
      'indirect',
      'Brokers',
      'strings.Split(*brokers, ",")',
      [
        { kind: 'flag', name: 'brokers' },
        { kind: 'env', name: 'BROKERS' },
      ],
      r(7, 51, 7, 79),
    ],
    ['indirect', 'Addr', 'addr', [{ kind: 'env', name: 'KAFKA_ADDR' }], r(8, 37, 8, 41)],
    ['indirect', 'brokers', 'strings.Split(brokerList, ",")', [{ kind: 'constant', name: 'brokerList' }], r(9, 33, 9, 63)],
    // The flag's default holds hosts and is already a ref: no indirect one for SeedBrokers.
  ]);
  assert.deepEqual(f.problems, []);
});

test('Go: string constants that hold brokers or name topics are settings other files resolve', () => {
  const text = `package config

const (
	DefaultBrokers = "kafka-1.internal:9092,kafka-2.internal:9092"
	OrdersTopic    = "orders.v1"
	Greeting       = "hello"
)
`;
  const f = extractGo('svc/config/config.go', text, {});
  assert.deepEqual(
    f.settings.map((s) => [s.key, s.value, s.range]),
    [
      ['DefaultBrokers', 'kafka-1.internal:9092,kafka-2.internal:9092', r(4, 20, 4, 63)],
      ['OrdersTopic', 'orders.v1', r(5, 20, 5, 29)],
    ],
  );
  assert.deepEqual(refs(f), [['code-literal', 'DefaultBrokers', ['kafka-1.internal:9092,kafka-2.internal:9092'], r(4, 20, 4, 63)]]);
});

test('values traced to parameter defaults and to fields of a literal declared in the same file', () => {
  const ts = `export function connect(brokers: string = 'kafka-1.internal:9092', topic = process.env.TOPIC) {
  const cfg = { seeds: process.env.SEEDS, clientId: 'x' };
  new Kafka({ brokers: [brokers] });
  new Kafka({ brokers: cfg.seeds });
}
`;
  const t = extractTypeScript('svc/src/connect.ts', ts, {});
  assert.deepEqual(refs(t), [
    ['code-literal', 'brokers', ['kafka-1.internal:9092'], r(1, 44, 1, 65)],
    ['indirect', 'brokers', 'cfg.seeds', [{ kind: 'env', name: 'SEEDS' }], r(4, 24, 4, 33)],
  ]);
  const py = `def consumer(bootstrap='kafka-1.internal:9092', group: str = os.environ['GROUP']):
    return KafkaConsumer('t', bootstrap_servers=bootstrap, group_id=group)
`;
  const p = extractPython('svc/app.py', py, {});
  assert.deepEqual(refs(p), [['code-literal', 'bootstrap', ['kafka-1.internal:9092'], r(1, 25, 1, 46)]]);
  assert.deepEqual(
    p.groups.map((g) => [g.via, g.range]),
    [[{ kind: 'env', name: 'GROUP' }, r(2, 69, 2, 74)]],
  );
  const go = `package main
func main() {
	cfg := &Config{Brokers: os.Getenv("BROKERS"), Topic: "events"}
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{cfg.Brokers}, Topic: cfg.Topic})
}
`;
  const g = extractGo('svc/main.go', go, {});
  assert.deepEqual(refs(g), [
    ['indirect', 'Brokers', 'os.Getenv("BROKERS")', [{ kind: 'env', name: 'BROKERS' }], r(3, 26, 3, 46)],
    ['indirect', 'Brokers', '[]string{cfg.Brokers}', [{ kind: 'env', name: 'BROKERS' }], r(4, 51, 4, 72)],
  ]);
  assert.deepEqual(
    g.topicUses.map((u) => [u.topic, u.range]),
    [['events', r(4, 81, 4, 90)]],
  );
});
