// The persistent scan cache: hits, misses, what invalidates it, and that a broken or raced cache file
// is ignored (never an error). Every test uses a cache folder of its own, never the user's.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CACHE_FORMAT, defaultCacheDir, ScanCache, type CacheOptions } from '../../../src/core/scan/cache';
import { RACY_MS } from '../../../src/core/scan/fingerprint';
import { RepositoryIndex, type Analysis, type IndexOptions } from '../../../src/core/repositoryIndex';
import { envService, fleet, MANIFEST, removeRepo, SRC_PROD, TGT_PROD, writeRepo } from '../../helpers/repo';

const dirs: string[] = [];
after(() => dirs.forEach(removeRepo));

function tmp(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A clock a minute ahead: files the test just wrote are outside the racy window, so their fingerprints are trusted. */
const later = () => Date.now() + 60_000;

const repoFiles = () =>
  fleet({
    orders: envService({ in: 'orders', prod: SRC_PROD }),
    billing: { ...envService({ out: 'invoices', prod: SRC_PROD }), 'src/notes.py': 'print("no kafka here")\n' },
  });

async function scan(root: string, cache: CacheOptions | false, extra: IndexOptions = {}) {
  const ws = new RepositoryIndex(root, { cache, workers: 0, ...extra });
  const analysis = await ws.scan();
  return { ws, analysis, stats: ws.scanStats! };
}

/** The cache file of a root (the only one in its folder). */
function cacheFile(cacheDir: string): string {
  const [rootDir] = fs.readdirSync(cacheDir);
  const [file] = fs.readdirSync(path.join(cacheDir, rootDir)).filter((f) => f.startsWith('scan-'));
  return path.join(cacheDir, rootDir, file);
}

const refs = (a: Analysis) => a.model.brokerRefs.map((r) => `${r.file} ${r.parts.map((p) => p.text).join(',')}`);

test('a second scan of an unchanged tree answers every file from the cache, with the same analysis', async () => {
  const root = writeRepo(repoFiles());
  dirs.push(root);
  const cacheDir = tmp('kc-cache-');
  const first = await scan(root, { dir: cacheDir, now: later });
  assert.equal(first.stats.cache, 'absent');
  assert.equal(first.stats.fromCache, 0);
  assert.equal(first.stats.files, 5);
  // Written in the cache folder, nowhere in the repository.
  assert.ok(cacheFile(cacheDir).startsWith(cacheDir + path.sep));
  assert.deepEqual(fs.readdirSync(root).sort(), ['kafka-cutover.yaml', 'services']);
  const written = fs.statSync(cacheFile(cacheDir)).mtimeMs;

  const second = await scan(root, { dir: cacheDir, now: later });
  assert.equal(second.stats.cache, 'used');
  assert.equal(second.stats.fromCache, 5);
  assert.equal(second.stats.extracted, 0);
  assert.equal(JSON.stringify(second.analysis.findings), JSON.stringify(first.analysis.findings));
  assert.deepEqual(refs(second.analysis), refs(first.analysis));
  // The texts rewrites need are those on disk.
  assert.equal(second.ws.scannedText('services/orders/.env.prod'), fs.readFileSync(path.join(root, 'services/orders/.env.prod'), 'utf8'));
  // Nothing changed: the cache file is not rewritten.
  assert.equal(fs.statSync(cacheFile(cacheDir)).mtimeMs, written);
});

test('a one-shot scan trusts a facts file by its stat and reads its text only when asked, checked by hash', async () => {
  const root = writeRepo(repoFiles());
  dirs.push(root);
  const cacheDir = tmp('kc-cache-');
  const envFile = 'services/orders/.env.prod';
  await scan(root, { dir: cacheDir, now: later }, { oneShot: true });
  const second = await scan(root, { dir: cacheDir, now: later }, { oneShot: true });
  assert.equal(second.stats.fromCache, 5);
  assert.equal(second.ws.scannedText(envFile), fs.readFileSync(path.join(root, envFile), 'utf8'));
  // A file without facts has no scanned text, read or not.
  assert.equal(second.ws.scannedText('services/billing/src/notes.py'), undefined);
  // Changed after the scan, before a rewrite asked for its text: the facts' offsets are not for these bytes.
  const third = await scan(root, { dir: cacheDir, now: later }, { oneShot: true });
  fs.appendFileSync(path.join(root, envFile), 'EXTRA=1\n');
  assert.throws(() => third.ws.scannedText(envFile), {
    name: 'UserFacingError',
    message: `${envFile}: changed since the scan; rescan and try again`,
  });
  fs.rmSync(path.join(root, envFile));
  assert.throws(() => third.ws.scannedText(envFile), { message: `${envFile}: changed since the scan; rescan and try again` });
  // An editor's index keeps every text as scanned: a later change on disk does not reach it.
  const editor = await scan(root, { dir: cacheDir, now: later });
  const billing = 'services/billing/.env.prod';
  const asScanned = fs.readFileSync(path.join(root, billing), 'utf8');
  fs.appendFileSync(path.join(root, billing), 'EXTRA=1\n');
  assert.equal(editor.ws.scannedText(billing), asScanned);
});

test('cached facts are plain data: what the cache gives back is what JSON gives back', async () => {
  const root = writeRepo(repoFiles());
  dirs.push(root);
  const cacheDir = tmp('kc-cache-');
  const first = await scan(root, { dir: cacheDir, now: later });
  const second = await scan(root, { dir: cacheDir, now: later });
  for (const file of ['services/orders/.env.prod', 'services/billing/.env.prod']) {
    assert.deepEqual(second.ws.factsOf(file), JSON.parse(JSON.stringify(first.ws.factsOf(file))));
  }
});

test('a content change with the same size and mtime is seen (ctime moves; facts files are checked by hash)', async () => {
  const root = writeRepo(repoFiles());
  dirs.push(root);
  const cacheDir = tmp('kc-cache-');
  // Whole-second mtimes, so that setting them back is exact.
  const T = new Date('2024-01-02T03:04:05Z');
  const envFile = path.join(root, 'services/orders/.env.prod');
  const notes = path.join(root, 'services/billing/src/notes.py');
  for (const f of [envFile, notes]) fs.utimesSync(f, T, T);
  await scan(root, { dir: cacheDir, now: later });
  // Same length, same mtime, other bytes.
  for (const [file, from, to] of [
    [envFile, 'INPUT_TOPIC=orders', 'INPUT_TOPIC=orderz'],
    [notes, 'print("no kafka here")', `B="${SRC_PROD.slice(0, 18)}"`],
  ] as const) {
    const before = fs.statSync(file);
    const text = fs.readFileSync(file, 'utf8');
    const next = text.replace(from, to.padEnd(from.length, ' '));
    assert.equal(next.length, text.length);
    fs.writeFileSync(file, next);
    fs.utimesSync(file, T, T);
    assert.equal(fs.statSync(file).mtimeMs, before.mtimeMs);
    assert.equal(fs.statSync(file).size, before.size);
  }
  const { analysis, stats } = await scan(root, { dir: cacheDir, now: later });
  assert.equal(stats.fromCache, 3);
  assert.equal(stats.extracted, 2);
  assert.deepEqual(refs(analysis).filter((r) => r.startsWith('services/billing/src/')).length, 0);
  assert.deepEqual(
    analysis.model.topicUses.filter((u) => u.file === 'services/orders/.env.prod').map((u) => u.topic),
    ['orderz'],
  );
  const fresh = await scan(root, false);
  assert.equal(JSON.stringify(analysis.findings), JSON.stringify(fresh.analysis.findings));
  assert.deepEqual(refs(analysis), refs(fresh.analysis));
});

test('a file changed just before the scan that cached it is read again, not trusted by its stat', async () => {
  const root = writeRepo(repoFiles());
  dirs.push(root);
  const cacheDir = tmp('kc-cache-');
  // The real clock: every file is younger than RACY_MS when the cache is written.
  fs.writeFileSync(path.join(root, 'services/billing/build.toml'), 'name = "billing"\n');
  await scan(root, { dir: cacheDir });
  const lines = fs
    .readFileSync(cacheFile(cacheDir), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => JSON.parse(l) as unknown[]);
  const hashed = lines.filter((l) => l[5] !== '').length;
  assert.ok(hashed > 0 && hashed < lines.length, 'some entries have a hash, some (prefiltered out) none');
  const { stats } = await scan(root, { dir: cacheDir });
  // Answered from the cache only after reading and hashing the bytes; the others are prefiltered again.
  assert.equal(stats.cache, 'used');
  assert.equal(stats.fromCache, hashed);
  assert.equal(stats.extracted, 0);
  const cache = new ScanCache(path.resolve(root), { engine: 'e', reader: 'r' }, { dir: cacheDir });
  assert.equal(cache.trusted({ size: 1, mtimeMs: Date.now(), ctimeMs: Date.now(), ino: 1 }), false);
  assert.ok(RACY_MS >= 1000);
});

test('an edited, added or deleted file; other known hosts; the scan follows and the cache with it', async () => {
  const root = writeRepo(repoFiles());
  dirs.push(root);
  const cacheDir = tmp('kc-cache-');
  await scan(root, { dir: cacheDir, now: later });
  fs.writeFileSync(path.join(root, 'services/orders/.env.prod'), `KAFKA_BROKERS=${TGT_PROD}\nINPUT_TOPIC=orders\n`);
  fs.rmSync(path.join(root, 'services/billing/.env.prod'));
  fs.writeFileSync(path.join(root, 'services/billing/.env.dev'), `KAFKA_BROKERS=${SRC_PROD}\n`);
  const edited = await scan(root, { dir: cacheDir, now: later });
  assert.equal(edited.stats.files, 5);
  assert.equal(edited.stats.fromCache, 3);
  const fresh = await scan(root, false);
  assert.deepEqual(refs(edited.analysis), refs(fresh.analysis));
  assert.deepEqual(refs(edited.analysis), [`services/billing/.env.dev ${SRC_PROD}`, `services/orders/.env.prod ${TGT_PROD}`]);

  // Another manifest's hosts change what the reader keeps: its own cache file, the first one untouched.
  fs.writeFileSync(
    path.join(root, 'kafka-cutover.yaml'),
    MANIFEST.replace('kafka2.prod.example.internal:9092', 'kafka9.prod.example.internal:9092'),
  );
  const other = await scan(root, { dir: cacheDir, now: later });
  assert.equal(other.stats.cache, 'absent');
  assert.equal(other.stats.fromCache, 0);
  const [rootDir] = fs.readdirSync(cacheDir);
  assert.equal(fs.readdirSync(path.join(cacheDir, rootDir)).filter((f) => f.startsWith('scan-')).length, 2);
});

test('a cache of another engine, format or root, or a corrupt or torn one, is ignored and replaced', async () => {
  const root = path.resolve(writeRepo(repoFiles()));
  dirs.push(root);
  const cacheDir = tmp('kc-cache-');
  await scan(root, { dir: cacheDir, now: later });
  const file = cacheFile(cacheDir);
  const good = fs.readFileSync(file, 'utf8');
  const [headerLine, ...rest] = good.split('\n');
  const header = JSON.parse(headerLine);
  const cases: Array<[string, string]> = [
    ['another engine', [JSON.stringify({ ...header, engine: 'other-build' }), ...rest].join('\n')],
    ['another format', [JSON.stringify({ ...header, format: 'kafka-cutover-scan-cache/0' }), ...rest].join('\n')],
    ['another root', [JSON.stringify({ ...header, root: '/elsewhere' }), ...rest].join('\n')],
    ['torn', good.slice(0, Math.floor(good.length * 0.7))],
    ['corrupt', good.replace('"facts"', '"fact')],
    ['corrupt', '\u0000\u0001binary junk'],
    ['corrupt', ''],
  ];
  assert.equal(header.format, CACHE_FORMAT);
  for (const [why, text] of cases) {
    fs.writeFileSync(file, text);
    const { analysis, stats } = await scan(root, { dir: cacheDir, now: later });
    assert.equal(stats.cache, why, why);
    assert.equal(stats.fromCache, 0, why);
    assert.equal(analysis.model.brokerRefs.length, 2, why);
    // Replaced by a good one.
    assert.equal(new ScanCache(root, { engine: header.engine, reader: header.reader }, { dir: cacheDir }).load().rejected, undefined, why);
  }
  // Unit level: the engine key decides.
  assert.equal(new ScanCache(root, { engine: 'other-build', reader: header.reader }, { dir: cacheDir }).load().rejected, 'another engine');
});

test('racing scans of one root: each succeeds, the last writer wins whole, no temp file is left', async () => {
  const root = path.resolve(writeRepo(repoFiles()));
  dirs.push(root);
  const cacheDir = tmp('kc-cache-');
  const results = await Promise.all([1, 2, 3].map(() => scan(root, { dir: cacheDir, now: later })));
  for (const r of results) assert.deepEqual(refs(r.analysis), refs(results[0].analysis));
  const [rootDir] = fs.readdirSync(cacheDir);
  assert.deepEqual(
    fs.readdirSync(path.join(cacheDir, rootDir)).filter((f) => !f.endsWith('.jsonl')),
    [],
  );

  // Two writers that loaded the same state, then save different outcomes: the second file stands, whole.
  const key = JSON.parse(fs.readFileSync(cacheFile(cacheDir), 'utf8').split('\n')[0]);
  const a = new ScanCache(root, { engine: key.engine, reader: key.reader }, { dir: cacheDir, now: later }).load();
  const b = new ScanCache(root, { engine: key.engine, reader: key.reader }, { dir: cacheDir, now: later }).load();
  const meta = { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1, kind: 'nothing' as const };
  assert.equal(a.save([{ file: 'a.env', meta }]), true);
  assert.equal(
    b.save([
      { file: 'b.env', meta },
      { file: 'c.env', meta },
    ]),
    true,
  );
  const final = new ScanCache(root, { engine: key.engine, reader: key.reader }, { dir: cacheDir }).load();
  assert.equal(final.rejected, undefined);
  assert.equal(final.size, 2);
  assert.ok(final.get('b.env') && final.get('c.env') && !final.get('a.env'));
});

test('the cache folder is bounded: the oldest roots beyond the limit are removed', async () => {
  const cacheDir = tmp('kc-cache-');
  const meta = { size: 1, mtimeMs: 1, ctimeMs: 1, ino: 1, kind: 'nothing' as const };
  for (let i = 0; i < 34; i++) {
    new ScanCache(`/repo/${i}`, { engine: 'e', reader: 'r' }, { dir: cacheDir }).save([{ file: 'x.env', meta }]);
    // Older first: mtimes a second apart.
    const [newest] = fs
      .readdirSync(cacheDir)
      .map((d) => path.join(cacheDir, d))
      .sort((x, y) => fs.statSync(y).mtimeMs - fs.statSync(x).mtimeMs);
    const t = new Date(Date.now() - (40 - i) * 1000);
    fs.utimesSync(newest, t, t);
  }
  fs.mkdirSync(path.join(cacheDir, 'not-ours'));
  new ScanCache('/repo/last', { engine: 'e', reader: 'r' }, { dir: cacheDir }).save([{ file: 'x.env', meta }]);
  const left = fs.readdirSync(cacheDir);
  assert.equal(left.filter((d) => /^[0-9a-f]{24}$/.test(d)).length, 32);
  assert.ok(left.includes('not-ours'), 'a folder the cache did not make is left alone');
});

test('the default cache folder follows XDG_CACHE_HOME, else the home folder; no home, no cache', () => {
  if (process.platform === 'win32' || process.platform === 'darwin') return;
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' }), '/x/cache/kafka-cutover');
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: 'relative', HOME: '/home/u' }), '/home/u/.cache/kafka-cutover');
  assert.equal(defaultCacheDir({ HOME: '/home/u' }), '/home/u/.cache/kafka-cutover');
  assert.equal(defaultCacheDir({}), undefined);
});

test('without the cache option nothing is cached', async () => {
  const root = writeRepo(repoFiles());
  dirs.push(root);
  const { stats } = await scan(root, false);
  assert.equal(stats.cache, 'off');
  assert.equal(stats.fromCache, 0);
});
