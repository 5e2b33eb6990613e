// Quick fixes for findings. Each builds its edit from the engine's own edit functions, so the fix and the
// CLI's `migrate`/`fix` write exactly the same text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type Analysis, blockersOf, cutoverEdits, emptyUndoRecord, type Finding, missingTopicEdit, parseUndoRecord, portFixEdits, type RecordableEdit, refAt, type RuleId, securityFixEdits, serializeUndoRecord, type TextEdit, UNDO_FILE, updatedRecord } from '../core';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { editCount, toWorkspaceEdit } from './edits';
import type { Session } from './session';
import type { Sessions } from './sessions';

export class CutoverCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly sessions: Sessions) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'object');
    if (!ours.length) return [];
    const session = this.sessions.forUri(document.uri);
    const rel = session?.relative(document.uri);
    if (!session || !rel) return [];
    session.flush();
    const analysis = session.analysis;
    if (!analysis) return [];
    const actions: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    for (const diagnostic of ours) {
      const rule = (diagnostic.code as { value: RuleId }).value;
      const finding = findingOf(analysis, rel, rule, diagnostic.range);
      if (!finding) continue;
      for (const action of fixesFor(session, analysis, finding)) {
        // Several diagnostics on one line may offer the same file-wide fix: offer it once.
        if (seen.has(action.title)) continue;
        seen.add(action.title);
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
    }
    return actions;
  }
}

function findingOf(analysis: Analysis, file: string, rule: RuleId, range: vscode.Range): Finding | undefined {
  return analysis.findings.find(
    (f) => f.rule === rule && f.file === file && f.range.start.line === range.start.line + 1 && f.range.start.column === range.start.character + 1,
  );
}

export function fixesFor(session: Session, analysis: Analysis, finding: Finding): vscode.CodeAction[] {
  switch (finding.rule) {
    case 'legacy-broker':
    case 'mixed-clusters':
      return migrateFixes(session, analysis, finding);
    case 'offset-reset-not-earliest':
      return offsetResetFix(session, analysis, finding);
    case 'auth-port-mismatch':
      return portFix(session, analysis, finding);
    case 'topic-not-in-terraform':
      return topicFix(session, analysis, finding);
    case 'security-protocol-mismatch':
      return securityFix(session, analysis, finding);
    default:
      return [];
  }
}

function migrateFixes(session: Session, analysis: Analysis, finding: Finding): vscode.CodeAction[] {
  const ref = refAt(analysis.model, finding.file, finding.range.start.line, finding.range.start.column);
  if (!ref || ref.cluster !== 'source') return [];
  const env = ref.environment;
  // Clearly right when nothing waits on the service, or when the service already uses MSK elsewhere.
  const ready = !!(ref.service && env && !blockersOf(analysis.plan, ref.service, env).length);
  const out: vscode.CodeAction[] = [];
  const one = cutoverEdits(analysis, { ref: { file: ref.file, offset: ref.parts[0]?.offset } }, 'migrate');
  if (one.byFile.size) {
    out.push(action(session, vscode.l10n.t('Rewrite this connection string to MSK ({0})', env ?? '?'), one.byFile, {
      preferred: ready || finding.rule === 'mixed-clusters',
    }));
  }
  const inFile = cutoverEdits(analysis, { file: ref.file }, 'migrate');
  if (editCount(inFile.byFile) > editCount(one.byFile)) {
    out.push(action(session, vscode.l10n.t('Rewrite every old connection string in this file to MSK'), inFile.byFile));
  }
  if (ref.service && env) {
    const service = cutoverEdits(analysis, { services: [ref.service], env }, 'migrate');
    if (service.byFile.size > 1 || editCount(service.byFile) > editCount(inFile.byFile)) {
      const title = vscode.l10n.t('Migrate service {0} to MSK in {1} ({2} files)', ref.service, env, service.byFile.size);
      const migrate = action(session, title, service.byFile, { confirm: true });
      withUndoRecord(session, migrate, service.byFile, title);
      out.push(migrate);
    }
  }
  return out;
}

