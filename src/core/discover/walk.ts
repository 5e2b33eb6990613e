// Walks a repository: honours .gitignore files (nested ones too) and the manifest's ignore globs,
// skips dependency and tool folders, and reports what it skips for size or content.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { formatOf } from '../extract';
import type { FileFormat } from '../model/types';
import { fingerprintOf, sameFingerprint, type Fingerprint } from '../scan/fingerprint';
import { fixtureMatcher, isComposeFile } from './scope';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
export const SKIP_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.terraform',
  'vendor',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '__pycache__',
  'target',
  'build',
  'dist',
  '.gradle',
  '.idea',
  '.next',
  '.cache',
]);

export interface DiscoveredFile {
  /** Relative to the root, `/` separators. */
  file: string;
  abs: string;
}

export interface Discovery {
  files: DiscoveredFile[];
  /** Folders whose marker files say "this is a service": a language manifest or a deploy file. */
  markers: Map<string, Set<string>>;
  skipped: Array<{ file: string; reason: string }>;
  /** Folders read afresh, and folders whose last listing stood (with `listings`). */
  folders?: { listed: number; reused: number };
}

export const LANGUAGE_MARKERS: ReadonlySet<string> = new Set([
  'package.json',
  'go.mod',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'requirements.txt',
  'pyproject.toml',
  'setup.py',
  'Pipfile',
  'Cargo.toml',
]);
export const DEPLOY_MARKERS: ReadonlySet<string> = new Set([
  'Dockerfile',
  'Chart.yaml',
  'Procfile',
  'kustomization.yaml',
  'kustomization.yml',
]);
const NOMAD_JOB = /\.nomad(\.hcl)?$/;
/** A Kubernetes workload: a service runs it (a ConfigMap or a Service alone does not make one). */
const WORKLOAD_KIND = /^kind:[ \t]*["']?(Deployment|StatefulSet|CronJob|DaemonSet|Job)["']?[ \t]*(#.*)?$/m;
/** A compose service built from this folder's sources (a stack of images only is a dev or infra stack). */
const COMPOSE_BUILD = /^[ \t]+build:/m;
const SNIFF_BYTES = 16 * 1024;

/** A .gitignore's rules for the paths below its folder; compiled only when a path is asked about. */
interface Layer {
  dir: string;
  ignores(sub: string): boolean;
}

function layerOf(dir: string, ig: Ignore): Layer {
  return { dir, ignores: (sub) => ig.ignores(sub) };
}

/**
 * A folder's listing as a walk found it, for the next walk to reuse while the folder is unchanged: a
 * folder's mtime and ctime change when an entry is added, removed or renamed in it (file contents are
 * checked by the reads that follow, not here). What else decides the listing is part of it: the
 * .gitignore's stat, whether a folder above is a language service, and the stat of each file whose
 * first bytes made it a marker or not.
 */
export interface FolderListing {
  folder: Fingerprint;
  inLanguage: boolean;
  /** The folder's own .gitignore's stat; null when it has none. */
  gitignore: Fingerprint | null;
  /** This folder holds a language manifest, or one above does. */
  languageDir: boolean;
  /** The entries the walk kept, in the order it met them (skipped folders and ignored paths left out). */
  items: ListingItem[];
}

/**
 * `d`: a folder walked; `f`: a file read (1: also a marker); `m`: a marker of no known format; `x`: a
 * test fixture skipped by a glob; `s`: a file whose first bytes were sniffed (included, its stat, marker).
 */
export type ListingItem =
  ['d', string] | ['f', string, 0 | 1] | ['m', string] | ['x', string, string] | ['s', string, 0 | 1, Fingerprint, 0 | 1];

/** Listings kept between walks (a persistent store: scan/listingCache). */
export interface FolderListings {
  get(relDir: string): FolderListing | undefined;
  /** Whether a stat may stand for what was seen (not changed within the clock's granularity of the walk that saw it). */
  trusted(fp: Fingerprint): boolean;
  /** Every folder this walk listed, reused or not. */
  set(relDir: string, listing: FolderListing): void;
}

/**
 * Reads the tree under `root`. `extraIgnore` are gitignore-syntax globs relative to the root. With
 * `listings`, a folder whose stat is unchanged is not read again: its listing from the last walk stands.
 * `onFile` hears of each file to read, with its format, as the walk finds it (the scan starts its
 * workers meanwhile).
 */
export function discover(
  root: string,
  extraIgnore: string[] = [],
  listings?: FolderListings,
  onFile?: (format: FileFormat) => void,
): Discovery {
  const files: DiscoveredFile[] = [];
  const skipped: Discovery['skipped'] = [];
  const markers = new Map<string, Set<string>>();
  const folders = { listed: 0, reused: 0 };
  const base = layerOf('', ignore().add(extraIgnore));
  const fixtureGlob = fixtureMatcher(extraIgnore);
  const addMarker = (relDir: string, name: string) => {
    let set = markers.get(relDir);
    if (!set) markers.set(relDir, (set = new Set()));
    set.add(name);
  };
  const addFile = (relDir: string, absDir: string, name: string) => {
    const file = join(relDir, name);
    files.push({ file, abs: absDir + path.sep + name });
    if (onFile) onFile(formatOf(file)!);
  };
  const addFixture = (rel: string, glob: string) =>
    skipped.push({ file: rel, reason: `test fixture (${glob}); \`!${glob}\` in the manifest's ignore reads it` });

  /** The folder's last listing replayed, when nothing that decides it has changed; false otherwise. */
  const replay = (relDir: string, absDir: string, layers: Layer[], inLanguage: boolean): boolean => {
    const prior = listings!.get(relDir);
    if (!prior || prior.inLanguage !== inLanguage || !listings!.trusted(prior.folder)) return false;
    const folder = statFingerprint(absDir);
    if (!folder || !sameFingerprint(folder, prior.folder) || !sameIgnoreFile(listings!, prior, absDir)) return false;
    if (prior.gitignore) layers = [...layers, lazyGitignore(relDir, absDir, skipped)];
    folders.reused++;
    let items = prior.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      switch (item[0]) {
        case 'd':
          walk(join(relDir, item[1]), layers, prior.languageDir, true);
          break;
        case 'f':
          if (item[2]) addMarker(relDir, item[1]);
          addFile(relDir, absDir, item[1]);
          break;
        case 'm':
          addMarker(relDir, item[1]);
          break;
        case 'x':
          addFixture(join(relDir, item[1]), item[2]);
          break;
        case 's': {
          const [, name, included, seen, marker] = item;
          const abs = absDir + path.sep + name;
          let now: 0 | 1 = marker;
          const fp = statFingerprint(abs);
          if (!fp || !listings!.trusted(seen) || !sameFingerprint(fp, seen)) {
            const sniffed = sniff(name, abs, true);
            now = sniffed.marker ? 1 : 0;
            if (items === prior.items) items = [...items];
            items[i] = ['s', name, included, sniffed.fp ?? ZERO_FP, now];
          }
          if (now) addMarker(relDir, name);
          if (included) addFile(relDir, absDir, name);
          break;
        }
      }
    }
    listings!.set(relDir, items === prior.items ? prior : { ...prior, items });
    return true;
  };

  // `inLanguage`: a folder above holds a language manifest, so no deploy file below can make a
  // deploy-only service and none is sniffed. `reuse`: the ignore rules above are those the last walk
  // had, so this folder's last listing may stand.
  const walk = (relDir: string, layers: Layer[], inLanguage: boolean, reuse: boolean) => {
    const absDir = relDir ? root + path.sep + relDir : root;
    if (listings && reuse && replay(relDir, absDir, layers, inLanguage)) return;
    // Stat before listing: an entry added in between changes the stat, so the next walk lists it again.
    const folder = listings ? statFingerprint(absDir) : undefined;
    let entries: fs.Dirent[];
    folders.listed++;
    try {
      entries = fs.readdirSync(absDir, { withFileTypes: true });
    } catch (err) {
      skipped.push({ file: relDir || '.', reason: `unreadable folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
      return;
    }
    let recordable = !!folder;
    let gitignoreFp: Fingerprint | null = null;
    const gitignore = entries.find((e) => e.name === '.gitignore' && e.isFile());
    if (gitignore) {
      const abs = absDir + path.sep + '.gitignore';
      try {
        const fd = fs.openSync(abs, 'r');
        try {
          if (listings) gitignoreFp = fingerprintOf(fs.fstatSync(fd));
          layers = [...layers, layerOf(relDir, ignore().add(fs.readFileSync(fd, 'utf8')))];
        } finally {
          fs.closeSync(fd);
        }
      } catch {
        recordable = false;
        skipped.push({ file: join(relDir, '.gitignore'), reason: 'unreadable .gitignore' });
      }
    }
    // Listings below stand only when the rules they were made under still hold.
    const prior = listings && reuse ? listings.get(relDir) : undefined;
    const reuseBelow =
      !!prior && recordable && sameOrBothNull(prior.gitignore, gitignoreFp) && (!gitignoreFp || listings!.trusted(gitignoreFp));
    // The repository's own root is never a service root (a workspace package.json is common there).
    const languageDir = inLanguage || (relDir !== '' && entries.some((e) => e.isFile() && isLanguageMarker(e.name)));
    // What the next walk may replay: kept only when there are listings to keep it in.
    const items: ListingItem[] | undefined = listings && [];
    for (const entry of entries) {
      const rel = join(relDir, entry.name);
      if (entry.isDirectory()) {
        if (SKIP_DIRS.has(entry.name) || isIgnored(layers, rel + '/')) continue;
        items?.push(['d', entry.name]);
        walk(rel, layers, languageDir, reuseBelow);
        continue;
      }
      if (!entry.isFile()) continue;
      if (isIgnored(layers, rel)) continue;
      const known = formatOf(rel);
      // Fixtures are listed (they are skipped on purpose, and the user can re-include them), before
      // the manifest's own ignore globs (init writes the same globs there).
      const fixture = known ? fixtureGlob(rel) : undefined;
      if (fixture) {
        items?.push(['x', entry.name, fixture]);
        addFixture(rel, fixture);
        continue;
      }
      let marker = isMarkerByName(entry.name);
      if (!marker && !languageDir && isSniffed(entry.name)) {
        const sniffed = sniff(entry.name, absDir + path.sep + entry.name, !!listings);
        marker = sniffed.marker;
        items?.push(['s', entry.name, known ? 1 : 0, sniffed.fp ?? ZERO_FP, marker ? 1 : 0]);
      } else if (known) items?.push(['f', entry.name, marker ? 1 : 0]);
      else if (marker) items?.push(['m', entry.name]);
      if (marker) addMarker(relDir, entry.name);
      if (!known) continue;
      // Size and content are checked when the file is read (one open, no separate stat per file).
      files.push({ file: rel, abs: absDir + path.sep + entry.name });
      onFile?.(known);
    }
    if (listings && recordable) listings.set(relDir, { folder: folder!, inLanguage, gitignore: gitignoreFp, languageDir, items: items! });
  };
  walk('', [base], false, true);
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, markers, skipped, folders };
}

/** A stat no file has: a sniffed file that could not be read is sniffed again next time. */
const ZERO_FP: Fingerprint = { size: -1, mtimeMs: 0, ctimeMs: 0, ino: 0 };

function sameOrBothNull(a: Fingerprint | null, b: Fingerprint | null): boolean {
  return a === null || b === null ? a === b : sameFingerprint(a, b);
}

/** The folder's .gitignore is as it was: still absent, or the same file unchanged. */
function sameIgnoreFile(listings: FolderListings, prior: FolderListing, absDir: string): boolean {
  if (!prior.gitignore) return true; // a new .gitignore is a new entry: the folder's stat changed
  const now = statFingerprint(absDir + path.sep + '.gitignore');
  return !!now && listings.trusted(prior.gitignore) && sameFingerprint(now, prior.gitignore);
}

/** A replayed folder's .gitignore, read only if a folder below is listed afresh and asks. */
function lazyGitignore(dir: string, absDir: string, skipped: Discovery['skipped']): Layer {
  let ig: Ignore | undefined;
  return {
    dir,
    ignores(sub) {
      if (!ig) {
        ig = ignore();
        try {
          ig.add(fs.readFileSync(absDir + path.sep + '.gitignore', 'utf8'));
        } catch {
          skipped.push({ file: join(dir, '.gitignore'), reason: 'unreadable .gitignore' });
        }
      }
      return ig.ignores(sub);
    },
  };
}

function statFingerprint(abs: string): Fingerprint | undefined {
  try {
    const st = fs.statSync(abs, { throwIfNoEntry: false });
    return st ? fingerprintOf(st) : undefined;
  } catch {
    return undefined;
  }
}

/** Marker files by name (language manifests, deploy files, Nomad jobs). */
function isMarkerByName(name: string): boolean {
  return isLanguageMarker(name) || DEPLOY_MARKERS.has(name) || NOMAD_JOB.test(name);
}

/** Compose files and Kubernetes YAML are markers by their first bytes, and only outside language services. */
function isSniffed(name: string): boolean {
  return isComposeFile(name) || /\.ya?ml$/.test(name);
}

/** Whether the file's first bytes make it a marker; with `withStat`, the stat they were read under. */
function sniff(name: string, abs: string, withStat: boolean): { marker: boolean; fp?: Fingerprint } {
  const { text, fp } = head(abs, withStat);
  return { marker: isComposeFile(name) ? COMPOSE_BUILD.test(text) : WORKLOAD_KIND.test(text), fp };
}

function head(abs: string, withStat: boolean): { text: string; fp?: Fingerprint } {
  let fd: number | undefined;
  try {
    fd = fs.openSync(abs, 'r');
    const fp = withStat ? fingerprintOf(fs.fstatSync(fd)) : undefined;
    const buf = Buffer.alloc(SNIFF_BYTES);
    return { text: buf.toString('utf8', 0, fs.readSync(fd, buf, 0, SNIFF_BYTES, 0)), fp };
  } catch {
    return { text: '' };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A Nomad job file: outside every service folder, one job is one service. */
export function isNomadJob(name: string): boolean {
  return NOMAD_JOB.test(name);
}

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

function isIgnored(layers: Layer[], rel: string): boolean {
  for (const layer of layers) {
    const sub = layer.dir ? (rel.startsWith(layer.dir + '/') ? rel.slice(layer.dir.length + 1) : undefined) : rel;
    if (sub && layer.ignores(sub)) return true;
  }
  return false;
}

/** True when a folder's markers make it a service root in zero-config mode. */
export function isLanguageMarker(name: string): boolean {
  // A .NET project is named after itself (`Billing.Worker.csproj`).
  return LANGUAGE_MARKERS.has(name) || name.endsWith('.csproj');
}

/**
 * The same inclusion rules as discover(), for one path at a time (an editor buffer, a watcher event):
 * known format, no skipped folder on the way, not ignored by the extra globs or any .gitignore above it.
 */
export function inclusionTest(root: string, extraIgnore: string[] = []): (rel: string) => boolean {
  const base = ignore().add(extraIgnore);
  const fixtureGlob = fixtureMatcher(extraIgnore);
  const gitignores = new Map<string, Ignore | null>();
  const gitignoreOf = (dir: string): Ignore | null => {
    let ig = gitignores.get(dir);
    if (ig === undefined) {
      try {
        ig = ignore().add(fs.readFileSync(path.join(root, dir, '.gitignore'), 'utf8'));
      } catch {
        ig = null;
      }
      gitignores.set(dir, ig);
    }
    return ig;
  };
  return (rel) => {
    if (!formatOf(rel) || fixtureGlob(rel)) return false;
    const segments = rel.split('/');
    if (segments.slice(0, -1).some((s) => SKIP_DIRS.has(s))) return false;
    const layers: Layer[] = [layerOf('', base)];
    for (let i = 0; i < segments.length; i++) {
      const dir = segments.slice(0, i).join('/');
      const ig = gitignoreOf(dir);
      if (ig) layers.push(layerOf(dir, ig));
      const sub = segments.slice(0, i + 1).join('/');
      if (isIgnored(layers, i < segments.length - 1 ? sub + '/' : sub)) return false;
    }
    return true;
  };
}
