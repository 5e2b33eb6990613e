import type { Rule } from './context';

/** Every connection string that still names the source cluster: the cutover's to-do list. */
export const legacyBroker: Rule = {
  id: 'legacy-broker',
  defaultSeverity: 'warning',
  run({ model, plan }) {
    return model.brokerRefs
      .filter((r) => r.cluster === 'source')
      .map((r) => {
        const env = r.environment ? ` (${r.environment})` : '';
        const readiness = r.service && r.environment ? plan.readiness[r.environment]?.[r.service] : undefined;
        const next = readiness
          ? readiness.ready
            ? '; the service is ready to move'
            : `; blocked by ${readiness.blockedBy.join(', ')}`
          : '';
        return {
          service: r.service,
          environment: r.environment,
          file: r.file,
          range: r.range,
          message: `connection string names the source cluster${env}: ${r.hosts.map((h) => h.host).join(', ')}${next}`,
        };
      });
  },
};
