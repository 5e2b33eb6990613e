// Live evidence in the plan: what the clusters said (a live `check clients` / `producers`) confirms or
// contradicts the repository's verdicts. A consumer group no service owns that reads topic T on the source
// blocks every producer of T; a service the repository says moved that still has members on the source is a
// hazard. A ready service whose environment was checked and contradicts nothing is "ready, confirmed live".
// Pure: the live adapter gathers the evidence, the plan only reads it.
import type { Model } from '../model/repository';
import type { Plan } from '../model/readiness';

export interface LiveObservation {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  group?: string;
  topic?: string;
  service?: string;
  hosts?: string[];
  file?: string;
  line?: number;
  column?: number;
}

export interface LiveEvidence {
  /** ISO-8601 time the check ran. */
  at: string;
  environment: string;
  /** Which checks ran (only they can confirm). */
  checks: string[];
  groups: Array<{ cluster: 'source' | 'target'; group: string; state: string; service: string | null; hosts: string[]; topics: string[] }>;
  findings: LiveObservation[];
}

/** Readiness and verdicts after the live evidence; returns the services it confirmed, per environment. */
export function applyLiveEvidence(model: Model, plan: Plan, evidence: readonly LiveEvidence[]): Record<string, string[]> {
  const confirmed: Record<string, string[]> = {};
  const byName = new Map(model.services.map((s) => [s.name, s]));
  for (const ev of evidence) {
    const env = ev.environment;
    const readiness = plan.readiness[env] ?? {};
    const verdicts = plan.verdicts[env] ?? {};
    const touched = new Set<string>();
    for (const f of ev.findings) {
      if (f.rule === 'unknown-consumer' && f.topic && f.group) {
        const where = {
          file: f.file ?? '',
          line: f.line ?? 0,
          column: f.column ?? 0,
          note: `live ${ev.at}: group ${f.group} at ${(f.hosts ?? []).join(', ') || 'unknown hosts'} reads ${f.topic} on the source`,
        };
        for (const s of model.services) {
          if (!s.produces.includes(f.topic)) continue;
          touched.add(s.name);
          const r = readiness[s.name];
          if (r) {
            const by = `group ${f.group}`;
            // Readiness lists may be shared frozen empties: replace, never push.
            if (!r.blockers.some((b) => b.service === by && b.topic === f.topic))
              r.blockers = [...r.blockers, { service: by, topic: f.topic!, state: 'source', evidence: [where] }];
            if (!r.blockedBy.includes(by)) r.blockedBy = [...r.blockedBy, by].sort();
            if (r.status !== 'unknown') r.status = 'blocked';
            r.ready = false;
            if (verdicts[s.name] && verdicts[s.name] !== 'hazard' && verdicts[s.name] !== 'mixed') verdicts[s.name] = r.status;
          } else if (s.state[env] === 'target') {
            // Already on the target ahead of a consumer the repository never showed: its records are lost there.
            verdicts[s.name] = 'hazard';
          }
        }
      } else if (f.rule === 'consumer-left-on-source' && f.service && byName.get(f.service)?.state[env] === 'target') {
        // Moved in the repository, still connected on the source: the contradiction is the hazard.
        verdicts[f.service] = 'hazard';
        touched.add(f.service);
      }
    }
    if (ev.checks.includes('clients')) {
      confirmed[env] = Object.entries(readiness)
        .filter(([name, r]) => r.status === 'ready' && !touched.has(name))
        .map(([name]) => name)
        .sort();
    }
  }
  return confirmed;
}
