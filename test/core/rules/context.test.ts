import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PerObject, refsIn, refsOfService } from '../../../src/core/rules/context';
import { envService, fleet, SRC_PROD, TGT_DEV } from '../../helpers/repo';
import { scanned } from './findings';

test('PerObject computes once per object and key, again when the key changes, and apart per object', () => {
  const memo = new PerObject<object, string>();
  const a = {};
  const b = {};
  let calls = 0;
  const compute = (v: string) => () => {
    calls++;
    return v;
  };
  assert.equal(memo.get(a, 'k1', compute('x')), 'x');
  assert.equal(memo.get(a, 'k1', compute('y')), 'x');
  assert.equal(calls, 1);
  assert.equal(memo.get(a, 'k2', compute('z')), 'z');
  assert.equal(memo.get(b, 'k2', compute('w')), 'w');
  assert.equal(calls, 3);
  assert.equal(memo.get(a, 'k2', compute('q')), 'z');
});

test("refsIn: a service's refs of one environment plus those of no known environment", async () => {
  const { analysis } = await scanned(
    fleet({
      svc: {
        ...envService({ in: 'orders', prod: SRC_PROD, dev: TGT_DEV }),
        'src/kafka.js': "const brokers = ['localhost:9092'];\nnew Kafka({ brokers });\n",
      },
    }),
  );
  const place = (refs: typeof analysis.model.brokerRefs) =>
    refs.map((r) => `${r.file}:${r.range.start.line} ${r.environment ?? '-'}`).sort();
  const all = place(refsOfService(analysis.model, 'svc'));
  assert.ok(all.includes('services/svc/.env.prod:1 prod') && all.includes('services/svc/.env.dev:1 dev'), JSON.stringify(all));
  const noEnv = all.filter((r) => r.endsWith(' -'));
  assert.deepEqual(place(refsIn(analysis.model, 'svc', 'prod')), ['services/svc/.env.prod:1 prod', ...noEnv].sort());
  assert.deepEqual(place(refsIn(analysis.model, 'svc', 'dev')), ['services/svc/.env.dev:1 dev', ...noEnv].sort());
  assert.deepEqual(refsOfService(analysis.model, 'nobody'), []);
});
