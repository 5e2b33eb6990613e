// What an edit costs the extension host once the engine sends views as deltas (src/vscode/engine/viewDelta.ts):
// the shipped engine worker scans a tree, then takes five edits of one file (its first port changed and put
// back, in turn); for each the parts sent and reused, the bytes the host receives and its time to decode
// them. Build first (node scripts/build.mjs).
//   node scripts/bench/view-delta.cjs [tree, default bench-tmp/fleet-1000x20] [file, default: the first that names a source broker]
const { Worker } = require('node:worker_threads');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { deserialize } = require('node:v8');
const { performance } = require('node:perf_hooks');

const root = path.resolve(__dirname, '../..');
const dir = path.resolve(process.argv[2] ?? path.join(root, 'bench-tmp/fleet-1000x20'));
const file =
  process.argv[3] ??
  path.relative(
    dir,
    execFileSync('rg', ['-l', '-F', ':9092', path.join(dir, 'services')], { maxBuffer: 1 << 28 })
      .toString()
      .split('\n')
      .filter(Boolean)
      .sort()[0],
  );
const worker = new Worker(path.join(root, 'dist/engineWorker.js'));
let nextId = 0;
const waiting = new Map();
worker.on('message', (m) => {
  const w = waiting.get(m.id);
  if (!w) return;
  if (m.type === 'part') {
    w.bytes += m.bytes.byteLength;
    const started = performance.now();
    deserialize(Buffer.from(m.bytes));
    w.decodeMs += performance.now() - started;
    return;
  }
  if (m.type === 'samePart') return;
  waiting.delete(m.id);
  if (m.type !== 'reply') throw new Error(JSON.stringify(m));
  w.resolve({ ...m.result, bytes: w.bytes, decodeMs: w.decodeMs });
});
const send = (request) =>
  new Promise((resolve) => {
    const id = ++nextId;
    waiting.set(id, { resolve, bytes: 0, decodeMs: 0 });
    worker.postMessage({ type: 'request', id, request });
  });
const line = (what, r) =>
  `${what.padEnd(10)} parts sent ${String(r.partsSent).padStart(3)}, reused ${String(r.partsReused).padStart(3)}; ${(r.bytes / 1e6).toFixed(2)} MB to the host, decoded in ${r.decodeMs.toFixed(1)} ms`;

(async () => {
  await send({ kind: 'open', folder: 'f', root: dir, options: { cache: false } });
  const scan = await send({ kind: 'scan', folder: 'f' });
  console.log(`${dir}, editing ${file}`);
  console.log(line('scan', scan));
  const original = fs.readFileSync(path.join(dir, file), 'utf8');
  let base = scan.view;
  for (let i = 0; i < 5; i++) {
    const text = i % 2 ? original : original.replace(':9092', ':9094');
    const edit = await send({ kind: 'update', folder: 'f', changes: [[file, text]], base });
    base = edit.view;
    console.log(line(`edit ${i + 1}`, edit));
  }
  await worker.terminate();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
