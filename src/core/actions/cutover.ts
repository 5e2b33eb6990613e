// What to rewrite for a user's request (a reference, a file, a service, a wave, everything ready),
// as edits grouped by file. Edits stay data here: the CLI writes them, the extension builds a WorkspaceEdit.
import type { TextEdit } from '../model/common';
import type { EnvironmentConfig } from '../model/manifest';
import type { BrokerRef } from '../model/repository';
import { applyEdits, fixPort, rewriteRef, type Direction } from '../rewrite/brokers';
import { kafkaTopicBlock } from '../rewrite/kafkaTopic';
import { securityMismatches, type SecurityMismatch } from '../rules/security-protocol-mismatch';
import {
  forgetEdits,
  recordEdits,
  restoreEdits,
  type RecordableEdit,
  type RestorePlan,
  type UndoEdit,
  type UndoRecord,
} from '../rewrite/undo';
import type { Analysis } from '../repositoryIndex';

/** Which references a request covers (by service, wave, file, one ref, environment, readiness): each field set narrows it. */
export interface RefSelection {
  /** Only these services. */
  services?: string[];
  /** Only services ready to move (migrate) in the environment. */
  ready?: boolean;
  /** Only this wave (1 consumers, 2 producer-consumers, 3 producers). */
  wave?: number;
  /** Only this file (relative). */
  file?: string;
  /** Only this reference (file + start offset of its first part). */
  ref?: { file: string; offset: number };
  /** Only this environment; all when undefined. */
  env?: string;
}

export interface EditSet {
  /** Edits by relative file; each file's edits are non-overlapping. Each says what it changes, for the undo record. */
  byFile: Map<string, RecordableEdit[]>;
  /** The references rewritten, each with its own edits (the same edits as in `byFile`). */
  refs: Array<{ ref: BrokerRef; edits: RecordableEdit[] }>;
  /** References the request covered but could not rewrite, with why. */
  skipped: Array<{ ref: BrokerRef; reason: string }>;
  /** Services the request covered. */
  services: string[];
}

/** Connection-string rewrites source -> target (migrate) or back (rollback). */
export function cutoverEdits(analysis: Analysis, scope: RefSelection, direction: Direction): EditSet {
  const { model, plan } = analysis;
  const envs = new Map(model.manifest.environments.map((e) => [e.name, e]));
  const from = direction === 'migrate' ? 'source' : 'target';
  const selected = new Set<string>();
  for (const s of model.services) {
    if (scope.services && !scope.services.includes(s.name)) continue;
    if (scope.wave !== undefined && plan.wave[s.name] !== scope.wave) continue;
    selected.add(s.name);
  }
  const byFile = new Map<string, RecordableEdit[]>();
  const refs: EditSet['refs'] = [];
  const skipped: EditSet['skipped'] = [];
  const touched = new Set<string>();
  // A client that moves must also be able to connect: its scheme and flags change with it (migrate only).
  const security = direction === 'migrate' ? mismatchesByRef(model) : new Map<BrokerRef, SecurityMismatch[]>();
  for (const ref of model.brokerRefs) {
    // An indirect ref holds no literal: what it resolves to is a ref of its own, rewritten where it is defined.
    if (ref.cluster !== from || ref.kind === 'indirect') continue;
    if (scope.ref && (ref.file !== scope.ref.file || ref.parts[0]?.offset !== scope.ref.offset)) continue;
    if (scope.file && ref.file !== scope.file) continue;
    if (!scope.ref && !scope.file && (!ref.service || !selected.has(ref.service))) continue;
    if (scope.env && ref.environment !== scope.env) continue;
    if (ref.assembled) {
      skipped.push({ ref, reason: ref.assembled });
      continue;
    }
    if (scope.ready && direction === 'migrate') {
      const r = ref.service && ref.environment ? plan.readiness[ref.environment]?.[ref.service] : undefined;
      if (!r?.ready) continue;
    }
    const env = ref.environment ? envs.get(ref.environment) : undefined;
    if (!env) {
      skipped.push({
        ref,
        reason: model.manifest.environments.length
          ? 'its environment is unknown (name the file or host after an environment, or list the host in the manifest)'
          : 'there is no manifest naming the target cluster (run `kafka-cutover init`)',
      });
      continue;
    }
    if (isHostOnly(ref)) {
      skipped.push({ ref, reason: `${ref.key} holds a host name without its port (the port is set elsewhere); change both by hand` });
      continue;
    }
    const mismatches = security.get(ref) ?? [];
    const edits = rewriteRef(ref, env, direction).map((e) => owned(withSchemes(e, mismatches), 'brokers', ref));
    if (!edits.length) continue;
    const fixes = mismatches.flatMap((m) => (m.fix ? [owned(m.fix, 'security', ref)] : []));
    refs.push({ ref, edits: addEdits(byFile, [...edits, ...fixes]) });
    if (ref.service) touched.add(ref.service);
  }
  return { byFile, refs, skipped, services: [...touched].sort() };
}

