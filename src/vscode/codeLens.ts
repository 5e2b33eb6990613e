// Above every connection string: where it points and where its service stands, plus the next action.
import * as vscode from 'vscode';
import { blockersOf, refSummary } from '../core';
import { COMMANDS } from './commands';
import type { CutoverRequest } from './cutover';
import { toRange } from './edits';
import type { Sessions } from './sessions';

export class CutoverCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly sessions: Sessions) {
    this.subscription = sessions.onDidChange(() => this.changed.fire());
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const session = this.sessions.forUri(document.uri);
    if (!session?.settings.codeLensEnabled) return [];
    // Lenses must sit on the text as it is now, not as of the last debounced update.
    await session.flush();
    if (!session.analysis) return [];
    const rel = session.relative(document.uri);
    if (!rel) return [];
    const { model, plan } = session.analysis;
    const lenses: vscode.CodeLens[] = [];
    for (const ref of model.brokerRefs) {
      if (ref.file !== rel) continue;
      const range = toRange(ref.range);
      lenses.push(new vscode.CodeLens(range, { title: refSummary(ref, model, plan), command: '' }));
      if (!ref.service || !ref.environment) continue;
      const request: CutoverRequest = { folder: session.folder.uri.toString(), service: ref.service, env: ref.environment };
      if (ref.cluster === 'source') {
        lenses.push(
          new vscode.CodeLens(range, {
            title: vscode.l10n.t('Migrate service'),
            command: COMMANDS.migrateService,
            arguments: [request],
            tooltip: vscode.l10n.t('Rewrite every connection string of {0} in {1} to MSK', ref.service, ref.environment),
          }),
        );
        // Blocked, unknown or needing fixes: the lens opens the list of what it waits for.
        const r = plan.readiness[ref.environment]?.[ref.service];
        if (blockersOf(plan, ref.service, ref.environment).length || r?.unknown.length || r?.fixes.length) {
          lenses.push(
            new vscode.CodeLens(range, { title: vscode.l10n.t('Show blockers'), command: COMMANDS.showBlockers, arguments: [request] }),
          );
        }
      } else if (ref.cluster === 'target') {
        lenses.push(
          new vscode.CodeLens(range, {
            title: vscode.l10n.t('Roll back'),
            command: COMMANDS.rollbackService,
            arguments: [request],
            tooltip: vscode.l10n.t(
              'Rewrite every MSK connection string of {0} in {1} back to the old cluster',
              ref.service,
              ref.environment,
            ),
          }),
        );
      }
    }
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
