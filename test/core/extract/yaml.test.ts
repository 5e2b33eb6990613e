import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractYaml } from '../../../src/core/extract/yaml';
import type { BrokerRefText, FileFacts, Range } from '../../../src/core/model/types';

const span = (l1: number, c1: number, l2: number, c2: number): Range => ({
  start: { line: l1, column: c1 },
  end: { line: l2, column: c2 },
});
const refs = (facts: FileFacts) => facts.brokerRefs.map((r: BrokerRefText) => [r.kind, r.key, r.parts.map((p) => p.text), r.range]);
const setting = (facts: FileFacts, key: string) => facts.settings.filter((s) => s.key === key).map((s) => [s.value, s.range]);

const COMPOSE = `version: "3.8"
services:
  kafka:
    image: confluentinc/cp-kafka:7.5.0
    environment:
      KAFKA_ADVERTISED_LISTENERS: PLAINTEXT://kafka:9092
      KAFKA_LISTENERS: PLAINTEXT://0.0.0.0:9092
      KAFKA_CONTROLLER_QUORUM_VOTERS: 1@kafka:9093
      KAFKA_ZOOKEEPER_CONNECT: zookeeper:2181
    healthcheck:
      test: ["CMD", "kafka-topics", "--bootstrap-server", "kafka:9092", "--list"]
  orders:
    environment:
      - KAFKA_BROKERS=kafka:9092,kafka2:9092
      - "KAFKA_GROUP_ID=orders-svc"
      - KAFKA_ADDR
      - INPUT_TOPIC=orders.created
    command: sh -c "kcat -C -t x -b 'kafka:29092'"
  billing:
    environment:
      SPRING_KAFKA_BOOTSTRAP_SERVERS: "b-1.msk.abc.c2.kafka.eu-west-1.amazonaws.com:9094"
      AUTO_OFFSET_RESET: latest
      KAFKA_PEERS:
`;

test("yaml: docker-compose environment as a map and as a list, commands; the broker service's own health check is no client", () => {
  const facts = extractYaml('docker-compose.yml', COMPOSE, {});
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(refs(facts), [
    ['config', 'KAFKA_BROKERS', ['kafka:9092,kafka2:9092'], span(14, 23, 14, 45)],
    ['command', undefined, ['kafka:29092'], span(18, 38, 18, 49)],
    ['config', 'SPRING_KAFKA_BOOTSTRAP_SERVERS', ['b-1.msk.abc.c2.kafka.eu-west-1.amazonaws.com:9094'], span(21, 40, 21, 89)],
  ]);
  assert.deepEqual(
    facts.brokerRefs[0].hosts.map((h) => [h.host, h.port, h.range]),
    [
      ['kafka', 9092, span(14, 23, 14, 33)],
      ['kafka2', 9092, span(14, 34, 14, 45)],
    ],
  );
  // Keys under `environment:` are variable names, not flattened paths.
  assert.deepEqual(setting(facts, 'KAFKA_BROKERS'), [['kafka:9092,kafka2:9092', span(14, 23, 14, 45)]]);
  assert.deepEqual(setting(facts, 'KAFKA_GROUP_ID'), [['orders-svc', span(15, 25, 15, 35)]]);
  assert.deepEqual(setting(facts, 'KAFKA_ADDR'), [['', span(16, 9, 16, 19)]]);
  assert.deepEqual(setting(facts, 'KAFKA_PEERS'), [['', span(23, 7, 23, 18)]]);
  assert.deepEqual(setting(facts, 'services.kafka.image'), [['confluentinc/cp-kafka:7.5.0', span(4, 12, 4, 39)]]);
  assert.deepEqual(setting(facts, 'version'), [['3.8', span(1, 11, 1, 14)]]);
  assert.deepEqual(facts.topicUses, [
    { file: 'docker-compose.yml', direction: 'consume', topic: 'orders.created', client: 'config', range: span(17, 21, 17, 35) },
    // `kcat -C -t x` in the command consumes x.
    { file: 'docker-compose.yml', direction: 'consume', topic: 'x', client: 'cli', range: span(18, 32, 18, 33) },
  ]);
  assert.deepEqual(facts.groups, [{ file: 'docker-compose.yml', group: 'orders-svc', client: 'config', range: span(15, 25, 15, 35) }]);
  const at = COMPOSE.indexOf('latest');
  assert.deepEqual(facts.offsetResets, [
    {
      file: 'docker-compose.yml',
      client: 'config',
      value: 'latest',
      explicit: true,
      range: span(22, 26, 22, 32),
      fix: { file: 'docker-compose.yml', offset: at, length: 6, newText: 'earliest', range: span(22, 26, 22, 32) },
    },
  ]);
});

