// One row per service and environment, for the team's cutover tracking spreadsheet (RFC 4180).
import type { FindingEntry, JsonReport, ServiceEntry } from './types';

export const CSV_COLUMNS = [
  'service',
  'environment',
  'role',
  'wave',
  'state',
  'ready',
  'blocked_by',
  'produces',
  'consumes',
  'findings',
  'status',
  'unknown',
  'fixes',
] as const;

export function renderCsv(report: JsonReport): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  // Without environments a service still gets its row, so the sheet lists the whole fleet.
  const envs: Array<string | null> = report.environments.length ? report.environments : [null];
  for (const s of report.services) {
    for (const env of envs) rows.push(serviceRow(s, env, report.findings));
  }
  // RFC 4180 ends every record with CRLF.
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function serviceRow(s: ServiceEntry, env: string | null, findings: readonly FindingEntry[]): string[] {
  const readiness = env === null ? undefined : s.readiness[env];
  const count = findings.filter((f) => f.service === s.name && (env === null || f.environment === null || f.environment === env)).length;
  return [
    s.name,
    env ?? '',
    s.role,
    s.wave === null ? '' : String(s.wave),
    env === null ? '' : (s.state[env] ?? 'none'),
    readiness ? String(readiness.ready) : '',
    readiness ? readiness.blockedBy.join(';') : '',
    s.produces.join(';'),
    s.consumes.join(';'),
    String(count),
    env === null ? '' : (s.status[env] ?? ''),
    readiness ? [...new Set(readiness.unknown.map((u) => u.code))].join(';') : '',
    readiness ? readiness.fixes.map((f) => `${f.rule}@${f.file}:${f.line}`).join(';') : '',
  ];
}

/** Quotes a field when it holds a comma, quote, CR or LF; quotes inside are doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
