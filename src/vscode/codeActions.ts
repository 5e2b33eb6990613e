// Quick fixes for findings. The worker computes each fix's edit beside the scanned texts, from the engine's
// own edit functions (src/vscode/engine/fixes.ts), so the fix and the CLI's `migrate`/`fix` write exactly
// the same text; this words the titles and builds the WorkspaceEdits.
import * as vscode from 'vscode';
import { UNDO_FILE } from '../core/rewrite/undo';
import type { RuleId } from '../core/model/types';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { EngineCancelled } from './engine/client';
import type { FixData, FixKind, FixQuery } from './engine/protocol';
import { toWorkspaceEdit } from './edits';
import type { Session } from './session';
import type { Sessions } from './sessions';

export class CutoverCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly sessions: Sessions) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext, token?: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'object');
    if (!ours.length) return [];
    const session = this.sessions.forUri(document.uri);
    const rel = session?.relative(document.uri);
    if (!session || !rel) return [];
    await session.flush();
    if (!session.analysis || token?.isCancellationRequested) return [];
    const queries: FixQuery[] = ours.map((d) => ({ rule: (d.code as { value: RuleId }).value, line: d.range.start.line + 1, column: d.range.start.character + 1 }));
    let fixes: FixData[];
    try {
      fixes = await session.ask<FixData[]>({ kind: 'fixes', folder: session.key, file: rel, queries }, token);
    } catch (error) {
      if (error instanceof EngineCancelled) return [];
      throw error;
    }
    const actions: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    for (const data of fixes) {
      const title = titleOf(data.fix);
      // Several diagnostics on one line may offer the same file-wide fix: offer it once.
      if (seen.has(title)) continue;
      seen.add(title);
      const action = toAction(session, title, data);
      action.diagnostics = [ours[data.query]!];
      actions.push(action);
    }
    return actions;
  }
}

function titleOf(fix: FixKind): string {
  switch (fix.kind) {
    case 'rewrite-ref':
      return vscode.l10n.t('Rewrite this connection string to MSK ({0})', fix.env ?? '?');
    case 'rewrite-file':
      return vscode.l10n.t('Rewrite every old connection string in this file to MSK');
    case 'migrate-service':
      return vscode.l10n.t('Migrate service {0} to MSK in {1} ({2} files)', fix.service, fix.env, fix.files);
    case 'offset-reset':
      return vscode.l10n.t('Start from the earliest offset (re-read rather than skip records)');
    case 'auth-port':
      return vscode.l10n.t('Use the MSK port for the target\'s auth mode');
    case 'security':
      return vscode.l10n.t('Change {0} to {1} for the target\'s auth', fix.from, fix.to);
    case 'declare-topic':
      return vscode.l10n.t('Declare topic {0} in {1}', fix.topic, fix.file);
  }
}

function toAction(session: Session, title: string, data: FixData): vscode.CodeAction {
  const fix = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  fix.edit = toWorkspaceEdit(session, data.edits, { label: title, needsConfirmation: data.confirm });
  fix.isPreferred = data.preferred;
  // A whole-service move updates kafka-cutover.undo.json in the same WorkspaceEdit (the CLI's `rollback`
  // restores it exactly, and VS Code's undo takes both back).
  if (data.undoRecord !== undefined) {
    fix.edit.createFile(session.uriOf(UNDO_FILE), { overwrite: true, contents: Buffer.from(data.undoRecord, 'utf8') }, { label: title, needsConfirmation: true });
  }
  return fix;
}
