// The undo record: exact restore over generated configs read by the real extractors, including every form
// the manifest's mapping alone cannot invert (partial lists, other orders, more or fewer target brokers).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractFile } from '../../../src/core/extract';
import { ensureHclReady } from '../../../src/core/extract/hcl';
import { ensureCodeGrammarsReady } from '../../../src/core/extract/code/grammars';
import type { AuthMode, EnvironmentConfig, TextEdit } from '../../../src/core/model/types';
import { parseBroker } from '../../../src/core/domain/brokers';
import { applyEdits, rewriteRef } from '../../../src/core/rewrite/brokers';
import {
  emptyUndoRecord,
  forgetEdits,
  parseUndoRecord,
  recordEdits,
  restoreEdits,
  serializeUndoRecord,
  textHash,
  type RecordableEdit,
  type UndoRecord,
} from '../../../src/core/rewrite/undo';

const SOURCE_POOL = [
  'kafka1.old.internal:9092',
  'kafka-2.ec2.internal:9092',
  '10.0.1.15:9092',
  'broker3.legacy.example.com:9093',
  '[fd00::15]:9092',
];
const TARGET_POOL = [
  'b-1.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9094',
  'b-2.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9094',
  'b-3.prod.abc123.c11.kafka.eu-west-1.amazonaws.com',
  'kafka-proxy.service.consul:9092',
];

type Format = 'dotenv' | 'properties' | 'yaml-map' | 'yaml-list' | 'json' | 'hcl' | 'code';
const FILE: Record<Format, string> = {
  dotenv: 'svc/.env.prod',
  properties: 'svc/application-prod.properties',
  'yaml-map': 'svc/application-prod.yml',
  'yaml-list': 'svc/values-prod.yaml',
  json: 'svc/config.prod.json',
  hcl: 'svc/deploy.prod.nomad',
  code: 'svc/src/kafka.ts',
};

/** One file in a format, holding the brokers `hosts` (as written: prefix, separator, quotes). */
function fileText(format: Format, hosts: string[], sep: string, prefix: string, padding: string): string {
  const joined = hosts.map((h) => prefix + h).join(sep);
  switch (format) {
    case 'dotenv':
      return `# moved by kafka-cutover${padding}\nKAFKA_BROKERS=${joined}\nINPUT_TOPIC=orders\n`;
    case 'properties':
      return `spring.application.name=svc\nspring.kafka.bootstrap-servers=${joined}\nspring.kafka.security.protocol=SSL\n`;
    case 'yaml-map':
      return `spring:\n  kafka:\n    bootstrap-servers: "${joined}"\n    security:\n      protocol: SSL\n# ${padding}\n`;
    case 'yaml-list':
      // A bare `[v6]` would start a YAML flow sequence: people quote those.
      return `kafka:\n  brokers:\n${hosts.map((h) => (h.startsWith('[') && !prefix ? `    - "${h}"\n` : `    - ${prefix}${h}\n`)).join('')}  topic: orders\n`;
    case 'json':
      return `{\n  "kafka": {\n    "brokers": [${hosts.map((h) => `"${prefix}${h}"`).join(sep.includes(' ') ? ', ' : ',')}],\n    "topic": "orders"\n  }\n}\n`;
    case 'hcl':
      return `job "svc" {\n  group "g" {\n    task "t" {\n      env {\n        KAFKA_BROKERS = "${joined}"\n      }\n    }\n  }\n}\n`;
    default:
      return `import { Kafka } from 'kafkajs';\nconst brokers = (process.env.KAFKA_BROKERS ?? '${joined}').split(',');\nexport const kafka = new Kafka({ brokers, ssl: true });\n`;
  }
}

