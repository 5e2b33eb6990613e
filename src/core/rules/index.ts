// Runs every rule, each a small pure function in its own file named after its id.
import type { Severity } from '../model/common';
import type { Model } from '../model/repository';
import type { Plan } from '../model/readiness';
import type { Finding, RuleId } from '../model/findings';
import type { Rule } from './context';
import { legacyBroker } from './legacy-broker';
import { producerBeforeConsumers } from './producer-before-consumers';
import { offsetResetNotEarliest } from './offset-reset-not-earliest';
import { authPortMismatch } from './auth-port-mismatch';
import { topicNotInTerraform } from './topic-not-in-terraform';
import { mixedClusters } from './mixed-clusters';
import { securityProtocolMismatch } from './security-protocol-mismatch';
import { topicNotMirrored } from './topic-not-mirrored';
import { settleVerdicts } from '../plan/verdicts';

export const RULES: readonly Rule[] = [
  legacyBroker,
  producerBeforeConsumers,
  offsetResetNotEarliest,
  authPortMismatch,
  topicNotInTerraform,
  mixedClusters,
  securityProtocolMismatch,
  topicNotMirrored,
];

export const RULE_IDS = RULES.map((r) => r.id) as RuleId[];

/** Severity per rule: `overrides` (editor settings) over the manifest's `rules` over the default. */
export function runRules(model: Model, plan: Plan, overrides: Partial<Record<RuleId, Severity | 'off'>> = {}): Finding[] {
  const findings: Finding[] = [];
  const run = (rule: Rule) => {
    const severity = overrides[rule.id] ?? model.manifest.rules[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') return;
    for (const f of rule.run({ model, plan, severity })) findings.push(f);
  };
  for (const rule of RULES) if (!rule.afterVerdicts) run(rule);
  // A service's own error findings decide its verdict (ready after fixes, moved at risk); rules that
  // state the verdict in their message run after it is settled.
  settleVerdicts(model, plan, findings);
  for (const rule of RULES) if (rule.afterVerdicts) run(rule);
  // Unordered: the reports and the editor order them for display.
  return findings;
}
