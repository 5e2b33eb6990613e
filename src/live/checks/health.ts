// How a consumer is doing after it moved, judged the way Burrow judges a group: per partition over a
// window of samples of the committed offset and the end offset.
//   ok        commits keep up (lag not growing)
//   lagging   lag grew over the window while commits move
//   stalled   commits did not move while there is lag
//   stopped   no commits at all for a partition with records
//   rewound   the committed offset went backwards (a reset after the move: records are read again)
// Lag in time is now minus the timestamp of the record at the committed offset.
import type { CommittedOffsets, EndOffsets } from '../client';
import { groupPlace } from './places';
import { ClusterReach, pause } from './reach';
import type { CheckContext, CheckResult, LiveFinding, LiveRuleId } from './types';
import { DEFAULT_WINDOW_MS, type WindowOptions } from './producers';

export type HealthStatus = 'ok' | 'lagging' | 'stalled' | 'stopped' | 'rewound';

export interface PartitionHealth {
  topic: string;
  partition: number;
  status: HealthStatus;
  /** Committed offset at each sample (null: no commit). */
  committed: Array<number | null>;
  /** End offset at each sample. */
  end: number[];
  /** Lag at the last sample. */
  lag: number;
  /** Milliseconds between now and the record at the committed offset; null when no lag or unreadable. */
  lagMs: number | null;
}

export interface GroupHealth {
  service: string;
  group: string;
  status: HealthStatus;
  partitions: PartitionHealth[];
}

export interface HealthResults {
  windowMs: number;
  samples: number;
  groups: GroupHealth[];
}

export interface HealthOptions extends WindowOptions {
  /** Samples over the window, first and last included (default 3). */
  samples?: number;
  /** For tests: the clock lag in time is measured against. */
  now?: () => number;
}

/** Worst first: what needs acting on is what the group shows. */
const SEVERITY_ORDER: HealthStatus[] = ['rewound', 'stalled', 'stopped', 'lagging', 'ok'];

const RULE: Record<Exclude<HealthStatus, 'ok'>, { rule: LiveRuleId; severity: 'error' | 'warning' }> = {
  lagging: { rule: 'consumer-lagging', severity: 'warning' },
  stalled: { rule: 'consumer-stalled', severity: 'error' },
  stopped: { rule: 'consumer-no-commits', severity: 'warning' },
  rewound: { rule: 'consumer-rewound', severity: 'warning' },
};

export function partitionStatus(committed: Array<number | null>, end: number[]): HealthStatus {
  const last = committed.length - 1;
  const lags = committed.map((c, i) => Math.max(0, end[i]! - (c ?? 0)));
  if (committed.every((c) => c === null)) return end[last]! > 0 ? 'stopped' : 'ok';
  for (let i = 1; i <= last; i++) {
    const before = committed[i - 1];
    const now = committed[i];
    if (before !== null && before !== undefined && now !== null && now !== undefined && now < before) return 'rewound';
  }
  const moved = committed[last] !== committed[0];
  if (!moved && lags[last]! > 0) return 'stalled';
  if (moved && lags[last]! > lags[0]! && lags.every((l, i) => i === 0 || l >= lags[i - 1]!)) return 'lagging';
  return 'ok';
}

export async function checkHealth(context: CheckContext, options: HealthOptions = {}): Promise<CheckResult<HealthResults>> {
  const { model, environment, signal } = context;
  const env = environment.name;
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const samples = Math.max(2, options.samples ?? 3);
  const now = options.now ?? Date.now;
  const findings: LiveFinding[] = [];
  const reach = new ClusterReach(context, 'health', findings, 'read consumer groups');
  const results: HealthResults = { windowMs, samples, groups: [] };
  const watched = model.services
    .filter((s) => s.state[env] === 'target')
    .flatMap((s) => [...new Set(s.groups)].sort().map((group) => ({ service: s, group })));
  if (watched.length === 0) return { check: 'health', environment: env, results, findings };

  const topicsOf = (consumes: string[], committed: CommittedOffsets) => [...new Set([...Object.keys(committed), ...consumes])].sort();
  const readings: Array<Array<{ committed: CommittedOffsets; ends: EndOffsets }>> = watched.map(() => []);
  for (let i = 0; i < samples; i++) {
    if (i > 0) await pause(windowMs / (samples - 1), signal);
    for (const [w, { service, group }] of watched.entries()) {
      const committed = (await reach.call('target', (c) => c.groupOffsets(group, { signal }))) ?? {};
      const topics = topicsOf(service.consumes, committed);
      const ends = topics.length ? ((await reach.call('target', (c) => c.endOffsets(topics, { signal }))) ?? {}) : {};
      readings[w]!.push({ committed, ends });
    }
    if (!reach.reachable('target')) return { check: 'health', environment: env, results, findings };
  }

  const base = { check: 'health' as const, environment: env, cluster: 'target' as const };
  for (const [w, { service, group }] of watched.entries()) {
    const series = readings[w]!;
    const lastEnds = series[series.length - 1]!.ends;
    const partitions: PartitionHealth[] = [];
    for (const topic of Object.keys(lastEnds).sort()) {
      for (const partition of [...lastEnds[topic]!.keys()].sort((a, b) => a - b)) {
        const committed = series.map((r) => r.committed[topic]?.get(partition) ?? null);
        const end = series.map((r) => r.ends[topic]?.get(partition) ?? 0);
        const status = partitionStatus(committed, end);
        const at = committed[committed.length - 1];
        const lag = Math.max(0, end[end.length - 1]! - (at ?? 0));
        let lagMs: number | null = null;
        if (lag > 0 && at !== null && at !== undefined) {
          const record = await reach.call('target', (c) => c.readRecords(topic, partition, at, 1, { signal }));
          if (record?.[0]) lagMs = Math.max(0, now() - record[0].timestamp);
        }
        partitions.push({ topic, partition, status, committed, end, lag, lagMs });
      }
    }
    const status = SEVERITY_ORDER.find((s) => partitions.some((p) => p.status === s)) ?? 'ok';
    results.groups.push({ service: service.name, group, status, partitions });
    const place = groupPlace(model, group, service.name);
    for (const s of SEVERITY_ORDER) {
      if (s === 'ok') continue;
      const hit = partitions.filter((p) => p.status === s);
      if (!hit.length) continue;
      const where = hit.map((p) => `${p.topic}[${p.partition}]`).join(', ');
      const oldest = Math.max(...hit.map((p) => p.lagMs ?? 0));
      const behind = hit.reduce((sum, p) => sum + p.lag, 0);
      const detail: Record<typeof s, string> = {
        lagging: `falls behind: lag grew to ${behind} records over ${windowMs / 1000} s`,
        stalled: `is stalled: its commits did not move in ${windowMs / 1000} s while ${behind} records wait`,
        stopped: `commits no offsets: after a restart it starts from its auto.offset.reset`,
        rewound: `went back: its committed offset moved backwards (a reset after the move): records are read again`,
      };
      findings.push({
        ...base,
        ...(place ?? {}),
        ...RULE[s],
        service: service.name,
        group,
        topic: hit[0]!.topic,
        partitions: hit.map((p) => p.partition),
        message: `group ${group} of ${service.name} on the target in ${env} ${detail[s]} (${where}${oldest > 0 ? `; oldest unread record ${Math.round(oldest / 1000)} s old` : ''})`,
      });
    }
  }
  return { check: 'health', environment: env, results, findings };
}
