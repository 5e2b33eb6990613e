// The actions turn a request (services, a wave, a file, a reference, an environment) into edits by
// file; these tests hold each entry point to exact edits on a small fleet scanned by the real engine.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  cutoverEdits,
  missingTopicEdit,
  offsetResetEdits,
  portFixEdits,
  previewTexts,
  rollbackEdits,
  updatedRecord,
  type EditSet,
} from '../../../src/core/actions/cutover';
import { applyEdits } from '../../../src/core/rewrite/brokers';
import { emptyUndoRecord } from '../../../src/core/rewrite/undo';
import type { TextEdit } from '../../../src/core/model/types';
import type { Analysis } from '../../../src/core/repositoryIndex';
import { envService, fleet, removeRepo, scanRepo, SRC_DEV, SRC_PROD, TGT_DEV, TGT_PROD } from '../../helpers/repo';

const TOPICS_TF = [
  'resource "kafka_topic" "orders" {',
  '  name               = "orders"',
  '  partitions         = 12',
  '  replication_factor = 3',
  '}',
  '',
].join('\n');

const FILES = fleet(
  {
    // A consumer on the source in both environments, its offset reset set to latest.
    reader: { ...envService({ in: 'orders', prod: SRC_PROD, dev: SRC_DEV }), 'consumer.properties': 'auto.offset.reset=latest\n' },
    // A producer of orders on the source in prod; already on the target in dev, on the wrong port.
    writer: envService({ out: 'orders', prod: SRC_PROD, dev: TGT_DEV.replace(':9094', ':9092') }),
    // A consumer already on the target in dev (no undo record behind it).
    moved: envService({ in: 'orders', dev: TGT_DEV }),
    // Host without a port: cannot be rewritten mechanically.
    legacy: { '.env.prod': 'KAFKA_HOST=kafka1.prod.example.internal\nKAFKA_PORT=9092\nOUTPUT_TOPIC=payments\n' },
  },
  { 'infra/topics.tf': TOPICS_TF },
);

let dir: string;
let analysis: Analysis;
const textOf = (file: string) => {
  const abs = path.join(dir, file);
  return fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : undefined;
};
before(async () => {
  ({ dir, analysis } = await scanRepo(FILES));
});
after(() => removeRepo(dir));

const summary = (set: EditSet) => ({
  files: [...set.byFile.keys()].sort(),
  refs: set.refs.map((r) => `${r.ref.file}:${r.ref.range.start.line}`).sort(),
  skipped: set.skipped.map((s) => `${s.ref.file}:${s.ref.range.start.line} ${s.reason}`),
  services: set.services,
});

test('migrate by service and environment: only the source refs in scope, the service listed', () => {
  assert.deepEqual(summary(cutoverEdits(analysis, { services: ['reader'], env: 'prod' }, 'migrate')), {
    files: ['services/reader/.env.prod'],
    refs: ['services/reader/.env.prod:1'],
    skipped: [],
    services: ['reader'],
  });
  assert.deepEqual(summary(cutoverEdits(analysis, { services: ['reader'] }, 'migrate')).refs, [
    'services/reader/.env.dev:1',
    'services/reader/.env.prod:1',
  ]);
  // writer's dev ref is on the target already: nothing to migrate there.
  assert.deepEqual(summary(cutoverEdits(analysis, { services: ['writer'], env: 'dev' }, 'migrate')).refs, []);
});

test('migrate by wave, by file, by reference; a host without its port is skipped with why', () => {
  assert.deepEqual(summary(cutoverEdits(analysis, { wave: 1 }, 'migrate')).services, ['reader']);
  assert.deepEqual(summary(cutoverEdits(analysis, { file: 'services/writer/.env.prod' }, 'migrate')).refs, ['services/writer/.env.prod:1']);
  const ref = analysis.model.brokerRefs.find((r) => r.file === 'services/reader/.env.dev')!;
  assert.deepEqual(summary(cutoverEdits(analysis, { ref: { file: ref.file, offset: ref.parts[0].offset } }, 'migrate')).refs, [
    'services/reader/.env.dev:1',
  ]);
  assert.deepEqual(summary(cutoverEdits(analysis, { services: ['legacy'] }, 'migrate')), {
    files: [],
    refs: [],
    skipped: ['services/legacy/.env.prod:1 KAFKA_HOST holds a host name without its port (the port is set elsewhere); change both by hand'],
    services: [],
  });
});

test('migrate only what is ready: the consumer is ready after a fix, the producer waits for it, so nothing moves', () => {
  assert.equal(analysis.plan.readiness.prod.reader.status, 'ready-after-fixes');
  assert.deepEqual(analysis.plan.readiness.prod.writer.blockedBy, ['reader']);
  assert.deepEqual(summary(cutoverEdits(analysis, { ready: true, env: 'prod' }, 'migrate')).refs, []);
  // Readiness is a migrate filter only: a rollback of everything on the target ignores it.
  assert.deepEqual(summary(cutoverEdits(analysis, { ready: true, services: ['moved'] }, 'rollback')).refs, ['services/moved/.env.dev:1']);
});

