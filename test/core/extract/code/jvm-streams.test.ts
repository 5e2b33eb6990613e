import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractJava } from '../../../../src/core/extract/code/java';
import { ensureCodeGrammarsReady } from '../../../../src/core/extract/code/grammars';
import type { FileFacts, Range } from '../../../../src/core/model/types';

before(() => ensureCodeGrammarsReady());

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, column: c1 }, end: { line: l2, column: c2 } });
const uses = (f: FileFacts) => f.topicUses.map((t) => [t.direction, t.client, t.topic ?? t.via, t.internal, t.range]);

const TOPOLOGY = `public class ShipmentTopology {
    static final String SOURCE = "shipments.raw";
    private static final String APP = "shipment-tracker";

    Properties config() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, Optional.ofNullable(System.getenv("BROKERS")).orElse("kafka:9092"));
        return p;
    }

    void build(StreamsBuilder sb) {
        KStream<String, String> shipments = sb.stream(SOURCE);
        KTable<String, String> carriers = sb.table("carriers");
        GlobalKTable<String, String> depots = sb.globalTable("depots");
        sb.stream(List.of("scans.eu", "scans.us")).to("scans.all");
        sb.stream(Pattern.compile("gps\\\\..*")).through("gps.copy");
        shipments.repartition(Repartitioned.as("by-carrier"))
            .groupByKey()
            .count(Materialized.as("shipment-counts"))
            .toStream()
            .to(Topics.DELIVERED);
    }
}
`;

test('Kafka Streams (Java): stream/table/globalTable consume, to/through produce, internal repartition and changelog topics, application.id as group', () => {
  const f = extractJava('tracker/src/main/java/ShipmentTopology.java', TOPOLOGY, {});
  assert.deepEqual(uses(f), [
    ['consume', 'kafka-streams', 'shipments.raw', undefined, r(13, 55, 13, 61)],
    ['consume', 'kafka-streams', 'carriers', undefined, r(14, 53, 14, 61)],
    ['consume', 'kafka-streams', 'depots', undefined, r(15, 63, 15, 69)],
    ['consume', 'kafka-streams', 'scans.eu', undefined, r(16, 28, 16, 36)],
    ['consume', 'kafka-streams', 'scans.us', undefined, r(16, 40, 16, 48)],
    ['produce', 'kafka-streams', 'scans.all', undefined, r(16, 56, 16, 65)],
    ['consume', 'kafka-streams', 'gps\\..*', undefined, r(17, 36, 17, 44)],
    ['produce', 'kafka-streams', 'gps.copy', undefined, r(17, 57, 17, 65)],
    ['consume', 'kafka-streams', 'gps.copy', undefined, r(17, 57, 17, 65)],
    ['produce', 'kafka-streams', 'shipment-tracker-by-carrier-repartition', 'streams', r(18, 49, 18, 59)],
    ['consume', 'kafka-streams', 'shipment-tracker-by-carrier-repartition', 'streams', r(18, 49, 18, 59)],
    ['produce', 'kafka-streams', 'shipment-tracker-shipment-counts-changelog', 'streams', r(20, 37, 20, 52)],
    ['consume', 'kafka-streams', 'shipment-tracker-shipment-counts-changelog', 'streams', r(20, 37, 20, 52)],
    // A constant of another file: the model resolves it against that file's Setting.
    ['produce', 'kafka-streams', { kind: 'constant', name: 'DELIVERED' }, undefined, r(22, 17, 22, 33)],
  ]);
  assert.equal(f.topicUses[6].pattern, true);
  assert.deepEqual(
    f.groups.map((g) => [g.client, g.group, g.range]),
    [['kafka-streams', 'shipment-tracker', r(7, 52, 7, 55)]],
  );
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.kind, b.key, b.parts.map((p) => p.text), b.expression, b.reads, b.range]),
    [
      [
        'indirect',
        'StreamsConfig.BOOTSTRAP_SERVERS_CONFIG',
        [],
        'Optional.ofNullable(System.getenv("BROKERS")).orElse("kafka:9092")',
        [{ kind: 'env', name: 'BROKERS', fallback: 'kafka:9092' }],
        r(8, 55, 8, 121),
      ],
      ['code-default', 'BROKERS', ['kafka:9092'], undefined, undefined, r(8, 109, 8, 119)],
    ],
  );
  assert.deepEqual(
    f.settings.map((s) => [s.key, s.value, s.range]),
    [
      ['SOURCE', 'shipments.raw', r(2, 35, 2, 48)],
      ['APP', 'shipment-tracker', r(3, 40, 3, 56)],
    ],
  );
});

