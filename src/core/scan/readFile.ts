// Reading one file for the scan: size limit, binary check, the byte-level prefilter, extraction.
// Pure with respect to the workspace, so the main thread and a scan worker run the same code.
import * as fs from 'node:fs';
import { extractFile, formatOf } from '../extract';
import { Prefilter } from '../extract/prefilter';
import { looksBinary } from '../extract/text';
import type { FileFacts } from '../model/types';
import type { TerraformFileFacts } from '../terraform/module';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type FileOutcome =
  | { file: string; kind: 'facts'; facts: FileFacts; text: string }
  | { file: string; kind: 'nothing' }
  | { file: string; kind: 'skipped'; reason: string };

export interface ReadOptions {
  knownHosts: string[];
}

export class FileReader {
  private readonly prefilter: Prefilter;
  private readonly knownHosts: Set<string>;

  constructor(opts: ReadOptions) {
    this.knownHosts = new Set(opts.knownHosts);
    this.prefilter = new Prefilter(this.knownHosts);
  }

  /** Reads one file synchronously (an editor's single-file update). */
  read(file: string, abs: string): FileOutcome {
    let loaded: Buffer | 'too-large' | NodeJS.ErrnoException;
    try {
      loaded = readLimited(abs, MAX_FILE_BYTES);
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

  extract(file: string, text: string): FileOutcome {
    const facts = extractFile(file, text, { knownHosts: this.knownHosts });
    return isRelevant(facts) ? { file, kind: 'facts', facts, text } : { file, kind: 'nothing' };
  }
}

export function isRelevant(facts: FileFacts): boolean {
  return !!(
    facts.brokerRefs.length || facts.topicUses.length || facts.settings.length || facts.offsetResets.length ||
    facts.groups.length || facts.security.length || facts.topicDecls.length || facts.acls.length || facts.mskClusters.length || facts.problems.length ||
    // Terraform locals/variables with no resource of their own still feed for_each in sibling files.
    (facts as TerraformFileFacts).terraform !== undefined
  );
}

/** The file's bytes, or 'too-large' without reading them when it is over `limit`. */
function readLimited(abs: string, limit: number): Buffer | 'too-large' {
  const fd = fs.openSync(abs, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size > limit) return 'too-large';
    const buf = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const n = fs.readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return off === size ? buf : buf.subarray(0, off);
  } finally {
    fs.closeSync(fd);
  }
}
