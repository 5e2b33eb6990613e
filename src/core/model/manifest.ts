// The manifest (kafka-cutover.yaml), after validation and defaults.
import type { Severity } from './common';
import type { Role } from './repository';

export type AuthMode = 'plaintext' | 'tls' | 'mtls' | 'sasl_scram' | 'iam';

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
