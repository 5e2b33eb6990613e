// Quick fixes for findings. Each builds its edit from the engine's own edit functions, so the fix and the
// CLI's `migrate`/`fix` write exactly the same text. Offering a fix costs a look at the model only: the
// edit (a whole-service pass, the undo record) is computed in resolveCodeAction, for the one fix picked.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type Analysis, blockersOf, type BrokerRef, cutoverEdits, emptyUndoRecord, type Finding, missingTopicEdit, parseUndoRecord, portFixEdits, type RecordableEdit, refAt, type RuleId, securityFixEdits, securityMismatches, type SecurityMismatch, serializeUndoRecord, type TextEdit, topicDeclarationFile, UNDO_FILE, updatedRecord } from '../core';
import { UserError } from './commands';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { toWorkspaceEdit } from './edits';
import type { Session } from './session';
import type { Sessions } from './sessions';

/** A fix as offered: what the menu shows, and how to compute its edits once picked. */
interface Offer {
  title: string;
  preferred?: boolean;
  /** Open the refactor preview before applying (edits across files the user has not seen). */
  confirm?: boolean;
  /** Also update kafka-cutover.undo.json in the same edit (whole-service moves). */
  undoRecord?: boolean;
  edits(analysis: Analysis): ReadonlyMap<string, readonly TextEdit[]>;
}

export class CutoverCodeAction extends vscode.CodeAction {
  constructor(
    readonly offer: Offer,
    readonly session: Session,
    /** The document and its version the offer was made on: a later version makes the offer stale. */
    readonly document: { uri: vscode.Uri; version: number },
    diagnostic: vscode.Diagnostic,
  ) {
    super(offer.title, vscode.CodeActionKind.QuickFix);
    this.isPreferred = offer.preferred ?? false;
    this.diagnostics = [diagnostic];
  }
}

export class CutoverCodeActionProvider implements vscode.CodeActionProvider<CutoverCodeAction> {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly sessions: Sessions) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): CutoverCodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'object');
    if (!ours.length) return [];
    const session = this.sessions.forUri(document.uri);
    const rel = session?.relative(document.uri);
    if (!session || !rel) return [];
    session.flush();
    const analysis = session.analysis;
    if (!analysis) return [];
    const actions: CutoverCodeAction[] = [];
    const seen = new Set<string>();
    for (const diagnostic of ours) {
      const rule = (diagnostic.code as { value: RuleId }).value;
      const finding = findingOf(analysis, rel, rule, diagnostic.range);
      if (!finding) continue;
      for (const offer of offersFor(session, analysis, finding)) {
        // Several diagnostics on one line may offer the same file-wide fix: offer it once.
        if (seen.has(offer.title)) continue;
        seen.add(offer.title);
        actions.push(new CutoverCodeAction(offer, session, { uri: document.uri, version: document.version }, diagnostic));
      }
    }
    return actions;
  }

  /**
   * The edit of the fix picked, against the newest analysis. When the buffer moved on since the offer (or
   * the edits no longer fit it) the user is told to try again, and the fix changes nothing.
   */
  resolveCodeAction(action: CutoverCodeAction): CutoverCodeAction {
    try {
      action.edit = resolveEdit(action);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      action.session.log.warn(`quick fix "${action.title}": ${error.message}`);
      void vscode.window.showWarningMessage(error.message);
    }
    return action;
  }
}

function resolveEdit(action: CutoverCodeAction): vscode.WorkspaceEdit {
  const { session, offer } = action;
  const rel = session.relative(action.document.uri) ?? action.document.uri.fsPath;
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === action.document.uri.toString());
  if (open && open.version !== action.document.version) {
    throw new UserError(vscode.l10n.t('{0} changed since the fix was offered; try again in a moment.', rel));
  }
  session.flush();
  const analysis = session.analysis;
  if (!analysis || session.state === 'scanning') throw new UserError(vscode.l10n.t('Kafka Cutover is still scanning {0}.', session.folder.name));
  const byFile = offer.edits(analysis);
  if (!byFile.size) throw new UserError(vscode.l10n.t('{0}: there is nothing left to change.', offer.title));
  const edit = toWorkspaceEdit(session, byFile, { label: offer.title, needsConfirmation: offer.confirm ?? false });
  if (offer.undoRecord) withUndoRecord(session, edit, byFile as ReadonlyMap<string, RecordableEdit[]>, offer.title);
  return edit;
}

