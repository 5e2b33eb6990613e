// One session per workspace folder: owns the engine's incremental index for that folder and keeps it in
// step with editor buffers (debounced) and the disk (file watcher), announcing every new analysis.
import * as vscode from 'vscode';
import { ManifestError } from '../core/manifest/load';
import type { Problem } from '../core/model/types';
import { pickEnvironment } from '../core/view/status';
import { Workspace, type Analysis } from '../core/workspace';
import { engineSeverities, readSettings, type FolderSettings } from './settings';

export const UPDATE_DELAY_MS = 250;

export type SessionState = 'idle' | 'scanning' | 'ready' | 'failed';

/** A pending re-extraction: buffer text, `undefined` to re-read the disk, `null` when deleted. */
type PendingText = string | undefined | null;

export class Session implements vscode.Disposable {
  workspace: Workspace;
  settings: FolderSettings;
  state: SessionState = 'idle';
  analysis: Analysis | undefined;
  /** Why the manifest was rejected (shown on the manifest file); empty when it loaded. */
  manifestProblems: Problem[] = [];
  /** The environment the user picked in this session (over the setting). */
  chosenEnvironment: string | undefined;
  private readonly pending = new Map<string, PendingText>();
  private timer: NodeJS.Timeout | undefined;
  private rescanQueued = false;
  private scanning: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<Session>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    readonly log: vscode.LogOutputChannel,
  ) {
    this.settings = readSettings(folder);
    this.workspace = this.createWorkspace();
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
    watcher.onDidChange((uri) => this.onDiskChange(uri, false), undefined, this.disposables);
    watcher.onDidCreate((uri) => this.onDiskChange(uri, true), undefined, this.disposables);
    watcher.onDidDelete((uri) => this.onDiskDelete(uri), undefined, this.disposables);
    this.disposables.push(watcher);
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

  /** A full scan; concurrent callers share the one in flight. */
  scan(): Promise<void> {
    this.scanning ??= this.runScan().finally(() => (this.scanning = undefined));
    return this.scanning;
  }

  private async runScan(): Promise<void> {
    this.state = 'scanning';
    this.changed.fire(this);
    const started = Date.now();
    this.pending.clear();
    try {
      this.analysis = await this.workspace.scan();
      this.manifestProblems = [];
      // Open buffers may differ from the disk the scan read: they win, as they will once saved.
      for (const doc of vscode.workspace.textDocuments) if (doc.isDirty) this.queueDocument(doc);
      this.flush();
      this.state = 'ready';
      const { model } = this.analysis;
      const stats = this.workspace.scanStats;
      const cached = stats && stats.cache !== 'off' ? ` (${stats.fromCache} of ${stats.files} from the cache)` : '';
      this.log.info(`${this.folder.name}: scanned ${model.facts.size} files, ${model.services.length} services in ${Date.now() - started} ms${cached}`);
    } catch (error) {
      if (!(error instanceof ManifestError)) {
        this.state = 'failed';
        this.log.error(`${this.folder.name}: scan failed`, error);
        this.changed.fire(this);
        throw error;
      }
      this.manifestProblems = error.problems;
      this.analysis = undefined;
      this.state = 'failed';
      this.log.warn(`${this.folder.name}: manifest rejected: ${error.message}`);
    }
    this.changed.fire(this);
  }

  /** Settings changed: rebuild the index with the new options and rescan. */
  async reconfigure(): Promise<void> {
    this.settings = readSettings(this.folder);
    this.workspace = this.createWorkspace();
    await this.scan();
  }

  /** Severity settings changed: re-run the rules only. */
  applySeverities(): void {
    this.settings = readSettings(this.folder);
    this.workspace.setSeverities(engineSeverities(this.settings.rules));
    if (this.analysis) this.reanalyse();
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
    this.timer = setTimeout(() => this.flush(), UPDATE_DELAY_MS);
  }

  /** Applies pending changes now (commands call this so they act on what the user sees). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending.size || this.state === 'scanning' || !this.analysis) return;
    let touched = false;
    for (const [rel, text] of this.pending) touched = this.workspace.update(rel, text) || touched;
    this.pending.clear();
    if (touched) this.reanalyse();
  }

  /** Whether the analysis reflects the newest text of every file (nothing pending). */
  get settled(): boolean {
    return this.pending.size === 0 && this.state !== 'scanning';
  }

  private reanalyse(): void {
    this.analysis = this.workspace.analyse();
    this.changed.fire(this);
  }

  private onDiskChange(uri: vscode.Uri, created: boolean): void {
    if (uri.fsPath === this.workspace.manifestPath || isSettingsFile(uri)) return this.queueRescan();
    // An open buffer is what the user sees: the disk catches up on save.
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) return;
    const rel = this.relative(uri);
    // A new file may sit under an ignore rule only the discovery walk knows: let a rescan decide.
    if (created && rel && !this.workspace.factsOf(rel)) return this.queueRescan();
    this.queue(uri, undefined);
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

  private createWorkspace(): Workspace {
    return new Workspace(this.folder.uri.fsPath, {
      manifestPath: this.settings.manifestPath,
      exclude: this.settings.exclude,
      severities: engineSeverities(this.settings.rules),
      cache: this.settings.cacheEnabled,
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
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
