// The incremental index: file -> extracted facts, kept across changes. A changed file re-extracts
// only itself; the model, plan and findings are recomputed from cached facts, never from disk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Classifier } from './classify';
import { discover, inclusionTest, type Discovery } from './discover/walk';
import { findServices, type ServiceIndex } from './discover/services';
import { ensureCodeGrammarsReady, ensureHclReady, formatOf } from './extract';
import { defaultCacheDir, engineKey, hashBytes, readerKey, ScanCache, type CacheOptions } from './scan/cache';
import { ListingCache } from './scan/listingCache';
import { EarlyWorkers, readAll, type ScanStats, type UnreadFacts } from './scan/readAll';
import { fingerprintOf, sameFingerprint, trustedSince, type Fingerprint } from './scan/fingerprint';
import { statOnHelper } from './scan/statSweep';
import { ensureFormatsReady } from './extract/code/grammars';
import { initTreeSitter } from './terraform/parser';
import { FileReader, type FileOutcome } from './scan/readFile';
import { MANIFEST_FILE, ManifestError, parseManifest, zeroConfigManifest } from './manifest/load';
import { UNDO_FILE } from './rewrite/undo';
import { UserFacingError } from './rewrite/writeFiles';
import { buildModel, ModelCache } from './model/build';
import type { Problem, Severity } from './model/common';
import type { Manifest } from './model/manifest';
import type { FileFacts, TopicDecl } from './model/facts';
import type { Model } from './model/repository';
import type { Plan } from './model/readiness';
import type { Finding, RuleId } from './model/findings';
import { makePlan } from './plan/plan';
import { runRules } from './rules';
import { linkedFolders, resolveTerraform } from './terraform/resolve';

export interface Analysis {
  model: Model;
  plan: Plan;
  findings: Finding[];
}

export interface IndexOptions {
  /** Manifest path, absolute or relative to the root; default `<root>/kafka-cutover.yaml`. */
  manifestPath?: string;
  /** Extra ignore globs (editor settings), on top of .gitignore and the manifest's. */
  exclude?: string[];
  /** Rule severities from the editor, over the manifest's. */
  severities?: Partial<Record<RuleId, Severity | 'off'>>;
  /** Scan as if there were no manifest (zero-config), e.g. to write one. */
  ignoreManifest?: boolean;
  /**
   * Keep each file's outcome in the user's cache folder (`true`: defaultCacheDir()) or the given one,
   * and reuse it while the file is unchanged (src/core/scan/cache.ts). Off unless asked: the CLI and
   * the extension turn it on.
   */
  cache?: boolean | CacheOptions;
  /** Scan worker threads: a number, or 'auto' (default: the spare cores when there is enough to extract). */
  workers?: number | 'auto';
  /**
   * The caller makes no edit from an open buffer (the CLI, the resident CLI): the code grammars of
   * languages the scan did not meet are not loaded, and a cached file's text is read only when a rewrite
   * asks for it (refresh() loads the grammar of a changed file it meets). Otherwise the grammars load in
   * the background after the scan, so that an editor's update() of a new file of another language is read.
   */
  oneShot?: boolean;
}

