import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFile, formatOf } from '../../../src/core/extract';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, fixtureFacts, groupLines, problemLines, refLines, span, useLines } from '../../helpers/facts';

test('sql: ClickHouse Kafka engine, SETTINGS and positional forms: brokers, consumed topics, groups', () => {
  const f = fixtureFacts('sql/clickhouse-orders.sql');
  assert.equal(f.format, 'sql');
  assert.deepEqual(refLines(f), [
    'config kafka_broker_list kafka1.prod.example.internal:9092,kafka2.prod.example.internal:9092 8:31-8:98',
    'config kafka_broker_list kafka1.prod.example.internal:9092 14:17-14:50',
  ]);
  assert.deepEqual(useLines(f), [
    'consume orders clickhouse 9:30-9:36',
    'consume refunds clickhouse 9:37-9:44',
    'consume clicks clickhouse 14:54-14:60',
  ]);
  assert.deepEqual(groupLines(f), ['clickhouse-orders clickhouse 10:30-10:47', 'clickhouse-clicks clickhouse 14:64-14:81']);
  // ClickHouse's consumers start a new group from the earliest offset.
  assert.deepEqual(
    f.offsetResets.map((o) => `${o.client} ${o.value} ${o.explicit} ${span(o.range)}`),
    ['clickhouse earliest false 7:1-7:7', 'clickhouse earliest false 14:1-14:7'],
  );
  assert.deepEqual(problemLines(f), []);
});

test('sql: ksqlDB source stream consumes, AS SELECT produces (KAFKA_TOPIC or the upper-cased name), SET offset reset', () => {
  const f = fixtureFacts('sql/pipeline.ksql');
  assert.deepEqual(useLines(f), [
    'consume pageviews ksqldb 4:24-4:33',
    'produce PAGEVIEWS_ENRICHED ksqldb 6:15-6:33',
    'produce alerts.v1 ksqldb 9:43-9:52',
  ]);
  assert.deepEqual(
    f.offsetResets.map((o) => `${o.client} ${o.value} ${span(o.range)} ${o.fix?.newText}`),
    ['ksqldb latest 1:28-1:34 earliest'],
  );
});

test('sql: Flink tables by usage: INSERT INTO produces, FROM consumes, unused is both; startup mode with its fix', () => {
  const f = fixtureFacts('sql/flink-jobs.sql');
  assert.deepEqual(useLines(f), [
    'consume payments flink 6:14-6:22',
    'produce payments.scored flink 15:14-15:29',
    'consume audit flink 20:78-20:83',
    'produce audit flink 20:78-20:83',
  ]);
  assert.deepEqual(refLines(f), [
    'config properties.bootstrap.servers kafka1.prod.example.internal:9092 7:37-7:70',
    'config properties.bootstrap.servers kafka1.prod.example.internal:9092 16:37-16:70',
  ]);
  assert.deepEqual(groupLines(f), ['flink-payments flink 8:28-8:42']);
  const [reset] = f.offsetResets;
  assert.deepEqual(
    [reset.client, reset.value, reset.explicit, span(reset.range), reset.fix?.newText],
    ['flink', 'latest', true, '9:26-9:39', 'earliest-offset'],
  );
  const text = fs.readFileSync(path.join(FIXTURES, 'sql/flink-jobs.sql'), 'utf8');
  assert.equal(text.slice(reset.fix!.offset, reset.fix!.offset + reset.fix!.length), 'latest-offset');
});

test('sql: malformed input is a file:line:col problem; files naming no Kafka are not tokenized', () => {
  const bad = extractFile(
    'db/bad.sql',
    "CREATE TABLE q (a Int) ENGINE = Kafka SETTINGS kafka_topic_list = 'ok',\n  kafka_group_name = 'never closed\n",
  );
  assert.deepEqual(problemLines(bad), ['db/bad.sql:2:22 invalid SQL: unterminated string']);
  // What was read before the broken string still counts, as with broken YAML.
  assert.deepEqual(useLines(bad), ['consume ok clickhouse 1:68-1:70']);
  const comment = extractFile('db/c.sql', '/* kafka engine tables follow\nCREATE TABLE x');
  assert.deepEqual(problemLines(comment), ['db/c.sql:1:1 invalid SQL: unterminated comment']);
  assert.deepEqual(extractFile('db/schema.sql', "CREATE TABLE users (id int);\nINSERT INTO users VALUES ('x');\n").topicUses, []);
  assert.equal(formatOf('db/migrations/001.sql'), 'sql');
  assert.equal(formatOf('streams/app.ksql'), 'sql');
});

test('sql: quoted strings with escapes keep their topic, ranged on the whole string', () => {
  const f = extractFile('q.sql', "CREATE TABLE q (a Int) ENGINE = Kafka SETTINGS kafka_topic_list = 'it''s,b';\n");
  // `it's` is not a topic name; `b` is, and the string is not verbatim, so the range is the string's content.
  assert.deepEqual(useLines(f), ['consume b clickhouse 1:68-1:75']);
});