/**
 * A whole-service move also updates kafka-cutover.undo.json in the same WorkspaceEdit (so the CLI's
 * `rollback` restores it exactly, and VS Code's undo takes both back). A malformed record is left alone:
 * the move is still offered, without a record, rather than overwriting the team's only exact way back.
 */
function withUndoRecord(session: Session, fix: vscode.CodeAction, byFile: Map<string, RecordableEdit[]>, label: string): void {
  const abs = path.join(session.workspace.root, UNDO_FILE);
  let existing: string | undefined;
  try {
    existing = fs.readFileSync(abs, 'utf8');
  } catch {
    existing = undefined;
  }
  const parsed = existing === undefined ? { record: emptyUndoRecord(), problems: [] } : parseUndoRecord(existing);
  if (parsed.problems.length || !fix.edit) return;
  const next = updatedRecord(parsed.record, byFile, (file) => session.workspace.scannedText(file));
  const metadata: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: true };
  fix.edit.createFile(session.uriOf(UNDO_FILE), { overwrite: true, contents: Buffer.from(serializeUndoRecord(next), 'utf8') }, metadata);
}

function offsetResetFix(session: Session, analysis: Analysis, finding: Finding): vscode.CodeAction[] {
  const reset = analysis.model.offsetResets.find(
    (r) => r.file === finding.file && r.fix && r.range.start.line === finding.range.start.line && r.range.start.column === finding.range.start.column,
  ) ?? analysis.model.offsetResets.find((r) => r.file === finding.file && r.fix && r.range.start.line === finding.range.start.line);
  if (!reset?.fix) return [];
  return [action(session, vscode.l10n.t('Start from the earliest offset (re-read rather than skip records)'), byFile([reset.fix]), { preferred: true })];
}

function portFix(session: Session, analysis: Analysis, finding: Finding): vscode.CodeAction[] {
  const ref = refAt(analysis.model, finding.file, finding.range.start.line, finding.range.start.column);
  if (!ref) return [];
  const edits = portFixEdits(analysis, { ref: { file: ref.file, offset: ref.parts[0]?.offset } });
  if (!edits.size) return [];
  return [action(session, vscode.l10n.t('Use the MSK port for the target\'s auth mode'), edits, { preferred: true })];
}

/**
 * On the target: the mechanical change (scheme, protocol, flag). On a moving ref there is none here: the
 * source still needs the old setting, so the change comes with the move (the migrate fixes include it).
 */
function securityFix(session: Session, analysis: Analysis, finding: Finding): vscode.CodeAction[] {
  const edits = securityFixEdits(analysis, { file: finding.file, line: finding.range.start.line, column: finding.range.start.column });
  const edit = [...edits.values()].flat()[0];
  if (!edit) return [];
  const text = session.workspace.scannedText(edit.file)?.slice(edit.offset, edit.offset + edit.length) ?? '';
  return [action(session, vscode.l10n.t('Change {0} to {1} for the target\'s auth', text, edit.newText), edits, { preferred: true })];
}

function topicFix(session: Session, analysis: Analysis, finding: Finding): vscode.CodeAction[] {
  if (!finding.topic) return [];
  const edit = missingTopicEdit(analysis, finding.topic, (file) => session.workspace.scannedText(file));
  if (!edit) return [];
  return [action(session, vscode.l10n.t('Declare topic {0} in {1}', finding.topic, edit.file), byFile([edit]), { preferred: true })];
}

function action(
  session: Session,
  title: string,
  edits: ReadonlyMap<string, readonly TextEdit[]>,
  options: { preferred?: boolean; confirm?: boolean } = {},
): vscode.CodeAction {
  const fix = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  fix.edit = toWorkspaceEdit(session, edits, { label: title, needsConfirmation: options.confirm ?? false });
  fix.isPreferred = options.preferred ?? false;
  return fix;
}

function byFile(edits: TextEdit[]): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  for (const e of edits) out.set(e.file, [...(out.get(e.file) ?? []), e]);
  return out;
}
