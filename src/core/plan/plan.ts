// The cutover order. With active/passive mirroring (source -> target), records produced on the
// target never reach the source, so a service may move only after every consumer of what it produces.
import type { Model, Role, Service } from '../model/repository';
import type { Blocker, Plan, Readiness, UnknownReason } from '../model/readiness';
import { ReadinessIndex, readinessFrom } from './readiness';

export const WAVE_OF_ROLE: Record<Role, number> = { consumer: 1, 'producer-consumer': 2, producer: 3, unknown: 4 };

export { WAVE_TITLES } from './waves';

export function makePlan(model: Model): Plan {
  const wave: Record<string, number> = {};
  for (const s of model.services) wave[s.name] = WAVE_OF_ROLE[s.role];

  // For each service, the other services that consume what it produces (they must move first).
  const consumersOf = downstream(model);
  const middle = model.services.filter((s) => s.role === 'producer-consumer').map((s) => s.name);
  const { order, cycles } = orderByDependencies(middle, consumersOf);
  const groupOf = new Map<string, string[]>();
  for (const group of cycles) for (const name of group) groupOf.set(name, group);

  const readiness: Plan['readiness'] = {};
  const index = new ReadinessIndex(model);
  // Env-independent reasons once per service (and per cycle: a cycle's readiness is its members' union).
  const own = new Map<string, UnknownReason[]>();
  const ownOf = (name: string) => {
    let r = own.get(name);
    if (!r) own.set(name, (r = index.serviceUnknowns(index.byName.get(name)!)));
    return r;
  };
  for (const env of model.environments) {
    const perEnv: Record<string, Readiness> = {};
    for (const s of model.services) {
      const state = s.state[env];
      if (state !== 'source' && state !== 'mixed' && state !== 'unknown') continue;
      // A cycle moves as one group: it waits for every consumer outside it of what any member produces.
      const group = groupOf.get(s.name);
      const consumers = group ? new Set(group.flatMap((m) => [...(consumersOf.get(m) ?? [])])) : (consumersOf.get(s.name) ?? NO_CONSUMERS);
      let blockers = NO_BLOCKERS;
      for (const m of group ?? [s.name]) {
        const member = m === s.name ? s : index.byName.get(m);
        for (const c of consumersOf.get(m) ?? NO_CONSUMERS) {
          if (c === m || group?.includes(c) || !blocks(index.byName.get(c), env)) continue;
          const consumer = index.byName.get(c)!;
          for (const t of member?.produces ?? []) {
            if (!consumer.consumes.includes(t)) continue;
            if (blockers === NO_BLOCKERS) blockers = [];
            blockers.push(index.blocker(c, t, env));
          }
        }
      }
      if (blockers.length > 1) blockers = dedupe(blockers.sort((a, b) => cmp(a.service, b.service) || cmp(a.topic, b.topic)));
      const own = group ? group.flatMap(ownOf) : ownOf(s.name);
      const here = index.environmentUnknowns(s, env, consumers, group);
      const unknown = !here.length ? own : !own.length ? here : [...own, ...here];
      perEnv[s.name] = readinessFrom(blockers, unknown);
    }
    readiness[env] = perEnv;
  }
  return { wave, order, cycles, readiness, verdicts: {} };
}

// Shared empties: most services have no consumer or blocker, and a keystroke should not allocate for them.
const NO_CONSUMERS: ReadonlySet<string> = new Set();
const NO_BLOCKERS = Object.freeze([]) as unknown as Blocker[];

/** A consumer blocks a producer while it still reads from the source (a mixed service is not moved). */
function blocks(consumer: Service | undefined, env: string): boolean {
  const state = consumer?.state[env];
  return state === 'source' || state === 'mixed';
}

function dedupe(blockers: Blocker[]): Blocker[] {
  return blockers.filter((b, i) => i === 0 || b.service !== blockers[i - 1].service || b.topic !== blockers[i - 1].topic);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function downstream(model: Model): Map<string, Set<string>> {
  const consumersOfTopic = new Map<string, string[]>();
  for (const t of model.topics) consumersOfTopic.set(t.name, t.consumers);
  const out = new Map<string, Set<string>>();
  for (const s of model.services) {
    const set = new Set<string>();
    for (const topic of s.produces) for (const c of consumersOfTopic.get(topic) ?? []) if (c !== s.name) set.add(c);
    out.set(s.name, set);
  }
  return out;
}

/**
 * Orders `names` so that each comes after the services it depends on (its consumers), grouping strongly
 * connected components (Tarjan) into groups that move together. Deterministic: ties by name.
 */
export function orderByDependencies(names: string[], dependsOn: Map<string, Set<string>>): { order: string[][]; cycles: string[][] } {
  const inSet = new Set(names);
  const sorted = [...names].sort();
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const edges = (n: string) => [...(dependsOn.get(n) ?? [])].filter((m) => inSet.has(m)).sort();

  // Iterative Tarjan: a fleet's topic graph can chain thousands of services, deeper than the call stack.
  const strongConnect = (root: string) => {
    const work: Array<{ v: string; next: string[]; i: number }> = [];
    const open = (v: string) => {
      index.set(v, counter);
      low.set(v, counter);
      counter++;
      stack.push(v);
      onStack.add(v);
      work.push({ v, next: edges(v), i: 0 });
    };
    open(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      if (frame.i < frame.next.length) {
        const w = frame.next[frame.i++]!;
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(frame.v, Math.min(low.get(frame.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      const { v } = frame;
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(v)!));
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        components.push(component.sort());
      }
    }
  };
  for (const v of sorted) if (!index.has(v)) strongConnect(v);
  // Tarjan emits components in reverse topological order of the edges v -> dependency, i.e.
  // dependencies first: exactly the move order.
  const cycles = components.filter((c) => c.length > 1 || edges(c[0]).includes(c[0]));
  return { order: components, cycles };
}
