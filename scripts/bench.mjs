// `npm run bench`: a synthetic monorepo (default 1,000 services, ~20k files), scanned cold in a fresh
// process, compared in the same run with ripgrep searching the same tree for the broker hosts.
// Figures are ratios against rg measured here and now, since the machines are noisy.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
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
  execFileSync(process.execPath, [path.join(root, 'scripts/gen-fleet.mjs'), dir, '--services', String(services), '--files-per-service', String(filesPerService), '--seed', '1'], { stdio: 'inherit' });
}
const fileCount = Number(execFileSync('bash', ['-c', `find "${dir}" -type f | wc -l`]).toString().trim());
const bytes = Number(execFileSync('bash', ['-c', `du -sb "${dir}" | cut -f1`]).toString().trim());

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

const rgTimes = [];
const scanRuns = [];
const child = (env) => {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/bench/scan-child.cjs'), dir, '100'], { maxBuffer: 1 << 26, env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(r.stderr.toString());
    process.exit(1);
  }
  return JSON.parse(r.stdout.toString());
};
for (let i = 0; i < runs; i++) {
  // Interleave the two so both sees the same cache state and machine load.
  rgTimes.push(time(() => spawnSync('rg', rgArgs, { maxBuffer: 1 << 28 })).ms);
  scanRuns.push(child({}));
}
const scanWall = median(scanRuns.map((r) => r.coldMs));
const rgWall = median(rgTimes);
const p95 = median(scanRuns.map((r) => r.reanalyseP95));
const p50 = median(scanRuns.map((r) => r.reanalyseP50));
const last = scanRuns[scanRuns.length - 1];
const rows = [
  ['tree', `${services} services, ${fileCount} files, ${(bytes / 1048576).toFixed(1)} MB`],
  [`cold scan, process wall (median of ${runs})`, `${scanWall.toFixed(0)} ms   (target <= 2000 ms)`],
  ['files/s', `${Math.round(fileCount / (scanWall / 1000))}`],
  ['rg for the broker hosts (median)', `${rgWall.toFixed(0)} ms`],
  ['scan / rg', `${(scanWall / rgWall).toFixed(2)}x   (target <= 3x)`],
  ['re-analyse one changed file p50 / p95', `${p50.toFixed(2)} / ${p95.toFixed(2)} ms   (target p95 <= 10 ms)`],
  ['peak RSS', `${Math.max(...scanRuns.map((r) => r.maxRssMb)).toFixed(0)} MB   (target <= 300 MB)`],
  ['found', `${last.services} services, ${last.refs} connection strings, ${last.findings} findings`],
];
const w = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
