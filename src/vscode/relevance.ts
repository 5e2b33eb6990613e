// Which folders the extension scans. A folder with a manifest is scanned. A folder without one gets a
// bounded look first (at most LOOK_LIMITS.files dependency and settings files, their first bytes, within
// a time budget): where it finds a Kafka client the folder is scanned as before (zero-config) and the user
// is offered, once, to create a manifest; where it finds none the folder stays quiet (no scan, no
// diagnostics, no notification) until the user asks for a scan or a manifest appears.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { clientEvidenceGlob, evidenceRank, mentionsKafka, skippedFoldersGlob } from '../core';
import { COMMANDS, type CommandDeps } from './commands';
import type { Session } from './session';

export interface LookLimits {
  /** Files looked at, at most (findFiles' limit). */
  files: number;
  /** Bytes read from the start of each file. */
  bytesPerFile: number;
  /** The whole look (search and reads) ends after this long, found or not. */
  budgetMs: number;
}

export const LOOK_LIMITS: LookLimits = { files: 200, bytesPerFile: 16 * 1024, budgetMs: 1500 };

export interface Look {
  /** The first file (relative, `/`) that names a Kafka client; undefined when none did. */
  found?: string;
  /** Files read. */
  read: number;
  ms: number;
  /** The budget ran out before every candidate was read. */
  timedOut: boolean;
}

/** The bounded look for a Kafka client in a folder without a manifest. */
export async function lookForKafkaClients(folder: vscode.WorkspaceFolder, limits: LookLimits = LOOK_LIMITS): Promise<Look> {
  const started = Date.now();
  if (limits.files <= 0) return { read: 0, ms: 0, timedOut: false }; // findFiles reads 0 as "no limit"
  const deadline = started + limits.budgetMs;
  const cancel = new vscode.CancellationTokenSource();
  const timer = setTimeout(() => cancel.cancel(), limits.budgetMs);
  let read = 0;
  try {
    let uris: vscode.Uri[] = [];
    try {
      uris = await vscode.workspace.findFiles(
        new vscode.RelativePattern(folder, clientEvidenceGlob()),
        skippedFoldersGlob(),
        limits.files,
        cancel.token,
      );
    } catch {
      uris = []; // cancelled: the budget is spent
    }
    const candidates = uris
      .filter((u) => u.scheme === 'file')
      .map((uri) => ({ uri, rel: path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/') }))
      // Dependency manifests first, shallow before deep: the likeliest evidence is read first.
      .sort(
        (a, b) =>
          evidenceRank(path.posix.basename(a.rel)) - evidenceRank(path.posix.basename(b.rel)) ||
          depth(a.rel) - depth(b.rel) ||
          (a.rel < b.rel ? -1 : 1),
      );
    const buffer = Buffer.alloc(limits.bytesPerFile);
    for (const { uri, rel } of candidates) {
      if (Date.now() >= deadline) return { read, ms: Date.now() - started, timedOut: true };
      const bytes = await head(uri.fsPath, buffer);
      read++;
      if (bytes && mentionsKafka(bytes)) return { found: rel, read, ms: Date.now() - started, timedOut: false };
    }
    return { read, ms: Date.now() - started, timedOut: cancel.token.isCancellationRequested };
  } finally {
    clearTimeout(timer);
    cancel.dispose();
  }
}

function depth(rel: string): number {
  return rel.split('/').length;
}

async function head(file: string, buffer: Buffer): Promise<Buffer | undefined> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return undefined; // unreadable: no evidence
  } finally {
    await handle?.close();
  }
}

/** The one-time offer, a seam the in-host tests replace to see and answer it. */
export const manifestOffer = {
  ask(message: string, items: string[]): Thenable<string | undefined> {
    return vscode.window.showInformationMessage(message, ...items);
  },
};

export class Relevance implements vscode.Disposable {
  private readonly quiet = new Set<Session>();
  private readonly looks = new Map<Session, Look>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** A folder became quiet or woke up. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly deps: CommandDeps,
    private readonly limits: LookLimits = LOOK_LIMITS,
  ) {
    const { sessions } = deps;
    this.disposables.push(
      sessions.onDidAdd((session) => void this.start([session])),
      sessions.onDidRemove((session) => this.forget(session)),
      // A scan the user asked for (Rescan) or a manifest that appeared wakes a quiet folder.
      sessions.onDidChange((session) => {
        if (session.state !== 'idle' && this.quiet.delete(session)) this.changed.fire();
      }),
    );
  }

  /** A folder that was looked at, found no Kafka client, and has not been scanned since. */
  isQuiet(session: Session): boolean {
    return this.quiet.has(session);
  }

  lookOf(session: Session): Look | undefined {
    return this.looks.get(session);
  }

  /**
   * Decides for each folder, then scans those worth it, with visible progress. Resolves true when some
   * folder is about Kafka (has a manifest or a client), false when every one stayed quiet.
   */
  async start(sessions: readonly Session[]): Promise<boolean> {
    const decisions = await Promise.all(sessions.map((s) => this.decide(s).catch(() => true)));
    const toScan = sessions.filter((s, i) => decisions[i] && this.deps.sessions.all.includes(s));
    if (!toScan.length) return false;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Kafka Cutover: scanning the workspace') },
      () => Promise.allSettled(toScan.map((s) => s.scan())),
    );
    return true;
  }

  /** True when the folder should be scanned. */
  private async decide(session: Session): Promise<boolean> {
    if (await exists(session.manifestUri)) return true;
    const look = await lookForKafkaClients(session.folder, this.limits);
    this.looks.set(session, look);
    const name = session.folder.name;
    if (!look.found) {
      this.deps.log.info(
        `${name}: no manifest and no Kafka client in ${look.read} files (${look.ms} ms${look.timedOut ? ', budget spent' : ''}): not scanned`,
      );
      if (session.state === 'idle') {
        this.quiet.add(session);
        this.changed.fire();
      }
      return false;
    }
    this.deps.log.info(
      `${name}: no manifest; a Kafka client in ${look.found} (${look.read} files, ${look.ms} ms): scanning with clusters guessed from host names`,
    );
    void this.offerManifest(session, look.found);
    return true;
  }

  /** Once per folder (remembered in the workspace state): a manifest turns guesses into a plan. */
  private async offerManifest(session: Session, evidence: string): Promise<void> {
    const memory = this.deps.context.workspaceState;
    const key = `manifestOffered:${session.folder.uri.toString()}`;
    if (memory.get<boolean>(key)) return;
    await memory.update(key, true);
    const create = vscode.l10n.t('Create Manifest');
    const answer = await manifestOffer.ask(
      vscode.l10n.t('{0} uses Kafka ({1}). Create a kafka-cutover.yaml to plan its move to MSK?', session.folder.name, evidence),
      [create, vscode.l10n.t('Not Now')],
    );
    if (answer === create) await vscode.commands.executeCommand(COMMANDS.createManifest, { folder: session.folder.uri.toString() });
  }

  private forget(session: Session): void {
    this.looks.delete(session);
    if (this.quiet.delete(session)) this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
