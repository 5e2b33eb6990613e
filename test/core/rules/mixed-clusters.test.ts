import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envService, fleet, SRC_PROD, TGT_PROD } from '../../helpers/repo';
import { findings } from './findings';

test('mixed-clusters: one service naming both clusters in one environment', async () => {
  const got = await findings(
    fleet({
      svc: {
        ...envService({ in: 'orders', prod: TGT_PROD }),
        'src/main.env': '',
        'config/.env.prod-fallback': `BACKUP_KAFKA_BROKERS=${SRC_PROD}\n`,
      },
    }),
    'mixed-clusters',
  );
  assert.deepEqual(got, [
    'services/svc/config/.env.prod-fallback:1:22-1:89 warning svc names both clusters in prod: this names the source while services/svc/.env.prod:1 names the target',
  ]);
});
