import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractCSharp } from '../../../../src/core/extract/code/csharp';
import { ensureCodeGrammarsReady } from '../../../../src/core/extract/code/grammars';
import { extractFile, formatOf } from '../../../../src/core/extract';
import { extractJson } from '../../../../src/core/extract/json';
import type { Range, TextEdit } from '../../../../src/core/model/types';

before(() => ensureCodeGrammarsReady());

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, column: c1 }, end: { line: l2, column: c2 } });
const apply = (text: string, e: TextEdit): string => text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
const CLIENT = 'confluent-kafka-dotnet';

const WORKER = `
using Confluent.Kafka;

public static class Topics { public const string Orders = "orders"; }

public class Worker
{
    private const string Brokers = "kafka-1.prod:9092,kafka-2.prod:9092";

    public void Run(IConfiguration configuration)
    {
        var producerConfig = new ProducerConfig
        {
            BootstrapServers = Environment.GetEnvironmentVariable("KAFKA_BROKERS") ?? "old-kafka:9092",
            SecurityProtocol = SecurityProtocol.SaslSsl,
            SaslMechanism = SaslMechanism.ScramSha512,
        };
        var consumerConfig = new ConsumerConfig
        {
            BootstrapServers = configuration["Kafka:BootstrapServers"],
            GroupId = "billing-worker",
            AutoOffsetReset = AutoOffsetReset.Latest
        };
        var other = new ConsumerConfig { BootstrapServers = Brokers, GroupId = configuration.GetSection("Kafka")["GroupId"] };
        using var producer = new ProducerBuilder<string, string>(producerConfig).Build();
        await producer.ProduceAsync("invoices", new Message<string, string> { Value = "x" });
        producer.Produce(Topics.Orders, new Message<string, string> { Value = "y" });
        consumer.Subscribe(new[] { "payments", "refunds" });
        consumer.Subscribe("audit");
        var dict = new Dictionary<string, string> { { "bootstrap.servers", "kafka-3.prod:9092" }, ["security.protocol"] = "SSL" };
    }
}
`.slice(1);

test('C# Confluent.Kafka: config initializers, env and appsettings reads, constants, ProduceAsync/Produce/Subscribe, enum security and offset values', () => {
  assert.equal(formatOf('src/Billing/Worker.cs'), 'csharp');
  const f = extractCSharp('src/Billing/Worker.cs', WORKER, {});
  assert.equal(f.format, 'csharp');
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.kind, b.key, b.parts.map((p) => p.text), b.expression, b.reads, b.range]),
    [
      ['code-literal', 'Brokers', ['kafka-1.prod:9092,kafka-2.prod:9092'], undefined, undefined, r(7, 37, 7, 72)],
      [
        'indirect',
        'BootstrapServers',
        [],
        'Environment.GetEnvironmentVariable("KAFKA_BROKERS") ?? "old-kafka:9092"',
        [{ kind: 'env', name: 'KAFKA_BROKERS', fallback: 'old-kafka:9092' }],
        r(13, 32, 13, 103),
      ],
      ['code-default', 'KAFKA_BROKERS', ['old-kafka:9092'], undefined, undefined, r(13, 88, 13, 102)],
      // appsettings.json's `{"Kafka": {"BootstrapServers": ...}}` flattens to `Kafka.BootstrapServers`.
      [
        'indirect',
        'BootstrapServers',
        [],
        'configuration["Kafka:BootstrapServers"]',
        [{ kind: 'placeholder', name: 'Kafka.BootstrapServers' }],
        r(19, 32, 19, 71),
      ],
      ['code-literal', 'bootstrap.servers', ['kafka-3.prod:9092'], undefined, undefined, r(29, 77, 29, 94)],
    ],
  );
  assert.deepEqual(
    f.topicUses.map((t) => [t.direction, t.client, t.topic, t.range]),
    [
      ['produce', CLIENT, 'invoices', r(25, 38, 25, 46)],
      ['produce', CLIENT, 'orders', r(26, 26, 26, 39)],
      ['consume', CLIENT, 'payments', r(27, 37, 27, 45)],
      ['consume', CLIENT, 'refunds', r(27, 49, 27, 56)],
      ['consume', CLIENT, 'audit', r(28, 29, 28, 34)],
    ],
  );
  assert.deepEqual(
    f.groups.map((g) => [g.client, g.group, g.via, g.range]),
    [
      [CLIENT, 'billing-worker', undefined, r(20, 24, 20, 38)],
      [CLIENT, undefined, { kind: 'placeholder', name: 'Kafka.GroupId' }, r(23, 80, 23, 124)],
    ],
  );
  assert.deepEqual(
    f.offsetResets.map((o) => [o.client, o.value, o.explicit, o.range]),
    [[CLIENT, 'latest', true, r(21, 47, 21, 53)]],
  );
  assert.equal(apply(WORKER, f.offsetResets[0].fix!), WORKER.replace('AutoOffsetReset.Latest', 'AutoOffsetReset.Earliest'));
  assert.deepEqual(
    f.security.map((s) => [s.client, s.kind, s.value, s.key, s.range]),
    [
      [CLIENT, 'protocol', 'SASL_SSL', 'SecurityProtocol', r(14, 49, 14, 56)],
      [CLIENT, 'sasl-mechanism', 'SCRAM-SHA-512', 'SaslMechanism', r(15, 43, 15, 54)],
      [CLIENT, 'protocol', 'SSL', 'security.protocol', r(29, 124, 29, 127)],
    ],
  );
  assert.deepEqual(
    f.settings.map((s) => [s.key, s.value, s.range]),
    [
      ['Orders', 'orders', r(3, 60, 3, 66)],
      ['Brokers', 'kafka-1.prod:9092,kafka-2.prod:9092', r(7, 37, 7, 72)],
    ],
  );
  assert.deepEqual(f.problems, []);
});

