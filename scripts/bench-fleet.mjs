// Fleet benchmark: 1,000 repositories x 10 services published to a compacted topic on a real broker
// (the test harness), then the fleet read to its end and planned. Target: publish + read + plan < 5 s on
// loopback. Needs the compiled tests (`npx tsc -p tsconfig.test.json`).
// Usage: node scripts/bench-fleet.mjs [--repos N] [--services N]
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'out');
const { startClusters } = require(path.join(out, 'test/live/harness/index.js'));
const { kafkaJsClient, kafkaJsWriter } = require(path.join(out, 'src/live/kafkajs.js'));
const { readFleet } = require(path.join(out, 'src/live/fleet.js'));
const { planFleet } = require(path.join(out, 'src/core/fleet/plan.js'));
const { serviceKey } = require(path.join(out, 'src/core/fleet/record.js'));
const { Kafka, logLevel } = require('kafkajs');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const REPOS = arg('--repos', 1000);
const SERVICES = arg('--services', 10);
const TOPIC = 'kafka-cutover.fleet';

/** A repository's services: a chain of topics inside it, and one topic read by the next repository. */
function records(r) {
  const repo = `org/repo-${String(r).padStart(4, '0')}`;
  const at = new Date().toISOString();
  return Array.from({ length: SERVICES }, (_, i) => {
    const produces = i < SERVICES - 1 ? [`r${r}.t${i}`] : [`r${r}.out`];
    const consumes = i === 0 ? (r > 0 ? [`r${r - 1}.out`] : []) : [`r${r}.t${i - 1}`];
    const role = consumes.length ? 'producer-consumer' : 'producer';
    const state = { prod: (r + i) % 3 === 0 ? 'target' : 'source' };
    return {
      version: 1,
      repo,
      service: `svc-${i}`,
      root: `services/svc-${i}`,
      role,
      produces,
      consumes,
      groups: [`svc-${i}`],
      state,
      readiness: { prod: { status: 'ready', ready: true, blockedBy: [], unknown: [] } },
      findings: { error: 0, warning: 1, info: 0 },
      commit: 'f'.repeat(40),
      at,
    };
  });
}

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const clusters = await startClusters({ mirror: false });
try {
  const broker = clusters.target.plaintext;
  const admin = new Kafka({ clientId: 'bench', brokers: [broker], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic: TOPIC, numPartitions: 3, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
  });
  await admin.disconnect();
  const settings = { label: 'fleet cluster', brokers: [broker], auth: 'plaintext' };
  const writer = kafkaJsWriter(settings, { timeoutMs: 60_000 });
  const client = kafkaJsClient(settings, { timeoutMs: 60_000 });
  const heapBefore = process.memoryUsage().heapUsed;

  // Each repository publishes its own records (as its CI step would), one request each.
  const publishStart = process.hrtime.bigint();
  for (let r = 0; r < REPOS; r++) {
    await writer.send(
      TOPIC,
      records(r).map((s) => ({ key: serviceKey(s.repo, s.service), value: JSON.stringify(s) })),
    );
  }
  const publishMs = ms(publishStart);

  const readStart = process.hrtime.bigint();
  const read = await readFleet(client, TOPIC);
  const readMs = ms(readStart);
  const planStart = process.hrtime.bigint();
  const plan = planFleet(read.entries);
  const planMs = ms(planStart);
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  if (plan.services.length !== REPOS * SERVICES) throw new Error(`planned ${plan.services.length} services, expected ${REPOS * SERVICES}`);
  await Promise.all([writer.close(), client.close()]);
  const total = publishMs + readMs + planMs;
  console.log(
    [
      `fleet bench (Kafka ${clusters.target.kafkaVersion}, loopback; ${REPOS} repositories x ${SERVICES} services = ${read.records} records)`,
      `publish (one request per repository)  ${publishMs.toFixed(0).padStart(6)} ms`,
      `read to the end                       ${readMs.toFixed(0).padStart(6)} ms`,
      `plan the fleet                        ${planMs.toFixed(0).padStart(6)} ms   (${plan.summary.prod.onTarget} / ${plan.summary.prod.total} on MSK, ${plan.summary.prod.blocked} blocked, ${plan.summary.prod.hazards} hazards)`,
      `total ${total.toFixed(0)} ms: target < 5000 ms ${total < 5000 ? 'MET' : 'MISSED'}; heap grew ${heapMb.toFixed(0)} MB, RSS ${rssMb.toFixed(0)} MB`,
    ].join('\n'),
  );
} finally {
  await clusters.stop();
}
