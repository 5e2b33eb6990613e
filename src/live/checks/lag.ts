// Consumer lag of each service's groups on the cluster the service is on, and whether the group
// has offsets on the target yet (MirrorMaker 2's offset sync, Kafka 2.7+). A group that consumes but
// never commits starts over from auto.offset.reset after the move: the story's quiet data problem.
import type { ServiceState } from '../../core';
import type { ClusterClient, CommittedOffsets, EndOffsets } from '../client';
import { explain } from '../explain';
import type { ClusterSide } from '../secrets';
import { groupPlace } from './places';
import type { CheckContext, CheckResult, LiveFinding } from './types';

export const DEFAULT_LAG_THRESHOLD = 10_000;

export interface PartitionLag {
  topic: string;
  partition: number;
  endOffset: number;
  /** Null when the group has no commit for this partition. */
  committed: number | null;
  /** End offset minus committed; for a partition without a commit, every record in it. */
  lag: number;
}

export interface GroupLag {
  service: string;
  group: string;
  cluster: ClusterSide;
  committed: boolean;
  partitions: PartitionLag[];
  totalLag: number;
  /** Partitions with a committed offset on the target (synced by MM2 or committed there). */
  targetPartitionsWithOffsets: number | null;
}

export interface LagOptions {
  threshold?: number;
}

function clustersOf(state: ServiceState | undefined): ClusterSide[] {
  if (state === 'source') return ['source'];
  if (state === 'target') return ['target'];
  if (state === 'mixed') return ['source', 'target'];
  return [];
}

function countPartitions(offsets: CommittedOffsets): number {
  return Object.values(offsets).reduce((sum, partitions) => sum + partitions.size, 0);
}

export async function checkLag(context: CheckContext, options: LagOptions = {}): Promise<CheckResult<GroupLag[]>> {
  const { model, environment } = context;
  const env = environment.name;
  const threshold = options.threshold ?? DEFAULT_LAG_THRESHOLD;
  const base = { check: 'lag' as const, environment: env };
  const findings: LiveFinding[] = [];
  const rows: GroupLag[] = [];
  const signal = context.signal;
  const unreachable = new Set<ClusterSide>();

  const withClient = async <T>(side: ClusterSide, work: (client: ClusterClient) => Promise<T>): Promise<T | undefined> => {
    if (unreachable.has(side)) return undefined;
    try {
      return await work(await context.client(side));
    } catch (error) {
      const live = explain(error, side);
      if (live.kind !== 'broker') {
        // A dead cluster fails every call the same way: say it once.
        unreachable.add(side);
        findings.push({
          ...base,
          cluster: side,
          severity: 'error',
          message: `cannot read consumer groups from the ${side}: ${live.message}`,
        });
      } else {
        findings.push({ ...base, cluster: side, severity: 'error', message: live.message });
      }
      return undefined;
    }
  };

  for (const service of model.services) {
    const sides = clustersOf(service.state[env]);
    for (const group of [...new Set(service.groups)].sort()) {
      const place = groupPlace(model, group, service.name);
      const at = { ...base, service: service.name, group, ...(place ?? {}) };
      for (const side of sides) {
        const committed = await withClient(side, (c) => c.groupOffsets(group, { signal }));
        if (committed === undefined) continue;
        // Partitions of the topics the service consumes, so a topic it never committed for shows up too.
        const topics = [...new Set([...Object.keys(committed), ...service.consumes])].sort();
        const ends: EndOffsets | undefined = topics.length ? await withClient(side, (c) => c.endOffsets(topics, { signal })) : {};
        if (ends === undefined) continue;
        const partitions: PartitionLag[] = [];
        for (const topic of topics) {
          const end = ends[topic];
          if (!end) continue;
          for (const [partition, endOffset] of [...end.entries()].sort(([a], [b]) => a - b)) {
            const offset = committed[topic]?.get(partition);
            partitions.push({ topic, partition, endOffset, committed: offset ?? null, lag: Math.max(0, endOffset - (offset ?? 0)) });
          }
        }
        let targetPartitionsWithOffsets: number | null = null;
        if (side === 'source') {
          const onTarget = await withClient('target', (c) => c.groupOffsets(group, { signal }));
          if (onTarget !== undefined) targetPartitionsWithOffsets = countPartitions(onTarget);
        }
        const row: GroupLag = {
          service: service.name,
          group,
          cluster: side,
          committed: countPartitions(committed) > 0,
          partitions,
          totalLag: partitions.reduce((sum, p) => sum + p.lag, 0),
          targetPartitionsWithOffsets,
        };
        rows.push(row);

        if (!row.committed) {
          findings.push({
            ...at,
            cluster: side,
            severity: 'warning',
            message: `group ${group} of ${service.name} has no committed offsets on the ${side} in ${env}: the service is not committing offsets (or never ran), so after the move it starts from its auto.offset.reset`,
          });
        } else if (row.totalLag > threshold) {
          findings.push({
            ...at,
            cluster: side,
            severity: 'warning',
            message: `group ${group} of ${service.name} lags ${row.totalLag} records on the ${side} in ${env} (threshold ${threshold})`,
          });
        }
        if (side === 'source' && row.committed && targetPartitionsWithOffsets === 0) {
          findings.push({
            ...at,
            cluster: 'target',
            severity: 'info',
            message: `group ${group} of ${service.name} has no offsets on the target in ${env} yet: moved now, it would start from its auto.offset.reset`,
          });
        }
      }
    }
  }
  return { check: 'lag', environment: env, results: rows, findings };
}