test('yaml: broker look-alikes are settings, never refs', () => {
  const facts = extractYaml('docker-compose.yml', COMPOSE, {});
  for (const key of ['KAFKA_ADVERTISED_LISTENERS', 'KAFKA_LISTENERS', 'KAFKA_CONTROLLER_QUORUM_VOTERS', 'KAFKA_ZOOKEEPER_CONNECT']) {
    assert.equal(facts.settings.filter((s) => s.key === key).length, 1, key);
    assert.ok(!facts.brokerRefs.some((r) => r.key === key), key);
  }
  assert.ok(!facts.brokerRefs.some((r) => r.hosts.some((h) => h.port === 2181 || h.host === '0.0.0.0')));
});

test("yaml: a Redpanda broker's advertised address in a CI service container is a look-alike; the test job's client address is a ref", () => {
  const text = `jobs:
  it:
    services:
      queue:
        image: redpandadata/redpanda
        env:
          REDPANDA_ADVERTISE_KAFKA_ADDRESS: queue:9092
    steps:
      - run: go test ./...
        env:
          KAFKA_ADDRESS: queue:9092
`;
  const facts = extractYaml('.github/workflows/it.yml', text, {});
  assert.deepEqual(
    facts.brokerRefs.map((r) => [r.key, r.range.start.line]),
    [['KAFKA_ADDRESS', 11]],
  );
  assert.ok(facts.settings.some((s) => s.key.endsWith('REDPANDA_ADVERTISE_KAFKA_ADDRESS') && s.value === 'queue:9092'));
});

const K8S = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  template:
    spec:
      containers:
        - name: orders
          env:
            - name: KAFKA_BROKERS
              value: "kafka-0.kafka.svc:9092,kafka-1.kafka.svc:9092"
            - name: OUTPUT_TOPIC
              value: orders.events
            - name: KAFKA_PASSWORD
              valueFrom:
                secretKeyRef: { name: kafka, key: password }
          args: ["--bootstrap-server", "kafka.prod.internal:9092"]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: orders-config
data:
  KAFKA_ADDR: kafka.prod.internal:9092
  application.properties: |
    spring.kafka.bootstrap-servers=old-kafka-1.ec2.internal:9092
    spring.kafka.consumer.auto-offset-reset=latest
---
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaTopic
metadata:
  name: orders-events
spec:
  topicName: orders.events
  partitions: 12
  replicas: 3
  config:
    retention.ms: 604800000
`;

test('yaml: Kubernetes env lists, args arrays, ConfigMap data with an embedded properties file', () => {
  const facts = extractYaml('k8s/orders.yaml', K8S, {});
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(refs(facts), [
    ['config', 'KAFKA_BROKERS', ['kafka-0.kafka.svc:9092,kafka-1.kafka.svc:9092'], span(12, 23, 12, 68)],
    ['command', undefined, ['kafka.prod.internal:9092'], span(18, 41, 18, 65)],
    ['config', 'KAFKA_ADDR', ['kafka.prod.internal:9092'], span(25, 15, 25, 39)],
    ['config', 'spring.kafka.bootstrap-servers', ['old-kafka-1.ec2.internal:9092'], span(27, 36, 27, 65)],
  ]);
  assert.deepEqual(setting(facts, 'OUTPUT_TOPIC'), [['orders.events', span(14, 22, 14, 35)]]);
  assert.deepEqual(setting(facts, 'spec.template.spec.containers[0].name'), [['orders', span(9, 17, 9, 23)]]);
  assert.equal(
    facts.settings.some((s) => s.key === 'KAFKA_PASSWORD'),
    false,
  );
  assert.deepEqual(
    facts.topicUses.map((t) => [t.direction, t.topic, t.range]),
    [['produce', 'orders.events', span(14, 22, 14, 35)]],
  );
  const at = K8S.indexOf('latest');
  assert.deepEqual(
    facts.offsetResets.map((o) => [o.client, o.value, o.range, o.fix?.offset, o.fix?.newText]),
    [['spring', 'latest', span(28, 45, 28, 51), at, 'earliest']],
  );
});

test('yaml: Strimzi KafkaTopic declares a topic', () => {
  const facts = extractYaml('k8s/orders.yaml', K8S, {});
  assert.deepEqual(facts.topicDecls, [
    {
      name: 'orders.events',
      file: 'k8s/orders.yaml',
      range: span(35, 14, 35, 27),
      partitions: 12,
      replicationFactor: 3,
      config: { 'retention.ms': '604800000' },
    },
  ]);
  const byName = extractYaml('t.yaml', 'kind: KafkaTopic\nmetadata:\n  name: payments\nspec:\n  partitions: 3\n', {});
  assert.deepEqual(byName.topicDecls, [{ name: 'payments', file: 't.yaml', range: span(3, 9, 3, 17), partitions: 3 }]);
});

const SPRING = `spring:
  kafka:
    bootstrap-servers: \${KAFKA_BROKERS:kafka1.internal:9092,kafka2.internal:9092}
    consumer:
      group-id: billing
      auto-offset-reset: 'latest'
  cloud:
    stream:
      bindings:
        process-in-0:
          destination: orders,refunds
          group: billing-stream
        process-out-0:
          destination: \${OUT_TOPIC:invoices}