function mismatchesByRef(model: Analysis['model']): Map<BrokerRef, SecurityMismatch[]> {
  const out = new Map<BrokerRef, SecurityMismatch[]>();
  for (const m of securityMismatches(model)) out.set(m.ref, [...(out.get(m.ref) ?? []), m]);
  return out;
}

/**
 * A broker edit that spans several tokens (or appends brokers) writes their `PLAINTEXT://` prefixes too:
 * those take the scheme the target needs, like the first token's prefix (fixed by its own edit).
 */
function withSchemes(edit: TextEdit, mismatches: SecurityMismatch[]): TextEdit {
  let newText = edit.newText;
  for (const m of mismatches) {
    if (!m.fix || !m.what.endsWith('://')) continue;
    newText = newText.split(m.what).join(`${m.fix.newText}://`);
  }
  return newText === edit.newText ? edit : { ...edit, newText };
}

/** The mechanical security fixes for target references (the quick fix); moving refs get theirs from migrate. */
export function securityFixEdits(analysis: Analysis, at: { file: string; line: number; column: number }): Map<string, TextEdit[]> {
  const byFile = new Map<string, TextEdit[]>();
  for (const m of securityMismatches(analysis.model)) {
    if (!m.fix || m.ref.cluster !== 'target') continue;
    if (m.file !== at.file || m.range.start.line !== at.line || m.range.start.column !== at.column) continue;
    addEdits(byFile, [m.fix]);
  }
  return byFile;
}

// `KAFKA_HOST=kafka` beside `KAFKA_PORT=9092`: writing brokers with ports into it would break the
// `${KAFKA_HOST}:${KAFKA_PORT}` it feeds, and the port must change too. Plural keys hold lists and stay.
function isHostOnly(ref: BrokerRef): boolean {
  return !!ref.key && /host(?:[._-]?name)?$/i.test(ref.key) && ref.hosts.length === 1 && ref.hosts[0].port === undefined;
}

function owned(edit: TextEdit, kind: RecordableEdit['kind'], ref: BrokerRef): RecordableEdit {
  const out: RecordableEdit = { ...edit, kind };
  if (ref.service) out.service = ref.service;
  if (ref.environment) out.environment = ref.environment;
  return out;
}

export interface RollbackSet extends EditSet {
  /** Per file, what the undo record restores (edits included in `byFile`). */
  restores: Map<string, RestorePlan>;
  /** References rolled back by the manifest's mapping with no recorded migrate behind them. */
  unrecorded: Array<{ ref: BrokerRef; edits: RecordableEdit[] }>;
}

/**
 * Rollback: first every recorded migrate edit in scope whose new text is still in place gets its
 * original bytes back; then references still on the target that no record covers are mapped back by the
 * manifest (`unrecorded`, so the caller can say so). `textOf` gives each file's current text.
 */
