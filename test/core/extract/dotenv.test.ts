import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanEnvLines } from '../../../src/core/extract/config/envLines';
import { extractDotenv } from '../../../src/core/extract/dotenv';
import { LineIndex } from '../../../src/core/extract/text';
import { emptyFacts, type FileFacts, type Range } from '../../../src/core/model/types';

const span = (l1: number, c1: number, l2: number, c2: number): Range => ({
  start: { line: l1, column: c1 },
  end: { line: l2, column: c2 },
});
const refs = (facts: FileFacts) => facts.brokerRefs.map((r) => [r.kind, r.key, r.parts.map((p) => p.text), r.range]);

const ENV = [
  '# KAFKA_BROKERS=commented.internal:9092',
  'KAFKA_BROKERS=old-kafka-1.ec2.internal:9092,old-kafka-2.ec2.internal:9092 # old cluster',
  'export KAFKA_ADDR="kafka.prod.internal:9092"',
  "BOOTSTRAP='${KAFKA_HOST:-localhost:9092}'",
  'KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://kafka:9092',
  'ZOOKEEPER=zk1.internal:2181',
  'INPUT_TOPIC=orders.created',
  'OUTPUT_TOPIC=${OUT}',
  'KAFKA_GROUP_ID=billing',
  'KAFKA_AUTO_OFFSET_RESET=latest',
  'EMPTY=',
  'HOST_PORT=8080\r',
  '',
].join('\n');

test('dotenv: refs with exact ranges; comments and look-alikes skipped', () => {
  const facts = extractDotenv('.env', ENV, {});
  assert.deepEqual(refs(facts), [
    ['config', 'KAFKA_BROKERS', ['old-kafka-1.ec2.internal:9092,old-kafka-2.ec2.internal:9092'], span(2, 15, 2, 74)],
    ['config', 'KAFKA_ADDR', ['kafka.prod.internal:9092'], span(3, 20, 3, 44)],
    ['config', 'BOOTSTRAP', ['localhost:9092'], span(4, 26, 4, 40)],
  ]);
  assert.deepEqual(
    facts.brokerRefs[0].hosts.map((h) => [h.host, h.port, h.range]),
    [
      ['old-kafka-1.ec2.internal', 9092, span(2, 15, 2, 44)],
      ['old-kafka-2.ec2.internal', 9092, span(2, 45, 2, 74)],
    ],
  );
});

test('dotenv: settings for every assignment, quotes and comments stripped', () => {
  const facts = extractDotenv('.env.production', ENV, {});
  assert.deepEqual(
    facts.settings.map((s) => [s.key, s.value]),
    [
      ['KAFKA_BROKERS', 'old-kafka-1.ec2.internal:9092,old-kafka-2.ec2.internal:9092'],
      ['KAFKA_ADDR', 'kafka.prod.internal:9092'],
      ['BOOTSTRAP', '${KAFKA_HOST:-localhost:9092}'],
      ['KAFKA_ADVERTISED_LISTENERS', 'PLAINTEXT://kafka:9092'],
      ['ZOOKEEPER', 'zk1.internal:2181'],
      ['INPUT_TOPIC', 'orders.created'],
      ['OUTPUT_TOPIC', '${OUT}'],
      ['KAFKA_GROUP_ID', 'billing'],
      ['KAFKA_AUTO_OFFSET_RESET', 'latest'],
      ['EMPTY', ''],
      ['HOST_PORT', '8080'],
    ],
  );
  assert.deepEqual(facts.settings[10].range, span(12, 11, 12, 15));
});

test('dotenv: topic uses, consumer group and offset reset with its fix', () => {
  const facts = extractDotenv('.env', ENV, {});
  assert.deepEqual(facts.topicUses, [
    { file: '.env', direction: 'consume', topic: 'orders.created', client: 'config', range: span(7, 13, 7, 27) },
    { file: '.env', direction: 'produce', via: { kind: 'placeholder', name: 'OUT' }, client: 'config', range: span(8, 14, 8, 20) },
  ]);
  assert.deepEqual(facts.groups, [{ file: '.env', group: 'billing', client: 'config', range: span(9, 16, 9, 23) }]);
  const at = ENV.indexOf('latest');
  assert.deepEqual(facts.offsetResets, [
    {
      file: '.env',
      client: 'config',
      value: 'latest',
      explicit: true,
      range: span(10, 25, 10, 31),
      fix: { file: '.env', offset: at, length: 6, newText: 'earliest', range: span(10, 25, 10, 31) },
    },
  ]);
});

test('scanEnvLines: reads only the slice, with kind and the host file format', () => {
  const text =
    'job "x" {\n  template {\n    data = <<EOF\nKAFKA_BROKERS=kafka.internal:9092\nEOF\n  }\n}\nKAFKA_OTHER=outside.internal:9092\n';
  const start = text.indexOf('KAFKA_BROKERS');
  const end = text.indexOf('EOF\n  }');
  const facts = emptyFacts('job.nomad', 'hcl');
  scanEnvLines('job.nomad', text, start, end, new LineIndex(text), {}, facts, 'command');
  assert.deepEqual(refs(facts), [['command', 'KAFKA_BROKERS', ['kafka.internal:9092'], span(4, 15, 4, 34)]]);
  assert.equal(facts.brokerRefs[0].format, 'hcl');
  assert.deepEqual(
    facts.settings.map((s) => s.key),
    ['KAFKA_BROKERS'],
  );
});
