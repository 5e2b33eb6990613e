// Reads many files on both cores: a worker thread takes every other file while this thread reads the
// rest. Small trees stay on one thread (starting a worker and its parser costs ~100 ms).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FileReader, type FileOutcome, type ReadOptions } from './readFile';

const MIN_FILES_FOR_WORKER = 3000;

/** Outcomes in the order of `files`. */
export async function readAll(files: Array<{ file: string; abs: string }>, options: ReadOptions): Promise<FileOutcome[]> {
  const reader = new FileReader(options);
  const script = workerScript();
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const single = process.env.KAFKA_CUTOVER_SCAN_THREADS === '1';
  if (single || files.length < MIN_FILES_FOR_WORKER || cores < 2 || !script) return files.map((f) => reader.read(f.file, f.abs));

  const theirs = files.filter((_, i) => i % 2 === 1);
  const worker = new Worker(script, { workerData: { files: theirs, options } });
  const remote = new Promise<FileOutcome[]>((resolve, reject) => {
    worker.once('message', (m: FileOutcome[] | { error: string }) => ('error' in m ? reject(new Error(m.error)) : resolve(m)));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`scan worker exited with code ${code}`)));
  });
  const mine = files.filter((_, i) => i % 2 === 0).map((f) => reader.read(f.file, f.abs));
  let other: FileOutcome[];
  try {
    other = await remote;
  } catch {
    // A worker that fails (no worker support in a host, out of memory) must not fail the scan.
    other = theirs.map((f) => reader.read(f.file, f.abs));
  } finally {
    void worker.terminate();
  }
  const out: FileOutcome[] = new Array(files.length);
  mine.forEach((o, i) => (out[i * 2] = o));
  other.forEach((o, i) => (out[i * 2 + 1] = o));
  return out;
}

/** The worker's script: beside the bundle (`dist/scan-worker.js`), or compiled beside this module. */
function workerScript(): string | undefined {
  for (const candidate of [path.join(__dirname, 'scan-worker.js'), path.join(__dirname, 'worker.js'), path.join(__dirname, 'scan', 'worker.js')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}
