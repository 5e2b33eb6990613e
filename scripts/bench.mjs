// `npm run bench`: a synthetic monorepo (default 1,000 services, ~20k files), scanned in fresh
// processes: cold (no cache, and an empty cache that the run fills), warm (the same tree again, from
// the cache) and after one file changed on disk, each compared in the same run with ripgrep searching
// the same tree for the broker hosts. Figures are ratios against rg measured here and now, since the
// machines are noisy; CPU time (user + system) is printed beside the wall time for the same reason.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const services = Number(arg('services', '1000'));
const filesPerService = Number(arg('files-per-service', '20'));
const runs = Number(arg('runs', '3'));
const dir = path.join(root, 'bench-tmp', `fleet-${services}x${filesPerService}`);

if (!existsSync(path.join(dir, 'kafka-cutover.yaml'))) {
  rmSync(dir, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      path.join(root, 'scripts/gen-fleet.mjs'),
      dir,
      '--services',
      String(services),
      '--files-per-service',
      String(filesPerService),
      '--seed',
      '1',
    ],
    { stdio: 'inherit' },
  );
}
const fileCount = Number(
  execFileSync('bash', ['-c', `find "${dir}" -type f | wc -l`])
    .toString()
    .trim(),
);
const bytes = Number(
  execFileSync('bash', ['-c', `du -sb "${dir}" | cut -f1`])
    .toString()
    .trim(),
);

// The hosts rg looks for: every broker host the manifest names.
const manifest = readFileSync(path.join(dir, 'kafka-cutover.yaml'), 'utf8');
const hosts = [...new Set([...manifest.matchAll(/([a-z0-9-]+(?:\.[a-z0-9-]+)+):\d+/gi)].map((m) => m[1]))];
const rg = spawnSync('rg', ['--version']);
if (rg.status !== 0) {
  console.error('bench: ripgrep (rg) is not installed: apt-get install ripgrep');
  process.exit(2);
}
const rgArgs = ['--no-messages', '-n', '--fixed-strings', ...hosts.flatMap((h) => ['-e', h]), dir];

function time(fn) {
  const s = process.hrtime.bigint();
  const out = fn();
  return { ms: Number(process.hrtime.bigint() - s) / 1e6, out };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// `--before path/to/dist/engine.js`: another build scanned cold in the same rounds (before/after figures).
const before = arg('before', undefined);
const child = (cacheDir, edits, engine, exclude) => {
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'scripts/bench/scan-child.cjs'), dir, String(edits), cacheDir ?? '', engine ?? '', exclude ?? ''],
    { maxBuffer: 1 << 26 },
  );
  if (r.status !== 0) {
    console.error(r.stderr.toString());
    process.exit(1);
  }
  return JSON.parse(r.stdout.toString());
};

// The file changed between the warm and the changed run: the first connection-string file of the tree.
const changedFile = (() => {
  const listed = spawnSync(
    'rg',
    ['--no-messages', '-l', '--fixed-strings', ...hosts.flatMap((h) => ['-e', h]), path.join(dir, 'services')],
    { maxBuffer: 1 << 28 },
  );
  const files = listed.stdout.toString().split('\n').filter(Boolean).sort();
  if (!files.length) throw new Error('bench: no file in the tree names a broker host');
  return files[0];
})();
const original = readFileSync(changedFile);

// The CLI with a resident process (KAFKA_CUTOVER_RESIDENT=1, src/cli/resident): timed from spawn to exit,
// as rg is. The first run is in-process and starts the resident process; once that has its index, the
// warm and changed runs are its answers. Each must print what the in-process CLI prints.
const cliArgs = ['scan', dir, '--format', 'json', '--fail-on', 'none'];
const cli = (xdg, resident, args = cliArgs) =>
  spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), ...args], {
    maxBuffer: 1 << 28,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, XDG_CACHE_HOME: xdg, ...(resident ? { KAFKA_CUTOVER_RESIDENT: '1' } : {}) },
  });
