import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandRefs } from '../../../src/core/extract/commandRefs';
import { extractShell } from '../../../src/core/extract/shell';
import { LineIndex } from '../../../src/core/extract/text';
import type { FileFacts, Range } from '../../../src/core/model/types';

const span = (l1: number, c1: number, l2: number, c2: number): Range => ({
  start: { line: l1, column: c1 },
  end: { line: l2, column: c2 },
});
const refs = (facts: FileFacts) => facts.brokerRefs.map((r) => [r.kind, r.key, r.parts.map((p) => p.text), r.range]);

const SCRIPT = `#!/bin/sh
export KAFKA_BROKERS="old-kafka-1.ec2.internal:9092,old-kafka-2.ec2.internal:9092"
BROKERS=\${KAFKA_BROKERS:-kafka:9092}
# kafka-topics.sh --bootstrap-server commented.internal:9092 --list
kafka-console-producer.sh --broker-list kafka1.internal:9092 --topic orders # --bootstrap-server x.internal:9092
kafka-consumer-groups --bootstrap-server=localhost:9092 --describe --group g
kcat -C -t orders \\
  -b 'kafka2.internal:9092' -o beginning
docker run -e KAFKA_BROKERS=kafka3.internal:9092 -e "KAFKA_ADDR=kafka4.internal:9092" --rm img
kafka-topics.sh --zookeeper zk:2181 --list
kafka-topics --bootstrap-server $BROKERS --list
kcat -X bootstrap.servers=kafka5.internal:9092 -L
`;

test('shell: flags, kcat -b on a continued line, docker -e, assignments with defaults', () => {
  const facts = extractShell('scripts/run.sh', SCRIPT, {});
  assert.equal(facts.format, 'shell');
  assert.deepEqual(refs(facts), [
    ['config', 'KAFKA_BROKERS', ['old-kafka-1.ec2.internal:9092,old-kafka-2.ec2.internal:9092'], span(2, 23, 2, 82)],
    // The assignment reads KAFKA_BROKERS (indirect); its default is a literal of its own.
    ['indirect', 'BROKERS', [], span(3, 9, 3, 37)],
    ['config', 'BROKERS', ['kafka:9092'], span(3, 26, 3, 36)],
    ['command', undefined, ['kafka1.internal:9092'], span(5, 41, 5, 61)],
    ['command', undefined, ['localhost:9092'], span(6, 42, 6, 56)],
    ['command', undefined, ['kafka2.internal:9092'], span(8, 7, 8, 27)],
    ['command', 'KAFKA_BROKERS', ['kafka3.internal:9092'], span(9, 29, 9, 49)],
    ['command', 'KAFKA_ADDR', ['kafka4.internal:9092'], span(9, 65, 9, 85)],
    // `--bootstrap-server $BROKERS`: the flag makes it a connection string that reads BROKERS.
    ['indirect', undefined, [], span(11, 33, 11, 41)],
    ['command', 'bootstrap.servers', ['kafka5.internal:9092'], span(12, 27, 12, 47)],
  ]);
  assert.deepEqual(
    facts.brokerRefs.filter((r) => r.kind === 'indirect').map((r) => [r.expression, r.reads]),
    [
      ['${KAFKA_BROKERS:-kafka:9092}', [{ kind: 'env', name: 'KAFKA_BROKERS', fallback: 'kafka:9092' }]],
      ['$BROKERS', [{ kind: 'env', name: 'BROKERS' }]],
    ],
  );
  assert.deepEqual(
    facts.settings.map((s) => [s.key, s.value, s.range]),
    [
      ['KAFKA_BROKERS', 'old-kafka-1.ec2.internal:9092,old-kafka-2.ec2.internal:9092', span(2, 23, 2, 82)],
      ['BROKERS', '${KAFKA_BROKERS:-kafka:9092}', span(3, 9, 3, 37)],
    ],
  );
});

test('shell: commented lines, trailing comments, ZooKeeper and variables are not refs', () => {
  const facts = extractShell('run.sh', SCRIPT, {});
  const texts = facts.brokerRefs.flatMap((r) => r.parts.map((p) => p.text));
  assert.ok(!texts.some((t) => t.includes('commented') || t.includes('x.internal') || t.includes('2181') || t.includes('$')));
});

const DOCKERFILE = `FROM node:20
ENV KAFKA_BROKERS=kafka1.internal:9092 KAFKA_GROUP_ID="orders" \\
    INPUT_TOPIC=orders
ENV KAFKA_ADDR kafka2.internal:9092
# ENV KAFKA_OLD=old.internal:9092
ENTRYPOINT ["kafka-topics", "--bootstrap-server", "k3.internal:9092"]
CMD ["kcat", "-C", "-b", "k4.internal:9092"]
`;

