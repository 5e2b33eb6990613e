// Folder listings kept between walks: a second walk of an unchanged tree stats folders instead of listing
// them, and finds exactly what a walk without listings finds, after every kind of change that can alter
// a listing (entries added, removed or renamed, a .gitignore edited in place, a sniffed deploy file
// edited in place, a folder changed too recently to trust its stat), and with a broken listings file.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discover, type Discovery } from '../../../src/core/discover/walk';
import { formatOf } from '../../../src/core/extract';
import { LISTING_FORMAT, ListingCache } from '../../../src/core/scan/listingCache';
import { removeRepo, writeRepo } from '../../helpers/repo';

const dirs: string[] = [];
after(() => dirs.forEach(removeRepo));

const IGNORES = ['docs/**'];
/** A clock a minute ahead: what the test just wrote is outside the racy window. */
const later = () => Date.now() + 60_000;

function tree(): { root: string; cacheDir: string } {
  const root = path.resolve(
    writeRepo({
      '.gitignore': 'generated/\n',
      'kafka-cutover.yaml': 'version: 1\n',
      'services/orders/package.json': '{}\n',
      'services/orders/src/main.ts': "const brokers = 'kafka1:9092';\n",
      'services/orders/deploy/k8s/deployment.yaml': 'kind: Deployment\n',
      'services/orders/generated/out.ts': 'x\n',
      'services/orders/test/fixtures/sample.json': '{}\n',
      'services/billing/.gitignore': '*.local.yaml\n',
      'services/billing/config/app.yaml': 'kafka: {}\n',
      'services/billing/config/dev.local.yaml': 'kafka: {}\n',
      'deploy/compose/docker-compose.yml': 'services:\n  api:\n    build: .\n',
      'deploy/k8s/worker/workload.yaml': 'kind: ConfigMap\n',
      'deploy/nomad/audit.nomad': 'job "audit" {}\n',
      'docs/notes.md': 'not read\n',
      'node_modules/dep/index.js': 'skipped\n',
    }),
  );
  dirs.push(root);
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-listings-'));
  dirs.push(cacheDir);
  return { root, cacheDir };
}

/** A walk with the listings file of `cacheDir`, saved after it as the scan does. */
function walkWith(root: string, cacheDir: string, now: () => number = later) {
  const listings = new ListingCache(root, { engine: 'test-engine', ignores: IGNORES }, { dir: cacheDir, now }).load();
  const discovery = discover(root, IGNORES, listings);
  const saved = listings.save();
  return { discovery, saved, rejected: listings.rejected, file: listings.file };
}

/** What a walk finds, in a form deepEqual compares whole (markers as sorted entries). */
function found(d: Discovery) {
  return {
    files: d.files,
    markers: [...d.markers].map(([dir, set]) => [dir, [...set].sort()]).sort(),
    skipped: d.skipped,
  };
}

function assertSameAsPlainWalk(root: string, d: Discovery, why: string) {
  assert.deepEqual(found(d), found(discover(root, IGNORES)), why);
}

test('an unchanged tree: the second walk lists no folder, finds the same, and writes nothing', () => {
  const { root, cacheDir } = tree();
  const first = walkWith(root, cacheDir);
  assert.equal(first.rejected, 'absent');
  assert.equal(first.saved, true);
  assert.deepEqual(first.discovery.folders, { listed: 16, reused: 0 });
  assertSameAsPlainWalk(root, first.discovery, 'first');
  const written = fs.statSync(first.file).mtimeMs;

  const second = walkWith(root, cacheDir);
  assert.equal(second.rejected, undefined);
  assert.deepEqual(second.discovery.folders, { listed: 0, reused: 16 });
  assert.deepEqual(found(second.discovery), found(first.discovery));
  assert.equal(second.saved, false);
  assert.equal(fs.statSync(first.file).mtimeMs, written);
  // What the tree holds, so the comparisons above are about something.
  assert.deepEqual(
    first.discovery.files.map((f) => f.file),
    [
      'deploy/compose/docker-compose.yml',
      'deploy/k8s/worker/workload.yaml',
      'deploy/nomad/audit.nomad',
      'kafka-cutover.yaml',
      'services/billing/config/app.yaml',
      'services/orders/deploy/k8s/deployment.yaml',
      'services/orders/package.json',
      'services/orders/src/main.ts',
    ],
  );
  assert.deepEqual(found(first.discovery).markers, [
    ['deploy/compose', ['docker-compose.yml']],
    ['deploy/nomad', ['audit.nomad']],
    ['services/orders', ['package.json']],
  ]);
  assert.deepEqual(
    first.discovery.skipped.map((s) => s.file),
    ['services/orders/test/fixtures/sample.json'],
  );
});

