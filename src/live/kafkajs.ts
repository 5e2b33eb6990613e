// The kafkajs adapter: the only module that imports kafkajs. Every call runs under a deadline; the
// client's own retries are few and short so a dead broker fails fast instead of retrying for minutes.
import {
  AssignerProtocol,
  ConfigResourceTypes,
  Kafka,
  logLevel,
  type Admin,
  type KafkaConfig,
  type LogEntry,
  type SASLOptions,
} from 'kafkajs';
import {
  DEFAULT_TIMEOUT_MS,
  LiveError,
  withDeadline,
  type CallOptions,
  type ClusterClient,
  type ClusterDescription,
  type CommittedOffsets,
  type EndOffsets,
  type FleetWriter,
  type GroupDescription,
  type GroupListing,
  type GroupMember,
  type RecordRead,
  type TopicDescription,
} from './client';
import type { ConnectionSettings } from './connection';
import { toLiveError } from './explain';

export interface LiveLogEntry {
  level: 'error' | 'warn' | 'info' | 'debug';
  namespace: string;
  message: string;
}

export interface KafkaJsClientOptions {
  timeoutMs?: number;
  /** Where kafkajs' own log lines go; default nowhere. Only level, namespace and message are passed. */
  log?: (entry: LiveLogEntry) => void;
  clientId?: string;
}

const LEVELS: Record<number, LiveLogEntry['level']> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** Topic-level config source in DescribeConfigs (KIP-226): set on the topic itself. */
const TOPIC_CONFIG_SOURCE = 1;

function saslOptions(settings: ConnectionSettings): SASLOptions | undefined {
  const sasl = settings.sasl;
  if (!sasl) return undefined;
  if (sasl.mechanism === 'scram-sha-512') return { mechanism: 'scram-sha-512', username: sasl.username, password: sasl.password };
  // kafkajs' own 'aws' mechanism is not MSK IAM; MSK IAM is OAUTHBEARER with a signed token.
  return {
    mechanism: 'oauthbearer',
    oauthBearerProvider: async () => {
      // Loaded on demand: the AWS SDK is heavy and only IAM clusters need it.
      const { generateAuthToken } = await import('aws-msk-iam-sasl-signer-js');
      const { token } = await generateAuthToken({ region: sasl.region });
      return { value: token };
    },
  };
}

export function kafkaJsConfig(settings: ConnectionSettings, options: KafkaJsClientOptions = {}): KafkaConfig {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const log = options.log;
  const tls = settings.tls;
  return {
    clientId: options.clientId ?? 'kafka-cutover-check',
    brokers: settings.brokers,
    // Verification stays on: rejectUnauthorized is never taken from outside.
    ssl: tls
      ? {
          ...(tls.ca ? { ca: [tls.ca] } : {}),
          ...(tls.cert ? { cert: tls.cert } : {}),
          ...(tls.key ? { key: tls.key } : {}),
          ...(tls.passphrase !== undefined ? { passphrase: tls.passphrase } : {}),
          rejectUnauthorized: true,
        }
      : false,
    sasl: saslOptions(settings),
    connectionTimeout: Math.min(timeoutMs, 5_000),
    authenticationTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    enforceRequestTimeout: true,
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1_000, factor: 0.2, multiplier: 2 },
    logLevel: log ? logLevel.INFO : logLevel.NOTHING,
    logCreator: () => (entry: LogEntry) => {
      log?.({ level: LEVELS[entry.level] ?? 'info', namespace: entry.namespace, message: String(entry.log.message ?? '') });
    },
  };
}

/** Replaces any secret that might have slipped into a message. */
function scrub(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 3) out = out.split(secret).join('***');
  return out;
}

/**
 * The few pieces of kafkajs' cluster object that a plain Fetch needs. kafkajs has no public way to read
 * a partition without joining a consumer group (JoinGroup/SyncGroup store group metadata: a write), so
 * the adapter uses its cluster layer, which is stable: kafkajs 2.2.4 is its last release.
 */