export class RepositoryIndex {
  readonly root: string;
  manifest: Manifest = zeroConfigManifest();
  zeroConfig = true;
  /** Problems with the manifest itself (a bad manifest falls back to zero-config and says so). */
  manifestProblems: Problem[] = [];
  private readonly facts = new Map<string, FileFacts>();
  /** Text as scanned, kept only for files with facts: rewrites need it and check it is unchanged. */
  private readonly texts = new Map<string, string>();
  /** Files with facts a one-shot scan trusted by their fingerprint without reading: the hash of their bytes. */
  private readonly unread = new Map<string, string>();
  private discovery: Discovery = { files: [], markers: new Map(), skipped: [] };
  private services!: ServiceIndex;
  private classifier = new Classifier(this.manifest);
  private knownHosts = new Set<string>();
  private reader = new FileReader({ knownHosts: [] });
  private cached?: Analysis;
  /** Facts with Terraform completed across files; redone only when a Terraform file changes. */
  private resolved?: Map<string, FileFacts>;
  private readonly changedSinceResolve = new Set<string>();
  private decls?: TopicDecl[];
  private included: (rel: string) => boolean = () => false;
  private modelCache = new ModelCache();
  /** How the last scan went: files, how many the cache answered, why the cache was not used. */
  scanStats: (ScanStats & { cache: 'off' | 'used' | 'kept' | string }) | undefined;
  /** The manifest's text as last loaded (undefined: none, zero-config). */
  private manifestText: string | undefined;
  /**
   * What refresh() compares the disk with: the manifest's text, the walk's outcome, and each file's
   * fingerprint with the time it was taken (a fingerprint stands only if not changed near then).
   */
  private lastScan?: { manifestText: string | undefined; walk: string; seen: Map<string, { fp: Fingerprint; at: number }> };

  constructor(
    root: string,
    private readonly options: IndexOptions = {},
  ) {
    this.root = path.resolve(root);
  }

  get manifestPath(): string {
    return path.resolve(this.root, this.options.manifestPath ?? MANIFEST_FILE);
  }

  /** Reads the manifest and every relevant file. Safe to call again for a full rescan. */
  async scan(): Promise<Analysis> {
    this.lastScan = undefined;
    this.loadManifest();
    const knownHosts = [...this.knownHosts];
    const cache = this.openCache(knownHosts);
    const workers = this.options.workers ?? 'auto';
    // Nothing cached: tree-sitter's runtime compiles on V8's background threads while the tree is
    // walked, and the scan workers (if the tree is large enough for them) boot meanwhile too.
    const early = !cache?.size && workers === 'auto' ? new EarlyWorkers(knownHosts, !!cache) : undefined;
    if (!cache?.size) initTreeSitter().catch(() => undefined);
    try {
      const ignores = [...this.manifest.ignore, ...(this.options.exclude ?? [])];
      const listings = cache && new ListingCache(this.root, { engine: engineKey(), ignores }, cache.options).load();
      const manifestText = this.manifestText;
      this.discovery = discover(this.root, ignores, listings, early?.onFile);
      listings?.save();
      const walk = walkSignature(this.discovery);
      this.included = inclusionTest(this.root, ignores);
      this.services = findServices(this.discovery, this.manifest);
      this.modelCache = new ModelCache();
      this.facts.clear();
      this.texts.clear();
      this.unread.clear();
      this.resolved = undefined;
      // The manifest and the undo record name both clusters by design: they are this tool's, not a service's.
      const manifestRel = this.relative(this.manifestPath);
      const files = this.discovery.files.filter((f) => f.file !== manifestRel && f.file !== UNDO_FILE);
      // A one-shot scan (the CLI) reads a file's text only if a rewrite asks for it.
      const { outcomes, entries, stats } = await readAll(files, {
        knownHosts,
        cache,
        workers,
        started: early?.started,
        lazyText: !!this.options.oneShot,
      });
      for (const outcome of outcomes) this.take(outcome);
      cache?.save(entries);
      if (cache) {
        const seen = new Map<string, { fp: Fingerprint; at: number }>();
        for (const e of entries) if (e.meta) seen.set(e.file, { fp: e.meta, at: cache.startedAt });
        this.lastScan = { manifestText, walk, seen };
      }
      this.scanStats = { ...stats, cache: !cache ? 'off' : (cache.rejected ?? 'used') };
    } finally {
      early?.close();
    }
    // An editor may open a file of a language the scan did not meet: have every grammar ready by then.
    if (!this.options.oneShot) Promise.all([ensureHclReady(), ensureCodeGrammarsReady()]).catch(() => undefined);
    this.cached = undefined;
    return this.analyse();
  }

