// Facts every human-readable renderer shows the same way.
import { WAVE_TITLES } from '../plan/plan';
import type { Severity } from '../model/types';
import type { FindingEntry, JsonReport, ServiceEntry } from './types';

/** `prod: 7 / 18 services on MSK`: moved services over services present in the environment. */
export function environmentSummary(report: JsonReport, env: string): string {
  const present = report.services.filter((s) => (s.state[env] ?? 'none') !== 'none');
  const moved = present.filter((s) => s.state[env] === 'target');
  return `${env}: ${moved.length} / ${present.length} services on MSK`;
}

export function waveTitle(wave: number | null): string {
  return wave === null ? 'Not planned' : (WAVE_TITLES[wave] ?? `Wave ${wave}`);
}

/** Services grouped by wave, in the report's order (wave, then name). */
export function servicesByWave(report: JsonReport): Array<{ wave: number | null; services: ServiceEntry[] }> {
  const groups: Array<{ wave: number | null; services: ServiceEntry[] }> = [];
  for (const s of report.services) {
    const last = groups[groups.length - 1];
    if (last && last.wave === s.wave) last.services.push(s);
    else groups.push({ wave: s.wave, services: [s] });
  }
  return groups;
}

/** `ready`, `blocked by a, b`, or '' when the service has moved or is absent. */
export function readinessText(service: ServiceEntry, env: string): string {
  const r = service.readiness[env];
  if (!r) return '';
  return r.ready ? 'ready' : `blocked by ${r.blockedBy.join(', ')}`;
}

export function severityCounts(findings: readonly FindingEntry[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export function findingsSummary(report: JsonReport): string {
  const c = severityCounts(report.findings);
  const parts = [
    `${plural(report.findings.length, 'finding')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.info} info)`,
  ];
  if (report.problems.length) parts.push(plural(report.problems.length, 'problem'));
  if (report.skipped.length) parts.push(`${plural(report.skipped.length, 'file')} skipped`);
  return parts.join(' · ');
}
