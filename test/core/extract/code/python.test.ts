import { before, test } from 'node:test';
import { ensureCodeGrammarsReady } from '../../../../src/core/extract/code/grammars';
import assert from 'node:assert/strict';
import { extractPython } from '../../../../src/core/extract/code/python';
import type { Range, TextEdit } from '../../../../src/core/model/types';

before(() => ensureCodeGrammarsReady());

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, column: c1 }, end: { line: l2, column: c2 } });
const apply = (text: string, e: TextEdit): string => text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
const run = (text: string) => extractPython('svc/app.py', text, {});

const CONFLUENT = `import os
from confluent_kafka import Consumer, Producer

BROKERS = os.environ.get('KAFKA_BROKERS', 'old-kafka-1:9092,old-kafka-2:9092')
OUT = os.getenv("OUTPUT_TOPIC", "shipments")

conf = {
    'bootstrap.servers': BROKERS,
    'group.id': 'shipping',
}
consumer = Consumer(conf)
consumer.subscribe(['orders', os.environ['EXTRA_TOPIC']])  # '# not a comment'
# consumer.subscribe(['ghost'])
p = Producer({'bootstrap.servers': "kafka-1.prod:9092"})
p.produce(OUT, key=b'k', value=f'{x}')
c2 = Consumer({"group.id": "g2", "auto.offset.reset": "latest"})
`;

test('confluent-kafka: env default brokers, keyed config literal, groups, topics with env/constant indirection', () => {
  const f = run(CONFLUENT);
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.key, b.kind, b.range]),
    [
      ['KAFKA_BROKERS', 'code-default', r(4, 44, 4, 77)],
      ['bootstrap.servers', 'code-literal', r(14, 37, 14, 54)],
    ],
  );
  assert.deepEqual(
    f.groups.map((g) => [g.client, g.group, g.range]),
    [
      ['confluent-kafka', 'shipping', r(9, 18, 9, 26)],
      ['confluent-kafka', 'g2', r(16, 29, 16, 31)],
    ],
  );
  assert.deepEqual(
    f.topicUses.map((t) => [t.direction, t.client, t.topic, t.via, t.range]),
    [
      ['consume', 'confluent-kafka', 'orders', undefined, r(12, 22, 12, 28)],
      ['consume', 'confluent-kafka', undefined, { kind: 'env', name: 'EXTRA_TOPIC' }, r(12, 31, 12, 56)],
      ['produce', 'confluent-kafka', undefined, { kind: 'placeholder', name: 'OUTPUT_TOPIC', fallback: 'shipments' }, r(15, 11, 15, 14)],
    ],
  );
});

test('confluent-kafka: a consumer dict without auto.offset.reset gets the entry in its own style; latest is fixed', () => {
  const f = run(CONFLUENT);
  assert.deepEqual(
    f.offsetResets.map((o) => [o.value, o.explicit, o.range]),
    [
      ['latest', false, r(11, 12, 11, 20)],
      ['latest', true, r(16, 56, 16, 62)],
    ],
  );
  assert.equal(
    apply(CONFLUENT, f.offsetResets[0].fix!),
    CONFLUENT.replace("'group.id': 'shipping',\n", "'group.id': 'shipping',\n    'auto.offset.reset': 'earliest',\n"),
  );
  assert.equal(
    apply(CONFLUENT, f.offsetResets[1].fix!),
    CONFLUENT.replace('"auto.offset.reset": "latest"', '"auto.offset.reset": "earliest"'),
  );

  const oneLine = `from confluent_kafka import Consumer\nc = Consumer({"group.id": "g"})\n`;
  const g = run(oneLine);
  assert.equal(
    apply(oneLine, g.offsetResets[0].fix!),
    `from confluent_kafka import Consumer\nc = Consumer({"group.id": "g", "auto.offset.reset": "earliest"})\n`,
  );
  const later = `from confluent_kafka import Consumer\nconf = {"group.id": "g"}\nconf["auto.offset.reset"] = "earliest"\nc = Consumer(conf)\n`;
  assert.deepEqual(
    run(later).offsetResets.map((o) => [o.value, o.explicit]),
    [['earliest', true]],
  );
});

const KAFKA_PYTHON = `from kafka import KafkaConsumer, KafkaProducer

consumer = KafkaConsumer(
    'clicks', "views",
    bootstrap_servers=['kafka-a.internal:9092', 'kafka-b.internal:9092'],
    group_id='analytics'
)
c2 = KafkaConsumer(topics, group_id=os.environ.get('GROUP_ID'), auto_offset_reset='largest')
producer = KafkaProducer(bootstrap_servers='kafka-a.internal:9092')
producer.send('clicks-enriched', value=b'x')
producer.send(topic=self.topic, value=b'y')
"""docstring mentions producer.send('nope')"""
`;

