import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envService, fleet, MANIFEST, SRC_PROD, TGT_PROD } from '../../helpers/repo';
import { findings } from './findings';

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
