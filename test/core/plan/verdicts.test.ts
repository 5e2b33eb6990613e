import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Model } from '../../../src/core/model/types';
import { FIX_FLAGS, isFixRule, settleVerdicts } from '../../../src/core/plan/verdicts';
import { at, finding, model, plan, ready, svc } from '../../helpers/model';

type Reset = Model['offsetResets'][number];
const reset = (over: Partial<Reset> = {}): Reset => ({
  file: 'services/c/.env',
  client: 'kafkajs',
  value: 'latest',
  explicit: true,
  range: at(3, 19),
  service: 'c',
  ...over,
});

describe('isFixRule and FIX_FLAGS', () => {
  it('the move itself and the hazard are no fixes; every other rule is', () => {
    assert.deepEqual((['legacy-broker', 'mixed-clusters', 'producer-before-consumers'] as const).map(isFixRule), [false, false, false]);
    assert.deepEqual(
      (
        [
          'offset-reset-not-earliest',
          'auth-port-mismatch',
          'topic-not-in-terraform',
          'security-protocol-mismatch',
          'topic-not-mirrored',
        ] as const
      ).map(isFixRule),
      [true, true, true, true, true],
    );
  });

  it('names the flag that applies each fix migrate can make', () => {
    assert.deepEqual(FIX_FLAGS, {
      'offset-reset-not-earliest': '--offset-reset',
      'topic-not-in-terraform': '--add-topics',
      'auth-port-mismatch': 'migrate',
    });
  });
});

describe('settleVerdicts: one verdict per state', () => {
  it('moved, mixed, absent and unknown follow the state; a source service takes its readiness', () => {
    const m = model([
      svc('moved', { state: { prod: 'target' } }),
      svc('mixed', { state: { prod: 'mixed' } }),
      svc('absent', { state: {} }),
      svc('unknown', { state: { prod: 'unknown' } }),
      svc('blocked', { state: { prod: 'source' } }),
      svc('ready', { state: { prod: 'source' } }),
    ]);
    const p = plan({ prod: { blocked: ready({ status: 'blocked', blockedBy: ['x'] }), ready: ready() } });
    settleVerdicts(m, p, []);
    assert.deepEqual(p.verdicts, {
      prod: { moved: 'moved', mixed: 'mixed', absent: 'absent', unknown: 'unknown', blocked: 'blocked', ready: 'ready' },
    });
  });

  it('a source service with no readiness computed is unknown, never ready', () => {
    const m = model([svc('s', { state: { prod: 'source' } })]);
    const p = plan();
    settleVerdicts(m, p, []);
    assert.equal(p.verdicts.prod!.s, 'unknown');
  });

  it('fills a verdict for every environment, even one the plan has no readiness for', () => {
    const m = model([svc('s', { state: { prod: 'target', dev: 'source' } })], { environments: ['prod', 'dev'] });
    const p = plan();
    settleVerdicts(m, p, []);
    assert.deepEqual(p.verdicts, { prod: { s: 'moved' }, dev: { s: 'unknown' } });
  });
});

