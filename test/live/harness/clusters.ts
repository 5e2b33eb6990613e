import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateCertificates } from './certs';
import { ensureKafkaJars } from './jars';
import { JvmProcess, forgetTempDir, markOwner, registerTempDir, removeAbandonedDirs, runJvmTool, startJvm } from './jvm';
import { freeLoopbackPorts } from './ports';
import {
  fileLog4j,
  kraftSourceProperties,
  kraftTargetProperties,
  mirrorMakerProperties,
  zooKeeperBrokerProperties,
  zooKeeperProperties,
} from './properties';
import { waitForBroker, waitForMirror } from './readiness';

export interface StartClustersOptions {
  /** Source = Kafka 2.6.3 in ZooKeeper mode (the jars come from scripts/kafka/old/pom.xml). */
  oldSource?: boolean;
  /** Start MirrorMaker 2 source -> target. Default true. */
  mirror?: boolean;
  /** MM2 `sync.group.offsets.enabled`. Default true; false behaves like a pre-2.7 mirror. */
  syncGroupOffsets?: boolean;
  /** Extra or overriding MM2 properties, e.g. `{ 'source->target.topics': 'orders.*' }`. */
  mirrorProperties?: Record<string, string>;
  /** Max heap of each broker / MM2 JVM. Default 384. */
  heapMb?: number;
  /** How long each readiness wait may take. Default 90 s (2 shared cores, cold JVMs). */
  readyTimeoutMs?: number;
  /** Keep the temp dir (configs, data, logs) after stop. Default: env KAFKA_HARNESS_KEEP=1. */
  keepFiles?: boolean;
}

export type ClusterName = 'source' | 'target';

export interface SourceCluster {
  bootstrap: string;
  kafkaVersion: string;
  mode: 'kraft' | 'zookeeper';
}

export interface TargetCluster {
  kafkaVersion: string;
  /** Unauthenticated listener, used by MM2 and for admin checks; MSK would not expose this. */
  plaintext: string;
  /** TLS with required client certificates (MSK "TLS" client authentication). */
  ssl: string;
  /** SASL_SSL with SCRAM-SHA-512 (MSK "SASL/SCRAM"); the server certificate is signed by `caPem`. */
  saslSsl: string;
  caPem: string;
  certPem: string;
  keyPem: string;
  otherCaPem: string;
  otherCertPem: string;
  otherKeyPem: string;
  expiredCertPem: string;
  expiredKeyPem: string;
  scram: { mechanism: 'scram-sha-512'; username: string; password: string };
}

export interface MirrorHandle {
  /** Topic the harness wrote to prove replication works; it exists on both clusters. */
  probeTopic: string;
  isRunning(): boolean;
  stop(): Promise<void>;
}

export interface HarnessPaths {
  root: string;
  logs: string;
  certs: string;
  libs: string;
  oldLibs?: string;
}

export interface HarnessTimings {
  jarsMs: number;
  preparationMs: number;
  brokersMs: number;
  mirrorMs: number;
  totalMs: number;
}

export interface Clusters {
  source: SourceCluster;
  target: TargetCluster;
  mirror: MirrorHandle | null;
  paths: HarnessPaths;
  timings: HarnessTimings;
  /** Graceful stop (SIGTERM, then SIGKILL) of one cluster's broker, e.g. to test an outage. */
  stopBroker(which: ClusterName): Promise<void>;
  /** Kills every process and removes the temp dir (unless kept). Safe to call twice. */
  stop(): Promise<void>;
}

/** Kafka's cluster id: 16 random bytes, URL-safe base64 without padding, never starting with '-'. */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

const PROBE_TOPIC = 'harness.mirror-probe';
const TEMP_PREFIX = 'kafka-harness-';