test("migrate writes the manifest's target hosts; previewTexts shows before and after", () => {
  const set = cutoverEdits(analysis, { services: ['reader'], env: 'prod' }, 'migrate');
  const preview = previewTexts(set.byFile, textOf);
  assert.deepEqual([...preview.keys()], ['services/reader/.env.prod']);
  const { before: b, after: a } = preview.get('services/reader/.env.prod')!;
  assert.equal(b, `KAFKA_BROKERS=${SRC_PROD}\nINPUT_TOPIC=orders\n`);
  assert.equal(a, `KAFKA_BROKERS=${TGT_PROD}\nINPUT_TOPIC=orders\n`);
  // A file the scan no longer has is left out, not an error.
  assert.deepEqual(
    [
      ...previewTexts(
        new Map([
          [
            'services/gone/.env',
            [
              {
                file: 'services/gone/.env',
                offset: 0,
                length: 0,
                newText: 'x',
                range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
              },
            ],
          ],
        ]),
        textOf,
      ).keys(),
    ],
    [],
  );
});

test('rollback restores the recorded bytes; a ref on the target with no record is mapped back and listed as unrecorded', () => {
  const migrate = cutoverEdits(analysis, { services: ['reader'], env: 'prod' }, 'migrate');
  const record = updatedRecord(emptyUndoRecord(), migrate.byFile, textOf);
  assert.deepEqual(Object.keys(record.files), ['services/reader/.env.prod']);
  const migrated = new Map([...previewTexts(migrate.byFile, textOf)].map(([f, t]) => [f, t.after]));
  const afterMigrate = (file: string) => migrated.get(file) ?? textOf(file);
  // Pretend the migrate was written: rescan is not needed for the record, the texts are what count.
  const set = rollbackEdits(analysis, { services: ['reader', 'moved'] }, record, afterMigrate);
  // reader comes back from its record; moved's dev ref is on the target with no record behind it.
  assert.deepEqual(
    set.unrecorded.map((u) => `${u.ref.file}:${u.ref.range.start.line}`),
    ['services/moved/.env.dev:1'],
  );
  assert.deepEqual(set.services, ['moved', 'reader']);
  const restored = applyEdits(afterMigrate('services/reader/.env.prod')!, set.byFile.get('services/reader/.env.prod')!);
  assert.equal(restored, FILES['services/reader/.env.prod']);
  assert.deepEqual([...set.restores.keys()], ['services/reader/.env.prod']);
  // Once the rollback is applied, the record forgets what it restored.
  const next = updatedRecord(
    record,
    new Map([['services/reader/.env.prod', set.byFile.get('services/reader/.env.prod')!]]),
    afterMigrate,
    set.restores,
  );
  assert.deepEqual(Object.keys(next.files), []);
});

test("portFixEdits: the port digits of a target ref on the wrong port for the target's auth, by file or everywhere", () => {
  const shown = (m: Map<string, TextEdit[]>) => [...m.values()].flat().map((e) => `${e.file}@${e.offset}+${e.length}=${e.newText}`);
  const all = portFixEdits(analysis);
  const text = FILES['services/writer/.env.dev'];
  const at = text.indexOf(':9092') + 1;
  assert.deepEqual(shown(all), [`services/writer/.env.dev@${at}+4=9094`]);
  assert.deepEqual(shown(portFixEdits(analysis, { file: 'services/reader/.env.dev' })), []);
});

test('offsetResetEdits: latest becomes earliest for the named consumers only', () => {
  const edits = [...offsetResetEdits(analysis).values()].flat();
  assert.deepEqual(
    edits.map((e) => [e.file, e.newText]),
    [['services/reader/consumer.properties', 'earliest']],
  );
  assert.equal(applyEdits(FILES['services/reader/consumer.properties'], edits), 'auto.offset.reset=earliest\n');
  assert.deepEqual([...offsetResetEdits(analysis, ['writer']).values()].flat(), []);
});

test('missingTopicEdit: a kafka_topic block beside its siblings, with their partitions and replication', () => {
  const edit = missingTopicEdit(analysis, 'payments', textOf)!;
  assert.equal(edit.file, 'infra/topics.tf');
  const after = applyEdits(TOPICS_TF, [edit]);
  assert.match(after, /resource "kafka_topic" "payments" \{\n  name\s+= "payments"\n  partitions\s+= 12\n  replication_factor = 3\n\}\n$/);
  // No file declares a topic: nowhere to put it.
  assert.equal(
    missingTopicEdit(analysis, 'payments', () => undefined),
    undefined,
  );
});

test("missingTopicEdit: never into a module's file, whose resources every call instantiates", async () => {
  const files = fleet(
    { writer: envService({ out: 'payments', prod: SRC_PROD }) },
    {
      'infra/topics.tf': TOPICS_TF,
      'infra/domains.tf':
        'module "a" {\n  source = "./modules/set"\n  names  = ["a1", "a2", "a3"]\n}\nmodule "b" {\n  source = "./modules/set"\n  names  = ["b1", "b2"]\n}\n',
      'infra/modules/set/main.tf':
        'variable "names" {\n  type = list(string)\n}\n\nresource "kafka_topic" "this" {\n  for_each           = toset(var.names)\n  name               = each.key\n  partitions         = 1\n  replication_factor = 3\n}\n',
    },
  );
  const scanned = await scanRepo(files);
  try {
    // Five topics come from the module's file, one from topics.tf: the new block still goes beside that one.
    assert.equal(scanned.analysis.model.topics.filter((t) => t.decl?.file === 'infra/modules/set/main.tf').length, 5);
    const text = (file: string) => files[file];
    const edit = missingTopicEdit(scanned.analysis, 'payments', text)!;
    assert.equal(edit.file, 'infra/topics.tf');
    assert.match(applyEdits(TOPICS_TF, [edit]), /resource "kafka_topic" "payments" \{\n  name\s+= "payments"\n  partitions\s+= 12\n/);
  } finally {
    removeRepo(scanned.dir);
  }
});