function findingOf(analysis: Analysis, file: string, rule: RuleId, range: vscode.Range): Finding | undefined {
  return analysis.findings.find(
    (f) => f.rule === rule && f.file === file && f.range.start.line === range.start.line + 1 && f.range.start.column === range.start.character + 1,
  );
}

function offersFor(session: Session, analysis: Analysis, finding: Finding): Offer[] {
  switch (finding.rule) {
    case 'legacy-broker':
    case 'mixed-clusters':
      return migrateOffers(analysis, finding);
    case 'offset-reset-not-earliest':
      return offsetResetOffer(analysis, finding);
    case 'auth-port-mismatch':
      return portOffer(analysis, finding);
    case 'topic-not-in-terraform':
      return topicOffer(session, analysis, finding);
    case 'security-protocol-mismatch':
      return securityOffer(session, analysis, finding);
    default:
      return [];
  }
}

/**
 * A source reference the rewrite can change: a literal (an indirect ref is rewritten where it is defined),
 * whole (not part of a string assembled elsewhere), in an environment the manifest maps to a target.
 */
function rewritable(analysis: Analysis, ref: BrokerRef): boolean {
  return ref.cluster === 'source' && ref.kind !== 'indirect' && !ref.assembled && !!ref.environment &&
    analysis.model.manifest.environments.some((e) => e.name === ref.environment);
}

function migrateOffers(analysis: Analysis, finding: Finding): Offer[] {
  const ref = refAt(analysis.model, finding.file, finding.range.start.line, finding.range.start.column);
  if (!ref || ref.cluster !== 'source') return [];
  const env = ref.environment;
  const at = { file: ref.file, offset: ref.parts[0]?.offset ?? 0 };
  // Clearly right when nothing waits on the service, or when the service already uses MSK elsewhere.
  const ready = !!(ref.service && env && !blockersOf(analysis.plan, ref.service, env).length);
  const out: Offer[] = [];
  const refs = analysis.model.brokerRefs;
  if (rewritable(analysis, ref)) {
    out.push({
      title: vscode.l10n.t('Rewrite this connection string to MSK ({0})', env ?? '?'),
      preferred: ready || finding.rule === 'mixed-clusters',
      edits: (a) => cutoverEdits(a, { ref: at }, 'migrate').byFile,
    });
  }
  if (refs.filter((r) => r.file === ref.file && rewritable(analysis, r)).length > 1) {
    out.push({
      title: vscode.l10n.t('Rewrite every old connection string in this file to MSK'),
      edits: (a) => cutoverEdits(a, { file: ref.file }, 'migrate').byFile,
    });
  }
  const service = ref.service;
  // The whole service is more than this file when one of its strings in the environment lies elsewhere.
  if (service && env && refs.some((r) => r.service === service && r.environment === env && r.file !== ref.file && rewritable(analysis, r))) {
    out.push({
      title: vscode.l10n.t('Migrate service {0} to MSK in {1} (all its files)', service, env),
      confirm: true,
      undoRecord: true,
      edits: (a) => cutoverEdits(a, { services: [service], env }, 'migrate').byFile,
    });
  }
  return out;
}

/**
 * A whole-service move also updates kafka-cutover.undo.json in the same WorkspaceEdit (so the CLI's
 * `rollback` restores it exactly, and VS Code's undo takes both back). A malformed record is left alone:
 * the move is still offered, without a record, rather than overwriting the team's only exact way back.
 */
