import { before, test } from 'node:test';
import { ensureCodeGrammarsReady } from '../../../../src/core/extract/code/grammars';
import assert from 'node:assert/strict';
import { extractGo } from '../../../../src/core/extract/code/go';
import type { Range, TextEdit } from '../../../../src/core/model/types';

before(() => ensureCodeGrammarsReady());

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, column: c1 }, end: { line: l2, column: c2 } });
const apply = (text: string, e: TextEdit): string => text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
const run = (text: string) => extractGo('svc/main.go', text, {});

test('kafka-go reader: brokers, topic via env helper default, group, LastOffset fix', () => {
  const text = `package main

const groupTopic = "payments"

func main() {
	r := kafka.NewReader(kafka.ReaderConfig{
		Brokers:     []string{"kafka-1.internal:9092", "kafka-2.internal:9092"},
		GroupID:     getEnv("GROUP", "billing"),
		Topic:       os.Getenv("INPUT_TOPIC"),
		GroupTopics: []string{groupTopic, "refunds"},
		// StartOffset: kafka.FirstOffset,
		StartOffset: kafka.LastOffset,
	})
}
`;
  const f = run(text);
  assert.equal(f.brokerRefs.length, 1);
  assert.equal(f.brokerRefs[0].key, 'Brokers');
  assert.deepEqual(f.brokerRefs[0].range, r(7, 26, 7, 72));
  assert.deepEqual(f.groups, [
    { file: 'svc/main.go', client: 'kafka-go', via: { kind: 'placeholder', name: 'GROUP', fallback: 'billing' }, range: r(8, 16, 8, 42) },
  ]);
  assert.deepEqual(
    f.topicUses.map((t) => [t.direction, t.client, t.topic, t.via, t.range]),
    [
      ['consume', 'kafka-go', undefined, { kind: 'env', name: 'INPUT_TOPIC' }, r(9, 16, 9, 40)],
      ['consume', 'kafka-go', 'payments', undefined, r(10, 25, 10, 35)],
      ['consume', 'kafka-go', 'refunds', undefined, r(10, 38, 10, 45)],
    ],
  );
  assert.equal(f.offsetResets.length, 1);
  assert.deepEqual([f.offsetResets[0].value, f.offsetResets[0].explicit, f.offsetResets[0].range], ['latest', true, r(12, 16, 12, 32)]);
  assert.equal(apply(text, f.offsetResets[0].fix!), text.replace('StartOffset: kafka.LastOffset', 'StartOffset: kafka.FirstOffset'));
});

test('kafka-go: group reader without StartOffset starts at FirstOffset; writer and Message produce', () => {
  const text = `package main
var topic string = "audit"
func run() {
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: brokers, GroupID: "g1", Topic: "in"})
	w := &kafka.Writer{Addr: kafka.TCP("kafka:9092"), Topic: topic}
	w.WriteMessages(ctx, kafka.Message{Topic: "out", Value: v})
}
`;
  const f = run(text);
  assert.deepEqual(f.offsetResets, [
    { file: 'svc/main.go', client: 'kafka-go', value: 'earliest', explicit: false, range: r(4, 23, 4, 41) },
  ]);
  assert.deepEqual(
    f.topicUses.map((t) => [t.direction, t.topic]),
    [
      ['consume', 'in'],
      ['produce', 'audit'],
      ['produce', 'out'],
    ],
  );
  // `Brokers: brokers` names no literal in this file: it is still a connection string, an indirect ref
  // that reads the name (a parameter or a constant elsewhere) for the model to resolve.
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.kind, b.key, b.parts[0]?.text, b.expression, b.reads, b.range]),
    [
      ['indirect', 'Brokers', undefined, 'brokers', [{ kind: 'constant', name: 'brokers' }], r(4, 51, 4, 58)],
      ['code-literal', undefined, 'kafka:9092', undefined, undefined, r(5, 38, 5, 48)],
    ],
  );
});

