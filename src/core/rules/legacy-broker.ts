import type { Severity } from '../model/common';
import type { BrokerRef } from '../model/repository';
import type { Readiness } from '../model/readiness';
import type { Finding } from '../model/findings';
import { PerObject, type Rule } from './context';

// Findings are kept per ref and the readiness text per service and environment between analyses, so a
// keystroke rebuilds neither (1,000 services have ~1,500 source refs).
const findings: Record<Severity, PerObject<BrokerRef, Finding>> = {
  error: new PerObject(),
  warning: new PerObject(),
  info: new PerObject(),
};
const suffixes = new Map<string, string>();

/** `; blocked by a, b`, `; the service is ready to move`, ...: the same string while the verdict is unchanged. */
function suffixOf(env: string, service: string, readiness: Readiness | undefined): string {
  if (!readiness) return '';
  const detail =
    readiness.status === 'blocked'
      ? readiness.blockedBy.join(', ')
      : readiness.status === 'unknown'
        ? [...new Set(readiness.unknown.map((u) => u.code))].join(', ')
        : readiness.status === 'ready-after-fixes'
          ? [...new Set(readiness.fixes.map((f) => f.rule))].join(', ')
          : '';
  const key = env + '\0' + service + '\0' + readiness.status + '\0' + detail;
  let text = suffixes.get(key);
  if (text === undefined) {
    text =
      readiness.status === 'ready'
        ? '; the service is ready to move'
        : readiness.status === 'blocked'
          ? `; blocked by ${detail}`
          : readiness.status === 'unknown'
            ? `; readiness unknown (${detail})`
            : `; ready after fixes (${detail})`;
    suffixes.set(key, text);
  }
  return text;
}

/** Every connection string that still names the source cluster: the cutover's to-do list. */
export const legacyBroker: Rule = {
  id: 'legacy-broker',
  defaultSeverity: 'warning',
  afterVerdicts: true,
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