interface FetchCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addTargetTopic(topic: string): Promise<void>;
  refreshMetadata(): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  findTopicPartitionMetadata(topic: string): Array<{ partitionId: number }>;
  fetchTopicsOffset(
    topics: Array<{ topic: string; partitions: Array<{ partition: number }>; fromBeginning: boolean }>,
  ): Promise<Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>>;
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(node: { nodeId: string }): Promise<{
    fetch(request: object): Promise<{
      responses: Array<{
        topicName: string;
        partitions: Array<{
          partition: number;
          errorCode: number;
          messages: Array<{ offset: string; timestamp: string; key: Buffer | null; value: Buffer | null }>;
        }>;
      }>;
    }>;
  }>;
}

function fetchCluster(kafka: Kafka): FetchCluster {
  const create = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  const factory = create && (kafka as unknown as Record<symbol, unknown>)[create];
  if (typeof factory !== 'function')
    throw new LiveError('config', 'this kafkajs version offers no way to read records without a consumer group');
  // Metadata requests must never create the topics they name.
  return (factory as (o: object) => FetchCluster)({ allowAutoTopicCreation: false, isolationLevel: 1 });
}

function decodeMember(
  protocolType: string,
  m: { memberId: string; clientId: string; clientHost: string; memberMetadata: Buffer; memberAssignment: Buffer },
): GroupMember {
  const member: GroupMember = {
    memberId: m.memberId,
    clientId: m.clientId,
    clientHost: m.clientHost.replace(/^\//, ''),
    subscription: [],
    assignment: {},
  };
  if (protocolType !== 'consumer') return member;
  try {
    if (m.memberMetadata?.length)
      member.subscription = [...(AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.topics ?? [])].sort();
    const assigned = m.memberAssignment?.length ? AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment : undefined;
    for (const [topic, partitions] of Object.entries(assigned ?? {})) member.assignment[topic] = [...partitions].sort((a, b) => a - b);
  } catch {
    // A client with its own assignor may encode more than kafkajs reads: keep what the coordinator said.
  }
  return member;
}

export function kafkaJsClient(settings: ConnectionSettings, options: KafkaJsClientOptions = {}): ClusterClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const secretValues = [settings.sasl?.mechanism === 'scram-sha-512' ? settings.sasl.password : '', settings.tls?.passphrase ?? ''].filter(
    Boolean,
  );
  const where = `${settings.label} ${settings.brokers.join(',')}`;
  const kafka = new Kafka(kafkaJsConfig(settings, options));
  let admin: Admin | undefined;
  let connecting: Promise<Admin> | undefined;
  let closed = false;

  const connected = (): Promise<Admin> => {
    if (!connecting) {
      const fresh = kafka.admin({ retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1_000 } });
      admin = fresh;
      connecting = fresh.connect().then(() => fresh);
      connecting.catch(() => {
        if (admin === fresh) connecting = undefined;
      });
    }
    return connecting;
  };
  let reader: Promise<FetchCluster> | undefined;
  const fetcher = (): Promise<FetchCluster> => {
    if (!reader) {
      const cluster = fetchCluster(kafka);
      reader = cluster.connect().then(() => cluster);
      reader.catch(() => (reader = undefined));
    }
    return reader;
  };
  const giveUp = () => {
    const current = admin;
    admin = undefined;
    connecting = undefined;
    void current?.disconnect().catch(() => undefined);
    const fetching = reader;
    reader = undefined;
    void fetching?.then((c) => c.disconnect()).catch(() => undefined);
  };

  async function call<T>(what: string, options: CallOptions | undefined, work: (admin: Admin) => Promise<T>): Promise<T> {
    if (closed) throw new LiveError('config', `${where}: the client is closed`);
    try {
      return await withDeadline(
        `${where}: ${what}`,
        options?.timeoutMs ?? timeoutMs,
        options?.signal,
        async () => work(await connected()),
        giveUp,
      );
    } catch (error) {
      const live = toLiveError(error, where);
      throw new LiveError(live.kind, scrub(live.message, secretValues));
    }
  }

  const existing = async (a: Admin, names: string[]) => {
    const all = new Set(await a.listTopics());
    return [...new Set(names)].filter((n) => all.has(n));
  };

  return {
    label: where,
    describeCluster: (o) =>
      call('describe cluster', o, async (a): Promise<ClusterDescription> => {
        const c = await a.describeCluster();
        return {
          clusterId: c.clusterId,
          controller: c.controller,
          brokers: c.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port })),
        };
      }),
    listTopics: (o) => call('list topics', o, (a) => a.listTopics()),
    describeTopics: (names, o) =>
      call('describe topics', o, async (a) => {
        const result = new Map<string, TopicDescription>();
        const present = await existing(a, names);
        if (present.length === 0) return result;
        const [metadata, configs] = await Promise.all([
          a.fetchTopicMetadata({ topics: present }),
          a.describeConfigs({ includeSynonyms: false, resources: present.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })) }),
        ]);
        const configsByTopic = new Map(configs.resources.map((r) => [r.resourceName, r.configEntries] as const));
        for (const topic of metadata.topics) {
          const entries = configsByTopic.get(topic.name) ?? [];
          const partitionZero = topic.partitions.find((p) => p.partitionId === 0) ?? topic.partitions[0];
          result.set(topic.name, {
            name: topic.name,
            partitions: topic.partitions.length,
            replicationFactor: partitionZero?.replicas.length ?? 0,
            configs: Object.fromEntries(entries.filter((e) => e.configValue !== null).map((e) => [e.configName, String(e.configValue)])),
            overrides: entries
              .filter(
                (e) => ((e as { configSource?: number }).configSource ?? (e.isDefault ? -1 : TOPIC_CONFIG_SOURCE)) === TOPIC_CONFIG_SOURCE,
              )
              .map((e) => e.configName)
              .sort(),
          });
        }
        return result;
      }),
    endOffsets: (topics, o) =>
      call('read end offsets', o, async (a) => {
        const present = await existing(a, topics);
        const result: EndOffsets = {};
        if (present.length === 0) return result;
        // One ListOffsets request per leader for every topic at once (admin.fetchTopicOffsets asks
        // topic by topic: 500 topics were 500 round trips).
        const cluster = await fetcher();
        await cluster.addMultipleTargetTopics(present);
        const request = present.map((topic) => ({
          topic,
          partitions: cluster.findTopicPartitionMetadata(topic).map((p) => ({ partition: p.partitionId })),
          fromBeginning: false,
        }));
        for (const t of await cluster.fetchTopicsOffset(request)) {
          result[t.topic] = new Map(t.partitions.map((p) => [p.partition, Number(p.offset)] as [number, number]).sort(([x], [y]) => x - y));
        }
        return result;
      }),
    listGroups: (o) =>
      call('list consumer groups', o, async (a): Promise<GroupListing[]> =>
        (await a.listGroups()).groups.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType })),
      ),
    groupOffsets: (group, o) =>
      call(`read offsets of group ${group}`, o, async (a) => {
        const result: CommittedOffsets = {};
        for (const topic of await a.fetchOffsets({ groupId: group })) {
          const committed = topic.partitions.filter((p) => Number(p.offset) >= 0);
          if (committed.length) result[topic.topic] = new Map(committed.map((p) => [p.partition, Number(p.offset)]));
        }
        return result;
      }),
    describeGroups: (groups, o) =>
      call('describe consumer groups', o, async (a): Promise<GroupDescription[]> => {
        if (groups.length === 0) return [];
        const { groups: described } = await a.describeGroups([...new Set(groups)]);
        return described
          .map((g) => ({
            groupId: g.groupId,
            state: g.state,
            protocolType: g.protocolType,
            members: g.members.map((m) => decodeMember(g.protocolType, m)).sort((x, y) => (x.memberId < y.memberId ? -1 : 1)),
          }))
          .sort((x, y) => (x.groupId < y.groupId ? -1 : 1));
      }),
    readRecords: (topic, partition, offset, maxRecords, o) =>
      call(`read ${topic}[${partition}] from offset ${offset}`, o, async (): Promise<RecordRead[]> => {
        const cluster = await fetcher();
        await cluster.addTargetTopic(topic);
        const leaders = cluster.findLeaderForPartitions(topic, [partition]);
        const leader = Object.keys(leaders)[0];
        if (leader === undefined) throw new LiveError('broker', `${topic}[${partition}] has no leader (does the topic exist?)`);
        const broker = await cluster.findBroker({ nodeId: leader });
        const out: RecordRead[] = [];
        let next = offset;
        // A fetch may return a batch that starts before `offset` (the broker sends whole batches), or
        // fewer records than asked: read on until enough records or nothing more (the deadline bounds it).
        while (out.length < maxRecords) {
          const response = await broker.fetch({
            replicaId: -1,
            isolationLevel: 1,
            maxWaitTime: 0,
            minBytes: 1,
            maxBytes: 1_048_576,
            topics: [{ topic, partitions: [{ partition, fetchOffset: String(next), maxBytes: 1_048_576 }] }],
          });
          const data = response.responses.find((r) => r.topicName === topic)?.partitions.find((p) => p.partition === partition);
          const records = (data?.messages ?? []).filter((m) => Number(m.offset) >= next);
          if (records.length === 0) break;
          for (const m of records) {
            if (out.length >= maxRecords) break;
            out.push({ offset: Number(m.offset), timestamp: Number(m.timestamp), key: m.key ?? null, value: m.value ?? null });
          }
          next = out[out.length - 1]!.offset + 1;
        }
        return out;
      }),
    close: async () => {
      closed = true;
      const current = admin;
      admin = undefined;
      connecting = undefined;
      await current?.disconnect().catch(() => undefined);
      const fetching = reader;
      reader = undefined;
      await fetching?.then((c) => c.disconnect()).catch(() => undefined);
    },
  };
}

