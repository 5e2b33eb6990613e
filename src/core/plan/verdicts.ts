// The one verdict per service and environment that every surface shows (tree, lens, status bar, plan view,
// reports, the CLI guard). Settled once the rules ran, because a service's own error findings count:
// a service that must be fixed before it moves is `ready-after-fixes`, a moved one with an error is
// `moved-at-risk`. Linear in services × environments plus findings.
import type { Model, Service } from '../model/repository';
import type { Fix, Plan, Readiness, Verdict } from '../model/readiness';
import type { Finding, RuleId } from '../model/findings';
import { push } from './readiness';

/** The `migrate` flag that applies a rule's fix; `migrate` when the rewrite itself does. Other rules: by hand. */
export const FIX_FLAGS: Partial<Record<RuleId, string>> = {
  'offset-reset-not-earliest': '--offset-reset',
  'topic-not-in-terraform': '--add-topics',
  'auth-port-mismatch': 'migrate',
};

/**
 * Findings that are not a fix of the service: the move itself (legacy-broker, mixed-clusters: migrate
 * finishes it) and the data-loss hazard, which is its own verdict.
 */
const NOT_FIXES = new Set<RuleId>(['legacy-broker', 'mixed-clusters', 'producer-before-consumers']);

/** Whether a finding of this rule, at error severity, is a fix the service needs (not the move itself or the hazard). */
export function isFixRule(rule: RuleId): boolean {
  return !NOT_FIXES.has(rule);
}

/** Fills `fixes`, the final readiness status and `plan.verdicts`. `findings` are every rule's but legacy-broker's. */
export function settleVerdicts(model: Model, plan: Plan, findings: readonly Finding[]): void {
  const errors = new Map<string, Finding[]>();
  /** Service -> the environments it is a hazard in ('*': a finding of no one environment). */
  const hazards = new Map<string, Set<string>>();
  for (const f of findings) {
    if (!f.service) continue;
    if (f.rule === 'producer-before-consumers') {
      let envs = hazards.get(f.service);
      if (!envs) hazards.set(f.service, (envs = new Set()));
      envs.add(f.environment ?? '*');
    } else if (f.severity === 'error' && !NOT_FIXES.has(f.rule)) push(errors, f.service, f);
  }
  const pending = pendingOffsetFixes(model);
  for (const [service, fixes] of undeclaredTopicFixes(model, findings)) for (const f of fixes) push(pending, service, f);
  const groupOf = new Map<string, string[]>();
  for (const group of plan.cycles) for (const name of group) groupOf.set(name, group);

  for (const env of model.environments) {
    const verdicts: Record<string, Verdict> = {};
    const readiness = plan.readiness[env] ?? {};
    for (const s of model.services) {
      const r = readiness[s.name];
      if (r) {
        // A cycle moves as one: its members' fixes are one list.
        const members = groupOf.get(s.name) ?? [s.name];
        r.fixes = members.length === 1 ? fixesOf(s.name, env, errors, pending) : members.flatMap((m) => fixesOf(m, env, errors, pending));
        if (r.status === 'ready' && r.fixes.length) r.status = 'ready-after-fixes';
        r.ready = r.status === 'ready';
      }
      const h = hazards.get(s.name);
      const hazard = h !== undefined && (h.has(env) || h.has('*'));
      const atRisk = s.state[env] === 'target' && fixesOf(s.name, env, errors, pending).length > 0;
      verdicts[s.name] = verdictOf(s, env, r, hazard, atRisk);
    }
    plan.verdicts[env] = verdicts;
  }
}

function verdictOf(s: Service, env: string, r: Readiness | undefined, hazard: boolean, atRisk: boolean): Verdict {
  // The hazard wins: it is the one state that loses data now.
  if (hazard) return 'hazard';
  switch (s.state[env] ?? 'none') {
    case 'target':
      return atRisk ? 'moved-at-risk' : 'moved';
    case 'mixed':
      return 'mixed';
    case 'none':
      return 'absent';
    case 'unknown':
      return 'unknown';
    case 'source':
      return r?.status ?? 'unknown';
  }
}

/** The service's error findings in an environment (or in all), as fixes. */
const NO_FIXES = Object.freeze([]) as unknown as Fix[];

