// The persistent scan cache: each file's outcome (its facts, or that it has none) from the last scan of
// a root, so an unchanged file is not read again. One file per root in the user's cache folder, never
// in the repository. Trust, per entry:
// - size + mtime + ctime + inode as the stat saw them. ctime cannot be set back by a tool (utimes sets it
//   to now), so a content change with size and mtime restored still changes the fingerprint.
// - A file changed within RACY_MS before the scan that cached it (or during it) may change again in
//   the same timestamp tick: its fingerprint is not trusted (git's "racily clean" entries).
// - In an editor's index a file with facts is read anyway (it keeps the text for rewrites): its bytes
//   are compared by hash, so facts are never served for bytes other than those they were read from. A
//   one-shot scan (the CLI) trusts its fingerprint as for any file, and a rewrite that asks for the text
//   reads it then, checked against the same hash (RepositoryIndex.scannedText). Files the byte
//   prefilter rejected carry no hash: reading and prefiltering again costs what hashing costs.
// The file: one JSON header line, then one JSON line per entry (an unchanged entry's line is written
// back as read). Written to a temp file and renamed: a racing run's file wins whole, never mixed; a
// torn, corrupt or other-engine file is ignored (and replaced), never an error.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileFacts } from '../model/types';
import { sameFingerprint, trustedSince, type Fingerprint } from './fingerprint';

export const CACHE_FORMAT = 'kafka-cutover-scan-cache/1';
/** A root's cache file above this is not written (a repository this large is read cold each time). */
export const MAX_CACHE_BYTES = 256 * 1024 * 1024;
/** Roots kept under the cache folder; the least recently scanned beyond this are removed. */
export const MAX_ROOTS = 32;

export interface CacheOptions {
  /** The folder that holds one sub-folder per root (defaultCacheDir()). */
  dir: string;
  /** Wall clock in ms (tests move it to make fresh files trusted). */
  now?: () => number;
}

/** What a file turned out to be. `binary` is skipped as binary content; too-large and unreadable files are not cached. */
export type EntryKind = 'facts' | 'nothing' | 'binary';

export interface EntryMeta extends Fingerprint {
  kind: EntryKind;
  /** SHA-1 of the bytes, for files that reached an extractor. */
  hash?: string;
}

export interface CacheEntry extends EntryMeta {
  facts?: FileFacts;
  /** The line as read, written back when the entry is unchanged. */
  line?: string;
}

/**
 * The user's cache folder for this tool (XDG on Linux, Library/Caches on macOS, LOCALAPPDATA on Windows),
 * from the given environment only; undefined when it names no home (then nothing is cached).
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (process.platform === 'win32') {
    const local = env.LOCALAPPDATA || (env.USERPROFILE && path.join(env.USERPROFILE, 'AppData', 'Local'));
    return local ? path.join(local, 'kafka-cutover', 'Cache') : undefined;
  }
  if (process.platform !== 'darwin' && env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME))
    return path.join(env.XDG_CACHE_HOME, 'kafka-cutover');
  if (!env.HOME) return undefined;
  return process.platform === 'darwin'
    ? path.join(env.HOME, 'Library', 'Caches', 'kafka-cutover')
    : path.join(env.HOME, '.cache', 'kafka-cutover');
}

export function hashBytes(buf: Buffer): string {
  return crypto.createHash('sha1').update(buf).digest('base64');
}

declare const KAFKA_CUTOVER_VERSION: string | undefined;
declare const KAFKA_CUTOVER_ENGINE: string | undefined;
let devEngineKey: string | undefined;

/**
 * What the cached facts were extracted by. A bundle names its version and a hash of the engine's sources
 * and locked dependencies (scripts/build.mjs), so the CLI and the extension of one build share a cache
 * and any change to an extractor invalidates it; unbundled (tests), a hash of the compiled engine.
 */
export function engineKey(): string {
  if (typeof KAFKA_CUTOVER_ENGINE === 'string') return KAFKA_CUTOVER_ENGINE;
  devEngineKey ??= `${typeof KAFKA_CUTOVER_VERSION === 'string' ? KAFKA_CUTOVER_VERSION : '0.0.0'}-dev+${compiledTreeHash(path.join(__dirname, '..'))}`;
  return devEngineKey;
}