describe('settleVerdicts: fixes', () => {
  it('an error finding of its own makes a ready service ready-after-fixes, with the flag and place', () => {
    const m = model([svc('a', { state: { prod: 'source' } })]);
    const r = ready();
    const p = plan({ prod: { a: r } });
    settleVerdicts(m, p, [finding({ rule: 'topic-not-in-terraform', service: 'a', range: at(7, 3), message: 'declare orders' })]);
    assert.deepEqual(r, {
      status: 'ready-after-fixes',
      ready: false,
      blockedBy: [],
      blockers: [],
      unknown: [],
      fixes: [
        {
          rule: 'topic-not-in-terraform',
          service: 'a',
          message: 'declare orders',
          file: 'services/a/.env',
          line: 7,
          column: 3,
          flag: '--add-topics',
        },
      ],
    });
    assert.equal(p.verdicts.prod!.a, 'ready-after-fixes');
  });

  it('warnings, other services’ errors, other environments’ errors and the move’s own rules are no fixes', () => {
    const m = model([svc('a', { state: { prod: 'source' } })]);
    const r = ready();
    const p = plan({ prod: { a: r } });
    settleVerdicts(m, p, [
      finding({ rule: 'topic-not-mirrored', service: 'a', severity: 'warning' }),
      finding({ rule: 'topic-not-mirrored', service: 'b' }),
      finding({ rule: 'topic-not-mirrored', service: 'a', environment: 'dev' }),
      finding({ rule: 'mixed-clusters', service: 'a' }),
      finding({ rule: 'topic-not-mirrored' }),
    ]);
    assert.deepEqual([r.status, r.ready, r.fixes], ['ready', true, []]);
  });

  it('a fix migrate makes by rewriting carries the flag migrate; a rule without a flag is by hand', () => {
    const m = model([svc('a', { state: { prod: 'source' } })]);
    const r = ready();
    settleVerdicts(m, plan({ prod: { a: r } }), [
      finding({ rule: 'security-protocol-mismatch', service: 'a', fixedByMigrate: true, range: at(1, 1) }),
      finding({ rule: 'topic-not-mirrored', service: 'a', range: at(2, 1) }),
    ]);
    assert.deepEqual(
      r.fixes.map((f) => [f.rule, f.line, f.flag]),
      [
        ['security-protocol-mismatch', 1, 'migrate'],
        ['topic-not-mirrored', 2, undefined],
      ],
    );
  });

  it('a blocked service keeps blocked with its fixes listed', () => {
    const m = model([svc('a', { state: { prod: 'source' } })]);
    const r = ready({ status: 'blocked', blockedBy: ['b'] });
    settleVerdicts(m, plan({ prod: { a: r } }), [finding({ rule: 'auth-port-mismatch', service: 'a' })]);
    assert.deepEqual([r.status, r.ready, r.fixes.length, r.fixes[0]!.flag], ['blocked', false, 1, 'migrate']);
  });

  it('the members of a cycle share one list of fixes', () => {
    const m = model([svc('a', { state: { prod: 'source' } }), svc('b', { state: { prod: 'source' } })]);
    const ra = ready();
    const rb = ready();
    settleVerdicts(m, plan({ prod: { a: ra, b: rb } }, { cycles: [['a', 'b']] }), [
      finding({ rule: 'topic-not-mirrored', service: 'b', message: 'b’s' }),
    ]);
    assert.deepEqual(
      [ra.status, ra.fixes.map((f) => f.message), rb.status, rb.fixes.map((f) => f.message)],
      ['ready-after-fixes', ['b’s'], 'ready-after-fixes', ['b’s']],
    );
  });
});

describe('settleVerdicts: moved at risk and hazards', () => {
  it('a moved service with an error fix of its own is moved-at-risk; legacy-broker does not count', () => {
    const m = model([svc('a', { state: { prod: 'target' } }), svc('b', { state: { prod: 'target' } })]);
    const p = plan();
    settleVerdicts(m, p, [finding({ rule: 'auth-port-mismatch', service: 'a' }), finding({ rule: 'legacy-broker', service: 'b' })]);
    assert.deepEqual(p.verdicts.prod, { a: 'moved-at-risk', b: 'moved' });
  });

  it('a hazard wins over every state, in its own environment or, with none, in all', () => {
    const m = model([svc('p', { state: { prod: 'target', dev: 'target' } }), svc('q', { state: { prod: 'source', dev: 'target' } })], {
      environments: ['prod', 'dev'],
    });
    const p = plan({ prod: { q: ready() } });
    settleVerdicts(m, p, [
      finding({ rule: 'producer-before-consumers', service: 'p', environment: 'dev', severity: 'warning' }),
      finding({ rule: 'producer-before-consumers', service: 'q' }),
    ]);
    assert.deepEqual(p.verdicts, { prod: { p: 'moved', q: 'hazard' }, dev: { p: 'hazard', q: 'hazard' } });
  });
});