test('shell: Dockerfile ENV in both forms and exec-form commands', () => {
  const facts = extractShell('services/orders/Dockerfile', DOCKERFILE, {});
  assert.deepEqual(refs(facts), [
    ['config', 'KAFKA_BROKERS', ['kafka1.internal:9092'], span(2, 19, 2, 39)],
    ['config', 'KAFKA_ADDR', ['kafka2.internal:9092'], span(4, 16, 4, 36)],
    ['command', undefined, ['k3.internal:9092'], span(6, 52, 6, 68)],
    ['command', undefined, ['k4.internal:9092'], span(7, 27, 7, 43)],
  ]);
  assert.deepEqual(
    facts.settings.map((s) => [s.key, s.value, s.range]),
    [
      ['KAFKA_BROKERS', 'kafka1.internal:9092', span(2, 19, 2, 39)],
      ['KAFKA_GROUP_ID', 'orders', span(2, 56, 2, 62)],
      ['INPUT_TOPIC', 'orders', span(3, 17, 3, 23)],
      ['KAFKA_ADDR', 'kafka2.internal:9092', span(4, 16, 4, 36)],
    ],
  );
  assert.deepEqual(facts.topicUses, [
    { file: 'services/orders/Dockerfile', direction: 'consume', topic: 'orders', client: 'config', range: span(3, 17, 3, 23) },
  ]);
  assert.deepEqual(facts.groups, [{ file: 'services/orders/Dockerfile', group: 'orders', client: 'config', range: span(2, 56, 2, 62) }]);
});

test('shell: Makefile assignments and recipe commands; Procfile', () => {
  const make =
    'KAFKA_BROKERS ?= localhost:9092\nconsume:\n\tkafka-console-consumer --bootstrap-server $(KAFKA_BROKERS) --topic t\n\tkcat -b kafka.internal:9092 -L\n';
  const facts = extractShell('Makefile', make, {});
  assert.deepEqual(refs(facts), [
    ['config', 'KAFKA_BROKERS', ['localhost:9092'], span(1, 18, 1, 32)],
    ['command', undefined, ['kafka.internal:9092'], span(4, 10, 4, 29)],
  ]);
  const procfile = extractShell('Procfile', 'worker: node worker.js --brokers b-1.c.x.c2.kafka.eu-west-1.amazonaws.com:9096\n', {});
  assert.deepEqual(refs(procfile), [['command', undefined, ['b-1.c.x.c2.kafka.eu-west-1.amazonaws.com:9096'], span(1, 34, 1, 79)]]);
});

test('commandRefs: scans only the given slice and reports file offsets', () => {
  const text = 'args = "kafka-topics --bootstrap-server kafka.internal:9092 --list"\nother = "--bootstrap-server skipped.internal:9092"\n';
  const index = new LineIndex(text);
  const start = text.indexOf('"') + 1;
  const end = text.indexOf('"', start);
  const found = commandRefs('job.nomad', 'hcl', text, start, end, index, {});
  assert.equal(found.length, 1);
  const [ref] = found;
  assert.equal(ref.format, 'hcl');
  assert.equal(ref.kind, 'command');
  assert.equal(ref.file, 'job.nomad');
  assert.deepEqual(ref.range, span(1, 41, 1, 60));
  assert.equal(text.slice(ref.hosts[0].offset, ref.hosts[0].offset + ref.hosts[0].length), 'kafka.internal:9092');
  // A variable after a broker flag is an indirect ref: no parts, no hosts, the expression and what it reads.
  const line = 'kafka-topics --bootstrap-server "$BROKERS"';
  assert.deepEqual(
    commandRefs('x', 'shell', line, 0, 42, new LineIndex(line), {}).map((r) => [r.kind, r.expression, r.reads, r.range, r.parts, r.hosts]),
    [['indirect', '$BROKERS', [{ kind: 'env', name: 'BROKERS' }], span(1, 34, 1, 42), [], []]],
  );
});

test('shell: -b counts only in a kcat command, not after one', () => {
  const text = 'kcat -L -b kafka1.internal:9092; other-tool -b kafka2.internal:9092\nkafkacat \\\n  -P -t t -b "kafka3.internal:9092"\n';
  const facts = extractShell('k.sh', text, {});
  assert.deepEqual(refs(facts), [
    ['command', undefined, ['kafka1.internal:9092'], span(1, 12, 1, 32)],
    ['command', undefined, ['kafka3.internal:9092'], span(3, 15, 3, 35)],
  ]);
});

test('shell: cub kafka-ready -b waits on the brokers a container uses (a client); -b of another tool is not', () => {
  const text = `#!/bin/sh
cub kafka-ready -b kafka-1.internal:29092 1 30 && echo ready
tar -b 20 -cf out.tar dir
`;
  assert.deepEqual(refs(extractShell('bin/wait.sh', text, {})), [['command', undefined, ['kafka-1.internal:29092'], span(2, 20, 2, 42)]]);
});
