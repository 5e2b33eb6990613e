import type { BrokerRef } from '../model/types';
import type { Rule } from './context';

// Refs are kept between analyses (see ModelCache), so their host lists are joined once.
const hostLists = new WeakMap<BrokerRef, string>();
function hostList(r: BrokerRef): string {
  let s = hostLists.get(r);
  if (s === undefined) hostLists.set(r, (s = r.hosts.map((h) => h.host).join(', ')));
  return s;
}

/** Every connection string that still names the source cluster: the cutover's to-do list. */
export const legacyBroker: Rule = {
  id: 'legacy-broker',
  defaultSeverity: 'warning',
  run({ model, plan }) {
    const out: ReturnType<Rule['run']> = [];
    for (const r of model.brokerRefs) {
      if (r.cluster !== 'source') continue;
      const env = r.environment ? ` (${r.environment})` : '';
      const readiness = r.service && r.environment ? plan.readiness[r.environment]?.[r.service] : undefined;
      const next = readiness
        ? readiness.ready
          ? '; the service is ready to move'
          : `; blocked by ${readiness.blockedBy.join(', ')}`
        : '';
      out.push({
        service: r.service,
        environment: r.environment,
        file: r.file,
        range: r.range,
        message: `connection string names the source cluster${env}: ${hostList(r)}${next}`,
      });
    }
    return out;
  },
};
