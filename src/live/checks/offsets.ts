// Whether a consumer that moves keeps its place. MirrorMaker 2 writes translated group offsets to the
// target as checkpoints (`<source-alias>.checkpoints.internal`, Kafka 2.4+); with
// sync.group.offsets.enabled (2.7+) it also commits them into the target's group, but only while that
// group has no active members. Without either, the consumer starts from its auto.offset.reset.
import type { Model } from '../../core';
import type { RecordRead } from '../client';
import { groupPlace } from './places';
import { ClusterReach } from './reach';
import type { CheckContext, CheckResult, LiveFinding } from './types';

export interface Checkpoint {
  group: string;
  topic: string;
  partition: number;
  /** The group's committed offset on the source. */
  upstreamOffset: number;
  /** The same position translated to the target. */
  downstreamOffset: number;
}

export interface PartitionOffsets {
  topic: string;
  partition: number;
  sourceCommitted: number | null;
  checkpoint: { upstream: number; downstream: number } | null;
  targetCommitted: number | null;
}

export type OffsetVerdict = 'translated' | 'checkpointed' | 'none';

export interface GroupOffsets {
  service: string;
  group: string;
  targetGroupState: string;
  partitions: PartitionOffsets[];
  verdict: OffsetVerdict;
  /** What the consumer does without offsets: `earliest`, `latest`, or `unknown`. */
  reset: 'earliest' | 'latest' | 'unknown';
}

export interface OffsetsResults {
  checkpointTopics: string[];
  groups: GroupOffsets[];
}

const CHECKPOINT_TOPIC = /^(.+)\.checkpoints\.internal$/;
const MAX_CHECKPOINT_RECORDS = 100_000;

/** Reads a Kafka protocol STRING (int16 length, UTF-8) at `at`; returns it and the next position. */
function readString(buf: Buffer, at: number): [string, number] {
  const length = buf.readInt16BE(at);
  if (length < 0) return ['', at + 2];
  return [buf.toString('utf8', at + 2, at + 2 + length), at + 2 + length];
}

/**
 * One checkpoint record as MirrorMaker 2 writes it: key = (group STRING, topic STRING, partition INT32);
 * value = version INT16, then (upstreamOffset INT64, offset INT64, metadata STRING). Undefined when
 * the bytes are not a checkpoint (a tombstone, another writer).
 */
export function decodeCheckpoint(record: Pick<RecordRead, 'key' | 'value'>): Checkpoint | undefined {
  const { key, value } = record;
  if (!key || !value || value.length < 18) return undefined;
  try {
    const [group, afterGroup] = readString(key, 0);
    const [topic, afterTopic] = readString(key, afterGroup);
    const partition = key.readInt32BE(afterTopic);
    const upstreamOffset = Number(value.readBigInt64BE(2));
    const downstreamOffset = Number(value.readBigInt64BE(10));
    return { group, topic, partition, upstreamOffset, downstreamOffset };
  } catch {
    return undefined;
  }
}

/** The consumer's start policy without offsets, from what the scan read (client defaults are `latest`). */
function resetOf(model: Model, service: string): GroupOffsets['reset'] {
  const resets = model.offsetResets.filter((r) => r.service === service);
  if (resets.length === 0) return 'latest';
  if (resets.some((r) => r.value === 'latest')) return 'latest';
  if (resets.every((r) => r.value === 'earliest')) return 'earliest';
  return 'unknown';
}

