// Scan workers: threads that read and extract chunks of files while the main thread does the same,
// returning plain data (facts as JSON text: structured cloning the objects cost the main thread ~5×
// what JSON.parse does, measured on the bench tree). The worker script sits beside the bundle
// (dist/scanWorker.js) or, unbundled, beside this file (out/src/core/scan/scanWorker.js); without it
// the scan runs in the main thread alone.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EntryMeta } from './cache';
import type { Scanned } from './readFile';

export interface Task {
  file: string;
  abs: string;
  prior?: EntryMeta;
  trusted: boolean;
}

export type ToWorker =
  | { type: 'init'; knownHosts: string[]; hashes: boolean }
  /** Load the grammars of these formats now: chunks of them are coming. */
  | { type: 'prepare'; formats: string[] }
  | { type: 'chunk'; id: number; tasks: Task[] };
export type FromWorker = { type: 'done'; id: number; results: Scanned[] } | { type: 'failed'; id: number; message: string };

export function workerScript(): string | undefined {
  const beside = path.join(__dirname, 'scanWorker.js');
  return fs.existsSync(beside) ? beside : undefined;
}

/** A set of scan workers; `run` hands a chunk to the least busy one. */
export class ScanWorkers {
  private readonly workers: Array<{ worker: Worker; busy: number }> = [];
  private readonly waiting = new Map<number, { resolve: (r: Scanned[]) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private broken: Error | undefined;

  private constructor(script: string, count: number, knownHosts: string[], hashes: boolean) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script);
      // A worker must never keep a CLI run alive, nor outlive its scan.
      worker.unref();
      const slot = { worker, busy: 0 };
      worker.on('message', (msg: FromWorker) => {
        slot.busy--;
        const waiting = this.waiting.get(msg.id);
        this.waiting.delete(msg.id);
        if (msg.type === 'done') waiting?.resolve(msg.results);
        else waiting?.reject(new Error(msg.message));
      });
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => code !== 0 && this.fail(new Error(`scan worker exited with code ${code}`)));
      worker.postMessage({ type: 'init', knownHosts, hashes } satisfies ToWorker);
      this.workers.push(slot);
    }
  }

  /** Undefined when the worker script is not there (unbundled without a compiled worker). */
  static start(count: number, knownHosts: string[], hashes = true): ScanWorkers | undefined {
    const script = workerScript();
    if (!script || count <= 0) return undefined;
    try {
      return new ScanWorkers(script, count, knownHosts, hashes);
    } catch {
      return undefined;
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Chunks in flight on the least busy worker. */
  get leastBusy(): number {
    return Math.min(...this.workers.map((w) => w.busy));
  }

  get failed(): boolean {
    return this.broken !== undefined;
  }

  run(tasks: Task[]): Promise<Scanned[]> {
    if (this.broken) return Promise.reject(this.broken);
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      slot.worker.postMessage({ type: 'chunk', id, tasks } satisfies ToWorker);
    });
  }

  /** Each worker starts loading the grammars of these formats (a chunk of them waits for them anyway). */
  prepare(formats: string[]): void {
    if (this.broken || !formats.length) return;
    for (const { worker } of this.workers) worker.postMessage({ type: 'prepare', formats } satisfies ToWorker);
  }

  private fail(err: Error): void {
    this.broken ??= err;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  close(): void {
    for (const { worker } of this.workers) void worker.terminate();
    this.workers.length = 0;
  }
}
