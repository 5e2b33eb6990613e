// The cutover plan drawn as SVG: one column per wave (moved first on the left), one box per service
// coloured by its status, and an arrow per producer -> consumer link (through any shared topic).
// Plain markup with classes, so a host can restyle it (the extension maps them to theme colours).
import type { Model } from '../model/repository';
import type { Plan } from '../model/readiness';
import { WAVE_TITLES } from '../plan/plan';
import { serviceStatus, type ServiceStatus } from './status';

const BOX_WIDTH = 200;
const BOX_HEIGHT = 34;
const COLUMN_GAP = 90;
const ROW_GAP = 14;
const TOP = 44;
const MARGIN = 16;

export const STATUS_COLOURS: Record<ServiceStatus, string> = {
  moved: '#3fa34d',
  'moved-at-risk': '#8a7d00',
  ready: '#2f7fd1',
  'ready-after-fixes': '#1f8a8a',
  blocked: '#b08800',
  mixed: '#c2562a',
  hazard: '#d1242f',
  absent: '#8c8c8c',
  unknown: '#6f42c1',
};

export interface PlanSvgBox {
  service: string;
  wave: number;
  x: number;
  y: number;
  status: ServiceStatus;
}

/** Box positions: columns by wave, services in the plan's order within wave 2 and by name elsewhere. */
export function layoutPlan(model: Model, plan: Plan, env: string): PlanSvgBox[] {
  const orderIndex = new Map<string, number>();
  plan.order.flat().forEach((name, i) => orderIndex.set(name, i));
  const waves = [...new Set(Object.values(plan.wave))].sort((a, b) => a - b);
  const boxes: PlanSvgBox[] = [];
  waves.forEach((wave, column) => {
    const members = model.services
      .filter((s) => plan.wave[s.name] === wave)
      .sort((a, b) => (orderIndex.get(a.name) ?? 0) - (orderIndex.get(b.name) ?? 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    members.forEach((s, row) => {
      boxes.push({
        service: s.name,
        wave,
        x: MARGIN + column * (BOX_WIDTH + COLUMN_GAP),
        y: TOP + row * (BOX_HEIGHT + ROW_GAP),
        status: serviceStatus(s, env, plan),
      });
    });
  });
  return boxes;
}

/** Producer -> consumer pairs (deduplicated, self-links dropped), with the topics that link them. */
export function planLinks(model: Model): Array<{ from: string; to: string; topics: string[] }> {
  const links = new Map<string, { from: string; to: string; topics: string[] }>();
  for (const t of model.topics) {
    for (const from of t.producers) {
      for (const to of t.consumers) {
        if (from === to) continue;
        const key = `${from}\u0000${to}`;
        const link = links.get(key) ?? { from, to, topics: [] };
        link.topics.push(t.name);
        links.set(key, link);
      }
    }
  }
  return [...links.values()].sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1));
}

export function planSvg(model: Model, plan: Plan, env: string): string {
  const boxes = layoutPlan(model, plan, env);
  const byName = new Map(boxes.map((b) => [b.service, b]));
  const columns = [...new Set(boxes.map((b) => b.wave))];
  const width = MARGIN * 2 + Math.max(1, columns.length) * BOX_WIDTH + Math.max(0, columns.length - 1) * COLUMN_GAP;
  const height = Math.max(...boxes.map((b) => b.y + BOX_HEIGHT), TOP) + MARGIN;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="plan" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Cutover plan for ${escapeXml(env)}">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow-head"/></marker></defs>',
  ];
  columns.forEach((wave, column) => {
    const x = MARGIN + column * (BOX_WIDTH + COLUMN_GAP);
    out.push(`<text class="wave-title" x="${x}" y="${TOP - 16}">${escapeXml(WAVE_TITLES[wave] ?? `Wave ${wave}`)}</text>`);
  });
  for (const link of planLinks(model)) {
    const from = byName.get(link.from);
    const to = byName.get(link.to);
    if (!from || !to) continue;
    // Records flow producer -> consumer; consumers sit in earlier (left) columns, so arrows mostly point left.
    const leftward = to.x <= from.x;
    const x1 = leftward ? from.x : from.x + BOX_WIDTH;
    const x2 = leftward ? to.x + BOX_WIDTH : to.x;
    const y1 = from.y + BOX_HEIGHT / 2;
    const y2 = to.y + BOX_HEIGHT / 2;
    const bend = from.x === to.x ? -60 : (x2 - x1) / 2;
    const d = `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
    out.push(`<path class="link" d="${d}" marker-end="url(#arrow)"><title>${escapeXml(`${link.from} → ${link.to}: ${link.topics.join(', ')}`)}</title></path>`);
  }
  for (const b of boxes) {
    out.push(
      `<g class="service status-${b.status}" data-service="${escapeXml(b.service)}">` +
        `<rect x="${b.x}" y="${b.y}" width="${BOX_WIDTH}" height="${BOX_HEIGHT}" rx="6" fill="${STATUS_COLOURS[b.status]}"/>` +
        `<text x="${b.x + 10}" y="${b.y + 22}">${escapeXml(truncate(b.service, 24))}</text>` +
        `<title>${escapeXml(`${b.service}: ${b.status}`)}</title></g>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
