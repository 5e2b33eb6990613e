import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractJava } from '../../../../src/core/extract/code/java';
import { ensureCodeGrammarsReady } from '../../../../src/core/extract/code/grammars';
import type { Range, TextEdit } from '../../../../src/core/model/types';

before(() => ensureCodeGrammarsReady());

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, column: c1 }, end: { line: l2, column: c2 } });
const apply = (text: string, e: TextEdit): string => text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);

const SPRING = `package com.example.billing;

import org.springframework.kafka.annotation.KafkaListener;

@Service
public class BillingListener {
    private static final String DLQ = "billing.dlq";

    @Value("\${kafka.bootstrap:old-kafka-1:9092,old-kafka-2:9092}")
    private String bootstrap;

    @KafkaListener(topics = "\${app.topics.in:orders}", groupId = "billing")
    public void onOrder(String payload) {
        kafkaTemplate.send(DLQ, payload);
        kafkaTemplate.send("invoices", key, "{\\"a\\": \\"b\\"}");
    }

    @KafkaListener(id = "audit-listener", topics = {"audit", "audit.v2"})
    public void onAudit(String s) {}

    @KafkaListener(topicPattern = "events\\\\..*", groupId = "\${app.group}")
    // @KafkaListener(topics = "ghost")
    public void onEvent(String s) {}
}
`;

test('Spring Java: @Value default, @KafkaListener topics/placeholders/patterns/groups, kafkaTemplate.send', () => {
  const f = extractJava('billing/src/main/java/BillingListener.java', SPRING, {});
  assert.equal(f.format, 'java');
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.key, b.kind, b.parts[0].text, b.range]),
    [['kafka.bootstrap', 'code-default', 'old-kafka-1:9092,old-kafka-2:9092', r(9, 31, 9, 64)]],
  );
  assert.deepEqual(
    f.groups.map((g) => [g.client, g.group, g.via, g.range]),
    [
      ['spring', 'billing', undefined, r(12, 67, 12, 74)],
      ['spring', 'audit-listener', undefined, r(18, 26, 18, 40)],
      ['spring', undefined, { kind: 'placeholder', name: 'app.group' }, r(21, 61, 21, 73)],
    ],
  );
  assert.deepEqual(
    f.topicUses.map((t) => [t.direction, t.client, t.topic, t.via, t.pattern, t.range]),
    [
      ['consume', 'spring', undefined, { kind: 'placeholder', name: 'app.topics.in', fallback: 'orders' }, undefined, r(12, 30, 12, 53)],
      ['produce', 'spring', 'billing.dlq', undefined, undefined, r(14, 28, 14, 31)],
      ['produce', 'spring', 'invoices', undefined, undefined, r(15, 29, 15, 37)],
      ['consume', 'spring', 'audit', undefined, undefined, r(18, 54, 18, 59)],
      ['consume', 'spring', 'audit.v2', undefined, undefined, r(18, 63, 18, 71)],
      ['consume', 'spring', 'events\\..*', undefined, true, r(21, 36, 21, 47)],
    ],
  );
  assert.deepEqual(f.offsetResets, []);
});

const PLAIN = `class Plain {
    void run() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getenv().getOrDefault("KAFKA_BROKERS", "old-kafka:9092"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reporting");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.setProperty("auto.offset.reset", "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of("sales", "returns"));
        consumer.subscribe(Collections.singletonList(System.getenv("EXTRA_TOPIC")));
        consumer.subscribe(Pattern.compile("metrics\\\\..*"));
        producer.send(new ProducerRecord<>("reports", key, value));
        String[] brokers = {"kafka-1.prod:9092", "kafka-2.prod:9092"};
        List<String> more = Arrays.asList("kafka-3.prod:9092");
        flux.subscribe(x -> log(x));
    }
}
`;

