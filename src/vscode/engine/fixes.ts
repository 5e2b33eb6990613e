// Quick fixes, in the worker beside the scanned texts. Offering a fix costs a look at the model only (titles
// for the menu); the edit of the one fix picked is computed when the host resolves it, from the engine's own
// edit functions, so the fix and the CLI's `migrate`/`fix` write exactly the same text. No `vscode` import.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type Analysis,
  blockersOf,
  type BrokerRef,
  cutoverEdits,
  emptyUndoRecord,
  type Finding,
  missingTopicEdit,
  parseUndoRecord,
  portFixEdits,
  type RecordableEdit,
  refAt,
  securityFixEdits,
  securityMismatches,
  type SecurityMismatch,
  serializeUndoRecord,
  type TextEdit,
  topicDeclarationFile,
  UNDO_FILE,
  updatedRecord,
  type RepositoryIndex,
} from '../../core';
import { digestOf, toEdits, type EditsReply, type FixData, type FixKind, type FixOffer, type FixQuery } from './protocol';

/** The fixes each query's finding offers, in query order; a finding no longer there offers none. */
export function offersAt(workspace: RepositoryIndex, analysis: Analysis, file: string, queries: FixQuery[]): FixOffer[] {
  const out: FixOffer[] = [];
  queries.forEach((q, query) => {
    const finding = findingAt(analysis, file, q);
    if (!finding) return;
    for (const offer of offersFor(workspace, analysis, finding)) out.push({ ...offer, query });
  });
  return out;
}

/** The edits of one offered fix against the index as it is now; undefined when there is nothing left to change. */
export function resolveFix(
  workspace: RepositoryIndex,
  analysis: Analysis,
  file: string,
  query: FixQuery,
  fix: FixKind,
): Omit<FixData, 'query' | 'preferred' | 'confirm'> | undefined {
  const edits = editsOf(workspace, analysis, file, query, fix);
  if (!edits?.size) return undefined;
  const undoRecord = fix.kind === 'migrate-service' ? undoRecordWith(workspace, edits as Map<string, RecordableEdit[]>) : undefined;
  return { fix, edits: editsReply(workspace, edits), ...(undoRecord !== undefined ? { undoRecord } : {}) };
}

function findingAt(analysis: Analysis, file: string, q: FixQuery): Finding | undefined {
  return analysis.findings.find(
    (f) => f.rule === q.rule && f.file === file && f.range.start.line === q.line && f.range.start.column === q.column,
  );
}

type Offer = Omit<FixOffer, 'query'>;

function offersFor(workspace: RepositoryIndex, analysis: Analysis, finding: Finding): Offer[] {
  switch (finding.rule) {
    case 'legacy-broker':
    case 'mixed-clusters':
      return migrateOffers(analysis, finding);
    case 'offset-reset-not-earliest':
      return offsetResetOf(analysis, finding) ? [offer({ kind: 'offset-reset' }, { preferred: true })] : [];
    case 'auth-port-mismatch': {
      const ref = refOf(analysis, finding);
      return ref?.cluster === 'target' && ref.environment ? [offer({ kind: 'auth-port' }, { preferred: true })] : [];
    }
    case 'topic-not-in-terraform': {
      const file = topicDeclarationFile(analysis);
      if (!finding.topic || !file || workspace.scannedText(file) === undefined) return [];
      return [offer({ kind: 'declare-topic', topic: finding.topic, file }, { preferred: true })];
    }
    case 'security-protocol-mismatch': {
      const fix = targetMismatch(analysis, finding)?.fix;
      if (!fix) return [];
      const from = workspace.scannedText(fix.file)?.slice(fix.offset, fix.offset + fix.length) ?? '';
      return [offer({ kind: 'security', from, to: fix.newText }, { preferred: true })];
    }
    default:
      return [];
  }
}

/**
 * A source reference the rewrite can change: a literal (an indirect ref is rewritten where it is defined),
 * whole (not part of a string assembled elsewhere), in an environment the manifest maps to a target.
 */
function rewritable(analysis: Analysis, ref: BrokerRef): boolean {
  return (
    ref.cluster === 'source' &&
    ref.kind !== 'indirect' &&
    !ref.assembled &&
    !!ref.environment &&
    analysis.model.manifest.environments.some((e) => e.name === ref.environment)
  );
}

function migrateOffers(analysis: Analysis, finding: Finding): Offer[] {
  const ref = refOf(analysis, finding);
  if (!ref || ref.cluster !== 'source') return [];
  const env = ref.environment;
  // Clearly right when nothing waits on the service, or when the service already uses MSK elsewhere.
  const ready = !!(ref.service && env && !blockersOf(analysis.plan, ref.service, env).length);
  const refs = analysis.model.brokerRefs;
  const out: Offer[] = [];
  if (rewritable(analysis, ref)) out.push(offer({ kind: 'rewrite-ref', env }, { preferred: ready || finding.rule === 'mixed-clusters' }));
  if (refs.filter((r) => r.file === ref.file && rewritable(analysis, r)).length > 1) out.push(offer({ kind: 'rewrite-file' }));
  const service = ref.service;
  // The whole service is more than this file when one of its strings in the environment lies elsewhere.
  if (
    service &&
    env &&
    refs.some((r) => r.service === service && r.environment === env && r.file !== ref.file && rewritable(analysis, r))
  ) {
    out.push(offer({ kind: 'migrate-service', service, env }, { confirm: true }));
  }
  return out;
}

