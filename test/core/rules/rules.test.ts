import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/model/types';
import { envService, fleet, MANIFEST, removeRepo, scanRepo, SRC_DEV, SRC_PROD, TGT_DEV, TGT_PROD } from '../../helpers/repo';

const dirs: string[] = [];
after(() => dirs.forEach(removeRepo));

async function findings(files: Record<string, string>, rule: string): Promise<string[]> {
  const { dir, analysis } = await scanRepo(files);
  dirs.push(dir);
  return analysis.findings
    .filter((f: Finding) => f.rule === rule)
    .map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.severity} ${f.message}`);
}

test('legacy-broker: every source connection string, with readiness', async () => {
  const got = await findings(
    fleet({
      reader: envService({ in: 'orders', prod: SRC_PROD }),
      writer: envService({ out: 'orders', prod: SRC_PROD, dev: TGT_DEV }),
    }, { 'infra/topics.tf': 'resource "kafka_topic" "orders" {\n  name = "orders"\n}\n' }),
    'legacy-broker',
  );
  assert.deepEqual(got, [
    'services/reader/.env.prod:1:15-1:82 warning connection string names the source cluster (prod): kafka1.prod.example.internal, kafka2.prod.example.internal; the service is ready to move',
    'services/writer/.env.prod:1:15-1:82 warning connection string names the source cluster (prod): kafka1.prod.example.internal, kafka2.prod.example.internal; blocked by reader',
  ]);
});

test('producer-before-consumers: a producer on the target while a consumer reads the source', async () => {
  const files = fleet({
    reader: envService({ in: 'orders', prod: SRC_PROD }),
    moved: envService({ in: 'orders', prod: TGT_PROD }),
    writer: envService({ out: 'orders', prod: TGT_PROD }),
  });
  assert.deepEqual(await findings(files, 'producer-before-consumers'), [
    'services/writer/.env.prod:1:15-1:122 error writer produces orders on the target in prod while reader still consumes it on the source: their records are lost (the mirror only copies source -> target)',
  ]);
  const activeActive = { ...files, 'kafka-cutover.yaml': MANIFEST + 'mirror: { mode: active-active }\n' };
  assert.deepEqual(await findings(activeActive, 'producer-before-consumers'), []);
});

test('mixed-clusters: one service naming both clusters in one environment', async () => {
  const got = await findings(
    fleet({ svc: { ...envService({ in: 'orders', prod: TGT_PROD }), 'src/main.env': '' , 'config/.env.prod-fallback': `BACKUP_KAFKA_BROKERS=${SRC_PROD}\n` } }),
    'mixed-clusters',
  );
  assert.deepEqual(got, [
    'services/svc/config/.env.prod-fallback:1:22-1:89 warning svc names both clusters in prod: this names the source while services/svc/.env.prod:1 names the target',
  ]);
});

test('auth-port-mismatch: a target host on the wrong port for mTLS, only the port is flagged', async () => {
  const wrong = TGT_PROD.replace(':9094,', ':9092,');
  const got = await findings(fleet({ svc: envService({ in: 'orders', prod: wrong }) }), 'auth-port-mismatch');
  assert.deepEqual(got, [
    'services/svc/.env.prod:1:64-1:68 error port 9092 does not match the target\'s auth: mutual TLS on the target in prod uses port 9094',
  ]);
});

test('offset-reset-not-earliest fires only for consumers on the target while offsets are not synced', async () => {
  const kafkaJsConsumer = (brokers: string) => ({
    ...envService({ in: 'orders', prod: brokers }),
    'src/main.properties': 'auto.offset.reset=latest\n',
  });
  const files = fleet({ moved: kafkaJsConsumer(TGT_PROD), waiting: kafkaJsConsumer(SRC_PROD) });
  const got = await findings(files, 'offset-reset-not-earliest');
  assert.equal(got.length, 1);
  assert.match(got[0], /^services\/moved\/src\/main.properties:1:19-1:25 error moved is on the target in prod and its offset reset is set to latest/);
  const synced = { ...files, 'kafka-cutover.yaml': MANIFEST + 'mirror: { offsetSync: true }\n' };
  assert.deepEqual(await findings(synced, 'offset-reset-not-earliest'), []);
});

test('severity from the manifest; off disables a rule', async () => {
  const files = fleet({ reader: envService({ in: 'orders', prod: SRC_PROD }) });
  const manifest = MANIFEST + 'rules: { legacy-broker: info, mixed-clusters: off }\n';
  const got = await findings({ ...files, 'kafka-cutover.yaml': manifest }, 'legacy-broker');
  assert.equal(got.length, 1);
  assert.match(got[0], / info /);
});

test('offset-reset-not-earliest: a Spring consumer that sets no reset defaults to latest; setting it anywhere silences it', async () => {
  const listener = 'package x;\nimport org.springframework.kafka.annotation.KafkaListener;\nclass L {\n  @KafkaListener(topics = "orders", groupId = "g")\n  void on(String m) {}\n}\n';
  const service = (extra: Record<string, string>) => ({ ...envService({ prod: TGT_PROD }), 'src/main/java/x/L.java': listener, ...extra });
  const unset = await findings(fleet({ billing: service({}) }), 'offset-reset-not-earliest');
  assert.deepEqual(unset, [
    'services/billing/src/main/java/x/L.java:4:28-4:34 error billing is on the target in prod and sets no auto.offset.reset, so its Spring consumer defaults to latest, while the mirror does not sync group offsets: records produced before it connected are skipped; set earliest for the move',
  ]);
  const set = await findings(
    fleet({ billing: service({ 'src/main/resources/application.properties': 'spring.kafka.consumer.auto-offset-reset=earliest\n' }) }),
    'offset-reset-not-earliest',
  );
  assert.deepEqual(set, []);
});

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
  assert.deepEqual((await findings(info, 'topic-not-in-terraform')).map((f) => f.split(' ')[1]), ['info']);
  const off = { ...files, 'kafka-cutover.yaml': MANIFEST + 'rules: { topic-not-in-terraform: off }\n' };
  assert.deepEqual(await findings(off, 'topic-not-in-terraform'), []);
  // One kafka_topic anywhere: topics are managed here, so every undeclared use is an error of its own.
  const declared = { ...files, 'infra/topics.tf': 'resource "kafka_topic" "orders" {\n  name = "orders"\n  partitions = 3\n  replication_factor = 3\n}\n' };
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
    ...fleet({ totals: { ...envService({ prod: SRC_PROD }), 'pom.xml': '<project/>\n', 'src/main/java/com/example/Totals.java': streams } }),
    'infra/topics.tf': 'resource "kafka_topic" "orders" {\n  name = "orders"\n  partitions = 3\n  replication_factor = 3\n}\n',
  };
  const { dir, analysis } = await scanRepo(files);
  dirs.push(dir);
  // The changelog of the `counts` store is a topic the service uses, but Streams creates it.
  assert.ok(analysis.model.topicUses.some((u) => u.resolved === 'totals-counts-changelog' && u.internal === 'streams'), JSON.stringify(analysis.model.topicUses.map((u) => u.resolved)));
  assert.deepEqual(
    analysis.findings.filter((f: Finding) => f.rule === 'topic-not-in-terraform').map((f) => f.topic),
    ['order-totals'],
  );
});