test('files and folders added, removed or renamed are seen; only the folders that changed are listed again', () => {
  const { root, cacheDir } = tree();
  walkWith(root, cacheDir);
  fs.writeFileSync(path.join(root, 'services/orders/src/producer.ts'), "const topic = 'orders';\n");
  fs.rmSync(path.join(root, 'deploy/nomad/audit.nomad'));
  fs.renameSync(path.join(root, 'services/billing/config'), path.join(root, 'services/billing/settings'));
  fs.mkdirSync(path.join(root, 'services/payments'));
  fs.writeFileSync(path.join(root, 'services/payments/go.mod'), 'module payments\n');
  const { discovery } = walkWith(root, cacheDir);
  assertSameAsPlainWalk(root, discovery, 'after the changes');
  const files = discovery.files.map((f) => f.file);
  assert.ok(files.includes('services/orders/src/producer.ts'));
  assert.ok(files.includes('services/billing/settings/app.yaml'));
  assert.deepEqual(discovery.markers.get('services/payments'), new Set(['go.mod']));
  assert.ok(!files.includes('deploy/nomad/audit.nomad'));
  assert.ok(!files.some((f) => f.startsWith('services/billing/config/')));
  // services (new folder payments), services/billing (renamed child), the renamed folder, the new folder,
  // services/orders/src and deploy/nomad: listed; the other 11 stood.
  assert.deepEqual(discovery.folders, { listed: 6, reused: 11 });
});

test('a .gitignore edited in place (its folder unchanged) re-applies its rules to every folder below', () => {
  const { root, cacheDir } = tree();
  walkWith(root, cacheDir);
  const gitignore = path.join(root, 'services/billing/.gitignore');
  const dirStat = fs.statSync(path.dirname(gitignore));
  fs.writeFileSync(gitignore, 'config/\n');
  assert.equal(fs.statSync(path.dirname(gitignore)).mtimeMs, dirStat.mtimeMs, 'the folder itself did not change');
  const { discovery } = walkWith(root, cacheDir);
  assertSameAsPlainWalk(root, discovery, 'edited .gitignore');
  assert.ok(!discovery.files.some((f) => f.file.startsWith('services/billing/config/')));

  // The root's .gitignore: every folder is listed again under the new rules.
  fs.writeFileSync(path.join(root, '.gitignore'), 'generated/\nsrc/\n');
  const again = walkWith(root, cacheDir).discovery;
  assertSameAsPlainWalk(root, again, 'edited root .gitignore');
  assert.ok(!again.files.some((f) => f.file === 'services/orders/src/main.ts'));
  assert.equal(again.folders!.reused, 0);
});

test('a deploy file whose first bytes made it a marker or not is sniffed again when it changes in place', () => {
  const { root, cacheDir } = tree();
  walkWith(root, cacheDir);
  // A ConfigMap becomes a Deployment: deploy/k8s/worker becomes a deploy-only service folder.
  fs.writeFileSync(path.join(root, 'deploy/k8s/worker/workload.yaml'), 'kind: Deployment\n');
  // And the compose file no longer builds from this folder.
  fs.writeFileSync(path.join(root, 'deploy/compose/docker-compose.yml'), 'services:\n  api:\n    image: api:1\n');
  const { discovery, saved } = walkWith(root, cacheDir);
  assertSameAsPlainWalk(root, discovery, 'sniffed files edited');
  assert.deepEqual(found(discovery).markers, [
    ['deploy/k8s/worker', ['workload.yaml']],
    ['deploy/nomad', ['audit.nomad']],
    ['services/orders', ['package.json']],
  ]);
  assert.equal(discovery.folders!.listed, 0, 'the folders themselves stood');
  assert.equal(saved, true, 'the new sniffs are kept');
  assert.deepEqual(walkWith(root, cacheDir).discovery.folders, { listed: 0, reused: 16 });
});

