// Live-check results as plain text tables, shared by the CLI (`check --format table`) and the
// editor's output channel so both show the same columns. Only names, counts and messages (which
// never carry a secret) are written.
import { fitTable, hangingLines } from '../core';
import type { CheckResult, LiveFinding } from './checks/types';
import type { SideReach } from './checks/connect';
import type { GroupLag } from './checks/lag';
import type { MirrorResults } from './checks/mirror';
import type { TopicRow } from './checks/topics';
import type { ClientsResults } from './checks/clients';
import type { ProducersResults } from './checks/producers';
import type { HealthResults } from './checks/health';
import type { OffsetsResults } from './checks/offsets';

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

/**
 * One check's results as indented table lines (the mirror and offsets checks add a line about the MM2
 * topics). With a width, columns narrow and their cells wrap to fit it; without one, one line per row.
 */
export function resultTable(result: CheckResult<unknown>, width?: number): string[] {
  /** Columns padded to their widest cell; the last column is left unpadded so lines carry no trailing blanks. */
  const table = (header: string[], rows: string[][]) => fitTable([header, ...rows], width).flat();
  const note = (text: string) => hangingLines('  ', text, width, 4);
  switch (result.check) {
    case 'topics':
      return table(
        ['topic', 'declared', 'target', 'source', 'drift'],
        (result.results as TopicRow[]).map((r) => [
          r.topic,
          r.declared ? 'yes' : 'no',
          r.target ? `${r.target.partitions}p rf${r.target.replicationFactor}` : 'MISSING',
          r.source ? `${r.source.partitions}p rf${r.source.replicationFactor}` : '-',
          r.drift.join('; ') || '-',
        ]),
      );
    case 'mirror': {
      const m = result.results as MirrorResults;
      return [
        ...table(
          ['topic', 'partitions', 'source end', 'target end', 'lag'],
          m.topics.map((t) => [
            t.topic,
            String(t.partitions.length),
            String(t.partitions.reduce((s, p) => s + p.sourceEnd, 0)),
            t.mirrored ? String(t.partitions.reduce((s, p) => s + (p.targetEnd ?? 0), 0)) : 'NOT MIRRORED',
            String(t.lag),
          ]),
        ),
        ...note(
          `MM2 topics: heartbeats on target ${m.internals.heartbeatsOnTarget ? 'yes' : 'no'}; checkpoints on target: ${m.internals.checkpointTopicsOnTarget.join(', ') || 'none'}; offset syncs on source: ${m.internals.offsetSyncTopicsOnSource.join(', ') || 'none'}`,
        ),
      ];
    }
    case 'lag':
      return table(
        ['service', 'group', 'cluster', 'partitions', 'lag', 'offsets on target'],
        (result.results as GroupLag[]).map((g) => [
          g.service,
          g.group,
          g.cluster,
          String(g.partitions.length),
          g.committed ? String(g.totalLag) : 'NO COMMITS',
          g.targetPartitionsWithOffsets === null
            ? '-'
            : g.targetPartitionsWithOffsets > 0
              ? `${g.targetPartitionsWithOffsets} partitions`
              : 'none',
        ]),
      );
    case 'connect':
      return table(
        ['cluster', 'auth', 'brokers reached', 'login'],
        (result.results as SideReach[]).map((s) => [
          s.side,
          s.auth,
          `${s.brokers.filter((b) => b.ok).length}/${s.brokers.length}`,
          s.login.ok ? `ok (${s.login.brokersInCluster} brokers)` : 'FAILED',
        ]),
      );
    case 'clients':
      return table(
        ['cluster', 'group', 'state', 'service', 'members', 'topics'],
        (result.results as ClientsResults).groups.map((g) => [
          g.cluster,
          g.group,
          g.state,
          g.service ?? (g.protocolType === 'connect' ? '(connect)' : 'UNKNOWN'),
          g.members.length
            ? [...new Set(g.members.map((m) => m.host))]
                .sort()
                .map((h) => `${g.members.filter((m) => m.host === h).length}@${h}`)
                .join(' ')
            : '-',
          g.topics.join(',') || '-',
        ]),
      );
    case 'producers': {
      const p = result.results as ProducersResults;
      const growth = (g: Record<string, number> | null) =>
        g === null
          ? '-'
          : Object.values(g)
              .reduce((a, b) => a + b, 0)
              .toString();
      return table(
        [`topic (${p.windowMs / 1000} s)`, 'producers', 'new on source', 'new on target'],
        p.topics.map((t) => [t.topic, t.producers.join(','), growth(t.sourceGrowth), growth(t.targetGrowth)]),
      );
    }
    case 'health': {
      const h = result.results as HealthResults;
      return table(
        ['service', 'group', 'status', 'lag', 'oldest unread'],
        h.groups.map((g) => {
          const oldest = Math.max(0, ...g.partitions.map((p) => p.lagMs ?? 0));
          return [
            g.service,
            g.group,
            g.status.toUpperCase(),
            String(g.partitions.reduce((s, p) => s + p.lag, 0)),
            oldest ? `${Math.round(oldest / 1000)} s` : '-',
          ];
        }),
      );
    }
    case 'offsets': {
      const o = result.results as OffsetsResults;
      return [
        ...table(
          ['service', 'group', 'target group', 'verdict', 'reset'],
          o.groups.map((g) => [g.service, g.group, g.targetGroupState, g.verdict, g.reset]),
        ),
        ...note(`checkpoint topics on target: ${o.checkpointTopics.join(', ') || 'none'}`),
      ];
    }
  }
}

/**
 * One finding as an indented line. `file` is how the caller wants the finding's file shown (the CLI
 * makes it relative to the working directory); the location is left out when the finding has none.
 */
export function findingLine(finding: LiveFinding, file: string | undefined = finding.file): string {
  return findingLines(finding, file, undefined)[0]!;
}

/** findingLine wrapped to `width`, continuation lines indented under the severity. */
export function findingLines(finding: LiveFinding, file: string | undefined, width: number | undefined): string[] {
  const where = file && finding.range ? `${file}:${finding.range.start.line}:${finding.range.start.column}: ` : '';
  return hangingLines(`  ${finding.severity}: `, `${where}${finding.message}`, width, 4);
}
