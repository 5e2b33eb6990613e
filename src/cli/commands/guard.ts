// The CLI side of guarded moves: ask the core guard before anything is computed, refuse with exit 1 and
// the reasons (or go ahead under --force, saying what it overrides), and the fix edits that let a
// ready-after-fixes service move in the same command.
import {
  type Analysis,
  cutoverEdits,
  type Direction,
  type EditSet,
  type FixFlags,
  migrateRefusals,
  missingTopicEdit,
  portFixEdits,
  readyToMigrate,
  type Refusal,
  rollbackRefusals,
  type RefSelection,
  type TextEdit,
} from '../../core';
import type { Io } from '../main';

export interface MoveRequest {
  direction: Direction;
  services: string[];
  wave?: number;
  env?: string;
  ready: boolean;
  flags: FixFlags;
  force: boolean;
}

/** True when the move may go ahead. Refusals go to stderr; under --force they are printed as overridden. */
export function guardMove(analysis: Analysis, req: MoveRequest, io: Io): boolean {
  const refusals = refusalsOf(analysis, req);
  if (!refusals.length) return true;
  const verb = req.direction === 'migrate' ? 'migrate' : 'rollback';
  const lines = refusals.map((r) => `  ${r.message}\n`).join('');
  if (req.force) {
    io.err(`kafka-cutover ${verb}: --force overrides:\n${lines}`);
    return true;
  }
  io.err(
    `kafka-cutover ${verb}: refused, no file changed:\n${lines}Run again with --force to ${req.direction === 'migrate' ? 'migrate' : 'roll back'} anyway.\n`,
  );
  return false;
}

function refusalsOf({ model, plan }: Analysis, req: MoveRequest): Refusal[] {
  const envs = req.env ? [req.env] : model.environments;
  if (req.direction === 'rollback') return rollbackRefusals(model, req.services, envs);
  // --ready picks only what is proven ready (readySet): nothing there to refuse.
  if (req.ready) return [];
  const chosen = req.services.length ? req.services : model.services.filter((s) => plan.wave[s.name] === req.wave).map((s) => s.name);
  return migrateRefusals(model, plan, chosen, envs, req.flags);
}

/** `migrate --ready`: per environment, the services proven ready (or ready after the fixes this command applies). */
export function readySet(analysis: Analysis, scope: RefSelection, flags: FixFlags): EditSet {
  const envs = scope.env ? [scope.env] : analysis.model.environments;
  const out: EditSet = { byFile: new Map(), refs: [], skipped: [], services: [] };
  for (const env of envs) {
    let names = readyToMigrate(analysis.model, analysis.plan, env, flags);
    if (scope.services) names = names.filter((n) => scope.services!.includes(n));
    if (!names.length) continue;
    const set = cutoverEdits(analysis, { services: names, wave: scope.wave, env }, 'migrate');
    for (const [file, edits] of set.byFile) mergeInto(out.byFile, file, edits);
    out.refs.push(...set.refs);
    out.skipped.push(...set.skipped);
    out.services = [...new Set([...out.services, ...set.services])].sort();
  }
  return out;
}

/**
 * Fixes migrate applies with the move: the port of the services' target refs (the rewrite's own business)
 * and, with --add-topics, a `kafka_topic` block per topic they use that no Terraform declares.
 */
export function fixEdits(
  analysis: Analysis,
  services: string[],
  env: string | undefined,
  flags: FixFlags,
  textOf: (file: string) => string | undefined,
): { edits: Map<string, TextEdit[]>; unapplied: string[] } {
  const out = new Map<string, TextEdit[]>();
  const unapplied: string[] = [];
  const moving = new Set(services);
  for (const ref of analysis.model.brokerRefs) {
    if (ref.cluster !== 'target' || !ref.service || !moving.has(ref.service) || (env && ref.environment !== env) || !ref.parts.length)
      continue;
    for (const [file, edits] of portFixEdits(analysis, { ref: { file: ref.file, offset: ref.parts[0].offset } }))
      mergeInto(out, file, edits);
  }
  if (!flags.addTopics) return { edits: out, unapplied };
  const topics = new Set(
    analysis.findings
      .filter((f) => f.rule === 'topic-not-in-terraform' && f.service && moving.has(f.service) && f.topic)
      .map((f) => f.topic!),
  );
  // A repository that declares no topic at all gets one hint, not a finding per topic: --add-topics still
  // means the moving services' undeclared topics (and has no file to add them beside).
  if (!analysis.model.topics.some((t) => t.declared)) {
    for (const s of analysis.model.services) if (moving.has(s.name)) for (const t of [...s.produces, ...s.consumes]) topics.add(t);
  }
  for (const topic of [...topics].sort()) {
    const edit = missingTopicEdit(analysis, topic, textOf);
    if (edit) mergeInto(out, edit.file, [edit]);
    else unapplied.push(topic);
  }
  return { edits: out, unapplied };
}

/**
 * --add-topics could not add every topic (no Terraform file declares any to add them beside): the fix the
 * guard counted on is missing, so the move is refused like any other unless --force.
 */
export function refuseUnapplied(unapplied: string[], force: boolean, io: Io): boolean {
  if (!unapplied.length) return false;
  const line = `  --add-topics cannot add ${unapplied.join(', ')}: no Terraform file declares a kafka_topic to add them beside; declare them by hand\n`;
  if (force) {
    io.err(`kafka-cutover migrate: --force overrides:\n${line}`);
    return false;
  }
  io.err(`kafka-cutover migrate: refused, no file changed:\n${line}Run again with --force to migrate anyway.\n`);
  return true;
}

/** Adds edits that do not overlap the ones already there. */
export function mergeInto<E extends TextEdit>(byFile: Map<string, E[]>, file: string, edits: E[]): void {
  const list = byFile.get(file) ?? [];
  for (const e of edits) if (!list.some((x) => x.offset < e.offset + e.length && e.offset < x.offset + x.length)) list.push(e);
  byFile.set(file, list);
}
