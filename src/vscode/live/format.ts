// Live results as plain lines for the output channel: one table per check, then its findings. Only
// names, counts and messages (which never carry a secret) are written.
import type { CheckResult, LiveFinding } from '../../live/checks/types';
import type { SideReach } from '../../live/checks/connect';
import type { GroupLag } from '../../live/checks/lag';
import type { MirrorResults } from '../../live/checks/mirror';
import type { TopicRow } from '../../live/checks/topics';

export interface FindingCounts {
  errors: number;
  warnings: number;
  notes: number;
}

export function countFindings(findings: readonly LiveFinding[]): FindingCounts {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    notes: findings.filter((f) => f.severity === 'info').length,
  };
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)];
}

function resultRows(result: CheckResult<unknown>): string[] {
  switch (result.check) {
    case 'connect':
      return table(['cluster', 'auth', 'brokers reached', 'login'], (result.results as SideReach[]).map((s) => [
        s.side, s.auth, `${s.brokers.filter((b) => b.ok).length}/${s.brokers.length}`, s.login.ok ? `ok (${s.login.brokersInCluster} brokers)` : 'failed',
      ]));
    case 'topics':
      return table(['topic', 'declared', 'target', 'source', 'drift'], (result.results as TopicRow[]).map((r) => [
        r.topic,
        r.declared ? 'yes' : 'no',
        r.target ? `${r.target.partitions}p rf${r.target.replicationFactor}` : 'MISSING',
        r.source ? `${r.source.partitions}p rf${r.source.replicationFactor}` : '-',
        r.drift.join('; ') || '-',
      ]));
    case 'mirror': {
      const m = result.results as MirrorResults;
      return table(['topic', 'partitions', 'lag'], m.topics.map((t) => [t.topic, String(t.partitions.length), t.mirrored ? String(t.lag) : 'NOT MIRRORED']));
    }
    case 'lag':
      return table(['service', 'group', 'cluster', 'lag', 'offsets on target'], (result.results as GroupLag[]).map((g) => [
        g.service,
        g.group,
        g.cluster,
        g.committed ? String(g.totalLag) : 'NO COMMITS',
        g.targetPartitionsWithOffsets === null ? '-' : g.targetPartitionsWithOffsets > 0 ? `${g.targetPartitionsWithOffsets} partitions` : 'none',
      ]));
  }
}

export function formatResults(folder: string, results: ReadonlyArray<CheckResult<unknown>>): string[] {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${folder} · ${result.environment}: ${result.check}`);
    lines.push(...resultRows(result));
    for (const f of result.findings) {
      const where = f.file && f.range ? `${f.file}:${f.range.start.line}:${f.range.start.column}: ` : '';
      lines.push(`  ${f.severity}: ${where}${f.message}`);
    }
  }
  return lines;
}