/** A hash of the compiled scripts under a folder, in a fixed order: what an unbundled build is keyed on. */
export function compiledTreeHash(root: string): string {
  const hash = crypto.createHash('sha1');
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.name.endsWith('.js')) hash.update(e.name).update(fs.readFileSync(abs));
    }
  };
  walk(root);
  return hash.digest('hex').slice(0, 16);
}

/** Everything besides a file's own bytes and path that changes what the reader makes of it. */
export function readerKey(knownHosts: readonly string[]): string {
  return crypto
    .createHash('sha1')
    .update(JSON.stringify([...knownHosts].sort()))
    .digest('hex')
    .slice(0, 16);
}

interface Header {
  format: string;
  engine: string;
  reader: string;
  root: string;
  /** Wall clock when the scan that wrote it started (entries changed after RACY_MS before it are not trusted). */
  scannedAt: number;
  entries: number;
}

/** One root's cache: loaded whole at scan start, written whole (when anything changed) after it. */
export class ScanCache {
  readonly file: string;
  private readonly entries = new Map<string, CacheEntry>();
  private scannedAt = 0;
  /** Why the cache file was not used (absent, corrupt, another engine), for logs and tests. */
  rejected: string | undefined;
  readonly startedAt: number;

  constructor(
    readonly root: string,
    private readonly key: { engine: string; reader: string },
    readonly options: CacheOptions,
  ) {
    // One file per set of known hosts: a zero-config scan (init) does not throw away the manifest's.
    this.file = path.join(this.dir(), `scan-${key.reader}.jsonl`);
    this.startedAt = this.now();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private base(): string {
    return this.options.dir;
  }

  private dir(): string {
    return rootCacheDir(this.base(), this.root);
  }

  /** Reads the root's cache file; anything unreadable or foreign leaves the cache empty. */
  load(): this {
    const read = readLinesFile<Header>(
      this.file,
      (header) =>
        header.format !== CACHE_FORMAT
          ? 'another format'
          : header.engine !== this.key.engine
            ? 'another engine'
            : header.reader !== this.key.reader
              ? 'other known hosts'
              : header.root !== this.root
                ? 'another root'
                : undefined,
      (header) => header.entries,
    );
    if ('rejected' in read) return this.reject(read.rejected);
    try {
      for (const line of read.lines) {
        const [file, size, mtimeMs, ctimeMs, ino, hash, kind, facts] = JSON.parse(line) as [
          string,
          number,
          number,
          number,
          number,
          string,
          EntryKind,
          FileFacts?,
        ];
        if (
          typeof file !== 'string' ||
          typeof size !== 'number' ||
          typeof mtimeMs !== 'number' ||
          typeof ctimeMs !== 'number' ||
          typeof ino !== 'number'
        )
          return this.reject('corrupt');
        if (kind !== 'facts' && kind !== 'nothing' && kind !== 'binary') return this.reject('corrupt');
        if (kind === 'facts' && (!facts || typeof facts !== 'object' || facts.file !== file || !hash)) return this.reject('corrupt');
        // One object shape for every entry (spreads made several): the scan's stat checks read them all.
        this.entries.set(file, { size, mtimeMs, ctimeMs, ino, kind, hash: hash || undefined, facts: facts ?? undefined, line });
      }
      this.scannedAt = read.header.scannedAt;
    } catch {
      return this.reject('corrupt');
    }
    return this;
  }

  private reject(why: string): this {
    this.entries.clear();
    this.rejected = why;
    return this;
  }

  get size(): number {
    return this.entries.size;
  }

  get(file: string): CacheEntry | undefined {
    return this.entries.get(file);
  }

  /** Whether an entry's fingerprint alone may be trusted (not changed near or after the scan that cached it). */
  trusted(entry: Fingerprint): boolean {
    return trustedSince(entry, this.scannedAt);
  }

  /**
   * Writes the outcome of this scan, in the scan's file order; nothing when every entry is as read.
   * Never throws: a cache that cannot be written is a slower next scan, not an error.
   */
  save(results: Array<{ file: string; meta?: EntryMeta; factsJson?: string }>): boolean {
    // Too-large and unreadable files have no entry: they are looked at afresh each time.
    let changed = results.filter((r) => r.meta).length !== this.entries.size || this.scannedAt === 0;
    const lines: string[] = [];
    let bytes = 0;
    for (const { file, meta, factsJson } of results) {
      if (!meta) {
        changed ||= this.entries.has(file);
        continue;
      }
      const prior = this.entries.get(file);
      let line: string;
      if (prior?.line && sameMeta(prior, meta)) line = prior.line;
      else {
        changed = true;
        const head = JSON.stringify([file, meta.size, meta.mtimeMs, meta.ctimeMs, meta.ino, meta.hash ?? '', meta.kind]);
        line = meta.kind === 'facts' ? `${head.slice(0, -1)},${factsJson ?? JSON.stringify(prior?.facts)}]` : head;
      }
      bytes += line.length;
      if (bytes > MAX_CACHE_BYTES) return false;
      lines.push(line);
    }
    if (!changed) return false;
    const header: Header = {
      format: CACHE_FORMAT,
      engine: this.key.engine,
      reader: this.key.reader,
      root: this.root,
      scannedAt: this.startedAt,
      entries: lines.length,
    };
    const dir = this.dir();
    if (!writeLinesFile(this.file, header, lines)) return false;
    pruneRootFolder(dir, this.file, 'scan-');
    pruneRoots(this.base(), dir);
    return true;
  }
}

/** The folder under the cache folder that holds one root's cache files. */
export function rootCacheDir(base: string, root: string): string {
  return path.join(base, crypto.createHash('sha256').update(root).digest('hex').slice(0, 24));
}

/**
 * A cache file: one JSON header line, then one line per entry, the last one ended by a newline (so a
 * file cut short has fewer complete lines than its header says). The header and the lines, or why the
 * file cannot be used: 'absent', 'torn', 'corrupt', or what `foreign` says of the header.
 */
export function readLinesFile<H extends { scannedAt: number }>(
  file: string,
  foreign: (header: H) => string | undefined,
  count: (header: H) => number,
): { header: H; lines: string[] } | { rejected: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { rejected: 'absent' };
  }
  try {
    const lines = text.split('\n');
    const header = JSON.parse(lines[0]) as H;
    const why = foreign(header);
    if (why) return { rejected: why };
    if (typeof header.scannedAt !== 'number') return { rejected: 'corrupt' };
    const n = count(header);
    if (lines.length !== n + 2 || lines[lines.length - 1] !== '') return { rejected: 'torn' };
    return { header, lines: lines.slice(1, n + 1) };
  } catch {
    return { rejected: 'corrupt' };
  }
}

