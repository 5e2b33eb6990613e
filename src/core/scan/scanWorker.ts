// A scan worker's thread: reads and extracts the chunks of files the main thread posts (readAll.ts),
// with the same FileReader, and posts back plain data (facts as JSON text).
import { parentPort } from 'node:worker_threads';
import { ensureFormatsReady } from '../extract/code/grammars';
import { formatOf } from '../extract';
import { FileReader, forWorker } from './readFile';
import type { FromWorker, ToWorker } from './pool';

let reader: FileReader | undefined;
let ready: Promise<void> = Promise.resolve();

parentPort?.on('message', (msg: ToWorker) => {
  if (msg.type === 'init') {
    reader = new FileReader({ knownHosts: msg.knownHosts, hashes: msg.hashes });
    return;
  }
  if (msg.type === 'prepare') {
    // A failure shows where it matters: the chunk that needs the grammar awaits it again.
    ensureFormatsReady(msg.formats).catch(() => undefined);
    return;
  }
  // Chunks are handled one after another, in the order posted.
  ready = ready
    .then(() => runChunk(msg.id, msg.tasks))
    .catch((err: unknown) => {
      parentPort?.postMessage({
        type: 'failed',
        id: msg.id,
        message: err instanceof Error ? err.message : String(err),
      } satisfies FromWorker);
    });
});

async function runChunk(id: number, tasks: Extract<ToWorker, { type: 'chunk' }>['tasks']): Promise<void> {
  if (!reader) throw new Error('scan worker: no init');
  await ensureFormatsReady(tasks.map((t) => formatOf(t.file) ?? 'other'));
  const results = tasks.map((t) => forWorker(reader!.scan(t.file, t.abs, t.prior, t.trusted, true)));
  parentPort?.postMessage({ type: 'done', id, results } satisfies FromWorker);
}
