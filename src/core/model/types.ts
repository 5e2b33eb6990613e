// The shapes every part of the engine agrees on. Data flows one way:
// files -> FileFacts (extract) -> Model (model/build) -> Plan (plan) -> Finding (rules) -> Edit (rewrite).
// Nothing here knows about VS Code, the network or the disk.

/** 1-based line and column; columns count UTF-16 code units (as VS Code and tree-sitter do). */
export interface Position {
  line: number;
  column: number;
}

/** A half-open range: `end` is the first position after the text. */
export interface Range {
  start: Position;
  end: Position;
}

/**
 * Which cluster a connection string names. `local` is a development address (`localhost`, `127.0.0.1`,
 * `host.docker.internal`, a broker service of the same compose file): it never counts toward a state.
 */
export type Cluster = 'source' | 'target' | 'local' | 'unknown';

export type Severity = 'error' | 'warning' | 'info';

/** A problem met while reading input: never thrown, always reported with a place. */
export interface Problem {
  /** Relative to the scanned root, `/` separators. */
  file: string;
  line: number;
  column: number;
  message: string;
  severity: Severity;
}

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

export type AuthMode = 'plaintext' | 'tls' | 'mtls' | 'sasl_scram' | 'iam';

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

/** An edit as data, until the very edge (the CLI writes files, the extension builds a WorkspaceEdit). */
export interface TextEdit {
  file: string;
  /** 0-based UTF-16 offsets into the file's text as scanned. */
  offset: number;
  length: number;
  newText: string;
  /** For display and for VS Code. */
  range: Range;
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

// ---------------------------------------------------------------------------------------------
// The manifest (kafka-cutover.yaml), after validation and defaults.

export interface ClusterEndpoint {
  /** Bootstrap brokers as `host:port`, in the manifest's order. */
  brokers: string[];
  /** Kafka version (source), e.g. `1.0.0`. */
  version?: string;
  auth?: AuthMode;
  /** Hosts that also mean this cluster (proxies, aliases), e.g. `kafka-proxy.service.consul`. */
  aliases?: string[];
  /** Absolute paths (resolved from the manifest's folder) for live checks over TLS. */
  ca?: string;
  cert?: string;
  key?: string;
  /** SASL/SCRAM user; the password never lives in the manifest. */
  username?: string;
  region?: string;
}

export interface EnvironmentConfig {
  name: string;
  source: ClusterEndpoint;
  target: ClusterEndpoint;
}

export interface Manifest {
  version: 1;
  /** Absolute path of the manifest file; undefined in zero-config mode. */
  path?: string;
  environments: EnvironmentConfig[];
  mirror: {
    mode: 'active-passive' | 'active-active';
    offsetSync: boolean;
    offsetSyncExplicit: boolean;
    /** The manifest says `mirror.mode`; when false, a repository MM2 config with both directions enabled makes it active-active. */
    modeExplicit?: boolean;
  };
  services: {
    roots: string[];
    overrides: Record<string, { role?: Role; name?: string }>;
  };
  ignore: string[];
  /** Rule id -> severity or 'off'. */
  rules: Record<string, Severity | 'off'>;
  /** Where the fleet's status lives (`kafka-cutover publish` / `fleet`), when the manifest names it. */
  fleet?: FleetConfig;
}

export interface FleetConfig {
  cluster: ClusterEndpoint;
  /** The compacted topic; default `kafka-cutover.fleet`. */
  topic: string;
  /** This repository's id in the fleet; default from the git remote. */
  repository?: string;
}

// ---------------------------------------------------------------------------------------------
// The model: services, references and topics of a whole repository.

export type Role = 'consumer' | 'producer' | 'producer-consumer' | 'unknown';
/** `unknown`: the service connects through a value the repository does not hold (a CI secret, Consul, a variable set nowhere). */
export type ServiceState = 'source' | 'target' | 'mixed' | 'none' | 'unknown';

/** One literal an indirect ref resolves to, where it is defined. */
export interface ResolvedValue {
  value: string;
  file: string;
  line: number;
  column: number;
  environment?: string;
  cluster: Cluster;
  /** How it was reached, in plain words (`BROKERS from .env.prod:3`). */
  via: string;
  /**
   * The whole connection string the expression yields with this literal in its environment, when it is
   * not the literal itself (`${KAFKA_HOST}:${KAFKA_PORT}` -> `kafka1:9092`).
   */
  connection?: string;
  /** Why migrate does not rewrite this literal (it is only part of a connection string, or not verbatim), if so. */
  manual?: string;
  /** Zero-config: `cluster` is the inferred source (see BrokerRef.inferred). */
  inferred?: boolean;
}

/** A broker ref with its classification. */
export interface BrokerRef extends BrokerRefText {
  /** For `indirect` refs: the cluster of what it resolves to in its environment (`unknown` when unresolved). */
  cluster: Cluster;
  /** Zero-config: the source cluster was inferred (a non-MSK host a deploy config names), not declared. */
  inferred?: boolean;
  /** For `indirect` refs: every literal the expression resolves to. */
  resolvesTo?: ResolvedValue[];
  /** For `indirect` refs that resolve to nothing in the repository: the names to change and where the tool looked. */
  unresolved?: { names: string[]; lookedIn: string[]; outside?: 'ci-secret' | 'consul' | 'vault' | 'ssm' | 'unset' };
  /** Environment name, or undefined when unknown. */
  environment?: string;
  /** Service name, or undefined when the file belongs to no service. */
  service?: string;
  /**
   * A literal that is only part of a connection string assembled elsewhere (`KAFKA_HOST=kafka1` read by
   * `${KAFKA_HOST}:${KAFKA_PORT}`): why migrate does not rewrite it on its own (it lists it as skipped).
   */
  assembled?: string;
}

export interface Service {
  name: string;
  /** Root folder relative to the scanned dir (`services/billing-api`). */
  root: string;
  role: Role;
  produces: string[];
  consumes: string[];
  /** Environments this service's refs mention (or the manifest's, when refs name none). */
  state: Record<string, ServiceState>;
  files: string[];
  groups: string[];
}

export interface TopicInfo {
  name: string;
  declared: boolean;
  decl?: TopicDecl;
  producers: string[];
  consumers: string[];
}

export interface Model {
  root: string;
  manifest: Manifest;
  zeroConfig: boolean;
  environments: string[];
  services: Service[];
  brokerRefs: BrokerRef[];
  topics: TopicInfo[];
  /** Topic uses after resolving indirection, with their service. */
  topicUses: Array<TopicUse & { service?: string; resolved: string | undefined }>;
  /** Broker refs by service (kept between analyses for unchanged services). */
  refsByService: ReadonlyMap<string, BrokerRef[]>;
  /** With their service, and the environment their file's path names (`application-prod.yml`), if any. */
  offsetResets: Array<OffsetReset & { service?: string; fileEnvironment?: string }>;
  facts: ReadonlyMap<string, FileFacts>;
  mskClusters: MskClusterDecl[];
  /** MirrorMaker 2 configs found in the repository. */
  mirrors: MirrorDecl[];
  /**
   * The mirror as the analysis uses it: the manifest's where it says so, else the repository's MM2 config
   * (offset sync from `sync.group.offsets.enabled`, active-active when both directions are enabled).
   * `model.manifest.mirror` carries the same effective values, so every rule reads one truth.
   */
  mirror: Manifest['mirror'] & {
    from: 'manifest' | 'repository' | 'default';
    flow?: MirrorFlow;
    file?: string;
    /** A mirror config per environment (`mm2-prod.properties`, `mm2-dev.properties`), by the hosts of its source alias. */
    byEnvironment?: Record<string, { flow: MirrorFlow; file: string }>;
  };
  problems: Problem[];
  /** Files skipped by discovery (too large, binary, unreadable), with why. */
  skipped: Array<{ file: string; reason: string }>;
}

/** A fact a verdict stands on, at its place: `services/notify/.env.prod:2:13 consumes alerts`. */
export interface Evidence {
  file: string;
  line: number;
  column: number;
  note: string;
}

/**
 * `ready`: proven (every consumer of what it produces is on the target and nothing the verdict depends on
 * is unknown); `ready-after-fixes`: ready once its own error findings are fixed (`fixes`); `blocked`: a
 * consumer of what it produces still reads the source (`blockers`); `unknown`: evidence is missing (`unknown`).
 */
export type ReadinessStatus = 'ready' | 'ready-after-fixes' | 'blocked' | 'unknown';

/** A consumer still on the source that reads a topic the service (or its cycle) produces. */
export interface Blocker {
  service: string;
  topic: string;
  state: ServiceState;
  /** Where the blocker consumes the topic. */
  evidence: Evidence[];
}

/** Why readiness cannot be proven. */
export type UnknownCode =
  | 'unresolved-connection'
  | 'unknown-role'
  | 'unresolved-topic'
  | 'pattern-consumer'
  | 'unresolved-consumer'
  | 'connection-outside-repo'
  | 'parse-failed'
  | 'consumer-unknown';

export interface UnknownReason {
  code: UnknownCode;
  message: string;
  evidence: Evidence[];
}

/** One of the service's own error findings that must be fixed before (or, for `migrate`, while) it moves. */
export interface Fix {
  rule: RuleId;
  service: string;
  message: string;
  file: string;
  line: number;
  column: number;
  /**
   * The `migrate` flag that applies it (`--offset-reset`, `--add-topics`); `migrate` when the rewrite itself
   * fixes it (a target port); undefined when it must be fixed by hand.
   */
  flag?: string;
}

export interface Readiness {
  status: ReadinessStatus;
  /** True only when `status` is `ready`. */
  ready: boolean;
  /** Names of the blockers, sorted (kept for readers of the first report version). */
  blockedBy: string[];
  blockers: Blocker[];
  unknown: UnknownReason[];
  fixes: Fix[];
}

/**
 * How one service stands in one environment, the single verdict every surface shows. `moved-at-risk`: on
 * the target with an error finding of its own; `hazard`: a producer on the target ahead of its consumers.
 */
export type Verdict = 'moved' | 'moved-at-risk' | ReadinessStatus | 'mixed' | 'absent' | 'hazard';

export interface Plan {
  /** Service name -> wave (1 consumers, 2 producer-consumers, 3 producers, 4 unknown role). */
  wave: Record<string, number>;
  /** Wave-2 services in a safe order; services in a cycle form one group that moves together. */
  order: string[][];
  cycles: string[][];
  /** env -> service -> readiness, for services not yet moved (state source, mixed or unknown). */
  readiness: Record<string, Record<string, Readiness>>;
  /** env -> service -> verdict, for every service; settled once the rules ran (plan/verdicts.ts). */
  verdicts: Record<string, Record<string, Verdict>>;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  service?: string;
  topic?: string;
  environment?: string;
  file: string;
  range: Range;
  message: string;
  /** `migrate` itself applies the whole fix (a scheme or flag it changes with the move; nothing left by hand). */
  fixedByMigrate?: boolean;
}

export type RuleId =
  | 'legacy-broker'
  | 'producer-before-consumers'
  | 'offset-reset-not-earliest'
  | 'auth-port-mismatch'
  | 'topic-not-in-terraform'
  | 'mixed-clusters'
  | 'security-protocol-mismatch'
  | 'topic-not-mirrored';
