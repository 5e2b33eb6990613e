import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureCodeGrammarsReady } from '../../../../src/core/extract/code/grammars';
import { extractTypeScript } from '../../../../src/core/extract/code/typescript';
import { extractPython } from '../../../../src/core/extract/code/python';
import { extractGo } from '../../../../src/core/extract/code/go';
import type { FileFacts, Range, TextEdit } from '../../../../src/core/model/types';

before(() => ensureCodeGrammarsReady());

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, column: c1 }, end: { line: l2, column: c2 } });
const apply = (text: string, e: TextEdit): string => text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
const topics = (f: FileFacts) => f.topicUses.map((t) => [t.direction, t.client, t.topic ?? t.via, t.range]);
const security = (f: FileFacts) => f.security.map((s) => [s.client, s.kind, s.value, s.key, s.range]);

test('franz-go: seed brokers, group, topics, produced records, reset offset with fix, TLS and SASL', () => {
  const text = `package main

const ordersTopic = "orders.v1"

func main() {
	cl, _ := kgo.NewClient(
		kgo.SeedBrokers("kafka-1.internal:9092", "kafka-2.internal:9092"),
		kgo.ConsumerGroup("ledger"),
		kgo.ConsumeTopics(ordersTopic, "refunds"),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtEnd()),
		kgo.DefaultProduceTopic("ledger.default"),
		kgo.DialTLSConfig(&tls.Config{}),
		kgo.SASL(scram.Auth{User: u, Pass: p}.AsSha512Mechanism()),
	)
	cl.Produce(ctx, &kgo.Record{Topic: "ledger.entries", Value: v}, nil)
}
`;
  const f = extractGo('svc/main.go', text, {});
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.kind, b.parts.map((p) => p.text), b.range]),
    [
      ['code-literal', ['kafka-1.internal:9092'], r(7, 20, 7, 41)],
      ['code-literal', ['kafka-2.internal:9092'], r(7, 45, 7, 66)],
    ],
  );
  assert.deepEqual(
    f.groups.map((g) => [g.client, g.group, g.range]),
    [['franz-go', 'ledger', r(8, 22, 8, 28)]],
  );
  assert.deepEqual(topics(f), [
    ['consume', 'franz-go', 'orders.v1', r(9, 21, 9, 32)],
    ['consume', 'franz-go', 'refunds', r(9, 35, 9, 42)],
    ['produce', 'franz-go', 'ledger.default', r(11, 28, 11, 42)],
    ['produce', 'franz-go', 'ledger.entries', r(15, 38, 15, 52)],
  ]);
  assert.deepEqual(
    f.offsetResets.map((o) => [o.client, o.value, o.explicit, o.range]),
    [['franz-go', 'latest', true, r(10, 26, 10, 49)]],
  );
  assert.equal(apply(text, f.offsetResets[0].fix!), text.replace('AtEnd()', 'AtStart()'));
  assert.deepEqual(security(f), [
    ['franz-go', 'tls', 'true', 'DialTLSConfig', r(12, 3, 12, 35)],
    ['franz-go', 'sasl-mechanism', 'SCRAM-SHA-512', 'SASL', r(13, 12, 13, 60)],
  ]);
});

test('franz-go: a group with no ConsumeResetOffset starts at the start (the client default)', () => {
  const text = 'package main\nfunc f() {\n\tkgo.NewClient(kgo.SeedBrokers(seeds...), kgo.ConsumerGroup("g"), kgo.ConsumeTopics("t"))\n}\n';
  const f = extractGo('svc/main.go', text, {});
  assert.deepEqual(
    f.offsetResets.map((o) => [o.client, o.value, o.explicit, o.range, o.fix]),
    [['franz-go', 'earliest', false, r(3, 43, 3, 65), undefined]],
  );
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.kind, b.expression, b.reads]),
    [['indirect', 'seeds', [{ kind: 'constant', name: 'seeds' }]]],
  );
});

