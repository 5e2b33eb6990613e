// Quick fixes as data, computed in the worker beside the scanned texts: each from the engine's own edit
// functions, so the fix and the CLI's `migrate`/`fix` write exactly the same text. The host words the
// titles and builds the WorkspaceEdits. No `vscode` import.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cutoverEdits, missingTopicEdit, portFixEdits, securityFixEdits, updatedRecord } from '../../core/actions/cutover';
import { emptyUndoRecord, parseUndoRecord, serializeUndoRecord, UNDO_FILE, type RecordableEdit } from '../../core/rewrite/undo';
import type { Finding, TextEdit } from '../../core/model/types';
import { blockersOf, refAt } from '../../core/view/status';
import type { Analysis, Workspace } from '../../core/workspace';
import { digestOf, toEdits, type EditsReply, type FixData, type FixKind, type FixQuery } from './protocol';

export function fixesAt(workspace: Workspace, analysis: Analysis, file: string, queries: FixQuery[]): FixData[] {
  const out: FixData[] = [];
  queries.forEach((q, query) => {
    const finding = analysis.findings.find((f) => f.rule === q.rule && f.file === file && f.range.start.line === q.line && f.range.start.column === q.column);
    if (!finding) return;
    for (const fix of fixesFor(workspace, analysis, finding)) out.push({ ...fix, query });
  });
  return out;
}

type Fix = Omit<FixData, 'query'>;

function fixesFor(workspace: Workspace, analysis: Analysis, finding: Finding): Fix[] {
  switch (finding.rule) {
    case 'legacy-broker':
    case 'mixed-clusters':
      return migrateFixes(workspace, analysis, finding);
    case 'offset-reset-not-earliest':
      return offsetResetFix(workspace, analysis, finding);
    case 'auth-port-mismatch':
      return portFix(workspace, analysis, finding);
    case 'topic-not-in-terraform':
      return topicFix(workspace, analysis, finding);
    case 'security-protocol-mismatch':
      return securityFix(workspace, analysis, finding);
    default:
      return [];
  }
}

function migrateFixes(workspace: Workspace, analysis: Analysis, finding: Finding): Fix[] {
  const ref = refAt(analysis.model, finding.file, finding.range.start.line, finding.range.start.column);
  if (!ref || ref.cluster !== 'source') return [];
  const env = ref.environment;
  // Clearly right when nothing waits on the service, or when the service already uses MSK elsewhere.
  const ready = !!(ref.service && env && !blockersOf(analysis.plan, ref.service, env).length);
  const out: Fix[] = [];
  const one = cutoverEdits(analysis, { ref: { file: ref.file, offset: ref.parts[0]?.offset } }, 'migrate');
  if (one.byFile.size) out.push(fix(workspace, { kind: 'rewrite-ref', env }, one.byFile, { preferred: ready || finding.rule === 'mixed-clusters' }));
  const inFile = cutoverEdits(analysis, { file: ref.file }, 'migrate');
  if (editCount(inFile.byFile) > editCount(one.byFile)) out.push(fix(workspace, { kind: 'rewrite-file' }, inFile.byFile));
  if (ref.service && env) {
    const service = cutoverEdits(analysis, { services: [ref.service], env }, 'migrate');
    if (service.byFile.size > 1 || editCount(service.byFile) > editCount(inFile.byFile)) {
      const migrate = fix(workspace, { kind: 'migrate-service', service: ref.service, env, files: service.byFile.size }, service.byFile, { confirm: true });
      migrate.undoRecord = undoRecordWith(workspace, service.byFile);
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
function undoRecordWith(workspace: Workspace, byFile: Map<string, RecordableEdit[]>): string | undefined {
  let existing: string | undefined;
  try {
    existing = fs.readFileSync(path.join(workspace.root, UNDO_FILE), 'utf8');
  } catch {
    existing = undefined;
  }
  const parsed = existing === undefined ? { record: emptyUndoRecord(), problems: [] } : parseUndoRecord(existing);
  if (parsed.problems.length) return undefined;
  return serializeUndoRecord(updatedRecord(parsed.record, byFile, (file) => workspace.scannedText(file)));
}

function offsetResetFix(workspace: Workspace, analysis: Analysis, finding: Finding): Fix[] {
  const reset = analysis.model.offsetResets.find(
    (r) => r.file === finding.file && r.fix && r.range.start.line === finding.range.start.line && r.range.start.column === finding.range.start.column,
  ) ?? analysis.model.offsetResets.find((r) => r.file === finding.file && r.fix && r.range.start.line === finding.range.start.line);
  if (!reset?.fix) return [];
  return [fix(workspace, { kind: 'offset-reset' }, byFile([reset.fix]), { preferred: true })];
}

function portFix(workspace: Workspace, analysis: Analysis, finding: Finding): Fix[] {
  const ref = refAt(analysis.model, finding.file, finding.range.start.line, finding.range.start.column);
  if (!ref) return [];
  const edits = portFixEdits(analysis, { ref: { file: ref.file, offset: ref.parts[0]?.offset } });
  if (!edits.size) return [];
  return [fix(workspace, { kind: 'auth-port' }, edits, { preferred: true })];
}

/**
 * On the target: the mechanical change (scheme, protocol, flag). On a moving ref there is none here: the
 * source still needs the old setting, so the change comes with the move (the migrate fixes include it).
 */
function securityFix(workspace: Workspace, analysis: Analysis, finding: Finding): Fix[] {
  const edits = securityFixEdits(analysis, { file: finding.file, line: finding.range.start.line, column: finding.range.start.column });
  const edit = [...edits.values()].flat()[0];
  if (!edit) return [];
  const text = workspace.scannedText(edit.file)?.slice(edit.offset, edit.offset + edit.length) ?? '';
  return [fix(workspace, { kind: 'security', from: text, to: edit.newText }, edits, { preferred: true })];
}

function topicFix(workspace: Workspace, analysis: Analysis, finding: Finding): Fix[] {
  if (!finding.topic) return [];
  const edit = missingTopicEdit(analysis, finding.topic, (file) => workspace.scannedText(file));
  if (!edit) return [];
  return [fix(workspace, { kind: 'declare-topic', topic: finding.topic, file: edit.file }, byFile([edit]), { preferred: true })];
}

function fix(workspace: Workspace, kind: FixKind, edits: ReadonlyMap<string, readonly TextEdit[]>, options: { preferred?: boolean; confirm?: boolean } = {}): Fix {
  return { fix: kind, preferred: options.preferred ?? false, confirm: options.confirm ?? false, edits: editsReply(workspace, edits) };
}

/** Edits with the digest of each file's scanned text, so the host can tell a buffer moved on. */
export function editsReply(workspace: Workspace, edits: ReadonlyMap<string, readonly TextEdit[]>, rest: Pick<EditsReply, 'skipped' | 'services'> = { skipped: [], services: [] }): EditsReply {
  const digests: Record<string, string> = {};
  for (const file of edits.keys()) {
    const text = workspace.scannedText(file);
    if (text !== undefined) digests[file] = digestOf(text);
  }
  return { byFile: toEdits(edits) as EditsReply['byFile'], digests, ...rest };
}

function editCount(byFile: ReadonlyMap<string, readonly TextEdit[]>): number {
  let n = 0;
  for (const edits of byFile.values()) n += edits.length;
  return n;
}

function byFile(edits: TextEdit[]): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  for (const e of edits) out.set(e.file, [...(out.get(e.file) ?? []), e]);
  return out;
}
