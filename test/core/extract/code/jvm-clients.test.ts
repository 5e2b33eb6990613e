import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractJava } from '../../../../src/core/extract/code/java';
import { ensureCodeGrammarsReady } from '../../../../src/core/extract/code/grammars';
import type { Range } from '../../../../src/core/model/types';

before(() => ensureCodeGrammarsReady());

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, column: c1 }, end: { line: l2, column: c2 } });

const CLIENT = `
public class PaymentsClient {
    public static final String BROKERS = "pay-kafka-1.internal:9092";
    private static final String TOPIC = "payments";

    KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKERS);
        props.put("security.protocol", "SASL_SSL");
        props.put(SaslConfigs.SASL_MECHANISM, "AWS_MSK_IAM");
        return new KafkaProducer<>(props);
    }

    KafkaConsumer<String, String> consumer() {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put("bootstrap.servers", System.getProperty("kafka.brokers", "old-kafka:9092"));
        cfg.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.BOOTSTRAP);
        cfg.put(ConsumerConfig.GROUP_ID_CONFIG, System.getenv("GROUP_ID"));
        cfg.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, System.getenv("OFFSET_RESET"));
        KafkaConsumer<String, String> c = new KafkaConsumer<>(cfg);
        c.subscribe(Arrays.asList(TOPIC, "refunds"));
        c.subscribe(Collections.singletonList(SharedTopics.CHARGEBACKS));
        producer.send(new ProducerRecord<>(TOPIC, "k", "v"));
        return c;
    }
}
`.slice(1);

test('plain Java clients: constants here and in other files, system properties with defaults, env reads, security settings', () => {
  const f = extractJava('payments/src/main/java/PaymentsClient.java', CLIENT, {});
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.kind, b.key, b.parts.map((p) => p.text), b.expression, b.reads, b.range]),
    [
      // The constant's literal is the ref (edited where it is defined), not its use in put().
      ['code-literal', 'BROKERS', ['pay-kafka-1.internal:9092'], undefined, undefined, r(2, 43, 2, 68)],
      [
        'indirect',
        'bootstrap.servers',
        [],
        'System.getProperty("kafka.brokers", "old-kafka:9092")',
        [{ kind: 'placeholder', name: 'kafka.brokers', fallback: 'old-kafka:9092' }],
        r(15, 38, 15, 91),
      ],
      ['code-default', 'kafka.brokers', ['old-kafka:9092'], undefined, undefined, r(15, 75, 15, 89)],
      // A constant of another file of the service: the model resolves it against that file's Setting.
      [
        'indirect',
        'ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG',
        [],
        'SharedKafka.BOOTSTRAP',
        [{ kind: 'constant', name: 'BOOTSTRAP' }],
        r(16, 58, 16, 79),
      ],
    ],
  );
  assert.deepEqual(
    f.settings.map((s) => [s.key, s.value, s.range]),
    [
      ['BROKERS', 'pay-kafka-1.internal:9092', r(2, 43, 2, 68)],
      ['TOPIC', 'payments', r(3, 42, 3, 50)],
    ],
  );
  assert.deepEqual(
    f.topicUses.map((t) => [t.direction, t.client, t.topic ?? t.via, t.range]),
    [
      ['consume', 'java', 'payments', r(20, 35, 20, 40)],
      ['consume', 'java', 'refunds', r(20, 43, 20, 50)],
      ['consume', 'java', { kind: 'constant', name: 'CHARGEBACKS' }, r(21, 47, 21, 71)],
      ['produce', 'java', 'payments', r(22, 44, 22, 49)],
    ],
  );
  assert.deepEqual(
    f.groups.map((g) => [g.client, g.via, g.range]),
    [['java', { kind: 'env', name: 'GROUP_ID' }, r(17, 49, 17, 74)]],
  );
  assert.deepEqual(
    f.offsetResets.map((o) => [o.client, o.value, o.explicit, o.range, o.fix]),
    [['java', 'unknown', true, r(18, 58, 18, 87), undefined]],
  );
  assert.deepEqual(
    f.security.map((s) => [s.client, s.kind, s.value, s.key, s.range]),
    [
      ['java', 'protocol', 'SASL_SSL', 'security.protocol', r(8, 41, 8, 49)],
      ['java', 'sasl-mechanism', 'AWS_MSK_IAM', 'SaslConfigs.SASL_MECHANISM', r(9, 48, 9, 59)],
    ],
  );
});

test('Kotlin: const val in a companion object used by kafkaTemplate.send, @Value on a lateinit property, SSL keystore as a client cert', () => {
  const text = [
    'class Sender {',
    '    companion object { const val AUDIT = "audit.events" }',
    '    @Value("\\${app.topics.out}") lateinit var out: String',
    '    fun cfg() = mapOf(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG to "/etc/ssl/client.p12", "sasl.mechanism" to "SCRAM-SHA-512")',
    '    fun go() { kafkaTemplate.send(AUDIT, "x"); kafkaTemplate.send(out, "y") }',
    '}',
    '',
  ].join('\n');
  const f = extractJava('Sender.kt', text, {});
  assert.deepEqual(
    f.topicUses.map((t) => [t.topic ?? t.via, t.range]),
    [
      ['audit.events', r(5, 35, 5, 40)],
      [{ kind: 'placeholder', name: 'app.topics.out' }, r(5, 67, 5, 70)],
    ],
  );
  assert.deepEqual(
    f.settings.map((s) => [s.key, s.value]),
    [['AUDIT', 'audit.events']],
  );
  assert.deepEqual(
    f.security.map((s) => [s.kind, s.value, s.key, s.range]),
    [
      ['client-cert', 'present', 'SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG', r(4, 67, 4, 86)],
      ['sasl-mechanism', 'SCRAM-SHA-512', 'sasl.mechanism', r(4, 110, 4, 123)],
    ],
  );
});

test('Objects.requireNonNullElse(System.getenv("X"), "default"): the env read with its default, the default a code-default ref', () => {
  const text =
    'class A { void f() { p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNullElse(System.getenv("B"), "kafka-1.prod:9092")); } }\n';
  const f = extractJava('A.java', text, {});
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.kind, b.key, b.reads, b.range]),
    [
      [
        'indirect',
        'ProducerConfig.BOOTSTRAP_SERVERS_CONFIG',
        [{ kind: 'env', name: 'B', fallback: 'kafka-1.prod:9092' }],
        r(1, 69, 1, 136),
      ],
      ['code-default', 'B', undefined, r(1, 117, 1, 134)],
    ],
  );
});
