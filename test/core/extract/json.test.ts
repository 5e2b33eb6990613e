import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractJson } from '../../../src/core/extract/json';
import { extractFile } from '../../../src/core/extract';
import type { FileFacts, Range } from '../../../src/core/model/types';

const span = (l1: number, c1: number, l2: number, c2: number): Range => ({
  start: { line: l1, column: c1 },
  end: { line: l2, column: c2 },
});
const refs = (facts: FileFacts) => facts.brokerRefs.map((r) => [r.kind, r.key, r.parts.map((p) => p.text), r.range]);

const CONFIG = `{
  "kafka": {
    "brokers": ["kafka1.internal:9092", "kafka2.internal:9092"],
    "clientId": "orders",
    "consumer": { "auto.offset.reset": "latest", "group.id": "orders-json" },
    "listeners": "PLAINTEXT://0.0.0.0:9092"
  },
  "containerDefinitions": [{
    "environment": [{ "name": "KAFKA_BROKERS", "value": "b-1.x.y.c3.kafka.us-east-1.amazonaws.com:9098" }]
  }],
  "scripts": { "consume": "kafka-console-consumer --bootstrap-server localhost:9092 --topic t" },
  "topics": { "input": "orders", "output": null },
  "retries": 5,
  "enabled": true
}
`;

test('json: flattened keys, broker arrays, ECS name/value environment, commands in strings', () => {
  const facts = extractJson('config/default.json', CONFIG, {});
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(refs(facts), [
    ['config', 'kafka.brokers', ['kafka1.internal:9092', 'kafka2.internal:9092'], span(3, 18, 3, 62)],
    ['config', 'KAFKA_BROKERS', ['b-1.x.y.c3.kafka.us-east-1.amazonaws.com:9098'], span(9, 58, 9, 103)],
    ['command', undefined, ['localhost:9092'], span(11, 70, 11, 84)],
  ]);
  assert.deepEqual(
    facts.brokerRefs[0].hosts.map((h) => [h.host, h.port, h.range]),
    [
      ['kafka1.internal', 9092, span(3, 18, 3, 38)],
      ['kafka2.internal', 9092, span(3, 42, 3, 62)],
    ],
  );
  const byKey = new Map(facts.settings.map((s) => [s.key, s]));
  assert.deepEqual(byKey.get('kafka.clientId'), {
    file: 'config/default.json',
    key: 'kafka.clientId',
    value: 'orders',
    range: span(4, 18, 4, 24),
    offset: 97,
  });
  assert.equal(byKey.get('kafka.brokers')?.value, 'kafka1.internal:9092,kafka2.internal:9092');
  assert.equal(byKey.get('retries')?.value, '5');
  assert.equal(byKey.get('enabled')?.value, 'true');
  assert.equal(byKey.get('topics.output')?.value, '');
  assert.equal(byKey.get('kafka.listeners')?.value, 'PLAINTEXT://0.0.0.0:9092');
  assert.ok(!facts.brokerRefs.some((r) => r.key === 'kafka.listeners'));
});

test('json: quoted auto.offset.reset keys, groups and topic keys', () => {
  const facts = extractJson('c.json', CONFIG, {});
  const at = CONFIG.indexOf('"latest"') + 1;
  assert.deepEqual(facts.offsetResets, [
    {
      file: 'c.json',
      client: 'config',
      value: 'latest',
      explicit: true,
      range: span(5, 41, 5, 47),
      fix: { file: 'c.json', offset: at, length: 6, newText: 'earliest', range: span(5, 41, 5, 47) },
    },
  ]);
  assert.deepEqual(facts.groups, [{ file: 'c.json', group: 'orders-json', client: 'config', range: span(5, 63, 5, 74) }]);
  assert.deepEqual(facts.topicUses, [
    // The `consume` script's `kafka-console-consumer --topic t`.
    { file: 'c.json', direction: 'consume', topic: 't', client: 'cli', range: span(11, 93, 11, 94) },
    { file: 'c.json', direction: 'consume', topic: 'orders', client: 'config', range: span(12, 25, 12, 31) },
  ]);
});

test('json: malformed JSON is a Problem at the right line and column', () => {
  const missingColon = extractJson('bad.json', '{\n  "a": 1,\n  "b" 2\n}\n', {});
  assert.deepEqual(missingColon.problems, [
    { file: 'bad.json', line: 3, column: 7, severity: 'warning', message: "invalid JSON: expected ':' after the property name" },
  ]);
  const unclosed = extractJson('open.json', '{\n  "bootstrap.servers": "k1.internal:9092"\n', {});
  assert.deepEqual(
    unclosed.problems.map((p) => [p.line, p.column, p.message]),
    [[3, 1, "invalid JSON: expected '}' to close the object"]],
  );
  // What was read before the error still counts.
  assert.deepEqual(refs(unclosed), [['config', 'bootstrap.servers', ['k1.internal:9092'], span(2, 25, 2, 41)]]);
  const missingComma = extractJson('comma.json', '[\n  "a"\n  "b"\n]', {});
  assert.deepEqual(
    missingComma.problems.map((p) => [p.line, p.column, p.message]),
    [[3, 3, "invalid JSON: expected ',' between items"]],
  );
  const unterminated = extractJson('str.json', '{"a": "x', {});
  assert.deepEqual(
    unterminated.problems.map((p) => [p.line, p.column, p.message]),
    [[1, 7, 'invalid JSON: unterminated string']],
  );
});

test('json: comments and trailing commas (JSONC) are accepted; tabs are fine', () => {
  const facts = extractJson('.devcontainer/devcontainer.json', '{\n\t// broker\n\t"bootstrap.servers": "k1.internal:9092",\n}\n', {});
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(refs(facts), [['config', 'bootstrap.servers', ['k1.internal:9092'], span(3, 24, 3, 40)]]);
});

test('json: strings with escapes are settings but not ranged refs; empty file reads as nothing', () => {
  const facts = extractJson('e.json', '{"KAFKA_BROKERS": "k1.internal:9092\\u002ck2.internal:9092"}', {});
  assert.deepEqual(
    facts.settings.map((s) => [s.key, s.value, s.range]),
    [['KAFKA_BROKERS', 'k1.internal:9092,k2.internal:9092', span(1, 20, 1, 58)]],
  );
  assert.deepEqual(facts.brokerRefs, []);
  const empty = extractJson('empty.json', '', {});
  assert.deepEqual([empty.problems, empty.settings], [[], []]);
});

test('json: placeholder text under a connection key is an indirect ref that reads nothing; under another key it is a plain setting', () => {
  const text = '{\n  "Kafka": {\n    "BootstrapServers": "<cluster bootstrap servers>",\n    "ClientId": "<client id>"\n  }\n}\n';
  const f = extractFile('svc/appsettings.json', text);
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.kind, b.key, b.expression, b.reads, b.range.start.line, b.range.start.column, b.range.end.column]),
    [['indirect', 'Kafka.BootstrapServers', '<cluster bootstrap servers>', [], 3, 26, 53]],
  );
});
