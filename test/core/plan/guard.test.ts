import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Fix, Model } from '../../../src/core/model/types';
import { migrateRefusals, readyToMigrate, rollbackRefusals, uncoveredFixes } from '../../../src/core/plan/guard';
import { at, model, plan, ready, svc } from '../../helpers/model';

const fix = (flag: string | undefined, over: Partial<Fix> = {}): Fix => ({
  rule: 'topic-not-in-terraform',
  service: 'a',
  message: 'declare orders',
  file: 'services/a/.env',
  line: 3,
  column: 7,
  flag,
  ...over,
});

describe('uncoveredFixes', () => {
  it('migrate’s own fixes never count; a flag the command sets covers its fixes; by hand always counts', () => {
    const fixes = [fix('migrate'), fix('--offset-reset'), fix('--add-topics'), fix(undefined)];
    assert.deepEqual(
      uncoveredFixes(fixes, {}).map((f) => f.flag),
      ['--offset-reset', '--add-topics', undefined],
    );
    assert.deepEqual(
      uncoveredFixes(fixes, { offsetReset: true, addTopics: true }).map((f) => f.flag),
      [undefined],
    );
  });
});

describe('migrateRefusals', () => {
  it('nothing to refuse for a ready service, a moved one, or one the plan has no readiness for', () => {
    const m = model([
      svc('a', { state: { prod: 'source' } }),
      svc('b', { state: { prod: 'target' } }),
      svc('c', { state: { prod: 'source' } }),
    ]);
    assert.deepEqual(
      migrateRefusals(m, plan({ prod: { a: ready(), b: ready({ status: 'blocked', blockedBy: ['x'] }) } }), ['a', 'b', 'c'], ['prod']),
      [],
    );
  });

  it('blocked: names each blocker once with the topics it consumes and where', () => {
    const m = model([svc('a', { state: { prod: 'source' } })]);
    const e1 = { file: 'services/n/.env', line: 2, column: 14, note: 'n consumes alerts' };
    const r = ready({
      status: 'blocked',
      blockedBy: ['m', 'n'],
      blockers: [
        { service: 'n', topic: 'alerts', state: 'source', evidence: [e1] },
        { service: 'n', topic: 'audit', state: 'source', evidence: [] },
        { service: 'm', topic: 'alerts', state: 'mixed', evidence: [] },
      ],
    });
    assert.deepEqual(migrateRefusals(m, plan({ prod: { a: r } }), ['a'], ['prod']), [
      {
        kind: 'blocked',
        subject: 'a',
        env: 'prod',
        message:
          'a (prod): blocked by n (consumes alerts at services/n/.env:2:14, audit), m (consumes alerts); they still read the source and would stop receiving what it produces on the target',
        evidence: [e1],
      },
    ]);
  });

  it('unknown: every reason with its first place', () => {
    const m = model([svc('a', { state: { prod: 'unknown' } })]);
    const e = { file: 'services/a/app.ts', line: 9, column: 1, note: 'x' };
    const r = ready({
      status: 'unknown',
      unknown: [
        { code: 'unresolved-connection', message: 'brokers unresolved', evidence: [e] },
        { code: 'unknown-role', message: 'role unknown', evidence: [] },
      ],
    });
    const [refusal] = migrateRefusals(m, plan({ prod: { a: r } }), ['a'], ['prod']);
    assert.deepEqual(refusal, {
      kind: 'unknown',
      subject: 'a',
      env: 'prod',
      message: 'a (prod): readiness unknown: brokers unresolved (services/a/app.ts:9:1); role unknown',
      evidence: [e],
    });
  });

  it('fixes: only those the command leaves undone, with the flag that would apply each', () => {
    const m = model([svc('a', { state: { prod: 'source' } })]);
    const r = ready({
      status: 'ready-after-fixes',
      fixes: [
        fix('--add-topics'),
        fix(undefined, { rule: 'topic-not-mirrored', line: 5, column: 1, message: 'mirror it' }),
        fix('migrate'),
      ],
    });
    const p = plan({ prod: { a: r } });
    assert.deepEqual(migrateRefusals(m, p, ['a'], ['prod']), [
      {
        kind: 'fixes',
        subject: 'a',
        env: 'prod',
        message:
          'a (prod): needs fixes before it moves: topic-not-in-terraform at services/a/.env:3:7 (add --add-topics); topic-not-mirrored at services/a/.env:5:1 (fix by hand)',
        evidence: [
          { file: 'services/a/.env', line: 3, column: 7, note: 'declare orders' },
          { file: 'services/a/.env', line: 5, column: 1, note: 'mirror it' },
        ],
      },
    ]);
    assert.deepEqual(
      migrateRefusals(m, p, ['a'], ['prod'], { addTopics: true }).map((x) => x.message),
      ['a (prod): needs fixes before it moves: topic-not-mirrored at services/a/.env:5:1 (fix by hand)'],
    );
  });

  it('a cycle moves as one: a member left out is refused, the selected members speak once', () => {
    const m = model([
      svc('a', { state: { prod: 'source' } }),
      svc('b', { state: { prod: 'source' } }),
      svc('c', { state: { prod: 'source' } }),
    ]);
    const p = plan({ prod: { a: ready(), b: ready(), c: ready() } }, { cycles: [['a', 'b', 'c']] });
    assert.deepEqual(migrateRefusals(m, p, ['a', 'b'], ['prod']), [
      {
        kind: 'cycle',
        subject: 'a + b',
        env: 'prod',
        message: 'a + b (prod): in a cycle with c; a cycle moves as one (migrate a b c)',
        evidence: [],
      },
    ]);
    assert.deepEqual(migrateRefusals(m, p, ['a', 'b', 'c'], ['prod']), []);
  });

  it('a cycle member already on the target is not missing', () => {
    const m = model([svc('a', { state: { prod: 'source' } }), svc('b', { state: { prod: 'target' } })]);
    const p = plan({ prod: { a: ready() } }, { cycles: [['a', 'b']] });
    assert.deepEqual(migrateRefusals(m, p, ['a'], ['prod']), []);
  });

  it('refuses per environment, in the order asked', () => {
    const m = model([svc('a', { state: { prod: 'source', dev: 'source' } })], { environments: ['prod', 'dev'] });
    const blocked = ready({ status: 'blocked', blockedBy: ['b'], blockers: [{ service: 'b', topic: 't', state: 'source', evidence: [] }] });
    const p = plan({ prod: { a: blocked }, dev: { a: blocked } });
    assert.deepEqual(
      migrateRefusals(m, p, ['a'], ['dev', 'prod']).map((r) => `${r.env} ${r.kind}`),
      ['dev blocked', 'prod blocked'],
    );
  });

  it('an unknown service name is passed over, not a throw', () => {
    assert.deepEqual(migrateRefusals(model([]), plan(), ['ghost'], ['prod']), []);
  });
});