test('confluent-kafka-go: ConfigMap brokers from LookupEnv, produced TopicPartition, SubscribeTopics, reset fix, security', () => {
  const text = `package main

import "github.com/confluentinc/confluent-kafka-go/v2/kafka"

func main() {
	addr, _ := os.LookupEnv("KAFKA_ADDR")
	p, _ := kafka.NewProducer(&kafka.ConfigMap{
		"bootstrap.servers": addr,
		"security.protocol": "SASL_SSL",
		"sasl.mechanisms":   "SCRAM-SHA-512",
	})
	topic := "invoices"
	p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic, Partition: kafka.PartitionAny}}, nil)
	c, _ := kafka.NewConsumer(&kafka.ConfigMap{"bootstrap.servers": "kafka-1.internal:9092", "group.id": "inv", "auto.offset.reset": "latest"})
	c.SubscribeTopics([]string{"invoices", os.Getenv("EXTRA")}, nil)
}
`;
  const f = extractGo('svc/main.go', text, {});
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.kind, b.key, b.kind === 'indirect' ? b.reads : b.parts.map((p) => p.text), b.range]),
    [
      ['indirect', 'bootstrap.servers', [{ kind: 'env', name: 'KAFKA_ADDR' }], r(8, 24, 8, 28)],
      ['code-literal', 'bootstrap.servers', ['kafka-1.internal:9092'], r(14, 67, 14, 88)],
    ],
  );
  assert.deepEqual(topics(f), [
    ['produce', 'confluent-kafka-go', 'invoices', r(13, 72, 13, 77)],
    ['consume', 'confluent-kafka-go', 'invoices', r(15, 30, 15, 38)],
    ['consume', 'confluent-kafka-go', { kind: 'env', name: 'EXTRA' }, r(15, 41, 15, 59)],
  ]);
  assert.deepEqual(
    f.groups.map((g) => [g.client, g.group, g.range]),
    [['confluent-kafka-go', 'inv', r(14, 104, 14, 107)]],
  );
  assert.deepEqual(
    f.offsetResets.map((o) => [o.value, o.explicit, o.range]),
    [['latest', true, r(14, 132, 14, 138)]],
  );
  assert.equal(apply(text, f.offsetResets[0].fix!), text.replace('"auto.offset.reset": "latest"', '"auto.offset.reset": "earliest"'));
  assert.deepEqual(security(f), [
    ['confluent-kafka-go', 'protocol', 'SASL_SSL', 'security.protocol', r(9, 25, 9, 33)],
    ['confluent-kafka-go', 'sasl-mechanism', 'SCRAM-SHA-512', 'sasl.mechanisms', r(10, 25, 10, 38)],
  ]);
});

test('kafka-go Dialer and sarama Net settings are security hints', () => {
  const text = `package main
func main() {
	d := &kafka.Dialer{TLS: &tls.Config{}, SASLMechanism: plain.Mechanism{Username: u, Password: pw}}
	t := &kafka.Transport{TLS: nil}
	cfg := sarama.NewConfig()
	cfg.Net.TLS.Enable = true
	cfg.Net.SASL.Enable = true
	cfg.Net.SASL.Mechanism = sarama.SASLTypeSCRAMSHA512
	other := sarama.NewConfig()
	other.Net.SASL.Enable = true
}
`;
  const f = extractGo('svc/main.go', text, {});
  assert.deepEqual(security(f), [
    ['kafka-go', 'tls', 'true', 'TLS', r(3, 26, 3, 39)],
    ['kafka-go', 'sasl-mechanism', 'PLAIN', 'SASLMechanism', r(3, 56, 3, 98)],
    ['kafka-go', 'tls', 'false', 'TLS', r(4, 29, 4, 32)],
    ['sarama', 'tls', 'true', 'Net.TLS.Enable', r(6, 23, 6, 27)],
    ['sarama', 'sasl-mechanism', 'SCRAM-SHA-512', 'Net.SASL.Mechanism', r(8, 27, 8, 53)],
  ]);
});

test('aiokafka: positional topics, keyword group from env, send_and_wait, security, default reset with insertion', () => {
  const text = `from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

consumer = AIOKafkaConsumer(
    'payments', 'refunds',
    bootstrap_servers='kafka-1.internal:9092',
    group_id=os.environ['GROUP'],
    security_protocol='SASL_SSL',
    sasl_mechanism='SCRAM-SHA-512',
    ssl_certfile='/certs/client.pem',
)
producer = AIOKafkaProducer(bootstrap_servers='kafka-1.internal:9092')
await producer.send_and_wait('payments.done', b'x')
`;
  const f = extractPython('svc/app.py', text, {});
  assert.deepEqual(topics(f), [
    ['consume', 'aiokafka', 'payments', r(4, 6, 4, 14)],
    ['consume', 'aiokafka', 'refunds', r(4, 18, 4, 25)],
    ['produce', 'aiokafka', 'payments.done', r(12, 31, 12, 44)],
  ]);
  assert.deepEqual(
    f.groups.map((g) => [g.client, g.via, g.range]),
    [['aiokafka', { kind: 'env', name: 'GROUP' }, r(6, 14, 6, 33)]],
  );
  assert.deepEqual(
    f.offsetResets.map((o) => [o.client, o.value, o.explicit, o.range]),
    [['aiokafka', 'latest', false, r(3, 12, 3, 28)]],
  );
  assert.equal(
    apply(text, f.offsetResets[0].fix!),
    text.replace("    ssl_certfile='/certs/client.pem',\n", "    ssl_certfile='/certs/client.pem',\n    auto_offset_reset='earliest',\n"),
  );
  assert.deepEqual(security(f), [
    ['aiokafka', 'protocol', 'SASL_SSL', 'security_protocol', r(7, 24, 7, 32)],
    ['aiokafka', 'sasl-mechanism', 'SCRAM-SHA-512', 'sasl_mechanism', r(8, 21, 8, 34)],
    ['aiokafka', 'client-cert', 'present', 'ssl_certfile', r(9, 18, 9, 37)],
  ]);
});

