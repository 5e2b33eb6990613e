// What the extractors find in one file (stage 1: files -> FileFacts). Nothing here is classified yet:
// which cluster a host is, and which service a file belongs to, are the model's business.
import type { Problem, Range, TextEdit } from './common';
import type { AuthMode } from './manifest';

export type FileFormat =
  | 'dotenv'
  | 'properties'
  | 'yaml'
  | 'json'
  | 'hcl'
  | 'typescript'
  | 'go'
  | 'python'
  | 'java'
  | 'kotlin'
  | 'csharp'
  | 'shell'
  | 'sql'
  | 'toml'
  | 'ini'
  | 'hocon'
  | 'xml'
  | 'other';

/** One `host:port` inside a connection string, with its exact place in the file. */
export interface HostToken {
  host: string;
  /** Undefined when the text names no port (`kafka1`): a port is then implied by the client (9092). */
  port?: number;
  /** `PLAINTEXT://`, `SSL://`, ... when written; part of the token's text but not of host/port. */
  protocol?: string;
  /** The range of `host[:port]` only (protocol prefix excluded). */
  range: Range;
  /** 0-based UTF-16 offsets in the file, for edits. Same text as `range`. */
  offset: number;
  length: number;
}

/**
 * One connection string as written: a scalar (`"a:9092,b:9092"`) or a list of scalars
 * (`['a:9092', 'b:9092']`, a YAML sequence). `parts` are the scalars (content without quotes);
 * `hosts` are every host token across the parts, in file order.
 */
export interface BrokerRefText {
  file: string;
  format: FileFormat;
  /** The key, variable or property that holds it (`KAFKA_BROKERS`, `spring.kafka.bootstrap-servers`), if any. */
  key?: string;
  /**
   * How it was written; `code-default` is a fallback such as `process.env.X ?? 'host:9092'`.
   * `indirect`: a client setting whose value is a reference (`$BROKERS`, `{{ .Values.kafka }}`,
   * `os.Getenv("BROKERS")`, `${app.kafka}`): `parts`/`hosts` are empty (nothing literal here), `expression`
   * is the text as written and `reads` the names it reads; the model resolves them (`BrokerRef.resolvesTo`).
   * `test`: found in test code (`*_test.go`, `src/test/**`, `tests/**`, `*.spec.*`): reported, never
   * changes a service's state.
   */
  kind: 'config' | 'code-default' | 'code-literal' | 'command' | 'indirect' | 'test';
  /** For `indirect` refs: the value's text as written (`${KAFKA_HOST}:${KAFKA_PORT}`). */
  expression?: string;
  /** For `indirect` refs: what the expression reads, in order. */
  reads?: Indirection[];
  /** For `indirect` refs (which have no parts): the 0-based UTF-16 offset of the expression in the file. */
  offset?: number;
  /** From the start of the first part to the end of the last. */
  range: Range;
  parts: Array<{ text: string; range: Range; offset: number; length: number }>;
  hosts: HostToken[];
  /** Written as a list (one element per broker), even when it has a single element. */
  list?: boolean;
}

/**
 * A name a value is read through, before the model resolves it against the settings the repository
 * holds. `env`: an environment variable (`$X`, `${X:-d}`, `process.env.X`, `os.Getenv("X")`, `{{ env "X" }}`);
 * `placeholder`: Spring `${a.b:d}`; `helm`: `.Values.a.b`; `terraform`: `var.x` / `local.x`;
 * `gha`: GitHub Actions `env.X` / `vars.X` / `secrets.X` (name `secrets.X` etc.); `consul`: `{{ key "p" }}`
 * (set outside the repository); `constant`: a named constant in code; `flag`: a command-line flag.
 */
export interface Indirection {
  kind: 'env' | 'placeholder' | 'helm' | 'terraform' | 'gha' | 'consul' | 'vault' | 'ssm' | 'constant' | 'flag';
  name: string;
  /** A literal default written in the expression (`${X:-kafka:9092}`, `os.getenv("X", "kafka:9092")`). */
  fallback?: string;
}

export type TopicDirection = 'produce' | 'consume';

