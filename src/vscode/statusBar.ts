// Progress in the chosen environment for the active folder; a click focuses the cutover tree.
import * as vscode from 'vscode';
import { hazardCount, progressIn } from '../core';
import type { Sessions } from './sessions';

export const TREE_VIEW_ID = 'kafkaCutover.services';
export const TOPICS_VIEW_ID = 'kafkaCutover.topics';

export class CutoverStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kafkaCutover.progress', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly sessions: Sessions) {
    this.item.name = vscode.l10n.t('Kafka Cutover progress');
    this.item.command = `${TREE_VIEW_ID}.focus`;
    this.disposables.push(
      sessions.onDidChange(() => this.render()),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
    );
    this.render();
  }

  render(): void {
    const session = this.sessions.current;
    if (!session) return this.item.hide();
    if (session.state === 'scanning' && !session.analysis) {
      this.item.text = `$(loading~spin) ${vscode.l10n.t('Kafka Cutover: scanning')}`;
      this.item.tooltip = undefined;
      return this.item.show();
    }
    const env = session.environment;
    if (!session.analysis || !env) {
      if (session.manifestProblems.length) {
        this.item.text = `$(error) ${vscode.l10n.t('Kafka Cutover: manifest errors')}`;
        return this.item.show();
      }
      return this.item.hide();
    }
    const { moved, present } = progressIn(session.analysis.model, env);
    const hazards = hazardCount(session.analysis.model, session.analysis.plan, env);
    // The hazard count is the tree's hazard rows: the same number everywhere.
    this.item.text = `$(arrow-swap) ${moved}/${present} MSK · ${env}${hazards ? ` · $(error) ${hazards}` : ''}`;
    this.item.tooltip = hazards
      ? vscode.l10n.t(
          '{0} of {1} services use MSK in {2} ({3}); {4} produce(s) on MSK ahead of their consumers. Click to open the cutover view.',
          moved,
          present,
          env,
          session.folder.name,
          hazards,
        )
      : vscode.l10n.t(
          '{0} of {1} services use MSK in {2} ({3}). Click to open the cutover view.',
          moved,
          present,
          env,
          session.folder.name,
        );
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
