// A scan worker: reads and extracts its share of the files, and posts the outcomes back in one message.
import { parentPort, workerData } from 'node:worker_threads';
import { ensureHclReady } from '../extract';
import { FileReader, type ReadOptions } from './readFile';

interface Job {
  files: Array<{ file: string; abs: string }>;
  options: ReadOptions;
}

async function main(): Promise<void> {
  const job = workerData as Job;
  await ensureHclReady();
  const reader = new FileReader(job.options);
  parentPort!.postMessage(job.files.map((f) => reader.read(f.file, f.abs)));
}

main().catch((err: unknown) => parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) }));
