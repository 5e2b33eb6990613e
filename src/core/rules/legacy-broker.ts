import type { BrokerRef, Finding } from '../model/types';
import { PerObject, type Rule } from './context';

const cache = new PerObject<BrokerRef, Finding>();

/** Every connection string that still names the source cluster: the cutover's to-do list. */
export const legacyBroker: Rule = {
  id: 'legacy-broker',
  defaultSeverity: 'warning',
  run({ model, plan, severity }) {
    const out: Finding[] = [];
    for (const r of model.brokerRefs) {
      if (r.cluster !== 'source') continue;
      const readiness = r.service && r.environment ? plan.readiness[r.environment]?.[r.service] : undefined;
      const next = readiness
        ? readiness.ready
          ? '; the service is ready to move'
          : `; blocked by ${readiness.blockedBy.join(', ')}`
        : '';
      out.push(
        cache.get(r, severity + next, () => ({
          rule: 'legacy-broker',
          severity,
          service: r.service,
          environment: r.environment,
          file: r.file,
          range: r.range,
          message: `connection string names the source cluster${r.environment ? ` (${r.environment})` : ''}: ${r.hosts.map((h) => h.host).join(', ')}${next}`,
        })),
      );
    }
    return out;
  },
};