describe('settleVerdicts: offset resets pending the move', () => {
  it('a consumer whose reset is latest gets the fix before it moves, with --offset-reset when there is an edit', () => {
    const edit = { file: 'services/c/.env', offset: 0, length: 6, newText: 'earliest', range: at(3, 19) };
    const m = model([svc('c', { state: { prod: 'source' }, consumes: ['orders'] })], { offsetResets: [reset({ fix: edit })] });
    const r = ready();
    settleVerdicts(m, plan({ prod: { c: r } }), []);
    assert.deepEqual(r.fixes, [
      {
        rule: 'offset-reset-not-earliest',
        service: 'c',
        message:
          "c's offset reset is set to latest, and the mirror does not sync group offsets: after the move it would skip records produced before it connected",
        file: 'services/c/.env',
        line: 3,
        column: 19,
        flag: '--offset-reset',
      },
    ]);
    assert.equal(r.status, 'ready-after-fixes');
  });

  it('a default latest says whose default it is, and without an edit it is by hand', () => {
    const m = model([svc('c', { state: { prod: 'source' }, role: 'consumer' })], {
      offsetResets: [reset({ explicit: false, client: 'sarama' })],
    });
    const r = ready();
    settleVerdicts(m, plan({ prod: { c: r } }), []);
    assert.equal(r.fixes.length, 1);
    assert.match(r.fixes[0]!.message, /^c's offset reset defaults to latest \(sarama\), /);
    assert.equal(r.fixes[0]!.flag, undefined);
  });

  it('no fix when offsets are synced, the reset is earliest, the service only produces, or the file is for another environment', () => {
    const offsetSync = model([svc('c', { state: { prod: 'source' } })], { offsetResets: [reset()] });
    offsetSync.manifest = { ...offsetSync.manifest, mirror: { ...offsetSync.manifest.mirror, offsetSync: true } };
    const cases = [
      offsetSync,
      model([svc('c', { state: { prod: 'source' } })], { offsetResets: [reset({ value: 'earliest' })] }),
      model([svc('c', { state: { prod: 'source' }, role: 'producer', produces: ['x'] })], { offsetResets: [reset()] }),
      model([svc('c', { state: { prod: 'source' } })], { offsetResets: [reset({ fileEnvironment: 'dev' })] }),
    ];
    for (const m of cases) {
      const r = ready();
      settleVerdicts(m, plan({ prod: { c: r } }), []);
      assert.deepEqual([r.status, r.fixes], ['ready', []]);
    }
  });

  it('the same place found as a finding and as a pending reset is one fix', () => {
    const m = model([svc('c', { state: { prod: 'source' }, consumes: ['orders'] })], { offsetResets: [reset()] });
    const r = ready();
    settleVerdicts(m, plan({ prod: { c: r } }), [
      finding({ rule: 'offset-reset-not-earliest', service: 'c', file: 'services/c/.env', range: at(3, 19), message: 'from the rule' }),
    ]);
    assert.deepEqual(
      r.fixes.map((f) => f.message),
      ['from the rule'],
    );
  });
});

describe('settleVerdicts: a repository that declares no topic', () => {
  it('each service that uses a topic gets one fix at its first use, naming its topics sorted', () => {
    type Use = Model['topicUses'][number];
    const use = (service: string, resolved: string | undefined, line: number, over: Partial<Use> = {}): Use => ({
      file: `services/${service}/.env`,
      direction: 'produce',
      client: 'config',
      range: at(line, 5),
      service,
      resolved,
      ...over,
    });
    const m = model([svc('a', { state: { prod: 'source' } }), svc('b', { state: { prod: 'source' } })], {
      topicUses: [
        use('a', undefined, 1),
        use('a', 'zeta', 2),
        use('a', 'alpha', 3),
        use('a', 'orders.*', 4, { pattern: true }),
        use('a', 'app-store-changelog', 5, { internal: 'streams' }),
        use('a', 'alpha', 6),
      ],
    });
    const ra = ready();
    const rb = ready();
    settleVerdicts(m, plan({ prod: { a: ra, b: rb } }), [finding({ rule: 'topic-not-in-terraform', severity: 'info' })]);
    assert.equal(ra.fixes.length, 1);
    assert.deepEqual(
      { ...ra.fixes[0], message: ra.fixes[0]!.message.slice(0, 26) },
      {
        rule: 'topic-not-in-terraform',
        service: 'a',
        message: 'declare alpha, zeta where ',
        file: 'services/a/.env',
        line: 2,
        column: 5,
      },
    );
    assert.deepEqual([ra.status, rb.status, rb.fixes], ['ready-after-fixes', 'ready', []]);
  });
});
