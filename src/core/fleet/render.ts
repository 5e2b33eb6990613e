// The fleet as text: a summary per environment (`63 / 100 on MSK · prod`), then each repository's
// services with their state and verdict; CSV for the spreadsheet; Markdown for a status page.
import { csvField } from '../report/csv';
import { fitTable, hangingLines } from '../report/fit';
import type { FleetPlan, FleetService, FleetVerdict } from './plan';

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

/**
 * The fleet in `format`. The table fits `width` columns (its last column, the status and why, wraps first);
 * without one, one line per service. CSV, JSON and Markdown never wrap.
 */
export function renderFleet(plan: FleetPlan, format: FleetFormat, warnings: readonly string[] = [], width?: number): string {
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
    if (md) lines.push(`## ${fleetSummaryLine(plan, env)}`, '');
    else lines.push(...hangingLines('', fleetSummaryLine(plan, env), width, 2), '');
    const cellsOf = (s: FleetService) => {
      const v = plan.verdicts[env]![s.id]!;
      return [s.service, s.role, String(plan.wave[s.id]), v.state, STATUS_TEXT[v.status], blockedText(v)];
    };
    // One table for the environment, so the columns line up from one repository to the next.
    const rows = md
      ? []
      : fitTable(
          plan.services.map((s) => {
            const [service, role, wave, state, status, why] = cellsOf(s);
            return [service!, role!, `w${wave}`, state!, `${status}${why ? ` · ${why}` : ''}`];
          }),
          width,
          '    ',
        );
    // Each repository's services, in the plan's order, grouped once (a fleet has hundreds of repositories).
    const byRepo = new Map<string, FleetService[]>(plan.repos.map((repo) => [repo, []]));
    const rowOf = new Map<FleetService, string[]>();
    plan.services.forEach((s, i) => {
      byRepo.get(s.repo)?.push(s);
      if (!md) rowOf.set(s, rows[i]!);
    });
    for (const repo of plan.repos) {
      if (md) lines.push(`### ${repo}`, '', '| service | role | wave | state | status | why |', '|---|---|---|---|---|---|');
      else lines.push(...hangingLines('  ', repo, width, 4));
      for (const s of byRepo.get(repo)!) {
        if (md)
          lines.push(
            `| ${cellsOf(s)
              .map((c) => c.replace(/\|/g, '\\|'))
              .join(' | ')} |`,
          );
        else lines.push(...rowOf.get(s)!);
      }
      lines.push('');
    }
  }
  for (const w of warnings) lines.push(...(md ? [`warning: ${w}`] : hangingLines('warning: ', w, width, 2)));
  return lines.join('\n').replace(/\n+$/, '') + '\n';
}
