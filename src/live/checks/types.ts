// What every live check returns: structured results for tables/JSON, and findings that point at a
// place in the repository where one exists (the kafka_topic block, the topic use, the group id).
import type { EnvironmentConfig, Model, Range, Severity } from '../../core';
import type { ClusterClient } from '../client';
import type { ClusterSide } from '../secrets';

export type CheckName = 'connect' | 'topics' | 'mirror' | 'lag' | 'clients' | 'producers' | 'health' | 'offsets';

/** Every check, in the order `check all` reports them (the windowed ones last, sharing one window). */
export const CHECKS: readonly CheckName[] = ['connect', 'topics', 'mirror', 'lag', 'clients', 'offsets', 'producers', 'health'];

/** Rule ids of the findings that confirm or contradict the plan (a contract: never renamed). */
export type LiveRuleId =
  | 'unknown-consumer'
  | 'consumer-left-on-source'
  | 'consumer-not-on-target'
  | 'unrouted-producer'
  | 'producer-silent'
  | 'consumer-lagging'
  | 'consumer-stalled'
  | 'consumer-rewound'
  | 'consumer-no-commits';

export interface LiveFinding {
  check: CheckName;
  /** Set on the findings the plan merges (see LiveRuleId). */
  rule?: LiveRuleId;
  severity: Severity;
  environment: string;
  cluster?: ClusterSide;
  message: string;
  topic?: string;
  group?: string;
  service?: string;
  /** Client hosts the finding is about (members of a group). */
  hosts?: string[];
  /** Partitions the finding is about (end offsets that grew, partitions that stalled). */
  partitions?: number[];
  /** Relative to the scanned root, when the finding has a place. */
  file?: string;
  range?: Range;
}

export interface CheckContext {
  model: Model;
  environment: EnvironmentConfig;
  /** Clients are made on first use, so a check that needs one cluster never dials the other. */
  client(side: ClusterSide): Promise<ClusterClient>;
  signal?: AbortSignal;
}

export interface CheckResult<T> {
  check: CheckName;
  environment: string;
  results: T;
  findings: LiveFinding[];
}