test('sarama: consumer group without Offsets.Initial gets an inserted line after NewConfig', () => {
  const text = `package main

import "github.com/IBM/sarama"

func main() {
	cfg := sarama.NewConfig()
	cfg.Version = sarama.V2_8_0_0
	group, err := sarama.NewConsumerGroup([]string{"old-kafka:9092"}, "inventory", cfg)
	for {
		group.Consume(ctx, []string{"stock"}, handler)
	}
}
`;
  const f = run(text);
  assert.deepEqual(
    f.groups.map((g) => [g.group, g.client, g.range]),
    [['inventory', 'sarama', r(8, 69, 8, 78)]],
  );
  assert.deepEqual(
    f.topicUses.map((t) => [t.topic, t.direction, t.client, t.range]),
    [['stock', 'consume', 'sarama', r(10, 32, 10, 37)]],
  );
  assert.equal(f.brokerRefs.length, 1);
  assert.equal(f.offsetResets.length, 1);
  const o = f.offsetResets[0];
  assert.deepEqual([o.value, o.explicit, o.range], ['latest', false, r(6, 2, 6, 27)]);
  assert.equal(
    apply(text, o.fix!),
    text.replace('cfg := sarama.NewConfig()\n', 'cfg := sarama.NewConfig()\n\tcfg.Consumer.Offsets.Initial = sarama.OffsetOldest\n'),
  );
});

test('sarama: explicit OffsetNewest is fixed in place; ConsumePartition and ProducerMessage', () => {
  const text = `package main
func main() {
	config := sarama.NewConfig()
	config.Consumer.Offsets.Initial = sarama.OffsetNewest
	pc, _ := consumer.ConsumePartition("clicks", 0, sarama.OffsetOldest)
	producer.SendMessage(&sarama.ProducerMessage{Topic: "views", Value: sarama.StringEncoder("x")})
	/* sarama.NewConsumerGroup(nil, "ghost", config) */
}
`;
  const f = run(text);
  assert.deepEqual(
    f.topicUses.map((t) => [t.topic, t.direction, t.client]),
    [
      ['clicks', 'consume', 'sarama'],
      ['views', 'produce', 'sarama'],
    ],
  );
  assert.deepEqual(f.groups, []);
  assert.equal(f.offsetResets.length, 1);
  assert.equal(apply(text, f.offsetResets[0].fix!), text.replace('= sarama.OffsetNewest', '= sarama.OffsetOldest'));
});

test('raw strings, runes and unterminated literals', () => {
  const text = 'package main\nvar a = `kafka-7.prod:9092`\nvar c = \'"\'\nvar b = "unterminated\n';
  const f = run(text);
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.key, b.parts[0].text, b.range]),
    [['a', 'kafka-7.prod:9092', r(2, 10, 2, 27)]],
  );
  // tree-sitter marks the whole broken declaration, from `var`, as the place it could not parse.
  assert.deepEqual(
    f.problems.map((p) => [p.line, p.column]),
    [[4, 1]],
  );
});

test('Go: a local name assigned in two blocks means, at each use, the assignment of its own block', () => {
  const text = `package main

const (
	legsTopic  = "courier.legs"
	stateTopic = "courier.state"
)

func main() {
	go watch(func(b []byte) {
		topic := legsTopic
		p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic}, Value: b}, nil)
	})
	for {
		if ok {
			topic := stateTopic
			p.Produce(&kafka.Message{TopicPartition: kafka.TopicPartition{Topic: &topic}, Value: nil}, nil)
		}
	}
}
`;
  assert.deepEqual(
    run(text).topicUses.map((u) => [u.direction, u.topic, u.range]),
    [
      ['produce', 'courier.legs', r(11, 73, 11, 78)],
      ['produce', 'courier.state', r(16, 74, 16, 79)],
    ],
  );
});

test('Go: a flag with a literal default names that topic; a flag var with an empty default names none, through strings.Split', () => {
  const text = `package main

import "github.com/IBM/sarama"
var (
	inTopic = flag.String("in", "courier.jobs", "topic to read")
	groups  = ""
)

func main() {
	flag.StringVar(&groups, "topics", "", "topics, comma separated")
	client.Consume(ctx, strings.Split(groups, ","), &handler)
	p.SendMessage(&sarama.ProducerMessage{Topic: *inTopic, Value: v})
}
`;
  assert.deepEqual(
    extractGo('svc/main.go', text, {}).topicUses.map((u) => [u.direction, u.client, u.topic, u.via, u.range]),
    [
      ['consume', 'sarama', undefined, undefined, r(11, 36, 11, 42)],
      ['produce', 'sarama', 'courier.jobs', undefined, r(12, 48, 12, 55)],
    ],
  );
});
