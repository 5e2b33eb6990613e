// Whether a requested move may go ahead: the one decision the CLI (`migrate`, `rollback`) and the editor
// (its confirmation modal) both ask, so they refuse the same moves with the same words. Pure: the analysis
// in, refusals out; nothing is computed or written until the caller accepts the answer.
import type { Model, Service } from '../model/repository';
import type { Evidence, Fix, Plan } from '../model/readiness';
import { ReadinessIndex } from './readiness';

export type RefusalKind = 'blocked' | 'unknown' | 'cycle' | 'fixes' | 'consumes-moved-producer';

export interface Refusal {
  kind: RefusalKind;
  /** The service, or a cycle's members joined with ` + `. */
  subject: string;
  env: string;
  /** One line: `enrich (prod): blocked by notify (consumes alerts at services/notify/.env.prod:2:14)`. */
  message: string;
  evidence: Evidence[];
}

/** Fix flags the same command applies (`--offset-reset`, `--add-topics`). */
export interface FixFlags {
  offsetReset?: boolean;
  addTopics?: boolean;
}

/** Fixes the command would leave undone. Fixes `migrate` applies by rewriting (a port) never count. */
export function uncoveredFixes(fixes: readonly Fix[], flags: FixFlags): Fix[] {
  return fixes.filter(
    (f) => f.flag !== 'migrate' && !(f.flag === '--offset-reset' && flags.offsetReset) && !(f.flag === '--add-topics' && flags.addTopics),
  );
}

/** A service has something to move in an environment while it is not (wholly) on the target. */
function moving(s: Service | undefined, env: string): boolean {
  const state = s?.state[env];
  return state === 'source' || state === 'mixed' || state === 'unknown';
}

/** Why migrating `services` in `envs` is unsafe; empty when it may go ahead. */
export function migrateRefusals(
  model: Model,
  plan: Plan,
  services: readonly string[],
  envs: readonly string[],
  flags: FixFlags = {},
): Refusal[] {
  const byName = new Map(model.services.map((s) => [s.name, s]));
  const selected = new Set(services);
  const groupOf = new Map<string, string[]>();
  for (const group of plan.cycles) for (const name of group) groupOf.set(name, group);
  const out: Refusal[] = [];
  for (const env of envs) {
    const done = new Set<string>();
    for (const name of services) {
      if (done.has(name) || !moving(byName.get(name), env)) continue;
      const group = groupOf.get(name);
      // A cycle moves as one: its members share one readiness, so say it once.
      const members = group ? group.filter((m) => selected.has(m)) : [name];
      for (const m of members) done.add(m);
      const subject = members.join(' + ');
      const missing = group?.filter((m) => !selected.has(m) && moving(byName.get(m), env)) ?? [];
      if (missing.length) {
        out.push({
          kind: 'cycle',
          subject,
          env,
          message: `${subject} (${env}): in a cycle with ${missing.join(', ')}; a cycle moves as one (migrate ${group!.join(' ')})`,
          evidence: [],
        });
      }
      const r = plan.readiness[env]?.[name];
      if (!r) continue;
      if (r.blockers.length) {
        const byBlocker = new Map<string, string[]>();
        for (const b of r.blockers) {
          const at = b.evidence[0] ? ` at ${place(b.evidence[0])}` : '';
          byBlocker.set(b.service, [...(byBlocker.get(b.service) ?? []), `${b.topic}${at}`]);
        }
        out.push({
          kind: 'blocked',
          subject,
          env,
          message: `${subject} (${env}): blocked by ${[...byBlocker].map(([b, uses]) => `${b} (consumes ${uses.join(', ')})`).join(', ')}; they still read the source and would stop receiving what it produces on the target`,
          evidence: r.blockers.flatMap((b) => b.evidence),
        });
      }
      if (r.unknown.length) {
        out.push({
          kind: 'unknown',
          subject,
          env,
          message: `${subject} (${env}): readiness unknown: ${r.unknown.map((u) => u.message + (u.evidence[0] ? ` (${place(u.evidence[0])})` : '')).join('; ')}`,
          evidence: r.unknown.flatMap((u) => u.evidence),
        });
      }
      const undone = uncoveredFixes(r.fixes, flags);
      if (undone.length) {
        out.push({
          kind: 'fixes',
          subject,
          env,
          message: `${subject} (${env}): needs fixes before it moves: ${undone.map((f) => `${f.rule} at ${f.file}:${f.line}:${f.column} (${f.flag ? `add ${f.flag}` : 'fix by hand'})`).join('; ')}`,
          evidence: undone.map((f) => ({ file: f.file, line: f.line, column: f.column, note: f.message })),
        });
      }
    }
  }
  return out;
}

/**
 * Why rolling `services` back in `envs` is unsafe: a consumer rolled back to the source while a producer of
 * what it reads is on the target stops seeing that producer's records (nothing mirrors back), and leaves
 * the producer moved ahead of its consumer.
 */
export function rollbackRefusals(model: Model, services: readonly string[], envs: readonly string[]): Refusal[] {
  const byName = new Map(model.services.map((s) => [s.name, s]));
  const producersOf = new Map(model.topics.map((t) => [t.name, t.producers]));
  const selected = new Set(services);
  const out: Refusal[] = [];
  let index: ReadinessIndex | undefined;
  for (const env of envs) {
    for (const name of services) {
      const s = byName.get(name);
      const state = s?.state[env];
      if (!s || (state !== 'target' && state !== 'mixed')) continue;
      const ahead: string[] = [];
      const evidence: Evidence[] = [];
      for (const topic of s.consumes) {
        const moved = (producersOf.get(topic) ?? []).filter((p) => {
          const ps = byName.get(p)?.state[env];
          return p !== name && !selected.has(p) && (ps === 'target' || ps === 'mixed');
        });
        if (!moved.length) continue;
        const use = (index ??= new ReadinessIndex(model)).consumeUse(name, topic, env);
        ahead.push(`${moved.join(', ')} (${topic}${use ? ` at ${use.file}:${use.range.start.line}:${use.range.start.column}` : ''})`);
        if (use)
          evidence.push({ file: use.file, line: use.range.start.line, column: use.range.start.column, note: `${name} consumes ${topic}` });
      }
      if (!ahead.length) continue;
      out.push({
        kind: 'consumes-moved-producer',
        subject: name,
        env,
        message: `${name} (${env}): consumes from producers on the target: ${ahead.join(', ')}; rolled back, it would stop seeing their records (nothing mirrors back) and leave them moved ahead of it`,
        evidence,
      });
    }
  }
  return out;
}

/**
 * What `migrate --ready` moves in an environment: services proven ready, and ready-after-fixes ones whose
 * every fix the same command applies. A cycle's members share one readiness, so they go together or not at all.
 */
export function readyToMigrate(model: Model, plan: Plan, env: string, flags: FixFlags = {}): string[] {
  const out: string[] = [];
  for (const s of model.services) {
    const r = plan.readiness[env]?.[s.name];
    if (!r || (s.state[env] !== 'source' && s.state[env] !== 'mixed')) continue;
    if (r.status === 'ready' || (r.status === 'ready-after-fixes' && uncoveredFixes(r.fixes, flags).length === 0)) out.push(s.name);
  }
  return out;
}

function place(e: Evidence): string {
  return `${e.file}:${e.line}:${e.column}`;
}
