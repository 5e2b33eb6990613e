// The edge where the engine's edits (data, 1-based ranges) become VS Code edits (undoable WorkspaceEdits).
import * as vscode from 'vscode';
import type { Range, TextEdit } from '../core';
import { UserError } from './commands';
import { digestOf, type EditsReply } from './engine/protocol';
import type { Session } from './session';

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line - 1, range.start.column - 1, range.end.line - 1, range.end.column - 1);
}

/** 1-based line/column of a VS Code position, as the engine counts. */
export function fromPosition(position: vscode.Position): { line: number; column: number } {
  return { line: position.line + 1, column: position.character + 1 };
}

/** The buffer moved on since the edits were computed: the user tries again, nothing is wrong inside. */
export class StaleTextError extends UserError {}

export interface EditOptions {
  /** Shown in the refactor preview and the undo stack. */
  label: string;
  /** Open the refactor preview before applying (for edits across files the user has not seen). */
  needsConfirmation?: boolean;
}

/**
 * Builds one WorkspaceEdit from the worker's edits by relative file. Refuses when an open buffer no longer
 * holds the text the edits were computed from (the ranges would land in the wrong place): the worker sends
 * a digest of each file's text as it indexed it.
 */
export function toWorkspaceEdit(
  session: Session,
  reply: Pick<EditsReply, 'byFile' | 'digests'>,
  options: EditOptions,
): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { label: options.label, needsConfirmation: options.needsConfirmation ?? false };
  for (const [rel, edits] of reply.byFile) {
    const uri = session.uriOf(rel);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const scanned = reply.digests[rel];
    if (open && scanned !== undefined && digestOf(open.getText()) !== scanned) {
      throw new StaleTextError(vscode.l10n.t('{0} changed since it was analysed; try again in a moment.', rel));
    }
    for (const e of edits) edit.replace(uri, toRange(e.range), e.newText, metadata);
  }
  return edit;
}

export function editCount(byFile: Iterable<readonly [string, readonly TextEdit[]]>): number {
  let n = 0;
  for (const [, edits] of byFile) n += edits.length;
  return n;
}
