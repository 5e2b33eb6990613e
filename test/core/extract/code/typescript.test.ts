import { before, test } from 'node:test';
import { ensureCodeGrammarsReady } from '../../../../src/core/extract/code/grammars';
import assert from 'node:assert/strict';
import { extractTypeScript } from '../../../../src/core/extract/code/typescript';
import type { Range, TextEdit } from '../../../../src/core/model/types';

before(() => ensureCodeGrammarsReady());

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, column: c1 }, end: { line: l2, column: c2 } });
const apply = (text: string, e: TextEdit): string => text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
const run = (text: string, file = 'svc/src/kafka.ts') => extractTypeScript(file, text, {});

test('kafkajs: broker array under `brokers` is one keyed list ref with exact host ranges', () => {
  const text = `import { Kafka } from 'kafkajs';
const kafka = new Kafka({
  clientId: 'orders',
  brokers: ['kafka1.internal:9092', "kafka2.internal:9092"],
});
`;
  const f = run(text);
  assert.equal(f.brokerRefs.length, 1);
  const ref = f.brokerRefs[0];
  assert.equal(ref.key, 'brokers');
  assert.equal(ref.kind, 'code-literal');
  assert.deepEqual(ref.range, r(4, 14, 4, 58));
  assert.deepEqual(
    ref.parts.map((p) => p.text),
    ['kafka1.internal:9092', 'kafka2.internal:9092'],
  );
  assert.deepEqual(
    ref.hosts.map((h) => [h.host, h.port]),
    [
      ['kafka1.internal', 9092],
      ['kafka2.internal', 9092],
    ],
  );
  assert.deepEqual(ref.hosts[1].range, r(4, 38, 4, 58));
  assert.deepEqual(f.problems, []);
});

test('env fallback defaults are code-default refs keyed by the env var name', () => {
  const text = `const a = process.env.KAFKA_BROKERS ?? 'old-kafka-1:9092,old-kafka-2:9092';
const b = process.env['KAFKA_ADDR'] || "10.0.0.5:9092";
const c = (process.env.X || 'app.example.com:443');
`;
  const f = run(text, 'svc/index.js');
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.key, b.kind, b.parts[0].text, b.hosts.length]),
    [
      ['KAFKA_BROKERS', 'code-default', 'old-kafka-1:9092,old-kafka-2:9092', 2],
      ['KAFKA_ADDR', 'code-default', '10.0.0.5:9092', 1],
    ],
  );
  assert.deepEqual(f.brokerRefs[0].range, r(1, 41, 1, 74));
});

test('template literals are refs only when fully literal; commented-out code is ignored', () => {
  const text = [
    'const a = `${host}:9092`;',
    'const b = `kafka-1.prod:9092`;',
    "// const c = 'kafka-9.prod:9092';",
    "/* consumer.subscribe({ topic: 'ghost' }) */",
    "const d = 'it\\'s // not a comment kafka-2.prod:9092';",
  ].join('\n');
  const f = run(text);
  assert.deepEqual(
    f.brokerRefs.map((b) => b.parts[0].text),
    ['kafka-1.prod:9092'],
  );
  assert.deepEqual(f.brokerRefs[0].range, r(2, 12, 2, 29));
  assert.deepEqual(f.topicUses, []);
});

test('kafkajs consumer: topics, group, regex subscription and fromBeginning states with fixes', () => {
  const text = `const consumer = kafka.consumer({ groupId: 'billing' });
await consumer.subscribe({ topic: 'orders.created', fromBeginning: false });
await consumer.subscribe({ topics: ['a', "b"], fromBeginning: true });
await consumer.subscribe({ topic: /audit\\..*/ });
`;
  const f = run(text);
  assert.deepEqual(f.groups, [{ file: 'svc/src/kafka.ts', client: 'kafkajs', group: 'billing', range: r(1, 45, 1, 52) }]);
  assert.deepEqual(
    f.topicUses.map((t) => [t.topic, t.direction, t.client, t.pattern ?? false]),
    [
      ['orders.created', 'consume', 'kafkajs', false],
      ['a', 'consume', 'kafkajs', false],
      ['b', 'consume', 'kafkajs', false],
      ['audit\\..*', 'consume', 'kafkajs', true],
    ],
  );
  assert.deepEqual(f.topicUses[0].range, r(2, 36, 2, 50));
  assert.deepEqual(f.topicUses[3].range, r(4, 36, 4, 45));
  assert.deepEqual(
    f.offsetResets.map((o) => [o.value, o.explicit]),
    [
      ['latest', true],
      ['earliest', true],
      ['latest', false],
    ],
  );
  assert.equal(f.offsetResets[1].fix, undefined);
  const fixed = apply(apply(text, f.offsetResets[2].fix!), f.offsetResets[0].fix!);
  assert.equal(
    fixed,
    `const consumer = kafka.consumer({ groupId: 'billing' });
await consumer.subscribe({ topic: 'orders.created', fromBeginning: true });
await consumer.subscribe({ topics: ['a', "b"], fromBeginning: true });
await consumer.subscribe({ topic: /audit\\..*/, fromBeginning: true });
`,
  );
});

