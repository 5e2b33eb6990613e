// Stats a list of files on a helper thread while the caller's thread does something else (refresh()
// walks the folders meanwhile). On a VM a stat is a slow system call (~5 µs; ~90 ms for the bench tree's
// 18k files), and it waits on the kernel, not on JavaScript: a second thread halves what is left.
// One helper serves the process, started on first use; it keeps the process alive only while it has work.
import { Worker } from 'node:worker_threads';
import type { Fingerprint } from './fingerprint';

/** The helper's whole program: stat each path, four numbers per file into shared memory (NaN: no file). */
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
parentPort.on('message', ({ id, paths, out }) => {
  const f = new Float64Array(out);
  for (let i = 0; i < paths.length; i++) {
    const st = fs.statSync(paths[i], { throwIfNoEntry: false });
    if (st) { f[i * 4] = st.size; f[i * 4 + 1] = st.mtimeMs; f[i * 4 + 2] = st.ctimeMs; f[i * 4 + 3] = st.ino; }
    else f[i * 4] = NaN;
  }
  parentPort.postMessage(id);
});
`;

let helper: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, () => void>();

function started(): Worker {
  if (helper) return helper;
  const worker = new Worker(SOURCE, { eval: true });
  worker.on('message', (id: number) => {
    waiting.get(id)?.();
    waiting.delete(id);
    if (!waiting.size) worker.unref();
  });
  // A helper that fails leaves its callers to stat on their own thread.
  const fail = () => {
    if (helper === worker) helper = undefined;
    for (const done of waiting.values()) done();
    waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', fail);
  helper = worker;
  return worker;
}

/**
 * Starts statting the files on the helper; the result, awaited, has a fingerprint per path (undefined:
 * no such file now). Any path the helper did not answer (it failed) is statted on this thread then.
 */
export function statOnHelper(
  paths: readonly string[],
  statHere: (abs: string) => Fingerprint | undefined,
): Promise<Array<Fingerprint | undefined>> {
  const out = new SharedArrayBuffer(paths.length * 4 * 8);
  const f = new Float64Array(out);
  // Unanswered slots stay -1 in size: a stat never gives that.
  for (let i = 0; i < paths.length; i++) f[i * 4] = -1;
  const id = nextId++;
  const answered = new Promise<void>((resolve) => waiting.set(id, resolve));
  try {
    const worker = started();
    // Referenced while it has work: an awaited answer keeps the process alive, an idle helper does not.
    worker.ref();
    worker.postMessage({ id, paths, out });
  } catch {
    waiting.get(id)?.();
    waiting.delete(id);
  }
  return answered.then(() =>
    paths.map((abs, i) => {
      const size = f[i * 4];
      if (size === -1) return statHere(abs);
      if (Number.isNaN(size)) return undefined;
      return { size, mtimeMs: f[i * 4 + 1], ctimeMs: f[i * 4 + 2], ino: f[i * 4 + 3] };
    }),
  );
}