export function rollbackEdits(
  analysis: Analysis,
  scope: RefSelection,
  record: UndoRecord,
  textOf: (file: string) => string | undefined,
): RollbackSet {
  const mapped = cutoverEdits(analysis, scope, 'rollback');
  const inScope = recordScope(analysis, scope);
  const byFile = new Map<string, RecordableEdit[]>();
  const restores = new Map<string, RestorePlan>();
  const services = new Set(mapped.services);
  for (const file of Object.keys(record.files).sort()) {
    if (scope.file && file !== scope.file) continue;
    const text = textOf(file);
    if (text === undefined) continue;
    const plan = restoreEdits(record, file, text, inScope);
    if (!plan.undone.length && !plan.gone.length) continue;
    restores.set(file, plan);
    plan.edits.forEach((edit, i) => {
      const entry = plan.undone[i];
      addEdits(byFile, [
        {
          ...edit,
          kind: entry.kind,
          ...(entry.service ? { service: entry.service } : {}),
          ...(entry.environment ? { environment: entry.environment } : {}),
        },
      ]);
      if (entry.service) services.add(entry.service);
    });
  }
  const refs: RollbackSet['refs'] = [];
  const unrecorded: RollbackSet['unrecorded'] = [];
  for (const r of mapped.refs) {
    const restored = byFile.get(r.ref.file) ?? [];
    const covered = r.edits.some((e) => restored.some((x) => x.offset < e.offset + e.length && e.offset < x.offset + x.length));
    if (covered) continue;
    const edits = addEdits(byFile, r.edits);
    refs.push({ ref: r.ref, edits });
    unrecorded.push({ ref: r.ref, edits });
  }
  return { byFile, refs, skipped: mapped.skipped, services: [...services].sort(), restores, unrecorded };
}

/**
 * The undo record once `byFile` is applied: a migrate (no `restores`) adds its edits; a rollback drops
 * what it restored and what it found gone, and moves the other entries with the text. The CLI writes the
 * result beside the files; the extension adds it to the same WorkspaceEdit.
 */
export function updatedRecord(
  record: UndoRecord,
  byFile: ReadonlyMap<string, RecordableEdit[]>,
  textOf: (file: string) => string | undefined,
  restores?: RollbackSet['restores'],
): UndoRecord {
  let next = record;
  for (const file of new Set([...Object.keys(record.files), ...byFile.keys()])) {
    const before = textOf(file);
    if (before === undefined) continue;
    const edits = byFile.get(file) ?? [];
    const after = edits.length ? applyEdits(before, edits) : before;
    if (!restores) {
      if (edits.length) next = recordEdits(next, file, before, after, edits);
      continue;
    }
    const plan = restores.get(file);
    if (plan || (edits.length && next.files[file]))
      next = forgetEdits(next, file, after, edits, plan ? [...plan.undone, ...plan.gone] : []);
  }
  return next;
}

/** Which recorded edits a rollback scope covers: by service (and its wave), environment, file, reference. */
function recordScope(analysis: Analysis, scope: RefSelection): (e: UndoEdit) => boolean {
  const refSpan = scope.ref
    ? analysis.model.brokerRefs.find((r) => r.file === scope.ref!.file && r.parts[0].offset === scope.ref!.offset)
    : undefined;
  return (e) => {
    if (scope.env && e.environment !== scope.env) return false;
    if (scope.services && (!e.service || !scope.services.includes(e.service))) return false;
    if (scope.wave !== undefined && (!e.service || analysis.plan.wave[e.service] !== scope.wave)) return false;
    if (scope.ref) {
      if (!refSpan) return false;
      const start = refSpan.parts[0].offset;
      const last = refSpan.parts[refSpan.parts.length - 1];
      if (e.offset + e.after.length <= start || e.offset >= last.offset + last.length) return false;
    }
    if (!scope.services && scope.wave === undefined && !scope.file && !scope.ref) return false;
    return true;
  };
}