const scenario = fc
  .record({
    format: fc.constantFrom<Format>('dotenv', 'properties', 'yaml-map', 'yaml-list', 'json', 'hcl', 'code'),
    source: fc.shuffledSubarray(SOURCE_POOL, { minLength: 1, maxLength: 4 }),
    target: fc.shuffledSubarray(TARGET_POOL, { minLength: 1, maxLength: 4 }),
    auth: fc.constantFrom<AuthMode | undefined>(undefined, 'plaintext', 'tls', 'mtls'),
    // Which source brokers the file names, in which order: all, some, one, reordered.
    pick: fc.array(fc.nat(3), { minLength: 1, maxLength: 4 }),
    sep: fc.constantFrom(',', ', ', ';', ' , '),
    prefix: fc.constantFrom('', 'PLAINTEXT://', 'SSL://'),
    padding: fc.string({ unit: fc.constantFrom('a', ' ', 'é', '😀'), maxLength: 8 }),
  })
  .map((s) => ({ ...s, hosts: [...new Set(s.pick.map((i) => s.source[i % s.source.length]))] }))
  // Code splits on ',' only: other separators there are not one connection string.
  .filter((s) => s.format !== 'code' || s.sep === ',')
  // Lists and JSON arrays keep one broker per element; Nomad's HCL string and Java's list take `,` only.
  .filter((s) => !['properties', 'hcl'].includes(s.format) || !s.sep.includes(';'));

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

const envOf = (s: Scenario): EnvironmentConfig => ({
  name: 'prod',
  source: { brokers: s.source },
  target: { brokers: s.target, auth: s.auth },
});
const knownHosts = (s: Scenario) => new Set([...s.source, ...s.target].map((b) => parseBroker(b).host.toLowerCase()));

/** Every edit the given direction makes to the file's refs, as the real extractor reads them. */
function editsOf(file: string, text: string, s: Scenario, direction: 'migrate' | 'rollback'): RecordableEdit[] {
  const facts = extractFile(file, text, { knownHosts: knownHosts(s) });
  assert.deepEqual(facts.problems, [], text);
  return facts.brokerRefs.flatMap((r) =>
    rewriteRef(r, envOf(s), direction).map((e): RecordableEdit => ({ ...e, kind: 'brokers', service: 'svc', environment: 'prod' })),
  );
}

function migrate(s: Scenario): { file: string; original: string; migrated: string; record: UndoRecord } {
  const file = FILE[s.format];
  const original = fileText(s.format, s.hosts, s.sep, s.prefix, s.padding);
  const facts = extractFile(file, original, { knownHosts: knownHosts(s) });
  assert.equal(facts.brokerRefs.length, 1, `one ref in ${original}`);
  const edits = editsOf(file, original, s, 'migrate');
  assert.ok(edits.length > 0, original);
  const migrated = applyEdits(original, edits);
  return { file, original, migrated, record: recordEdits(emptyUndoRecord(), file, original, migrated, edits) };
}

function rollback(file: string, text: string, record: UndoRecord): { text: string; record: UndoRecord; restored: TextEdit[] } {
  const plan = restoreEdits(record, file, text, () => true);
  const after = applyEdits(text, plan.edits);
  return { text: after, record: forgetEdits(record, file, after, plan.edits, [...plan.undone, ...plan.gone]), restored: plan.edits };
}

describe('undo record properties (real extractors)', () => {
  it('migrate -> rollback is byte-identical, whatever the list form; the record empties', async () => {
    await ensureHclReady();
    await ensureCodeGrammarsReady();
    fc.assert(
      fc.property(scenario, (s) => {
        const { file, original, migrated, record } = migrate(s);
        assert.notEqual(migrated, original);
        // The record survives its own text form.
        assert.deepEqual(parseUndoRecord(serializeUndoRecord(record)).record, JSON.parse(serializeUndoRecord(record)));
        const back = rollback(file, migrated, parseUndoRecord(serializeUndoRecord(record)).record);
        assert.equal(back.text, original);
        assert.deepEqual(back.record, emptyUndoRecord());
      }),
      { numRuns: 300 },
    );
  });

  it('migrate twice changes nothing; rollback twice changes nothing', async () => {
    await ensureHclReady();
    await ensureCodeGrammarsReady();
    fc.assert(
      fc.property(scenario, (s) => {
        const { file, migrated, record } = migrate(s);
        assert.deepEqual(editsOf(file, migrated, s, 'migrate'), []);
        const once = rollback(file, migrated, record);
        const twice = rollback(file, once.text, once.record);
        assert.deepEqual(twice.restored, []);
        assert.equal(twice.text, once.text);
      }),
      { numRuns: 200 },
    );
  });
});

