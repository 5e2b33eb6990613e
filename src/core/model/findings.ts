// Findings (stage 4: the rules, src/core/rules).
import type { Range, Severity } from './common';

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
