import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Model, Plan } from '../../../src/core/model/types';
import { RepositoryIndex } from '../../../src/core/repositoryIndex';
import { edgeLabel, edgeTooltip, neighbourhood, planGraph, type PlanGraph } from '../../../src/core/view/planGraph';
import {
  columnsOf,
  elkGraph,
  layoutChoices,
  MAX_ALIGNED_NODES,
  MAX_LABELLED_EDGES,
  nodeWidth,
  overlappingPairs,
  PLAN_METRICS,
  readLayout,
  sectionPath,
} from '../../../src/core/view/planLayout';

const FLEET = path.resolve(__dirname, '../../../../examples/fleet');

/** A model of only what the graph reads: services with roles/states, topics with producers and consumers. */
function tinyModel(): { model: Model; plan: Plan } {
  const service = (name: string, state: string) => ({ name, state: { prod: state } });
  const model = {
    services: [service('orders', 'source'), service('billing', 'source'), service('ledger', 'target'), service('loop', 'source')],
    topics: [
      { name: 'orders.created', producers: ['orders'], consumers: ['billing', 'ledger'] },
      { name: 'orders.cancelled', producers: ['orders'], consumers: ['billing'] },
      { name: 'orders.audit', producers: ['orders'], consumers: ['billing'] },
      { name: 'loop.self', producers: ['loop'], consumers: ['loop'] },
      // A consumer the model has no service for (another repository): no edge to nowhere.
      { name: 'orders.export', producers: ['orders'], consumers: ['warehouse'] },
    ],
  } as unknown as Model;
  const plan = {
    wave: { orders: 3, billing: 1, ledger: 1, loop: 2 },
    order: [],
    cycles: [['loop']],
    readiness: {},
    verdicts: { prod: { orders: 'blocked', billing: 'ready', ledger: 'moved', loop: 'unknown' } },
  } as unknown as Plan;
  return { model, plan };
}

test('the graph has one node per service and one edge per producer -> consumer pair, topics merged and sorted', () => {
  const { model, plan } = tinyModel();
  const g = planGraph(model, plan, 'prod');
  assert.deepEqual(
    g.nodes.map((n) => [n.id, n.wave, n.verdict, n.cycle, n.selfLoop]),
    [
      ['billing', 1, 'ready', undefined, undefined],
      ['ledger', 1, 'moved', undefined, undefined],
      ['loop', 2, 'unknown', 0, true],
      ['orders', 3, 'blocked', undefined, undefined],
    ],
  );
  assert.deepEqual(g.edges, [
    {
      id: 'orders->billing',
      from: 'orders',
      to: 'billing',
      topics: ['orders.audit', 'orders.cancelled', 'orders.created'],
      inCycle: false,
    },
    { id: 'orders->ledger', from: 'orders', to: 'ledger', topics: ['orders.created'], inCycle: false },
  ]);
  assert.deepEqual(g.waves, { 1: 'Wave 1 · consumers', 2: 'Wave 2 · producer-consumers', 3: 'Wave 3 · producers' });
});

test('an edge label is its topic, or the first topic and how many more; the tooltip lists them all', () => {
  assert.equal(edgeLabel(['orders.created']), 'orders.created');
  assert.equal(edgeLabel(['orders.audit', 'orders.cancelled', 'orders.created']), 'orders.audit +2');
  assert.equal(edgeLabel(['a-very-long-topic-name-for-the-meter-readings']), 'a-very-long-topic-name-for-…');
  assert.equal(edgeLabel(['a-very-long-topic-name-for-the-meter-readings', 'b']).length, 28);
  assert.equal(edgeLabel(['a-very-long-topic-name-for-the-meter-readings', 'b']), 'a-very-long-topic-name-f… +1');
  assert.equal(edgeLabel([]), '');
  assert.equal(edgeTooltip({ from: 'orders', to: 'billing', topics: ['a', 'b'] }), 'orders → billing\na\nb');
});

