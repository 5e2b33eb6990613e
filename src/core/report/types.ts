// The JSON report: the stable, machine-readable face of a scan (`--format json`), and the input of every
// other renderer. Fields may be added, never renamed. Paths are relative with `/`; absent values are null.
import type { Severity } from '../model/common';
import type { BrokerRefText } from '../model/facts';
import type { BrokerRef, Cluster, Service } from '../model/repository';
import type { Readiness, Verdict } from '../model/readiness';
import type { RuleId } from '../model/findings';
import type { ServiceEvidence } from '../plan/evidence';

export interface JsonReport {
  version: 1;
  environments: string[];
  /** By wave (unplanned last), then name. */
  services: ServiceEntry[];
  /** Wave-2 services in a safe order; inner arrays move together. */
  order: string[][];
  cycles: string[][];
  /** By file, line, column. */
  brokerRefs: BrokerRefEntry[];
  /** By name. */
  topics: TopicEntry[];
  /** By file, line, rule. */
  findings: FindingEntry[];
  problems: ProblemEntry[];
  skipped: Array<{ file: string; reason: string }>;
}

export interface ServiceEntry extends Pick<Service, 'name' | 'root' | 'role' | 'produces' | 'consumes' | 'state'> {
  wave: number | null;
  /** Only for environments where the service has not moved. */
  readiness: Record<string, Readiness>;
  /** The verdict per environment (moved, moved-at-risk, ready, ready-after-fixes, blocked, unknown, mixed, absent, hazard). */
  status: Record<string, Verdict>;
  /** The facts the role and each environment's state stand on (`file:line:column` + a note). */
  evidence: ServiceEvidence;
}

export interface BrokerRefEntry {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The text as written; a list's parts joined with `,`. */
  value: string;
  cluster: Cluster;
  environment: string | null;
  service: string | null;
  key: string | null;
  kind: BrokerRefText['kind'];
  /** Zero-config only: the cluster is inferred (a non-MSK host a deploy config names for an environment), not declared. */
  inferred: boolean;
  /** Indirect refs only: the names the expression reads, each literal it resolves to, what stays unresolved. */
  reads?: BrokerRefText['reads'];
  resolvesTo?: BrokerRef['resolvesTo'];
  unresolved?: BrokerRef['unresolved'];
}

export interface TopicEntry {
  name: string;
  declared: boolean;
  file: string | null;
  line: number | null;
  producers: string[];
  consumers: string[];
}

export interface FindingEntry {
  rule: RuleId;
  severity: Severity;
  service: string | null;
  topic?: string;
  environment: string | null;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

export interface ProblemEntry {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
}

export type ReportFormat = 'table' | 'json' | 'csv' | 'markdown' | 'sarif';

export interface RenderOptions {
  /** Only this environment. */
  env?: string;
  /** ANSI colour (table only). */
  color?: boolean;
  /** Columns the table must fit (table only); undefined prints every row on one line (`--wide`). */
  width?: number;
}
