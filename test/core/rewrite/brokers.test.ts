import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { AuthMode, TextEdit } from '../../../src/core/model/types';
import { parseBroker } from '../../../src/core/domain/brokers';
import { portFor } from '../../../src/core/domain/ports';
import { applyEdits, fixPort, rewriteRef } from '../../../src/core/rewrite/brokers';
import { build, editPieces, env, type Piece } from './refs';
import { LineIndex, listRef } from '../../../src/core/extract/text';

const OLD = ['kafka1.old.internal:9092', 'kafka2.old.internal:9092', 'kafka3.old.internal:9092'];
const MSK = ['b-1.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9094', 'b-2.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9094'];

function migrate(pieces: Piece[], e = env(OLD, MSK, 'tls')): string {
  const { text, ref } = build(pieces);
  return applyEdits(text, rewriteRef(ref, e, 'migrate'));
}

describe('rewriteRef', () => {
  it('replaces the whole span of a scalar naming all source brokers, keeping the separator', () => {
    const pieces: Piece[] = ['KAFKA_BROKERS="', { item: OLD.join(', ') }, '"\nOTHER=1\n'];
    const { text, ref } = build(pieces);
    const edits = rewriteRef(ref, env(OLD, MSK, 'tls'), 'migrate');
    assert.deepEqual(edits, [
      {
        file: 'svc/.env',
        offset: 15,
        length: 76,
        newText: 'b-1.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9094, b-2.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9094',
        range: { start: { line: 1, column: 16 }, end: { line: 1, column: 92 } },
      },
    ]);
    const migrated = applyEdits(text, edits);
    assert.equal(
      migrated,
      'KAFKA_BROKERS="b-1.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9094, b-2.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9094"\nOTHER=1\n',
    );
    const back = build(editPieces(pieces, edits));
    assert.equal(back.text, migrated);
    assert.equal(applyEdits(back.text, rewriteRef(back.ref, env(OLD, MSK, 'tls'), 'rollback')), text);
  });

  it('keeps protocol prefixes when the counts differ', () => {
    const out = migrate(['bootstrap.servers=', { item: OLD.map((b) => `PLAINTEXT://${b}`).join(',') }, '\n']);
    assert.equal(
      out,
      'bootstrap.servers=PLAINTEXT://b-1.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9094,PLAINTEXT://b-2.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9094\n',
    );
  });

  it('replaces token by token when the counts match, keeping odd spacing', () => {
    const e = env(OLD.slice(0, 2), ['x.kafka.eu-west-1.amazonaws.com:9098', 'y.kafka.eu-west-1.amazonaws.com:9098']);
    const out = migrate(['B=', { item: 'kafka1.old.internal:9092 ;  kafka2.old.internal:9092' }, '\n'], e);
    assert.equal(out, 'B=x.kafka.eu-west-1.amazonaws.com:9098 ;  y.kafka.eu-west-1.amazonaws.com:9098\n');
  });

  it('maps list elements cyclically when the target has fewer brokers, and rolls back exactly', () => {
    const pieces: Piece[] = ['brokers:\n  - "', { item: OLD[0] }, '"\n  - "', { item: OLD[1] }, '"\n  - "', { item: OLD[2] }, '"\n'];
    const e = env(OLD, ['m1:9094', 'm2:9094']);
    const { text, ref } = build(pieces);
    const edits = rewriteRef(ref, e, 'migrate');
    const migrated = applyEdits(text, edits);
    assert.equal(migrated, 'brokers:\n  - "m1:9094"\n  - "m2:9094"\n  - "m1:9094"\n');
    const back = build(editPieces(pieces, edits));
    assert.equal(applyEdits(back.text, rewriteRef(back.ref, e, 'rollback')), text);
  });

  it('leaves tokens that are not source brokers alone, and matches hosts in any case and without port', () => {
    const out = migrate(['X=', { item: 'KAFKA2.OLD.INTERNAL,other.host:9092,kafka3.old.internal:9093' }, '\n']);
    assert.equal(out, 'X=b-2.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9094,other.host:9092,kafka3.old.internal:9093\n');
  });

  it('gives a target broker without a port the port of the target auth mode', () => {
    const e = env(['old:9092'], ['b-1.c.kafka.us-east-1.amazonaws.com', 'b-1-public.c.kafka.us-east-1.amazonaws.com'], 'iam');
    assert.equal(
      migrate(['K=', { item: 'old:9092' }, ''], e),
      'K=b-1.c.kafka.us-east-1.amazonaws.com:9098,b-1-public.c.kafka.us-east-1.amazonaws.com:9198',
    );
  });

  it('does nothing to an already migrated ref', () => {
    const { ref } = build(['K=', { item: MSK.join(',') }]);
    assert.deepEqual(rewriteRef(ref, env(OLD, MSK, 'tls'), 'migrate'), []);
  });

  it('rolls a multi-broker scalar moved to one broker back with "," (the separator is lost)', () => {
    const e = env(OLD, ['proxy.service.consul:9092']);
    const pieces: Piece[] = ['K=', { item: OLD.join(', ') }];
    const { text, ref } = build(pieces);
    const edits = rewriteRef(ref, e, 'migrate');
    assert.equal(applyEdits(text, edits), 'K=proxy.service.consul:9092');
    const back = build(editPieces(pieces, edits));
    assert.equal(applyEdits(back.text, rewriteRef(back.ref, e, 'rollback')), `K=${OLD.join(',')}`);
  });
});