  /**
   * Brings the index up to date with the disk, reading only files whose fingerprint changed: the
   * resident CLI's next request (src/cli/resident). A fingerprint stands by the same rule as the scan
   * cache's. Whatever can change the services or the set of files read (the manifest, a file added,
   * removed or newly ignored, a marker) makes it a full scan(); so does an index scanned without a cache.
   */
  async refresh(): Promise<Analysis> {
    const last = this.lastScan;
    if (!last) return this.scan();
    let manifestText: string | undefined;
    try {
      manifestText = this.options.ignoreManifest ? undefined : this.readManifestText();
    } catch {
      return this.scan();
    }
    if (manifestText !== last.manifestText) return this.scan();
    const cache = this.openCacheOptions();
    if (!cache) return this.scan();
    const manifestRel = this.relative(this.manifestPath);
    const files = this.discovery.files.filter((f) => f.file !== manifestRel && f.file !== UNDO_FILE);
    const at = (cache.now ?? Date.now)();
    // The files of the last walk are statted on a helper thread while this one walks: if the walk finds
    // the same files (else this is a full scan), those are the fingerprints to compare.
    const stats = statOnHelper(
      files.map((f) => f.abs),
      (abs) => {
        const st = fs.statSync(abs, { throwIfNoEntry: false });
        return st && fingerprintOf(st);
      },
    );
    const ignores = [...this.manifest.ignore, ...(this.options.exclude ?? [])];
    const listings = new ListingCache(this.root, { engine: engineKey(), ignores }, cache).load();
    const discovery = discover(this.root, ignores, listings);
    listings.save();
    const fps = await stats;
    if (walkSignature(discovery) !== last.walk) return this.scan();
    const changed: Array<{ file: string; fp: Fingerprint | undefined }> = [];
    files.forEach(({ file }, i) => {
      const fp = fps[i];
      const prior = last.seen.get(file);
      if (!fp || !prior || !sameFingerprint(fp, prior.fp) || !trustedSince(prior.fp, prior.at)) changed.push({ file, fp });
    });
    if (changed.length) await ensureFormatsReady(changed.map((c) => formatOf(c.file) ?? 'other'));
    for (const { file, fp } of changed) {
      this.reextract(file);
      if (fp) last.seen.set(file, { fp, at });
      else last.seen.delete(file);
    }
    this.scanStats = {
      files: this.scanStats?.files ?? 0,
      fromCache: (this.scanStats?.files ?? 0) - changed.length,
      extracted: changed.length,
      workers: 0,
      cache: 'kept',
    };
    return this.analyse();
  }

  private openCacheOptions(): CacheOptions | undefined {
    const opt = this.options.cache;
    const options = opt === true ? { dir: defaultCacheDir() } : opt || undefined;
    return options?.dir ? { ...options, dir: options.dir } : undefined;
  }

  private openCache(knownHosts: string[]): ScanCache | undefined {
    const options = this.openCacheOptions();
    return options && new ScanCache(this.root, { engine: engineKey(), reader: readerKey(knownHosts) }, options).load();
  }

  /**
   * Re-extracts one file from the given text (an unsaved editor buffer) or from disk, or forgets it
   * (`text === null`, deleted). Returns false when the file is not one the scan reads.
   */
  update(file: string, text?: string | null): boolean {
    const rel = this.relative(file);
    if (!rel || !this.isIncluded(rel)) return false;
    if (rel === this.relative(this.manifestPath) || rel === UNDO_FILE) return false;
    this.reextract(rel, text);
    return true;
  }

  /** update() for a file known to be one the scan reads. */
  private reextract(rel: string, text?: string | null): void {
    const outcome =
      text === null ? undefined : text === undefined ? this.reader.read(rel, path.join(this.root, rel)) : this.reader.extract(rel, text);
    if (outcome && this.sameFactsAsBefore(outcome)) {
      // Most keystrokes change no fact (a comment, code far from any client, a line below the last
      // setting): the analysis stands as it is, and only the text rewrites splice into is the new one.
      if (outcome.kind === 'facts') this.texts.set(rel, outcome.text);
      this.unread.delete(rel);
      return;
    }
    this.cached = undefined;
    this.changedSinceResolve.add(rel);
    if (!outcome) this.forget(rel);
    else this.take(outcome);
  }