/** Port fixes for target references whose port does not match the target's auth mode. */
export function portFixEdits(analysis: Analysis, scope: Pick<RefSelection, 'file' | 'ref'> = {}): Map<string, TextEdit[]> {
  const envs = new Map(analysis.model.manifest.environments.map((e) => [e.name, e]));
  const byFile = new Map<string, TextEdit[]>();
  for (const ref of analysis.model.brokerRefs) {
    if (ref.cluster !== 'target' || !ref.environment) continue;
    if (scope.file && ref.file !== scope.file) continue;
    if (scope.ref && (ref.file !== scope.ref.file || ref.parts[0]?.offset !== scope.ref.offset)) continue;
    const env: EnvironmentConfig | undefined = envs.get(ref.environment);
    if (env) addEdits(byFile, fixPort(ref, env));
  }
  return byFile;
}

/** Edits that set the offset reset to earliest for the given services (all consumers when undefined). */
export function offsetResetEdits(analysis: Analysis, services?: string[]): Map<string, TextEdit[]> {
  const byFile = new Map<string, TextEdit[]>();
  for (const r of analysis.model.offsetResets) {
    if (r.value !== 'latest' || !r.fix) continue;
    if (services && (!r.service || !services.includes(r.service))) continue;
    addEdits(byFile, [r.fix]);
  }
  return byFile;
}

/** The file that declares most topics (ties: the first by name), where a missing topic is declared. */
export function topicDeclarationFile(analysis: Analysis): string | undefined {
  const counts = new Map<string, number>();
  // A module's resources are instantiated once per call (`module.x.kafka_topic.this["…"]`): a block added
  // to the module's file would be declared by every call, so only root-level declarations count.
  for (const t of analysis.model.topics)
    if (t.decl && !t.decl.address?.startsWith('module.')) counts.set(t.decl.file, (counts.get(t.decl.file) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

/**
 * A `kafka_topic` block for a topic no Terraform declares, appended to the file that declares most
 * topics (so it lands beside its siblings). Undefined when no file declares any.
 */
export function missingTopicEdit(analysis: Analysis, topic: string, textOf: (file: string) => string | undefined): TextEdit | undefined {
  const file = topicDeclarationFile(analysis);
  const text = file ? textOf(file) : undefined;
  if (!file || text === undefined) return undefined;
  const siblings = analysis.model.topics.filter(
    (t) => t.decl?.file === file && !t.decl.address?.startsWith('module.') && t.decl.partitions !== undefined,
  );
  const common = <K extends 'partitions' | 'replicationFactor'>(k: K) => {
    const values = siblings.map((t) => t.decl![k]).filter((v): v is number => v !== undefined);
    return values.length ? mode(values) : undefined;
  };
  return kafkaTopicBlock(topic, { partitions: common('partitions'), replicationFactor: common('replicationFactor') }, text, file);
}

/** Applies an edit set to scanned texts: file -> new text. */
export function previewTexts(
  byFile: Map<string, TextEdit[]>,
  textOf: (file: string) => string | undefined,
): Map<string, { before: string; after: string }> {
  const out = new Map<string, { before: string; after: string }>();
  for (const [file, edits] of byFile) {
    const before = textOf(file);
    if (before === undefined) continue;
    out.set(file, { before, after: applyEdits(before, edits) });
  }
  return out;
}

/** Adds edits that overlap none already there; returns those added. */
function addEdits<E extends TextEdit>(byFile: Map<string, E[]>, edits: E[]): E[] {
  const added: E[] = [];
  for (const e of edits) {
    const list = byFile.get(e.file);
    if (!list) byFile.set(e.file, [e]);
    else if (!list.some((x) => x.offset < e.offset + e.length && e.offset < x.offset + x.length)) list.push(e);
    else continue;
    added.push(e);
  }
  return added;
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}
