// Shared by the live tests: small repositories whose manifest points at the harness clusters, and
// kafkajs helpers to create topics, produce to exact partitions and commit offsets.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { Io } from '../../src/cli/main';
import { RepositoryIndex } from '../../src/core/repositoryIndex';
import type { Model } from '../../src/core/model/types';
import { runLiveChecks, type LiveCheckOptions } from '../../src/live/run';
import type { CheckName, LiveFinding } from '../../src/live/checks/types';
import type { Clusters } from './harness';

export const ENV = 'test';

/** The harness binds every listener to 127.0.0.1; the manifest names the source `localhost` so no host is on both sides. */
export function sourceBrokers(clusters: Clusters): string {
  return clusters.source.bootstrap.replace('127.0.0.1', 'localhost');
}

export interface TargetChoice {
  listener: 'plaintext' | 'ssl' | 'saslSsl';
  auth: 'plaintext' | 'tls' | 'mtls' | 'sasl_scram';
  /** Which client certificate to write as cert/key: the good one (default), another CA's, or the expired one. */
  cert?: 'good' | 'other' | 'expired';
  /** Which CA file to trust: the cluster's (default) or an unrelated one. */
  ca?: 'good' | 'other';
  /** Replaces the target broker address (e.g. a port where nothing listens). */
  broker?: string;
}

export function manifestFor(clusters: Clusters, target: TargetChoice): { manifest: string; files: Record<string, string> } {
  const t = clusters.target;
  const files: Record<string, string> = {};
  const lines = [`    target:`, `      brokers: [${target.broker ?? t[target.listener]}]`, `      auth: ${target.auth}`];
  if (target.auth !== 'plaintext') {
    files['certs/ca.pem'] = target.ca === 'other' ? t.otherCaPem : t.caPem;
    lines.push('      ca: certs/ca.pem');
  }
  if (target.auth === 'mtls') {
    const which = target.cert ?? 'good';
    files['certs/client.pem'] = which === 'other' ? t.otherCertPem : which === 'expired' ? t.expiredCertPem : t.certPem;
    files['certs/client.key'] = which === 'other' ? t.otherKeyPem : which === 'expired' ? t.expiredKeyPem : t.keyPem;
    lines.push('      cert: certs/client.pem', '      key: certs/client.key');
  }
  if (target.auth === 'sasl_scram') lines.push(`      username: ${t.scram.username}`);
  const manifest = [
    'version: 1',
    'environments:',
    `  ${ENV}:`,
    `    source: { brokers: [${sourceBrokers(clusters)}], version: "${clusters.source.kafkaVersion}" }`,
    ...lines,
    'services: { roots: ["services/*"] }',
    '',
  ].join('\n');
  return { manifest, files };
}

export function writeRepo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-live-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return dir;
}

/** A repository whose manifest points at the harness clusters (`target` picks the target listener and auth), with `files` beside it. */
export function writeRepoFor(clusters: Clusters, target: TargetChoice, files: Record<string, string> = {}): string {
  const { manifest, files: certs } = manifestFor(clusters, target);
  return writeRepo({ 'kafka-cutover.yaml': manifest, ...certs, ...files });
}

/** A service folder described by one `.env` file. */
export function service(name: string, env: Record<string, string>): Record<string, string> {
  return {
    [`services/${name}/package.json`]: `{ "name": "${name}" }\n`,
    [`services/${name}/.env`]: Object.entries(env)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
  };
}

export async function scan(dir: string): Promise<Model> {
  return (await new RepositoryIndex(dir).scan()).model;
}

export function kafka(brokers: string, extra: Partial<ConstructorParameters<typeof Kafka>[0]> = {}): Kafka {
  return new Kafka({
    clientId: 'live-test',
    brokers: [brokers],
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { retries: 5 },
    logLevel: logLevel.NOTHING,
    ...extra,
  });
}

