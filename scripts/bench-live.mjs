// Live benchmark: our lag, topics, clients and producers checks against Kafka's own tools
// (kafka-consumer-groups.sh --describe [--all-groups --members], kafka-topics.sh --describe,
// kafka-get-offsets.sh) on real brokers from the test harness. Needs the compiled tests
// (`npx tsc -p tsconfig.test.json`). Targets: ours >= 2x faster; lag over 1,000 partitions <= 1 s.
// Usage: node scripts/bench-live.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'out');
const { startClusters } = require(path.join(out, 'test/live/harness/index.js'));
const { runLiveChecks } = require(path.join(out, 'src/live/run.js'));
const { envSecrets } = require(path.join(out, 'src/live/secrets.js'));
const { RepositoryIndex } = require(path.join(out, 'src/core/repositoryIndex.js'));
const { Kafka, logLevel } = require('kafkajs');

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const LAG_TOPICS = 10;
const LAG_PARTITIONS = 100;
const MANY_TOPICS = 500;
const GROUP = 'bench-group';
const MANY_GROUPS = 200;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn) => {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
};

/** The tools moved from the core jar (kafka.admin.*) to kafka-tools (org.apache.kafka.tools.*) in 3.7/3.8. */
function toolClass(libs, candidates) {
  const jars = fs.readdirSync(libs).filter((j) => j.endsWith('.jar'));
  for (const cls of candidates) {
    const entry = cls.replace(/\./g, '/') + '.class';
    for (const jar of jars.filter((j) => /^kafka/.test(j))) {
      const listing = spawnSync('unzip', ['-l', path.join(libs, jar), entry], { encoding: 'utf8' });
      if (listing.status === 0 && listing.stdout.includes(entry)) return { cls, jar };
    }
  }
  throw new Error(`none of ${candidates.join(', ')} in ${libs}`);
}