test('examples/fleet: 29 services, 27 links, the dispatch cycle marked on its nodes and its two edges', async () => {
  const { model, plan } = await new RepositoryIndex(FLEET).scan();
  const g = planGraph(model, plan, 'prod');
  assert.equal(g.nodes.length, 29);
  assert.equal(g.edges.length, 27);
  assert.deepEqual(g.cycles, [['dispatch-planner', 'dr-event-coordinator']]);
  assert.deepEqual(
    g.edges.filter((e) => e.inCycle).map((e) => e.id),
    ['dispatch-planner->dr-event-coordinator', 'dr-event-coordinator->dispatch-planner'],
  );
  assert.deepEqual(
    g.nodes.filter((n) => n.cycle !== undefined).map((n) => n.id),
    ['dispatch-planner', 'dr-event-coordinator'],
  );
  const verdict = (id: string) => g.nodes.find((n) => n.id === id)?.verdict;
  assert.equal(verdict('grid-signal-poller'), 'hazard');
  assert.equal(verdict('device-provisioning-api'), 'mixed');
  assert.equal(verdict('topic-lag-exporter'), 'unknown');
  assert.equal(verdict('weather-ingest'), 'ready-after-fixes');
  assert.equal(verdict('alert-notifier'), 'moved-at-risk');
  assert.equal(g.edges.find((e) => e.id === 'load-aggregator->forecast-trainer')?.topics.join(), 'load.aggregates.5m');
  // The same graph in dev: other verdicts, same shape.
  const dev = planGraph(model, plan, 'dev');
  assert.equal(dev.environment, 'dev');
  assert.equal(dev.nodes.filter((n) => n.verdict === 'moved' || n.verdict === 'moved-at-risk').length, 19);
});

test('columns: waves left to right, a producer-consumer after the consumers of what it produces, a cycle in one column', async () => {
  const { model, plan } = await new RepositoryIndex(FLEET).scan();
  const g = planGraph(model, plan, 'prod');
  const columns = columnsOf(g, 100);
  const col = (id: string) => columns.get(id)!;
  // Wave 1 all in column 0, then wave 2 by depth, then wave 3, then the unknown role.
  for (const n of g.nodes.filter((x) => x.wave === 1)) assert.equal(col(n.id), 0, n.id);
  assert.equal(col('device-registry'), 1);
  assert.equal(col('tariff-streams'), 1);
  // load-aggregator produces what tariff-streams (column 1) consumes: it stands right of it.
  assert.equal(col('load-aggregator'), 2);
  assert.equal(col('dispatch-planner'), 1);
  assert.equal(col('dr-event-coordinator'), 1);
  assert.equal(col('reading-enricher'), 3);
  assert.equal(col('reading-validator'), 4);
  for (const n of g.nodes.filter((x) => x.wave === 3)) assert.equal(col(n.id), 5, n.id);
  assert.equal(col('topic-lag-exporter'), 6);
  // Every link between different groups runs from a later column (producer) to an earlier one (consumer).
  for (const e of g.edges) if (!e.inCycle) assert.ok(col(e.from) > col(e.to), e.id);
  // A bound of 3 spreads the nine consumers over three columns, and everything after moves right.
  const bounded = columnsOf(g, 3);
  assert.deepEqual([...new Set(g.nodes.filter((x) => x.wave === 1).map((n) => bounded.get(n.id)))], [0, 1, 2]);
  assert.equal(bounded.get('reading-validator'), 7);
});

test('elkGraph: layered, left to right, one ELK edge per link from consumer to producer, labelled, sized nodes', async () => {
  const { model, plan } = await new RepositoryIndex(FLEET).scan();
  const g = planGraph(model, plan, 'prod');
  const input = elkGraph(g);
  assert.equal(input.layoutOptions['elk.algorithm'], 'layered');
  assert.equal(input.layoutOptions['elk.direction'], 'RIGHT');
  assert.equal(input.layoutOptions['elk.layered.layering.strategy'], 'INTERACTIVE');
  assert.equal(input.layoutOptions['elk.separateConnectedComponents'], 'false');
  assert.equal(input.layoutOptions['elk.edgeLabels.placement'], 'CENTER');
  assert.equal(input.children.length, 29);
  assert.equal(input.edges.length, 27);
  const edge = input.edges.find((e) => e.id === 'reading-enricher->load-aggregator')!;
  assert.deepEqual(edge.sources, ['load-aggregator']);
  assert.deepEqual(edge.targets, ['reading-enricher']);
  assert.deepEqual(edge.labels, [{ text: 'meter.readings.enriched', width: 23 * 6 + 6, height: 14 }]);
  const node = input.children.find((c) => c.id === 'battery-telemetry-bridge')!;
  assert.equal(node.width, 24 * 7 + 22);
  assert.equal(node.height, PLAN_METRICS.nodeHeight);
  assert.equal(node.x, 5000);
  assert.equal(input.children.find((c) => c.id === 'alert-notifier')!.x, 0);
});

