import type { Finding, Model, Plan, RuleId, Severity } from '../model/types';

export interface RuleContext {
  model: Model;
  plan: Plan;
  severity: Severity;
}

export interface Rule {
  id: RuleId;
  defaultSeverity: Severity;
  run(ctx: RuleContext): Omit<Finding, 'rule' | 'severity'>[];
}

const refsCache = new WeakMap<Model, Map<string, Model['brokerRefs']>>();
/** Broker refs grouped by service, computed once per model. */
export function refsOfService(model: Model, service: string): Model['brokerRefs'] {
  let map = refsCache.get(model);
  if (!map) {
    map = new Map();
    for (const r of model.brokerRefs) {
      if (!r.service) continue;
      const list = map.get(r.service);
      if (list) list.push(r);
      else map.set(r.service, [r]);
    }
    refsCache.set(model, map);
  }
  return map.get(service) ?? [];
}

/** Refs of a service that count in an environment (refs with no known environment count in all). */
export function refsIn(model: Model, service: string, env: string): Model['brokerRefs'] {
  return refsOfService(model, service).filter((r) => r.environment === env || r.environment === undefined);
}
