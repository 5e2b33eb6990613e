// The cutover order. With active/passive mirroring (source -> target), records produced on the
// target never reach the source, so a service may move only after every consumer of what it produces.
import type { Model, Plan, Readiness, Role, Service } from '../model/types';

export const WAVE_OF_ROLE: Record<Role, number> = { consumer: 1, 'producer-consumer': 2, producer: 3, unknown: 4 };

export const WAVE_TITLES: Record<number, string> = {
  1: 'Wave 1 · consumers',
  2: 'Wave 2 · producer-consumers',
  3: 'Wave 3 · producers',
  4: 'Unknown role',
};

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
  const byName = new Map(model.services.map((s) => [s.name, s]));
  for (const env of model.environments) {
    const perEnv: Record<string, Readiness> = {};
    for (const s of model.services) {
      const state = s.state[env];
      if (state !== 'source' && state !== 'mixed') continue;
      // A cycle moves as one group: it waits for every consumer outside it of what any member produces.
      const group = groupOf.get(s.name);
      const candidates = group ? new Set(group.flatMap((m) => [...(consumersOf.get(m) ?? [])])) : consumersOf.get(s.name);
      const blockedBy: string[] = [];
      for (const c of candidates ?? []) {
        if (c !== s.name && !group?.includes(c) && blocks(byName.get(c), env)) blockedBy.push(c);
      }
      blockedBy.sort();
      perEnv[s.name] = { ready: blockedBy.length === 0, blockedBy };
    }
    readiness[env] = perEnv;
  }
  return { wave, order, cycles, readiness };
}

/** A consumer blocks a producer while it still reads from the source (a mixed service is not moved). */
function blocks(consumer: Service | undefined, env: string): boolean {
  const state = consumer?.state[env];
  return state === 'source' || state === 'mixed';
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
