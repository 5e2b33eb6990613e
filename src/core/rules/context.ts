import type { Severity } from '../model/common';
import type { Model } from '../model/repository';
import type { Plan } from '../model/readiness';
import type { Finding, RuleId } from '../model/findings';

export interface RuleContext {
  model: Model;
  plan: Plan;
  severity: Severity;
}

export interface Rule {
  id: RuleId;
  defaultSeverity: Severity;
  /** Runs once `plan.verdicts` and the readiness fixes are settled (its message states the verdict). */
  afterVerdicts?: boolean;
  run(ctx: RuleContext): Finding[];
}

/**
 * Remembers a value per object (a BrokerRef, a topic use) under a key of what else it depends on.
 * The model keeps unchanged files' objects between analyses, so a keystroke recomputes only what changed.
 */
export class PerObject<K extends object, V> {
  private readonly map = new WeakMap<K, { key: string; value: V }>();
  get(obj: K, key: string, compute: () => V): V {
    const hit = this.map.get(obj);
    if (hit && hit.key === key) return hit.value;
    const value = compute();
    this.map.set(obj, { key, value });
    return value;
  }
}

/** Broker refs of a service, any cluster. */
export function refsOfService(model: Model, service: string): Model['brokerRefs'] {
  return model.refsByService.get(service) ?? [];
}

/** Refs of a service that count in an environment (refs with no known environment count in all). */
export function refsIn(model: Model, service: string, env: string): Model['brokerRefs'] {
  return refsOfService(model, service).filter((r) => r.environment === env || r.environment === undefined);
}
