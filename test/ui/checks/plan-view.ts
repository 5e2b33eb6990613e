// The plan view as a person sees it, on a generated fleet (scripts/gen-fleet.mjs, one service per folder
// under services/): Show Cutover Plan from the palette, the page lays every service out (read back from
// the drawing: one box per service, no two boxes overlapping), the legend counts every service, and a
// screenshot plan-<services>.png goes with the run's others (scripts/vscode/plan-screenshots.sh points
// KAFKA_CUTOVER_SCREENSHOTS at docs/ for the README's).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { overlappingPairs, type LaidOutNode } from '../../../src/core/view/planLayout';
import type { UiCheckContext } from '../run-ui';

/** What the page functions use of the DOM (the tests compile without the DOM library). */
interface PageElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
}
interface PageGlobals {
  document: { querySelectorAll(selector: string): { length: number } };
}

const SCREEN = { width: 1280, height: 800 };
/** Scanning 1,000 services and ELK's layout of them, on a busy 2-core machine. */
const LAYOUT_TIMEOUT_MS = 300_000;

/**
 * The palette can open before it knows the extension's commands (a busy machine, a large workspace being
 * indexed) and then offers only "similar commands": close it and ask again.
 */
async function runCommandWithRetry(workbench: UiCheckContext['workbench'], title: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await workbench.runCommand(title);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await workbench.page.keyboard.press('Escape');
      await workbench.page.waitForTimeout(2_000);
    }
  }
}

export default async function planView({ workbench, page, workspacePath, screenshotDir }: UiCheckContext): Promise<void> {
  const shots = path.resolve(process.env.KAFKA_CUTOVER_SCREENSHOTS ?? screenshotDir);
  const services = fs.readdirSync(path.join(workspacePath, 'services'), { withFileTypes: true }).filter((d) => d.isDirectory()).length;
  assert.ok(services > 0, `${workspacePath}/services has no service folders`);
  await page.setViewportSize(SCREEN);

  // The drawing gets the whole window.
  await workbench.runCommand('View: Toggle Primary Side Bar Visibility');
  const started = Date.now();
  await runCommandWithRetry(workbench, 'Kafka Cutover: Show Cutover Plan');
  const frame = await workbench.webviewFrame('#plan', 60_000);
  // One box per service once the first scan and the layout are done (the page draws nothing before).
  await frame.waitForFunction(
    (n) => (globalThis as unknown as PageGlobals).document.querySelectorAll('#plan .node').length === n,
    services,
    {
      timeout: LAYOUT_TIMEOUT_MS,
      polling: 500,
    },
  );
  const size = await frame.evaluate(() => {
    const g = globalThis as unknown as { innerWidth: number; innerHeight: number };
    return `${g.innerWidth}x${g.innerHeight}`;
  });
  console.log(
    `[plan-view] ${services} services laid out and drawn in a ${size} page ${((Date.now() - started) / 1000).toFixed(1)} s after Show Cutover Plan`,
  );

  const boxes: LaidOutNode[] = await frame.locator('#plan .node').evaluateAll((nodes) =>
    nodes.map((element) => {
      const node = element as unknown as PageElement;
      const [, x, y] = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(node.getAttribute('transform') ?? '') ?? [];
      const rect = node.querySelector('rect')!;
      return {
        id: node.getAttribute('data-id') ?? '',
        x: Number(x),
        y: Number(y),
        width: Number(rect.getAttribute('width')),
        height: Number(rect.getAttribute('height')),
      };
    }),
  );
  assert.equal(new Set(boxes.map((b) => b.id)).size, services, 'every service once');
  for (const b of boxes)
    assert.ok(Number.isFinite(b.x) && Number.isFinite(b.y) && b.width > 0 && b.height > 0, `${b.id} has no place: ${JSON.stringify(b)}`);
  assert.deepEqual(overlappingPairs(boxes), [], 'overlapping boxes');

  // The legend's counts add up to every service.
  const legend = await frame.locator('#plan .legend-item[data-verdict]').allInnerTexts();
  const counted = legend.map((text) => Number(/\((\d+)\)$/.exec(text.trim())?.[1] ?? NaN)).reduce((a, b) => a + b, 0);
  assert.equal(counted, services, `legend: ${JSON.stringify(legend)}`);

  // Edges carry their topic names while there are few enough of them to read (planLayout's MAX_LABELLED_EDGES).
  const edges = await frame.locator('#plan .edge').count();
  const labels = await frame.locator('#plan .edge-label').count();
  assert.ok(edges > 0, 'no edges drawn');
  assert.equal(labels, edges <= 400 ? edges : 0, `${labels} labels for ${edges} edges`);

  await workbench.screenshot(path.join(shots, `plan-${services}.png`));
  // Zoomed in from the middle (the + button, 1.25 each) until the page shows names (it hides them while
  // too small to read), and once more.
  const zoomIn = frame.locator('#plan .toolbar button').nth(1);
  const far = () => frame.locator('#plan svg.far').count();
  for (let i = 0; i < 20 && (await far()) > 0; i++) await zoomIn.click();
  assert.equal(await far(), 0, 'names still hidden after 20 zoom steps');
  await zoomIn.click();
  await workbench.screenshot(path.join(shots, `plan-${services}-zoomed.png`));

  // Find a service that has links with the filter, hover it (its neighbourhood stays lit), click it (its
  // configuration opens beside the plan).
  const linked = await frame.locator('#plan .edge').first().getAttribute('data-from');
  assert.ok(linked, 'an edge without its producer');
  const filter = frame.locator('#plan .toolbar input');
  await filter.fill(linked);
  await filter.press('Enter');
  const box = frame.locator(`#plan .node[data-id="${linked}"]`);
  assert.equal(await box.getAttribute('class').then((c) => c?.includes('match')), true, `${linked} not matched by the filter`);
  await box.hover();
  assert.equal(await frame.locator('#plan svg.hovering').count(), 1, 'hovering did not dim the others');
  assert.ok((await frame.locator('#plan .node.lit').count()) >= 2, 'no neighbour lit');
  assert.ok((await frame.locator('#plan .edge.lit').count()) >= 1, 'no edge lit');
  const tabs = page.locator('.tabs-container .tab');
  const before = await tabs.count();
  await box.click();
  await page.waitForFunction(
    (n) => (globalThis as unknown as PageGlobals).document.querySelectorAll('.tabs-container .tab').length > n,
    before,
    { timeout: 15_000 },
  );
}
