// Wiring only: create the parts, register them, start the first scan without blocking activation.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandDeps } from './commands';
import { CutoverCodeActionProvider } from './codeActions';
import { CutoverCodeLensProvider } from './codeLens';
import { guardDialog } from './cutover';
import { Diagnostics } from './diagnostics';
import { exportDialog } from './exportStatus';
import { EngineClient, engineNotices } from './engine/client';
import { registerLiveCommands } from './live/commands';
import { LiveChecks } from './live/controller';
import { registerCommands } from './registerCommands';
import { manifestOffer, Relevance } from './relevance';
import { rulesDocUri } from './ruleDocs';
import { Session } from './session';
import { Sessions } from './sessions';
import { CutoverStatusBar } from './statusBar';
import { CutoverViews } from './views';
import { FleetView } from './fleet/fleetView';
import type { TestApi } from './testApi';
import { openWalkthroughOnce } from './walkthrough';

/** Files the engine reads; lenses and quick fixes are offered on these only. */
const SELECTOR: vscode.DocumentSelector = { scheme: 'file' };

export function activate(
  context: vscode.ExtensionContext,
): TestApi & { live: LiveChecks; fleet: FleetView; codeActions: CutoverCodeActionProvider } {
  const started = Date.now();
  const log = vscode.window.createOutputChannel('Kafka Cutover', { log: true });
  // The index runs in a worker thread (dist/engineWorker.js): a scan never holds the host's event loop.
  const engine = EngineClient.beside(__dirname, log);
  const sessions = new Sessions(log, context.workspaceState, engine);
  const deps: CommandDeps = { context, log, sessions };
  const diagnostics = new Diagnostics(rulesDocUri(context));
  const codeLens = new CutoverCodeLensProvider(sessions);
  const relevance = new Relevance(deps);
  const views = new CutoverViews(sessions, relevance);
  const statusBar = new CutoverStatusBar(sessions);
  const codeActions = new CutoverCodeActionProvider(sessions);
  context.subscriptions.push(
    log,
    engine,
    sessions,
    relevance,
    diagnostics,
    codeLens,
    views,
    statusBar,
    sessions.onDidChange((session) => diagnostics.update(session)),
    sessions.onDidRemove((session) => diagnostics.forget(session)),
    vscode.languages.registerCodeLensProvider(SELECTOR, codeLens),
    vscode.languages.registerCodeActionsProvider(SELECTOR, codeActions, CutoverCodeActionProvider.metadata),
  );
  registerCommands(deps);
  // Live checks load kafkajs from dist/live.js on their first run, never here.
  const live = new LiveChecks(deps);
  views.tree.setLive(live.state);
  views.topics.setLive(live.state);
  context.subscriptions.push(live);
  registerLiveCommands(deps, live);
  const fleet = new FleetView(deps, live.secrets);
  context.subscriptions.push(fleet);

  // The first scan reads the whole repository: run it after activation returns, with visible progress,
  // in the folders that are about Kafka (relevance.ts decides).
  const firstScan = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => relevance.start(sessions.all))
    .then((aboutKafka) => (aboutKafka ? openWalkthroughOnce(context) : false));
  log.info(`activated in ${Date.now() - started} ms`);
  /** A session on a folder outside the workspace, publishing diagnostics like the others (test API). */
  const openSession = (dir: string, on: EngineClient = engine): Session => {
    const folder: vscode.WorkspaceFolder = { uri: vscode.Uri.file(dir), name: path.basename(dir), index: -1 };
    const session = new Session(folder, log, on);
    const published = session.onDidChange((s) => diagnostics.update(s));
    const dispose = session.dispose.bind(session);
    session.dispose = () => {
      published.dispose();
      diagnostics.forget(session);
      dispose();
    };
    return session;
  };
  return {
    sessions,
    views,
    statusBar,
    diagnostics,
    live,
    fleet,
    relevance,
    codeActions,
    openWalkthroughOnce,
    exportDialog,
    manifestOffer,
    firstScan: firstScan.then(() => undefined),
    activationMs: Date.now() - started,
    guardDialog,
    engine,
    engineNotices,
    newEngine: () => EngineClient.beside(__dirname, log),
    openSession,
  };
}

export function deactivate(): void {}
