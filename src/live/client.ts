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
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export type LiveErrorKind =
  | 'timeout'
  | 'cancelled'
  | 'dns'
  | 'refused'
  | 'tls'
  | 'auth'
  | 'protocol'
  | 'config'
  | 'broker';

/** A failed live call, in words a user can act on; never carries a secret. */
export class LiveError extends Error {
  constructor(readonly kind: LiveErrorKind, message: string) {
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
