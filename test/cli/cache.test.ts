// The CLI caches scans in the user's cache folder (from its environment), and `--no-cache` on every
// command that scans neither reads nor writes it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from '../../src/cli/args';
import { cacheOption, COMMON_BOOLEANS } from '../../src/cli/commands/common';
import { run, type Io } from '../../src/cli/main';
import { changedFiles, copyFleet, FLEET, REPO_ROOT, snapshotTree } from '../e2e/fleet';
import { RACY_MS } from '../../src/core/scan/fingerprint';
import { UNDO_FILE } from '../../src/core/rewrite/undo';

const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function cacheHome(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-cli-cache-'));
  dirs.push(dir);
  return dir;
}

async function cli(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { cwd: REPO_ROOT, env, out: (t) => void (out += t), err: (t) => void (err += t), isTTY: false };
  const code = await run(argv, io);
  return { code, out, err };
}

const cacheFiles = (home: string): string[] => {
  const base = path.join(home, 'kafka-cutover');
  if (!fs.existsSync(base)) return [];
  return fs
    .readdirSync(base)
    .flatMap((d) => fs.readdirSync(path.join(base, d)).map((f) => path.join(d, f)))
    .sort();
};

test('scan writes its cache under $XDG_CACHE_HOME/kafka-cutover, and the next scan gives the same report from it', async () => {
  const home = cacheHome();
  const env = { XDG_CACHE_HOME: home, HOME: home };
  const before = fs.readdirSync(FLEET).sort();
  const first = await cli(['scan', 'examples/fleet', '--format', 'json'], env);
  assert.equal(first.err, '');
  const files = cacheFiles(home);
  // The facts of the files, and the folder listings.
  assert.equal(files.length, 2);
  assert.match(files[0], /^[0-9a-f]{24}\/scan-[0-9a-f]{16}\.jsonl$/);
  assert.match(files[1], /^[0-9a-f]{24}\/walk-[0-9a-f]{16}\.jsonl$/);
  // Nothing written into the repository.
  assert.deepEqual(fs.readdirSync(FLEET).sort(), before);
  const second = await cli(['scan', 'examples/fleet', '--format', 'json'], env);
  assert.equal(second.code, first.code);
  assert.equal(second.out, first.out);
  const uncached = await cli(['scan', 'examples/fleet', '--format', 'json', '--no-cache'], env);
  assert.equal(uncached.out, first.out);
});

test('with a warm cache (texts read only when a rewrite asks), migrate and rollback write what they write without one', async () => {
  const home = cacheHome();
  const env = { XDG_CACHE_HOME: home, HOME: home };
  const cached = copyFleet();
  const uncached = copyFleet();
  dirs.push(cached, uncached);
  // Past the racy window, so the second scan trusts every file by its stat and reads none of them.
  await new Promise((resolve) => setTimeout(resolve, RACY_MS + 100));
  assert.equal((await cli(['scan', cached, '--fail-on', 'none'], env)).code, 0);
  const before = snapshotTree(cached);
  const argv = ['migrate', 'forecast-trainer', '--force'];
  const a = await cli([...argv, '--dir', cached], env);
  const b = await cli([...argv, '--dir', uncached, '--no-cache'], env);
  assert.equal(a.err, '');
  assert.equal(a.code, b.code);
  assert.equal(a.out.replaceAll(cached, '<dir>'), b.out.replaceAll(uncached, '<dir>'));
  const changed = changedFiles(before, snapshotTree(cached));
  assert.deepEqual(changed, [
    UNDO_FILE,
    'services/forecast-trainer/.env.dev',
    'services/forecast-trainer/.env.prod',
    'services/forecast-trainer/trainer/consume.py',
  ]);
  for (const f of changed) assert.ok(snapshotTree(cached).get(f)!.equals(snapshotTree(uncached).get(f)!), f);
  assert.equal((await cli(['rollback', 'forecast-trainer', '--force', '--dir', cached], env)).code, 0);
  const back = snapshotTree(cached);
  // Every rewritten file back byte for byte, and the undo record gone with the move it recorded.
  assert.deepEqual(changedFiles(before, back), []);
});

test('--no-cache: every scanning command accepts it and writes no cache', async () => {
  const home = cacheHome();
  const env = { XDG_CACHE_HOME: home, HOME: home };
  for (const argv of [
    ['scan', 'examples/fleet', '--no-cache', '--fail-on', 'none'],
    ['plan', 'examples/fleet', '--no-cache', '--fail-on', 'none'],
    ['explain', 'forecast-trainer', 'examples/fleet', '--no-cache'],
    ['migrate', 'forecast-trainer', '--dry-run', '--force', '--dir', 'examples/fleet', '--no-cache'],
    ['rollback', 'forecast-trainer', '--dry-run', '--force', '--dir', 'examples/fleet', '--no-cache'],
  ]) {
    const { code, err } = await cli(argv, env);
    assert.equal(err.includes('unknown option'), false, `${argv[0]}: ${err}`);
    assert.notEqual(code, 2, `${argv[0]}: ${err}`);
  }
  assert.deepEqual(cacheFiles(home), []);
  const { code, err } = await cli(['scan', 'examples/fleet', '--no-cache=yes'], env);
  assert.equal(code, 2);
  assert.match(err, /--no-cache takes no value/);
});

test('the cache folder comes from the environment of the CLI: none without a home, none with --no-cache', () => {
  const io = (env: NodeJS.ProcessEnv): Io => ({ cwd: REPO_ROOT, env, out: () => undefined, err: () => undefined, isTTY: false });
  const args = (argv: string[]) => parseArgs(argv, { values: [], booleans: [...COMMON_BOOLEANS] });
  assert.equal(cacheOption(args([]), io({})), false);
  assert.equal(cacheOption(args(['--no-cache']), io({ HOME: '/home/u' })), false);
  if (process.platform === 'linux') {
    assert.deepEqual(cacheOption(args([]), io({ HOME: '/home/u' })), { dir: '/home/u/.cache/kafka-cutover' });
    assert.deepEqual(cacheOption(args([]), io({ HOME: '/home/u', XDG_CACHE_HOME: '/c' })), { dir: '/c/kafka-cutover' });
  }
});