/**
 * A topic a piece of code or config reads or writes. Either the name is literal (`topic`), or it is
 * named through an indirection (`via`) that the model resolves with the same service's settings.
 */
export interface TopicUse {
  file: string;
  direction: TopicDirection;
  topic?: string;
  /**
   * `constant`: a named constant in code that the file does not define (`Topics.ORDERS`); the model
   * resolves it like any other setting, against the `Setting`s code readers emit for string constants.
   */
  via?: { kind: 'env'; name: string } | { kind: 'placeholder'; name: string; fallback?: string } | { kind: 'constant'; name: string };
  /**
   * `streams`: an internal topic Kafka Streams creates and manages itself (`<application.id>-<name>-repartition`,
   * `<application.id>-<store>-changelog`): it is not declared in Terraform and need not be mirrored.
   */
  internal?: 'streams';
  /** True when the name is a pattern (a regex such as `orders\..*`, `Pattern.compile`) rather than one topic. */
  pattern?: boolean;
  /** The client API that made the call: `kafkajs`, `kafka-go`, `sarama`, `confluent-kafka`, `spring`, `java`, `config`. */
  client: string;
  range: Range;
}

/**
 * A key/value seen in config (env files, env lists, properties, flattened YAML/JSON keys, HCL env blocks).
 * Used to resolve indirection (env vars, `${placeholders}`) and to read consumer settings.
 */
export interface Setting {
  file: string;
  key: string;
  value: string;
  range: Range;
  /**
   * 0-based UTF-16 offset of the value when the file holds it verbatim there (so a literal that an
   * indirect connection setting reads can be rewritten where it is defined); absent otherwise.
   */
  offset?: number;
}

/**
 * Where a consumer's start position is decided, per client. `value` is what the client will do when
 * the group has no committed offset: `earliest`, `latest`, or `unknown` (an expression we can't read).
 * `explicit: false` means the client default applies (kafkajs fromBeginning defaults to false = latest).
 */
export interface OffsetReset {
  file: string;
  client: string;
  value: 'earliest' | 'latest' | 'unknown';
  explicit: boolean;
  /** The range of the value text to replace when explicit, or the anchor to insert after when not. */
  range: Range;
  /** The exact edit that makes it earliest (computed by the extractor that knows the syntax). */
  fix?: TextEdit;
}

/**
 * A client security setting next to connection strings: what decides whether a client can talk to the
 * target's auth mode. Emitted by config readers (`security.protocol`, `KAFKA_TLS=false`, a `PLAINTEXT://`
 * scheme is read from the ref itself) and by code readers (kafkajs `ssl`/`sasl`, kafka-go Dialer TLS and
 * SASLMechanism, sarama `Net.TLS.Enable`/`Net.SASL`, confluent `security.protocol`/`sasl.mechanism`).
 */
export interface SecurityHint {
  file: string;
  client: string;
  /** `protocol` (PLAINTEXT|SSL|SASL_SSL|SASL_PLAINTEXT), `tls` (true|false), `sasl-mechanism` (PLAIN|SCRAM-SHA-512|OAUTHBEARER|AWS_MSK_IAM|aws…), `client-cert` (present). */
  kind: 'protocol' | 'tls' | 'sasl-mechanism' | 'client-cert';
  value: string;
  range: Range;
  /** The settings key as written (`security.protocol`, `KAFKA_TLS`, `ssl`). */
  key?: string;
  /**
   * 0-based UTF-16 offset and length of `value` in the file when it is written there verbatim: the
   * security-protocol-mismatch fix rewrites exactly that text. Absent when the value is not literal.
   */
  offset?: number;
  length?: number;
}

/** A consumer group id seen in code or config. */
export interface ConsumerGroupUse {
  file: string;
  group?: string;
  via?: TopicUse['via'];
  client: string;
  range: Range;
}

/** A `kafka_topic` resource (Mongey/kafka provider), or a Strimzi `KafkaTopic`. */
export interface TopicDecl {
  name: string;
  file: string;
  range: Range;
  /** Terraform address, e.g. `kafka_topic.orders["eu"]`. */
  address?: string;
  partitions?: number;
  replicationFactor?: number;
  config?: Record<string, string>;
}