  /**
   * Whether a file read again yields exactly the facts it had (ranges and offsets included), or again
   * none. Facts are plain JSON by design (workers post them and the cache keeps them as JSON), so their
   * JSON is the whole of them. The earlier facts object stays, and every cache keyed by it with it.
   */
  private sameFactsAsBefore(outcome: FileOutcome): boolean {
    const prior = this.facts.get(outcome.file);
    if (outcome.kind === 'nothing') return !prior && !this.discovery.skipped.some((s) => s.file === outcome.file);
    return outcome.kind === 'facts' && !!prior && JSON.stringify(prior) === JSON.stringify(outcome.facts);
  }

  /** The model, plan and findings from the cached facts. */
  analyse(): Analysis {
    if (this.cached) return this.cached;
    // Terraform's for_each can reach locals in sibling files: complete those topics across files.
    const facts = this.resolvedFacts();
    const model = buildModel({
      root: this.root,
      manifest: this.manifest,
      zeroConfig: this.zeroConfig,
      facts,
      services: this.services,
      classifier: this.classifier,
      topicDecls: this.topicDecls(facts),
      skipped: this.discovery.skipped,
      problems: this.manifestProblems,
      cache: this.modelCache,
    });
    const plan = makePlan(model);
    const findings = runRules(model, plan, this.options.severities);
    this.cached = { model, plan, findings };
    return this.cached;
  }

  /** Declared topics; collected again only when a file that declares or declared some changed. */
  private topicDecls(facts: Map<string, FileFacts>): TopicDecl[] {
    if (!this.decls) this.decls = [...facts.values()].flatMap((f) => f.topicDecls);
    return this.decls;
  }

  private resolvedFacts(): Map<string, FileFacts> {
    if (!this.resolved) {
      this.decls = undefined;
      this.resolved = new Map(resolveTerraform([...this.facts.values()]).map((f) => [f.file, f]));
    } else if (this.changedSinceResolve.size) {
      // Updated in place (a copy per keystroke was measurable garbage): an earlier Analysis's
      // model.facts sees the current facts, which is what its only reader (live-check places) wants.
      const resolved = this.resolved;
      // A Terraform module is a folder: a changed .tf re-resolves its folder only.
      const folders = new Set<string>();
      for (const rel of this.changedSinceResolve) {
        if (formatOf(rel) === 'hcl') folders.add(path.posix.dirname(rel));
        const f = this.facts.get(rel);
        if (f?.topicDecls.length || resolved.get(rel)?.topicDecls.length) this.decls = undefined;
        if (f) resolved.set(rel, f);
        else resolved.delete(rel);
      }
      if (folders.size) {
        // The facts' own format, not formatOf: path work for each of 20k files was ~3 ms of a .tf keystroke.
        const hcl: FileFacts[] = [];
        for (const f of this.facts.values()) if (f.format === 'hcl') hcl.push(f);
        // A module call ties two folders: a change on either side re-resolves both.
        const linked = linkedFolders(hcl, folders);
        const members = hcl.filter((f) => linked.has(path.posix.dirname(f.file)));
        for (const f of resolveTerraform(members)) {
          if (f.topicDecls.length || resolved.get(f.file)?.topicDecls.length) this.decls = undefined;
          resolved.set(f.file, f);
        }
      }
      this.resolved = resolved;
    }
    this.changedSinceResolve.clear();
    return this.resolved;
  }

  /** Whether the scan reads this file (format, .gitignore, the manifest's ignore, excludes). */
  isIncluded(rel: string): boolean {
    return this.included(rel);
  }

