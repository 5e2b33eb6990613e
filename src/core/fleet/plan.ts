// The org-wide plan from every repository's published records: one topic graph across repositories,
// waves, and readiness that accounts for consumers wherever they live. A producer in repository A is
// blocked by a consumer of its topic in repository B still on the source, and by a consumer group a
// live check found on the source that no repository owns.
import type { Role, ServiceState } from '../model/repository';
import { orderByDependencies, WAVE_OF_ROLE } from '../plan/plan';
import { serviceKey, type FleetEntry, type FleetLiveRecord, type FleetServiceRecord } from './record';

export interface FleetService extends FleetServiceRecord {
  /** `<repo>/<service>`: services are named by repository so two repositories' `billing` stay apart. */
  id: string;
}

export interface FleetTopic {
  name: string;
  producers: string[];
  consumers: string[];
}

export type FleetStatus = 'moved' | 'hazard' | 'ready' | 'ready-after-fixes' | 'blocked' | 'unknown' | 'absent';

export interface FleetBlocker {
  topic: string;
  /** A service id, or a consumer group no repository owns. */
  by: string;
  kind: 'service' | 'unknown-consumer';
  hosts?: string[];
}

export interface FleetVerdict {
  status: FleetStatus;
  state: ServiceState;
  blockers: FleetBlocker[];
  unknown: string[];
}

export interface FleetPlan {
  environments: string[];
  repos: string[];
  services: FleetService[];
  topics: FleetTopic[];
  wave: Record<string, number>;
  order: string[][];
  cycles: string[][];
  verdicts: Record<string, Record<string, FleetVerdict>>;
  summary: Record<string, { onTarget: number; total: number; hazards: number; blocked: number; unknown: number }>;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function planFleet(entries: readonly FleetEntry[]): FleetPlan {
  const services: FleetService[] = entries
    .filter((e): e is { kind: 'service'; record: FleetServiceRecord } => e.kind === 'service')
    .map((e) => ({ ...e.record, id: serviceKey(e.record.repo, e.record.service) }))
    .sort((a, b) => cmp(a.id, b.id));
  const live = entries.filter((e): e is { kind: 'live'; record: FleetLiveRecord } => e.kind === 'live').map((e) => e.record);
  const environments = [...new Set(services.flatMap((s) => Object.keys(s.state)))].sort(cmp);
  const repos = [...new Set(services.map((s) => s.repo))].sort(cmp);

  const topicsByName = new Map<string, FleetTopic>();
  const topic = (name: string) => {
    let t = topicsByName.get(name);
    if (!t) topicsByName.set(name, (t = { name, producers: [], consumers: [] }));
    return t;
  };
  for (const s of services) {
    for (const p of s.produces) topic(p).producers.push(s.id);
    for (const c of s.consumes) topic(c).consumers.push(s.id);
  }
  const topics = [...topicsByName.values()].sort((a, b) => cmp(a.name, b.name));

  const byId = new Map(services.map((s) => [s.id, s]));
  const consumersOf = new Map<string, Set<string>>();
  for (const s of services) {
    const set = new Set<string>();
    for (const t of s.produces) for (const c of topicsByName.get(t)?.consumers ?? []) if (c !== s.id) set.add(c);
    consumersOf.set(s.id, set);
  }
  const wave: Record<string, number> = {};
  for (const s of services) wave[s.id] = WAVE_OF_ROLE[s.role as Role] ?? WAVE_OF_ROLE.unknown;
  const middle = services.filter((s) => s.role === 'producer-consumer').map((s) => s.id);
  const { order, cycles } = orderByDependencies(middle, consumersOf);
  const cycleOf = new Map<string, string[]>();
  for (const c of cycles) for (const id of c) cycleOf.set(id, c);

  const verdicts: FleetPlan['verdicts'] = {};
  const summary: FleetPlan['summary'] = {};
  for (const env of environments) {
    const unknownConsumers = live.filter((l) => l.environment === env).flatMap((l) => l.unknownConsumers);
    const perEnv: Record<string, FleetVerdict> = {};
    for (const s of services) perEnv[s.id] = verdictOf(s, env, { byId, consumersOf, cycleOf, unknownConsumers });
    verdicts[env] = perEnv;
    const list = Object.values(perEnv);
    summary[env] = {
      onTarget: list.filter((v) => v.status === 'moved' || v.status === 'hazard').length,
      total: services.length,
      hazards: list.filter((v) => v.status === 'hazard').length,
      blocked: list.filter((v) => v.status === 'blocked').length,
      unknown: list.filter((v) => v.status === 'unknown').length,
    };
  }
  return { environments, repos, services, topics, wave, order, cycles, verdicts, summary };
}

interface Graph {
  byId: Map<string, FleetService>;
  consumersOf: Map<string, Set<string>>;
  cycleOf: Map<string, string[]>;
  unknownConsumers: FleetLiveRecord['unknownConsumers'];
}

function verdictOf(s: FleetService, env: string, graph: Graph): FleetVerdict {
  const state: ServiceState = s.state[env] ?? 'none';
  if (state === 'none') return { status: 'absent', state, blockers: [], unknown: [] };
  const group = graph.cycleOf.get(s.id) ?? [s.id];
  const members = new Set(group);
  const blockers: FleetBlocker[] = [];
  const unknown: string[] = [];
  for (const member of group) {
    const m = graph.byId.get(member)!;
    for (const c of graph.consumersOf.get(member) ?? []) {
      if (members.has(c)) continue;
      const consumer = graph.byId.get(c)!;
      const cs = consumer.state[env] ?? 'none';
      const through = m.produces.filter((t) => consumer.consumes.includes(t));
      if (cs === 'source' || cs === 'mixed') for (const t of through) blockers.push({ topic: t, by: c, kind: 'service' });
      else if (cs === 'unknown') unknown.push(`${c} consumes ${through.join(', ')} and its connection is set outside its repository`);
    }
    for (const u of graph.unknownConsumers) {
      if (m.produces.includes(u.topic)) blockers.push({ topic: u.topic, by: u.group, kind: 'unknown-consumer', hosts: u.hosts });
    }
  }
  blockers.sort((a, b) => cmp(a.by, b.by) || cmp(a.topic, b.topic));
  if (state === 'target') {
    // On the target ahead of a consumer still on the source: that consumer no longer sees its records.
    return blockers.length ? { status: 'hazard', state, blockers, unknown } : { status: 'moved', state, blockers, unknown };
  }
  if (state === 'unknown')
    return { status: 'unknown', state, blockers, unknown: [`${s.id}: its connection is set outside its repository`, ...unknown] };
  const local = s.readiness[env];
  // No readiness published for a service that is not moved: nothing proves it ready.
  if (!local) unknown.push(`${s.repo}: no readiness was published for ${s.service} in ${env}`);
  for (const reason of local?.unknown ?? []) unknown.push(`${s.repo}: ${reason}`);
  if (s.role === 'unknown') unknown.push(`${s.id}: its role is unknown (no produce or consume call the scan could read)`);
  const status: FleetStatus = blockers.length
    ? 'blocked'
    : unknown.length || local?.status === 'unknown'
      ? 'unknown'
      : local?.status === 'ready-after-fixes'
        ? 'ready-after-fixes'
        : 'ready';
  return { status, state, blockers, unknown };
}