export async function startClusters(options: StartClustersOptions = {}): Promise<Clusters> {
  const started = Date.now();
  const heapMb = options.heapMb ?? 384;
  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;
  const keepFiles = options.keepFiles ?? process.env.KAFKA_HARNESS_KEEP === '1';
  const withMirror = options.mirror ?? true;

  const jars = ensureKafkaJars('current');
  const oldJars = options.oldSource ? ensureKafkaJars('old') : undefined;
  const jarsMs = Date.now() - started;

  removeAbandonedDirs(os.tmpdir(), TEMP_PREFIX);
  const root = await fs.mkdtemp(path.join(os.tmpdir(), TEMP_PREFIX));
  markOwner(root);
  if (!keepFiles) registerTempDir(root);
  const logs = path.join(root, 'logs');
  const certsDir = path.join(root, 'certs');
  await fs.mkdir(logs, { recursive: true });

  const processes: JvmProcess[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Data is thrown away, so there is nothing to shut down cleanly: kill at once.
    await Promise.all(processes.map((jvm) => jvm.kill()));
    if (!keepFiles) {
      await fs.rm(root, { recursive: true, force: true });
      forgetTempDir(root);
    }
  };

  try {
    const [sourcePlain, sourceAux, targetPlain, targetSsl, targetSaslSsl, targetController] = (await freeLoopbackPorts(6)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const writeLog4j = async (name: string) => {
      const file = path.join(root, `${name}.log4j.properties`);
      await fs.writeFile(file, fileLog4j(path.join(logs, `${name}.log`)));
      return file;
    };
    const scram = { mechanism: 'scram-sha-512' as const, username: 'harness-svc', password: randomBytes(12).toString('hex') };

    const preparationStarted = Date.now();
    const certs = await generateCertificates(certsDir);
    const toolLog4j = await writeLog4j('storage-tool');

    const targetConfig = path.join(root, 'target.properties');
    await fs.writeFile(
      targetConfig,
      kraftTargetProperties({
        logDir: path.join(root, 'target-data'),
        plaintextPort: targetPlain,
        sslPort: targetSsl,
        saslSslPort: targetSaslSsl,
        controllerPort: targetController,
        keystoreFile: certs.brokerKeystoreFile,
        truststoreFile: certs.caFile,
      }),
    );
    const formatTarget = runJvmTool(
      jars.libsDir,
      'kafka.tools.StorageTool',
      [
        'format',
        '-t',
        newClusterId(),
        '-c',
        targetConfig,
        '--add-scram',
        `SCRAM-SHA-512=[name=${scram.username},password=${scram.password}]`,
      ],
      toolLog4j,
    );

    let startSource: () => JvmProcess[];
    const sourceConfig = path.join(root, 'source.properties');
    if (oldJars) {
      const zooKeeperConfig = path.join(root, 'zookeeper.properties');
      await fs.writeFile(zooKeeperConfig, zooKeeperProperties({ dataDir: path.join(root, 'zookeeper-data'), clientPort: sourceAux }));
      await fs.writeFile(
        sourceConfig,
        zooKeeperBrokerProperties({ logDir: path.join(root, 'source-data'), plaintextPort: sourcePlain, zooKeeperPort: sourceAux }),
      );
      const zooKeeperLog4j = await writeLog4j('zookeeper');
      const sourceLog4j = await writeLog4j('source');
      // The broker retries ZooKeeper for zookeeper.connection.timeout.ms, so both start together.
      startSource = () => [
        startJvm({
          name: 'zookeeper',
          libsDir: oldJars.libsDir,
          mainClass: 'org.apache.zookeeper.server.quorum.QuorumPeerMain',
          args: [zooKeeperConfig],
          workDir: root,
          log4jFile: zooKeeperLog4j,
          logFile: path.join(logs, 'zookeeper.log'),
          heapMb: 128,
        }),
        startJvm({
          name: 'source',
          libsDir: oldJars.libsDir,
          mainClass: 'kafka.Kafka',
          args: [sourceConfig],
          workDir: root,
          log4jFile: sourceLog4j,
          logFile: path.join(logs, 'source.log'),
          heapMb,
        }),
      ];
      await formatTarget;
    } else {
      await fs.writeFile(
        sourceConfig,
        kraftSourceProperties({ logDir: path.join(root, 'source-data'), plaintextPort: sourcePlain, controllerPort: sourceAux }),
      );
      const sourceLog4j = await writeLog4j('source');
      await Promise.all([
        formatTarget,
        runJvmTool(jars.libsDir, 'kafka.tools.StorageTool', ['format', '-t', newClusterId(), '-c', sourceConfig], toolLog4j),
      ]);
      startSource = () => [
        startJvm({
          name: 'source',
          libsDir: jars.libsDir,
          mainClass: 'kafka.Kafka',
          args: [sourceConfig],
          workDir: root,
          log4jFile: sourceLog4j,
          logFile: path.join(logs, 'source.log'),
          heapMb,
        }),
      ];
    }
    const targetLog4j = await writeLog4j('target');
    const preparationMs = Date.now() - preparationStarted;

    const brokersStarted = Date.now();
    const sourceProcesses = startSource();
    processes.push(...sourceProcesses);
    const targetProcess = startJvm({
      name: 'target',
      libsDir: jars.libsDir,
      mainClass: 'kafka.Kafka',
      args: [targetConfig],
      workDir: root,
      log4jFile: targetLog4j,
      logFile: path.join(logs, 'target.log'),
      heapMb,
    });
    processes.push(targetProcess);
    const sourceBootstrap = `127.0.0.1:${sourcePlain}`;
    const targetBootstrap = `127.0.0.1:${targetPlain}`;
    await Promise.all([
      waitForBroker(sourceBootstrap, sourceProcesses, readyTimeoutMs),
      waitForBroker(targetBootstrap, [targetProcess], readyTimeoutMs),
    ]);
    const brokersMs = Date.now() - brokersStarted;

    const mirrorStarted = Date.now();
    let mirror: MirrorHandle | null = null;
    if (withMirror) {
      const mirrorConfig = path.join(root, 'mm2.properties');
      await fs.writeFile(
        mirrorConfig,
        mirrorMakerProperties({
          sourceBootstrap,
          targetBootstrap,
          syncGroupOffsets: options.syncGroupOffsets ?? true,
          extra: options.mirrorProperties ?? {},
        }),
      );
      const mirrorProcess = startJvm({
        name: 'mirror',
        libsDir: jars.libsDir,
        mainClass: 'org.apache.kafka.connect.mirror.MirrorMaker',
        args: [mirrorConfig],
        workDir: root,
        log4jFile: await writeLog4j('mirror'),
        logFile: path.join(logs, 'mirror.log'),
        heapMb,
      });
      processes.push(mirrorProcess);
      await waitForMirror(
        sourceBootstrap,
        targetBootstrap,
        PROBE_TOPIC,
        [...sourceProcesses, targetProcess, mirrorProcess],
        readyTimeoutMs,
      );
      mirror = { probeTopic: PROBE_TOPIC, isRunning: () => !mirrorProcess.hasExited(), stop: () => mirrorProcess.stop() };
    }
    const mirrorMs = Date.now() - mirrorStarted;

    const brokerOf = (which: ClusterName): JvmProcess =>
      which === 'target' ? targetProcess : sourceProcesses[sourceProcesses.length - 1]!;
    return {
      source: { bootstrap: sourceBootstrap, kafkaVersion: oldJars?.version ?? jars.version, mode: oldJars ? 'zookeeper' : 'kraft' },
      target: {
        kafkaVersion: jars.version,
        plaintext: targetBootstrap,
        ssl: `127.0.0.1:${targetSsl}`,
        saslSsl: `127.0.0.1:${targetSaslSsl}`,
        caPem: certs.caPem,
        certPem: certs.clientCertPem,
        keyPem: certs.clientKeyPem,
        otherCaPem: certs.otherCaPem,
        otherCertPem: certs.otherClientCertPem,
        otherKeyPem: certs.otherClientKeyPem,
        expiredCertPem: certs.expiredClientCertPem,
        expiredKeyPem: certs.expiredClientKeyPem,
        scram,
      },
      mirror,
      paths: { root, logs, certs: certsDir, libs: jars.libsDir, ...(oldJars ? { oldLibs: oldJars.libsDir } : {}) },
      timings: { jarsMs, preparationMs, brokersMs, mirrorMs, totalMs: Date.now() - started },
      stopBroker: (which) => brokerOf(which).stop(),
      stop,
    };
  } catch (error) {
    await stop();
    if (keepFiles && error instanceof Error) error.message += `\n(harness files kept in ${root})`;
    throw error;
  }
}
