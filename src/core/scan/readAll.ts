// Reads every discovered file, against the scan cache when there is one, on the main thread and on
// scan workers when there is enough to extract. Reads are synchronous on purpose: measured on the
// 2-core bench machine (18k files), readFileSync took ~120 ms where 32 callback reads in flight took
// ~280 ms and promise reads ~800 ms. The outcome of a file does not depend on who read it: results are
// put back in file order, and a worker's facts are the same JSON the cache keeps.
import { availableParallelism } from 'node:os';
import { formatOf } from '../extract';
import { ensureFormatsReady, grammarsLoadedFor, needsCodeGrammar } from '../extract/code/grammars';
import type { FileFacts, FileFormat } from '../model/types';
import type { EntryMeta, ScanCache } from './cache';
import { ScanWorkers, type Task } from './pool';
import { FileReader, type FileOutcome, type ReadOptions, type Scanned } from './readFile';

/** Files to read or extract below which 'auto' uses no worker (starting one costs ~0.1–0.2 s). */
export const AUTO_WORKER_MIN_FILES = 1500;
const CHUNK = 128;

export interface ReadAllOptions extends ReadOptions {
  cache?: ScanCache;
  /** Worker threads: a number, or 'auto' (the spare cores, at most 3, when there is enough to do). */
  workers?: number | 'auto';
  /** Workers already started (EarlyWorkers): used instead of starting any; closed when the read ends. */
  started?: ScanWorkers;
}

/** A file with cached facts that the scan trusted by its fingerprint and did not read: its text is read on demand, checked against `hash`. */
export type UnreadFacts = { file: string; kind: 'unread'; facts: FileFacts; hash: string };

export interface ReadAllResult {
  outcomes: Array<FileOutcome | UnreadFacts>;
  /** What the cache keeps of each file (for ScanCache.save), in file order. */
  entries: Array<{ file: string; meta?: EntryMeta; factsJson?: string }>;
  stats: ScanStats;
}

export interface ScanStats {
  files: number;
  /** Files whose cached outcome stood (unchanged fingerprint, or unchanged bytes). */
  fromCache: number;
  /** Files that went through an extractor. */
  extracted: number;
  /** Scan workers used (0: the main thread alone). */
  workers: number;
}

/**
 * How many workers 'auto' means on this machine: the spare cores, at most 3 (0 on one core). Measured on
 * the 2-core bench machine, cold scan of the bench tree: with the machine at load ~8, one worker cut the
 * wall time by 20–50% (13.4 → 10.6, 14.6 → 11.1, 13.3 → 6.5 s) for ~0.7 s more CPU (a second isolate
 * boots, compiles its grammars and JITs the extractors); at load 12–24 it gained nothing.
 */
export function autoWorkers(): number {
  return Math.max(0, Math.min(3, availableParallelism() - 1));
}

/**
 * 'auto' workers for a scan that reads every file (no cache, or an empty one), started while the tree
 * is still walked: once the walk has found AUTO_WORKER_MIN_FILES files, they boot (~0.1–0.2 s) beside
 * the rest of the walk instead of after it, and load the grammars of the code files it finds (the
 * code files are theirs first: scanTasks). readAll({ started }) then uses them; close() is for a scan
 * that fails before it gets there.
 */
export class EarlyWorkers {
  private found = 0;
  private workers: ScanWorkers | undefined;
  /** Every format the walk has met; the code ones are what the workers prepare. */
  private readonly formats = new Set<FileFormat>();

  constructor(
    private readonly knownHosts: string[],
    private readonly hashes: boolean,
  ) {}

  /** For discover(): one more file to read. */
  readonly onFile = (format: FileFormat): void => {
    if (!this.formats.has(format)) {
      this.formats.add(format);
      if (needsCodeGrammar(format)) this.workers?.prepare([format]);
    }
    if (++this.found === AUTO_WORKER_MIN_FILES) {
      this.workers = ScanWorkers.start(autoWorkers(), this.knownHosts, this.hashes);
      this.workers?.prepare([...this.formats].filter(needsCodeGrammar));
    }
  };

  get started(): ScanWorkers | undefined {
    return this.workers;
  }

  close(): void {
    this.workers?.close();
  }
}

/** A task in this thread's queue: its place in the outcomes, and its format (read once: formatOf is path work). */
type QueuedTask = Task & { index: number; format: string };

