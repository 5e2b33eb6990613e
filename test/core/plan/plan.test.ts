import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { orderByDependencies } from '../../../src/core/plan/plan';
import { envService, fleet, removeRepo, scanRepo, SRC_DEV, SRC_PROD, TGT_DEV, TGT_PROD } from '../../helpers/repo';

const dirs: string[] = [];
after(() => dirs.forEach(removeRepo));

test('order: dependencies first, cycles grouped, ties by name', () => {
  const deps = new Map<string, Set<string>>([
    ['a', new Set(['b'])],
    ['b', new Set(['c'])],
    ['c', new Set()],
    ['x', new Set(['y'])],
    ['y', new Set(['x', 'c'])],
  ]);
  const { order, cycles } = orderByDependencies(['x', 'a', 'y', 'b', 'c'], deps);
  assert.deepEqual(order, [['c'], ['b'], ['a'], ['x', 'y']]);
  assert.deepEqual(cycles, [['x', 'y']]);
});

test('roles, waves, states and readiness from a small fleet', async () => {
  const { dir, analysis } = await scanRepo(
    fleet({
      // consumer of readings, on MSK in prod
      ingest: envService({ in: 'readings', prod: TGT_PROD, dev: SRC_DEV }),
      // reads readings, writes alerts; still on EC2
      enrich: envService({ in: 'readings', out: 'alerts', prod: SRC_PROD, dev: SRC_DEV }),
      // consumer of alerts, still on EC2 in prod: blocks enrich there
      notify: envService({ in: 'alerts', prod: SRC_PROD, dev: TGT_DEV }),
      // producer of readings
      meters: envService({ out: 'readings', prod: SRC_PROD, dev: SRC_DEV }),
      // a cycle: ping <-> pong
      ping: envService({ in: 'pongs', out: 'pings', prod: SRC_PROD }),
      pong: envService({ in: 'pings', out: 'pongs', prod: `${SRC_PROD}\nFALLBACK_BROKERS=${TGT_PROD}` }),
      docs: {},
    }),
  );
  dirs.push(dir);
  const { model, plan } = analysis;
  const byName = Object.fromEntries(model.services.map((s) => [s.name, s]));
  assert.deepEqual(
    model.services.map((s) => [s.name, s.role, plan.wave[s.name]]),
    [
      ['docs', 'unknown', 4],
      ['enrich', 'producer-consumer', 2],
      ['ingest', 'consumer', 1],
      ['meters', 'producer', 3],
      ['notify', 'consumer', 1],
      ['ping', 'producer-consumer', 2],
      ['pong', 'producer-consumer', 2],
    ],
  );
  assert.deepEqual(byName.enrich.produces, ['alerts']);
  assert.deepEqual(byName.enrich.consumes, ['readings']);
  assert.deepEqual(byName.ingest.state, { prod: 'target', dev: 'source' });
  assert.deepEqual(byName.notify.state, { prod: 'source', dev: 'target' });
  assert.deepEqual(byName.pong.state, { prod: 'mixed', dev: 'none' });
  assert.deepEqual(byName.docs.state, { prod: 'none', dev: 'none' });
  assert.deepEqual(plan.cycles, [['ping', 'pong']]);
  assert.deepEqual(plan.order, [['enrich'], ['ping', 'pong']]);
  // No Terraform declares these topics: every service needs that fix first, so none is plainly ready.
  const brief = (env: string) =>
    Object.fromEntries(Object.entries(plan.readiness[env]).map(([n, r]) => [n, [r.status, r.ready, r.blockedBy]]));
  assert.deepEqual(brief('prod'), {
    enrich: ['blocked', false, ['notify']],
    meters: ['blocked', false, ['enrich']],
    notify: ['ready-after-fixes', false, []],
    ping: ['ready-after-fixes', false, []],
    pong: ['ready-after-fixes', false, []],
  });
  assert.deepEqual(brief('dev'), {
    enrich: ['ready-after-fixes', false, []],
    ingest: ['ready-after-fixes', false, []],
    meters: ['blocked', false, ['enrich', 'ingest']],
  });
  assert.deepEqual(plan.verdicts.prod, {
    // ingest moved with an undeclared topic; pong produces on the target while ping reads pings on the source.
    docs: 'absent',
    enrich: 'blocked',
    ingest: 'moved-at-risk',
    meters: 'blocked',
    notify: 'ready-after-fixes',
    ping: 'ready-after-fixes',
    pong: 'hazard',
  });
});

test('a cycle waits for every outside consumer of what any member produces', async () => {
  const { dir, analysis } = await scanRepo(
    fleet({
      a: envService({ in: 'b-out', out: 'a-out', prod: SRC_PROD }),
      b: envService({ in: 'a-out', out: 'b-out', prod: SRC_PROD, extra: 'AUDIT_OUTPUT_TOPIC=audit\n' }),
      auditor: envService({ in: 'audit', prod: SRC_PROD }),
    }),
  );
  dirs.push(dir);
  assert.deepEqual(analysis.plan.cycles, [['a', 'b']]);
  for (const member of ['a', 'b']) {
    const r = analysis.plan.readiness.prod[member];
    assert.deepEqual(
      [r.status, r.ready, r.blockedBy, r.blockers.map((x) => `${x.service}:${x.topic}`)],
      ['blocked', false, ['auditor'], ['auditor:audit']],
      member,
    );
  }
});
