#!/usr/bin/env node
// How long ELK takes to lay out the plan view's graph of a generated fleet (scripts/gen-fleet.mjs, 5 files
// per service, seed 1), in node with elkjs' bundled build: the same layout code and options the webview's
// worker runs (src/core/view/planLayout.ts). Needs the compiled tests: npx tsc -p tsconfig.test.json.
//   node scripts/bench-plan-layout.mjs [sizes, default 19,100,1000]   (19 = examples/fleet)
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { RepositoryIndex } = require(path.join(root, 'out/src/core/repositoryIndex.js'));
const { planGraph } = require(path.join(root, 'out/src/core/view/planGraph.js'));
const { elkGraph, layoutChoices, overlappingPairs, readLayout } = require(path.join(root, 'out/src/core/view/planLayout.js'));
const ELK = require('elkjs/lib/elk.bundled.js');

const sizes = (process.argv[2] ?? '19,100,1000').split(',').map(Number);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'plan-layout-'));
try {
  const elk = new ELK();
  // GWT's start-up is paid once per worker, not per layout: leave it out of the figures.
  await elk.layout({ id: 'warm-up', children: [{ id: 'a', width: 10, height: 10 }], edges: [] });
  for (const n of sizes) {
    let dir = path.join(root, 'examples/fleet');
    if (n !== 19) {
      dir = path.join(scratch, `fleet-${n}`);
      execFileSync(process.execPath, [
        path.join(root, 'scripts/gen-fleet.mjs'),
        dir,
        '--services',
        String(n),
        '--files-per-service',
        '5',
        '--seed',
        '1',
      ]);
    }
    const { model, plan } = await new RepositoryIndex(dir).scan();
    const graph = planGraph(model, plan, model.environments[0]);
    const choices = layoutChoices(graph);
    const started = performance.now();
    const layout = readLayout(await elk.layout(elkGraph(graph, choices)));
    const ms = performance.now() - started;
    console.log(
      `${String(graph.nodes.length).padStart(5)} services, ${String(graph.edges.length).padStart(4)} links: ${(ms / 1000).toFixed(2)} s, ` +
        `${Math.round(layout.width)} x ${Math.round(layout.height)} px, ${overlappingPairs(layout.nodes).length} overlaps, ` +
        `labels ${choices.edgeLabels ? 'on' : 'off'}, waves ${choices.alignWaves ? 'aligned' : 'per component'}, ≤ ${choices.columnBound} per column`,
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
