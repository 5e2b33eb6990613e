// The undo record: what `migrate` changed, byte for byte, so `rollback` can restore exactly that.
// Mapping target -> source by the manifest alone loses information (a lone source broker, a list order,
// a separator, more source than target brokers); the record keeps the original text instead. It is a
// file the team commits with the change (kafka-cutover.undo.json, format in docs/undo-record.md).
// Pure: text in, text and edits out. The CLI reads and writes the file; the extension can do the same
// through a TextEdit of the whole record.
import { createHash } from 'node:crypto';
import type { Problem, TextEdit } from '../model/common';
import { LineIndex } from '../extract/text';

export const UNDO_FILE = 'kafka-cutover.undo.json';

/** What an edit changed: a connection string's hosts, the security setting beside it, another setting (offset reset). */
export type UndoKind = 'brokers' | 'security' | 'setting';

/** One recorded edit. Offsets are 0-based UTF-16 offsets in the file's text after the edit (as scanned). */
export interface UndoEdit {
  offset: number;
  /** 1-based position of `after`, for people reading the record and for messages. */
  line: number;
  column: number;
  /** The text before migrate. */
  before: string;
  /** The text migrate wrote; rollback restores `before` only where this is still in place. */
  after: string;
  kind: UndoKind;
  service?: string;
  environment?: string;
  /**
   * Up to 40 characters before `after` on its line, as migrate left them: where a later hand edit moved
   * the text, rollback finds the edit again by `context + after` (the occurrence nearest its offset).
   */
  context?: string;
}

export interface UndoFile {
  /** sha256 (hex) of the file's text after the last recorded write: a mismatch means it changed since. */
  sha256: string;
  edits: UndoEdit[];
}

export interface UndoRecord {
  version: 1;
  /** By path relative to the repository root, `/` separators. */
  files: Record<string, UndoFile>;
}

/** An edit as migrate produced it, with what the record keeps about its owner. */
export interface RecordableEdit extends TextEdit {
  kind: UndoKind;
  service?: string;
  environment?: string;
}

export function emptyUndoRecord(): UndoRecord {
  return { version: 1, files: {} };
}

export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Reads a record; a malformed one is a problem with a place, and an empty record to go on with. */
export function parseUndoRecord(text: string, file = UNDO_FILE): { record: UndoRecord; problems: Problem[] } {
  const problem = (message: string): { record: UndoRecord; problems: Problem[] } => ({
    record: emptyUndoRecord(),
    problems: [{ file, line: 1, column: 1, severity: 'error', message }],
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return problem(`not valid JSON: ${(err as Error).message}`);
  }
  if (!isObject(data) || data.version !== 1 || !isObject(data.files))
    return problem('not an undo record (expected { "version": 1, "files": { ... } })');
  const files: Record<string, UndoFile> = {};
  for (const [name, entry] of Object.entries(data.files)) {
    if (!isObject(entry) || typeof entry.sha256 !== 'string' || !Array.isArray(entry.edits) || !entry.edits.every(isUndoEdit)) {
      return problem(`${name}: not a recorded file (expected { "sha256": "...", "edits": [ ... ] })`);
    }
    files[name] = { sha256: entry.sha256, edits: entry.edits as UndoEdit[] };
  }
  return { record: { version: 1, files }, problems: [] };
}

/** Stable text: files sorted, edits by offset, two-space indent, final newline (diffs stay small). */
export function serializeUndoRecord(record: UndoRecord): string {
  const files: Record<string, UndoFile> = {};
  for (const name of Object.keys(record.files).sort()) {
    const f = record.files[name];
    files[name] = { sha256: f.sha256, edits: [...f.edits].sort((a, b) => a.offset - b.offset).map(orderedEdit) };
  }
  return JSON.stringify({ version: 1, files }, null, 2) + '\n';
}

export function isEmptyRecord(record: UndoRecord): boolean {
  return Object.keys(record.files).length === 0;
}

/**
 * The record after `edits` turned `before` into `after` (one file). Earlier entries of the file move with
 * the text (an edit before them shifts their offsets); an edit that lands on an earlier entry's text
 * (a second migrate after a hand change put a source host back) replaces that entry: what was there just
 * before this write is what rollback must bring back.
 */
export function recordEdits(record: UndoRecord, file: string, before: string, after: string, edits: readonly RecordableEdit[]): UndoRecord {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset).filter((e) => before.slice(e.offset, e.offset + e.length) !== e.newText);
  if (sorted.length === 0) return record;
  const index = new LineIndex(after);
  const fresh: UndoEdit[] = [];
  let delta = 0;
  for (const e of sorted) {
    const at = e.offset + delta;
    const pos = index.position(at);
    const entry: UndoEdit = {
      offset: at,
      line: pos.line,
      column: pos.column,
      before: before.slice(e.offset, e.offset + e.length),
      after: e.newText,
      kind: e.kind,
    };
    if (e.service) entry.service = e.service;
    if (e.environment) entry.environment = e.environment;
    fresh.push(entry);
    delta += e.newText.length - e.length;
  }
  const kept: UndoEdit[] = [];
  for (const old of record.files[file]?.edits ?? []) {
    // Where the old entry's text is now, in `after`; dropped when an edit overlapped it.
    const oldStart = old.offset;
    const oldEnd = old.offset + old.after.length;
    const overlapping = sorted.filter((e) => e.offset < oldEnd && oldStart < e.offset + e.length);
    if (overlapping.length) continue;
    const shift = sorted.filter((e) => e.offset + e.length <= oldStart).reduce((s, e) => s + e.newText.length - e.length, 0);
    const pos = index.position(oldStart + shift);
    kept.push({ ...old, offset: oldStart + shift, line: pos.line, column: pos.column });
  }
  // Every entry's context as this write leaves the line (an edit before it on its line changed it).
  const entries = [...kept, ...fresh].sort((a, b) => a.offset - b.offset).map((e) => ({ ...e, context: contextBefore(after, e.offset) }));
  return withFile(record, file, { sha256: textHash(after), edits: entries });
}