test('layout choices by size: labels up to 400 links, wave columns aligned up to 250 services, columns bounded', () => {
  const graph = (nodes: number, edges: number) => ({
    nodes: Array.from({ length: nodes }, (_, i) => ({ id: `s${i}`, wave: 1, verdict: 'ready' as const })),
    edges: Array.from({ length: edges }, (_, i) => ({ id: `e${i}`, from: 's0', to: 's1', topics: ['t'], inCycle: false })),
  });
  assert.deepEqual(layoutChoices(graph(19, 17)), { edgeLabels: true, columnBound: 12, alignWaves: true });
  assert.deepEqual(layoutChoices(graph(100, 70)), { edgeLabels: true, columnBound: 12, alignWaves: true });
  assert.deepEqual(layoutChoices(graph(MAX_ALIGNED_NODES + 1, MAX_LABELLED_EDGES + 1)), {
    edgeLabels: false,
    columnBound: 20,
    alignWaves: false,
  });
  assert.deepEqual(layoutChoices(graph(1000, 597)), { edgeLabels: false, columnBound: 38, alignWaves: false });
  const big = elkGraph({ environment: 'prod', cycles: [], waves: {}, ...graph(1000, 597) } as PlanGraph);
  assert.equal(big.edges[0]!.labels, undefined);
  assert.equal(big.layoutOptions['elk.separateConnectedComponents'], 'true');
  assert.equal(big.layoutOptions['elk.edgeLabels.placement'], undefined);
  // 999 consumers over ceil(999 / 38) = 27 columns; s0 produces for s1 in the same wave, so it gets a column after them.
  assert.equal(new Set(big.children.map((c) => c.x)).size, 28);
});

test('node widths stay between the bounds; long names are shortened in the box', () => {
  assert.equal(nodeWidth('a'), PLAN_METRICS.minNodeWidth);
  assert.equal(nodeWidth('x'.repeat(20)), 20 * 7 + 22);
  // 30 characters (the most a box shows) would need 232 pixels: the bound wins.
  assert.equal(nodeWidth('x'.repeat(200)), PLAN_METRICS.maxNodeWidth);
});

test('readLayout: boxes and paths from ELK output; splines in threes as cubic Béziers, others as polylines', () => {
  const layout = readLayout({
    width: 300,
    height: 100,
    children: [
      { id: 'a', x: 10, y: 20, width: 100, height: 28 },
      { id: 'b', x: 180, y: 20, width: 100, height: 28 },
    ],
    edges: [
      {
        id: 'b->a',
        sections: [
          {
            startPoint: { x: 110, y: 34 },
            bendPoints: [
              { x: 130, y: 34 },
              { x: 160, y: 34.04 },
            ],
            endPoint: { x: 180, y: 34 },
          },
        ],
        labels: [{ text: 'orders', x: 120, y: 20, width: 42, height: 14 }],
      },
      { id: 'x', sections: [{ startPoint: { x: 0, y: 0 }, bendPoints: [{ x: 5, y: 5 }], endPoint: { x: 10, y: 0 } }] },
    ],
  });
  assert.deepEqual(layout.nodes, [
    { id: 'a', x: 10, y: 20, width: 100, height: 28 },
    { id: 'b', x: 180, y: 20, width: 100, height: 28 },
  ]);
  assert.deepEqual(layout.edges[0], {
    id: 'b->a',
    path: 'M110,34 C130,34 160,34 180,34',
    label: { text: 'orders', x: 120, y: 20, width: 42, height: 14 },
  });
  assert.equal(layout.edges[1]!.path, 'M0,0 L5,5 L10,0');
  assert.equal(sectionPath({ startPoint: { x: 1, y: 2 }, endPoint: { x: 3, y: 4 } }), 'M1,2 L3,4');
  assert.throws(() => readLayout({ children: [{ id: 'lost' }] }), /the layout placed no position for lost/);
});

test('overlappingPairs finds exactly the boxes that overlap; touching is not overlapping', () => {
  const box = (id: string, x: number, y: number) => ({ id, x, y, width: 10, height: 10 });
  assert.deepEqual(overlappingPairs([box('a', 0, 0), box('b', 10, 0), box('c', 0, 10)]), []);
  assert.deepEqual(overlappingPairs([box('a', 0, 0), box('b', 9, 9), box('c', 30, 0), box('d', 35, 5)]), [
    ['a', 'b'],
    ['c', 'd'],
  ]);
});

test('neighbourhood: a service, who it produces for and who produces for it; nothing for an unknown name', async () => {
  const { model, plan } = await new RepositoryIndex(FLEET).scan();
  const g = planGraph(model, plan, 'prod');
  const near = neighbourhood(g, 'reading-enricher')!;
  assert.deepEqual(
    near.nodes.map((n) => n.id),
    ['timeseries-ingest', 'load-aggregator', 'reading-enricher', 'reading-validator'],
  );
  assert.deepEqual(
    near.edges.map((e) => e.id),
    [
      'load-aggregator->timeseries-ingest',
      'reading-enricher->load-aggregator',
      'reading-enricher->timeseries-ingest',
      'reading-validator->reading-enricher',
    ],
  );
  assert.deepEqual(Object.keys(near.waves), ['1', '2']);
  assert.equal(neighbourhood(g, 'reading-enricher', 2)!.nodes.length, 10);
  assert.equal(neighbourhood(g, 'nobody'), undefined);
});