test('the configuration key a C# read names is the key the JSON reader flattens appsettings.json to', () => {
  const json = extractJson('appsettings.json', '{ "Kafka": { "BootstrapServers": "kafka-1.prod:9092", "GroupId": "billing" } }', {});
  const keys = json.settings.map((s) => s.key);
  const f = extractCSharp(
    'Worker.cs',
    'var c = new ConsumerConfig { BootstrapServers = configuration["Kafka:BootstrapServers"], GroupId = configuration.GetValue<string>("Kafka:GroupId"), AutoOffsetReset = AutoOffsetReset.Earliest };\n',
    {},
  );
  assert.deepEqual(
    f.brokerRefs.map((b) => b.reads),
    [[{ kind: 'placeholder', name: 'Kafka.BootstrapServers' }]],
  );
  assert.deepEqual(
    f.groups.map((g) => g.via),
    [{ kind: 'placeholder', name: 'Kafka.GroupId' }],
  );
  assert.ok(keys.includes('Kafka.BootstrapServers') && keys.includes('Kafka.GroupId'), keys.join(', '));
  assert.deepEqual(
    f.offsetResets.map((o) => [o.value, o.fix]),
    [['earliest', undefined]],
  );
});

const MISSING = `var single = new ConsumerConfig { BootstrapServers = "kafka-1.prod:9092", GroupId = "g1" };
var multi = new ConsumerConfig
{
    GroupId = Environment.GetEnvironmentVariable("GROUP") ?? "g2",
    BootstrapServers = $"{host}:9092",
};
`;

test("C# ConsumerConfig without AutoOffsetReset: latest by default, the entry inserted in the initializer's own style", () => {
  const f = extractCSharp('Consumers.cs', MISSING, {});
  assert.deepEqual(
    f.offsetResets.map((o) => [o.value, o.explicit, o.range]),
    [
      ['latest', false, r(1, 18, 1, 32)],
      ['latest', false, r(2, 17, 2, 31)],
    ],
  );
  assert.equal(
    apply(MISSING, f.offsetResets[0].fix!),
    MISSING.replace('GroupId = "g1" }', 'GroupId = "g1", AutoOffsetReset = AutoOffsetReset.Earliest }'),
  );
  assert.equal(
    apply(MISSING, f.offsetResets[1].fix!),
    MISSING.replace('$"{host}:9092",\n', '$"{host}:9092",\n    AutoOffsetReset = AutoOffsetReset.Earliest,\n'),
  );
  assert.deepEqual(
    f.groups.map((g) => [g.group, g.via]),
    [
      ['g1', undefined],
      [undefined, { kind: 'placeholder', name: 'GROUP', fallback: 'g2' }],
    ],
  );
  // An interpolated connection string: indirect, reading the name inside.
  assert.deepEqual(
    f.brokerRefs.filter((b) => b.kind === 'indirect').map((b) => [b.expression, b.reads, b.range]),
    [['$"{host}:9092"', [{ kind: 'constant', name: 'host' }], r(5, 24, 5, 38)]],
  );
});

