import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envService, fleet, TGT_PROD } from '../../helpers/repo';
import { findings } from './findings';

test('auth-port-mismatch: a target host on the wrong port for mTLS, only the port is flagged', async () => {
  const wrong = TGT_PROD.replace(':9094,', ':9092,');
  const got = await findings(fleet({ svc: envService({ in: 'orders', prod: wrong }) }), 'auth-port-mismatch');
  assert.deepEqual(got, [
    "services/svc/.env.prod:1:64-1:68 error port 9092 does not match the target's auth: mutual TLS on the target in prod uses port 9094",
  ]);
});