test('confluent-kafka (Python): security settings in the config dict', () => {
  const text = `from confluent_kafka import Producer
p = Producer({'bootstrap.servers': BROKERS, 'security.protocol': 'ssl', 'ssl.certificate.location': '/c.pem'})
p.produce('out', b'v')
`;
  const f = extractPython('svc/app.py', text, {});
  assert.deepEqual(security(f), [
    ['confluent-kafka', 'protocol', 'SSL', 'security.protocol', r(2, 67, 2, 70)],
    ['confluent-kafka', 'client-cert', 'present', 'ssl.certificate.location', r(2, 101, 2, 109)],
  ]);
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.kind, b.key, b.reads]),
    [['indirect', 'bootstrap.servers', [{ kind: 'constant', name: 'BROKERS' }]]],
  );
  assert.deepEqual(topics(f), [['produce', 'confluent-kafka', 'out', r(3, 12, 3, 15)]]);
});

test('kafkajs ssl/sasl and @confluentinc/kafka-javascript config maps', () => {
  const text = `const { Kafka } = require('kafkajs');
const Rd = require('@confluentinc/kafka-javascript');
const kafka = new Kafka({
  brokers: ['kafka-1.internal:9092'],
  ssl: { ca: [ca], cert: clientCert, key },
  sasl: { mechanism: 'scram-sha-512', username: u, password: pw },
});
const plain = new Kafka({ brokers: ['kafka-2.internal:9092'], ssl: false });
const consumer = new Rd.KafkaConsumer({
  'metadata.broker.list': process.env.BROKERS,
  'group.id': 'rd-group',
  'security.protocol': 'sasl_ssl',
  'sasl.mechanisms': 'PLAIN',
}, { 'auto.offset.reset': 'latest' });
consumer.subscribe(['rd.in']);
producer.produce('rd.out', null, Buffer.from('x'));
`;
  const f = extractTypeScript('svc/index.js', text, {});
  assert.deepEqual(security(f), [
    ['kafkajs', 'tls', 'true', 'ssl', r(5, 3, 5, 6)],
    ['kafkajs', 'client-cert', 'present', 'ssl.cert', r(5, 26, 5, 36)],
    ['kafkajs', 'sasl-mechanism', 'SCRAM-SHA-512', 'sasl.mechanism', r(6, 23, 6, 36)],
    ['kafkajs', 'tls', 'false', 'ssl', r(8, 68, 8, 73)],
    ['confluent-kafka-javascript', 'protocol', 'SASL_SSL', 'security.protocol', r(12, 25, 12, 33)],
    ['confluent-kafka-javascript', 'sasl-mechanism', 'PLAIN', 'sasl.mechanisms', r(13, 23, 13, 28)],
  ]);
  assert.deepEqual(
    f.brokerRefs.filter((b) => b.kind === 'indirect').map((b) => [b.key, b.expression, b.reads, b.range]),
    [['metadata.broker.list', 'process.env.BROKERS', [{ kind: 'env', name: 'BROKERS' }], r(10, 27, 10, 46)]],
  );
  assert.deepEqual(topics(f), [
    ['consume', 'confluent-kafka-javascript', 'rd.in', r(15, 22, 15, 27)],
    ['produce', 'confluent-kafka-javascript', 'rd.out', r(16, 19, 16, 25)],
  ]);
  assert.deepEqual(
    f.groups.map((g) => [g.client, g.group]),
    [['confluent-kafka-javascript', 'rd-group']],
  );
  assert.deepEqual(
    f.offsetResets.map((o) => [o.client, o.value, o.explicit, o.range]),
    [['confluent-kafka-javascript', 'latest', true, r(14, 28, 14, 34)]],
  );
});

test('bad input: minified code, a huge file and garbage never throw and report nothing bogus', () => {
  const minified = `const k=new Kafka({brokers:["kafka-1.internal:9092"]});await c.subscribe({topic:"m",fromBeginning:!0});`.repeat(200);
  const f = extractTypeScript('svc/app.min.ts', minified, {});
  assert.equal(f.brokerRefs.length, 200);
  assert.equal(f.topicUses.length, 200);
  // `!0` is no literal: the reset is unknown, never guessed.
  assert.deepEqual([...new Set(f.offsetResets.map((o) => o.value))], ['unknown']);
  const huge = 'x'.repeat(2 * 1024 * 1024 + 1);
  assert.deepEqual(
    extractGo('svc/big.go', huge, {}).problems.map((p) => [p.line, p.column, p.message]),
    [[1, 1, 'this file is larger than 2 MB and was not read']],
  );
  const garbage = extractPython('svc/x.py', ['\u0001 ))) (((', "'kafka-1.internal:9092", "{'group.id': }", 'def ('].join('\n'), {});
  assert.deepEqual(garbage.groups, []);
  assert.equal(garbage.problems.length, 1);
});
