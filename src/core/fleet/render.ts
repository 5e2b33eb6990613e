// The fleet as text: a summary per environment (`63 / 100 on MSK · prod`), then each repository's
// services with their state and verdict; CSV for the spreadsheet; Markdown for a status page.
import { csvField } from '../report/csv';
import type { FleetPlan, FleetVerdict } from './plan';

export type FleetFormat = 'table' | 'json' | 'csv' | 'markdown';

const STATUS_TEXT: Record<FleetVerdict['status'], string> = {
  moved: 'moved',
  hazard: 'HAZARD: moved before its consumers',
  ready: 'ready',
  'ready-after-fixes': 'ready after fixes',
  blocked: 'blocked',
  unknown: 'unknown',
  absent: 'not in this environment',
};

function blockedText(v: FleetVerdict): string {
  if (!v.blockers.length) return v.unknown.length ? v.unknown.join('; ') : '';
  const by = [
    ...new Set(
      v.blockers.map((b) => (b.kind === 'unknown-consumer' ? `group ${b.by}${b.hosts?.length ? ` at ${b.hosts.join(',')}` : ''}` : b.by)),
    ),
  ];
  return `${v.status === 'hazard' ? 'ahead of' : 'waits for'} ${by.join(', ')} (${[...new Set(v.blockers.map((b) => b.topic))].join(', ')})`;
}

export function fleetSummaryLine(plan: FleetPlan, env: string): string {
  const s = plan.summary[env]!;
  const extra = [
    s.hazards ? `${s.hazards} hazard${s.hazards === 1 ? '' : 's'}` : '',
    s.blocked ? `${s.blocked} blocked` : '',
    s.unknown ? `${s.unknown} unknown` : '',
  ].filter(Boolean);
  return `${s.onTarget} / ${s.total} on MSK · ${env} · ${plan.repos.length} repositor${plan.repos.length === 1 ? 'y' : 'ies'}${extra.length ? ` · ${extra.join(', ')}` : ''}`;
}

export function renderFleet(plan: FleetPlan, format: FleetFormat, warnings: readonly string[] = []): string {
  if (format === 'json') return JSON.stringify({ ...plan, warnings }, null, 2) + '\n';
  if (format === 'csv') {
    const rows = [['repository', 'service', 'environment', 'role', 'wave', 'state', 'status', 'blockers', 'commit', 'at'].join(',')];
    for (const env of plan.environments) {
      for (const s of plan.services) {
        const v = plan.verdicts[env]![s.id]!;
        rows.push(
          [s.repo, s.service, env, s.role, String(plan.wave[s.id]), v.state, v.status, blockedText(v), s.commit ?? '', s.at]
            .map(csvField)
            .join(','),
        );
      }
    }
    return rows.join('\n') + '\n';
  }
  const lines: string[] = [];
  const md = format === 'markdown';
  for (const env of plan.environments) {
    lines.push(md ? `## ${fleetSummaryLine(plan, env)}` : fleetSummaryLine(plan, env), '');
    for (const repo of plan.repos) {
      const mine = plan.services.filter((s) => s.repo === repo);
      if (md) lines.push(`### ${repo}`, '', '| service | role | wave | state | status | why |', '|---|---|---|---|---|---|');
      else lines.push(`  ${repo}`);
      for (const s of mine) {
        const v = plan.verdicts[env]![s.id]!;
        const cells = [s.service, s.role, String(plan.wave[s.id]), v.state, STATUS_TEXT[v.status], blockedText(v)];
        lines.push(
          md
            ? `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`
            : `    ${cells[0]!.padEnd(28)} ${cells[1]!.padEnd(18)} w${cells[2]}  ${cells[3]!.padEnd(7)} ${cells[4]}${cells[5] ? ` · ${cells[5]}` : ''}`,
        );
      }
      lines.push('');
    }
  }
  for (const w of warnings) lines.push(`warning: ${w}`);
  return lines.join('\n').replace(/\n+$/, '') + '\n';
}
