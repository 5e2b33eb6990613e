// How far MirrorMaker 2 is behind: per topic and partition, the source's end offset against the
// target's. With active/passive mirroring and a mirror that started at the beginning, the target
// holds as many records as the source, so the difference of end offsets is the lag in records.
import type { EndOffsets } from '../client';
import { explain } from '../explain';
import { repositoryTopics, topicPlace } from './places';
import type { CheckContext, CheckResult, LiveFinding } from './types';

export interface PartitionMirror {
  partition: number;
  sourceEnd: number;
  /** Null when the partition does not exist on the target. */
  targetEnd: number | null;
  lag: number;
}

export interface TopicMirror {
  topic: string;
  mirrored: boolean;
  /** Whether the repository uses or declares it. */
  inRepository: boolean;
  partitions: PartitionMirror[];
  lag: number;
}

export interface MirrorInternals {
  heartbeatsOnTarget: boolean;
  checkpointTopicsOnTarget: string[];
  offsetSyncTopicsOnSource: string[];
  /** MM2 topics found on the cluster where this direction would not put them. */
  misplaced: string[];
}

export interface MirrorResults {
  topics: TopicMirror[];
  internals: MirrorInternals;
  totalLag: number;
}

const CHECKPOINTS = /^.+\.checkpoints\.internal$/;
const OFFSET_SYNCS = /^mm2-offset-syncs\..+\.internal$/;

/** Topics that belong to Kafka, Connect or MirrorMaker itself, never mirrored as data. */
export function isInfrastructureTopic(name: string): boolean {
  return (
    name.startsWith('__') ||
    name === 'heartbeats' ||
    /\.heartbeats$/.test(name) ||
    CHECKPOINTS.test(name) ||
    OFFSET_SYNCS.test(name) ||
    /^mm2-(configs|offsets|status)\..+\.internal$/.test(name) ||
    /^(connect|_connect)-(configs|offsets|status)$/.test(name) ||
    name === '_schemas'
  );
}

export interface MirrorOptions {
  /** Only these topics (default: every data topic on the source). */
  topics?: string[];
}

export async function checkMirror(context: CheckContext, options: MirrorOptions = {}): Promise<CheckResult<MirrorResults>> {
  const { model, environment } = context;
  const env = environment.name;
  const base = { check: 'mirror' as const, environment: env };
  const findings: LiveFinding[] = [];
  const internals: MirrorInternals = {
    heartbeatsOnTarget: false,
    checkpointTopicsOnTarget: [],
    offsetSyncTopicsOnSource: [],
    misplaced: [],
  };
  const results: MirrorResults = { topics: [], internals, totalLag: 0 };
  const signal = context.signal;

  let sourceTopics: string[];
  let targetTopics: string[];
  let sourceEnds: EndOffsets;
  let targetEnds: EndOffsets;
  const repository = new Set(repositoryTopics(model));
  try {
    const [source, target] = await Promise.all([context.client('source'), context.client('target')]);
    [sourceTopics, targetTopics] = await Promise.all([source.listTopics({ signal }), target.listTopics({ signal })]);
    const wanted = (options.topics ?? sourceTopics.filter((t) => !isInfrastructureTopic(t))).filter((t) => sourceTopics.includes(t)).sort();
    const onTarget = new Set(targetTopics);
    [sourceEnds, targetEnds] = await Promise.all([
      source.endOffsets(wanted, { signal }),
      target.endOffsets(
        wanted.filter((t) => onTarget.has(t)),
        { signal },
      ),
    ]);
    for (const topic of wanted) {
      const sourceEnd = sourceEnds[topic];
      if (!sourceEnd) continue;
      const targetEnd = targetEnds[topic];
      const partitions: PartitionMirror[] = [...sourceEnd.entries()]
        .sort(([a], [b]) => a - b)
        .map(([partition, end]) => {
          const mirrored = targetEnd?.get(partition);
          return { partition, sourceEnd: end, targetEnd: mirrored ?? null, lag: Math.max(0, end - (mirrored ?? 0)) };
        });
      const lag = partitions.reduce((sum, p) => sum + p.lag, 0);
      results.topics.push({ topic, mirrored: Boolean(targetEnd), inRepository: repository.has(topic), partitions, lag });
      results.totalLag += lag;
    }
  } catch (error) {
    findings.push({ ...base, severity: 'error', message: `cannot compare source and target: ${explain(error, env).message}` });
    return { check: 'mirror', environment: env, results, findings };
  }

  for (const row of results.topics) {
    const place = topicPlace(model, row.topic);
    const at = { ...base, topic: row.topic, ...(place ?? {}) };
    if (!row.mirrored) {
      findings.push({
        ...at,
        cluster: 'target',
        severity: row.inRepository ? 'error' : 'warning',
        message: `topic ${row.topic} is not mirrored: it exists on the source but not on the target in ${env} (check the mirror's topics filter)`,
      });
    } else if (row.lag > 0) {
      const behind = row.partitions
        .filter((p) => p.lag > 0)
        .map((p) => `p${p.partition}: ${p.lag}`)
        .join(', ');
      findings.push({
        ...at,
        cluster: 'target',
        severity: 'info',
        message: `topic ${row.topic}: the target is ${row.lag} records behind the source (${behind})`,
      });
    }
  }

  internals.heartbeatsOnTarget = targetTopics.includes('heartbeats');
  internals.checkpointTopicsOnTarget = targetTopics.filter((t) => CHECKPOINTS.test(t)).sort();
  internals.offsetSyncTopicsOnSource = sourceTopics.filter((t) => OFFSET_SYNCS.test(t)).sort();
  internals.misplaced = [
    ...sourceTopics.filter((t) => t === 'heartbeats' || CHECKPOINTS.test(t)).map((t) => `${t} on the source`),
    ...targetTopics.filter((t) => OFFSET_SYNCS.test(t)).map((t) => `${t} on the target`),
  ];
  if (!internals.heartbeatsOnTarget) {
    findings.push({
      ...base,
      cluster: 'target',
      severity: 'warning',
      message: `no heartbeats topic on the target in ${env}: MirrorMaker 2 (source -> target) does not seem to run`,
    });
  }
  if (internals.checkpointTopicsOnTarget.length === 0) {
    findings.push({
      ...base,
      cluster: 'target',
      severity: 'warning',
      message: `no <source>.checkpoints.internal topic on the target in ${env}: MirrorMaker 2 emits no offset checkpoints, so consumer offsets will not carry over`,
    });
  }
  if (internals.offsetSyncTopicsOnSource.length === 0) {
    findings.push({
      ...base,
      cluster: 'source',
      severity: 'info',
      message: `no mm2-offset-syncs.<target>.internal topic on the source in ${env} (it lives on the target when offset-syncs.topic.location=target)`,
    });
  }
  if (internals.misplaced.length) {
    findings.push({
      ...base,
      severity: 'info',
      message: `MirrorMaker 2 topics for the reverse direction exist: ${internals.misplaced.join(', ')} (a target -> source mirror, or a misconfigured one)`,
    });
  }
  return { check: 'mirror', environment: env, results, findings };
}