/**
 * Writes a cache file whole: to a temp file, then renamed over it (a racing run's file wins whole, never
 * mixed). False when it cannot be written: a slower next scan, not an error.
 */
export function writeLinesFile(file: string, header: object, lines: string[]): boolean {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, `${JSON.stringify(header)}\n${lines.join('\n')}${lines.length ? '\n' : ''}`);
    fs.renameSync(tmp, file);
    return true;
  } catch {
    fs.rmSync(tmp, { force: true });
    return false;
  }
}

function sameMeta(a: EntryMeta, b: EntryMeta): boolean {
  return sameFingerprint(a, b) && a.kind === b.kind && (a.hash ?? '') === (b.hash ?? '');
}

/** Keeps the cache folder bounded: the MAX_ROOTS most recently written roots stay. */
function pruneRoots(base: string, keep: string): void {
  try {
    const roots = fs
      .readdirSync(base, { withFileTypes: true })
      .filter((e) => e.isDirectory() && /^[0-9a-f]{24}$/.test(e.name))
      .map((e) => path.join(base, e.name))
      .filter((d) => d !== keep)
      .map((d) => ({ d, t: mtimeOf(d) }))
      .sort((a, b) => b.t - a.t);
    for (const { d } of roots.slice(MAX_ROOTS - 1)) fs.rmSync(d, { recursive: true, force: true });
  } catch {
    // Another run pruning at the same time, or no permission: the bound is kept next time.
  }
}

/** One kind's cache files (by name prefix) beyond the 3 newest, and temp files of runs killed while writing. */
export function pruneRootFolder(dir: string, keep: string, kind: string): void {
  try {
    const cutoff = Date.now() - 10 * 60_000;
    const files = fs.readdirSync(dir).map((name) => path.join(dir, name));
    for (const f of files) if (f.endsWith('.tmp') && mtimeOf(f) < cutoff) fs.rmSync(f, { force: true });
    const caches = files
      .filter((f) => path.basename(f).startsWith(kind) && !f.endsWith('.tmp') && f !== keep)
      .sort((a, b) => mtimeOf(b) - mtimeOf(a));
    for (const f of caches.slice(2)) fs.rmSync(f, { force: true });
  } catch {
    // Best effort, as above.
  }
}

function mtimeOf(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