function fixesOf(service: string, env: string, errors: Map<string, Finding[]>, pending: Map<string, PendingFix[]>): Fix[] {
  // Most services have no error of their own: no allocation for them.
  if (!errors.has(service) && !pending.has(service)) return NO_FIXES;
  const out: Fix[] = [];
  const seen = new Set<string>();
  for (const f of errors.get(service) ?? []) {
    if (f.environment !== undefined && f.environment !== env) continue;
    const fix: Fix = { rule: f.rule, service, message: f.message, file: f.file, line: f.range.start.line, column: f.range.start.column };
    const flag = f.fixedByMigrate ? 'migrate' : FIX_FLAGS[f.rule];
    if (flag) fix.flag = flag;
    seen.add(`${f.rule}\0${f.file}:${fix.line}:${fix.column}`);
    out.push(fix);
  }
  for (const { fix, env: fileEnv } of pending.get(service) ?? []) {
    if (fileEnv !== undefined && fileEnv !== env) continue;
    if (!seen.has(`${fix.rule}\0${fix.file}:${fix.line}:${fix.column}`)) out.push(fix);
  }
  return out;
}

/**
 * offset-reset-not-earliest fires once a consumer is on the target; before the move the same setting is a
 * fix to make with the move (the consumer will start without a committed offset there).
 */
interface PendingFix {
  fix: Fix;
  /** The environment the setting's file is for; all when undefined. */
  env?: string;
}

// Per offset-reset fact, kept between analyses (the model reuses an unchanged file's facts).
const pendingByReset = new WeakMap<object, PendingFix>();

function pendingOffsetFixes(model: Model): Map<string, PendingFix[]> {
  const out = new Map<string, PendingFix[]>();
  if (model.manifest.mirror.offsetSync) return out;
  let byName: Map<string, Service> | undefined;
  for (const r of model.offsetResets) {
    if (r.value !== 'latest' || !r.service) continue;
    const s = (byName ??= new Map(model.services.map((x) => [x.name, x]))).get(r.service);
    if (!s || (!s.consumes.length && s.role !== 'consumer' && s.role !== 'producer-consumer')) continue;
    let pendingFix = pendingByReset.get(r);
    if (!pendingFix) pendingByReset.set(r, (pendingFix = pendingOf(r)));
    push(out, r.service, pendingFix);
  }
  return out;
}

/**
 * A repository that declares no topic at all gets one topic-not-in-terraform hint, not a finding per use;
 * its services still need their topics declared before they move (MSK does not auto-create), so each
 * service that uses a topic keeps that fix, at its first use, with no flag (--add-topics has no file).
 */
function undeclaredTopicFixes(model: Model, findings: readonly Finding[]): Map<string, PendingFix[]> {
  const out = new Map<string, PendingFix[]>();
  const hint = findings.find((f) => f.rule === 'topic-not-in-terraform' && !f.topic);
  if (!hint) return out;
  const first = new Map<string, Model['topicUses'][number]>();
  for (const u of model.topicUses) {
    if (!u.service || u.pattern || u.internal || !u.resolved || first.has(u.service)) continue;
    first.set(u.service, u);
  }
  for (const [service, u] of first) {
    const topics = [
      ...new Set(model.topicUses.filter((x) => x.service === service && x.resolved && !x.pattern && !x.internal).map((x) => x.resolved!)),
    ].sort();
    push(out, service, {
      env: undefined,
      fix: {
        rule: 'topic-not-in-terraform',
        service,
        message: `declare ${topics.join(', ')} where MSK's topics are managed: no kafka_topic or KafkaTopic in this repository declares any topic, and MSK does not auto-create them (when another repository manages them, say so with rules: { topic-not-in-terraform: off })`,
        file: u.file,
        line: u.range.start.line,
        column: u.range.start.column,
      },
    });
  }
  return out;
}

function pendingOf(r: Model['offsetResets'][number]): PendingFix {
  const how = r.explicit ? 'is set to latest' : `defaults to latest (${r.client})`;
  const fix: Fix = {
    rule: 'offset-reset-not-earliest',
    service: r.service!,
    message: `${r.service}'s offset reset ${how}, and the mirror does not sync group offsets: after the move it would skip records produced before it connected`,
    file: r.file,
    line: r.range.start.line,
    column: r.range.start.column,
  };
  if (r.fix) fix.flag = '--offset-reset';
  return { env: r.fileEnvironment, fix };
}
