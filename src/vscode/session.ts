// One session per workspace folder: owns that folder's index in the engine worker and keeps it in step with
// editor buffers (debounced) and the disk (file watcher), announcing every new analysis. The index (facts,
// scanned texts) lives in the worker; the session holds the view-only analysis the worker sends back.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type Analysis, pickEnvironment, type Problem, watchedFileGlob } from '../core';
import { EngineCancelled, EngineFailure, type EngineClient } from './engine/client';
import type { AnalysedReply, FileChange, FolderInfo, Request } from './engine/protocol';
import { engineSeverities, readSettings, type FolderSettings } from './settings';

export const UPDATE_DELAY_MS = 250;

export type SessionState = 'idle' | 'scanning' | 'ready' | 'failed';

/** A pending re-extraction: buffer text, `undefined` to re-read the disk, `null` when deleted. */
type PendingText = string | undefined | null;

/** What the host knows of a folder's index without its facts: where it is and how it reads the manifest. */
export class FolderIndex {
  zeroConfig = true;
  fileCount = 0;
  constructor(
    readonly root: string,
    public manifestPath: string,
  ) {}

  take(info: FolderInfo): void {
    this.zeroConfig = info.zeroConfig;
    this.manifestPath = info.manifestPath;
    this.fileCount = info.fileCount;
  }

  /** Root-relative path with `/`, or undefined when outside the root (the engine's RepositoryIndex.relative). */
  relative(file: string): string | undefined {
    const abs = path.isAbsolute(file) ? file : path.join(this.root, file);
    const rel = path.relative(this.root, abs);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }
}

