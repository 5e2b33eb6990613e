import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envService, fleet, SRC_PROD, TGT_DEV } from '../../helpers/repo';
import { findings } from './findings';

test('legacy-broker: every source connection string, with readiness', async () => {
  const got = await findings(
    fleet(
      {
        reader: envService({ in: 'orders', prod: SRC_PROD }),
        writer: envService({ out: 'orders', prod: SRC_PROD, dev: TGT_DEV }),
      },
      { 'infra/topics.tf': 'resource "kafka_topic" "orders" {\n  name = "orders"\n}\n' },
    ),
    'legacy-broker',
  );
  assert.deepEqual(got, [
    'services/reader/.env.prod:1:15-1:82 warning connection string names the source cluster (prod): kafka1.prod.example.internal, kafka2.prod.example.internal; the service is ready to move',
    'services/writer/.env.prod:1:15-1:82 warning connection string names the source cluster (prod): kafka1.prod.example.internal, kafka2.prod.example.internal; blocked by reader',
  ]);
});
