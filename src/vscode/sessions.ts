// The sessions of a (multi-root) workspace: one per folder, created and dropped with the folders, fed by
// editor changes, and merged into one change event for the views.
import * as vscode from 'vscode';
import type { EngineClient } from './engine/client';
import { Session } from './session';
import { readSettings, SECTION } from './settings';

export class Sessions implements vscode.Disposable {
  private readonly byFolder = new Map<string, Session>();
  private readonly changed = new vscode.EventEmitter<Session>();
  readonly onDidChange = this.changed.event;
  private readonly added = new vscode.EventEmitter<Session>();
  /** A folder joined the workspace; whoever decides whether to scan it (relevance.ts) starts it. */
  readonly onDidAdd = this.added.event;
  private readonly removed = new vscode.EventEmitter<Session>();
  /** A folder left the workspace: whatever was published for its session goes with it. */
  readonly onDidRemove = this.removed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.added, this.removed];

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly memory: vscode.Memento,
    readonly engine: EngineClient,
  ) {
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.add(folder);
    this.disposables.push(
      // A restarted worker holds no index: every folder is opened and scanned again.
      engine.onDidRestart(() => void Promise.allSettled(this.all.map((s) => s.reopen()))),
      vscode.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const folder of e.removed) this.remove(folder);
        for (const folder of e.added) this.added.fire(this.add(folder));
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.forUri(e.document.uri)?.queueDocument(e.document);
      }),
      // Closing a buffer without saving drops its unsaved text: the disk is the truth again.
      vscode.workspace.onDidCloseTextDocument((doc) => this.forUri(doc.uri)?.queue(doc.uri, undefined)),
      vscode.workspace.onDidChangeConfiguration((e) => this.onConfiguration(e)),
    );
  }

  get all(): Session[] {
    return [...this.byFolder.values()];
  }

  forUri(uri: vscode.Uri): Session | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.byFolder.get(folder.uri.toString()) : undefined;
  }

  /** The session of the active editor's folder, else the first one. */
  get current(): Session | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return (uri && this.forUri(uri)) ?? this.all[0];
  }

  /** Asks which folder when there are several; the only one otherwise. */
  async pick(placeHolder: string): Promise<Session | undefined> {
    if (this.all.length <= 1) return this.all[0];
    const picked = await vscode.window.showQuickPick(
      this.all.map((s) => ({ label: s.folder.name, description: s.folder.uri.fsPath, session: s })),
      { placeHolder },
    );
    return picked?.session;
  }

  /** Remembers the environment picked for a folder across reloads (workspace state, not settings). */
  async chooseEnvironment(session: Session, env: string): Promise<void> {
    session.chosenEnvironment = env;
    await this.memory.update(environmentKey(session), env);
    this.changed.fire(session);
  }

  scanAll(): Promise<unknown> {
    return Promise.allSettled(this.all.map((s) => s.scan()));
  }

  private add(folder: vscode.WorkspaceFolder): Session {
    const session = new Session(folder, this.log, this.engine);
    session.chosenEnvironment = this.memory.get<string>(environmentKey(session));
    session.onDidChange((s) => this.changed.fire(s), undefined, this.disposables);
    this.byFolder.set(folder.uri.toString(), session);
    return session;
  }

  private remove(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    const session = this.byFolder.get(key);
    if (!session) return;
    this.byFolder.delete(key);
    session.dispose();
    this.removed.fire(session);
  }

  private onConfiguration(e: vscode.ConfigurationChangeEvent): void {
    for (const session of this.all) {
      const affects = (key: string) => e.affectsConfiguration(`${SECTION}.${key}`, session.folder.uri);
      if (affects('manifestPath') || affects('exclude') || affects('cache')) void session.reconfigure().catch(() => undefined);
      else if (affects('rules')) session.applySeverities();
      else if (affects('environment') || affects('codeLens')) {
        session.settings = readSettings(session.folder);
        this.changed.fire(session);
      }
    }
  }

  dispose(): void {
    for (const s of this.all) s.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function environmentKey(session: Session): string {
  return `environment:${session.folder.uri.toString()}`;
}
