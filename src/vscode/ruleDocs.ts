// Opens docs/rules.md (shipped with the extension) at a rule's section.
import * as vscode from 'vscode';
import { RULE_DOCS, type RuleId } from '../core';
import type { CommandDeps } from './commands';

export function rulesDocUri(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md');
}

export async function openRuleDocs(deps: CommandDeps, arg?: unknown): Promise<vscode.TextEditor | undefined> {
  let rule = typeof arg === 'string' ? (arg as RuleId) : undefined;
  if (!rule || !(rule in RULE_DOCS)) {
    const picked = await vscode.window.showQuickPick(
      (Object.keys(RULE_DOCS) as RuleId[]).map((id) => ({ label: id, description: RULE_DOCS[id].title })),
      { placeHolder: vscode.l10n.t('Rule') },
    );
    if (!picked) return undefined;
    rule = picked.label as RuleId;
  }
  const doc = await vscode.workspace.openTextDocument(rulesDocUri(deps.context));
  const line = doc
    .getText()
    .split('\n')
    .findIndex((l) => l.trim() === `## ${rule}`);
  const at = new vscode.Position(Math.max(0, line), 0);
  return vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at), preview: true });
}