function editsOf(
  workspace: RepositoryIndex,
  analysis: Analysis,
  file: string,
  query: FixQuery,
  fix: FixKind,
): ReadonlyMap<string, readonly TextEdit[]> | undefined {
  const offset = refAt(analysis.model, file, query.line, query.column)?.parts[0]?.offset;
  const at = offset === undefined ? undefined : { file, offset };
  switch (fix.kind) {
    case 'rewrite-ref':
      return at && cutoverEdits(analysis, { ref: at }, 'migrate').byFile;
    case 'rewrite-file':
      return cutoverEdits(analysis, { file }, 'migrate').byFile;
    case 'migrate-service':
      return cutoverEdits(analysis, { services: [fix.service], env: fix.env }, 'migrate').byFile;
    case 'offset-reset': {
      const finding = findingAt(analysis, file, query);
      const reset = finding && offsetResetOf(analysis, finding);
      return reset ? byFile([reset]) : undefined;
    }
    case 'auth-port':
      return at && portFixEdits(analysis, { ref: at });
    case 'security':
      return securityFixEdits(analysis, { file, line: query.line, column: query.column });
    case 'declare-topic': {
      const edit = missingTopicEdit(analysis, fix.topic, (f) => workspace.scannedText(f));
      return edit ? byFile([edit]) : undefined;
    }
  }
}

function refOf(analysis: Analysis, finding: Finding): BrokerRef | undefined {
  return refAt(analysis.model, finding.file, finding.range.start.line, finding.range.start.column);
}

function offsetResetOf(analysis: Analysis, finding: Finding): TextEdit | undefined {
  const resets = analysis.model.offsetResets;
  const reset =
    resets.find(
      (r) =>
        r.file === finding.file &&
        r.fix &&
        r.range.start.line === finding.range.start.line &&
        r.range.start.column === finding.range.start.column,
    ) ?? resets.find((r) => r.file === finding.file && r.fix && r.range.start.line === finding.range.start.line);
  return reset?.fix;
}

/** The engine's security mismatches, once per analysis. */
const mismatchesOf = new WeakMap<Analysis, SecurityMismatch[]>();

/**
 * On the target: the mechanical change (scheme, protocol, flag). On a moving ref there is none here: the
 * source still needs the old setting, so the change comes with the move (the migrate fixes include it).
 */
function targetMismatch(analysis: Analysis, finding: Finding): SecurityMismatch | undefined {
  let mismatches = mismatchesOf.get(analysis);
  if (!mismatches) mismatchesOf.set(analysis, (mismatches = securityMismatches(analysis.model)));
  const { line, column } = finding.range.start;
  return mismatches.find(
    (m) => m.fix && m.ref.cluster === 'target' && m.file === finding.file && m.range.start.line === line && m.range.start.column === column,
  );
}

/**
 * A whole-service move also updates kafka-cutover.undo.json in the same WorkspaceEdit (so the CLI's
 * `rollback` restores it exactly, and VS Code's undo takes both back). A malformed record is left alone:
 * the move is still offered, without a record, rather than overwriting the team's only exact way back.
 */
function undoRecordWith(workspace: RepositoryIndex, edits: Map<string, RecordableEdit[]>): string | undefined {
  let existing: string | undefined;
  try {
    existing = fs.readFileSync(path.join(workspace.root, UNDO_FILE), 'utf8');
  } catch {
    existing = undefined;
  }
  const parsed = existing === undefined ? { record: emptyUndoRecord(), problems: [] } : parseUndoRecord(existing);
  if (parsed.problems.length) return undefined;
  return serializeUndoRecord(updatedRecord(parsed.record, edits, (file) => workspace.scannedText(file)));
}

function offer(fix: FixKind, options: { preferred?: boolean; confirm?: boolean } = {}): Offer {
  return { fix, preferred: options.preferred ?? false, confirm: options.confirm ?? false };
}

/** Edits with the digest of each file's scanned text, so the host can tell a buffer moved on. */
export function editsReply(
  workspace: RepositoryIndex,
  edits: ReadonlyMap<string, readonly TextEdit[]>,
  rest: Pick<EditsReply, 'skipped' | 'services'> = { skipped: [], services: [] },
): EditsReply {
  const digests: Record<string, string> = {};
  for (const file of edits.keys()) {
    const text = workspace.scannedText(file);
    if (text !== undefined) digests[file] = digestOf(text);
  }
  return { byFile: toEdits(edits) as EditsReply['byFile'], digests, ...rest };
}

function byFile(edits: TextEdit[]): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  for (const e of edits) out.set(e.file, [...(out.get(e.file) ?? []), e]);
  return out;
}