describe('undo record', () => {
  const before = 'A=kafka1:9092\nB=kafka1:9092,kafka2:9092\n';
  const e = (offset: number, length: number, newText: string, service = 'a'): RecordableEdit => ({
    file: 'f',
    offset,
    length,
    newText,
    kind: 'brokers',
    service,
    environment: 'prod',
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
  });

  it('records offsets, positions and line context in the text after the write, with its hash', () => {
    const edits = [e(2, 11, 'msk:9094'), e(16, 23, 'msk:9094', 'b')];
    const after = applyEdits(before, edits);
    assert.equal(after, 'A=msk:9094\nB=msk:9094\n');
    const record = recordEdits(emptyUndoRecord(), 'f', before, after, edits);
    assert.deepEqual(record, {
      version: 1,
      files: {
        f: {
          sha256: textHash(after),
          edits: [
            {
              offset: 2,
              line: 1,
              column: 3,
              before: 'kafka1:9092',
              after: 'msk:9094',
              kind: 'brokers',
              service: 'a',
              environment: 'prod',
              context: 'A=',
            },
            {
              offset: 13,
              line: 2,
              column: 3,
              before: 'kafka1:9092,kafka2:9092',
              after: 'msk:9094',
              kind: 'brokers',
              service: 'b',
              environment: 'prod',
              context: 'B=',
            },
          ],
        },
      },
    });
  });

  it("a second migrate in the same file moves the first one's entries; rollback of one service leaves the other's", () => {
    const first = [e(16, 23, 'msk:9094', 'b')];
    const mid = applyEdits(before, first);
    let record = recordEdits(emptyUndoRecord(), 'f', before, mid, first);
    const second = [e(2, 11, 'msk-longer-name:9094', 'a')];
    const after = applyEdits(mid, second);
    record = recordEdits(record, 'f', mid, after, second);
    assert.deepEqual(
      record.files.f.edits.map((x) => [x.offset, x.service, after.slice(x.offset, x.offset + x.after.length)]),
      [
        [2, 'a', 'msk-longer-name:9094'],
        [25, 'b', 'msk:9094'],
      ],
    );
    const plan = restoreEdits(record, 'f', after, (x) => x.service === 'a');
    const back = applyEdits(after, plan.edits);
    assert.equal(back, mid);
    const left = forgetEdits(record, 'f', back, plan.edits, plan.undone);
    assert.deepEqual(
      left.files.f.edits.map((x) => [x.offset, x.line, x.column, x.service]),
      [[16, 2, 3, 'b']],
    );
    assert.equal(left.files.f.sha256, textHash(back));
    const rest = restoreEdits(left, 'f', back, () => true);
    assert.equal(applyEdits(back, rest.edits), before);
  });

  it('a malformed record is a problem with a place, never a throw', () => {
    assert.deepEqual(
      parseUndoRecord('{ nope').problems.map((p) => [p.file, p.line, p.column, p.severity]),
      [['kafka-cutover.undo.json', 1, 1, 'error']],
    );
    assert.match(parseUndoRecord('{"version":2,"files":{}}').problems[0].message, /not an undo record/);
    assert.match(
      parseUndoRecord('{"version":1,"files":{"f":{"sha256":"x","edits":[{"offset":-1}]}}}').problems[0].message,
      /^f: not a recorded file/,
    );
    assert.deepEqual(parseUndoRecord('{"version":1,"files":{}}'), { record: emptyUndoRecord(), problems: [] });
  });
});