test('a folder changed just before the walk that listed it is listed again, not trusted by its stat', () => {
  const { root, cacheDir } = tree();
  // The real clock: every folder was written within RACY_MS of this walk.
  walkWith(root, cacheDir, Date.now);
  const second = walkWith(root, cacheDir, Date.now);
  assert.deepEqual(second.discovery.folders, { listed: 16, reused: 0 });
  assertSameAsPlainWalk(root, second.discovery, 'racy');
});

test('a listings file of another engine, format, root or ignore set, or a torn or corrupt one, is ignored and replaced', () => {
  const { root, cacheDir } = tree();
  const { file } = walkWith(root, cacheDir);
  const good = fs.readFileSync(file, 'utf8');
  const [headerLine, ...rest] = good.split('\n');
  const header = JSON.parse(headerLine);
  assert.equal(header.format, LISTING_FORMAT);
  const lineWith = (edit: (line: unknown[]) => unknown[]) =>
    [headerLine, JSON.stringify(edit(JSON.parse(rest[0]))), ...rest.slice(1)].join('\n');
  const cases: Array<[string, string]> = [
    ['another engine', [JSON.stringify({ ...header, engine: 'other-build' }), ...rest].join('\n')],
    ['another format', [JSON.stringify({ ...header, format: 'kafka-cutover-folder-listings/0' }), ...rest].join('\n')],
    ['another root', [JSON.stringify({ ...header, root: '/elsewhere' }), ...rest].join('\n')],
    ['another root', [JSON.stringify({ ...header, ignores: ['other/**'] }), ...rest].join('\n')],
    ['torn', good.slice(0, Math.floor(good.length * 0.6))],
    ['corrupt', lineWith((l) => [...l.slice(0, 8), [['d', '../../etc']]])],
    ['corrupt', lineWith((l) => [...l.slice(0, 8), [['q', 'x']]])],
    ['corrupt', lineWith((l) => [l[0], 'size', ...l.slice(2)])],
    ['corrupt', '\u0000\u0001binary junk'],
    ['corrupt', ''],
  ];
  for (const [why, text] of cases) {
    fs.writeFileSync(file, text);
    const run = walkWith(root, cacheDir);
    assert.equal(run.rejected, why, why);
    assert.equal(run.discovery.folders!.reused, 0, why);
    assertSameAsPlainWalk(root, run.discovery, why);
    // Replaced by a good one.
    assert.equal(new ListingCache(root, { engine: 'test-engine', ignores: IGNORES }, { dir: cacheDir }).load().rejected, undefined, why);
  }
});

test('onFile hears of each file to read with its format, whether its folder was listed or replayed', () => {
  const { root, cacheDir } = tree();
  const expected = (d: Discovery) => d.files.map((f) => formatOf(f.file)).sort();
  for (const walk of ['listed', 'replayed']) {
    const heard: string[] = [];
    const listings = new ListingCache(root, { engine: 'test-engine', ignores: IGNORES }, { dir: cacheDir, now: later }).load();
    const discovery = discover(root, IGNORES, listings, (format) => heard.push(format));
    listings.save();
    assert.equal(discovery.folders!.listed > 0, walk === 'listed', walk);
    assert.deepEqual(heard.sort(), expected(discovery), walk);
    assert.deepEqual(heard, ['hcl', 'json', 'typescript', 'yaml', 'yaml', 'yaml', 'yaml', 'yaml'], walk);
  }
});
