import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Kafka, logLevel } from 'kafkajs';
import { Clusters, recordCount, startClusters } from './harness';

const RECORDS = 50;
const TOPIC = 'orders.created';

function client(brokers: string, extra: Partial<ConstructorParameters<typeof Kafka>[0]> = {}): Kafka {
  return new Kafka({
    clientId: 'harness-smoke',
    brokers: [brokers],
    connectionTimeout: 3000,
    requestTimeout: 5000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
    ...extra,
  });
}

/** Polls until the target holds `expected` records of `topic`, returning the last count seen. */
async function mirroredCount(bootstrap: string, topic: string, expected: number, timeoutMs: number): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  let count: number | undefined;
  while (Date.now() < deadline) {
    count = await recordCount(bootstrap, topic).catch(() => undefined);
    if (count === expected) return count;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return count;
}

async function canConnect(address: string): Promise<boolean> {
  const [host, port] = address.split(':') as [string, string];
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('live Kafka harness: source KRaft, MSK-like target, MirrorMaker 2', () => {
  let clusters: Clusters;
  const suiteStarted = Date.now();

  before(async () => {
    clusters = await startClusters();
  });

  after(async () => {
    await clusters?.stop();
  });

  test('starts both brokers and a working mirror, and reports its timings', (t) => {
    const { timings } = clusters;
    t.diagnostic(`start-up: ${JSON.stringify(timings)}`);
    assert.equal(clusters.source.mode, 'kraft');
    assert.equal(clusters.source.kafkaVersion, '3.9.2');
    assert.equal(clusters.mirror?.isRunning(), true);
    assert.ok(timings.totalMs >= timings.brokersMs + timings.mirrorMs);
  });

  test(`mirrors ${RECORDS} records to a topic of the same name on the target`, async () => {
    // Retries cover the moment after auto-creation when the new partition has no leader yet.
    const producer = client(clusters.source.bootstrap, { retry: { retries: 8 } }).producer({ allowAutoTopicCreation: true });
    await producer.connect();
    try {
      // The source auto-creates the topic on first use, like the story's self-managed cluster.
      const messages = Array.from({ length: RECORDS }, (_, i) => ({ key: `k${i}`, value: `order ${i}` }));
      await producer.send({ topic: TOPIC, messages, acks: -1 });
    } finally {
      await producer.disconnect();
    }
    assert.equal(await recordCount(clusters.source.bootstrap, TOPIC), RECORDS);
    assert.equal(await mirroredCount(clusters.target.plaintext, TOPIC, RECORDS, 60_000), RECORDS);
  });

  test("syncs a consumer group's committed offset to the target (sync.group.offsets)", async (t) => {
    const groupId = 'billing';
    const kafka = client(clusters.source.bootstrap, { retry: { retries: 8 } });
    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
      let seen = 0;
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            eachMessage: async () => {
              seen += 1;
              if (seen === RECORDS) resolve();
            },
          })
          .catch(reject);
      });
      await consumer.commitOffsets([{ topic: TOPIC, partition: 0, offset: String(RECORDS) }]);
    } finally {
      // Offsets sync only for groups with no active member on the target side; leaving also
      // stops the consumer's fetch loop, which would otherwise keep the test process alive.
      await consumer.disconnect();
    }
    const target = client(clusters.target.plaintext, { retry: { retries: 5 } }).admin();
    await target.connect();
    try {
      const syncStarted = Date.now();
      const deadline = syncStarted + 90_000;
      let committed = '';
      const seenValues: string[] = [];
      while (Date.now() < deadline) {
        const [topicOffsets] = await target
          .fetchOffsets({ groupId, topics: [TOPIC] })
          .catch((e: Error) => [{ partitions: [{ offset: e.message }] }]);
        committed = topicOffsets?.partitions[0]?.offset ?? '';
        if (seenValues[seenValues.length - 1] !== committed) seenValues.push(`${Date.now() - syncStarted}ms:${committed}`);
        if (committed === String(RECORDS)) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      t.diagnostic(`group offset on the target: ${seenValues.join(' ')}`);
      assert.equal(committed, String(RECORDS));
    } finally {
      await target.disconnect();
    }
  });

  test('accepts a client certificate from the trusted CA on the mTLS listener', async () => {
    const { target } = clusters;
    const admin = client(target.ssl, { ssl: { ca: [target.caPem], cert: target.certPem, key: target.keyPem } }).admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(TOPIC);
      assert.equal(
        offsets.reduce((sum, p) => sum + Number(p.high), 0),
        RECORDS,
      );
    } finally {
      await admin.disconnect();
    }
  });

  test('refuses TLS without a client certificate, with one from another CA, or an expired one', async () => {
    const { target } = clusters;
    const withoutCert = client(target.ssl, { ssl: { ca: [target.caPem] } }).admin();
    await assert.rejects(async () => {
      await withoutCert.connect();
      await withoutCert.describeCluster();
    });
    await withoutCert.disconnect();
    const otherCa = client(target.ssl, { ssl: { ca: [target.caPem], cert: target.otherCertPem, key: target.otherKeyPem } }).admin();
    await assert.rejects(async () => {
      await otherCa.connect();
      await otherCa.describeCluster();
    });
    await otherCa.disconnect();
    const expired = client(target.ssl, { ssl: { ca: [target.caPem], cert: target.expiredCertPem, key: target.expiredKeyPem } }).admin();
    await assert.rejects(async () => {
      await expired.connect();
      await expired.describeCluster();
    });
    await expired.disconnect();
  });

  test('authenticates with SCRAM-SHA-512 over SASL_SSL and rejects a wrong password', async () => {
    const { target } = clusters;
    const { username, password } = target.scram;
    const admin = client(target.saslSsl, { ssl: { ca: [target.caPem] }, sasl: { mechanism: 'scram-sha-512', username, password } }).admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      assert.deepEqual(
        cluster.brokers.map((b) => b.port),
        [Number(target.saslSsl.split(':')[1])],
      );
    } finally {
      await admin.disconnect();
    }
    const wrong = client(target.saslSsl, {
      ssl: { ca: [target.caPem] },
      sasl: { mechanism: 'scram-sha-512', username, password: `${password}x` },
    }).admin();
    await assert.rejects(wrong.connect(), { name: 'KafkaJSSASLAuthenticationError' });
    await wrong.disconnect();
  });

  test('stopBroker() takes one cluster down and leaves the other up', async () => {
    await clusters.stopBroker('source');
    assert.equal(await canConnect(clusters.source.bootstrap), false);
    assert.equal(await recordCount(clusters.target.plaintext, TOPIC), RECORDS);
  });

  test('stop() ends every process and removes its files', async (t) => {
    const { source, target, paths } = clusters;
    await clusters.stop();
    const keptOnRequest = process.env.KAFKA_HARNESS_KEEP === '1';
    assert.equal(fs.existsSync(paths.root), keptOnRequest);
    for (const address of [source.bootstrap, target.plaintext, target.ssl, target.saslSsl]) {
      assert.equal(await canConnect(address), false, `${address} still accepts connections`);
    }
    t.diagnostic(`whole harness suite: ${Date.now() - suiteStarted} ms`);
  });
});

describe('live Kafka harness: old ZooKeeper-mode source (Kafka 2.6) mirrored by MirrorMaker 2', () => {
  let clusters: Clusters;

  before(async () => {
    clusters = await startClusters({ oldSource: true });
  });

  after(async () => {
    await clusters?.stop();
  });

  test('runs a 2.6 broker on ZooKeeper and mirrors its records to the target', async (t) => {
    t.diagnostic(`start-up with old source: ${JSON.stringify(clusters.timings)}`);
    assert.equal(clusters.source.mode, 'zookeeper');
    assert.equal(clusters.source.kafkaVersion, '2.6.3');
    const producer = client(clusters.source.bootstrap, { retry: { retries: 8 } }).producer({ allowAutoTopicCreation: true });
    await producer.connect();
    try {
      await producer.send({ topic: TOPIC, messages: Array.from({ length: RECORDS }, (_, i) => ({ value: `legacy ${i}` })), acks: -1 });
    } finally {
      await producer.disconnect();
    }
    assert.equal(await mirroredCount(clusters.target.plaintext, TOPIC, RECORDS, 60_000), RECORDS);
  });
});
