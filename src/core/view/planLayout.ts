// The plan graph as input for ELK's layered layout (elkjs), and ELK's answer read back as boxes and
// paths. Each wave is its own band of columns: consumers first (left), producers last (right), unknown
// roles after them; records flow producer -> consumer, so arrows point left, towards who moves first.
// No ELK import here: the conversion is plain data, tested in node; elkjs runs where the drawing is.
import { edgeLabel, shorten, type PlanGraph } from './planGraph';

/** What ELK's JSON format needs of a graph (a subset of elkjs' ElkNode). */
export interface ElkInputNode {
  id: string;
  width: number;
  height: number;
  /** A position hint: interactive layering reads the column from it. */
  x: number;
  y: number;
}

export interface ElkInputLabel {
  text: string;
  width: number;
  height: number;
}

export interface ElkInputEdge {
  id: string;
  sources: [string];
  targets: [string];
  labels?: ElkInputLabel[];
}

export interface ElkInputGraph {
  id: string;
  layoutOptions: Record<string, string>;
  children: ElkInputNode[];
  edges: ElkInputEdge[];
}

/** Sizes of the drawing, in CSS pixels at zoom 1 (the webview draws with the same numbers). */
export const PLAN_METRICS = {
  nodeHeight: 28,
  minNodeWidth: 110,
  maxNodeWidth: 230,
  /** Characters of a service name shown in its box. */
  nodeChars: 30,
  /** Estimated width of one character at the box's 12px font; generous, so a name never overflows. */
  nodeCharWidth: 7,
  nodePadding: 22,
  labelHeight: 14,
  labelCharWidth: 6,
  labelPadding: 6,
  /** Characters of an edge label (`first-topic +N`). */
  labelChars: 28,
} as const;

/** The name as its box shows it. */
export function nodeText(id: string): string {
  return shorten(id, PLAN_METRICS.nodeChars);
}

export function nodeWidth(id: string): number {
  const m = PLAN_METRICS;
  return Math.min(m.maxNodeWidth, Math.max(m.minNodeWidth, Math.ceil(nodeText(id).length * m.nodeCharWidth + m.nodePadding)));
}

export function labelWidth(text: string): number {
  return Math.ceil(text.length * PLAN_METRICS.labelCharWidth + PLAN_METRICS.labelPadding);
}

export interface LayoutChoices {
  /** Draw topic labels on edges (left out for very large graphs, where they only add clutter). */
  edgeLabels: boolean;
  /**
   * At most this many boxes per column; a wave with more spreads over several columns, so a fleet of
   * 1,000 stays closer to the shape of a screen than one column of 400 consumers.
   */
  columnBound: number;
  /**
   * Lay the graph out as one piece, so each wave's columns line up across it. ELK's crossing minimisation
   * over one piece of 1,000 services takes about a minute, so larger graphs are laid out a connected
   * component at a time (each still consumers left, producers right) and packed.
   */
  alignWaves: boolean;
}

/** Labels on at most this many edges: above it the drawing shows them in tooltips and on hover only. */
export const MAX_LABELLED_EDGES = 400;
/** Graphs up to this many services are laid out as one piece (wave columns aligned). */
export const MAX_ALIGNED_NODES = 250;

/** What to ask of ELK for a graph of this size. */
export function layoutChoices(graph: Pick<PlanGraph, 'nodes' | 'edges'>): LayoutChoices {
  const n = graph.nodes.length;
  // About as many columns as rows on a 16:10 screen once a wave would be a column far taller than the graph is wide.
  return {
    edgeLabels: graph.edges.length <= MAX_LABELLED_EDGES,
    columnBound: Math.max(12, Math.ceil(Math.sqrt(n) * 1.2)),
    alignWaves: n <= MAX_ALIGNED_NODES,
  };
}

/**
 * Each node's column, counted from the left: the waves in order (consumers first), and inside the wave of
 * producer-consumers, a service after every consumer of what it produces (its depth in the "moves before"
 * order, a cycle's members at one depth); a depth with more than `columnBound` services spreads over
 * several columns. ELK is given these columns (interactive layering) because its own wave partitioning
 * constrains every pair of adjacent partitions, which takes minutes at 1,000 services.
 */
