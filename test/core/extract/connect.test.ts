import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectorKind } from '../../../src/core/extract/connect';
import { extractFile } from '../../../src/core/extract';
import { fixtureFacts, groupLines, problemLines, refLines, span, useLines } from '../../helpers/facts';

test('connect: a sink REST payload consumes its topics, its DLQ is produced, its group is connect-<name>', () => {
  const f = fixtureFacts('connect/orders-sink.json');
  assert.deepEqual(useLines(f), [
    'consume orders connect 6:16-6:22',
    'consume refunds connect 6:24-6:31',
    'produce orders-to-s3.dlq connect 8:43-8:59',
  ]);
  assert.deepEqual(groupLines(f), ['connect-orders-to-s3 connect 2:12-2:24']);
  assert.deepEqual(refLines(f), []);
  assert.deepEqual(problemLines(f), []);
});

test('connect: a Debezium .properties source produces to <prefix>.* (a pattern) and its history topic', () => {
  const f = fixtureFacts('connect/inventory-cdc.properties');
  assert.deepEqual(useLines(f), [
    'produce inventory\\..* (pattern) connect 5:14-5:23',
    'produce inventory.schema-history connect 7:37-7:61',
  ]);
  // The history producer's own bootstrap is a client connection of the connector.
  assert.deepEqual(refLines(f), ['config schema.history.internal.kafka.bootstrap.servers kafka1.prod.example.internal:9092 6:49-6:82']);
  assert.deepEqual(groupLines(f), []);
});

test('connect: Strimzi KafkaConnector (spec.class, spec.config) and the KafkaConnect worker bootstrap', () => {
  const f = fixtureFacts('connect/search-indexer.yaml');
  assert.deepEqual(useLines(f), ['consume catalog\\..* (pattern) connect 11:20-11:32']);
  assert.deepEqual(groupLines(f), ['connect-search-indexer connect 4:9-4:23']);
  assert.deepEqual(refLines(f), [
    'config spec.bootstrapServers kafka1.prod.example.internal:9092,kafka2.prod.example.internal:9092 20:21-20:88',
  ]);
});

test('connect: a flat payload of a source by naming convention produces to kafka.topic', () => {
  assert.deepEqual(useLines(fixtureFacts('connect/ticks-source.json')), ['produce market.ticks connect 3:19-3:31']);
});

test('connect: sink or source from the class', () => {
  assert.equal(connectorKind('io.confluent.connect.jdbc.JdbcSinkConnector'), 'sink');
  assert.equal(connectorKind('io.confluent.connect.jdbc.JdbcSourceConnector'), 'source');
  assert.equal(connectorKind('io.debezium.connector.mysql.MySqlConnector'), 'source');
  assert.equal(connectorKind('org.apache.kafka.connect.file.FileStreamSink'), 'sink');
  assert.equal(connectorKind('org.apache.kafka.connect.mirror.MirrorSourceConnector'), 'mirror');
  assert.equal(connectorKind('com.example.Replicator'), 'unknown');
});

test('connect: JDBC source prefix is <prefix>.*; an unknown class gives no edges; several connectors in one array', () => {
  const text = JSON.stringify(
    [
      { name: 'a', config: { 'connector.class': 'io.confluent.connect.jdbc.JdbcSourceConnector', 'topic.prefix': 'crm-' } },
      { name: 'b', config: { 'connector.class': 'com.example.Mystery', topics: 'x' } },
      { name: 'c', config: { 'connector.class': 'FileStreamSink', topics: 'logs' } },
    ],
    null,
    2,
  );
  const f = extractFile('connectors.json', text);
  assert.deepEqual(useLines(f), ['produce crm-.* (pattern) connect 6:24-6:28', 'consume logs connect 20:18-20:22']);
  assert.deepEqual(groupLines(f), ['connect-c connect 17:14-17:15']);
});

test('connect: broken JSON is a positioned problem, what parsed is still read', () => {
  const f = extractFile('bad.json', '{"name": "s", "config": {"connector.class": "FileStreamSink", "topics": "t1",\n');
  assert.deepEqual(useLines(f), ['consume t1 connect 1:74-1:76']);
  assert.equal(f.problems.length, 1);
  assert.match(problemLines(f)[0], /^bad\.json:2:1 invalid JSON/);
  assert.equal(span(f.topicUses[0].range), '1:74-1:76');
});

test('connect: MirrorMaker 2 as Connect connectors (MSK Connect) becomes mirror facts, not broker refs or edges', () => {
  const source = fixtureFacts('connect/mirror/mirror-source.json');
  assert.deepEqual(refLines(source), []);
  assert.deepEqual(useLines(source), []);
  assert.deepEqual(
    source.mirrors.map((m) => ({
      clusters: m.clusters.map((c) => `${c.alias} ${c.bootstrap} ${span(c.range)}`),
      flows: m.flows.map((f) => ({ ...f, range: span(f.range) })),
    })),
    [
      {
        clusters: [
          'onprem kafka1.prod.example.internal:9092 7:42-7:75',
          'msk b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094 8:42-8:95',
        ],
        flows: [
          {
            source: 'onprem',
            target: 'msk',
            enabled: true,
            topics: ['orders', 'payments'],
            topicsExclude: ['.*[\\-\\.]internal', '.*\\.replica', '__.*'],
            syncGroupOffsets: false,
            emitCheckpoints: true,
            range: '4:25-4:78',
            connector: 'source',
            replicationPolicy: 'org.apache.kafka.connect.mirror.IdentityReplicationPolicy',
          },
        ],
      },
    ],
  );
  const checkpoint = fixtureFacts('connect/mirror/mirror-checkpoint.json');
  assert.deepEqual(
    checkpoint.mirrors[0].flows.map((f) => [f.connector, f.syncGroupOffsets, f.checkpointReplicationPolicy]),
    [['checkpoint', true, 'org.apache.kafka.connect.mirror.IdentityReplicationPolicy']],
  );
});

test('connect: a JDBC source with a table list writes <prefix><table> for each table (schema dropped), ranged at the prefix; a pattern entry keeps the prefix pattern', () => {
  const text = `{
  "name": "warehouse-stock",
  "config": {
    "connector.class": "io.confluent.connect.jdbc.JdbcSourceConnector",
    "table.whitelist": "bins, stock.pallets",
    "topic.prefix": "stock."
  }
}
`;
  assert.deepEqual(useLines(extractFile('stock-source.json', text)), [
    'produce stock.bins connect 6:22-6:28',
    'produce stock.pallets connect 6:22-6:28',
  ]);
  const patterned = text.replace('"bins, stock.pallets"', '"bin_.*"');
  assert.deepEqual(useLines(extractFile('stock-source.json', patterned)), ['produce stock\\..* (pattern) connect 6:22-6:28']);
});
