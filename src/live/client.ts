// The product's own view of a Kafka cluster: the few read-only calls the live checks need. The
// kafkajs adapter implements it; another client could replace it without touching the checks.

export interface BrokerNode {
  nodeId: number;
  host: string;
  port: number;
}

export interface ClusterDescription {
  clusterId: string;
  controller: number | null;
  brokers: BrokerNode[];
}

export interface TopicDescription {
  name: string;
  partitions: number;
  /** Replicas of partition 0 (every partition has the same count unless reassigned by hand). */
  replicationFactor: number;
  /** Every config the broker reports for the topic, defaults included. */
  configs: Record<string, string>;
  /** Names of configs set on the topic itself (not defaults), e.g. by Terraform or MM2. */
  overrides: string[];
}

/** Per partition, the offset the next record will get (the high-water mark). */
export type EndOffsets = Record<string, Map<number, number>>;

/** Per topic and partition, a group's committed offset; partitions without a commit are absent. */
export type CommittedOffsets = Record<string, Map<number, number>>;

export interface GroupListing {
  groupId: string;
  protocolType: string;
}

/** One member of a consumer group, as the group coordinator reports it (DescribeGroups). */
export interface GroupMember {
  memberId: string;
  clientId: string;
  /** The address the coordinator sees the member connect from (`/10.0.3.17`, without the slash). */
  clientHost: string;
  /** Topics the member subscribed to (consumer protocol only). */
  subscription: string[];
  /** Partitions the group leader gave it, per topic (consumer protocol only). */
  assignment: Record<string, number[]>;
}

export interface GroupDescription {
  groupId: string;
  /** `Stable`, `PreparingRebalance`, `CompletingRebalance`, `Empty`, `Dead`. */
  state: string;
  /** `consumer` for Kafka consumers (and Connect sinks' consumers), `connect` for Connect workers, '' for groups that only commit. */
  protocolType: string;
  members: GroupMember[];
}

/** One record as read back (checkpoints, the record at a committed offset). */
export interface RecordRead {
  offset: number;
  /** Milliseconds since the epoch (CreateTime or LogAppendTime, as the topic stores it). */
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
}

export interface CallOptions {
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ClusterClient {
  /** What the client connects to, for messages: `target (prod) 127.0.0.1:9094`. */
  readonly label: string;
  describeCluster(options?: CallOptions): Promise<ClusterDescription>;
  listTopics(options?: CallOptions): Promise<string[]>;
  /** Topics that do not exist are absent from the result (not an error). */
  describeTopics(names: string[], options?: CallOptions): Promise<Map<string, TopicDescription>>;
  /** Topics that do not exist are absent from the result. */
  endOffsets(topics: string[], options?: CallOptions): Promise<EndOffsets>;
  listGroups(options?: CallOptions): Promise<GroupListing[]>;
  groupOffsets(group: string, options?: CallOptions): Promise<CommittedOffsets>;
  /** Groups that do not exist come back with state `Dead` and no members. */
  describeGroups(groups: string[], options?: CallOptions): Promise<GroupDescription[]>;
  /**
   * Reads records of one partition from `offset` on (at most `maxRecords`), without joining a group
   * or committing anything: a plain Fetch, so nothing is written to the cluster.
   */
  readRecords(topic: string, partition: number, offset: number, maxRecords: number, options?: CallOptions): Promise<RecordRead[]>;
  close(): Promise<void>;
}

/**
 * The one place the product writes to a cluster: the fleet topic (`kafka-cutover publish`), opt-in
 * and explicit. Kept apart from ClusterClient so every check stays read-only by construction.
 */
export interface FleetWriter {
  /** Idempotent, acks=all; a null value is a tombstone. */
  send(topic: string, messages: Array<{ key: string; value: string | null }>, options?: CallOptions): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export type LiveErrorKind = 'timeout' | 'cancelled' | 'dns' | 'refused' | 'tls' | 'auth' | 'protocol' | 'config' | 'broker';

/** A failed live call, in words a user can act on; never carries a secret. */
export class LiveError extends Error {
  constructor(
    readonly kind: LiveErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'LiveError';
  }
}

/**
 * Runs `work` under a deadline and an optional outside signal. Whatever the client library does
 * underneath (retries, reconnects), the caller gets an answer within `timeoutMs`; `onGiveUp` lets the
 * adapter tear its connections down so nothing keeps retrying in the background.
 */
export async function withDeadline<T>(
  what: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  work: () => Promise<T>,
  onGiveUp: () => void,
): Promise<T> {
  if (signal?.aborted) throw new LiveError('cancelled', `${what}: cancelled`);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const running = work();
  // A late rejection after we gave up must not become an unhandled rejection.
  running.catch(() => undefined);
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onGiveUp();
      reject(new LiveError('timeout', `${what}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    onAbort = () => {
      onGiveUp();
      reject(new LiveError('cancelled', `${what}: cancelled`));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([running, stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
