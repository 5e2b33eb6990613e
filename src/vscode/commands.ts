// Every command goes through one wrapper: it logs the call and its failure, and turns a failure into one
// user-facing message instead of an unhandled rejection.
import * as vscode from 'vscode';
import type { Sessions } from './sessions';

/** What every command handler may use: the extension context, the log and the folders' sessions. */
export interface CommandDeps {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly sessions: Sessions;
}

/** A failure the user caused or can fix: shown as a warning, not logged as an error. */
export class UserError extends Error {}

export const COMMANDS = {
  rescan: 'kafkaCutover.rescan',
  selectEnvironment: 'kafkaCutover.selectEnvironment',
  migrateService: 'kafkaCutover.migrateService',
  migrateReady: 'kafkaCutover.migrateReady',
  rollbackService: 'kafkaCutover.rollbackService',
  showPlan: 'kafkaCutover.showPlan',
  exportStatus: 'kafkaCutover.exportStatus',
  createManifest: 'kafkaCutover.createManifest',
  openRuleDocs: 'kafkaCutover.openRuleDocs',
  showBlockers: 'kafkaCutover.showBlockers',
  revealService: 'kafkaCutover.revealService',
  copyStatus: 'kafkaCutover.copyStatus',
  planNeighbourhood: 'kafkaCutover.plan.showNeighbourhood',
} as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- VS Code passes command arguments untyped; each handler declares its own
export function registerCommand(deps: CommandDeps, id: string, handler: (...args: any[]) => unknown): void {
  const { log } = deps;
  deps.context.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      log.debug(`${id} started`);
      const started = Date.now();
      try {
        const result = await handler(...args);
        log.debug(`${id} finished in ${Date.now() - started} ms`);
        return result;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof UserError) {
          log.warn(`${id}: ${message}`);
          void vscode.window.showWarningMessage(message);
        } else {
          log.error(`${id} failed`, error);
          void vscode.window.showErrorMessage(vscode.l10n.t('Kafka Cutover: {0}', message));
        }
        return undefined;
      }
    }),
  );
}