export interface AclDecl {
  file: string;
  range: Range;
  resourceName: string;
  resourceType: string;
  principal?: string;
  operation?: string;
}

/** An `aws_msk_cluster` as Terraform declares it. */
export interface MskClusterDecl {
  file: string;
  range: Range;
  name: string;
  clusterName?: string;
  kafkaVersion?: string;
  /** Auth modes enabled by `client_authentication` (`tls {}` => mtls, `sasl { scram, iam }`, unauthenticated => plaintext). */
  authModes: AuthMode[];
  /** `encryption_in_transit.client_broker`: TLS, TLS_PLAINTEXT or PLAINTEXT. */
  clientBroker?: string;
  /** From the linked `aws_msk_configuration.server_properties`, when it can be followed. */
  autoCreateTopics?: boolean;
}

/** One MirrorMaker 2 cluster alias and the bootstrap servers the mirror uses for it (not a service's client connection). */
export interface MirrorCluster {
  alias: string;
  /** The hosts as written; empty when the value is not literal. */
  bootstrap?: string;
  range: Range;
}

/**
 * One replication flow of a MirrorMaker 2 config (`mm2.properties`, a ConfigMap/Nomad block holding it,
 * Strimzi `KafkaMirrorMaker2`): `<source>-><target>` with the patterns that decide which topics it copies.
 */
export interface MirrorFlow {
  source: string;
  target: string;
  /** `<src>-><tgt>.enabled` (MM2 default false for a flow not listed; Strimzi mirrors are enabled). */
  enabled: boolean;
  /** Regexes (Java syntax, whole-name match) of topics copied; MM2 default `.*`. */
  topics: string[];
  /** Regexes of topics not copied; MM2 default `.*[\-\.]internal`, `.*\.replica`, `__.*`. */
  topicsExclude: string[];
  /** `sync.group.offsets.enabled` (default false; Kafka 2.7+). */
  syncGroupOffsets: boolean;
  /** `emit.checkpoints.enabled` (default true). */
  emitCheckpoints: boolean;
  /** `replication.policy.class` of the source connector; undefined = `DefaultReplicationPolicy` (prefixes `<source>.`). */
  replicationPolicy?: string;
  /** Of the checkpoint connector when written separately (Strimzi `checkpointConnector.config`). */
  checkpointReplicationPolicy?: string;
  /** Where the flow is declared (`a->b.enabled`, the Strimzi mirror entry, else the `clusters` line). */
  range: Range;
  /**
   * MM2 run as Kafka Connect connectors (MSK Connect, a Connect cluster): which connector this record
   * comes from. `source` states the topics and policy; `checkpoint` the offset sync and its own policy.
   * The model merges the two of one alias pair; a flow known only from its checkpoint connector says
   * nothing about which topics are copied.
   */
  connector?: 'source' | 'checkpoint';
}

/** A MirrorMaker 2 configuration found in the repository. */
export interface MirrorDecl {
  file: string;
  range: Range;
  clusters: MirrorCluster[];
  flows: MirrorFlow[];
}

/** Everything extracted from one file. Extractors never throw: bad input becomes `problems`. */
export interface FileFacts {
  file: string;
  format: FileFormat;
  brokerRefs: BrokerRefText[];
  topicUses: TopicUse[];
  settings: Setting[];
  offsetResets: OffsetReset[];
  groups: ConsumerGroupUse[];
  topicDecls: TopicDecl[];
  acls: AclDecl[];
  mskClusters: MskClusterDecl[];
  security: SecurityHint[];
  /** MirrorMaker 2 configs (their cluster bootstraps are mirror facts, never the file's broker refs). */
  mirrors: MirrorDecl[];
  problems: Problem[];
}

export function emptyFacts(file: string, format: FileFormat): FileFacts {
  return {
    file,
    format,
    brokerRefs: [],
    topicUses: [],
    settings: [],
    offsetResets: [],
    groups: [],
    topicDecls: [],
    acls: [],
    mskClusters: [],
    security: [],
    mirrors: [],
    problems: [],
  };
}