export function columnsOf(graph: Pick<PlanGraph, 'nodes' | 'edges'>, columnBound: number): Map<string, number> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const groupOf = (id: string) => {
    const c = byId.get(id)?.cycle;
    return c === undefined ? `n:${id}` : `c:${c}`;
  };
  // Depth of each group inside a wave: Kahn over "consumer moves before producer" between groups of the same wave.
  const before = new Map<string, Set<string>>();
  const indegree = new Map<string, number>();
  for (const n of graph.nodes) indegree.set(groupOf(n.id), 0);
  for (const e of graph.edges) {
    const p = byId.get(e.from);
    const c = byId.get(e.to);
    if (!p || !c || p.wave !== c.wave) continue;
    const from = groupOf(c.id);
    const to = groupOf(p.id);
    if (from === to) continue;
    let next = before.get(from);
    if (!next) before.set(from, (next = new Set()));
    if (next.has(to)) continue;
    next.add(to);
    indegree.set(to, (indegree.get(to) ?? 0) + 1);
  }
  const depth = new Map<string, number>();
  const queue: string[] = [];
  for (const [g, d] of indegree) {
    if (d !== 0) continue;
    queue.push(g);
    depth.set(g, 0);
  }
  for (let i = 0; i < queue.length; i++) {
    const g = queue[i]!;
    for (const t of before.get(g) ?? []) {
      depth.set(t, Math.max(depth.get(t) ?? 0, depth.get(g)! + 1));
      const left = indegree.get(t)! - 1;
      indegree.set(t, left);
      if (left === 0) queue.push(t);
    }
  }
  // What Kahn never reached sits on a cycle the plan did not name: after everything else of its wave.
  let deepest = 0;
  for (const d of depth.values()) deepest = Math.max(deepest, d);
  for (const g of indegree.keys()) if (!depth.has(g)) depth.set(g, deepest + 1);

  const levels = new Map<string, string[]>();
  for (const n of graph.nodes) {
    const key = `${n.wave}:${depth.get(groupOf(n.id))!}`;
    let list = levels.get(key);
    if (!list) levels.set(key, (list = []));
    list.push(n.id);
  }
  const keys = [...levels.keys()].sort((a, b) => {
    const [wa, da] = a.split(':').map(Number) as [number, number];
    const [wb, db] = b.split(':').map(Number) as [number, number];
    return wa - wb || da - db;
  });
  const out = new Map<string, number>();
  let column = 0;
  for (const key of keys) {
    // A cycle's members side by side in one column; otherwise by name.
    const ids = levels.get(key)!.sort((a, b) => cmp(groupOf(a), groupOf(b)) || cmp(a, b));
    for (let i = 0; i < ids.length; i++) out.set(ids[i]!, column + Math.floor(i / columnBound));
    column += Math.ceil(ids.length / columnBound);
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where a column's hint sits for ELK's interactive layering: far enough apart that no two columns touch. */
const COLUMN_HINT = 1000;

export function elkGraph(graph: PlanGraph, choices: LayoutChoices = layoutChoices(graph)): ElkInputGraph {
  const m = PLAN_METRICS;
  const layoutOptions: Record<string, string> = {
    'elk.algorithm': 'layered',
    // Columns run left to right: consumers first. ELK edges point the same way, from who moves first
    // (the consumer) to who waits for it (the producer); the drawing puts the arrowhead on the consumer.
    'elk.direction': 'RIGHT',
    'elk.layered.layering.strategy': 'INTERACTIVE',
    // One piece, or ELK lays out each connected component on its own and the columns no longer line up.
    'elk.separateConnectedComponents': String(!choices.alignWaves),
    'elk.edgeRouting': 'SPLINES',
    'elk.layered.spacing.nodeNodeBetweenLayers': choices.edgeLabels ? '50' : '40',
    'elk.spacing.nodeNode': '12',
    'elk.spacing.edgeNode': '10',
    'elk.spacing.edgeEdge': '6',
    'elk.spacing.edgeLabel': '2',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.padding': '[top=12,left=12,bottom=12,right=12]',
  };
  if (choices.edgeLabels) layoutOptions['elk.edgeLabels.placement'] = 'CENTER';
  const columns = columnsOf(graph, choices.columnBound);
  const children: ElkInputNode[] = graph.nodes.map((n) => ({
    id: n.id,
    width: nodeWidth(n.id),
    height: m.nodeHeight,
    x: columns.get(n.id)! * COLUMN_HINT,
    y: 0,
  }));
  const edges: ElkInputEdge[] = graph.edges.map((e) => {
    const edge: ElkInputEdge = { id: e.id, sources: [e.to], targets: [e.from] };
    if (choices.edgeLabels) {
      const text = edgeLabel(e.topics, m.labelChars);
      edge.labels = [{ text, width: labelWidth(text), height: m.labelHeight }];
    }
    return edge;
  });
  return { id: 'plan', layoutOptions, children, edges };
}

/** ELK's answer, as far as the drawing reads it. */
export interface ElkOutputGraph {
  width?: number;
  height?: number;
  children?: Array<{ id: string; x?: number; y?: number; width?: number; height?: number }>;
  edges?: Array<{
    id: string;
    sections?: Array<{ startPoint: Point; endPoint: Point; bendPoints?: Point[] }>;
    labels?: Array<{ text?: string; x?: number; y?: number; width?: number; height?: number }>;
  }>;
}

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidOutNode extends Box {
  id: string;
}

export interface LaidOutEdge {
  id: string;
  /** SVG path data. */
  path: string;
  label?: Box & { text: string };
}

export interface PlanLayout {
  width: number;
  height: number;
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
}

/** ELK's result as boxes and SVG paths; a node ELK left unplaced is an error, not a box at 0,0. */
export function readLayout(out: ElkOutputGraph): PlanLayout {
  const nodes: LaidOutNode[] = (out.children ?? []).map((c) => {
    if (c.x === undefined || c.y === undefined) throw new Error(`the layout placed no position for ${c.id}`);
    return { id: c.id, x: c.x, y: c.y, width: c.width ?? 0, height: c.height ?? 0 };
  });
  const edges: LaidOutEdge[] = (out.edges ?? []).map((e) => {
    const edge: LaidOutEdge = { id: e.id, path: (e.sections ?? []).map(sectionPath).join(' ') };
    const l = e.labels?.[0];
    if (l && l.x !== undefined && l.y !== undefined)
      edge.label = { text: l.text ?? '', x: l.x, y: l.y, width: l.width ?? 0, height: l.height ?? 0 };
    return edge;
  });
  return { width: out.width ?? 0, height: out.height ?? 0, nodes, edges };
}

/**
 * One ELK edge section as SVG path data. Spline routing gives cubic Bézier control points in threes;
 * anything else (a straight or polyline section) is drawn through its bend points.
 */
export function sectionPath(section: { startPoint: Point; endPoint: Point; bendPoints?: Point[] }): string {
  const p = (pt: Point) => `${round(pt.x)},${round(pt.y)}`;
  const bends = section.bendPoints ?? [];
  const points = [...bends, section.endPoint];
  if (bends.length && points.length % 3 === 0) {
    const parts = [`M${p(section.startPoint)}`];
    for (let i = 0; i < points.length; i += 3) parts.push(`C${p(points[i]!)} ${p(points[i + 1]!)} ${p(points[i + 2]!)}`);
    return parts.join(' ');
  }
  return `M${p(section.startPoint)} ${points.map((pt) => `L${p(pt)}`).join(' ')}`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Pairs of boxes that overlap (touching edges do not count); the drawing must have none. */
export function overlappingPairs(boxes: readonly LaidOutNode[]): Array<[string, string]> {
  // Sweep along x: sort by left edge, compare only with boxes whose left edge is before this one's right.
  const sorted = [...boxes].sort((a, b) => a.x - b.x);
  const out: Array<[string, string]> = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.x < a.x + a.width; j++) {
      const b = sorted[j]!;
      if (b.y < a.y + a.height && a.y < b.y + b.height) out.push([a.id, b.id]);
    }
  }
  return out;
}