const residentMismatches = [];
/** The resident process's peak RSS (Linux: /proc), found by the socket that `resident status` names. */
function residentPeakRssMb(status) {
  const socket = /^running \((.+)\)/.exec(status)?.[1];
  if (!socket || !existsSync('/proc')) return undefined;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(socket)) continue;
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return kb ? Number(kb) / 1024 : undefined;
    } catch {
      // Gone meanwhile.
    }
  }
  return undefined;
}
function residentRound(i) {
  const xdg = mkdtempSync(path.join(os.tmpdir(), 'kc-bench-resident-'));
  try {
    const first = cli(xdg, true);
    // Up, and its warm-up scan done: a request waits behind it.
    for (let t = 0; t < 300 && !cli(xdg, true, ['resident', 'status']).stdout.startsWith('running'); t++) spawnSync('sleep', ['0.1']);
    cli(xdg, true);
    spawnSync('rg', rgArgs, { maxBuffer: 1 << 28 });
    const warm = time(() => cli(xdg, true));
    runsOf.residentWarm.push({ wallMs: warm.ms });
    if (warm.out.stdout !== first.stdout) residentMismatches.push(`warm, round ${i + 1}`);
    writeFileSync(changedFile, Buffer.concat([original, Buffer.from(`\n# bench resident edit ${i}\n`)]));
    spawnSync('rg', rgArgs, { maxBuffer: 1 << 28 });
    const changed = time(() => cli(xdg, true));
    runsOf.residentChanged.push({ wallMs: changed.ms });
    if (changed.out.stdout !== cli(xdg, false).stdout) residentMismatches.push(`changed, round ${i + 1}`);
    const peak = residentPeakRssMb(cli(xdg, true, ['resident', 'status']).stdout);
    if (peak) runsOf.residentRss.push(peak);
  } finally {
    cli(xdg, true, ['resident', 'stop']);
    writeFileSync(changedFile, original);
    rmSync(xdg, { recursive: true, force: true });
  }
}

// The code files (the formats read with a tree-sitter grammar, the lexer before): a cold scan without them,
// before and now, splits the cold ratio into what reading code costs and what the rest of the scan costs.
const CODE_FILES = ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'go', 'py', 'java', 'kt', 'kts', 'cs'].map((e) => `**/*.${e}`).join(',');
const runsOf = {
  rg: [],
  before: [],
  beforeNoCode: [],
  noCode: [],
  noCache: [],
  cold: [],
  warm: [],
  changed: [],
  residentWarm: [],
  residentChanged: [],
  residentRss: [],
};
try {
  for (let i = 0; i < runs; i++) {
    // Interleaved, so each sees the same page cache and machine load.
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'kc-bench-cache-'));
    try {
      // The page cache first (this machine evicts idle pages): rg measured reading from disk would flatter every ratio.
      spawnSync('rg', rgArgs, { maxBuffer: 1 << 28 });
      runsOf.rg.push(time(() => spawnSync('rg', rgArgs, { maxBuffer: 1 << 28 })).ms);
      if (before) runsOf.before.push(child(undefined, 100, before));
      runsOf.noCache.push(child(undefined, 100));
      if (before) {
        runsOf.beforeNoCode.push(child(undefined, 0, before, CODE_FILES));
        runsOf.noCode.push(child(undefined, 0, undefined, CODE_FILES));
      }
      runsOf.cold.push(child(cacheDir, 0));
      runsOf.warm.push(child(cacheDir, 0));
      writeFileSync(changedFile, Buffer.concat([original, Buffer.from(`\n# bench edit ${i}\n`)]));
      runsOf.changed.push(child(cacheDir, 0));
      writeFileSync(changedFile, original);
      residentRound(i);
    } finally {
      writeFileSync(changedFile, original);
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
} finally {
  writeFileSync(changedFile, original);
}
const rgWall = median(runsOf.rg);
const wall = (k) => median(runsOf[k].map((r) => r.wallMs));
const cpu = (k) => median(runsOf[k].map((r) => r.cpuMs));
const line = (k, targets) =>
  `${wall(k).toFixed(0).padStart(5)} ms  ${(wall(k) / rgWall).toFixed(2).padStart(5)}x rg   cpu ${cpu(k).toFixed(0).padStart(5)} ms   ${targets}`;
const residentLine = (k) =>
  `${wall(k).toFixed(0).padStart(5)} ms  ${(wall(k) / rgWall).toFixed(2).padStart(5)}x rg   (target <= 2x rg; spawn to exit, as rg)`;
