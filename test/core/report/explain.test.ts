import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BrokerEvidence, EnvironmentExplanation, Explanation } from '../../../src/core/plan/evidence';
import { renderExplanation } from '../../../src/core/report/explain';
import { readiness } from './entries';

const broker = (over: Partial<BrokerEvidence> = {}): BrokerEvidence => ({
  file: 'services/a/.env',
  line: 1,
  column: 15,
  cluster: 'source',
  kind: 'config',
  key: 'KAFKA_BROKERS',
  value: 'kafka1:9092',
  inferred: false,
  via: [],
  unresolved: null,
  ...over,
});

const env = (over: Partial<EnvironmentExplanation> = {}): EnvironmentExplanation => ({
  env: 'prod',
  state: 'source',
  verdict: 'ready',
  brokers: [broker()],
  readiness: readiness(),
  ...over,
});

const explanation = (over: Partial<Explanation> = {}): Explanation => ({
  service: 'a',
  root: 'services/a',
  role: 'producer',
  wave: 3,
  roleEvidence: [{ file: 'services/a/src/main.ts', line: 4, column: 9, note: 'produces orders (kafkajs)' }],
  cycle: null,
  environments: [env()],
  ...over,
});

describe('renderExplanation', () => {
  it('a ready producer: header, role evidence, brokers, the ready line', () => {
    assert.equal(
      renderExplanation(explanation()),
      [
        'a (services/a) · producer · wave 3',
        '',
        'Role: producer, because:',
        '  services/a/src/main.ts:4:9  produces orders (kafkajs)',
        '',
        'prod: source · ready',
        '  Brokers:',
        '    services/a/.env:1:15  source  KAFKA_BROKERS = kafka1:9092',
        '  Ready: every consumer of what it produces is on the target, and nothing it depends on is unknown.',
        '',
      ].join('\n'),
    );
  });

  it('an unknown role at the repository root with no wave, in a cycle', () => {
    const text = renderExplanation(
      explanation({ root: '', role: 'unknown', wave: null, roleEvidence: [], cycle: ['b', 'a', 'c'], environments: [] }),
    );
    assert.equal(
      text,
      'a (.) · unknown\nIn a cycle with b, c: they move as one.\n\nRole: unknown, because no produce or consume use of a topic was found.\n',
    );
  });

  it('a moved environment has no readiness lines; one without brokers says so', () => {
    const text = renderExplanation(
      explanation({
        environments: [
          env({ env: 'dev', state: 'none', verdict: 'absent', brokers: [], readiness: null }),
          env({ state: 'target', verdict: 'moved', readiness: null }),
        ],
      }),
    );
    assert.ok(
      text.includes(
        '\ndev: none · not in this environment\n  Brokers: no connection string counts in this environment.\n\nprod: target · moved\n  Brokers:\n',
      ),
      text,
    );
    assert.ok(!text.includes('Ready:'), text);
  });

  it('an indirect, inferred ref: its kind, what it resolves to, what is unresolved and where it looked', () => {
    const b = broker({
      kind: 'indirect',
      key: null,
      inferred: true,
      value: 'process.env.BROKERS',
      via: ['kafka1:9092 (source) via BROKERS from .env.prod:3'],
      unresolved: { names: ['BROKERS'], lookedIn: ['.env', '.env.prod'], outside: 'ci-secret' },
    });
    const text = renderExplanation(explanation({ environments: [env({ brokers: [b], readiness: null })] }));
    assert.ok(
      text.includes(
        [
          '    services/a/.env:1:15  source (inferred)  process.env.BROKERS  [indirect]',
          '      resolves to kafka1:9092 (source) via BROKERS from .env.prod:3',
          '      unresolved: reads BROKERS, set in ci-secret; looked in .env, .env.prod',
        ].join('\n'),
      ),
      text,
    );
  });

  it('an unresolved ref that looked nowhere says nothing', () => {
    const b = broker({ kind: 'indirect', unresolved: { names: ['B'], lookedIn: [] } });
    assert.ok(
      renderExplanation(explanation({ environments: [env({ brokers: [b], readiness: null })] })).includes(
        '      unresolved: reads B; looked in nothing\n',
      ),
    );
  });

  it('blocked, unknown and fixes each get their section, with places and how each fix is made', () => {
    const r = readiness({
      status: 'blocked',
      blockedBy: ['n'],
      blockers: [
        { service: 'n', topic: 'orders', state: 'source', evidence: [{ file: 'services/n/.env', line: 2, column: 13, note: 'x' }] },
        { service: 'm', topic: 'orders', state: 'mixed', evidence: [] },
      ],
      unknown: [
        {
          code: 'unresolved-topic',
          message: 'a topic name is unresolved',
          evidence: [{ file: 'services/a/k.ts', line: 7, column: 3, note: 'reads TOPIC' }],
        },
      ],
      fixes: [
        { rule: 'auth-port-mismatch', service: 'a', message: 'port 9092', file: 'services/a/.env', line: 1, column: 15, flag: 'migrate' },
        {
          rule: 'topic-not-in-terraform',
          service: 'a',
          message: 'declare orders',
          file: 'services/a/k.ts',
          line: 7,
          column: 3,
          flag: '--add-topics',
        },
        { rule: 'topic-not-mirrored', service: 'a', message: 'mirror orders', file: 'services/a/k.ts', line: 8, column: 3 },
      ],
    });
    const text = renderExplanation(explanation({ environments: [env({ verdict: 'blocked', readiness: r })] }));
    assert.equal(
      text.slice(text.indexOf('  Blocked by')),
      [
        '  Blocked by (consumers of what it produces, still on the source):',
        '    n (source) consumes orders at services/n/.env:2:13',
        '    m (mixed) consumes orders',
        '  Unknown (what the verdict cannot see):',
        '    unresolved-topic: a topic name is unresolved',
        '      services/a/k.ts:7:3  reads TOPIC',
        '  Fixes needed before it moves:',
        '    services/a/.env:1:15  auth-port-mismatch  port 9092 (migrate applies it)',
        '    services/a/k.ts:7:3  topic-not-in-terraform  declare orders (migrate --add-topics applies it)',
        '    services/a/k.ts:8:3  topic-not-mirrored  mirror orders (fix by hand)',
        '',
      ].join('\n'),
    );
  });
});
