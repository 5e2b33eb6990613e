import { Kafka, KafkaConfig, logLevel } from 'kafkajs';
import { JvmProcess, tailOf } from './jvm';

export interface PollOptions {
  /** Processes that must stay up while waiting; if one exits, waiting stops at once with its log. */
  watched: JvmProcess[];
  timeoutMs: number;
  intervalMs?: number;
}

function describeFailure(what: string, reason: string, watched: JvmProcess[], lastError: unknown): Error {
  const logs = watched
    .map(
      (jvm) =>
        `--- ${jvm.name} (${jvm.logFile}) ---\n${tailOf(jvm.logFile)}\n--- ${jvm.name} stdout/stderr ---\n${tailOf(jvm.outFile, 15)}`,
    )
    .join('\n');
  const last = lastError instanceof Error ? lastError.message : lastError === undefined ? 'none' : String(lastError);
  return new Error(`${what}: ${reason} (last error: ${last})\n${logs}`);
}

/**
 * Calls `attempt` until it returns a value other than undefined. Readiness is observed, never
 * assumed from a sleep: the interval only paces the polling on a 2-core machine.
 */
export async function pollUntil<T>(what: string, attempt: () => Promise<T | undefined>, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 250;
  let lastError: unknown;
  for (;;) {
    const dead = options.watched.find((jvm) => jvm.hasExited());
    if (dead) throw describeFailure(what, `${dead.name} exited`, options.watched, lastError);
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw describeFailure(what, `not ready after ${options.timeoutMs} ms`, options.watched, lastError);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** A kafkajs client for probing: no retries of its own (the poll loop retries) and no log noise. */
export function probeClient(config: Omit<KafkaConfig, 'clientId'> & { clientId?: string }): Kafka {
  return new Kafka({
    clientId: 'kafka-harness-probe',
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
    ...config,
  });
}

/** Ready means a metadata round trip succeeds and the broker reports a controller. */
export async function waitForBroker(bootstrap: string, watched: JvmProcess[], timeoutMs: number): Promise<void> {
  const admin = probeClient({ brokers: [bootstrap] }).admin();
  try {
    await pollUntil(
      `broker ${bootstrap}`,
      async () => {
        await admin.connect();
        const cluster = await admin.describeCluster();
        return cluster.brokers.length > 0 && cluster.controller !== null ? true : undefined;
      },
      { watched, timeoutMs },
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Sum of the high-water marks of a topic's partitions; undefined while the topic does not exist. */
export async function recordCount(bootstrap: string, topic: string): Promise<number | undefined> {
  const admin = probeClient({ brokers: [bootstrap] }).admin();
  try {
    await admin.connect();
    const topics = await admin.listTopics();
    if (!topics.includes(topic)) return undefined;
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * MirrorMaker 2 is ready when a record written to the source after it started shows up on the
 * target under the same name: that proves topic discovery, topic creation and replication.
 */
export async function waitForMirror(
  sourceBootstrap: string,
  targetBootstrap: string,
  probeTopic: string,
  watched: JvmProcess[],
  timeoutMs: number,
): Promise<void> {
  const source = probeClient({ brokers: [sourceBootstrap] });
  const admin = source.admin();
  const producer = source.producer({ allowAutoTopicCreation: true });
  try {
    await pollUntil(
      `probe topic ${probeTopic} on the source`,
      async () => {
        await admin.connect();
        const existing = await admin.listTopics();
        if (!existing.includes(probeTopic))
          await admin.createTopics({ topics: [{ topic: probeTopic, numPartitions: 1 }], waitForLeaders: true });
        await producer.connect();
        await producer.send({ topic: probeTopic, messages: [{ key: 'probe', value: 'mirror readiness probe' }] });
        return true;
      },
      { watched, timeoutMs },
    );
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
  await pollUntil(
    `MirrorMaker 2 copying ${probeTopic} to the target`,
    async () => {
      const count = await recordCount(targetBootstrap, probeTopic);
      return count !== undefined && count > 0 ? true : undefined;
    },
    { watched, timeoutMs, intervalMs: 500 },
  );
}