const last = runsOf.noCache[runsOf.noCache.length - 1];
const rows = [
  ['tree', `${services} services, ${fileCount} files, ${(bytes / 1048576).toFixed(1)} MB`],
  [`rg for the broker hosts (median of ${runs})`, `${rgWall.toFixed(0)} ms`],
  ...(before
    ? [
        [
          'cold scan, the --before build',
          line(
            'before',
            `(p50 / p95 re-analysis ${median(runsOf.before.map((r) => r.reanalyseP50)).toFixed(2)} / ${median(runsOf.before.map((r) => r.reanalyseP95)).toFixed(2)} ms)`,
          ),
        ],
      ]
    : []),
  [
    'cold scan, no cache',
    line('noCache', '(targets: <= 1.2x the build before tree-sitter, issue 7, run it with --before; <= 1000 ms, issue 10)'),
  ],
  ...(before
    ? [
        [
          'cold scan without the code files, --before / now',
          `${wall('beforeNoCode').toFixed(0)} / ${wall('noCode').toFixed(0)} ms   (${(wall('noCode') / wall('beforeNoCode')).toFixed(2)}x)`,
        ],
        [
          'what reading the code files adds, --before / now',
          `${(wall('before') - wall('beforeNoCode')).toFixed(0)} / ${(wall('noCache') - wall('noCode')).toFixed(0)} ms   (of the cold scan: ${(((wall('before') - wall('beforeNoCode')) / wall('before')) * 100).toFixed(0)}% / ${(((wall('noCache') - wall('noCode')) / wall('noCache')) * 100).toFixed(0)}%)`,
        ],
      ]
    : []),
  ['cold scan, empty cache (fills it)', line('cold', '(as above)')],
  ['warm scan, unchanged tree', line('warm', '(target <= 2x rg)')],
  ['scan after one file changed on disk', line('changed', '(target <= 2x rg)')],
  ['warm, resident process: CLI scan --format json', residentLine('residentWarm')],
  ['one file changed, resident process: the same', residentLine('residentChanged')],
  [
    'peak RSS of the resident process',
    runsOf.residentRss.length ? `${Math.max(...runsOf.residentRss).toFixed(0)} MB   (its first scan included)` : 'n/a (no /proc)',
  ],
  ['files/s cold (no cache)', `${Math.round(fileCount / (wall('noCache') / 1000))}`],
  [
    're-analyse one changed file p50 / p95',
    `${median(runsOf.noCache.map((r) => r.reanalyseP50)).toFixed(2)} / ${median(runsOf.noCache.map((r) => r.reanalyseP95)).toFixed(2)} ms   (target p95 <= 10 ms; a line added above its settings: its facts change)`,
  ],
  [
    're-analyse an edit that changes no fact p50 / p95',
    `${median(runsOf.noCache.map((r) => r.reanalyseSameP50 ?? NaN)).toFixed(2)} / ${median(runsOf.noCache.map((r) => r.reanalyseSameP95 ?? NaN)).toFixed(2)} ms   (a line added at the end)`,
  ],
  [
    'peak RSS of the scan, cold / warm',
    `${Math.max(...runsOf.noCache.map((r) => r.scanRssMb), ...runsOf.cold.map((r) => r.scanRssMb)).toFixed(0)} / ${Math.max(...runsOf.warm.map((r) => r.scanRssMb)).toFixed(0)} MB   (target <= 300 MB)`,
  ],
  [
    'peak RSS with every grammar and the edits',
    `${Math.max(...runsOf.noCache.map((r) => r.maxRssMb)).toFixed(0)} MB   (the re-analysis run above, as an editor's index holds it)`,
  ],
  ['found', `${last.services} services, ${last.refs} connection strings, ${last.findings} findings`],
];
for (const k of ['cold', 'warm', 'changed']) {
  const r = runsOf[k][runsOf[k].length - 1];
  if (r.refs !== last.refs || r.findings !== last.findings)
    rows.push([`MISMATCH (${k})`, `${r.refs} connection strings, ${r.findings} findings`]);
}
for (const m of residentMismatches) rows.push([`MISMATCH (resident ${m})`, 'its answer differs from the in-process run']);
const w = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
