// Quick fixes for findings. Offering a fix costs the worker a look at the model (src/vscode/engine/fixes.ts):
// the menu gets titles only. The edit of the one fix picked (a whole-service pass, the undo record) is
// computed in resolveCodeAction, beside the scanned texts, from the engine's own edit functions, so the fix
// and the CLI's `migrate`/`fix` write exactly the same text. This words the titles and builds the edits.
import * as vscode from 'vscode';
import { type RuleId, UNDO_FILE } from '../core';
import { UserError } from './commands';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { EngineCancelled } from './engine/client';
import type { FixData, FixKind, FixOffer, FixQuery } from './engine/protocol';
import { toWorkspaceEdit } from './edits';
import type { Session } from './session';
import type { Sessions } from './sessions';

export class CutoverCodeAction extends vscode.CodeAction {
  constructor(
    readonly offer: FixOffer,
    readonly query: FixQuery,
    readonly session: Session,
    /** The document and its version the offer was made on: a later version makes the offer stale. */
    readonly document: { uri: vscode.Uri; version: number; rel: string },
    diagnostic: vscode.Diagnostic,
  ) {
    super(titleOf(offer.fix), vscode.CodeActionKind.QuickFix);
    this.isPreferred = offer.preferred;
    this.diagnostics = [diagnostic];
  }
}

export class CutoverCodeActionProvider implements vscode.CodeActionProvider<CutoverCodeAction> {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly sessions: Sessions) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
    token?: vscode.CancellationToken,
  ): Promise<CutoverCodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'object');
    if (!ours.length) return [];
    const session = this.sessions.forUri(document.uri);
    const rel = session?.relative(document.uri);
    if (!session || !rel) return [];
    await session.flush();
    if (!session.analysis || token?.isCancellationRequested) return [];
    const queries: FixQuery[] = ours.map((d) => ({
      rule: (d.code as { value: RuleId }).value,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
    }));
    let offers: FixOffer[];
    try {
      offers = await session.ask<FixOffer[]>({ kind: 'fixes', folder: session.key, file: rel, queries }, token);
    } catch (error) {
      if (error instanceof EngineCancelled) return [];
      throw error;
    }
    const actions: CutoverCodeAction[] = [];
    const seen = new Set<string>();
    for (const offer of offers) {
      const action = new CutoverCodeAction(
        offer,
        queries[offer.query]!,
        session,
        { uri: document.uri, version: document.version, rel },
        ours[offer.query]!,
      );
      // Several diagnostics on one line may offer the same file-wide fix: offer it once.
      if (seen.has(action.title)) continue;
      seen.add(action.title);
      actions.push(action);
    }
    return actions;
  }

  /**
   * The edit of the fix picked, against the newest index. When the buffer moved on since the offer (or the
   * edits no longer fit it) the user is told to try again, and the fix changes nothing.
   */
  async resolveCodeAction(action: CutoverCodeAction, token?: vscode.CancellationToken): Promise<CutoverCodeAction> {
    try {
      action.edit = await resolveEdit(action, token);
    } catch (error) {
      if (error instanceof EngineCancelled) return action;
      if (!(error instanceof UserError)) throw error;
      action.session.log.warn(`quick fix "${action.title}": ${error.message}`);
      void vscode.window.showWarningMessage(error.message);
    }
    return action;
  }
}

async function resolveEdit(action: CutoverCodeAction, token?: vscode.CancellationToken): Promise<vscode.WorkspaceEdit | undefined> {
  const { session, offer, document } = action;
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === document.uri.toString());
  if (open && open.version !== document.version) {
    throw new UserError(vscode.l10n.t('{0} changed since the fix was offered; try again in a moment.', document.rel));
  }
  await session.flush();
  if (!session.analysis || session.state === 'scanning')
    throw new UserError(vscode.l10n.t('Kafka Cutover is still scanning {0}.', session.folder.name));
  const data = await session.ask<Omit<FixData, 'query' | 'preferred' | 'confirm'> | undefined>(
    { kind: 'resolveFix', folder: session.key, file: document.rel, query: action.query, fix: offer.fix },
    token,
  );
  if (!data) throw new UserError(vscode.l10n.t('{0}: there is nothing left to change.', action.title));
  const edit = toWorkspaceEdit(session, data.edits, { label: action.title, needsConfirmation: offer.confirm });
  // A whole-service move updates kafka-cutover.undo.json in the same WorkspaceEdit (the CLI's `rollback`
  // restores it exactly, and VS Code's undo takes both back).
  if (data.undoRecord !== undefined) {
    edit.createFile(
      session.uriOf(UNDO_FILE),
      { overwrite: true, contents: Buffer.from(data.undoRecord, 'utf8') },
      { label: action.title, needsConfirmation: true },
    );
  }
  return edit;
}

function titleOf(fix: FixKind): string {
  switch (fix.kind) {
    case 'rewrite-ref':
      return vscode.l10n.t('Rewrite this connection string to MSK ({0})', fix.env ?? '?');
    case 'rewrite-file':
      return vscode.l10n.t('Rewrite every old connection string in this file to MSK');
    case 'migrate-service':
      return vscode.l10n.t('Migrate service {0} to MSK in {1} (all its files)', fix.service, fix.env);
    case 'offset-reset':
      return vscode.l10n.t('Start from the earliest offset (re-read rather than skip records)');
    case 'auth-port':
      return vscode.l10n.t("Use the MSK port for the target's auth mode");
    case 'security':
      return vscode.l10n.t("Change {0} to {1} for the target's auth", fix.from, fix.to);
    case 'declare-topic':
      return vscode.l10n.t('Declare topic {0} in {1}', fix.topic, fix.file);
  }
}
