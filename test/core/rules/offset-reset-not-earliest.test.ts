import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envService, fleet, MANIFEST, SRC_PROD, TGT_PROD } from '../../helpers/repo';
import { findings } from './findings';

test('offset-reset-not-earliest fires only for consumers on the target while offsets are not synced', async () => {
  const kafkaJsConsumer = (brokers: string) => ({
    ...envService({ in: 'orders', prod: brokers }),
    'src/main.properties': 'auto.offset.reset=latest\n',
  });
  const files = fleet({ moved: kafkaJsConsumer(TGT_PROD), waiting: kafkaJsConsumer(SRC_PROD) });
  const got = await findings(files, 'offset-reset-not-earliest');
  assert.equal(got.length, 1);
  assert.match(
    got[0],
    /^services\/moved\/src\/main.properties:1:19-1:25 error moved is on the target in prod and its offset reset is set to latest/,
  );
  const synced = { ...files, 'kafka-cutover.yaml': MANIFEST + 'mirror: { offsetSync: true }\n' };
  assert.deepEqual(await findings(synced, 'offset-reset-not-earliest'), []);
});

test('offset-reset-not-earliest: a Spring consumer that sets no reset defaults to latest; setting it anywhere silences it', async () => {
  const listener =
    'package x;\nimport org.springframework.kafka.annotation.KafkaListener;\nclass L {\n  @KafkaListener(topics = "orders", groupId = "g")\n  void on(String m) {}\n}\n';
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
