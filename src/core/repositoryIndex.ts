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
   * The caller scans once and never calls update() (the CLI): the code grammars of languages the
   * scan did not meet are not loaded. Otherwise they load in the background after the scan, so an
   * editor's new file of another language is read.
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
  scanStats: (ScanStats & { cache: 'off' | 'used' | string }) | undefined;

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
      this.discovery = discover(this.root, ignores, listings, early?.onFile);
      listings?.save();
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
      this.scanStats = { ...stats, cache: !cache ? 'off' : (cache.rejected ?? 'used') };
    } finally {
      early?.close();
    }
    // An editor may open a file of a language the scan did not meet: have every grammar ready by then.
    if (!this.options.oneShot) Promise.all([ensureHclReady(), ensureCodeGrammarsReady()]).catch(() => undefined);
    this.cached = undefined;
    return this.analyse();
  }

  private openCache(knownHosts: string[]): ScanCache | undefined {
    const opt = this.options.cache;
    const options = opt === true ? { dir: defaultCacheDir() } : opt || undefined;
    if (!options?.dir) return undefined;
    return new ScanCache(this.root, { engine: engineKey(), reader: readerKey(knownHosts) }, { ...options, dir: options.dir }).load();
  }

  /**
   * Re-extracts one file from the given text (an unsaved editor buffer) or from disk, or forgets it
   * (`text === null`, deleted). Returns false when the file is not one the scan reads.
   */
  update(file: string, text?: string | null): boolean {
    const rel = this.relative(file);
    if (!rel || !this.isIncluded(rel)) return false;
    if (rel === this.relative(this.manifestPath) || rel === UNDO_FILE) return false;
    this.cached = undefined;
    this.changedSinceResolve.add(rel);
    if (text === null) {
      this.forget(rel);
      return true;
    }
    this.take(text === undefined ? this.reader.read(rel, path.join(this.root, rel)) : this.reader.extract(rel, text));
    return true;
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
        const hcl = [...this.facts.values()].filter((f) => formatOf(f.file) === 'hcl');
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
  }

  /** Root-relative path with `/`, or undefined when outside the root. */
  relative(file: string): string | undefined {
    const abs = path.isAbsolute(file) ? file : path.join(this.root, file);
    const rel = path.relative(this.root, abs);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }
}
