import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractProperties } from '../../../src/core/extract/properties';
import type { Range } from '../../../src/core/model/types';

const span = (l1: number, c1: number, l2: number, c2: number): Range => ({
  start: { line: l1, column: c1 },
  end: { line: l2, column: c2 },
});

const APP = [
  '# Kafka',
  'spring.kafka.bootstrap-servers=${KAFKA_BROKERS:old-kafka-1.ec2.internal:9092}',
  '! bootstrap.servers=commented.internal:9092',
  'bootstrap.servers = kafka1.internal:9092,\\',
  '    kafka2.internal:9092',
  'kafka.bootstrap.servers: kafka3.internal:9092',
  'group.id   orders-consumer',
  'auto.offset.reset=latest',
  'listeners=PLAINTEXT://0.0.0.0:9092',
  'zookeeper.connect=zk1:2181',
  'app.topics.in=payments',
  'app.topics.out=${OUT_TOPIC}',
  'spring.kafka.consumer.auto-offset-reset=${RESET:latest}',
  'key\\:with\\=escapes=value\\u0041',
  '',
].join('\n');

test('properties: broker refs with exact ranges, placeholder defaults and continued lines', () => {
  const facts = extractProperties('svc/application.properties', APP, {});
  assert.equal(facts.format, 'properties');
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(
    facts.brokerRefs.map((r) => [r.key, r.kind, r.parts.map((p) => p.text), r.range]),
    [
      // The placeholder reads KAFKA_BROKERS (indirect, over the whole value); its default is a literal of its own.
      ['spring.kafka.bootstrap-servers', 'indirect', [], span(2, 32, 2, 78)],
      ['spring.kafka.bootstrap-servers', 'config', ['old-kafka-1.ec2.internal:9092'], span(2, 48, 2, 77)],
      ['bootstrap.servers', 'config', ['kafka1.internal:9092', 'kafka2.internal:9092'], span(4, 21, 5, 25)],
      ['kafka.bootstrap.servers', 'config', ['kafka3.internal:9092'], span(6, 26, 6, 46)],
    ],
  );
  assert.deepEqual(facts.brokerRefs[0].reads, [{ kind: 'placeholder', name: 'KAFKA_BROKERS', fallback: 'old-kafka-1.ec2.internal:9092' }]);
  const continued = facts.brokerRefs[2];
  assert.deepEqual(
    continued.hosts.map((h) => [h.host, h.port, h.range]),
    [
      ['kafka1.internal', 9092, span(4, 21, 4, 41)],
      ['kafka2.internal', 9092, span(5, 5, 5, 25)],
    ],
  );
  assert.equal(APP.slice(continued.hosts[1].offset, continued.hosts[1].offset + continued.hosts[1].length), 'kafka2.internal:9092');
});

test('properties: settings keep keys as written and values unescaped', () => {
  const facts = extractProperties('a.properties', APP, {});
  const byKey = new Map(facts.settings.map((s) => [s.key, s]));
  assert.equal(byKey.get('spring.kafka.bootstrap-servers')?.value, '${KAFKA_BROKERS:old-kafka-1.ec2.internal:9092}');
  assert.deepEqual(byKey.get('spring.kafka.bootstrap-servers')?.range, span(2, 32, 2, 78));
  assert.equal(byKey.get('bootstrap.servers')?.value, 'kafka1.internal:9092,kafka2.internal:9092');
  assert.equal(byKey.get('group.id')?.value, 'orders-consumer');
  assert.equal(byKey.get('key:with=escapes')?.value, 'valueA');
  assert.equal(byKey.get('listeners')?.value, 'PLAINTEXT://0.0.0.0:9092');
  assert.equal(byKey.has('! bootstrap.servers'), false);
  assert.equal(facts.settings.length, 11);
});