/** The fleet topic's writer: an idempotent producer (no duplicates on retry), every call under a deadline. */
export function kafkaJsWriter(settings: ConnectionSettings, options: KafkaJsClientOptions = {}): FleetWriter {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const secretValues = [settings.sasl?.mechanism === 'scram-sha-512' ? settings.sasl.password : '', settings.tls?.passphrase ?? ''].filter(
    Boolean,
  );
  const where = `${settings.label} ${settings.brokers.join(',')}`;
  const kafka = new Kafka(kafkaJsConfig(settings, { ...options, clientId: options.clientId ?? 'kafka-cutover-publish' }));
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  let connected: Promise<void> | undefined;
  const giveUp = () => {
    connected = undefined;
    void producer.disconnect().catch(() => undefined);
  };
  return {
    send: async (topic, messages, o) => {
      try {
        await withDeadline(
          `${where}: publish to ${topic}`,
          o?.timeoutMs ?? timeoutMs,
          o?.signal,
          async () => {
            connected ??= producer.connect();
            await connected;
            // Batches of 1,000 keep each request well under the default 1 MB message.max.bytes.
            for (let i = 0; i < messages.length; i += 1_000) {
              await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 1_000).map((m) => ({ key: m.key, value: m.value })) });
            }
          },
          giveUp,
        );
      } catch (error) {
        const live = toLiveError(error, where);
        throw new LiveError(live.kind, scrub(live.message, secretValues));
      }
    },
    close: async () => {
      connected = undefined;
      await producer.disconnect().catch(() => undefined);
    },
  };
}
