// A compose stack full of look-alikes: only what a client connects with is a connection string.
import { test } from 'node:test';
import { ensureCodeGrammarsReady } from '../../../src/core/extract/code/grammars';
import assert from 'node:assert/strict';
import { extractFile } from '../../../src/core/extract';
import type { Range } from '../../../src/core/model/types';
import { COMPOSE_LOOKALIKES } from '../../helpers/compose';

const span = (l1: number, c1: number, l2: number, c2: number): Range => ({
  start: { line: l1, column: c1 },
  end: { line: l2, column: c2 },
});
// The manifest names `kafka:9092`: the scanner is told `kafka` is a broker host, which made every bare `kafka` a ref before.
const facts = extractFile('shop/docker-compose.yml', COMPOSE_LOOKALIKES, { knownHosts: new Set(['kafka']) });

test('compose look-alikes: exactly the client connection strings are refs', () => {
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(
    facts.brokerRefs.map((r) => [r.kind, r.key, r.parts.map((p) => p.text), r.range]),
    [
      ['config', 'SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS', ['PLAINTEXT://kafka:9092'], span(33, 53, 33, 75)],
      ['config', 'CONNECT_BOOTSTRAP_SERVERS', ['kafka:9092'], span(45, 35, 45, 45)],
      ['config', 'KSQL_BOOTSTRAP_SERVERS', ['kafka:9092'], span(56, 31, 56, 41)],
      ['config', 'KAFKA_BROKERS', ['kafka:9092'], span(64, 23, 64, 33)],
      // A host without a port is a connection string under a connection key.
      ['config', 'SPRING_KAFKA_BOOTSTRAP_SERVERS', ['kafka'], span(74, 39, 74, 44)],
      ['config', 'KAFKA_HOST', ['kafka'], span(75, 19, 75, 24)],
      ['command', undefined, ['kafka:9092'], span(78, 21, 78, 31)],
    ],
  );
  assert.deepEqual(
    facts.brokerRefs[0].hosts.map((h) => [h.protocol, h.host, h.port, h.range]),
    [['PLAINTEXT', 'kafka', 9092, span(33, 65, 33, 75)]],
  );
});

test("compose look-alikes: names, the broker's own settings and its self health check stay settings", () => {
  const lookalikes: Array<[string, string]> = [
    ['services.kafka.hostname', 'kafka'],
    ['services.kafka.container_name', 'kafka'],
    ['KAFKA_ADVERTISED_HOST_NAME', 'kafka'],
    ['KAFKA_ADVERTISED_LISTENERS', 'PLAINTEXT://kafka:9092,PLAINTEXT_HOST://localhost:29092'],
    ['KAFKA_LISTENERS', 'PLAINTEXT://0.0.0.0:9092,PLAINTEXT_HOST://0.0.0.0:29092'],
    ['KAFKA_ZOOKEEPER_CONNECT', 'zookeeper:2181'],
    ['services.schema-registry.depends_on', 'kafka'],
    ['CONNECT_REST_ADVERTISED_HOST_NAME', 'connect'],
    ['services.ksqldb.links', 'kafka,schema-registry:registry'],
    ['KAFKA_TLS_SERVERNAME', 'kafka'],
    ['services.orders-api.networks', 'kafka'],
    ['services.stock-worker.depends_on', 'kafka'],
    ['networks.kafka.name', 'kafka'],
  ];
  for (const [key, value] of lookalikes) {
    assert.deepEqual(
      facts.settings.filter((s) => s.key === key).map((s) => s.value),
      [value],
      key,
    );
  }
  const refLines = facts.brokerRefs.map((r) => r.range.start.line);
  // Lines 9-26 are the broker service: its health check (line 25) talks to itself.
  assert.ok(
    refLines.every((l) => l > 26),
    JSON.stringify(refLines),
  );
});

test('a manifest-known host is a connection string unkeyed only with a port', () => {
  const text = 'SOME_NAME=kafka\nSOME_ADDR=kafka:7000\nOTHER=notknown:7000\n';
  const f = extractFile('.env', text, { knownHosts: new Set(['kafka']) });
  assert.deepEqual(
    f.brokerRefs.map((r) => [r.key, r.parts[0].text]),
    [['SOME_ADDR', 'kafka:7000']],
  );
});

test('code: a TLS servername and a service name are not connection strings, the brokers array is', async () => {
  await ensureCodeGrammarsReady();
  const code =
    "import { Kafka } from 'kafkajs';\nconst kafka = new Kafka({ clientId: 'kafka', brokers: ['kafka:9092'], ssl: { servername: 'kafka' } });\nconst serviceName = 'kafka';\n";
  const f = extractFile('src/kafka.ts', code, { knownHosts: new Set(['kafka']) });
  assert.deepEqual(
    f.brokerRefs.map((r) => [r.kind, r.key, r.parts.map((p) => p.text), r.range]),
    [['code-literal', 'brokers', ['kafka:9092'], span(2, 57, 2, 67)]],
  );
});

test('compose: the broker image running its own command is a client (an init container), not the broker', () => {
  const compose = [
    'services:',
    '  kafka1:',
    '    image: confluentinc/cp-kafka:7.8.0',
    '    environment:',
    '      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka1:29092',
    '  init-topics:',
    '    image: confluentinc/cp-kafka:7.8.0',
    '    command: "bash -c \'kafka-topics --create --topic users --bootstrap-server kafka1:29092\'"',
    '',
  ].join('\n');
  const f = extractFile('docker-compose.yml', compose);
  assert.deepEqual(
    f.brokerRefs.map((r) => [r.kind, r.parts.map((p) => p.text), r.range.start.line]),
    [['command', ['kafka1:29092'], 8]],
  );
});
