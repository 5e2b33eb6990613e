// The plan (stage 3: Model -> Plan, src/core/plan): waves and order, readiness, verdicts and the
// evidence they stand on.
import type { ServiceState } from './repository';
import type { RuleId } from './findings';

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
