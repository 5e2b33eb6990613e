import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Model } from '../../../src/core/model/types';
import {
  brokerEvidence,
  brokerNote,
  explain,
  refsCountingIn,
  roleEvidence,
  serviceEvidence,
  usesByService,
} from '../../../src/core/plan/evidence';
import { at, model, plan, ready, ref, svc } from '../../helpers/model';

type Use = Model['topicUses'][number];
const use = (over: Partial<Use> = {}): Use => ({
  file: 'services/a/src/main.ts',
  direction: 'produce',
  client: 'kafkajs',
  range: at(4, 9),
  service: 'a',
  topic: 'orders',
  resolved: 'orders',
  ...over,
});

describe('brokerEvidence and brokerNote', () => {
  it('a literal ref: its parts joined, its key, its cluster', () => {
    const r = ref({
      parts: [
        { text: 'k1:9092', range: at(2, 15), offset: 0, length: 7 },
        { text: 'k2:9092', range: at(2, 23), offset: 8, length: 7 },
      ],
    });
    assert.deepEqual(brokerEvidence(r), {
      file: 'services/a/.env',
      line: 2,
      column: 15,
      cluster: 'source',
      kind: 'config',
      key: 'KAFKA_BROKERS',
      value: 'k1:9092,k2:9092',
      inferred: false,
      via: [],
      unresolved: null,
    });
    assert.equal(brokerNote(r), 'source: k1:9092,k2:9092 (KAFKA_BROKERS)');
  });

  it('an inferred ref with no key says so and names no key', () => {
    assert.equal(brokerNote(ref({ key: undefined, inferred: true })), 'source (inferred): kafka1:9092');
  });

  it('an indirect ref shows its expression and what it resolves to', () => {
    const r = ref({
      kind: 'indirect',
      expression: 'process.env.BROKERS',
      parts: [],
      cluster: 'target',
      resolvesTo: [{ value: 'b-1.msk:9094', file: '.env.prod', line: 3, column: 9, cluster: 'target', via: 'BROKERS from .env.prod:3' }],
    });
    assert.equal(brokerEvidence(r).value, 'process.env.BROKERS');
    assert.equal(
      brokerNote(r),
      'target: process.env.BROKERS (KAFKA_BROKERS), resolves to b-1.msk:9094 (target) via BROKERS from .env.prod:3',
    );
  });

  it('an unresolved indirect ref names what it reads, set outside the repository', () => {
    const r = ref({
      kind: 'indirect',
      expression: 'os.Getenv("B")',
      parts: [],
      cluster: 'unknown',
      unresolved: { names: ['B', 'C'], lookedIn: [] },
    });
    assert.equal(brokerNote(r), 'unknown: os.Getenv("B") (KAFKA_BROKERS), reads B, C, set outside the repository');
    assert.deepEqual(brokerEvidence(r).unresolved, { names: ['B', 'C'], lookedIn: [] });
  });
});

describe('refsCountingIn', () => {
  it('counts refs of the environment and of none, never test refs or other environments', () => {
    const refs = [
      ref({ environment: 'prod', range: at(1, 1) }),
      ref({ environment: undefined, range: at(2, 1) }),
      ref({ environment: 'dev', range: at(3, 1) }),
      ref({ environment: 'prod', kind: 'test', range: at(4, 1) }),
    ];
    const m = model([svc('a')], { refsByService: new Map([['a', refs]]) });
    assert.deepEqual(
      refsCountingIn(m, 'a', 'prod').map((r) => r.range.start.line),
      [1, 2],
    );
    assert.deepEqual(refsCountingIn(m, 'nobody', 'prod'), []);
  });
});