test('kafka-python: positional topics, keyword brokers/group, default latest reset with kwarg insertion', () => {
  const f = run(KAFKA_PYTHON);
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.key, b.parts.map((p) => p.text), b.range]),
    [
      ['bootstrap_servers', ['kafka-a.internal:9092', 'kafka-b.internal:9092'], r(5, 25, 5, 71)],
      ['bootstrap_servers', ['kafka-a.internal:9092'], r(9, 45, 9, 66)],
    ],
  );
  assert.deepEqual(
    f.groups.map((g) => [g.group, g.via, g.range]),
    [
      ['analytics', undefined, r(6, 15, 6, 24)],
      [undefined, { kind: 'env', name: 'GROUP_ID' }, r(8, 37, 8, 63)],
    ],
  );
  assert.deepEqual(
    f.topicUses.map((t) => [t.direction, t.client, t.topic, t.range]),
    [
      ['consume', 'kafka-python', 'clicks', r(4, 6, 4, 12)],
      ['consume', 'kafka-python', 'views', r(4, 16, 4, 21)],
      ['consume', 'kafka-python', undefined, r(8, 20, 8, 26)],
      ['produce', 'kafka-python', 'clicks-enriched', r(10, 16, 10, 31)],
      ['produce', 'kafka-python', undefined, r(11, 21, 11, 31)],
    ],
  );
  assert.deepEqual(
    f.offsetResets.map((o) => [o.value, o.explicit, o.range]),
    [
      ['latest', false, r(3, 12, 3, 25)],
      ['latest', true, r(8, 84, 8, 91)],
    ],
  );
  assert.equal(
    apply(KAFKA_PYTHON, f.offsetResets[0].fix!),
    KAFKA_PYTHON.replace("    group_id='analytics'\n)", "    group_id='analytics',\n    auto_offset_reset='earliest'\n)"),
  );
  assert.equal(apply(KAFKA_PYTHON, f.offsetResets[1].fix!), KAFKA_PYTHON.replace("'largest'", "'earliest'"));
});

test('python strings: prefixes, triple quotes, escapes; unterminated triple quote is one syntax-error problem at its place', () => {
  const text = `a = r'kafka-1.prod:9092'\nb = '''\nkafka-2.prod:9092'''\nc = "it\\"s"\nd = """never closed\n`;
  const f = run(text);
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.key, b.parts[0].text, b.range]),
    [
      ['a', 'kafka-1.prod:9092', r(1, 7, 1, 24)],
      ['b', '\nkafka-2.prod:9092', r(2, 8, 3, 18)],
    ],
  );
  assert.deepEqual(f.brokerRefs[1].hosts[0].range, r(3, 1, 3, 18));
  assert.deepEqual(
    f.problems.map((p) => [p.line, p.column, p.message]),
    [[5, 5, 'syntax error: this part of the file could not be parsed; facts inside it may be missing']],
  );
});

test('Python: aiokafka send_batch names the topic second, through a local name', () => {
  const text = `from aiokafka import AIOKafkaProducer

async def flush(batch):
    producer = AIOKafkaProducer()
    topic = "courier.batches"
    await producer.send_batch(batch, topic, partition=0)
`;
  assert.deepEqual(
    run(text).topicUses.map((u) => [u.direction, u.client, u.topic, u.range]),
    [['produce', 'aiokafka', 'courier.batches', r(6, 38, 6, 43)]],
  );
});

test('Python: confluent_kafka.aio AIOProducer/AIOConsumer produce and subscribe like Producer/Consumer', () => {
  const text = `from confluent_kafka.aio import AIOConsumer, AIOProducer

async def main(topic):
    producer = AIOProducer({'bootstrap.servers': 'kafka-1.internal:9092'})
    await producer.produce(topic=topic, value=b'x')
    consumer = AIOConsumer({'bootstrap.servers': 'kafka-1.internal:9092', 'group.id': 'courier'})
    await consumer.subscribe(["courier.jobs"])
`;
  const f = run(text);
  assert.deepEqual(
    f.topicUses.map((u) => [u.direction, u.client, u.topic, u.range]),
    [
      ['produce', 'confluent-kafka', undefined, r(5, 34, 5, 39)],
      ['consume', 'confluent-kafka', 'courier.jobs', r(7, 32, 7, 44)],
    ],
  );
  assert.deepEqual(
    f.groups.map((g) => [g.client, g.group]),
    [['confluent-kafka', 'courier']],
  );
});

test('Python: placeholder text where the brokers go is an indirect ref that reads nothing (unknown, never none)', () => {
  const text = `from confluent_kafka import Producer
p = Producer({'bootstrap.servers': '<your bootstrap servers>', 'client.id': '<name>'})
`;
  assert.deepEqual(
    run(text).brokerRefs.map((b) => [b.kind, b.key, b.expression, b.reads, b.range]),
    [['indirect', 'bootstrap.servers', "'<your bootstrap servers>'", [], r(2, 36, 2, 62)]],
  );
});
