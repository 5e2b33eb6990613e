import type { BrokerRef, Finding } from '../model/types';
import { PerObject, type Rule } from './context';

const cache = new PerObject<BrokerRef, Finding>();

/** Every connection string that still names the source cluster: the cutover's to-do list. */
export const legacyBroker: Rule = {
  id: 'legacy-broker',
  defaultSeverity: 'warning',
  run({ model, plan, severity }) {
    const out: Finding[] = [];
    // What the service waits for, once per service and environment (a service has many refs).
    const nextOf = new Map<string, string>();
    for (const r of model.brokerRefs) {
      if (r.cluster !== 'source') continue;
      const at = r.service && r.environment ? `${r.environment}\0${r.service}` : '';
      let next = nextOf.get(at);
      if (next === undefined) {
        const readiness = at ? plan.readiness[r.environment!]?.[r.service!] : undefined;
        next = readiness ? (readiness.ready ? '; the service is ready to move' : `; blocked by ${readiness.blockedBy.join(', ')}`) : '';
        nextOf.set(at, next);
      }
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