test('kafkajs: missing fromBeginning in a multi-line object keeps indentation and trailing comma style', () => {
  const withComma = `await consumer.subscribe({
    topic: TOPIC,
    // fromBeginning: true,
  });
`;
  const f1 = run(`const TOPIC = 'payments';\n${withComma}`);
  assert.deepEqual(
    f1.topicUses.map((t) => [t.topic, t.range]),
    [['payments', r(3, 12, 3, 17)]],
  );
  assert.equal(
    apply(`const TOPIC = 'payments';\n${withComma}`, f1.offsetResets[0].fix!),
    `const TOPIC = 'payments';
await consumer.subscribe({
    topic: TOPIC,
    fromBeginning: true,
    // fromBeginning: true,
  });
`,
  );
  const noComma = "await consumer.subscribe({\r\n  topic: 'x'\r\n})\r\n";
  const f2 = run(noComma);
  assert.equal(apply(noComma, f2.offsetResets[0].fix!), "await consumer.subscribe({\r\n  topic: 'x',\r\n  fromBeginning: true\r\n})\r\n");
});

test('kafkajs producer: send and sendBatch topics, env and constant indirection', () => {
  const text = `const OUT = process.env.OUTPUT_TOPIC ?? 'orders';
const AUDIT = process.env.AUDIT_TOPIC;
await producer.send({ topic: OUT, messages: [{ value: 'x' }] });
await producer.send({ topic: process.env['DLQ_TOPIC'], messages });
await producer.send({ topic: AUDIT, messages });
await producer.sendBatch({ topicMessages: [{ topic: 'a', messages: [{ topic: 'nope' }] }, { topic: \`t-\${env}\`, messages }] });
`;
  const f = run(text);
  assert.deepEqual(
    f.topicUses.map((t) => [t.direction, t.topic, t.via, t.range.start.line, t.range.start.column, t.range.end.column]),
    [
      ['produce', undefined, { kind: 'placeholder', name: 'OUTPUT_TOPIC', fallback: 'orders' }, 3, 30, 33],
      ['produce', undefined, { kind: 'env', name: 'DLQ_TOPIC' }, 4, 30, 54],
      ['produce', undefined, { kind: 'env', name: 'AUDIT_TOPIC' }, 5, 30, 35],
      ['produce', 'a', undefined, 6, 54, 55],
      ['produce', undefined, undefined, 6, 101, 109],
    ],
  );
  assert.deepEqual(f.offsetResets, []);
});

test('a syntax error is one problem at its place (tree-sitter recovers); facts before it are kept', () => {
  // The parser reports the first place it could not read; the lexer used to name each unterminated
  // token, but everything after the first error is a guess anyway, so one warning is the honest report.
  const f = run("const ok = 'kafka-1.prod:9092';\nconst a = 'kafka:9092;\nconst b = 1;\n/* never closed");
  assert.deepEqual(
    f.problems.map((p) => [p.line, p.column, p.message]),
    [[2, 11, 'syntax error: this part of the file could not be parsed; facts inside it may be missing']],
  );
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.parts[0].text, b.range]),
    [['kafka-1.prod:9092', r(1, 13, 1, 30)]],
  );
  const g = run('const t = `abc ${x');
  assert.equal(g.problems.length, 1);
});

test('division is not a regex; strings with escaped quotes keep exact offsets', () => {
  const text = `const ratio = a / b / c;\nconst s = "say \\"hi\\"", k = 'kafka-3.prod:9092';\n`;
  const f = run(text);
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.parts[0].text, b.range]),
    [['kafka-3.prod:9092', r(2, 30, 2, 47)]],
  );
});

test('non-null assertions and casts around env lookups still resolve', () => {
  const text = `import { Kafka } from 'kafkajs';
await consumer.subscribe({ topics: [process.env.ALERTS_TOPIC!, process.env.EVENTS_TOPIC as string] });
await producer.send({ topic: process.env.OUT!, messages });
`;
  const f = run(text);
  assert.deepEqual(
    f.topicUses.map((t) => [t.direction, t.via]),
    [
      ['consume', { kind: 'env', name: 'ALERTS_TOPIC' }],
      ['consume', { kind: 'env', name: 'EVENTS_TOPIC' }],
      ['produce', { kind: 'env', name: 'OUT' }],
    ],
  );
});

test('manifest hosts: a literal naming one is a ref with its port (any port), a bare one is not; other literals stay skipped', () => {
  const text = `const proxy = 'edge-proxy:7000';
const name = 'edge-proxy';
const greeting = 'hello world';
`;
  const f = extractTypeScript('svc/src/hosts.ts', text, { knownHosts: new Set(['edge-proxy']) });
  assert.deepEqual(
    f.brokerRefs.map((ref) => [ref.kind, ref.key, ref.hosts.map((h) => `${h.host}:${h.port}`), ref.range]),
    [['code-literal', 'proxy', ['edge-proxy:7000'], r(1, 16, 1, 31)]],
  );
  // Without the manifest host, port 7000 on a name that does not say kafka is no connection string.
  assert.deepEqual(extractTypeScript('svc/src/hosts.ts', text, {}).brokerRefs, []);
});