describe('fixPort', () => {
  it('takes the manifest port of a host it lists (a proxy may listen anywhere) and leaves right ports alone', () => {
    const e = env(OLD, ['kafka-proxy.service.consul:19092'], 'mtls');
    const { text, ref } = build(['K=', { item: 'kafka-proxy.service.consul:9094,b-1-public.c.kafka.eu-west-1.amazonaws.com:9194' }]);
    assert.equal(applyEdits(text, fixPort(ref, e)), 'K=kafka-proxy.service.consul:19092,b-1-public.c.kafka.eu-west-1.amazonaws.com:9194');
  });

  it('replaces only the port digits of target tokens, and adds a missing port', () => {
    const e = env(OLD, ['b-1.c.kafka.eu-west-1.amazonaws.com'], 'sasl_scram');
    const { text, ref } = build([
      'K=',
      { item: 'b-1.c.kafka.eu-west-1.amazonaws.com:9094,b-2.c.kafka.eu-west-1.amazonaws.com,kafka1.old.internal:9092' },
    ]);
    const edits = fixPort(ref, e);
    assert.deepEqual(
      edits.map((x) => [x.offset, x.length, x.newText, x.range]),
      [
        [38, 4, '9096', { start: { line: 1, column: 39 }, end: { line: 1, column: 43 } }],
        [78, 0, ':9096', { start: { line: 1, column: 79 }, end: { line: 1, column: 79 } }],
      ],
    );
    assert.equal(
      applyEdits(text, edits),
      'K=b-1.c.kafka.eu-west-1.amazonaws.com:9096,b-2.c.kafka.eu-west-1.amazonaws.com:9096,kafka1.old.internal:9092',
    );
  });

  it('does nothing without a target auth mode', () => {
    const { ref } = build(['K=', { item: 'b-1.c.kafka.eu-west-1.amazonaws.com:9092' }]);
    assert.deepEqual(fixPort(ref, env(OLD, ['b-1.c.kafka.eu-west-1.amazonaws.com:9092'])), []);
  });
});