function runTool(libs, cls, args) {
  const started = process.hrtime.bigint();
  // kafka-run-class.sh's defaults for tools: a 256 MB heap; logs off so only the tool's own output is measured.
  const result = spawnSync('java', ['-Xmx256m', '-Dlog4j.configuration=file:/dev/null', '-cp', path.join(libs, '*'), cls, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${cls} exited ${result.status}: ${result.stderr.slice(0, 2000)}`);
  return { ms, stdout: result.stdout };
}

const started = Date.now();
// Progress on stderr: a set-up step that stalls on a loaded machine shows where it is.
const step = (what) => process.stderr.write(`[bench-live] ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
const clusters = await startClusters({ mirror: false });
const harnessMs = Date.now() - started;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-bench-live-'));
try {
  const target = clusters.target.plaintext;
  const kafka = new Kafka({ clientId: 'bench', brokers: [target], logLevel: logLevel.NOTHING, requestTimeout: 60_000 });
  const admin = kafka.admin();
  await admin.connect();
  const lagTopics = Array.from({ length: LAG_TOPICS }, (_, i) => `bench.lag.${i}`);
  const manyTopics = Array.from({ length: MANY_TOPICS }, (_, i) => `bench.t.${String(i).padStart(3, '0')}`);
  step('harness up');
  const setupStarted = Date.now();
  await admin.createTopics({
    waitForLeaders: false,
    timeout: 60_000,
    topics: lagTopics.map((topic) => ({ topic, numPartitions: LAG_PARTITIONS, replicationFactor: 1 })),
  });
  for (let i = 0; i < manyTopics.length; i += 100) {
    await admin.createTopics({
      waitForLeaders: false,
      timeout: 60_000,
      topics: manyTopics.slice(i, i + 100).map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })),
    });
  }
  // kafkajs' waitForLeaders trips over partitions not yet in metadata; poll until every partition has a leader.
  for (const deadline = Date.now() + 120_000; ;) {
    const metadata = await admin.fetchTopicMetadata({ topics: [...lagTopics, ...manyTopics] }).catch(() => undefined);
    if (metadata?.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) break;
    if (Date.now() > deadline) throw new Error('topics without leaders after 120 s');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  step('topics have leaders');
  const producer = kafka.producer();
  await producer.connect();
  // Three records per partition, the group committed one: lag 2 on each of 1,000 partitions.
  await producer.sendBatch({
    acks: -1,
    topicMessages: lagTopics.map((topic) => ({
      topic,
      messages: Array.from({ length: LAG_PARTITIONS * 3 }, (_, i) => ({ partition: i % LAG_PARTITIONS, value: `r${i}` })),
    })),
  });
  await producer.disconnect();
  for (const topic of lagTopics) {
    await admin.setOffsets({
      groupId: GROUP,
      topic,
      partitions: Array.from({ length: LAG_PARTITIONS }, (_, partition) => ({ partition, offset: '1' })),
    });
  }
  step('records produced, lag group set');
  // 200 more groups, each with a commit on one of the 500 topics (what `clients` reads per group).
  // Twenty at a time: one setOffsets is several round trips (describe group, offsets, commit).
  for (let i = 0; i < MANY_GROUPS; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, MANY_GROUPS - i) }, (_, j) =>
        admin.setOffsets({
          groupId: `bench.g.${String(i + j).padStart(3, '0')}`,
          topic: manyTopics[i + j],
          partitions: [{ partition: 0, offset: '0' }],
        }),
      ),
    );
  }
  await admin.disconnect();
  step('groups set');
  const setupMs = Date.now() - setupStarted;

  // A repository: one service on the target with the group, and Terraform declaring the 500 topics.
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
    fs.writeFileSync(path.join(tmp, rel), text);
  };
  write(
    'kafka-cutover.yaml',
    `version: 1\nenvironments:\n  bench:\n    source: { brokers: [${clusters.source.bootstrap.replace('127.0.0.1', 'localhost')}] }\n    target: { brokers: [${target}] }\nservices: { roots: ["services/*"] }\n`,
  );
  write('services/consumer/package.json', '{ "name": "consumer" }\n');
  write('services/consumer/.env', `KAFKA_BROKERS=${target}\nINPUT_TOPIC=${lagTopics[0]}\nKAFKA_GROUP_ID=${GROUP}\n`);
  const lagModel = (await new RepositoryIndex(tmp).scan()).model;
  write(
    'terraform/topics.tf',
    manyTopics
      .map(
        (t, i) =>
          `resource "kafka_topic" "t${i}" {\n  name               = "${t}"\n  partitions         = 1\n  replication_factor = 1\n}\n`,
      )
      .join('\n'),
  );
  fs.rmSync(path.join(tmp, 'services'), { recursive: true });
  const topicsModel = (await new RepositoryIndex(tmp).scan()).model;
  if (topicsModel.topics.length !== MANY_TOPICS)
    throw new Error(`the scan found ${topicsModel.topics.length} topics, expected ${MANY_TOPICS}`);
  // One moved producer of all 500 topics: `producers` samples their end offsets on both clusters.
  write('services/producer/package.json', '{ "name": "producer" }\n');
  write('services/producer/.env', `KAFKA_BROKERS=${target}\n${manyTopics.map((t, i) => `OUTPUT_TOPIC_${i}=${t}\n`).join('')}`);
  const producersModel = (await new RepositoryIndex(tmp).scan()).model;
  if (producersModel.services[0]?.produces.length !== MANY_TOPICS)
    throw new Error(`the scan found ${producersModel.services[0]?.produces.length} produced topics`);

  const ours = async (model, check) => {
    // windowMs 0: `producers` is measured without its watching window (two samples back to back).
    const [result] = await runLiveChecks({
      model,
      environment: model.manifest.environments[0],
      secrets: envSecrets({}),
      checks: [check],
      timeoutMs: 30_000,
      windowMs: 0,
    });
    return result;
  };
  step('models scanned');
  const lagResult = await ours(lagModel, 'lag');
  const row = lagResult.results[0];
  if (!row || row.partitions.length !== LAG_TOPICS * LAG_PARTITIONS || row.totalLag !== 2 * LAG_TOPICS * LAG_PARTITIONS) {
    throw new Error(`our lag check saw ${row?.partitions.length} partitions, lag ${row?.totalLag}`);
  }
  const topicsResult = await ours(topicsModel, 'topics');
  if (topicsResult.results.filter((r) => r.target).length !== MANY_TOPICS) throw new Error('our topics check did not see every topic');
  const clientsResult = await ours(lagModel, 'clients');
  if (clientsResult.results.groups.filter((g) => g.cluster === 'target').length !== MANY_GROUPS + 1)
    throw new Error(`our clients check saw ${clientsResult.results.groups.length} groups`);
  const producersResult = await ours(producersModel, 'producers');
  if (producersResult.results.topics.length !== MANY_TOPICS)
    throw new Error(`our producers check saw ${producersResult.results.topics.length} topics`);

  step('our checks verified');
  const libs = clusters.paths.libs;
  const groups = toolClass(libs, ['org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', 'kafka.admin.ConsumerGroupCommand']);
  const topicsTool = toolClass(libs, ['org.apache.kafka.tools.TopicCommand', 'kafka.admin.TopicCommand']);
  const offsetsTool = toolClass(libs, ['org.apache.kafka.tools.GetOffsetShell', 'kafka.tools.GetOffsetShell']);
  const allGroupsArgs = ['--bootstrap-server', target, '--describe', '--all-groups', '--members'];
  const offsetsArgs = ['--bootstrap-server', target, '--topic', 'bench\\.t\\..*'];
  const offsetLines = runTool(libs, offsetsTool.cls, offsetsArgs)
    .stdout.split('\n')
    .filter((l) => l.startsWith('bench.t.')).length;
  if (offsetLines !== MANY_TOPICS) throw new Error(`${offsetsTool.cls} printed ${offsetLines} rows`);
  const groupArgs = ['--bootstrap-server', target, '--describe', '--group', GROUP];
  const topicArgs = ['--bootstrap-server', target, '--describe', '--topic', 'bench\\.t\\..*'];
  const toolLag = runTool(libs, groups.cls, groupArgs);
  const lagLines = toolLag.stdout.split('\n').filter((l) => l.startsWith(GROUP)).length;
  if (lagLines !== LAG_TOPICS * LAG_PARTITIONS) throw new Error(`${groups.cls} printed ${lagLines} partition rows`);

  const figures = {
    oursLag: [],
    toolLag: [],
    oursTopics: [],
    toolTopics: [],
    oursClients: [],
    toolClients: [],
    oursProducers: [],
    toolProducers: [],
  };
  for (let i = 0; i < RUNS; i++) {
    figures.oursLag.push(await time(() => ours(lagModel, 'lag')));
    figures.toolLag.push(runTool(libs, groups.cls, groupArgs).ms);
    figures.oursTopics.push(await time(() => ours(topicsModel, 'topics')));
    figures.toolTopics.push(runTool(libs, topicsTool.cls, topicArgs).ms);
    figures.oursClients.push(await time(() => ours(lagModel, 'clients')));
    figures.toolClients.push(runTool(libs, groups.cls, allGroupsArgs).ms);
    // Ours samples both clusters twice; the tool once per sample on the target only (in our disfavour).
    figures.oursProducers.push(await time(() => ours(producersModel, 'producers')));
    figures.toolProducers.push(runTool(libs, offsetsTool.cls, offsetsArgs).ms + runTool(libs, offsetsTool.cls, offsetsArgs).ms);
  }
  const m = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, median(v)]));
  const fmt = (ms) => `${ms.toFixed(0).padStart(6)} ms`;
  const lines = [
    `live bench (median of ${RUNS}; harness start ${harnessMs} ms, data set-up ${setupMs} ms; Kafka ${clusters.target.kafkaVersion})`,
    `                                   ours      Kafka tool   ratio`,
    `lag, 1 group x ${LAG_TOPICS * LAG_PARTITIONS} partitions  ${fmt(m.oursLag)}   ${fmt(m.toolLag)}   ${(m.toolLag / m.oursLag).toFixed(1)}x   (${groups.cls.split('.').pop()} from ${groups.jar})`,
    `topics, ${MANY_TOPICS} topics describe     ${fmt(m.oursTopics)}   ${fmt(m.toolTopics)}   ${(m.toolTopics / m.oursTopics).toFixed(1)}x   (${topicsTool.cls.split('.').pop()} from ${topicsTool.jar})`,
    `clients, ${MANY_GROUPS + 1} groups both clusters ${fmt(m.oursClients)}   ${fmt(m.toolClients)}   ${(m.toolClients / m.oursClients).toFixed(1)}x   (--all-groups --members)`,
    `producers, ${MANY_TOPICS} topics x 2 samples ${fmt(m.oursProducers)}   ${fmt(m.toolProducers)}   ${(m.toolProducers / m.oursProducers).toFixed(1)}x   (${offsetsTool.cls.split('.').pop()} twice; window excluded)`,
    `targets: ours >= 2x faster: lag ${m.toolLag / m.oursLag >= 2 ? 'MET' : 'MISSED'}, topics ${m.toolTopics / m.oursTopics >= 2 ? 'MET' : 'MISSED'}, clients ${m.toolClients / m.oursClients >= 2 ? 'MET' : 'MISSED'}, producers ${m.toolProducers / m.oursProducers >= 2 ? 'MET' : 'MISSED'}; lag over ${LAG_TOPICS * LAG_PARTITIONS} partitions <= 1 s: ${m.oursLag <= 1000 ? 'MET' : 'MISSED'}`,
    `(ours: in-process, connect included; Kafka tools: wall clock of a JVM run, start-up included, as an operator runs them)`,
    `raw: ${JSON.stringify(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v.map((x) => Math.round(x))])))}`,
  ];
  console.log(lines.join('\n'));
} finally {
  await clusters.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
