/** Renders Java `.properties` text; values here never contain newlines, so only `\` needs escaping. */
export function renderProperties(entries: Record<string, string | number | boolean>): string {
  return (
    Object.entries(entries)
      .map(([key, value]) => `${key}=${String(value).replace(/\\/g, '\\\\')}`)
      .join('\n') + '\n'
  );
}

/** log4j 1.x (reload4j / log4j 1.2) configuration that sends everything to one file. */
export function fileLog4j(logFile: string, level = 'INFO'): string {
  return renderProperties({
    'log4j.rootLogger': `${level}, file`,
    'log4j.appender.file': 'org.apache.log4j.FileAppender',
    'log4j.appender.file.File': logFile,
    'log4j.appender.file.layout': 'org.apache.log4j.PatternLayout',
    'log4j.appender.file.layout.ConversionPattern': '[%d] %p %m (%c)%n',
    // The request logger and the state-change logger are the noisiest at INFO and never needed here.
    'log4j.logger.kafka.request.logger': 'WARN',
    'log4j.logger.state.change.logger': 'WARN',
  });
}

/** Settings every single-node test broker needs whatever its mode. */
export const singleNodeBrokerDefaults = {
  'offsets.topic.replication.factor': 1,
  'offsets.topic.num.partitions': 4,
  'transaction.state.log.replication.factor': 1,
  'transaction.state.log.min.isr': 1,
  'transaction.state.log.num.partitions': 4,
  'group.initial.rebalance.delay.ms': 0,
  'num.partitions': 1,
  'default.replication.factor': 1,
} as const;

export interface KraftSourceConfig {
  logDir: string;
  plaintextPort: number;
  controllerPort: number;
}

/** Combined broker+controller with auto-create on, like a long-lived self-managed cluster. */
export function kraftSourceProperties(config: KraftSourceConfig): string {
  return renderProperties({
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${config.controllerPort}`,
    'controller.listener.names': 'CONTROLLER',
    listeners: `PLAINTEXT://127.0.0.1:${config.plaintextPort},CONTROLLER://127.0.0.1:${config.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${config.plaintextPort}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': config.logDir,
    'auto.create.topics.enable': true,
    ...singleNodeBrokerDefaults,
  });
}

export interface KraftTargetConfig {
  logDir: string;
  plaintextPort: number;
  sslPort: number;
  saslSslPort: number;
  controllerPort: number;
  keystoreFile: string;
  truststoreFile: string;
}

/**
 * An MSK-like target: auto-create off; PLAINTEXT for the mirror and admin checks, SSL with
 * required client certificates (MSK's TLS auth), and SASL_SSL with SCRAM-SHA-512 (MSK's SCRAM).
 */
export function kraftTargetProperties(config: KraftTargetConfig): string {
  return renderProperties({
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${config.controllerPort}`,
    'controller.listener.names': 'CONTROLLER',
    listeners: [
      `PLAINTEXT://127.0.0.1:${config.plaintextPort}`,
      `SSL://127.0.0.1:${config.sslPort}`,
      `SASL_SSL://127.0.0.1:${config.saslSslPort}`,
      `CONTROLLER://127.0.0.1:${config.controllerPort}`,
    ].join(','),
    'advertised.listeners': [
      `PLAINTEXT://127.0.0.1:${config.plaintextPort}`,
      `SSL://127.0.0.1:${config.sslPort}`,
      `SASL_SSL://127.0.0.1:${config.saslSslPort}`,
    ].join(','),
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': config.logDir,
    'auto.create.topics.enable': false,
    // KIP-651 PEM stores by location: one file with key + chain, one with the trusted CA.
    'ssl.keystore.type': 'PEM',
    'ssl.keystore.location': config.keystoreFile,
    'ssl.truststore.type': 'PEM',
    'ssl.truststore.location': config.truststoreFile,
    'listener.name.ssl.ssl.client.auth': 'required',
    'listener.name.sasl_ssl.ssl.client.auth': 'none',
    'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
    'listener.name.sasl_ssl.sasl.enabled.mechanisms': 'SCRAM-SHA-512',
    'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required;',
    ...singleNodeBrokerDefaults,
  });
}

export interface ZooKeeperConfig {
  dataDir: string;
  clientPort: number;
}

export function zooKeeperProperties(config: ZooKeeperConfig): string {
  return renderProperties({
    dataDir: config.dataDir,
    clientPort: config.clientPort,
    clientPortAddress: '127.0.0.1',
    maxClientCnxns: 0,
    // ZooKeeper 3.5 otherwise opens an admin HTTP server on 8080, which may be taken.
    'admin.enableServer': false,
  });
}

export interface ZooKeeperBrokerConfig {
  logDir: string;
  plaintextPort: number;
  zooKeeperPort: number;
}

/** A Kafka 2.x broker in ZooKeeper mode, auto-create on: the shape of the story's old cluster. */
export function zooKeeperBrokerProperties(config: ZooKeeperBrokerConfig): string {
  return renderProperties({
    'broker.id': 0,
    listeners: `PLAINTEXT://127.0.0.1:${config.plaintextPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${config.plaintextPort}`,
    'zookeeper.connect': `127.0.0.1:${config.zooKeeperPort}`,
    'log.dirs': config.logDir,
    'auto.create.topics.enable': true,
    ...singleNodeBrokerDefaults,
  });
}

export interface MirrorConfig {
  sourceBootstrap: string;
  targetBootstrap: string;
  syncGroupOffsets: boolean;
  extra: Record<string, string>;
}

/** MirrorMaker 2 dedicated mode, one direction, same topic names, every interval shortened. */
export function mirrorMakerProperties(config: MirrorConfig): string {
  return renderProperties({
    clusters: 'source,target',
    'source.bootstrap.servers': config.sourceBootstrap,
    'target.bootstrap.servers': config.targetBootstrap,
    'source->target.enabled': true,
    'source->target.topics': '.*',
    'source->target.groups': '.*',
    // MM2 would otherwise run a heartbeat connector for the reverse pair and create topics on the source.
    'target->source.enabled': false,
    'target->source.emit.heartbeats.enabled': false,
    'replication.policy.class': 'org.apache.kafka.connect.mirror.IdentityReplicationPolicy',
    'sync.group.offsets.enabled': config.syncGroupOffsets,
    'sync.group.offsets.interval.seconds': 1,
    'emit.checkpoints.interval.seconds': 1,
    'emit.heartbeats.interval.seconds': 1,
    'refresh.topics.interval.seconds': 1,
    'refresh.groups.interval.seconds': 1,
    'sync.topic.configs.interval.seconds': 5,
    // Emit an offset sync for every record, so translated group offsets are exact in tests.
    'offset.lag.max': 0,
    'tasks.max': 1,
    'replication.factor': 1,
    'checkpoints.topic.replication.factor': 1,
    'heartbeats.topic.replication.factor': 1,
    'offset-syncs.topic.replication.factor': 1,
    'offset.storage.replication.factor': 1,
    'status.storage.replication.factor': 1,
    'config.storage.replication.factor': 1,
    // Worker settings are read per target cluster, so the un-prefixed key would be ignored. The
    // flush also writes the offset syncs that checkpoints translate from: at the default 60 s a
    // synced group offset lags a minute behind.
    'target.offset.flush.interval.ms': 1000,
    ...config.extra,
  });
}
