// `scan --fleet` / `plan --fleet`: this repository's readiness with the consumers of its topics that live
// in other repositories. This repository's own records on the topic are replaced by the fresh scan, so the
// answer is about the working tree, not about what was published last.
import type { Plan } from '../model/readiness';
import type { Analysis } from '../repositoryIndex';
import { planFleet, type FleetPlan } from './plan';
import { serviceKey, serviceRecords, type FleetEntry } from './record';

export function applyFleet(analysis: Analysis, entries: readonly FleetEntry[], repo: string, at: string): FleetPlan {
  const mine = serviceRecords(analysis, { repo, commit: null, at }).map((record): FleetEntry => ({ kind: 'service', record }));
  const others = entries.filter((e) => e.record.repo !== repo || e.kind === 'live');
  const fleet = planFleet([...others, ...mine]);
  overlay(analysis.plan, fleet, repo);
  return fleet;
}

/** Blockers from other repositories (and unowned groups) join the local readiness; the fleet's hazards win. */
function overlay(plan: Plan, fleet: FleetPlan, repo: string): void {
  for (const env of Object.keys(plan.readiness)) {
    const verdicts = fleet.verdicts[env];
    if (!verdicts) continue;
    for (const [name, r] of Object.entries(plan.readiness[env]!)) {
      const v = verdicts[serviceKey(repo, name)];
      if (!v) continue;
      for (const b of v.blockers) {
        const local = b.kind === 'service' && b.by.startsWith(`${repo}/`);
        if (local) continue;
        const by = b.kind === 'unknown-consumer' ? `group ${b.by}` : b.by;
        if (r.blockers.some((x) => x.service === by && x.topic === b.topic)) continue;
        // Readiness lists may be shared frozen empties: replace, never push.
        r.blockers = [
          ...r.blockers,
          {
            service: by,
            topic: b.topic,
            state: 'source',
            evidence: [
              {
                file: '',
                line: 0,
                column: 0,
                note: `fleet: ${by} consumes ${b.topic}${b.hosts?.length ? ` at ${b.hosts.join(', ')}` : ''} and is on the source`,
              },
            ],
          },
        ];
        if (!r.blockedBy.includes(by)) r.blockedBy = [...r.blockedBy, by].sort();
        if (r.status !== 'unknown') r.status = 'blocked';
        r.ready = false;
      }
      if (
        plan.verdicts[env]?.[name] &&
        plan.verdicts[env]![name] !== 'hazard' &&
        plan.verdicts[env]![name] !== 'mixed' &&
        r.status === 'blocked'
      )
        plan.verdicts[env]![name] = 'blocked';
    }
    for (const [id, v] of Object.entries(verdicts)) {
      if (!id.startsWith(`${repo}/`) || v.status !== 'hazard') continue;
      const name = id.slice(repo.length + 1);
      if (plan.verdicts[env]?.[name]) plan.verdicts[env]![name] = 'hazard';
    }
  }
}
