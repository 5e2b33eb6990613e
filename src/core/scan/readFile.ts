// Reading one file for the scan: size limit, binary check, the byte-level prefilter, extraction.
// Pure with respect to the workspace, so the main thread and a scan worker run the same code.
import * as fs from 'node:fs';
import { extractFile, formatOf } from '../extract';
import { grammarsLoadedFor } from '../extract/code/grammars';
import { Prefilter } from '../extract/prefilter';
import { looksBinary } from '../extract/text';
import type { FileFacts } from '../model/types';
import type { TerraformFileFacts } from '../terraform/module';
import { hashBytes, type EntryMeta } from './cache';
import { fingerprintOf, sameFingerprint, type Fingerprint } from './fingerprint';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type FileOutcome =
  | { file: string; kind: 'facts'; facts: FileFacts; text: string }
  | { file: string; kind: 'nothing' }
  | { file: string; kind: 'skipped'; reason: string };

export interface ReadOptions {
  knownHosts: string[];
  /**
   * Hash the bytes of every extracted file (default true): only a scan cache reads the hashes. Without
   * one, an extracted file's hash is '' (a hash still marks it as extracted).
   */
  hashes?: boolean;
  /**
   * A file with cached facts whose fingerprint is trusted is not read (its text is read on demand, and
   * checked against the hash: RepositoryIndex.scannedText). Default false: an editor keeps every text.
   */
  lazyText?: boolean;
}

/**
 * One file's outcome in a scan, with what the cache keeps of it. `same`: the bytes are those the cache
 * entry was made from, so its outcome stands (a 'facts' result then carries no facts: the caller holds
 * them). `unread`: as `same`, known by the fingerprint alone (the file was not read). `defer`: the file
 * needs a code grammar that is not loaded yet (the caller loads it, asks again).
 * Plain data: a scan worker posts it as it is.
 */
export type Scanned =
  | { file: string; kind: 'facts'; text: string; same: boolean; meta: EntryMeta; facts?: FileFacts; factsJson?: string }
  | { file: string; kind: 'unread'; same: true; meta: EntryMeta }
  | { file: string; kind: 'nothing'; same: boolean; meta?: EntryMeta }
  | { file: string; kind: 'skipped'; reason: string; same: boolean; meta?: EntryMeta }
  | { file: string; kind: 'defer'; format: string };

/** What a worker posts of a result: facts as JSON text only (cloning the objects costs the receiver more). */
export function forWorker(s: Scanned): Scanned {
  if (s.kind !== 'facts' || s.facts === undefined || s.factsJson === undefined) return s;
  const { facts: _facts, ...rest } = s;
  return rest;
}

export class FileReader {
  private readonly prefilter: Prefilter;
  private readonly knownHosts: Set<string>;
  private readonly hashes: boolean;
  private readonly lazyText: boolean;

  constructor(opts: ReadOptions) {
    this.knownHosts = new Set(opts.knownHosts);
    this.hashes = opts.hashes ?? true;
    this.lazyText = opts.lazyText ?? false;
    this.prefilter = new Prefilter(this.knownHosts);
  }

  /** Reads one file synchronously (an editor's single-file update). */
  read(file: string, abs: string): FileOutcome {
    let loaded: Buffer | 'too-large' | NodeJS.ErrnoException;
    try {
      const read = readLimited(abs, MAX_FILE_BYTES);
      loaded = read === 'too-large' ? read : read.buf;
    } catch (err) {
      loaded = err as NodeJS.ErrnoException;
    }
    return this.fromBytes(file, loaded);
  }

  fromBytes(file: string, loaded: Buffer | 'too-large' | NodeJS.ErrnoException): FileOutcome {
    if (loaded === 'too-large') return { file, kind: 'skipped', reason: 'larger than 2 MB' };
    if (!Buffer.isBuffer(loaded)) return { file, kind: 'skipped', reason: `unreadable: ${loaded.code ?? String(loaded)}` };
    const buf = loaded;
    // A NUL byte marks a binary file (checked natively, for every file, so none is skipped silently);
    // most source files in a monorepo never mention Kafka: skip them before decoding.
    const nul = buf.subarray(0, 8192).includes(0);
    if (!nul && !this.prefilter.mayMatter(formatOf(file)!, buf)) return { file, kind: 'nothing' };
    if (nul || looksBinary(buf)) return { file, kind: 'skipped', reason: 'binary content' };
    return this.extract(file, buf.toString('utf8'));
  }