describe('applyEdits', () => {
  const edit = (offset: number, length: number, newText: string): TextEdit => ({
    file: 'f',
    offset,
    length,
    newText,
    range: { start: { line: 1, column: offset + 1 }, end: { line: 1, column: offset + length + 1 } },
  });

  it('applies edits in any order, once for exact duplicates', () => {
    assert.equal(applyEdits('abcdef', [edit(4, 1, 'E'), edit(0, 1, 'AA'), edit(2, 0, '+'), edit(0, 1, 'AA')]), 'AAb+cdEf');
  });

  it('rejects overlapping edits with their places', () => {
    assert.throws(() => applyEdits('abcdef', [edit(1, 3, 'x'), edit(2, 1, 'y')]), {
      message: 'f: overlapping edits at 1:2 and 1:3 ("x" vs "y")',
    });
    assert.throws(() => applyEdits('abcdef', [edit(2, 0, 'x'), edit(2, 0, 'y')]), /overlapping edits at 1:3 and 1:3/);
  });

  it('rejects edits outside the text and edits for several files', () => {
    assert.throws(() => applyEdits('abc', [edit(2, 5, 'x')]), { message: 'f: edit at 2+5 is outside the text (length 3)' });
    assert.throws(() => applyEdits('abc', [edit(0, 1, 'x'), { ...edit(1, 1, 'y'), file: 'g' }]), /several files \(f, g\)/);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over generated configs in the manifest's canonical forms.

const SOURCE_POOL = [
  'kafka1.old.internal:9092',
  'kafka-2.ec2.internal:9092',
  '10.0.1.15:9092',
  'broker3.legacy.example.com:9093',
  'kafka5.old.internal',
  '[fd00::15]:9092',
];
const TARGET_POOL = [
  'b-1.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9094',
  'b-2.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9094',
  'b-3.prod.abc123.c11.kafka.eu-west-1.amazonaws.com',
  'b-1-public.prod.abc123.c2.kafka.eu-west-1.amazonaws.com',
  'kafka-proxy.service.consul:9092',
  '[fd00::99]:9098',
];

// Surrounding text never contains a dot, so it can't contain a host by accident; it does contain non-BMP
// characters, so UTF-16 offsets are exercised.
const noise = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '\n', '#', '=', ':', '-', 'é', '😀', '\t'), maxLength: 30 });

type Form = { kind: 'all' } | { kind: 'single'; index: number } | { kind: 'list' };

const scenario = fc
  .record({
    source: fc.shuffledSubarray(SOURCE_POOL, { minLength: 1, maxLength: 4 }),
    target: fc.shuffledSubarray(TARGET_POOL, { minLength: 1, maxLength: 4 }),
    auth: fc.constantFrom<AuthMode | undefined>(undefined, 'plaintext', 'tls', 'mtls', 'sasl_scram', 'iam'),
    form: fc.oneof(
      fc.constant<Form>({ kind: 'all' }),
      fc.constant<Form>({ kind: 'list' }),
      fc.nat(3).map<Form>((index) => ({ kind: 'single', index })),
    ),
    separator: fc.constantFrom(',', ', ', ';'),
    prefix: fc.constantFrom('', 'PLAINTEXT://', 'SASL_SSL://'),
    wrapper: fc.constantFrom('env', 'env-quoted', 'yaml', 'json', 'properties', 'code', 'yaml-list', 'flow-list'),
    quote: fc.constantFrom('', '"', "'"),
    before: noise,
    after: noise,
  })
  // The one documented loss: a multi-broker scalar moved to a single broker comes back with ",".
  .filter((s) => !(s.form.kind === 'all' && s.source.length > 1 && s.target.length === 1 && s.separator !== ','))
  // A lone source broker j comes back only if the target has a broker j to map it to, and the target is not
  // a single broker (which reads as "all of the target" and rolls back to all of the source).
  .filter(
    (s) =>
      s.form.kind !== 'single' ||
      (s.form.index < s.source.length && (s.source.length === 1 || (s.target.length > 1 && s.form.index < s.target.length))),
  );

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function piecesOf(s: Scenario): Piece[] {
  const brokers = s.form.kind === 'single' ? [s.source[s.form.index]] : s.source;
  const q = s.quote;
  if (s.form.kind === 'list' || s.wrapper === 'yaml-list' || s.wrapper === 'flow-list') {
    const items = brokers.map((b) => ({ item: s.prefix + b }));
    if (s.wrapper === 'flow-list' || s.wrapper === 'json' || s.wrapper === 'code') {
      const out: Piece[] = [s.before, '\nbrokers: [', q];
      items.forEach((it, i) => out.push(...(i > 0 ? [q, s.separator.replace(';', ','), q] : []), it));
      return [...out, q, ']\n', s.after];
    }
    const out: Piece[] = [s.before, '\nkafka:\n  brokers:\n'];
    for (const it of items) out.push(`    - ${q}`, it, `${q}\n`);
    return [...out, s.after];
  }
  const value = { item: brokers.map((b) => s.prefix + b).join(s.separator) };
  switch (s.wrapper) {
    case 'env':
      return [s.before, '\nKAFKA_BROKERS=', value, '\n', s.after];
    case 'env-quoted':
      return [s.before, `\nexport KAFKA_BROKERS=${q || '"'}`, value, `${q || '"'}\n`, s.after];
    case 'yaml':
      return [s.before, `\nspring:\n  kafka:\n    bootstrap-servers: ${q}`, value, `${q}\n`, s.after];
    case 'json':
      return [s.before, '\n{ "kafka": { "bootstrapServers": "', value, '" } }\n', s.after];
    case 'properties':
      return [s.before, '\nbootstrap.servers = ', value, '\n', s.after];
    default:
      return [s.before, "\nconst brokers = (process.env.KAFKA_BROKERS ?? '", value, "').split(',');\n", s.after];
  }
}

function run(s: Scenario) {
  const e = { name: 'prod', source: { brokers: s.source }, target: { brokers: s.target, auth: s.auth } };
  const pieces = piecesOf(s);
  const original = build(pieces);
  const edits = rewriteRef(original.ref, e, 'migrate');
  const migratedText = applyEdits(original.text, edits);
  const migrated = build(editPieces(pieces, edits));
  assert.equal(migrated.text, migratedText);
  return { e, original, migrated };
}

describe('rewriteRef properties', () => {
  it('rollback after migrate restores the original bytes', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { e, original, migrated } = run(s);
        assert.equal(applyEdits(migrated.text, rewriteRef(migrated.ref, e, 'rollback')), original.text);
      }),
      { numRuns: 400 },
    );
  });

  it('migrating twice changes nothing', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { e, migrated } = run(s);
        assert.deepEqual(rewriteRef(migrated.ref, e, 'migrate'), []);
      }),
      { numRuns: 400 },
    );
  });

  it('the migrated text names no source host, and only target brokers remain in the ref', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { migrated } = run(s);
        const lower = migrated.text.toLowerCase();
        for (const b of s.source) assert.ok(!lower.includes(parseBroker(b).host.toLowerCase()), `${b} left in ${migrated.text}`);
        const targets = new Set(s.target.map((b) => parseBroker(b).host));
        for (const t of migrated.ref.hosts) assert.ok(targets.has(t.host), `${t.host} is not a target`);
        // A target broker the manifest lists without a port gets the auth mode's port.
        for (const t of migrated.ref.hosts) {
          const listed = parseBroker(s.target.find((b) => parseBroker(b).host === t.host)!);
          assert.equal(
            t.port,
            listed.port ?? portFor(s.auth, t.host.startsWith('[') ? 'ipv6' : t.host.includes('-public.') ? 'public' : 'vpc'),
          );
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('one-element lists', () => {
  it('stay one broker per element when the target has more brokers', () => {
    const text = 'brokers:\n  - kafka1.old.internal:9092\n';
    const ref = listRef('f.yaml', 'yaml', 'config', 'brokers', [{ text: 'kafka1.old.internal:9092', offset: 13 }], new LineIndex(text), {
      keyed: true,
    })!;
    const e = env(['kafka1.old.internal:9092'], MSK, 'tls');
    const migrated = applyEdits(text, rewriteRef(ref, e, 'migrate'));
    assert.equal(migrated, `brokers:\n  - ${MSK[0]}\n`);
  });
});
