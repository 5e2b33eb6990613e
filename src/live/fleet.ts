// The fleet topic on the wire: read it to its end (latest record per key), and publish one
// repository's records with tombstones for services that left it. The topic must exist and be
// compacted: it is checked, never created behind the user's back.
import { decodeRecord, type FleetEntry, type FleetLiveRecord, type FleetServiceRecord, fleetTopicTerraform, serviceKey } from '../core';
import { LiveError, type CallOptions, type ClusterClient, type FleetWriter } from './client';

export interface FleetRead {
  entries: FleetEntry[];
  /** Keys whose latest record is a tombstone. */
  removed: string[];
  /** Records skipped, with why (a newer schema version, bytes that are not a record). */
  warnings: string[];
  /** Records read in all, before keeping the latest per key. */
  records: number;
}

/** Exists and compacts, or a LiveError that says what to do (with the Terraform block to apply). */
export async function checkFleetTopic(client: ClusterClient, topic: string, options?: CallOptions): Promise<void> {
  const described = (await client.describeTopics([topic], options)).get(topic);
  if (!described) {
    throw new LiveError(
      'config',
      `the fleet topic ${topic} does not exist on ${client.label}: create it compacted, e.g. with this Terraform:\n${fleetTopicTerraform(topic)}`,
    );
  }
  const policy = described.configs['cleanup.policy'] ?? 'delete';
  if (
    !policy
      .split(',')
      .map((p) => p.trim())
      .includes('compact')
  ) {
    throw new LiveError(
      'config',
      `the fleet topic ${topic} has cleanup.policy=${policy}: it must be compacted (cleanup.policy=compact) so the latest record per service is kept for good:\n${fleetTopicTerraform(topic)}`,
    );
  }
}

export async function readFleet(client: ClusterClient, topic: string, options?: CallOptions): Promise<FleetRead> {
  await checkFleetTopic(client, topic, options);
  const ends = (await client.endOffsets([topic], options))[topic] ?? new Map<number, number>();
  const latest = new Map<string, string | null>();
  const warnings: string[] = [];
  let records = 0;
  // A producer sends one key to one partition, so within a partition the log order is the key's history.
  for (const [partition, end] of [...ends.entries()].sort(([a], [b]) => a - b)) {
    if (end === 0) continue;
    const read = await client.readRecords(topic, partition, 0, end, options);
    records += read.length;
    for (const r of read) {
      if (!r.key) {
        warnings.push(`${topic}[${partition}]@${r.offset}: a record without a key was skipped`);
        continue;
      }
      latest.set(r.key.toString('utf8'), r.value === null ? null : r.value.toString('utf8'));
    }
  }
  const entries: FleetEntry[] = [];
  const removed: string[] = [];
  for (const [key, value] of [...latest.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const decoded = decodeRecord(key, value);
    if (decoded.kind === 'entry') entries.push(decoded.entry);
    else if (decoded.kind === 'tombstone') removed.push(key);
    else if (decoded.kind === 'newer')
      warnings.push(`${key}: schema version ${decoded.version} is newer than this tool reads (1): skipped; update kafka-cutover`);
    else warnings.push(`${key}: ${decoded.reason}: skipped`);
  }
  return { entries, removed, warnings, records };
}

export interface PublishResult {
  published: number;
  tombstones: string[];
}

/**
 * Publishes the repository's service records (and its live observations), and a tombstone for every
 * service of the same repository that the topic holds but the scan no longer finds.
 */
export async function publishFleet(
  client: ClusterClient,
  writer: FleetWriter,
  topic: string,
  repo: string,
  services: FleetServiceRecord[],
  live: FleetLiveRecord[],
  liveKeys: string[],
  options?: CallOptions,
): Promise<PublishResult> {
  const before = await readFleet(client, topic, options);
  const current = new Set(services.map((s) => serviceKey(s.repo, s.service)));
  const tombstones = before.entries
    .filter((e): e is { kind: 'service'; record: FleetServiceRecord } => e.kind === 'service' && e.record.repo === repo)
    .map((e) => serviceKey(e.record.repo, e.record.service))
    .filter((key) => !current.has(key))
    .sort();
  const messages = [
    ...services.map((s) => ({ key: serviceKey(s.repo, s.service), value: JSON.stringify(s) })),
    ...live.map((l, i) => ({ key: liveKeys[i]!, value: JSON.stringify(l) })),
    ...tombstones.map((key) => ({ key, value: null })),
  ];
  await writer.send(topic, messages, options);
  return { published: services.length, tombstones };
}