const CONTEXT_CHARS = 40;

function contextBefore(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return text.slice(Math.max(lineStart, offset - CONTEXT_CHARS), offset);
}

/**
 * Where an entry's new text is now: at its offset, else (the file changed since) the occurrence of
 * `context + after` nearest to where the previous entries moved, after `from`. Undefined when gone.
 */
function locate(text: string, e: UndoEdit, shift: number, from: number): number | undefined {
  if (e.offset >= from && text.startsWith(e.after, e.offset)) return e.offset;
  if (e.context === undefined) return undefined;
  const needle = e.context + e.after;
  const expected = e.offset + shift;
  let best: number | undefined;
  for (let i = text.indexOf(needle, Math.max(0, from - e.context.length)); i >= 0; i = text.indexOf(needle, i + 1)) {
    const at = i + e.context.length;
    if (at < from) continue;
    if (best === undefined || Math.abs(at - expected) < Math.abs(best - expected)) best = at;
    if (at > expected) break;
  }
  return best;
}

export interface RestorePlan {
  /** Edits against the file's current text that restore the recorded originals still in place. */
  edits: TextEdit[];
  /** The entries those edits undo. */
  undone: UndoEdit[];
  /** Entries in scope whose new text is no longer where migrate wrote it: nothing restored for them. */
  gone: UndoEdit[];
  /** The file's text is not what the last recorded write left (changed by hand or by another tool since). */
  changedSince: boolean;
}

/** What rollback restores from the record in one file, for the entries `inScope` selects. */
export function restoreEdits(record: UndoRecord, file: string, text: string, inScope: (e: UndoEdit) => boolean): RestorePlan {
  const entry = record.files[file];
  const plan: RestorePlan = { edits: [], undone: [], gone: [], changedSince: false };
  if (!entry) return plan;
  plan.changedSince = entry.sha256 !== textHash(text);
  const index = new LineIndex(text);
  let shift = 0;
  let from = 0;
  for (const e of [...entry.edits].sort((a, b) => a.offset - b.offset)) {
    if (!inScope(e)) continue;
    const at = plan.changedSince ? locate(text, e, shift, from) : text.startsWith(e.after, e.offset) ? e.offset : undefined;
    if (at === undefined) {
      plan.gone.push(e);
      continue;
    }
    plan.edits.push(index.edit(file, at, e.after.length, e.before));
    plan.undone.push(e);
    shift = at - e.offset;
    from = at + e.after.length;
  }
  return plan;
}

/**
 * The record after rollback applied `restored` (edits against `before`, giving `after`) to one file and
 * undid `forget`: those entries go, the others move with the text; a file with no entries left goes.
 */
export function forgetEdits(
  record: UndoRecord,
  file: string,
  after: string,
  restored: readonly TextEdit[],
  forget: readonly UndoEdit[],
): UndoRecord {
  const entry = record.files[file];
  if (!entry) return record;
  const dropped = new Set(forget);
  const left = entry.edits.filter((e) => !dropped.has(e));
  if (left.length === 0) return withFile(record, file, undefined);
  const index = new LineIndex(after);
  const moved = left.map((e) => {
    const shift = restored.filter((r) => r.offset + r.length <= e.offset).reduce((s, r) => s + r.newText.length - r.length, 0);
    const pos = index.position(e.offset + shift);
    return { ...e, offset: e.offset + shift, line: pos.line, column: pos.column, context: contextBefore(after, e.offset + shift) };
  });
  return withFile(record, file, { sha256: textHash(after), edits: moved });
}

function withFile(record: UndoRecord, file: string, entry: UndoFile | undefined): UndoRecord {
  const files = { ...record.files };
  if (entry) files[file] = entry;
  else delete files[file];
  return { version: 1, files };
}

function orderedEdit(e: UndoEdit): UndoEdit {
  const out: UndoEdit = { offset: e.offset, line: e.line, column: e.column, before: e.before, after: e.after, kind: e.kind };
  if (e.service) out.service = e.service;
  if (e.environment) out.environment = e.environment;
  if (e.context !== undefined) out.context = e.context;
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isUndoEdit(v: unknown): boolean {
  return (
    isObject(v) &&
    Number.isInteger(v.offset) &&
    (v.offset as number) >= 0 &&
    Number.isInteger(v.line) &&
    Number.isInteger(v.column) &&
    typeof v.before === 'string' &&
    typeof v.after === 'string' &&
    (v.kind === 'brokers' || v.kind === 'security' || v.kind === 'setting') &&
    (v.service === undefined || typeof v.service === 'string') &&
    (v.environment === undefined || typeof v.environment === 'string') &&
    (v.context === undefined || typeof v.context === 'string')
  );
}