/** Outcomes in the order of `files`. */
export async function readAll(files: Array<{ file: string; abs: string }>, options: ReadAllOptions): Promise<ReadAllResult> {
  const { cache } = options;
  const reader = new FileReader({ ...options, hashes: !!cache });
  const json = !!cache;
  const scanned: Array<Scanned | undefined> = new Array(files.length);
  const tasks: Array<QueuedTask> = [];
  const deferredFormats = new Set<string>();
  let grammars: Promise<void> | undefined;
  let loaded = false;
  for (let index = 0; index < files.length; index++) {
    const f = files[index];
    const prior = cache?.get(f.file);
    const trusted = !!prior && cache!.trusted(prior);
    if (!trusted) {
      tasks.push({ file: f.file, abs: f.abs, prior, trusted: false, index, format: formatOf(f.file) ?? 'other' });
      continue;
    }
    // A trusted entry costs a stat (with facts and without lazyText, a read and a hash too): done here, not worth posting.
    const s = (scanned[index] = reader.scan(f.file, f.abs, prior, true, json));
    // A changed file whose grammar is not loaded: its wasm compiles on V8's threads while this loop
    // stats the rest, and the loop yields now and then so the loading's steps go on (one changed .nomad
    // on the bench tree idled the thread ~0.1 s at the end).
    if (s.kind === 'defer' && !deferredFormats.has(s.format)) {
      deferredFormats.add(s.format);
      loaded = false;
      grammars = ensureFormatsReady(deferredFormats).then(
        () => void (loaded = true),
        () => void (loaded = true),
      );
    }
    if (grammars && !loaded && index % 256 === 0) await new Promise((resolve) => setImmediate(resolve));
  }

  const wanted = options.workers ?? 'auto';
  // Started once the work is known (unless they were during the walk): a worker boots (~0.1–0.2 s)
  // while the main thread reads its first chunks.
  const count = wanted === 'auto' ? (tasks.length >= AUTO_WORKER_MIN_FILES ? autoWorkers() : 0) : wanted;
  const workers = options.started ?? (count > 0 && tasks.length ? ScanWorkers.start(count, options.knownHosts, !!cache) : undefined);
  const workerCount = workers?.size ?? 0;
  try {
    await scanTasks(tasks, scanned, reader, json, workers);
  } finally {
    workers?.close();
  }

  // A file whose grammar was not loaded when it was reached (an entry whose bytes changed unseen).
  const deferred = scanned.flatMap((s, i) => (s?.kind === 'defer' ? [i] : []));
  if (deferred.length) {
    await ensureFormatsReady(deferred.map((i) => formatOf(files[i].file) ?? 'other'));
    for (const i of deferred) scanned[i] = reader.scan(files[i].file, files[i].abs, undefined, false, json);
  }

  const outcomes: ReadAllResult['outcomes'] = [];
  const entries: ReadAllResult['entries'] = [];
  const stats: ScanStats = { files: files.length, fromCache: 0, extracted: 0, workers: workerCount };
  scanned.forEach((s, i) => {
    const file = files[i].file;
    if (!s || s.kind === 'defer') throw new Error(`scan: ${file} was not read`);
    if (s.same) stats.fromCache++;
    else if (s.meta?.hash !== undefined) stats.extracted++;
    if (s.kind === 'unread') {
      outcomes.push({ file, kind: 'unread', facts: cache!.get(file)!.facts!, hash: s.meta.hash! });
      entries.push({ file, meta: s.meta });
      return;
    }
    if (s.kind === 'facts') {
      const facts: FileFacts = s.same ? cache!.get(file)!.facts! : (s.facts ?? (JSON.parse(s.factsJson!) as FileFacts));
      outcomes.push({ file, kind: 'facts', facts, text: s.text });
      entries.push({ file, meta: s.meta, factsJson: s.factsJson });
      return;
    }
    outcomes.push(s.kind === 'skipped' ? { file, kind: 'skipped', reason: s.reason } : { file, kind: 'nothing' });
    entries.push({ file, meta: s.meta });
  });
  return { outcomes, entries, stats };
}

/**
 * The main thread and the workers take chunks from one queue; each worker keeps two in hand so it is
 * never idle while the main thread is busy with its own chunk. A failed worker's chunks are redone here.
 * The queue holds the files read without a code grammar first and code files last: the main thread
 * works from the front and the workers from the back, so each thread mostly warms up (JIT, wasm) its
 * own extractors rather than all of them, and the main thread loads a code grammar only if it gets
 * that far.
 */
