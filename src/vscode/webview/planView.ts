// The plan view's page script (bundled for the browser into dist/planView.js). It lays the plan graph out
// with ELK in a web worker, so neither the extension host nor the page's own thread waits for it, draws
// it as SVG (boxes coloured by verdict, topic-labelled edges, cycles dashed), and handles hover, zoom,
// pan, the filter and a service's neighbourhood. It knows nothing of the engine: the host posts a graph.
import ELK from 'elkjs/lib/elk-api.js';
import { edgeLabel, edgeTooltip, neighbourhood, type PlanGraph, type PlanGraphNode } from '../../core/view/planGraph';
import {
  elkGraph,
  layoutChoices,
  nodeText,
  PLAN_METRICS,
  readLayout,
  type ElkOutputGraph,
  type PlanLayout,
} from '../../core/view/planLayout';
import type { HostMessage, PageMessage, PlanStrings } from '../planProtocol';

declare function acquireVsCodeApi(): { postMessage(message: PageMessage): void };

const vscode = acquireVsCodeApi();
const SVG = 'http://www.w3.org/2000/svg';
const VERDICT_ORDER = ['hazard', 'mixed', 'blocked', 'unknown', 'ready-after-fixes', 'ready', 'moved-at-risk', 'moved', 'absent'] as const;

const root = document.getElementById('plan')!;
const workerUrl = root.dataset.worker!;
const folder = root.dataset.folder ?? '';

let strings: PlanStrings | undefined;
let fullGraph: PlanGraph | undefined;
let shown: PlanGraph | undefined;
let focus: string | undefined;
let layout: PlanLayout | undefined;
let generation = 0;
let view = { k: 1, x: 0, y: 0 };
let pendingClick: ReturnType<typeof setTimeout> | undefined;
const DOUBLE_CLICK_MS = 250;

const status = el('div', 'status');
const toolbar = el('div', 'toolbar');
const filterBox = document.createElement('input');
filterBox.type = 'search';
const matchCount = el('span', 'matches');
const buttons = {
  zoomIn: button('+', () => zoomBy(1.25)),
  zoomOut: button('−', () => zoomBy(0.8)),
  fit: button('⤢', () => fit()),
  showAll: button('', () => showFocus(undefined)),
};
toolbar.append(filterBox, matchCount, buttons.zoomOut, buttons.zoomIn, buttons.fit, buttons.showAll);
const legend = el('div', 'legend');
const svg = document.createElementNS(SVG, 'svg');
svg.classList.add('canvas');
const scene = document.createElementNS(SVG, 'g');
svg.append(defs(), scene);
root.append(toolbar, status, legend, svg);

// ELK's worker script is a webview resource, which a Worker may not load across origins: fetch it once
// and start the worker from a blob (the page's CSP allows worker-src blob:).
let elk: Promise<InstanceType<typeof ELK>> | undefined;
function layoutEngine(): Promise<InstanceType<typeof ELK>> {
  elk ??= fetch(workerUrl)
    .then((r) => {
      if (!r.ok) throw new Error(`${workerUrl}: ${r.status}`);
      return r.text();
    })
    .then((code) => {
      const blobUrl = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
      return new ELK({ workerFactory: () => new Worker(blobUrl) as never });
    });
  return elk;
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (message.type === 'graph') {
    strings = message.strings;
    fullGraph = message.graph;
    applyStrings(message.strings);
    // A rescan keeps the neighbourhood being looked at, as long as its service is still there.
    showFocus(focus && fullGraph?.nodes.some((n) => n.id === focus) ? focus : undefined);
  } else if (message.type === 'focus') {
    showFocus(message.service);
  }
});

function applyStrings(s: PlanStrings): void {
  filterBox.placeholder = s.filter;
  filterBox.title = s.filter;
  buttons.zoomIn.title = s.zoomIn;
  buttons.zoomOut.title = s.zoomOut;
  buttons.fit.title = s.fit;
  buttons.showAll.textContent = s.showAll;
}

function showFocus(service: string | undefined): void {
  if (!fullGraph || !strings) {
    draw(undefined);
    return;
  }
  focus = service;
  shown = (service && neighbourhood(fullGraph, service, 1)) || fullGraph;
  if (shown === fullGraph) focus = undefined;
  buttons.showAll.hidden = !focus;
  void run(shown);
}