describe('roleEvidence', () => {
  it('one line per topic use: direction, topic or the name it came from, client', () => {
    const m = model([svc('a')]);
    const uses = [
      use(),
      use({ direction: 'consume', topic: undefined, via: { kind: 'env', name: 'IN' }, resolved: 'payments', range: at(5, 2) }),
      use({ pattern: true, topic: 'orders\\..*', resolved: undefined, range: at(6, 3) }),
      use({ topic: undefined, via: { kind: 'constant', name: 'Topics.X' }, resolved: undefined, range: at(7, 4) }),
      use({ topic: undefined, resolved: undefined, range: at(8, 5) }),
    ];
    assert.deepEqual(
      roleEvidence(m, m.services[0]!, uses).map((e) => `${e.line}:${e.column} ${e.note}`),
      [
        '4:9 produces orders (kafkajs)',
        '5:2 consumes payments (from IN) (kafkajs)',
        '6:3 produces the pattern orders\\..* (kafkajs)',
        '7:4 produces a topic named by Topics.X, unresolved (kafkajs)',
        '8:5 produces a topic named by an expression, unresolved (kafkajs)',
      ],
    );
  });

  it('a role set in the manifest comes first, at the manifest relative to the root', () => {
    const m = model([svc('a', { root: 'services/a-folder', name: 'a' })]);
    m.manifest = {
      ...m.manifest,
      path: '/repo/kafka-cutover.yaml',
      services: { roots: [], overrides: { 'a-folder': { role: 'producer' } } },
    };
    assert.deepEqual(roleEvidence(m, m.services[0]!, []), [
      { file: 'kafka-cutover.yaml', line: 1, column: 1, note: 'role producer set in the manifest' },
    ]);
  });

  it('an override without a manifest file (zero-config) has nothing to point at', () => {
    const m = model([svc('a')]);
    m.manifest = { ...m.manifest, path: undefined, services: { roots: [], overrides: { a: { role: 'producer' } } } };
    assert.deepEqual(roleEvidence(m, m.services[0]!, []), []);
  });
});

describe('usesByService and serviceEvidence', () => {
  it('groups uses by service and leaves out uses of no service', () => {
    const m = model([svc('a'), svc('b')], {
      topicUses: [use(), use({ service: 'b' }), use({ service: undefined }), use({ range: at(9, 1) })],
    });
    const by = usesByService(m);
    assert.deepEqual(
      [...by].map(([s, u]) => [s, u.map((x) => x.range.start.line)]),
      [
        ['a', [4, 9]],
        ['b', [4]],
      ],
    );
  });

  it('has a state entry for every environment, empty where no ref counts', () => {
    const m = model([svc('a')], {
      environments: ['prod', 'dev'],
      refsByService: new Map([['a', [ref({ environment: 'prod' })]]]),
    });
    assert.deepEqual(serviceEvidence(m, m.services[0]!, []), {
      role: [],
      state: { prod: [{ file: 'services/a/.env', line: 2, column: 15, note: 'source: kafka1:9092 (KAFKA_BROKERS)' }], dev: [] },
    });
  });
});

describe('explain', () => {
  it('an unknown service has no explanation', () => {
    assert.equal(explain(model([svc('a')]), plan(), 'b'), undefined);
  });

  it('per environment: state, verdict (absent when unsettled), brokers and readiness (null once moved)', () => {
    const m = model([svc('a', { state: { prod: 'source' } }), svc('b')], {
      environments: ['prod', 'dev'],
      topicUses: [use()],
      refsByService: new Map([['a', [ref({ environment: 'prod' })]]]),
    });
    const r = ready();
    const p = plan({ prod: { a: r } }, { wave: { a: 3 }, cycles: [['a', 'b']], verdicts: { prod: { a: 'ready' } } });
    const e = explain(m, p, 'a')!;
    assert.deepEqual(
      { ...e, environments: e.environments.map((x) => ({ ...x, brokers: x.brokers.map((b) => `${b.line}:${b.column} ${b.value}`) })) },
      {
        service: 'a',
        root: 'services/a',
        role: 'consumer',
        wave: 3,
        roleEvidence: [{ file: 'services/a/src/main.ts', line: 4, column: 9, note: 'produces orders (kafkajs)' }],
        cycle: ['a', 'b'],
        environments: [
          { env: 'prod', state: 'source', verdict: 'ready', brokers: ['2:15 kafka1:9092'], readiness: r },
          { env: 'dev', state: 'none', verdict: 'absent', brokers: [], readiness: null },
        ],
      },
    );
    assert.deepEqual([explain(m, p, 'b')!.wave, explain(m, p, 'b')!.roleEvidence], [null, []]);
  });
});