export class Session implements vscode.Disposable {
  workspace: FolderIndex;
  settings: FolderSettings;
  state: SessionState = 'idle';
  analysis: Analysis | undefined;
  /** Why the manifest was rejected (shown on the manifest file); empty when it loaded. */
  manifestProblems: Problem[] = [];
  /** The environment the user picked in this session (over the setting). */
  chosenEnvironment: string | undefined;
  /** What the last scan cost in the worker (wall and thread CPU milliseconds), for the log and the tests. */
  lastScan: { workerMs: number; workerCpuMs?: number } | undefined;
  private readonly pending = new Map<string, PendingText>();
  private timer: NodeJS.Timeout | undefined;
  private rescanQueued = false;
  private scanning: Promise<void> | undefined;
  /** The newest update in the worker, its id (to cancel it when a newer one supersedes it). */
  private updating: { id: number; done: Promise<void> } | undefined;
  /** Bumped by every scan: an update answered after a scan began is stale. */
  private epoch = 0;
  private readonly changed = new vscode.EventEmitter<Session>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    readonly log: vscode.LogOutputChannel,
    private readonly engine: EngineClient,
  ) {
    this.settings = readSettings(folder);
    this.workspace = this.open();
    // Only the files the readers read, the service markers and .gitignore: a build writing thousands of
    // other files costs no event.
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, watchedFileGlob()));
    watcher.onDidChange((uri) => this.onDiskChange(uri, false), undefined, this.disposables);
    watcher.onDidCreate((uri) => this.onDiskChange(uri, true), undefined, this.disposables);
    watcher.onDidDelete((uri) => this.onDiskDelete(uri), undefined, this.disposables);
    this.disposables.push(watcher);
  }

  /** The folder's key in the worker. */
  get key(): string {
    return this.folder.uri.toString();
  }

  get manifestUri(): vscode.Uri {
    return vscode.Uri.file(this.workspace.manifestPath);
  }

  /** The environment every view shows: the one picked, else the setting, else the manifest's first. */
  get environment(): string | undefined {
    if (!this.analysis) return undefined;
    return pickEnvironment(this.analysis.model, this.chosenEnvironment ?? this.settings.environment);
  }

  relative(uri: vscode.Uri): string | undefined {
    return uri.scheme === 'file' ? this.workspace.relative(uri.fsPath) : undefined;
  }

  uriOf(rel: string): vscode.Uri {
    return vscode.Uri.joinPath(this.folder.uri, ...rel.split('/'));
  }

  /** A request about this folder's index (edits, fixes) to the worker. */
  ask<T>(request: Request, token?: vscode.CancellationToken): Promise<T> {
    return this.engine.request<T>(request, { token });
  }

  /** Opens (again) the folder's index in the worker with the current settings; the next scan fills it. */
  private open(): FolderIndex {
    const root = this.folder.uri.fsPath;
    const index = new FolderIndex(root, path.resolve(root, this.settings.manifestPath ?? 'kafka-cutover.yaml'));
    void this.engine
      .request({
        kind: 'open',
        folder: this.key,
        root,
        options: {
          manifestPath: this.settings.manifestPath,
          exclude: this.settings.exclude,
          severities: engineSeverities(this.settings.rules),
          cache: this.settings.cacheEnabled,
        },
      })
      .catch((error) => this.log.error(`${this.folder.name}: cannot open the index`, error));
    return index;
  }

  /** A full scan; concurrent callers share the one in flight. */
  scan(): Promise<void> {
    if (this.scanning) return this.scanning;
    const scanning: Promise<void> = this.runScan().finally(() => {
      if (this.scanning === scanning) this.scanning = undefined;
    });
    this.scanning = scanning;
    return scanning;
  }

  private async runScan(): Promise<void> {
    this.state = 'scanning';
    const epoch = ++this.epoch;
    this.changed.fire(this);
    const started = Date.now();
    this.pending.clear();
    clearTimeout(this.timer);
    if (this.updating) this.engine.cancel(this.updating.id);
    this.updating = undefined;
    try {
      const { reply, analysis } = await this.engine.analyse<AnalysedReply>({ kind: 'scan', folder: this.key });
      this.workspace.take(reply.folder);
      this.lastScan = { workerMs: reply.workerMs, workerCpuMs: reply.workerCpuMs };
      this.analysis = analysis;
      this.manifestProblems = [];
      this.state = 'ready';
      // Open buffers may differ from the disk the scan read: they win, as they will once saved.
      for (const doc of vscode.workspace.textDocuments) if (doc.isDirty) this.queueDocument(doc);
      void this.flush();
      const model = analysis?.model;
      const stats = reply.scanStats;
      const cached = stats && stats.cache !== 'off' ? ` (${stats.fromCache} of ${stats.files} from the cache)` : '';
      this.log.info(
        `${this.folder.name}: scanned ${reply.folder.fileCount} files, ${model?.services.length ?? 0} services in ${Date.now() - started} ms (${reply.workerMs} ms in the engine worker)${cached}`,
      );
    } catch (error) {
      // A scan the worker's restart superseded: the new one reports.
      if (epoch !== this.epoch) return;
      if (!(error instanceof EngineFailure && error.manifestProblems)) {
        this.state = 'failed';
        this.log.error(`${this.folder.name}: scan failed`, error);
        this.changed.fire(this);
        throw error;
      }
      this.manifestProblems = error.manifestProblems;
      this.analysis = undefined;
      this.state = 'failed';
      this.log.warn(`${this.folder.name}: manifest rejected: ${error.message}`);
    }
    this.changed.fire(this);
  }

  /** Settings changed: rebuild the index with the new options and rescan. */
  async reconfigure(): Promise<void> {
    this.settings = readSettings(this.folder);
    this.workspace = this.open();
    // A scan in flight began on the index just replaced, with the old settings (another manifest, say): its
    // answer is stale, so a fresh scan follows it rather than sharing it.
    await this.scanning?.catch(() => undefined);
    await this.scan();
  }

  /** The worker was restarted: its indexes are gone, build this one again. */
  async reopen(): Promise<void> {
    this.scanning = undefined;
    this.updating = undefined;
    this.workspace = this.open();
    await this.scan();
  }

  /** Severity settings changed: re-run the rules only. */
  applySeverities(): void {
    this.settings = readSettings(this.folder);
    if (!this.analysis) return;
    const epoch = this.epoch;
    this.engine
      .analyse<AnalysedReply>({ kind: 'severities', folder: this.key, severities: engineSeverities(this.settings.rules) })
      .then(({ analysis }) => {
        if (analysis && epoch === this.epoch) this.publish(analysis);
      })
      .catch((error) => this.log.warn(`${this.folder.name}: severities not applied: ${String(error)}`));
  }

  queueDocument(doc: vscode.TextDocument): void {
    this.queue(doc.uri, doc.getText());
  }

  queue(uri: vscode.Uri, text: PendingText): void {
    const rel = this.relative(uri);
    if (!rel || isNeverScanned(rel)) return;
    if (uri.fsPath === this.workspace.manifestPath) return; // the manifest is reread by a full scan on save
    this.pending.set(rel, text);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), UPDATE_DELAY_MS);
  }

  /**
   * Sends pending changes now and settles when the analysis reflects them (commands and lenses await this
   * so they act on what the user sees). An update still in flight is superseded: the worker applies its
   * changes but analyses only the newest.
   */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size && this.state !== 'scanning' && this.analysis) this.sendPending();
    // Wait for the newest update, however many supersede it meanwhile.
    for (let current = this.updating; current; current = this.updating) {
      await current.done;
      if (this.updating === current) break;
    }
  }

  private sendPending(): void {
    const changes: FileChange[] = [...this.pending];
    this.pending.clear();
    if (this.updating) this.engine.cancel(this.updating.id);
    const epoch = this.epoch;
    let id = 0;
    const done = this.engine
      .analyse<AnalysedReply>({ kind: 'update', folder: this.key, changes }, { onId: (n) => (id = n) })
      .then(({ analysis }) => {
        if (analysis && epoch === this.epoch) this.publish(analysis);
      })
      .catch((error) => {
        if (!(error instanceof EngineCancelled)) this.log.warn(`${this.folder.name}: update failed: ${String(error)}`);
      })
      .finally(() => {
        if (this.updating?.id === id) this.updating = undefined;
      });
    this.updating = { id, done };
  }

  /** Whether the analysis reflects the newest text of every file (nothing pending). */
  get settled(): boolean {
    return this.pending.size === 0 && this.state !== 'scanning' && !this.updating;
  }

  private publish(analysis: Analysis): void {
    this.analysis = analysis;
    this.changed.fire(this);
  }

  private onDiskChange(uri: vscode.Uri, created: boolean): void {
    // Never scanned (a folder kept quiet, see relevance.ts): only a manifest appearing wakes it.
    if (this.state === 'idle' && uri.fsPath !== this.workspace.manifestPath) return;
    if (uri.fsPath === this.workspace.manifestPath || isSettingsFile(uri)) return this.queueRescan();
    // An open buffer is what the user sees: the disk catches up on save.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) return;
    const rel = this.relative(uri);
    if (!created || !rel || isNeverScanned(rel)) return this.queue(uri, undefined);
    // A new file may sit under an ignore rule only the discovery walk knows: let a rescan decide.
    this.ask<boolean>({ kind: 'known', folder: this.key, file: rel })
      .then((known) => (known ? this.queue(uri, undefined) : this.queueRescan()))
      .catch(() => undefined);
  }

  private onDiskDelete(uri: vscode.Uri): void {
    if (uri.fsPath === this.workspace.manifestPath) return this.queueRescan();
    this.queue(uri, null);
  }

  private queueRescan(): void {
    if (this.rescanQueued) return;
    this.rescanQueued = true;
    setTimeout(() => {
      this.rescanQueued = false;
      this.scan().catch(() => undefined);
    }, UPDATE_DELAY_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    void this.engine.request({ kind: 'close', folder: this.key }).catch(() => undefined);
    for (const d of this.disposables) d.dispose();
  }
}

/** Folders the discovery walk never enters; checked here so a watcher event there costs nothing. */
function isNeverScanned(rel: string): boolean {
  return /(^|\/)(node_modules|\.git)\//.test(rel);
}

function isSettingsFile(uri: vscode.Uri): boolean {
  return /[\\/]\.gitignore$/.test(uri.fsPath);
}
