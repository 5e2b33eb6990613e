// Facts every human-readable renderer shows the same way.
import { WAVE_TITLES } from '../plan/plan';
import { isFixRule } from '../plan/verdicts';
import type { Severity } from '../model/common';
import type { FindingEntry, JsonReport, ServiceEntry } from './types';

/**
 * `prod: 7 / 18 services on MSK · 1 hazard · 1 unknown`: moved services over services present in the
 * environment, then how many rows show each state that needs attention (the same count the rows show).
 */
export function environmentSummary(report: JsonReport, env: string): string {
  const present = report.services.filter((s) => (s.state[env] ?? 'none') !== 'none');
  const moved = present.filter((s) => s.state[env] === 'target');
  const count = (status: string) => report.services.filter((s) => s.status[env] === status).length;
  const notes = [
    [count('hazard'), 'hazard', 'hazards'],
    [count('moved-at-risk'), 'moved, at risk', 'moved, at risk'],
    [count('unknown'), 'unknown', 'unknown'],
    [count('ready-after-fixes'), 'ready after fixes', 'ready after fixes'],
  ] as const;
  const extra = notes.filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many));
  return `${env}: ${moved.length} / ${present.length} services on MSK${extra.map((e) => ` · ${e}`).join('')}`;
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

/**
 * What is next for a service in words: `ready`, `ready after fixes: topic-not-in-terraform (--add-topics)`,
 * `blocked by a, b`, `unknown: unknown-role`, `moved, at risk: offset-reset-not-earliest`,
 * `data-loss hazard`, or '' when it has moved cleanly or is absent.
 */
export function readinessText(service: ServiceEntry, env: string, findings: readonly FindingEntry[] = []): string {
  const status = service.status[env];
  if (status === 'hazard') return 'data-loss hazard';
  if (status === 'moved-at-risk') {
    const rules = findings
      .filter(
        (f) =>
          f.service === service.name && f.severity === 'error' && isFixRule(f.rule) && (f.environment === null || f.environment === env),
      )
      .map((f) => f.rule);
    return `moved, at risk: ${[...new Set(rules)].join(', ')}`;
  }
  const r = service.readiness[env];
  if (!r) return '';
  const text =
    r.status === 'ready'
      ? 'ready'
      : r.status === 'blocked'
        ? `blocked by ${r.blockedBy.join(', ')}${r.unknown.length ? `; unknown: ${codes(r.unknown)}` : ''}`
        : r.status === 'unknown'
          ? `unknown: ${codes(r.unknown)}`
          : `ready after fixes: ${[...new Set(r.fixes.map((f) => `${f.rule} (${f.flag === 'migrate' ? 'migrate fixes it' : (f.flag ?? 'by hand')})`))].join(', ')}`;
  return status === 'mixed' ? `names both clusters; ${text}` : text;
}

function codes(reasons: ReadonlyArray<{ code: string }>): string {
  return [...new Set(reasons.map((u) => u.code))].join(', ');
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
