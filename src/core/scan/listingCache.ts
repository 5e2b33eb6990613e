// The persistent store of folder listings (discover/walk.ts's FolderListings): on a second scan of an
// unchanged tree the walk stats each folder instead of listing it and matching every entry against the
// ignore rules (on the bench tree, 8,560 folders: ~130 ms of readdir and ~35 ms of ignore matching).
// One file per root and set of ignore globs, beside the scan cache, trusted on the same terms: a
// folder's stat taken within RACY_MS before the walk that saw it started is listed again. The file: one
// JSON header line, then one JSON line per folder; written whole (temp file, rename); a torn, corrupt or
// other-engine file is ignored and replaced, never an error.
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import type { FolderListing, FolderListings, ListingItem } from '../discover/walk';
import { pruneRootFolder, readLinesFile, rootCacheDir, writeLinesFile, type CacheOptions } from './cache';
import { trustedSince, type Fingerprint } from './fingerprint';

export const LISTING_FORMAT = 'kafka-cutover-folder-listings/1';

interface Header {
  format: string;
  engine: string;
  root: string;
  ignores: string[];
  /** Wall clock when the walk that wrote it started. */
  scannedAt: number;
  folders: number;
}

type FpArray = [number, number, number, number];
/** A listing item as stored: a fingerprint as an array. */
type StoredItem = Exclude<ListingItem, ['s', ...unknown[]]> | ['s', string, 0 | 1, FpArray, 0 | 1];
type Line = [string, number, number, number, number, 0 | 1, FpArray | null, 0 | 1, StoredItem[]];

export class ListingCache implements FolderListings {
  readonly file: string;
  /** Why the file was not used (absent, torn, corrupt, another engine, format or root). */
  rejected: string | undefined;
  private readonly prior = new Map<string, { listing: FolderListing; line: string }>();
  private readonly seen = new Map<string, FolderListing>();
  private scannedAt = 0;
  private readonly startedAt: number;

  constructor(
    readonly root: string,
    private readonly key: { engine: string; ignores: string[] },
    options: CacheOptions,
  ) {
    const ignoresKey = crypto.createHash('sha1').update(JSON.stringify(key.ignores)).digest('hex').slice(0, 16);
    this.file = path.join(rootCacheDir(options.dir, root), `walk-${ignoresKey}.jsonl`);
    this.startedAt = (options.now ?? Date.now)();
  }

  load(): this {
    const read = readLinesFile<Header>(
      this.file,
      (header) =>
        header.format !== LISTING_FORMAT
          ? 'another format'
          : header.engine !== this.key.engine
            ? 'another engine'
            : header.root !== this.root || JSON.stringify(header.ignores) !== JSON.stringify(this.key.ignores)
              ? 'another root'
              : undefined,
      (header) => header.folders,
    );
    if ('rejected' in read) return this.reject(read.rejected);
    try {
      for (const line of read.lines) {
        const listing = listingOf(JSON.parse(line) as unknown);
        if (!listing) return this.reject('corrupt');
        this.prior.set(listing.dir, { listing: listing.listing, line });
      }
    } catch {
      return this.reject('corrupt');
    }
    this.scannedAt = read.header.scannedAt;
    return this;
  }

  private reject(why: string): this {
    this.prior.clear();
    this.rejected = why;
    return this;
  }

  get(relDir: string): FolderListing | undefined {
    return this.prior.get(relDir)?.listing;
  }

  trusted(fp: Fingerprint): boolean {
    return trustedSince(fp, this.scannedAt);
  }

  set(relDir: string, listing: FolderListing): void {
    this.seen.set(relDir, listing);
  }

  /** Writes this walk's listings; nothing when every folder's listing is the one read. Never throws. */
  save(): boolean {
    let changed = this.scannedAt === 0 || this.seen.size !== this.prior.size;
    const lines: string[] = [];
    for (const [dir, listing] of this.seen) {
      const prior = this.prior.get(dir);
      if (prior?.listing === listing) lines.push(prior.line);
      else {
        changed = true;
        lines.push(JSON.stringify(lineOf(dir, listing)));
      }
    }
    if (!changed) return false;
    const header: Header = {
      format: LISTING_FORMAT,
      engine: this.key.engine,
      root: this.root,
      ignores: this.key.ignores,
      scannedAt: this.startedAt,
      folders: lines.length,
    };
    if (!writeLinesFile(this.file, header, lines)) return false;
    pruneRootFolder(path.dirname(this.file), this.file, 'walk-');
    return true;
  }
}

const fpArray = (fp: Fingerprint): FpArray => [fp.size, fp.mtimeMs, fp.ctimeMs, fp.ino];

function lineOf(dir: string, l: FolderListing): Line {
  const items = l.items.map((item): StoredItem => (item[0] === 's' ? ['s', item[1], item[2], fpArray(item[3]), item[4]] : item));
  const { size, mtimeMs, ctimeMs, ino } = l.folder;
  return [dir, size, mtimeMs, ctimeMs, ino, l.inLanguage ? 1 : 0, l.gitignore ? fpArray(l.gitignore) : null, l.languageDir ? 1 : 0, items];
}

const isNum = (v: unknown): v is number => typeof v === 'number';
const isStr = (v: unknown): v is string => typeof v === 'string';
const isBit = (v: unknown): v is 0 | 1 => v === 0 || v === 1;

function fpOf(v: unknown): Fingerprint | undefined {
  if (!Array.isArray(v) || v.length !== 4 || !v.every(isNum)) return undefined;
  return { size: v[0], mtimeMs: v[1], ctimeMs: v[2], ino: v[3] };
}

/** A line read back, checked item by item: a corrupt file must not steer the walk. */
function listingOf(v: unknown): { dir: string; listing: FolderListing } | undefined {
  if (!Array.isArray(v) || v.length !== 9) return undefined;
  const [dir, size, mtimeMs, ctimeMs, ino, inLanguage, gitignoreArr, languageDir, rawItems] = v as unknown[];
  if (!isStr(dir) || !isNum(size) || !isNum(mtimeMs) || !isNum(ctimeMs) || !isNum(ino) || !isBit(inLanguage) || !isBit(languageDir))
    return undefined;
  const gitignore = gitignoreArr === null ? null : fpOf(gitignoreArr);
  if (gitignore === undefined || !Array.isArray(rawItems)) return undefined;
  // Checked in place; only a sniffed file's stat is turned back into an object.
  const items = rawItems as unknown[][];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (!Array.isArray(it)) return undefined;
    const [tag, name] = it;
    if (!isStr(name) || name.includes('/') || name === '' || name === '.' || name === '..') return undefined;
    if (tag === 'd' || tag === 'm') {
      if (it.length !== 2) return undefined;
    } else if (tag === 'f') {
      if (it.length !== 3 || !isBit(it[2])) return undefined;
    } else if (tag === 'x') {
      if (it.length !== 3 || !isStr(it[2])) return undefined;
    } else if (tag === 's') {
      const fp = it.length === 5 && isBit(it[2]) && isBit(it[4]) ? fpOf(it[3]) : undefined;
      if (!fp) return undefined;
      it[3] = fp;
    } else return undefined;
  }
  return {
    dir,
    listing: {
      folder: { size, mtimeMs, ctimeMs, ino },
      inLanguage: inLanguage === 1,
      gitignore,
      languageDir: languageDir === 1,
      items: items as ListingItem[],
    },
  };
}