async function run(graph: PlanGraph): Promise<void> {
  const mine = ++generation;
  if (!graph.nodes.length) {
    draw(undefined);
    return;
  }
  setStatus(strings!.laying.replace('{0}', String(graph.nodes.length)));
  const started = performance.now();
  try {
    const out = (await (await layoutEngine()).layout(elkGraph(graph) as never)) as ElkOutputGraph;
    if (mine !== generation) return; // a newer graph arrived while this one was being laid out
    const ms = Math.round(performance.now() - started);
    layout = readLayout(out);
    draw(graph);
    vscode.postMessage({
      type: 'laidOut',
      ms,
      ...(focus ? { focus } : {}),
      nodes: layout.nodes.map(({ id, x, y, width, height }) => ({ id, x, y, width, height })),
      edges: graph.edges.map((e) => ({ id: e.id, label: edgeLabel(e.topics, PLAN_METRICS.labelChars) })),
    });
  } catch (error) {
    if (mine !== generation) return;
    const message = error instanceof Error ? error.message : String(error);
    setStatus(strings!.layoutFailed.replace('{0}', message));
    vscode.postMessage({ type: 'layoutFailed', message });
  }
}

function setStatus(text: string): void {
  status.textContent = text;
  status.hidden = !text;
}

function draw(graph: PlanGraph | undefined): void {
  scene.replaceChildren();
  legend.replaceChildren();
  if (!graph || !layout || !strings) {
    setStatus(strings?.empty ?? '');
    return;
  }
  const s = strings;
  const byNode = new Map(graph.nodes.map((n) => [n.id, n]));
  const byEdge = new Map(graph.edges.map((e) => [e.id, e]));
  const summary = focus
    ? s.neighbourhoodOf.replace('{0}', focus)
    : s.summary.replace('{0}', String(graph.nodes.length)).replace('{1}', String(graph.edges.length));
  setStatus(`${summary} · ${s.hint}`);

  // Wave titles over each wave's band of columns.
  const bands = new Map<number, { left: number; right: number }>();
  for (const box of layout.nodes) {
    const wave = byNode.get(box.id)?.wave ?? 4;
    const band = bands.get(wave) ?? { left: Infinity, right: -Infinity };
    band.left = Math.min(band.left, box.x);
    band.right = Math.max(band.right, box.x + box.width);
    bands.set(wave, band);
  }
  const top = Math.min(...layout.nodes.map((n) => n.y));
  // Packed components have their own columns each: a title over a whole wave would not mean anything.
  if (!layoutChoices(graph).alignWaves) bands.clear();
  for (const [wave, band] of bands) {
    const title = svgEl('text', 'wave-title', { x: band.left, y: top - 10 });
    title.textContent = s.waves[wave] ?? graph.waves[wave] ?? String(wave);
    scene.append(title);
    scene.append(svgEl('line', 'wave-rule', { x1: band.left, x2: band.right, y1: top - 4, y2: top - 4 }));
  }

  const edgeLayer = svgEl('g', 'edges', {});
  const labelLayer = svgEl('g', 'labels', {});
  for (const laid of layout.edges) {
    const edge = byEdge.get(laid.id);
    if (!edge) continue;
    const g = svgEl('g', edge.inCycle ? 'edge cycle' : 'edge', {});
    g.dataset.from = edge.from;
    g.dataset.to = edge.to;
    // The ELK edge runs consumer -> producer (who moves first -> who waits); records flow the other way.
    const path = svgEl('path', 'edge-line', { d: laid.path, 'marker-start': 'url(#arrow)' });
    const tip = tooltip(`${edgeTooltip(edge)}${edge.inCycle ? `\n${s.cycle}` : ''}`);
    path.append(tip);
    g.append(path);
    edgeLayer.append(g);
    if (laid.label) {
      const label = svgEl('text', 'edge-label', { x: laid.label.x + 3, y: laid.label.y + laid.label.height - 3 });
      label.dataset.edge = edge.id;
      label.textContent = laid.label.text;
      label.append(tooltip(edgeTooltip(edge)));
      labelLayer.append(label);
    }
  }
  const nodeLayer = svgEl('g', 'nodes', {});
  for (const box of layout.nodes) {
    const node = byNode.get(box.id);
    if (!node) continue;
    nodeLayer.append(drawNode(node, box, graph));
  }
  scene.append(edgeLayer, nodeLayer, labelLayer);
  drawLegend(graph);
  fit();
}

