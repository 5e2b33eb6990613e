// The model of a whole repository (stage 2: FileFacts -> Model, model/build.ts): services, their
// classified references, topics and who uses them.
import type { Problem } from './common';
import type { Manifest } from './manifest';
import type { BrokerRefText, FileFacts, MirrorDecl, MirrorFlow, MskClusterDecl, OffsetReset, TopicDecl, TopicUse } from './facts';

/**
 * Which cluster a connection string names. `local` is a development address (`localhost`, `127.0.0.1`,
 * `host.docker.internal`, a broker service of the same compose file): it never counts toward a state.
 */
export type Cluster = 'source' | 'target' | 'local' | 'unknown';

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
