// The messages between the extension host and the engine worker (dist/engineWorker.js). The worker keeps
// the index (facts and scanned texts); the host gets a view-only analysis in parts (so no single message
// blocks its event loop while it is decoded) and edits computed on request. No `vscode` import: both
// sides compile it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { BrokerRef, ConsumerGroupUse, Direction, FileFormat, Problem, RecordableEdit, RuleId, Severity, TextEdit } from '../../core';

/** A folder's index in the worker, named by the host (the folder's URI). */
export type FolderKey = string;

export interface FolderOptions {
  manifestPath?: string;
  exclude?: string[];
  severities?: Partial<Record<RuleId, Severity | 'off'>>;
  /** The per-file scan cache in the user's cache folder (the machine setting kafkaCutover.cache.enabled). */
  cache?: boolean;
}

/** A changed file: buffer text, `undefined` to re-read the disk, `null` when deleted. */
export type FileChange = [rel: string, text: string | undefined | null];

/** What a cutover command asks the worker to rewrite (the guard and the service choice stay on the host). */
export interface CutoverEditRequest {
  services: string[];
  env: string;
  direction: Direction;
}

/** A quick fix the host asks for: a finding of ours at its 1-based start. */
export interface FixQuery {
  rule: RuleId;
  line: number;
  column: number;
}

export type Request =
  | { kind: 'open'; folder: FolderKey; root: string; options: FolderOptions }
  | { kind: 'close'; folder: FolderKey }
  | ({ kind: 'scan'; folder: FolderKey } & ViewBase)
  | ({ kind: 'update'; folder: FolderKey; changes: FileChange[] } & ViewBase)
  | ({ kind: 'severities'; folder: FolderKey; severities: FolderOptions['severities'] } & ViewBase)
  | { kind: 'cutoverEdits'; folder: FolderKey; request: CutoverEditRequest }
  /** The fixes on offer (titles only, from the model): nothing is edited until one is picked. */
  | { kind: 'fixes'; folder: FolderKey; file: string; queries: FixQuery[] }
  /** The edits of the one fix picked, against the index as it is now (undefined: nothing left to change). */
  | { kind: 'resolveFix'; folder: FolderKey; file: string; query: FixQuery; fix: FixKind }
  | { kind: 'manifestText'; root: string; exclude: string[] }
  /** Whether the index has facts for a file (a created file it lacks may need a rescan). */
  | { kind: 'known'; folder: FolderKey; file: string };

export type RequestKind = Request['kind'];

/** What a request that answers with a view names: the view the host holds, which the answer may refer to (viewDelta.ts). */
export interface ViewBase {
  /** Set by EngineClient.analyse, not by callers. */
  base?: number;
}

/** Host -> worker. */
export type ToWorker = { type: 'request'; id: number; request: Request } | { type: 'cancel'; id: number };

/**
 * Worker -> host: parts of a view analysis come before the reply of the request they answer, each a
 * v8-serialized ViewPart in a transferred buffer: the host decodes them one slice per turn of its event
 * loop (a port delivers every queued message in one go, so structured clones would decode in one block).
 */
export type FromWorker =
  | { type: 'part'; id: number; index: number; bytes: ArrayBuffer }
  /** Part `index` is the same as part `index` of the host's view `base` (viewDelta.ts). */
  | { type: 'samePart'; id: number; index: number; base: number }
  | { type: 'reply'; id: number; result: unknown }
  | { type: 'cancelled'; id: number }
  | { type: 'failed'; id: number; error: WireError };

export interface WireError {
  message: string;
  /** The manifest was rejected: its problems are shown on the manifest, not as a crash. */
  manifestProblems?: Problem[];
  stack?: string;
}

/** One slice of the view analysis: a path into it and the items (arrays are sent in slices). */
export interface ViewPart {
  path: string[];
  /** Array slices append; anything else is set. */
  items?: unknown[];
  value?: unknown;
}

/** What `scan`, `update` and `severities` answer with (the analysis itself came in parts). */
export interface AnalysedReply {
  /** False when the changes touched no file the scan reads (no new analysis was sent). */
  analysed: boolean;
  /** The number of the view that came in parts, when one did. */
  view?: number;
  /** Of its parts, how many were sent as references to the base view. */
  partsReused?: number;
  partsSent?: number;
  folder: FolderInfo;
  /** Milliseconds the worker spent, for the log. */
  workerMs: number;
  /** CPU milliseconds of the worker's thread for it (Linux; undefined elsewhere): its cost on a busy machine. */
  workerCpuMs?: number;
  /** How the last full scan read the files (how many the cache answered), for the log. */
  scanStats?: { files: number; fromCache: number; cache: string };
}

/** The folder's index as the host needs it without the facts. */
export interface FolderInfo {
  root: string;
  manifestPath: string;
  zeroConfig: boolean;
  /** Files with facts. */
  fileCount: number;
}

/** A file's facts as the host keeps them: only the consumer groups (live checks point at them). */
export interface GroupFacts {
  file: string;
  format: FileFormat;
  groups: ConsumerGroupUse[];
}

/** Edits by file with the digest of each file's text as scanned (the host refuses when a buffer differs). */
export interface EditsReply {
  byFile: Array<[string, RecordableEdit[]]>;
  digests: Record<string, string>;
  skipped: Array<{ ref: Pick<BrokerRef, 'file' | 'range'>; reason: string }>;
  services: string[];
}

/** A quick fix as data: the host words its title. */
export type FixKind =
  | { kind: 'rewrite-ref'; env?: string }
  | { kind: 'rewrite-file' }
  | { kind: 'migrate-service'; service: string; env: string }
  | { kind: 'offset-reset' }
  | { kind: 'auth-port' }
  | { kind: 'security'; from: string; to: string }
  | { kind: 'declare-topic'; topic: string; file: string };

/** A fix as offered: enough for the menu; its edits come with `resolveFix`. */
export interface FixOffer {
  /** Which query (index) it answers. */
  query: number;
  fix: FixKind;
  preferred: boolean;
  /** Ask before applying (the refactor preview). */
  confirm: boolean;
}

export interface FixData extends FixOffer {
  edits: EditsReply;
  /** The updated kafka-cutover.undo.json, written with a whole-service move. */
  undoRecord?: string;
}

/** Nanoseconds the calling thread has run on a CPU (Linux's schedstat), or undefined where the kernel does not say. */
export function threadCpuNs(): number | undefined {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
}

/** Digest of a text, the same on both sides. */
export function digestOf(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export function toEdits(edits: ReadonlyMap<string, readonly TextEdit[]>): Array<[string, TextEdit[]]> {
  return [...edits].map(([file, list]) => [file, [...list]]);
}
