// Model + plan + findings -> the JSON report, in a deterministic order (byte-stable output for CI diffs).
import type { Model, ServiceState } from '../model/repository';
import type { Plan, Verdict } from '../model/readiness';
import type { Finding } from '../model/findings';
import { serviceEvidence, usesByService } from '../plan/evidence';
import type { BrokerRefEntry, FindingEntry, JsonReport, ProblemEntry, ServiceEntry, TopicEntry } from './types';

/** Code-unit order: the same on every machine and locale, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compareText);
}

export function buildReport(model: Model, plan: Plan, findings: readonly Finding[]): JsonReport {
  const environments = [...model.environments];
  const uses = usesByService(model);
  const services: ServiceEntry[] = model.services.map((s) => {
    const envs = [
      ...environments,
      ...Object.keys(s.state)
        .filter((e) => !environments.includes(e))
        .sort(compareText),
    ];
    const state: Record<string, ServiceState> = {};
    const readiness: ServiceEntry['readiness'] = {};
    const status: Record<string, Verdict> = {};
    for (const env of envs) {
      state[env] = s.state[env] ?? 'none';
      status[env] = plan.verdicts[env]?.[s.name] ?? (state[env] === 'target' ? 'moved' : 'absent');
      const r = plan.readiness[env]?.[s.name];
      if (r && state[env] !== 'target') readiness[env] = { ...r, blockedBy: sorted(r.blockedBy) };
    }
    return {
      name: s.name,
      root: s.root,
      role: s.role,
      produces: sorted(s.produces),
      consumes: sorted(s.consumes),
      state,
      wave: plan.wave[s.name] ?? null,
      readiness,
      status,
      evidence: serviceEvidence(model, s, uses.get(s.name) ?? []),
    };
  });
  services.sort((a, b) => (a.wave ?? Infinity) - (b.wave ?? Infinity) || compareText(a.name, b.name));

  const brokerRefs: BrokerRefEntry[] = model.brokerRefs.map((r) =>
    withResolution(r, {
      file: r.file,
      line: r.range.start.line,
      column: r.range.start.column,
      endLine: r.range.end.line,
      endColumn: r.range.end.column,
      value: r.kind === 'indirect' ? (r.expression ?? '') : r.parts.map((p) => p.text).join(','),
      cluster: r.cluster,
      environment: r.environment ?? null,
      service: r.service ?? null,
      key: r.key ?? null,
      kind: r.kind,
      inferred: r.inferred === true,
    }),
  );
  brokerRefs.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column);

  const topics: TopicEntry[] = model.topics.map((t) => ({
    name: t.name,
    declared: t.declared,
    file: t.decl?.file ?? null,
    line: t.decl?.range.start.line ?? null,
    producers: sorted(t.producers),
    consumers: sorted(t.consumers),
  }));
  topics.sort((a, b) => compareText(a.name, b.name));

  const findingEntries: FindingEntry[] = findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    service: f.service ?? null,
    ...(f.topic !== undefined ? { topic: f.topic } : {}),
    environment: f.environment ?? null,
    file: f.file,
    line: f.range.start.line,
    column: f.range.start.column,
    endLine: f.range.end.line,
    endColumn: f.range.end.column,
    message: f.message,
  }));
  findingEntries.sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      compareText(a.rule, b.rule) ||
      a.column - b.column ||
      compareText(a.environment ?? '', b.environment ?? '') ||
      compareText(a.message, b.message),
  );

  const problems: ProblemEntry[] = model.problems.map((p) => ({
    file: p.file,
    line: p.line,
    column: p.column,
    severity: p.severity,
    message: p.message,
  }));
  problems.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.message, b.message));

  const skipped = model.skipped.map((s) => ({ file: s.file, reason: s.reason }));
  skipped.sort((a, b) => compareText(a.file, b.file));

  return {
    version: 1,
    environments,
    services,
    order: plan.order.map((group) => [...group]),
    cycles: plan.cycles.map((group) => [...group]),
    brokerRefs,
    topics,
    findings: findingEntries,
    problems,
    skipped,
  };
}

/** The report seen from one environment: its state and readiness only, refs and findings of it (or of none). */
export function forEnvironment(report: JsonReport, env: string | undefined): JsonReport {
  if (env === undefined) return report;
  return {
    ...report,
    environments: [env],
    services: report.services.map((s) => ({
      ...s,
      state: { [env]: s.state[env] ?? 'none' },
      readiness: s.readiness[env] ? { [env]: s.readiness[env] } : {},
      status: { [env]: s.status[env] ?? 'absent' },
      evidence: { role: s.evidence.role, state: { [env]: s.evidence.state[env] ?? [] } },
    })),
    brokerRefs: report.brokerRefs.filter((r) => r.environment === null || r.environment === env),
    findings: report.findings.filter((f) => f.environment === null || f.environment === env),
  };
}

/** An indirect ref's entry also says what it reads and where that leads (other refs' entries are unchanged). */
function withResolution(r: Model['brokerRefs'][number], entry: BrokerRefEntry): BrokerRefEntry {
  if (r.kind !== 'indirect') return entry;
  entry.reads = r.reads ?? [];
  entry.resolvesTo = r.resolvesTo ?? [];
  if (r.unresolved) entry.unresolved = r.unresolved;
  return entry;
}
