// The incremental index: file -> extracted facts, kept across changes. A changed file re-extracts
// only itself; the model, plan and findings are recomputed from cached facts, never from disk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Classifier } from './classify';
import { discover, inclusionTest, MAX_FILE_BYTES, type Discovery } from './discover/walk';
import { findServices, type ServiceIndex } from './discover/services';
import { ensureHclReady, extractFile, formatOf } from './extract';
import { looksBinary } from './extract/text';
import { Prefilter } from './extract/prefilter';
import { MANIFEST_FILE, ManifestError, parseManifest, zeroConfigManifest } from './manifest/load';
import { buildModel, ModelCache } from './model/build';
import type { FileFacts, Finding, Manifest, Model, Plan, Problem, RuleId, Severity } from './model/types';
import { makePlan } from './plan/plan';
import { runRules } from './rules';
import { resolveTerraform } from './terraform/resolve';
import type { TerraformFileFacts } from './terraform/module';

export interface Analysis {
  model: Model;
  plan: Plan;
  findings: Finding[];
}

export interface WorkspaceOptions {
  /** Manifest path, absolute or relative to the root; default `<root>/kafka-cutover.yaml`. */
  manifestPath?: string;
  /** Extra ignore globs (editor settings), on top of .gitignore and the manifest's. */
  exclude?: string[];
  /** Rule severities from the editor, over the manifest's. */
  severities?: Partial<Record<RuleId, Severity | 'off'>>;
  /** Scan as if there were no manifest (zero-config), e.g. to write one. */
  ignoreManifest?: boolean;
}

export class Workspace {
  readonly root: string;
  manifest: Manifest = zeroConfigManifest();
  zeroConfig = true;
  /** Problems with the manifest itself (a bad manifest falls back to zero-config and says so). */
  manifestProblems: Problem[] = [];
  private readonly facts = new Map<string, FileFacts>();
  /** Text as scanned, kept only for files with facts: rewrites need it and check it is unchanged. */
  private readonly texts = new Map<string, string>();
  private discovery: Discovery = { files: [], markers: new Map(), skipped: [] };
  private services!: ServiceIndex;
  private classifier = new Classifier(this.manifest);
  private knownHosts = new Set<string>();
  private prefilter = new Prefilter();
  private cached?: Analysis;
  private included: (rel: string) => boolean = () => false;
  private modelCache = new ModelCache();

  constructor(root: string, private readonly options: WorkspaceOptions = {}) {
    this.root = path.resolve(root);
  }

  get manifestPath(): string {
    return path.resolve(this.root, this.options.manifestPath ?? MANIFEST_FILE);
  }

  /** Reads the manifest and every relevant file. Safe to call again for a full rescan. */
  async scan(): Promise<Analysis> {
    await ensureHclReady();
    this.loadManifest();
    const ignores = [...this.manifest.ignore, ...(this.options.exclude ?? [])];
    this.discovery = discover(this.root, ignores);
    this.included = inclusionTest(this.root, ignores);
    this.services = findServices(this.discovery, this.manifest);
    this.modelCache = new ModelCache();
    this.facts.clear();
    this.texts.clear();
    // The manifest names both clusters by design: it is configuration of this tool, not of a service.
    const manifestRel = this.relative(this.manifestPath);
    for (const f of this.discovery.files) if (f.file !== manifestRel) this.readAndExtract(f.file, f.abs);
    this.cached = undefined;
    return this.analyse();
  }

  /**
   * Re-extracts one file from the given text (an unsaved editor buffer) or from disk, or forgets it
   * (`text === null`, deleted). Returns false when the file is not one the scan reads.
   */
  update(file: string, text?: string | null): boolean {
    const rel = this.relative(file);
    if (!rel || !this.isIncluded(rel)) return false;
    if (rel === this.relative(this.manifestPath)) return false;
    this.cached = undefined;
    if (text === null) {
      this.forget(rel);
      return true;
    }
    if (text === undefined) this.readAndExtract(rel, path.join(this.root, rel));
    else this.store(rel, text);
    return true;
  }