  /**
   * The text a file had when it was scanned, for rewrites; undefined for a file without facts. A file
   * the scan trusted without reading is read now: bytes other than those its facts were made from throw
   * (the facts' offsets would land elsewhere), as a file changed since the scan does in applyToDisk.
   */
  scannedText(file: string): string | undefined {
    const text = this.texts.get(file);
    if (text !== undefined) return text;
    const hash = this.unread.get(file);
    if (hash === undefined) return undefined;
    let bytes: Buffer | undefined;
    try {
      bytes = fs.readFileSync(path.join(this.root, file));
    } catch {
      bytes = undefined;
    }
    if (!bytes || hashBytes(bytes) !== hash) throw new UserFacingError(`${file}: changed since the scan; rescan and try again`);
    const read = bytes.toString('utf8');
    this.texts.set(file, read);
    this.unread.delete(file);
    return read;
  }

  factsOf(file: string): FileFacts | undefined {
    return this.facts.get(file);
  }

  setSeverities(severities: IndexOptions['severities']): void {
    this.options.severities = severities;
    this.cached = undefined;
  }

  private loadManifest(): void {
    this.manifestProblems = [];
    this.zeroConfig = true;
    this.manifest = zeroConfigManifest();
    const text = this.options.ignoreManifest ? undefined : this.readManifestText();
    this.manifestText = text;
    if (text !== undefined) {
      // Outside the scanned folder, the manifest is named by its full path in messages.
      this.manifest = parseManifest(text, this.relative(this.manifestPath) ?? this.manifestPath, this.manifestPath);
      this.zeroConfig = false;
    }
    this.classifier = new Classifier(this.manifest);
    this.knownHosts = this.classifier.knownHosts();
    this.reader = new FileReader({ knownHosts: [...this.knownHosts] });
  }

  /** The manifest's text; undefined when the default manifest is absent (zero-config mode). */
  private readManifestText(): string | undefined {
    try {
      return fs.readFileSync(this.manifestPath, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && !this.options.manifestPath) return undefined;
      const file = this.relative(this.manifestPath) ?? this.manifestPath;
      throw new ManifestError([
        {
          file,
          line: 1,
          column: 1,
          severity: 'error',
          message: `cannot read the manifest: ${code === 'ENOENT' ? 'no such file' : (code ?? String(err))}`,
        },
      ]);
    }
  }

  private take(outcome: FileOutcome | UnreadFacts): void {
    this.unskip(outcome.file);
    if (outcome.kind === 'unread') {
      this.facts.set(outcome.file, outcome.facts);
      this.texts.delete(outcome.file);
      this.unread.set(outcome.file, outcome.hash);
      return;
    }
    if (outcome.kind === 'facts') {
      this.facts.set(outcome.file, outcome.facts);
      this.texts.set(outcome.file, outcome.text);
      this.unread.delete(outcome.file);
      return;
    }
    this.forget(outcome.file);
    if (outcome.kind === 'skipped') this.discovery.skipped.push({ file: outcome.file, reason: outcome.reason });
  }

  private forget(rel: string): void {
    this.facts.delete(rel);
    this.texts.delete(rel);
    this.unread.delete(rel);
    this.unskip(rel);
  }

  /** A file read again (or gone) says anew whether it is skipped: no entry from an earlier read stays. */
  private unskip(rel: string): void {
    const skipped = this.discovery.skipped;
    if (skipped.some((s) => s.file === rel)) this.discovery.skipped = skipped.filter((s) => s.file !== rel);
  }

  /** Root-relative path with `/`, or undefined when outside the root. */
  relative(file: string): string | undefined {
    const abs = path.isAbsolute(file) ? file : path.join(this.root, file);
    const rel = path.relative(this.root, abs);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }
}

/** The walk's outcome as one string: which files are read, which folders are services, what was skipped. */
function walkSignature(d: Discovery): string {
  const markers = [...d.markers].map(([folder, names]) => `${folder}:${[...names].sort().join(',')}`).sort();
  return JSON.stringify([d.files.map((f) => f.file), markers, d.skipped.map((s) => `${s.file}:${s.reason}`)]);
}