test('properties: look-alikes and comments are not connection strings', () => {
  const facts = extractProperties('a.properties', APP, {});
  const keys = facts.brokerRefs.map((r) => r.key);
  assert.ok(!keys.includes('listeners'));
  assert.ok(!keys.includes('zookeeper.connect'));
  assert.ok(!facts.brokerRefs.some((r) => r.parts[0]?.text.includes('commented')));
});

test('properties: topic uses, offset resets with fixes, groups', () => {
  const facts = extractProperties('a.properties', APP, {});
  assert.deepEqual(facts.topicUses, [
    { file: 'a.properties', direction: 'consume', topic: 'payments', client: 'config', range: span(11, 15, 11, 23) },
    {
      file: 'a.properties',
      direction: 'produce',
      via: { kind: 'placeholder', name: 'OUT_TOPIC' },
      client: 'config',
      range: span(12, 16, 12, 28),
    },
  ]);
  const resetAt = APP.indexOf('latest');
  const springAt = APP.indexOf('latest}');
  assert.deepEqual(facts.offsetResets, [
    {
      file: 'a.properties',
      client: 'config',
      value: 'latest',
      explicit: true,
      range: span(8, 19, 8, 25),
      fix: { file: 'a.properties', offset: resetAt, length: 6, newText: 'earliest', range: span(8, 19, 8, 25) },
    },
    {
      file: 'a.properties',
      client: 'spring',
      value: 'latest',
      explicit: true,
      range: span(13, 49, 13, 55),
      fix: { file: 'a.properties', offset: springAt, length: 6, newText: 'earliest', range: span(13, 49, 13, 55) },
    },
  ]);
  const fixed = APP.slice(0, resetAt) + 'earliest' + APP.slice(resetAt + 6);
  assert.match(fixed, /^auto\.offset\.reset=earliest$/m);
  assert.deepEqual(facts.groups, [{ file: 'a.properties', group: 'orders-consumer', client: 'config', range: span(7, 12, 7, 27) }]);
});

test('properties: earliest needs no fix; an unreadable value is unknown', () => {
  const facts = extractProperties('c.properties', 'auto.offset.reset=earliest\nconsumer.auto.offset.reset=${RESET}\n', {});
  assert.deepEqual(
    facts.offsetResets.map((o) => [o.value, o.fix === undefined, o.range]),
    [
      ['earliest', true, span(1, 19, 1, 27)],
      ['unknown', true, span(2, 28, 2, 36)],
    ],
  );
});

test('properties: CRLF line ends, blank separators and Spring Cloud Stream bindings', () => {
  const text =
    'a=1\r\nbootstrap.servers k1.internal:9092\r\nspring.cloud.stream.bindings.process-out-0.destination=invoices\r\n' +
    'spring.cloud.stream.bindings.process-in-0.destination=orders, refunds\r\n';
  const facts = extractProperties('d.properties', text, {});
  assert.deepEqual(
    facts.brokerRefs.map((r) => [r.parts[0].text, r.range]),
    [['k1.internal:9092', span(2, 19, 2, 35)]],
  );
  assert.deepEqual(facts.settings[0], { file: 'd.properties', key: 'a', value: '1', range: span(1, 3, 1, 4), offset: 2 });
  assert.deepEqual(
    facts.topicUses.map((t) => [t.direction, t.topic, t.client, t.range]),
    [
      ['produce', 'invoices', 'spring', span(3, 56, 3, 64)],
      ['consume', 'orders', 'spring', span(4, 55, 4, 61)],
      ['consume', 'refunds', 'spring', span(4, 63, 4, 70)],
    ],
  );
});

test('properties: a dangling continuation at end of file and empty input do not throw', () => {
  assert.deepEqual(extractProperties('e.properties', '', {}).settings, []);
  const facts = extractProperties('e.properties', 'bootstrap.servers=k:9092,\\', {});
  assert.deepEqual(
    facts.brokerRefs.map((r) => r.parts.map((p) => p.text)),
    [['k:9092,']],
  );
  assert.deepEqual(facts.problems, []);
});