  /** The model, plan and findings from the cached facts. */
  analyse(): Analysis {
    if (this.cached) return this.cached;
    // Terraform's for_each can reach locals in sibling files: complete those topics across files.
    const facts = new Map(resolveTerraform([...this.facts.values()]).map((f) => [f.file, f]));
    const model = buildModel({
      root: this.root,
      manifest: this.manifest,
      zeroConfig: this.zeroConfig,
      facts,
      services: this.services,
      classifier: this.classifier,
      topicDecls: [...facts.values()].flatMap((f) => f.topicDecls),
      skipped: this.discovery.skipped,
      problems: this.manifestProblems,
      cache: this.modelCache,
    });
    const plan = makePlan(model);
    const findings = runRules(model, plan, this.options.severities);
    this.cached = { model, plan, findings };
    return this.cached;
  }

  /** Whether the scan reads this file (format, .gitignore, the manifest's ignore, excludes). */
  isIncluded(rel: string): boolean {
    return this.included(rel);
  }

  /** The text a file had when it was scanned, for rewrites. */
  scannedText(file: string): string | undefined {
    return this.texts.get(file);
  }

  factsOf(file: string): FileFacts | undefined {
    return this.facts.get(file);
  }

  setSeverities(severities: WorkspaceOptions['severities']): void {
    this.options.severities = severities;
    this.cached = undefined;
  }

  private loadManifest(): void {
    this.manifestProblems = [];
    this.zeroConfig = true;
    this.manifest = zeroConfigManifest();
    const text = this.options.ignoreManifest ? undefined : this.readManifestText();
    if (text !== undefined) {
      this.manifest = parseManifest(text, this.relative(this.manifestPath) ?? MANIFEST_FILE, this.manifestPath);
      this.zeroConfig = false;
    }
    this.classifier = new Classifier(this.manifest);
    this.knownHosts = this.classifier.knownHosts();
    this.prefilter = new Prefilter(this.knownHosts);
  }

  /** The manifest's text; undefined when the default manifest is absent (zero-config mode). */
  private readManifestText(): string | undefined {
    try {
      return fs.readFileSync(this.manifestPath, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && !this.options.manifestPath) return undefined;
      const file = this.relative(this.manifestPath) ?? this.manifestPath;
      throw new ManifestError([{ file, line: 1, column: 1, severity: 'error', message: `cannot read the manifest: ${code === 'ENOENT' ? 'no such file' : code ?? String(err)}` }]);
    }
  }

  private readAndExtract(rel: string, abs: string): void {
    let buf: Buffer;
    try {
      const read = readLimited(abs, MAX_FILE_BYTES);
      if (read === 'too-large') {
        this.forget(rel);
        this.discovery.skipped.push({ file: rel, reason: 'larger than 2 MB' });
        return;
      }
      buf = read;
    } catch (err) {
      this.forget(rel);
      this.discovery.skipped.push({ file: rel, reason: `unreadable: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
      return;
    }
    // A NUL byte marks a binary file (checked natively, for every file, so none is skipped silently);
    // most source files in a monorepo never mention Kafka: skip them before decoding.
    const nul = buf.subarray(0, 8192).includes(0);
    if (!nul && !this.prefilter.mayMatter(formatOf(rel)!, buf)) {
      this.forget(rel);
      return;
    }
    if (nul || looksBinary(buf)) {
      this.forget(rel);
      this.discovery.skipped.push({ file: rel, reason: 'binary content' });
      return;
    }
    this.store(rel, buf.toString('utf8'));
  }

  private store(rel: string, text: string): void {
    const facts = extractFile(rel, text, { knownHosts: this.knownHosts });
    const relevant =
      facts.brokerRefs.length || facts.topicUses.length || facts.settings.length || facts.offsetResets.length ||
      facts.groups.length || facts.topicDecls.length || facts.acls.length || facts.mskClusters.length || facts.problems.length ||
      // Terraform locals/variables with no resource of their own still feed for_each in sibling files.
      (facts as TerraformFileFacts).terraform !== undefined;
    if (relevant) {
      this.facts.set(rel, facts);
      this.texts.set(rel, text);
    } else {
      this.forget(rel);
    }
  }

  private forget(rel: string): void {
    this.facts.delete(rel);
    this.texts.delete(rel);
  }

  /** Root-relative path with `/`, or undefined when outside the root. */
  relative(file: string): string | undefined {
    const abs = path.isAbsolute(file) ? file : path.join(this.root, file);
    const rel = path.relative(this.root, abs);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }
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