export async function checkOffsets(context: CheckContext): Promise<CheckResult<OffsetsResults>> {
  const { model, environment, signal } = context;
  const env = environment.name;
  const findings: LiveFinding[] = [];
  const reach = new ClusterReach(context, 'offsets', findings, 'read offsets');
  const results: OffsetsResults = { checkpointTopics: [], groups: [] };
  const base = { check: 'offsets' as const, environment: env };

  const targetTopics = (await reach.call('target', (c) => c.listTopics({ signal }))) ?? [];
  results.checkpointTopics = targetTopics.filter((t) => CHECKPOINT_TOPIC.test(t)).sort();
  // Latest checkpoint per group, topic and partition (the topic is compacted by key; the log order decides).
  const checkpoints = new Map<string, Checkpoint>();
  for (const topic of results.checkpointTopics) {
    const ends = (await reach.call('target', (c) => c.endOffsets([topic], { signal })))?.[topic];
    for (const [partition, end] of [...(ends?.entries() ?? [])].sort(([a], [b]) => a - b)) {
      if (end === 0) continue;
      const records =
        (await reach.call('target', (c) => c.readRecords(topic, partition, 0, Math.min(end, MAX_CHECKPOINT_RECORDS), { signal }))) ?? [];
      for (const r of records) {
        const cp = decodeCheckpoint(r);
        if (cp) checkpoints.set(`${cp.group}\u0000${cp.topic}\u0000${cp.partition}`, cp);
      }
    }
  }

  const watched = model.services
    .filter((s) => s.state[env] === 'source' || s.state[env] === 'mixed')
    .flatMap((s) => [...new Set(s.groups)].sort().map((group) => ({ service: s, group })));
  const described = watched.length
    ? ((await reach.call('target', (c) =>
        c.describeGroups(
          watched.map((w) => w.group),
          { signal },
        ),
      )) ?? [])
    : [];
  for (const { service, group } of watched) {
    const source = (await reach.call('source', (c) => c.groupOffsets(group, { signal }))) ?? {};
    const target = (await reach.call('target', (c) => c.groupOffsets(group, { signal }))) ?? {};
    const keys = new Set<string>();
    for (const [topic, parts] of Object.entries(source)) for (const p of parts.keys()) keys.add(`${topic}\u0000${p}`);
    for (const cp of checkpoints.values()) if (cp.group === group) keys.add(`${cp.topic}\u0000${cp.partition}`);
    const partitions: PartitionOffsets[] = [...keys]
      .map((k) => {
        const [topic, p] = k.split('\u0000') as [string, string];
        const partition = Number(p);
        const cp = checkpoints.get(`${group}\u0000${topic}\u0000${partition}`);
        return {
          topic,
          partition,
          sourceCommitted: source[topic]?.get(partition) ?? null,
          checkpoint: cp ? { upstream: cp.upstreamOffset, downstream: cp.downstreamOffset } : null,
          targetCommitted: target[topic]?.get(partition) ?? null,
        };
      })
      .sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1));
    const withSourceCommit = partitions.filter((p) => p.sourceCommitted !== null);
    const verdict: OffsetVerdict =
      withSourceCommit.length > 0 && withSourceCommit.every((p) => p.targetCommitted !== null)
        ? 'translated'
        : partitions.some((p) => p.checkpoint)
          ? 'checkpointed'
          : 'none';
    const state = described.find((d) => d.groupId === group)?.state ?? 'Dead';
    const reset = resetOf(model, service.name);
    results.groups.push({ service: service.name, group, targetGroupState: state, partitions, verdict, reset });

    const place = groupPlace(model, group, service.name);
    const at = { ...base, ...(place ?? {}), service: service.name, group, cluster: 'target' as const };
    const covered = `${withSourceCommit.filter((p) => p.targetCommitted !== null).length}/${withSourceCommit.length} partitions`;
    if (verdict === 'translated') {
      findings.push({
        ...at,
        severity: 'info',
        message: `${service.name} (group ${group}) is safe to move in ${env}: its offsets are translated on the target (${covered})`,
      });
      continue;
    }
    const start =
      reset === 'earliest'
        ? 'from the earliest record (re-reads, no gap)'
        : reset === 'latest'
          ? 'from latest: records mirrored before it joins are skipped'
          : 'from an auto.offset.reset the scan could not read';
    const why =
      verdict === 'checkpointed'
        ? `MirrorMaker 2 checkpointed its offsets but the target group has none (${covered})${state !== 'Empty' && state !== 'Dead' ? `, and the target group is ${state}: MirrorMaker 2 syncs only into groups with no active members` : ': turn on sync.group.offsets.enabled (Kafka 2.7+) or seed the offsets from the checkpoints'}`
        : 'no checkpoints for this group on the target (MirrorMaker 2 older than 2.4, checkpoints off, or the group never committed)';
    findings.push({
      ...at,
      severity: reset === 'earliest' ? 'info' : 'warning',
      message: `${service.name} (group ${group}) will start ${start} when it moves in ${env}: ${why}`,
    });
  }
  return { check: 'offsets', environment: env, results, findings };
}
