// The facts each verdict stands on, as data: why a service has its role (its topic uses), where its
// brokers come from in each environment (its refs, through which indirection), and its readiness. The
// JSON report's `evidence`, `kafka-cutover explain` and the editor's tooltips all read these.
import type { BrokerRef, Cluster, Model, Role, Service, ServiceState } from '../model/repository';
import type { Evidence, Plan, Readiness, Verdict } from '../model/readiness';
import { push, refEvidence, useEvidence } from './readiness';

type Use = Model['topicUses'][number];

export interface ServiceEvidence {
  /** The topic uses the role stands on (or the manifest override). */
  role: Evidence[];
  /** Per environment, the connection strings the state stands on. */
  state: Record<string, Evidence[]>;
}

export interface BrokerEvidence {
  file: string;
  line: number;
  column: number;
  cluster: Cluster;
  kind: BrokerRef['kind'];
  key: string | null;
  /** As written: the literal parts, or the expression of an indirect ref. */
  value: string;
  inferred: boolean;
  /** How an indirect ref resolves: `BROKERS from .env.prod:3` per literal it reaches. */
  via: string[];
  unresolved: BrokerRef['unresolved'] | null;
}

export interface EnvironmentExplanation {
  env: string;
  state: ServiceState;
  verdict: Verdict;
  brokers: BrokerEvidence[];
  /** Null once moved or absent. */
  readiness: Readiness | null;
}

export interface Explanation {
  service: string;
  root: string;
  role: Role;
  wave: number | null;
  roleEvidence: Evidence[];
  /** The cycle it moves with, or null. */
  cycle: string[] | null;
  environments: EnvironmentExplanation[];
}

/** Topic uses grouped by service: built once for a whole report (linear in uses). */
export function usesByService(model: Model): Map<string, Use[]> {
  const out = new Map<string, Use[]>();
  for (const u of model.topicUses) if (u.service) push(out, u.service, u);
  return out;
}

export function roleEvidence(model: Model, s: Service, uses: readonly Use[]): Evidence[] {
  const folder = s.root.slice(s.root.lastIndexOf('/') + 1);
  const override = model.manifest.services.overrides[folder]?.role ?? model.manifest.services.overrides[s.name]?.role;
  const out: Evidence[] = [];
  if (override && model.manifest.path)
    out.push({ file: relativeManifest(model), line: 1, column: 1, note: `role ${override} set in the manifest` });
  for (const u of uses) out.push(useEvidence(u, `${u.direction === 'produce' ? 'produces' : 'consumes'} ${topicText(u)} (${u.client})`));
  return out;
}

/** The refs that count in an environment (refs of no known environment count in every one), test refs aside. */
export function refsCountingIn(model: Model, service: string, env: string): BrokerRef[] {
  return (model.refsByService.get(service) ?? []).filter(
    (r) => r.kind !== 'test' && (r.environment === env || r.environment === undefined),
  );
}

export function serviceEvidence(model: Model, s: Service, uses: readonly Use[]): ServiceEvidence {
  const state: Record<string, Evidence[]> = {};
  for (const env of model.environments) state[env] = refsCountingIn(model, s.name, env).map((r) => refEvidence(r, brokerNote(r)));
  return { role: roleEvidence(model, s, uses), state };
}

export function brokerEvidence(r: BrokerRef): BrokerEvidence {
  return {
    file: r.file,
    line: r.range.start.line,
    column: r.range.start.column,
    cluster: r.cluster,
    kind: r.kind,
    key: r.key ?? null,
    value: r.kind === 'indirect' && r.expression !== undefined ? r.expression : r.parts.map((p) => p.text).join(','),
    inferred: r.inferred === true,
    via: (r.resolvesTo ?? []).map((v) => `${v.value} (${v.cluster}) via ${v.via}`),
    unresolved: r.unresolved ?? null,
  };
}

/** `source: kafka1:9092,kafka2:9092 (KAFKA_BROKERS)`, with the indirection an indirect ref went through. */
export function brokerNote(r: BrokerRef): string {
  const b = brokerEvidence(r);
  const head = `${r.cluster}${b.inferred ? ' (inferred)' : ''}: ${b.value}${b.key ? ` (${b.key})` : ''}`;
  if (b.via.length) return `${head}, resolves to ${b.via.join('; ')}`;
  if (b.unresolved) return `${head}, reads ${b.unresolved.names.join(', ')}, set outside the repository`;
  return head;
}

export function explain(model: Model, plan: Plan, service: string): Explanation | undefined {
  const s = model.services.find((x) => x.name === service);
  if (!s) return undefined;
  const uses = usesByService(model).get(s.name) ?? [];
  return {
    service: s.name,
    root: s.root,
    role: s.role,
    wave: plan.wave[s.name] ?? null,
    roleEvidence: roleEvidence(model, s, uses),
    cycle: plan.cycles.find((c) => c.includes(s.name)) ?? null,
    environments: model.environments.map((env) => ({
      env,
      state: s.state[env] ?? 'none',
      verdict: plan.verdicts[env]?.[s.name] ?? 'absent',
      brokers: refsCountingIn(model, s.name, env).map(brokerEvidence),
      readiness: plan.readiness[env]?.[s.name] ?? null,
    })),
  };
}

function topicText(u: Use): string {
  if (u.pattern) return `the pattern ${u.resolved ?? u.topic}`;
  if (u.resolved !== undefined) return u.via ? `${u.resolved} (from ${u.via.name})` : u.resolved;
  return `a topic named by ${u.via?.name ?? 'an expression'}, unresolved`;
}

function relativeManifest(model: Model): string {
  const p = model.manifest.path!.replace(/\\/g, '/');
  const root = model.root.replace(/\\/g, '/');
  return p.startsWith(root + '/') ? p.slice(root.length + 1) : p;
}
