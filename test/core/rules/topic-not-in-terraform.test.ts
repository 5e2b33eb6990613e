import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/model/types';
import { envService, fleet, MANIFEST, SRC_DEV, SRC_PROD } from '../../helpers/repo';
import { findings, scanned } from './findings';

test('topic-not-in-terraform: a repository that declares no topic at all gets one warning, not one error per topic', async () => {
  const files = fleet({
    reader: envService({ in: 'orders', prod: SRC_PROD }),
    writer: envService({ out: 'orders', prod: SRC_PROD, extra: 'AUDIT_TOPIC=audit\n' }),
    auditor: envService({ in: 'payments', dev: SRC_DEV }),
  });
  assert.deepEqual(await findings(files, 'topic-not-in-terraform'), [
    'services/auditor/.env.dev:2:13-2:21 warning no topic is declared anywhere in this repository (no Terraform kafka_topic, no Strimzi KafkaTopic): 2 topic(s) used by 3 service(s); MSK does not auto-create topics, so declare them where you manage MSK before the services move',
  ]);
  // A severity below warning from the manifest is kept; `off` silences the hint too.
  const info = { ...files, 'kafka-cutover.yaml': MANIFEST + 'rules: { topic-not-in-terraform: info }\n' };
  assert.deepEqual(
    (await findings(info, 'topic-not-in-terraform')).map((f) => f.split(' ')[1]),
    ['info'],
  );
  const off = { ...files, 'kafka-cutover.yaml': MANIFEST + 'rules: { topic-not-in-terraform: off }\n' };
  assert.deepEqual(await findings(off, 'topic-not-in-terraform'), []);
  // One kafka_topic anywhere: topics are managed here, so every undeclared use is an error of its own.
  const declared = {
    ...files,
    'infra/topics.tf': 'resource "kafka_topic" "orders" {\n  name = "orders"\n  partitions = 3\n  replication_factor = 3\n}\n',
  };
  assert.deepEqual(await findings(declared, 'topic-not-in-terraform'), [
    'services/auditor/.env.dev:2:13-2:21 error topic payments (consumed by auditor) is declared by no kafka_topic; MSK does not auto-create topics',
  ]);
});

test('topic-not-in-terraform: Kafka Streams internal topics (repartition, changelog) need no declaration', async () => {
  const streams = [
    'package com.example;',
    'import org.apache.kafka.streams.*;',
    'import org.apache.kafka.streams.kstream.*;',
    'class Totals {',
    '  void build(java.util.Properties p) {',
    '    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "totals");',
    '    StreamsBuilder b = new StreamsBuilder();',
    '    b.stream("orders").groupByKey().count(Materialized.as("counts")).toStream().to("order-totals");',
    '  }',
    '}',
    '',
  ].join('\n');
  const files = {
    ...fleet({
      totals: { ...envService({ prod: SRC_PROD }), 'pom.xml': '<project/>\n', 'src/main/java/com/example/Totals.java': streams },
    }),
    'infra/topics.tf': 'resource "kafka_topic" "orders" {\n  name = "orders"\n  partitions = 3\n  replication_factor = 3\n}\n',
  };
  const { analysis } = await scanned(files);
  // The changelog of the `counts` store is a topic the service uses, but Streams creates it.
  assert.ok(
    analysis.model.topicUses.some((u) => u.resolved === 'totals-counts-changelog' && u.internal === 'streams'),
    JSON.stringify(analysis.model.topicUses.map((u) => u.resolved)),
  );
  assert.deepEqual(
    analysis.findings.filter((f: Finding) => f.rule === 'topic-not-in-terraform').map((f) => f.topic),
    ['order-totals'],
  );
});