function withUndoRecord(session: Session, edit: vscode.WorkspaceEdit, byFile: ReadonlyMap<string, RecordableEdit[]>, label: string): void {
  const abs = path.join(session.workspace.root, UNDO_FILE);
  let existing: string | undefined;
  try {
    existing = fs.readFileSync(abs, 'utf8');
  } catch {
    existing = undefined;
  }
  const parsed = existing === undefined ? { record: emptyUndoRecord(), problems: [] } : parseUndoRecord(existing);
  if (parsed.problems.length) return;
  const next = updatedRecord(parsed.record, byFile, (file) => session.workspace.scannedText(file));
  const metadata: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: true };
  edit.createFile(session.uriOf(UNDO_FILE), { overwrite: true, contents: Buffer.from(serializeUndoRecord(next), 'utf8') }, metadata);
}

function offsetResetFix(analysis: Analysis, finding: Finding): TextEdit | undefined {
  const resets = analysis.model.offsetResets;
  const reset = resets.find(
    (r) => r.file === finding.file && r.fix && r.range.start.line === finding.range.start.line && r.range.start.column === finding.range.start.column,
  ) ?? resets.find((r) => r.file === finding.file && r.fix && r.range.start.line === finding.range.start.line);
  return reset?.fix;
}

function offsetResetOffer(analysis: Analysis, finding: Finding): Offer[] {
  if (!offsetResetFix(analysis, finding)) return [];
  return [{
    title: vscode.l10n.t('Start from the earliest offset (re-read rather than skip records)'),
    preferred: true,
    edits: (a) => byFile([offsetResetFix(a, finding)]),
  }];
}

function portOffer(analysis: Analysis, finding: Finding): Offer[] {
  const ref = refAt(analysis.model, finding.file, finding.range.start.line, finding.range.start.column);
  if (!ref || ref.cluster !== 'target' || !ref.environment) return [];
  const at = { file: ref.file, offset: ref.parts[0]?.offset ?? 0 };
  return [{
    title: vscode.l10n.t('Use the MSK port for the target\'s auth mode'),
    preferred: true,
    edits: (a) => portFixEdits(a, { ref: at }),
  }];
}

/** The engine's security mismatches, once per analysis: the fix's title names the setting it changes. */
const mismatchesOf = new WeakMap<Analysis, SecurityMismatch[]>();

/**
 * On the target: the mechanical change (scheme, protocol, flag). On a moving ref there is none here: the
 * source still needs the old setting, so the change comes with the move (the migrate fixes include it).
 */
function securityOffer(session: Session, analysis: Analysis, finding: Finding): Offer[] {
  let mismatches = mismatchesOf.get(analysis);
  if (!mismatches) mismatchesOf.set(analysis, (mismatches = securityMismatches(analysis.model)));
  const { line, column } = finding.range.start;
  const fix = mismatches.find((m) => m.fix && m.ref.cluster === 'target' && m.file === finding.file && m.range.start.line === line && m.range.start.column === column)?.fix;
  if (!fix) return [];
  const text = session.workspace.scannedText(fix.file)?.slice(fix.offset, fix.offset + fix.length) ?? '';
  return [{
    title: vscode.l10n.t('Change {0} to {1} for the target\'s auth', text, fix.newText),
    preferred: true,
    edits: (a) => securityFixEdits(a, { file: finding.file, line, column }),
  }];
}

function topicOffer(session: Session, analysis: Analysis, finding: Finding): Offer[] {
  const topic = finding.topic;
  const file = topicDeclarationFile(analysis);
  if (!topic || !file || session.workspace.scannedText(file) === undefined) return [];
  return [{
    title: vscode.l10n.t('Declare topic {0} in {1}', topic, file),
    preferred: true,
    edits: (a) => byFile([missingTopicEdit(a, topic, (f) => session.workspace.scannedText(f))]),
  }];
}

function byFile(edits: Array<TextEdit | undefined>): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  for (const e of edits) if (e) out.set(e.file, [...(out.get(e.file) ?? []), e]);
  return out;
}
