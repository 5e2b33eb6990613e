// The command table: every command id bound to its handler through the one logging wrapper.
import * as vscode from 'vscode';
import { COMMANDS, registerCommand, type CommandDeps } from './commands';
import { createManifest } from './createManifest';
import { cutoverService, migrateReady, revealService, sessionFor, showBlockers, requestOf } from './cutover';
import { copyStatus, selectEnvironment } from './environment';
import { exportStatus } from './exportStatus';
import { PlanPanel, planSourceOf } from './planView';
import { openRuleDocs } from './ruleDocs';

export function registerCommands(deps: CommandDeps): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- VS Code passes command arguments untyped; each handler declares its own
  const bind = (id: string, handler: (...args: any[]) => unknown) => registerCommand(deps, id, handler);
  bind(COMMANDS.rescan, () =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Kafka Cutover: scanning') }, () =>
      deps.sessions.scanAll(),
    ),
  );
  bind(COMMANDS.selectEnvironment, (arg?: unknown) => selectEnvironment(deps, arg));
  bind(COMMANDS.migrateService, (arg?: unknown) => cutoverService(deps, arg, 'migrate'));
  bind(COMMANDS.rollbackService, (arg?: unknown) => cutoverService(deps, arg, 'rollback'));
  bind(COMMANDS.migrateReady, (arg?: unknown) => migrateReady(deps, arg));
  bind(COMMANDS.showBlockers, (arg?: unknown) => showBlockers(deps, arg));
  bind(COMMANDS.revealService, (arg?: unknown) => revealService(deps, arg));
  bind(COMMANDS.copyStatus, (arg?: unknown) => copyStatus(deps, arg));
  bind(COMMANDS.showPlan, async (arg?: unknown) => {
    const session = await sessionFor(deps, requestOf(arg), vscode.l10n.t('Folder'));
    return session ? PlanPanel.show(deps.context.extensionUri, planSourceOf(session, deps.sessions)) : undefined;
  });
  // From the plan page's context menu (its data-vscode-context names the service).
  bind(COMMANDS.planNeighbourhood, (arg?: unknown) => {
    const { service } = requestOf(arg);
    if (service) PlanPanel.open?.focus(service);
  });
  bind(COMMANDS.exportStatus, (arg?: unknown) => exportStatus(deps, arg as never));
  bind(COMMANDS.createManifest, (arg?: { folder?: string }) => createManifest(deps, arg));
  bind(COMMANDS.openRuleDocs, (arg?: unknown) => openRuleDocs(deps, arg));
}
