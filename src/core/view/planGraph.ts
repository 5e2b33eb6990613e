// The cutover plan as a graph for a drawing: one node per service (its wave, its verdict in one
// environment, its cycle) and one edge per producer -> consumer pair with the topics that link them.
// This is the whole interface between an analysis and the plan view: plain data, cheap to post to a
// webview or across a worker, and the same for 19 services or 1,000.
import type { Model } from '../model/repository';
import type { Plan, Verdict } from '../model/readiness';
import { WAVE_TITLES } from '../plan/waves';

export interface PlanGraphNode {
  id: string;
  wave: number;
  verdict: Verdict;
  /** Index into `PlanGraph.cycles` when the service is in a cycle (moves as one group with the others). */
  cycle?: number;
  /** Produces and consumes the same topic itself. */
  selfLoop?: boolean;
}

export interface PlanGraphEdge {
  /** `producer->consumer`, unique in a graph. */
  id: string;
  /** The producer: records flow from here. */
  from: string;
  /** The consumer: it moves before `from`. */
  to: string;
  /** Sorted, at least one. */
  topics: string[];
  /** Both ends in the same cycle: the edge is what makes the group move together. */
  inCycle: boolean;
}

export interface PlanGraph {
  environment: string;
  /** Sorted by wave, then name. */
  nodes: PlanGraphNode[];
  /** Sorted by producer, then consumer. */
  edges: PlanGraphEdge[];
  /** The plan's cycles (groups of names) that contain at least one node. */
  cycles: string[][];
  /** Wave number -> title, for the waves that have nodes. */
  waves: Record<number, string>;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The plan of one environment as nodes and edges. Linear in services plus producer × consumer pairs. */
export function planGraph(model: Model, plan: Plan, env: string): PlanGraph {
  const cycleOf = new Map<string, number>();
  const cycles: string[][] = [];
  for (const group of plan.cycles) {
    const index = cycles.length;
    cycles.push(group);
    for (const name of group) cycleOf.set(name, index);
  }
  const verdicts = plan.verdicts[env] ?? {};
  const selfLoops = new Set<string>();
  const links = new Map<string, PlanGraphEdge>();
  for (const t of model.topics) {
    for (const from of t.producers) {
      for (const to of t.consumers) {
        if (from === to) {
          selfLoops.add(from);
          continue;
        }
        const id = `${from}->${to}`;
        let edge = links.get(id);
        if (!edge) {
          const c = cycleOf.get(from);
          links.set(id, (edge = { id, from, to, topics: [], inCycle: c !== undefined && c === cycleOf.get(to) }));
        }
        edge.topics.push(t.name);
      }
    }
  }
  const names = new Set(model.services.map((s) => s.name));
  const nodes: PlanGraphNode[] = model.services.map((s) => {
    const node: PlanGraphNode = {
      id: s.name,
      wave: plan.wave[s.name] ?? 4,
      verdict: verdicts[s.name] ?? (s.state[env] === 'target' ? 'moved' : 'absent'),
    };
    const c = cycleOf.get(s.name);
    if (c !== undefined) node.cycle = c;
    if (selfLoops.has(s.name)) node.selfLoop = true;
    return node;
  });
  nodes.sort((a, b) => a.wave - b.wave || cmp(a.id, b.id));
  const edges = [...links.values()].filter((e) => names.has(e.from) && names.has(e.to));
  for (const e of edges) e.topics.sort(cmp);
  edges.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to));
  const waves: Record<number, string> = {};
  for (const n of nodes) waves[n.wave] ??= WAVE_TITLES[n.wave] ?? `Wave ${n.wave}`;
  return { environment: env, nodes, edges, cycles, waves };
}

/** An edge's label: its one topic, or the first and how many more (`orders +2`); long names shortened. */
export function edgeLabel(topics: readonly string[], maxChars = 28): string {
  if (!topics.length) return '';
  const more = topics.length > 1 ? ` +${topics.length - 1}` : '';
  return `${shorten(topics[0]!, Math.max(4, maxChars - more.length))}${more}`;
}

/** An edge's tooltip: who produces for whom and every topic, one per line. */
export function edgeTooltip(edge: Pick<PlanGraphEdge, 'from' | 'to' | 'topics'>): string {
  return `${edge.from} → ${edge.to}\n${edge.topics.join('\n')}`;
}

/** `text` cut to `max` characters with an ellipsis. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/**
 * The part of a graph within `depth` edges of a service (in either direction), for drawing one service's
 * neighbourhood out of a fleet too large to read at once. Undefined when the graph has no such service.
 */
export function neighbourhood(graph: PlanGraph, id: string, depth = 1): PlanGraph | undefined {
  if (!graph.nodes.some((n) => n.id === id)) return undefined;
  const adjacent = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    let list = adjacent.get(a);
    if (!list) adjacent.set(a, (list = []));
    list.push(b);
  };
  for (const e of graph.edges) {
    link(e.from, e.to);
    link(e.to, e.from);
  }
  const keep = new Set([id]);
  let frontier = [id];
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: string[] = [];
    for (const n of frontier) {
      for (const m of adjacent.get(n) ?? []) {
        if (keep.has(m)) continue;
        keep.add(m);
        next.push(m);
      }
    }
    frontier = next;
  }
  const nodes = graph.nodes.filter((n) => keep.has(n.id));
  const waves: Record<number, string> = {};
  for (const n of nodes) waves[n.wave] = graph.waves[n.wave] ?? `Wave ${n.wave}`;
  return {
    environment: graph.environment,
    nodes,
    edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)),
    cycles: graph.cycles,
    waves,
  };
}
