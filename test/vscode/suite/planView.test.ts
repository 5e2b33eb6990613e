// The plan view in a real VS Code host on examples/fleet: the page lays the plan out with ELK (in its web
// worker) and reports the positions it drew; expected values come from examples/fleet/EXPECTED.md.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { overlappingPairs } from '../../../src/core/view/planLayout';
import type { LaidOutSummary } from '../../../src/vscode/planProtocol';
import type { PlanPanel } from '../../../src/vscode/planView';
import type { TestApi } from '../../../src/vscode/testApi';
import { activateExtension, waitFor } from './fleet';

function within<T>(what: string, work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

describe('plan view on examples/fleet', function () {
  this.timeout(120_000);
  let api: TestApi;
  let panel: PlanPanel | undefined;

  before(async () => {
    api = await activateExtension();
    await waitFor('the first analysis', () => api.sessions.all[0]?.analysis);
  });

  after(() => panel?.dispose());

  it('lays out all 29 services without overlap, consumers left of producers, links labelled with their topics', async () => {
    panel = await vscode.commands.executeCommand<PlanPanel>('kafkaCutover.showPlan');
    assert.ok(panel, 'no plan panel');
    // Scripts run only with the page's nonce; nothing remote.
    assert.match(panel.html, /script-src 'nonce-[A-Za-z0-9]{32}'/);
    assert.doesNotMatch(panel.html, /unsafe-inline|unsafe-eval/);
    const laid: LaidOutSummary = await within('the first layout', panel.whenLaidOut(), 90_000);
    assert.equal(laid.nodes.length, 29);
    assert.equal(laid.focus, undefined);
    assert.deepEqual(overlappingPairs(laid.nodes), []);
    assert.equal(laid.edges.length, 27);
    const label = (id: string) => laid.edges.find((e) => e.id === id)?.label;
    assert.equal(label('reading-enricher->load-aggregator'), 'meter.readings.enriched');
    assert.equal(label('dispatch-planner->dr-event-coordinator'), 'dispatch.commands');
    assert.equal(label('grid-signal-poller->alert-notifier'), 'grid.alerts');
    const x = (id: string) => laid.nodes.find((n) => n.id === id)!.x;
    // Consumers move first: every wave-1 box is left of every wave-3 box.
    const graph = panel.lastGraph!;
    assert.equal(graph.environment, 'prod');
    const wave1 = graph.nodes.filter((n) => n.wave === 1).map((n) => x(n.id));
    const wave3 = graph.nodes.filter((n) => n.wave === 3).map((n) => x(n.id));
    assert.ok(Math.max(...wave1) < Math.min(...wave3), `wave 1 at ${wave1}, wave 3 at ${wave3}`);
    assert.ok(x('reading-validator') > x('reading-enricher') && x('reading-enricher') > x('load-aggregator'));
    assert.equal(graph.nodes.find((n) => n.id === 'grid-signal-poller')?.verdict, 'hazard');
    assert.deepEqual(graph.cycles, [['dispatch-planner', 'dr-event-coordinator']]);
  });

  it("draws one service's neighbourhood on request", async () => {
    assert.ok(panel);
    const next = panel.whenLaidOut(true);
    await vscode.commands.executeCommand('kafkaCutover.plan.showNeighbourhood', {
      webviewSection: 'service',
      service: 'reading-enricher',
      env: 'prod',
    });
    const laid = await within('the neighbourhood layout', next, 60_000);
    assert.equal(laid.focus, 'reading-enricher');
    assert.deepEqual(laid.nodes.map((n) => n.id).sort(), ['load-aggregator', 'reading-enricher', 'reading-validator', 'timeseries-ingest']);
    assert.deepEqual(
      laid.edges.map((e) => e.id),
      [
        'load-aggregator->timeseries-ingest',
        'reading-enricher->load-aggregator',
        'reading-enricher->timeseries-ingest',
        'reading-validator->reading-enricher',
      ],
    );
  });

  it("opens a service's configuration beside the plan, as a click on its box asks", async () => {
    assert.ok(panel);
    // The page posts { type: 'open' } and the panel runs this command with the same request.
    await vscode.commands.executeCommand('kafkaCutover.revealService', {
      folder: panel.source.folderUri,
      service: 'forecast-trainer',
      env: 'prod',
      beside: true,
    });
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor opened');
    assert.equal(vscode.workspace.asRelativePath(editor.document.uri), 'services/forecast-trainer/.env.prod');
    assert.equal(editor.viewColumn, vscode.ViewColumn.Two);
    assert.equal(editor.selection.start.line, 0);
  });

  it("follows the environment: dev redraws with dev's verdicts", async () => {
    assert.ok(panel);
    const next = panel.whenLaidOut(true);
    await vscode.commands.executeCommand('kafkaCutover.selectEnvironment', 'dev');
    try {
      await within('the dev layout', next, 60_000);
      assert.equal(panel.lastGraph?.environment, 'dev');
      assert.equal(panel.lastGraph?.nodes.filter((n) => n.verdict === 'moved' || n.verdict === 'moved-at-risk').length, 19);
    } finally {
      await vscode.commands.executeCommand('kafkaCutover.selectEnvironment', 'prod');
    }
  });
});