test('Kafka Streams internal topics need a literal application.id: none in the file, none named', () => {
  const text =
    'class T { void b(StreamsBuilder b) { b.stream("in").repartition(Repartitioned.as("x")).to("out"); p.put(StreamsConfig.APPLICATION_ID_CONFIG, System.getenv("APP_ID")); } }\n';
  const f = extractJava('T.java', text, {});
  assert.deepEqual(uses(f), [
    ['consume', 'kafka-streams', 'in', undefined, r(1, 48, 1, 50)],
    ['produce', 'kafka-streams', 'out', undefined, r(1, 92, 1, 95)],
  ]);
  assert.deepEqual(
    f.groups.map((g) => [g.client, g.via]),
    [['kafka-streams', { kind: 'env', name: 'APP_ID' }]],
  );
});

test('without the Streams DSL in the file, to()/through() are not topics', () => {
  const f = extractJava('Path.java', 'class P { void f() { path.to("x"); kafkaTemplate.send("t", v); } }\n', {});
  assert.deepEqual(uses(f), [['produce', 'spring', 't', undefined, r(1, 56, 1, 57)]]);
});

const KOTLIN_STREAMS = `class Pipeline(@Value("\\\${app.topics.out}") private val outTopic: String) {
    companion object {
        const val IN = "clicks"
        val APP = "click-counter"
    }

    fun props() = Properties().apply {
        put(StreamsConfig.APPLICATION_ID_CONFIG, APP)
        this[StreamsConfig.BOOTSTRAP_SERVERS_CONFIG] = System.getenv("KAFKA_BROKERS")
        put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL")
    }

    fun topology(builder: StreamsBuilder) {
        builder.stream<String, String>(IN)
            .repartition(Repartitioned.\`as\`("by-user"))
            .to(outTopic)
        builder.table<String, String>("users", Materialized.\`as\`("users-store"))
        consumer.subscribe(listOf("a", Topics.B))
    }
}
`;

test('Kafka Streams (Kotlin): companion constants, this[KEY] = getenv, backticked `as`, @Value constructor parameter in to()', () => {
  const f = extractJava('clicks/src/main/kotlin/Pipeline.kt', KOTLIN_STREAMS, {});
  assert.deepEqual(uses(f), [
    ['consume', 'kafka-streams', 'clicks', undefined, r(14, 40, 14, 42)],
    ['produce', 'kafka-streams', 'click-counter-by-user-repartition', 'streams', r(15, 46, 15, 53)],
    ['consume', 'kafka-streams', 'click-counter-by-user-repartition', 'streams', r(15, 46, 15, 53)],
    ['produce', 'kafka-streams', { kind: 'placeholder', name: 'app.topics.out' }, undefined, r(16, 17, 16, 25)],
    ['consume', 'kafka-streams', 'users', undefined, r(17, 40, 17, 45)],
    ['produce', 'kafka-streams', 'click-counter-users-store-changelog', 'streams', r(17, 67, 17, 78)],
    ['consume', 'kafka-streams', 'click-counter-users-store-changelog', 'streams', r(17, 67, 17, 78)],
    ['consume', 'java', 'a', undefined, r(18, 36, 18, 37)],
    ['consume', 'java', { kind: 'constant', name: 'B' }, undefined, r(18, 40, 18, 48)],
  ]);
  assert.deepEqual(
    f.groups.map((g) => [g.client, g.group, g.range]),
    [['kafka-streams', 'click-counter', r(8, 50, 8, 53)]],
  );
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.kind, b.key, b.expression, b.reads, b.range]),
    [
      [
        'indirect',
        'StreamsConfig.BOOTSTRAP_SERVERS_CONFIG',
        'System.getenv("KAFKA_BROKERS")',
        [{ kind: 'env', name: 'KAFKA_BROKERS' }],
        r(9, 56, 9, 86),
      ],
    ],
  );
  assert.deepEqual(
    f.security.map((s) => [s.client, s.kind, s.value, s.key, s.range]),
    [['java', 'protocol', 'SSL', 'CommonClientConfigs.SECURITY_PROTOCOL_CONFIG', r(10, 60, 10, 63)]],
  );
  assert.deepEqual(
    f.settings.map((s) => [s.key, s.value]),
    [
      ['IN', 'clicks'],
      ['APP', 'click-counter'],
    ],
  );
  assert.deepEqual(f.problems, []);
});