async function scanTasks(
  tasks: Array<QueuedTask>,
  out: Array<Scanned | undefined>,
  reader: FileReader,
  json: boolean,
  workers: ScanWorkers | undefined,
): Promise<void> {
  const code: typeof tasks = [];
  const rest: typeof tasks = [];
  for (const t of tasks) (needsCodeGrammar(t.format) ? code : rest).push(t);
  // Where the two ends meet, a thread reads formats it has not warmed up (JIT, grammar): grouped by
  // format, the largest groups at the meeting point, it warms up as few of them as it can.
  groupByFormat(rest, 'largest last');
  groupByFormat(code, 'largest first');
  // The grammars this thread will need start loading at once (V8 compiles on background threads).
  const settled = new Set<string>();
  const load = (formats: string[]) =>
    ensureFormatsReady(formats)
      .catch(() => undefined)
      .then(() => formats.forEach((f) => settled.add(f)));
  void load((workers ? rest : tasks).map((t) => t.format));
  const queue: Array<Array<QueuedTask>> = [];
  for (const list of [rest, code]) for (let i = 0; i < list.length; i += CHUNK) queue.push(list.slice(i, i + CHUNK));
  const inFlight: Array<Promise<void>> = [];
  const waiting: Array<QueuedTask> = [];
  let waited = false;
  // Resolves when a worker hands a chunk back (this thread may then hand it another).
  let wake = () => {};
  const woken = () => new Promise<void>((resolve) => (wake = resolve));
  const handOut = () => {
    while (workers && !workers.failed && workers.leastBusy < 2 && queue.length) {
      const chunk = queue.pop()!; // from the end: the main thread works from the front
      inFlight.push(
        workers.run(chunk.map(({ index: _, format: _format, ...t }) => t)).then(
          (results) => {
            results.forEach((r, j) => (out[chunk[j].index] = r));
            wake();
          },
          () => {
            queue.push(chunk);
            wake();
          },
        ),
      );
    }
  };
  for (;;) {
    handOut();
    const chunk = queue.shift();
    if (!chunk && waiting.length) {
      await ensureFormatsReady(waiting.map((t) => t.format));
      const aside = waiting.splice(0);
      for (let i = 0; i < aside.length; i += CHUNK) queue.push(aside.slice(i, i + CHUNK));
      // Put aside once only: a grammar that still is not there makes a 'defer', loaded after the loop.
      waited = true;
      continue;
    }
    if (!chunk) {
      if (!inFlight.length) break;
      // Wait for the workers; a failed chunk comes back to the queue.
      await Promise.all(inFlight.splice(0));
      continue;
    }
    // Code files this thread has no grammar for yet, with workers taking the rest of the queue: the
    // grammar loads while they go on, and the chunk waits at the front (put aside, it would keep
    // every code chunk behind it from the workers).
    const unloaded = waited ? [] : [...new Set(chunk.map((t) => t.format))].filter((f) => !grammarsLoadedFor(f) && !settled.has(f));
    if (unloaded.length && workers && !workers.failed && queue.length) {
      queue.unshift(chunk);
      await Promise.race([load(unloaded), woken()]);
      continue;
    }
    // Files whose grammar is still compiling are put aside until the queue is empty, so the thread
    // reads the rest (YAML, properties, ...) meanwhile instead of idling: ~0.35 s of a cold scan of
    // the bench tree on the main thread alone.
    for (const t of chunk) {
      if (waited || grammarsLoadedFor(t.format)) out[t.index] = reader.scan(t.file, t.abs, t.prior, t.trusted, json);
      else waiting.push(t);
    }
    // Let the workers' results in and hand them more.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Sorts tasks into runs of one format, ordered by the run's size; file order within a run. */
function groupByFormat(tasks: QueuedTask[], order: 'largest first' | 'largest last'): void {
  const sizes = new Map<string, number>();
  for (const t of tasks) sizes.set(t.format, (sizes.get(t.format) ?? 0) + 1);
  const sign = order === 'largest first' ? -1 : 1;
  tasks.sort(
    (a, b) =>
      sign * (sizes.get(a.format)! - sizes.get(b.format)!) || (a.format < b.format ? -1 : a.format > b.format ? 1 : 0) || a.index - b.index,
  );
}
