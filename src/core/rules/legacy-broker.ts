import type { BrokerRef, Finding, Readiness, Severity } from '../model/types';
import { PerObject, type Rule } from './context';

// Findings are kept per ref and the readiness text per service and environment between analyses, so a
// keystroke rebuilds neither (1,000 services have ~1,500 source refs).
const findings: Record<Severity, PerObject<BrokerRef, Finding>> = { error: new PerObject(), warning: new PerObject(), info: new PerObject() };
const suffixes = new Map<string, { ready: boolean; blockedBy: string[]; text: string }>();

/** `; blocked by a, b` or `; the service is ready to move`, the same string while readiness is unchanged. */
function suffixOf(env: string, service: string, readiness: Readiness | undefined): string {
  if (!readiness) return '';
  const key = env + '\0' + service;
  const hit = suffixes.get(key);
  if (hit && hit.ready === readiness.ready && hit.blockedBy.length === readiness.blockedBy.length && hit.blockedBy.every((b, i) => b === readiness.blockedBy[i])) {
    return hit.text;
  }
  const text = readiness.ready ? '; the service is ready to move' : `; blocked by ${readiness.blockedBy.join(', ')}`;
  suffixes.set(key, { ready: readiness.ready, blockedBy: readiness.blockedBy, text });
  return text;
}

/** Every connection string that still names the source cluster: the cutover's to-do list. */
export const legacyBroker: Rule = {
  id: 'legacy-broker',
  defaultSeverity: 'warning',
  run({ model, plan, severity }) {
    const out: Finding[] = [];
    const cache = findings[severity];
    // Refs of one service in one environment are adjacent: look their readiness up once per run of them.
    let lastEnv: string | undefined;
    let lastService: string | undefined;
    let next = '';
    for (const r of model.brokerRefs) {
      // An indirect ref has no hosts: the literal it resolves to is a ref of its own and carries the finding.
      if (r.cluster !== 'source' || r.kind === 'indirect') continue;
      if (r.environment !== lastEnv || r.service !== lastService) {
        lastEnv = r.environment;
        lastService = r.service;
        next = r.service && r.environment ? suffixOf(r.environment, r.service, plan.readiness[r.environment]?.[r.service]) : '';
      }
      const text = next;
      out.push(
        cache.get(r, text, () => ({
          rule: 'legacy-broker',
          severity,
          service: r.service,
          environment: r.environment,
          file: r.file,
          range: r.range,
          message: `connection string names the source cluster${r.environment ? ` (${r.environment})` : ''}: ${r.hosts.map((h) => h.host).join(', ')}${text}`,
        })),
      );
    }
    return out;
  },
};