test('plain Java clients: config keys, getOrDefault fallback, subscribe lists/env/pattern, ProducerRecord, String[] lists', () => {
  const f = extractJava('report/src/Plain.java', PLAIN, {});
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.key, b.kind, b.parts.map((p) => p.text), b.range]),
    [
      // The setting reads KAFKA_BROKERS with a literal default: the literal is a ref (edited in place) and the
      // whole value is an indirect ref the model resolves through the service's env settings.
      ['ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG', 'indirect', [], r(4, 60, 4, 123)],
      ['KAFKA_BROKERS', 'code-default', ['old-kafka:9092'], r(4, 107, 4, 121)],
      ['brokers', 'code-literal', ['kafka-1.prod:9092', 'kafka-2.prod:9092'], r(13, 30, 13, 68)],
      ['more', 'code-literal', ['kafka-3.prod:9092'], r(14, 44, 14, 61)],
    ],
  );
  assert.deepEqual(
    [f.brokerRefs[0].expression, f.brokerRefs[0].reads],
    [
      'System.getenv().getOrDefault("KAFKA_BROKERS", "old-kafka:9092")',
      [{ kind: 'env', name: 'KAFKA_BROKERS', fallback: 'old-kafka:9092' }],
    ],
  );
  assert.deepEqual(
    f.groups.map((g) => [g.client, g.group, g.range]),
    [['java', 'reporting', r(5, 52, 5, 61)]],
  );
  assert.deepEqual(
    f.topicUses.map((t) => [t.direction, t.client, t.topic, t.via, t.pattern, t.range]),
    [
      ['consume', 'java', 'sales', undefined, undefined, r(9, 37, 9, 42)],
      ['consume', 'java', 'returns', undefined, undefined, r(9, 46, 9, 53)],
      ['consume', 'java', undefined, { kind: 'env', name: 'EXTRA_TOPIC' }, undefined, r(10, 54, 10, 82)],
      ['consume', 'java', 'metrics\\..*', undefined, true, r(11, 45, 11, 57)],
      ['produce', 'java', 'reports', undefined, undefined, r(12, 45, 12, 52)],
    ],
  );
  assert.deepEqual(
    f.offsetResets.map((o) => [o.client, o.value, o.explicit, o.range]),
    [
      ['java', 'latest', true, r(6, 61, 6, 67)],
      ['java', 'earliest', true, r(7, 49, 7, 57)],
    ],
  );
  assert.equal(f.offsetResets[1].fix, undefined);
  assert.equal(
    apply(PLAIN, f.offsetResets[0].fix!),
    PLAIN.replace('AUTO_OFFSET_RESET_CONFIG, "latest"', 'AUTO_OFFSET_RESET_CONFIG, "earliest"'),
  );
});

const KOTLIN = `@Component
class Handler(private val template: KafkaTemplate<String, String>) {
    val brokers = System.getenv("KAFKA_BROKERS") ?: "old-kafka-1:9092"

    @KafkaListener(topics = ["\\\${app.topics.in}", "raw"], groupId = "kt-group")
    fun listen(msg: String) {
        template.send("out-topic", msg)
        val rec = ProducerRecord<String, String>("kt-records", "k", "v")
        val s = "$name:9092"
        val t = "kafka-9.prod:9092"
    }
    fun cfg() = mapOf(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG to "latest", "bootstrap.servers" to "kafka-1.prod:9092")
    /* /* nested */ @KafkaListener(topics = ["ghost"]) */
}
`;

test('Kotlin: elvis env default, escaped \\${} placeholders, listOf/[] arrays, templates, nested comments, mapOf(... to ...)', () => {
  const f = extractJava('svc/src/main/kotlin/Handler.kt', KOTLIN, {});
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.key, b.kind, b.parts[0]?.text ?? b.expression, b.range]),
    [
      ['brokers', 'indirect', 'System.getenv("KAFKA_BROKERS") ?: "old-kafka-1:9092"', r(3, 19, 3, 71)],
      ['KAFKA_BROKERS', 'code-default', 'old-kafka-1:9092', r(3, 54, 3, 70)],
      ['t', 'code-literal', 'kafka-9.prod:9092', r(10, 18, 10, 35)],
      ['bootstrap.servers', 'code-literal', 'kafka-1.prod:9092', r(12, 100, 12, 117)],
    ],
  );
  assert.deepEqual(
    f.groups.map((g) => [g.group, g.range]),
    [['kt-group', r(5, 70, 5, 78)]],
  );
  assert.deepEqual(
    f.topicUses.map((t) => [t.direction, t.client, t.topic, t.via, t.range]),
    [
      ['consume', 'spring', undefined, { kind: 'placeholder', name: 'app.topics.in' }, r(5, 31, 5, 48)],
      ['consume', 'spring', 'raw', undefined, r(5, 52, 5, 55)],
      ['produce', 'spring', 'out-topic', undefined, r(7, 24, 7, 33)],
      ['produce', 'java', 'kt-records', undefined, r(8, 51, 8, 61)],
    ],
  );
  assert.equal(f.offsetResets.length, 1);
  assert.equal(apply(KOTLIN, f.offsetResets[0].fix!), KOTLIN.replace('to "latest"', 'to "earliest"'));
  assert.deepEqual(f.problems, []);
});

test('Java text blocks and unterminated comments', () => {
  const text = 'class A {\n  String s = """\n    kafka-1.prod:9092\n    """;\n  /* open\n';
  const f = extractJava('A.java', text, {});
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.key, b.hosts.map((h) => h.range)]),
    [['s', [r(3, 5, 3, 22)]]],
  );
  assert.deepEqual(
    f.problems.map((p) => [p.line, p.column, p.message]),
    [[5, 3, 'unterminated block comment: it runs to the end of the file']],
  );
});