function drawNode(node: PlanGraphNode, box: { x: number; y: number; width: number; height: number }, graph: PlanGraph): SVGGElement {
  const s = strings!;
  const g = svgEl('g', `node v-${node.verdict}${node.cycle !== undefined ? ' in-cycle' : ''}`, {
    transform: `translate(${box.x},${box.y})`,
  });
  g.dataset.id = node.id;
  // The webview's own context menu (package.json webview/context) reads this: migrate, explain, reveal, neighbourhood.
  g.dataset.vscodeContext = JSON.stringify({
    webviewSection: 'service',
    planVerdict: node.verdict,
    service: node.id,
    env: graph.environment,
    folder,
    beside: true,
    preventDefaultContextMenuItems: true,
  });
  g.append(svgEl('rect', 'box', { width: box.width, height: box.height, rx: 5 }));
  const text = svgEl('text', 'name', { x: 10, y: box.height / 2 + 4 });
  text.textContent = `${node.cycle !== undefined || node.selfLoop ? '↻ ' : ''}${nodeText(node.id)}`;
  g.append(text);
  const lines = [`${node.id} — ${s.verdicts[node.verdict]}`, s.waves[node.wave] ?? graph.waves[node.wave] ?? ''];
  if (node.cycle !== undefined) lines.push(`${s.cycle}: ${graph.cycles[node.cycle]?.join(', ') ?? ''}`);
  if (node.selfLoop) lines.push(s.selfLoop);
  g.append(tooltip(lines.filter(Boolean).join('\n')));
  g.addEventListener('mouseenter', () => highlight(node.id));
  g.addEventListener('mouseleave', () => highlight(undefined));
  // A click opens the configuration, unless a second click makes it a double-click (the neighbourhood).
  g.addEventListener('click', (event) => {
    clearTimeout(pendingClick);
    if (event.detail > 1) return;
    pendingClick = setTimeout(() => vscode.postMessage({ type: 'open', service: node.id }), DOUBLE_CLICK_MS);
  });
  g.addEventListener('dblclick', () => {
    clearTimeout(pendingClick);
    showFocus(node.id);
  });
  return g;
}

function drawLegend(graph: PlanGraph): void {
  const s = strings!;
  const counts = new Map<string, number>();
  for (const n of graph.nodes) counts.set(n.verdict, (counts.get(n.verdict) ?? 0) + 1);
  const title = el('span', 'legend-title');
  title.textContent = s.legend;
  legend.append(title);
  for (const verdict of VERDICT_ORDER) {
    const count = counts.get(verdict);
    if (!count) continue;
    const item = el('span', `legend-item v-${verdict}`);
    item.dataset.verdict = verdict;
    item.append(el('span', 'swatch'), document.createTextNode(`${s.verdicts[verdict]} (${count})`));
    legend.append(item);
  }
  if (graph.edges.some((e) => e.inCycle) || graph.nodes.some((n) => n.selfLoop)) {
    const item = el('span', 'legend-item legend-cycle');
    item.append(el('span', 'dash'), document.createTextNode(`↻ ${s.cycle}`));
    legend.append(item);
  }
}

/** Dims everything but `id`, its edges and its neighbours; undefined clears. */
function highlight(id: string | undefined): void {
  svg.classList.toggle('hovering', id !== undefined);
  for (const e of scene.querySelectorAll<SVGGElement>('.edge')) {
    e.classList.toggle('lit', id !== undefined && (e.dataset.from === id || e.dataset.to === id));
  }
  const near = new Set<string>();
  if (id) {
    near.add(id);
    for (const e of shown?.edges ?? []) {
      if (e.from === id) near.add(e.to);
      if (e.to === id) near.add(e.from);
    }
  }
  for (const n of scene.querySelectorAll<SVGGElement>('.node')) n.classList.toggle('lit', near.has(n.dataset.id!));
  for (const l of scene.querySelectorAll<SVGTextElement>('.edge-label')) {
    const e = shown?.edges.find((x) => x.id === l.dataset.edge);
    l.classList.toggle('lit', !!e && (e.from === id || e.to === id));
  }
}

// Filter: boxes whose name contains the text stay lit, the rest dim; Enter centres the first match.
filterBox.addEventListener('input', () => applyFilter());
filterBox.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter') return;
  const first = scene.querySelector<SVGGElement>('.node.match');
  if (first && layout) {
    const box = layout.nodes.find((n) => n.id === first.dataset.id);
    if (box) centreOn(box, Math.max(view.k, 1));
  }
});