  /**
   * Reads one file for a scan, against its cache entry (`prior`) when it has one: `trusted` when the
   * entry's fingerprint may stand for the bytes. `json`: facts come back as JSON text too (for the
   * cache file, and cheaper to post from a worker than the objects).
   */
  scan(file: string, abs: string, prior: EntryMeta | undefined, trusted: boolean, json: boolean): Scanned {
    if (prior && trusted && (prior.kind !== 'facts' || (this.lazyText && prior.hash))) {
      const st = statOf(abs);
      if (st && sameFingerprint(st, prior))
        return prior.kind === 'facts'
          ? { file, kind: 'unread', same: true, meta: prior }
          : prior.kind === 'binary'
            ? { file, kind: 'skipped', reason: 'binary content', same: true, meta: prior }
            : { file, kind: 'nothing', same: true, meta: prior };
    }
    let loaded: ReturnType<typeof readLimited> | NodeJS.ErrnoException;
    try {
      loaded = readLimited(abs, MAX_FILE_BYTES);
    } catch (err) {
      loaded = err as NodeJS.ErrnoException;
    }
    if (loaded === 'too-large' || loaded instanceof Error) return { ...this.fromBytes(file, loaded), same: false } as Scanned;
    const { buf, stat } = loaded;
    const format = formatOf(file)!;
    if (prior?.hash) {
      const hash = hashBytes(buf);
      if (hash === prior.hash) {
        const meta: EntryMeta = { ...stat, kind: prior.kind, hash };
        if (prior.kind === 'facts') return { file, kind: 'facts', text: buf.toString('utf8'), same: true, meta };
        return prior.kind === 'binary'
          ? { file, kind: 'skipped', reason: 'binary content', same: true, meta }
          : { file, kind: 'nothing', same: true, meta };
      }
    }
    const nul = buf.subarray(0, 8192).includes(0);
    if (!nul && !this.prefilter.mayMatter(format, buf)) return { file, kind: 'nothing', same: false, meta: { ...stat, kind: 'nothing' } };
    if (nul || looksBinary(buf)) return { file, kind: 'skipped', reason: 'binary content', same: false, meta: { ...stat, kind: 'binary' } };
    if (!grammarsLoadedFor(format)) return { file, kind: 'defer', format };
    const hash = this.hashes ? hashBytes(buf) : '';
    const outcome = this.extract(file, buf.toString('utf8'));
    if (outcome.kind !== 'facts') return { file, kind: 'nothing', same: false, meta: { ...stat, kind: 'nothing', hash } };
    const meta: EntryMeta = { ...stat, kind: 'facts', hash };
    // The objects stay beside their JSON: the main thread uses them as they are (parsing the JSON back
    // cost ~0.1 s of a cold scan with a cache); a worker posts the JSON only (forWorker()).
    return json
      ? { file, kind: 'facts', text: outcome.text, same: false, meta, facts: outcome.facts, factsJson: JSON.stringify(outcome.facts) }
      : { file, kind: 'facts', text: outcome.text, same: false, meta, facts: outcome.facts };
  }

  extract(file: string, text: string): FileOutcome {
    const facts = extractFile(file, text, { knownHosts: this.knownHosts });
    return isRelevant(facts) ? { file, kind: 'facts', facts, text } : { file, kind: 'nothing' };
  }
}

export function isRelevant(facts: FileFacts): boolean {
  return !!(
    facts.brokerRefs.length ||
    facts.topicUses.length ||
    facts.settings.length ||
    facts.offsetResets.length ||
    facts.groups.length ||
    facts.security.length ||
    facts.topicDecls.length ||
    facts.acls.length ||
    facts.mskClusters.length ||
    facts.problems.length ||
    // Terraform locals/variables with no resource of their own still feed for_each in sibling files.
    (facts as TerraformFileFacts).terraform !== undefined
  );
}

/** The file's bytes and its fingerprint as of the read, or 'too-large' without reading them when it is over `limit`. */
function readLimited(abs: string, limit: number): { buf: Buffer; stat: Fingerprint } | 'too-large' {
  const fd = fs.openSync(abs, 'r');
  try {
    const st = fs.fstatSync(fd);
    const size = st.size;
    if (size > limit) return 'too-large';
    const stat = fingerprintOf(st);
    const buf = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const n = fs.readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return { buf: off === size ? buf : buf.subarray(0, off), stat };
  } finally {
    fs.closeSync(fd);
  }
}

function statOf(abs: string): Fingerprint | undefined {
  try {
    const st = fs.statSync(abs, { throwIfNoEntry: false });
    return st?.isFile() ? fingerprintOf(st) : undefined;
  } catch {
    return undefined; // the read that follows says why
  }
}
