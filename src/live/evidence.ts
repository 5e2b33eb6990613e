// Check results as the plan's neutral live evidence (core/plan/live.ts): the CLI (`plan --live`) and the
// editor (after a live check) hand the same shape to the same merge. Pure: no client, no kafkajs.
import type { LiveEvidence } from '../core';
import type { ClientsResults } from './checks/clients';
import type { CheckResult } from './checks/types';

export function liveEvidenceOf(environment: string, at: string, results: ReadonlyArray<CheckResult<unknown>>): LiveEvidence {
  const clients = results.find((r) => r.check === 'clients')?.results as ClientsResults | undefined;
  return {
    at,
    environment,
    // A check that could not reach a cluster confirms nothing there.
    checks: results.filter((r) => !r.findings.some((f) => !f.rule && f.severity === 'error')).map((r) => r.check),
    groups: (clients?.groups ?? []).map((g) => ({
      cluster: g.cluster,
      group: g.group,
      state: g.state,
      service: g.service,
      hosts: [...new Set(g.members.map((m) => m.host))].sort(),
      topics: g.topics,
    })),
    findings: results.flatMap((r) =>
      r.findings.map((f) => ({
        rule: f.rule ?? r.check,
        severity: f.severity,
        message: f.message,
        ...(f.group ? { group: f.group } : {}),
        ...(f.topic ? { topic: f.topic } : {}),
        ...(f.service ? { service: f.service } : {}),
        ...(f.hosts ? { hosts: f.hosts } : {}),
        ...(f.file && f.range ? { file: f.file, line: f.range.start.line, column: f.range.start.column } : {}),
      })),
    ),
  };
}