function applyFilter(): void {
  const text = filterBox.value.trim().toLowerCase();
  svg.classList.toggle('filtering', text.length > 0);
  let count = 0;
  for (const n of scene.querySelectorAll<SVGGElement>('.node')) {
    const match = text.length > 0 && n.dataset.id!.toLowerCase().includes(text);
    n.classList.toggle('match', match);
    if (match) count++;
  }
  matchCount.textContent = text ? strings!.matches.replace('{0}', String(count)) : '';
}

// Zoom (wheel, around the pointer) and pan (drag on the background).
svg.addEventListener(
  'wheel',
  (event) => {
    event.preventDefault();
    const rect = svg.getBoundingClientRect();
    zoomBy(Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
  },
  { passive: false },
);
let drag: { x: number; y: number; vx: number; vy: number } | undefined;
svg.addEventListener('pointerdown', (event) => {
  if ((event.target as Element).closest('.node')) return;
  drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y };
  svg.setPointerCapture(event.pointerId);
  svg.classList.add('panning');
});
svg.addEventListener('pointermove', (event) => {
  if (!drag) return;
  view.x = drag.vx + event.clientX - drag.x;
  view.y = drag.vy + event.clientY - drag.y;
  applyView();
});
const endDrag = () => {
  drag = undefined;
  svg.classList.remove('panning');
};
svg.addEventListener('pointerup', endDrag);
svg.addEventListener('pointercancel', endDrag);
window.addEventListener('resize', () => fit());
window.addEventListener('keydown', (event) => {
  if (event.target === filterBox) return;
  if (event.key === '+' || event.key === '=') zoomBy(1.25);
  else if (event.key === '-') zoomBy(0.8);
  else if (event.key === '0') fit();
  else if (event.key === 'Escape' && focus) showFocus(undefined);
});

function zoomBy(factor: number, cx = svg.clientWidth / 2, cy = svg.clientHeight / 2): void {
  const k = Math.min(4, Math.max(0.02, view.k * factor));
  view.x = cx - ((cx - view.x) * k) / view.k;
  view.y = cy - ((cy - view.y) * k) / view.k;
  view.k = k;
  applyView();
}

/** The whole drawing in the window (never larger than 1:1, so a small plan is not blown up). */
function fit(): void {
  if (!layout) return;
  const w = svg.clientWidth || 800;
  const h = svg.clientHeight || 600;
  const margin = 24;
  const top = 28; // room for the wave titles above the boxes
  const k = Math.min(1, (w - 2 * margin) / Math.max(1, layout.width), (h - 2 * margin - top) / Math.max(1, layout.height));
  view = { k, x: (w - layout.width * k) / 2, y: margin + top + Math.max(0, (h - 2 * margin - top - layout.height * k) / 2) };
  applyView();
}

function centreOn(box: { x: number; y: number; width: number; height: number }, k: number): void {
  view = { k, x: svg.clientWidth / 2 - (box.x + box.width / 2) * k, y: svg.clientHeight / 2 - (box.y + box.height / 2) * k };
  applyView();
}

function applyView(): void {
  scene.setAttribute('transform', `translate(${view.x},${view.y}) scale(${view.k})`);
  // Labels and names are unreadable below this zoom: hide them instead of drawing grey noise.
  svg.classList.toggle('far', view.k < 0.3);
  // Wave titles stay readable at any zoom: their size is kept on screen, not in the drawing.
  scene.style.setProperty('--wave-font', `${Math.min(60, Math.max(13, 13 / view.k))}px`);
}

function defs(): SVGDefsElement {
  const d = document.createElementNS(SVG, 'defs');
  const marker = svgEl('marker', '', {
    id: 'arrow',
    viewBox: '0 0 10 10',
    refX: '10',
    refY: '5',
    markerWidth: '7',
    markerHeight: '7',
    orient: 'auto-start-reverse',
  });
  marker.append(svgEl('path', 'arrow-head', { d: 'M0,0 L10,5 L0,10 z' }));
  d.append(marker);
  return d;
}

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, cls: string, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  if (cls) e.setAttribute('class', cls);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function tooltip(text: string): SVGTitleElement {
  const t = document.createElementNS(SVG, 'title');
  t.textContent = text;
  return t;
}

function el(tag: string, cls: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = cls;
  return e;
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

vscode.postMessage({ type: 'ready' });
