// The command table: every command id bound to its handler through the one logging wrapper.
import * as vscode from 'vscode';
import { COMMANDS, registerCommand, type Services } from './commands';
import { createManifest } from './createManifest';
import { cutoverService, migrateReady, revealService, sessionFor, showBlockers, requestOf } from './cutover';
import { copyStatus, selectEnvironment } from './environment';
import { exportStatus } from './exportStatus';
import { PlanPanel, planSourceOf } from './planView';
import { openRuleDocs } from './ruleDocs';

export function registerCommands(services: Services): void {
  const bind = (id: string, handler: (...args: any[]) => unknown) => registerCommand(services, id, handler);
  bind(COMMANDS.rescan, () =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Kafka Cutover: scanning') }, () => services.sessions.scanAll()),
  );
  bind(COMMANDS.selectEnvironment, (arg?: unknown) => selectEnvironment(services, arg));
  bind(COMMANDS.migrateService, (arg?: unknown) => cutoverService(services, arg, 'migrate'));
  bind(COMMANDS.rollbackService, (arg?: unknown) => cutoverService(services, arg, 'rollback'));
  bind(COMMANDS.migrateReady, (arg?: unknown) => migrateReady(services, arg));
  bind(COMMANDS.showBlockers, (arg?: unknown) => showBlockers(services, arg));
  bind(COMMANDS.revealService, (arg?: unknown) => revealService(services, arg));
  bind(COMMANDS.copyStatus, (arg?: unknown) => copyStatus(services, arg));
  bind(COMMANDS.showPlan, async (arg?: unknown) => {
    const session = await sessionFor(services, requestOf(arg), vscode.l10n.t('Folder'));
    return session ? PlanPanel.show(services.context.extensionUri, planSourceOf(session, services.sessions)) : undefined;
  });
  // From the plan page's context menu (its data-vscode-context names the service).
  bind(COMMANDS.planNeighbourhood, (arg?: unknown) => {
    const { service } = requestOf(arg);
    if (service) PlanPanel.open?.focus(service);
  });
  bind(COMMANDS.exportStatus, (arg?: unknown) => exportStatus(services, arg as never));
  bind(COMMANDS.createManifest, (arg?: { folder?: string }) => createManifest(services, arg));
  bind(COMMANDS.openRuleDocs, (arg?: unknown) => openRuleDocs(services, arg));
}