app:
  topics:
    in: payments
  brokers:
    - kafka1.internal:9092
    - 'kafka2.internal:9092'
---
spring.config.activate.on-profile: prod
spring.kafka.properties.bootstrap.servers: b-1.x.y.c3.kafka.us-east-1.amazonaws.com:9098
`;

test('yaml: Spring application.yml flattened keys, placeholder defaults, broker sequences, bindings', () => {
  const facts = extractYaml('src/main/resources/application.yml', SPRING, {});
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(refs(facts), [
    // Reads KAFKA_BROKERS (resolved by the model); the default after `:` is a literal of its own.
    ['indirect', 'spring.kafka.bootstrap-servers', [], span(3, 24, 3, 82)],
    ['config', 'spring.kafka.bootstrap-servers', ['kafka1.internal:9092,kafka2.internal:9092'], span(3, 40, 3, 81)],
    ['config', 'app.brokers', ['kafka1.internal:9092', 'kafka2.internal:9092'], span(19, 7, 20, 28)],
    ['config', 'spring.kafka.properties.bootstrap.servers', ['b-1.x.y.c3.kafka.us-east-1.amazonaws.com:9098'], span(23, 44, 23, 89)],
  ]);
  assert.deepEqual(setting(facts, 'spring.kafka.bootstrap-servers'), [
    ['${KAFKA_BROKERS:kafka1.internal:9092,kafka2.internal:9092}', span(3, 24, 3, 82)],
  ]);
  assert.deepEqual(setting(facts, 'app.brokers'), [['kafka1.internal:9092,kafka2.internal:9092', span(19, 7, 20, 28)]]);
  assert.deepEqual(setting(facts, 'app.topics.in'), [['payments', span(17, 9, 17, 17)]]);
  assert.deepEqual(
    facts.topicUses.map((t) => [t.direction, t.topic, t.via, t.client, t.range]),
    [
      ['consume', 'orders', undefined, 'spring', span(11, 24, 11, 30)],
      ['consume', 'refunds', undefined, 'spring', span(11, 31, 11, 38)],
      ['produce', undefined, { kind: 'placeholder', name: 'OUT_TOPIC', fallback: 'invoices' }, 'spring', span(14, 24, 14, 45)],
      ['consume', 'payments', undefined, 'config', span(17, 9, 17, 17)],
    ],
  );
  assert.deepEqual(
    facts.groups.map((g) => [g.group, g.client, g.range]),
    [
      ['billing', 'spring', span(5, 17, 5, 24)],
      ['billing-stream', 'spring', span(12, 18, 12, 32)],
    ],
  );
  // The quoted value's range excludes the quotes; the fix replaces only the value text.
  const at = SPRING.indexOf("'latest'") + 1;
  assert.deepEqual(facts.offsetResets, [
    {
      file: 'src/main/resources/application.yml',
      client: 'spring',
      value: 'latest',
      explicit: true,
      range: span(6, 27, 6, 33),
      fix: { file: 'src/main/resources/application.yml', offset: at, length: 6, newText: 'earliest', range: span(6, 27, 6, 33) },
    },
  ]);
});

test('yaml: broken YAML gives positioned problems and keeps the partial tree', () => {
  const text = 'kafka:\n  brokers: kafka:9092\n bad: [1, 2\n';
  const facts = extractYaml('broken.yaml', text, {});
  assert.deepEqual(facts.problems, [
    {
      file: 'broken.yaml',
      line: 3,
      column: 1,
      severity: 'warning',
      message: 'invalid YAML: All mapping items must start at the same column',
    },
    {
      file: 'broken.yaml',
      line: 4,
      column: 1,
      severity: 'warning',
      message: 'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    },
  ]);
  assert.deepEqual(refs(facts), [['config', 'kafka.brokers', ['kafka:9092'], span(2, 12, 2, 22)]]);
});

const HELM = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "orders.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: orders
          {{- with .Values.env }}
          env:
            - name: KAFKA_BROKERS
              value: "old-kafka-1.ec2.internal:9092,old-kafka-2.ec2.internal:9092"
            - name: KAFKA_ADDR
              value: {{ .Values.kafka.addr | default "kafka.prod.internal:9092" | quote }}
            - name: KAFKA_ADVERTISED_LISTENERS
              value: PLAINTEXT://kafka:9092
          {{- end }}
          # bootstrap.servers: commented.internal:9092
          args: ["--bootstrap-server", "kafka9.internal:9092"]
`;