describe('rollbackRefusals', () => {
  type Use = Model['topicUses'][number];
  const consume = (service: string, topic: string, line: number): Use => ({
    file: `services/${service}/.env`,
    direction: 'consume',
    client: 'config',
    range: at(line, 13),
    service,
    topic,
    resolved: topic,
  });

  it('a moved consumer whose producer is on the target is refused, with where it consumes', () => {
    const m = model(
      [
        svc('c', { state: { prod: 'target' }, consumes: ['orders', 'audit'] }),
        svc('p', { state: { prod: 'target' }, produces: ['orders'] }),
      ],
      {
        topics: [
          { name: 'orders', declared: true, producers: ['p'], consumers: ['c'] },
          { name: 'audit', declared: true, producers: [], consumers: ['c'] },
        ],
        topicUses: [consume('c', 'orders', 4)],
      },
    );
    assert.deepEqual(rollbackRefusals(m, ['c'], ['prod']), [
      {
        kind: 'consumes-moved-producer',
        subject: 'c',
        env: 'prod',
        message:
          'c (prod): consumes from producers on the target: p (orders at services/c/.env:4:13); rolled back, it would stop seeing their records (nothing mirrors back) and leave them moved ahead of it',
        evidence: [{ file: 'services/c/.env', line: 4, column: 13, note: 'c consumes orders' }],
      },
    ]);
  });

  it('no refusal when the producer rolls back too, is still on the source, or the consumer is not moved', () => {
    const topics = [{ name: 'orders', declared: true, producers: ['p'], consumers: ['c'] }];
    const both = model([svc('c', { state: { prod: 'target' }, consumes: ['orders'] }), svc('p', { state: { prod: 'target' } })], {
      topics,
    });
    assert.deepEqual(rollbackRefusals(both, ['c', 'p'], ['prod']), []);
    const source = model([svc('c', { state: { prod: 'target' }, consumes: ['orders'] }), svc('p', { state: { prod: 'source' } })], {
      topics,
    });
    assert.deepEqual(rollbackRefusals(source, ['c'], ['prod']), []);
    const notMoved = model([svc('c', { state: { prod: 'source' }, consumes: ['orders'] }), svc('p', { state: { prod: 'target' } })], {
      topics,
    });
    assert.deepEqual(rollbackRefusals(notMoved, ['c'], ['prod']), []);
  });

  it('without a recorded use the message has no place and the evidence is empty', () => {
    const m = model([svc('c', { state: { prod: 'mixed' }, consumes: ['orders'] }), svc('p', { state: { prod: 'mixed' } })], {
      topics: [{ name: 'orders', declared: true, producers: ['p', 'c'], consumers: ['c'] }],
    });
    const [r] = rollbackRefusals(m, ['c'], ['prod']);
    assert.equal(r!.message.split(';')[0], 'c (prod): consumes from producers on the target: p (orders)');
    assert.deepEqual(r!.evidence, []);
  });
});

describe('readyToMigrate', () => {
  it('moves ready services and ready-after-fixes ones whose fixes the command applies, never blocked or moved ones', () => {
    const m = model([
      svc('ready', { state: { prod: 'source' } }),
      svc('mixed', { state: { prod: 'mixed' } }),
      svc('fixable', { state: { prod: 'source' } }),
      svc('byhand', { state: { prod: 'source' } }),
      svc('blocked', { state: { prod: 'source' } }),
      svc('unknown', { state: { prod: 'unknown' } }),
      svc('moved', { state: { prod: 'target' } }),
      svc('noreadiness', { state: { prod: 'source' } }),
    ]);
    const p = plan({
      prod: {
        ready: ready(),
        mixed: ready(),
        fixable: ready({ status: 'ready-after-fixes', fixes: [fix('--add-topics'), fix('migrate')] }),
        byhand: ready({ status: 'ready-after-fixes', fixes: [fix(undefined)] }),
        blocked: ready({ status: 'blocked', blockedBy: ['x'] }),
        unknown: ready(),
        moved: ready(),
      },
    });
    assert.deepEqual(readyToMigrate(m, p, 'prod'), ['ready', 'mixed']);
    assert.deepEqual(readyToMigrate(m, p, 'prod', { addTopics: true }), ['ready', 'mixed', 'fixable']);
    assert.deepEqual(readyToMigrate(m, p, 'dev'), []);
  });
});