test('a ConsumerConfig bound from configuration gets no inserted reset', () => {
  const text = 'var c = new ConsumerConfig { GroupId = "g" };\nconfiguration.GetSection("Kafka").Bind(c);\n';
  assert.deepEqual(extractCSharp('Bound.cs', text, {}).offsetResets, []);
});

test('C# before the grammar is loaded, or too large: a problem, never a throw', () => {
  const f = extractFile('Big.cs', `// ${'x'.repeat(1024 * 1024 + 10)}\n`, {});
  assert.deepEqual(
    f.problems.map((p) => [p.line, p.column, p.severity, p.message]),
    [[1, 1, 'info', 'skipped: C# files over 1 MB are not parsed']],
  );
});

test('C#: a broker name handed to several configs is an indirect ref at each setting that reads it (what it reads is unknown: args)', () => {
  const text = `class Tool {
  static void Main(string[] args) {
    var brokerList = args[0];
    Send(brokerList);
  }
  static void Send(string brokerList) {
    var p = new ProducerConfig { BootstrapServers = brokerList };
    var a = new AdminClientConfig { BootstrapServers = brokerList };
  }
}
`;
  const f = extractCSharp('tool/Program.cs', text, {});
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.kind, b.key, b.expression, b.range]),
    [
      ['indirect', 'BootstrapServers', 'brokerList', r(7, 53, 7, 63)],
      ['indirect', 'BootstrapServers', 'brokerList', r(8, 56, 8, 66)],
    ],
  );
  // Command-line arguments name nothing the repository holds: no reads, no hosts, nothing to rewrite; the
  // model counts such a ref as unknown, never as none.
  assert.ok(f.brokerRefs.every((b) => b.kind === 'indirect' && b.reads?.length === 0 && b.parts.length === 0 && b.hosts.length === 0));
});

test('C#: Assign over partitions.Select(p => new TopicPartitionOffset(Topic, p, …)) consumes that topic; a Select of anything else names none', () => {
  const text = `using Confluent.Kafka;
class Loader {
  const string Totals = "courier.totals";
  void Load(List<Partition> partitions) {
    using var consumer = new ConsumerBuilder<string, int>(config).Build();
    consumer.Assign(partitions.Select(p => new TopicPartitionOffset(Totals, p, Offset.Beginning)));
    consumer.Assign(partitions.Select(p => p.ToString()));
  }
}
`;
  assert.deepEqual(
    extractCSharp('loader/Program.cs', text, {}).topicUses.map((u) => [u.direction, u.client, u.topic, u.range]),
    [['consume', CLIENT, 'courier.totals', r(6, 69, 6, 75)]],
  );
});

test('C#: a field assigned in the constructor (this.topic = config.GetValue(…)) names the topic where the field is read', () => {
  const text = `using Confluent.Kafka;
public class Waiter : BackgroundService {
    private readonly string topic;
    private readonly string other;
    public Waiter(IConfiguration config) {
        this.topic = config.GetValue<string>("Kafka:WaitTopic");
        other = "courier.other";
    }
    void Loop() {
        consumer.Subscribe(this.topic);
        producer.Produce(other, m);
    }
}
`;
  assert.deepEqual(
    extractCSharp('waiter/Waiter.cs', text, {}).topicUses.map((u) => [u.direction, u.topic ?? u.via, u.range]),
    [
      ['consume', { kind: 'placeholder', name: 'Kafka.WaitTopic' }, r(10, 28, 10, 38)],
      ['produce', 'courier.other', r(11, 26, 11, 31)],
    ],
  );
});