test('yaml: a Helm template is read line by line without YAML errors', () => {
  const facts = extractYaml('chart/templates/deployment.yaml', HELM, {});
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(refs(facts), [
    ['config', 'KAFKA_BROKERS', ['old-kafka-1.ec2.internal:9092,old-kafka-2.ec2.internal:9092'], span(13, 23, 13, 82)],
    ['indirect', 'KAFKA_ADDR', [], span(15, 22, 15, 91)],
    ['config', 'KAFKA_ADDR', ['kafka.prod.internal:9092'], span(15, 55, 15, 79)],
    ['command', undefined, ['kafka9.internal:9092'], span(20, 41, 20, 61)],
  ]);
  assert.deepEqual(facts.brokerRefs[1].reads, [{ kind: 'helm', name: 'kafka.addr', fallback: 'kafka.prod.internal:9092' }]);
  assert.deepEqual(setting(facts, 'KAFKA_ADDR'), [
    ['{{ .Values.kafka.addr | default "kafka.prod.internal:9092" | quote }}', span(15, 22, 15, 91)],
  ]);
  assert.deepEqual(setting(facts, 'KAFKA_ADVERTISED_LISTENERS'), [['PLAINTEXT://kafka:9092', span(17, 22, 17, 44)]]);
  assert.equal(
    facts.settings.some((s) => s.value.includes('commented')),
    false,
  );
});

test('yaml: values.yaml with a quoted template expression is still parsed as YAML', () => {
  const text = 'kafka:\n  bootstrapServers: "{{ .Release.Name }}-kafka:9092"\n  brokers: kafka.prod.internal:9092\n';
  const facts = extractYaml('chart/values.yaml', text, {});
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(refs(facts), [['config', 'kafka.brokers', ['kafka.prod.internal:9092'], span(3, 12, 3, 36)]]);
  assert.deepEqual(setting(facts, 'kafka.bootstrapServers'), [['{{ .Release.Name }}-kafka:9092', span(2, 22, 2, 52)]]);
});

test('yaml: block commands, empty files and non-map documents do not throw', () => {
  const text =
    'jobs:\n  create:\n    script:\n      - |\n        kafka-topics.sh --create --topic t \\\n          --bootstrap-server kafka.internal:9092\n';
  const facts = extractYaml('ci.yml', text, {});
  assert.deepEqual(refs(facts), [['command', undefined, ['kafka.internal:9092'], span(6, 30, 6, 49)]]);
  assert.deepEqual(extractYaml('empty.yaml', '', {}).problems, []);
  assert.deepEqual(extractYaml('scalar.yaml', 'just text\n---\n- a\n', {}).brokerRefs, []);
});

test('yaml: plain keys resolve as the YAML 1.2 core schema, or 1.1 under its directive, says (numbers, bools, sexagesimals)', () => {
  const text = [
    '1.0: a',
    '0x1F: b',
    'on: c',
    'null: d',
    'name: ~',
    'enabled: e',
    '.inf: f',
    'noise: 0o17',
    '...',
    '%YAML 1.1',
    '---',
    'e5: x',
    'yes: y',
    'Off: z',
    '12:30: t',
    '0b11: u',
    '',
  ].join('\n');
  const facts = extractYaml('a.yml', text, {});
  assert.deepEqual(facts.problems, []);
  assert.deepEqual(
    facts.settings.map((s) => [s.key, s.value]),
    [
      ['1', 'a'],
      ['31', 'b'],
      ['on', 'c'],
      ['name', ''],
      ['enabled', 'e'],
      ['Infinity', 'f'],
      ['noise', '0o17'],
      ['NaN', 'x'],
      ['true', 'y'],
      ['false', 'z'],
      ['750', 't'],
      ['3', 'u'],
    ],
  );
});
