// RepositoryIndex.refresh(), the resident CLI's next run: it reads again only the files whose fingerprint
// changed, and after every kind of change its analysis is the one a fresh index's scan makes of the same
// tree. What can change the services or the set of files (added, removed, ignored, a marker, the manifest)
// is a full scan.
import { after, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RepositoryIndex, type Analysis } from '../../src/core/repositoryIndex';
import { ManifestError } from '../../src/core/manifest/load';
import { envService, fleet, MANIFEST, removeRepo, SRC_PROD, TGT_PROD, writeRepo } from '../helpers/repo';
// The module itself, not the namespace copy `import * as` makes: the engine's calls go through it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import nodeFs = require('node:fs');

const dirs: string[] = [];
after(() => dirs.forEach(removeRepo));

/** A clock a minute ahead: what the test just wrote is outside the racy window. */
const later = () => Date.now() + 60_000;

/** `clock: 'real'`: what was just written is within the racy window. */
function tree(clock: 'ahead' | 'real' = 'ahead') {
  const now = clock === 'ahead' ? later : undefined;
  const root = writeRepo(
    fleet(
      {
        orders: envService({ out: 'orders', prod: SRC_PROD }),
        billing: envService({ in: 'orders', out: 'invoices', prod: SRC_PROD }),
        audit: envService({ in: 'invoices', prod: TGT_PROD }),
      },
      { '.gitignore': 'generated/\n' },
    ),
  );
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-refresh-'));
  dirs.push(root, cacheDir);
  const cache = { dir: cacheDir, now };
  return { root, cache, index: new RepositoryIndex(root, { cache }) };
}

/** What a fresh index's scan makes of the tree now (no cache: every file read). */
async function fresh(root: string): Promise<Analysis> {
  return new RepositoryIndex(root).scan();
}

/**
 * The analysis as JSON (maps as sorted entries): facts from the scan cache went through JSON, so a key
 * whose value is undefined is absent there and present in a fresh read; both mean the same.
 */
function comparable(a: Analysis): unknown {
  const sorted = (m: ReadonlyMap<string, unknown>) => [...m.entries()].sort(([x], [y]) => (x < y ? -1 : 1));
  const { facts, refsByService, ...model } = a.model;
  return JSON.parse(
    JSON.stringify({ model, facts: sorted(facts), refsByService: sorted(refsByService), plan: a.plan, findings: a.findings }),
  );
}

/** Files under root opened for reading while fn runs (the reader opens a file and reads its bytes). */
async function readsDuring(root: string, fn: () => Promise<unknown>): Promise<string[]> {
  const reads: string[] = [];
  const original = nodeFs.openSync;
  const spy = mock.method(nodeFs, 'openSync', (...args: Parameters<typeof fs.openSync>) => {
    const p = String(args[0]);
    if (p.startsWith(root)) reads.push(path.relative(root, p));
    return original(...args);
  });
  try {
    await fn();
  } finally {
    spy.mock.restore();
  }
  return reads.sort();
}

test('an unchanged tree: refresh reads no file again and gives the analysis of a fresh scan', async () => {
  const { root, index } = tree();
  await index.scan();
  let analysis!: Analysis;
  const reads = await readsDuring(root, async () => (analysis = await index.refresh()));
  assert.deepEqual(reads, []);
  assert.equal(index.scanStats?.cache, 'kept');
  assert.equal(index.scanStats?.extracted, 0);
  assert.deepEqual(comparable(analysis), comparable(await fresh(root)));
});

test('a file edited in place is the one file read again; the analysis follows it', async () => {
  const { root, index } = tree();
  const before = await index.scan();
  assert.equal(before.model.services.find((s) => s.name === 'billing')?.state.prod, 'source');
  fs.writeFileSync(path.join(root, 'services/billing/.env.prod'), `KAFKA_BROKERS=${TGT_PROD}\nINPUT_TOPIC=orders\nOUTPUT_TOPIC=invoices\n`);
  let analysis!: Analysis;
  const reads = await readsDuring(root, async () => (analysis = await index.refresh()));
  assert.deepEqual(reads, ['services/billing/.env.prod']);
  assert.equal(index.scanStats?.cache, 'kept');
  assert.equal(analysis.model.services.find((s) => s.name === 'billing')?.state.prod, 'target');
  assert.deepEqual(comparable(analysis), comparable(await fresh(root)));
  // And nothing again on the next run.
  assert.deepEqual(await readsDuring(root, () => index.refresh()), []);
});

