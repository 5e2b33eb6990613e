// The kafkajs adapter: the only module that imports kafkajs. Every call runs under a deadline; the
// client's own retries are few and short so a dead broker fails fast instead of retrying for minutes.
import { ConfigResourceTypes, Kafka, logLevel, type Admin, type KafkaConfig, type LogEntry, type SASLOptions } from 'kafkajs';
import {
  DEFAULT_TIMEOUT_MS,
  LiveError,
  withDeadline,
  type CallOptions,
  type ClusterClient,
  type ClusterDescription,
  type CommittedOffsets,
  type EndOffsets,
  type GroupListing,
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
    ssl: tls ? { ...(tls.ca ? { ca: [tls.ca] } : {}), ...(tls.cert ? { cert: tls.cert } : {}), ...(tls.key ? { key: tls.key } : {}), ...(tls.passphrase !== undefined ? { passphrase: tls.passphrase } : {}), rejectUnauthorized: true } : false,
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

export function kafkaJsClient(settings: ConnectionSettings, options: KafkaJsClientOptions = {}): ClusterClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const secretValues = [settings.sasl?.mechanism === 'scram-sha-512' ? settings.sasl.password : '', settings.tls?.passphrase ?? ''].filter(Boolean);
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
  const giveUp = () => {
    const current = admin;
    admin = undefined;
    connecting = undefined;
    void current?.disconnect().catch(() => undefined);
  };

  async function call<T>(what: string, options: CallOptions | undefined, work: (admin: Admin) => Promise<T>): Promise<T> {
    if (closed) throw new LiveError('config', `${where}: the client is closed`);
    try {
      return await withDeadline(`${where}: ${what}`, options?.timeoutMs ?? timeoutMs, options?.signal, async () => work(await connected()), giveUp);
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
        return { clusterId: c.clusterId, controller: c.controller, brokers: c.brokers.map((b) => ({ nodeId: b.nodeId, host: b.host, port: b.port })) };
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
              .filter((e) => ((e as { configSource?: number }).configSource ?? (e.isDefault ? -1 : TOPIC_CONFIG_SOURCE)) === TOPIC_CONFIG_SOURCE)
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
        await Promise.all(
          present.map(async (topic) => {
            const offsets = await a.fetchTopicOffsets(topic);
            result[topic] = new Map(offsets.map((p) => [p.partition, Number(p.high)]));
          }),
        );
        return result;
      }),
    listGroups: (o) =>
      call('list consumer groups', o, async (a): Promise<GroupListing[]> => (await a.listGroups()).groups.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType }))),
    groupOffsets: (group, o) =>
      call(`read offsets of group ${group}`, o, async (a) => {
        const result: CommittedOffsets = {};
        for (const topic of await a.fetchOffsets({ groupId: group })) {
          const committed = topic.partitions.filter((p) => Number(p.offset) >= 0);
          if (committed.length) result[topic.topic] = new Map(committed.map((p) => [p.partition, Number(p.offset)]));
        }
        return result;
      }),
    close: async () => {
      closed = true;
      const current = admin;
      admin = undefined;
      connecting = undefined;
      await current?.disconnect().catch(() => undefined);
    },
  };
}