export async function withAdmin<T>(brokers: string, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka(brokers).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

export async function createTopics(
  brokers: string,
  topics: Array<{ topic: string; partitions: number; config?: Record<string, string> }>,
): Promise<void> {
  await withAdmin(brokers, async (admin) => {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((t) => ({
        topic: t.topic,
        numPartitions: t.partitions,
        replicationFactor: 1,
        configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
    // The metadata names a leader before that broker acts as one (KRaft): a produce right after was
    // refused with "not the leader for that topic-partition" (one CI run). Listing offsets goes to
    // the leader of each partition, so it succeeds only once every partition can take writes.
    for (const t of topics) await untilLeadersServe(() => admin.fetchTopicOffsets(t.topic), t.topic);
  });
}

async function untilLeadersServe(probe: () => Promise<unknown>, topic: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await probe();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${topic}: its partitions' leaders did not serve within 20 s: ${String(err)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Produces `counts[p]` records to partition p. */
export async function produce(brokers: string, topic: string, counts: number[]): Promise<void> {
  const producer = kafka(brokers).producer();
  await producer.connect();
  try {
    await producer.sendBatch({
      acks: -1,
      topicMessages: counts
        .map((n, partition) => ({
          topic,
          messages: Array.from({ length: n }, (_, i) => ({ partition, key: `k${i}`, value: `${topic}-${partition}-${i}` })),
        }))
        .filter((t) => t.messages.length > 0),
    });
  } finally {
    await producer.disconnect();
  }
}

export async function endOffsetsOf(brokers: string, topic: string): Promise<number[] | undefined> {
  return withAdmin(brokers, async (admin) => {
    if (!(await admin.listTopics()).includes(topic)) return undefined;
    return (await admin.fetchTopicOffsets(topic)).sort((a, b) => a.partition - b.partition).map((p) => Number(p.high));
  });
}

/** Polls `read` until `done` holds (interval paces a 2-core machine; never a fixed sleep as proof). */
export async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      if (done(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not reached after ${timeoutMs} ms (last: ${JSON.stringify(last)}, error: ${String(lastError)})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** A real consumer that reads exactly `expected` records of `topic` with `group`, commits, and leaves. */
export async function consumeAndCommit(brokers: string, group: string, topic: string, expected: number): Promise<void> {
  const consumer = kafka(brokers).consumer({ groupId: group, sessionTimeout: 10_000, heartbeatInterval: 1000 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let seen = 0;
    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        seen++;
        await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
        if (seen === expected) resolveDone();
      },
    });
    await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`consumed ${seen} of ${expected}`)), 60_000))]);
  } finally {
    await consumer.disconnect();
  }
}

/** Commits `offsets[p]` for partition p of `topic` in `groupId`. */
export async function commitOffsets(brokers: string, groupId: string, topic: string, offsets: number[]): Promise<void> {
  await withAdmin(brokers, (admin) =>
    admin.setOffsets({ groupId, topic, partitions: offsets.map((offset, partition) => ({ partition, offset: String(offset) })) }),
  );
}

/** Runs one check against the model's first environment with a 10 s timeout; `options` add the rest. */
export async function checkOne<T>(
  model: Model,
  name: CheckName,
  options: Omit<LiveCheckOptions, 'model' | 'environment' | 'checks' | 'timeoutMs'>,
): Promise<{ results: T; findings: LiveFinding[] }> {
  const [result] = await runLiveChecks({
    model,
    environment: model.manifest.environments[0]!,
    checks: [name],
    timeoutMs: 10_000,
    ...options,
  });
  return result as unknown as { results: T; findings: LiveFinding[] };
}

/** A CLI `Io` that keeps what the command writes; `env` is the whole environment it sees. */
export function io(env: NodeJS.ProcessEnv = {}): Io & { stdout: string; stderr: string } {
  const out = { stdout: '', stderr: '' };
  return Object.assign(out, {
    cwd: '/',
    env,
    isTTY: false,
    out: (t: string) => void (out.stdout += t),
    err: (t: string) => void (out.stderr += t),
  });
}