test('new bytes with the size and mtime put back: the ctime still shows the change', async () => {
  const { root, index } = tree();
  await index.scan();
  const file = path.join(root, 'services/orders/.env.prod');
  const st = fs.statSync(file);
  const text = fs.readFileSync(file, 'utf8');
  const edited = text.replace('OUTPUT_TOPIC=orders', 'OUTPUT_TOPIC=ordrs');
  assert.equal(edited.length, text.length - 1);
  fs.writeFileSync(file, edited + ' ');
  fs.utimesSync(file, st.atime, st.mtime);
  assert.equal(fs.statSync(file).size, st.size);
  const analysis = await index.refresh();
  assert.ok(analysis.model.topicUses.some((u) => u.topic === 'ordrs'));
  assert.deepEqual(comparable(analysis), comparable(await fresh(root)));
});

test('a file changed near the time it was seen is read again on each refresh, as the scan cache would', async () => {
  const { root, index } = tree('real');
  await index.scan();
  // Everything was just written: within the racy window of the scan that saw it. The walk lists the
  // folders again too (their .gitignore, the sniffed YAML), as the listing cache's rule says.
  const reads = await readsDuring(root, () => index.refresh());
  assert.deepEqual(reads, [
    '.gitignore',
    'kafka-cutover.yaml',
    'services/audit/.env.prod',
    'services/audit/package.json',
    'services/billing/.env.prod',
    'services/billing/package.json',
    'services/orders/.env.prod',
    'services/orders/package.json',
  ]);
  assert.equal(index.scanStats?.cache, 'kept');
});

test('a file added, removed or newly ignored, a new service, a .gitignore or manifest edit: a full scan, as fresh', async () => {
  const { root, index } = tree();
  await index.scan();
  const steps: Array<[string, () => void]> = [
    ['file added', () => fs.writeFileSync(path.join(root, 'services/orders/.env.dev'), 'KAFKA_BROKERS=kafka1.dev.example.internal:9092\n')],
    ['file removed', () => fs.rmSync(path.join(root, 'services/orders/.env.dev'))],
    [
      'new service',
      () => {
        fs.mkdirSync(path.join(root, 'services/ledger'));
        fs.writeFileSync(path.join(root, 'services/ledger/go.mod'), 'module ledger\n');
        fs.writeFileSync(path.join(root, 'services/ledger/.env.prod'), `KAFKA_BROKERS=${SRC_PROD}\nINPUT_TOPIC=invoices\n`);
      },
    ],
    ['newly ignored', () => fs.writeFileSync(path.join(root, '.gitignore'), 'generated/\nservices/ledger/.env.prod\n')],
    [
      'manifest edited',
      () => fs.writeFileSync(path.join(root, 'kafka-cutover.yaml'), MANIFEST.replace('services/*', 'services/*\n  # edited')),
    ],
  ];
  for (const [what, change] of steps) {
    change();
    const analysis = await index.refresh();
    assert.notEqual(index.scanStats?.cache, 'kept', what);
    assert.deepEqual(comparable(analysis), comparable(await fresh(root)), what);
  }
  // Then unchanged again: kept.
  await index.refresh();
  assert.equal(index.scanStats?.cache, 'kept');
});

test('a broken manifest fails refresh as it fails a scan; fixed, the next refresh is right again', async () => {
  const { root, index } = tree();
  await index.scan();
  fs.writeFileSync(path.join(root, 'kafka-cutover.yaml'), 'version: 1\nenvironments: [\n');
  await assert.rejects(() => index.refresh(), ManifestError);
  await assert.rejects(() => new RepositoryIndex(root).scan(), ManifestError);
  fs.writeFileSync(path.join(root, 'kafka-cutover.yaml'), MANIFEST);
  const analysis = await index.refresh();
  assert.deepEqual(comparable(analysis), comparable(await fresh(root)));
});

test('an index without a cache refreshes by scanning', async () => {
  const { root } = tree();
  const index = new RepositoryIndex(root);
  await index.scan();
  await index.refresh();
  assert.equal(index.scanStats?.cache, 'off');
});

test('a file read again that is still binary is listed as skipped once', async () => {
  const { root, index } = tree('real');
  fs.writeFileSync(path.join(root, 'services/orders/config.json'), Buffer.from([0x7b, 0x00, 0x01, 0x7d]));
  await index.scan();
  for (let i = 0; i < 2; i++) {
    const analysis = await index.refresh();
    assert.equal(index.scanStats?.cache, 'kept');
    assert.deepEqual(analysis.model.skipped, [{ file: 'services/orders/config.json', reason: 'binary content' }]);
  }
});
