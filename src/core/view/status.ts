// What an editor shows about a service or a connection string, derived from the analysis alone, so every
// surface (tree, lenses, status bar, plan drawing) states the same facts the same way.
import type { BrokerRef, Model, Service } from '../model/repository';
import type { Plan, Verdict } from '../model/readiness';
import type { Finding } from '../model/findings';

/** How one service stands in one environment, from the user's point of view (settled in plan/verdicts.ts). */
export type ServiceStatus = Verdict;

/** The verdict in words, the same on every surface. */
export const VERDICT_LABELS: Record<Verdict, string> = {
  moved: 'moved',
  'moved-at-risk': 'moved, at risk',
  ready: 'ready',
  'ready-after-fixes': 'ready after fixes',
  blocked: 'blocked',
  unknown: 'unknown',
  mixed: 'names both clusters',
  absent: 'not in this environment',
  hazard: 'data-loss hazard',
};

/**
 * `hazard` (a producer on the target ahead of its consumers: data loss) wins over every other state,
 * because it is the one thing that needs acting on now. Read from the plan, where it was settled once.
 */
export function serviceStatus(service: Service, env: string, plan: Plan): ServiceStatus {
  return plan.verdicts[env]?.[service.name] ?? (service.state[env] === 'target' ? 'moved' : 'absent');
}

/** Services shown as a data-loss hazard in an environment: the number a badge may show. */
export function hazardCount(model: Model, plan: Plan, env: string): number {
  let n = 0;
  for (const s of model.services) if (plan.verdicts[env]?.[s.name] === 'hazard') n++;
  return n;
}

export interface Progress {
  env: string;
  moved: number;
  /** Services that name any cluster in the environment. */
  present: number;
}

/** Moved services over services present in the environment (as the CLI's summary counts them). */
export function progressIn(model: Model, env: string): Progress {
  const present = model.services.filter((s) => (s.state[env] ?? 'none') !== 'none');
  return { env, moved: present.filter((s) => s.state[env] === 'target').length, present: present.length };
}

/** The environment to show: the wanted one when the model knows it, else the first. */
export function pickEnvironment(model: Model, wanted: string | undefined): string | undefined {
  if (wanted && model.environments.includes(wanted)) return wanted;
  return model.environments[0];
}

/** Who blocks a service in an environment (consumers still on the source), empty when it may move. */
export function blockersOf(plan: Plan, service: string, env: string): string[] {
  return plan.readiness[env]?.[service]?.blockedBy ?? [];
}

/** The status of one connection string in words: `EC2 · prod · billing-api · wave 2 · blocked by 2 consumers`. */
export function refSummary(ref: BrokerRef, model: Model, plan: Plan): string {
  const cluster =
    ref.cluster === 'source'
      ? ref.inferred
        ? 'EC2 (inferred)'
        : 'EC2'
      : ref.cluster === 'target'
        ? 'MSK'
        : ref.cluster === 'local'
          ? 'local'
          : 'unknown cluster';
  const parts = [cluster, ref.environment ?? 'no environment'];
  const service = ref.service ? model.services.find((s) => s.name === ref.service) : undefined;
  const verdict = service && ref.environment ? plan.verdicts[ref.environment]?.[service.name] : undefined;
  if (ref.cluster === 'target') {
    const state = service && ref.environment ? service.state[ref.environment] : undefined;
    parts.push(
      state === 'mixed'
        ? `${service!.name} still names EC2 elsewhere`
        : verdict === 'moved-at-risk' || verdict === 'hazard'
          ? VERDICT_LABELS[verdict]
          : 'moved',
    );
    return parts.join(' · ');
  }
  if (!service) {
    parts.push('no service');
    return parts.join(' · ');
  }
  parts.push(service.name);
  const wave = plan.wave[service.name];
  if (wave !== undefined && wave <= 3) parts.push(`wave ${wave}`);
  if (ref.cluster === 'source' && ref.environment) {
    const r = plan.readiness[ref.environment]?.[service.name];
    const blockers = r?.blockedBy ?? [];
    if (blockers.length) parts.push(`blocked by ${blockers.length} ${blockers.length === 1 ? 'consumer' : 'consumers'}`);
    else if (r?.status === 'unknown')
      parts.push(`readiness unknown (${r.unknown.length} ${r.unknown.length === 1 ? 'reason' : 'reasons'})`);
    else if (r?.status === 'ready-after-fixes') parts.push(`ready after ${r.fixes.length} ${r.fixes.length === 1 ? 'fix' : 'fixes'}`);
    else parts.push('ready to move');
  }
  return parts.join(' · ');
}

/** Findings about a service: on its files, or naming it. */
export function findingsOfService(service: Service, findings: readonly Finding[]): Finding[] {
  const files = new Set(service.files);
  return findings.filter((f) => f.service === service.name || files.has(f.file));
}

/** The broker ref whose text covers a position (1-based), for a finding's or a cursor's place. */
export function refAt(model: Model, file: string, line: number, column: number): BrokerRef | undefined {
  return model.brokerRefs.find((r) => {
    if (r.file !== file) return false;
    const { start, end } = r.range;
    const afterStart = line > start.line || (line === start.line && column >= start.column);
    const beforeEnd = line < end.line || (line === end.line && column <= end.column);
    return afterStart && beforeEnd;
  });
}
