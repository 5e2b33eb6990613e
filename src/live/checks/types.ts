// What every live check returns: structured results for tables/JSON, and findings that point at a
// place in the repository where one exists (the kafka_topic block, the topic use, the group id).
import type { EnvironmentConfig, Model, Range, Severity } from '../../core/model/types';
import type { ClusterClient } from '../client';
import type { ClusterSide } from '../secrets';

export type CheckName = 'connect' | 'topics' | 'mirror' | 'lag';

export interface LiveFinding {
  check: CheckName;
  severity: Severity;
  environment: string;
  cluster?: ClusterSide;
  message: string;
  topic?: string;
  group?: string;
  service?: string;
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
