// Scores a scan of test/fixtures/realworld against its hand-written answer key (answers.json): recall of
// client connection strings and topic edges, look-alikes wrongly reported, roles, the cycle, states and
// readiness verdicts per environment. Shared by the e2e test; the figures are what the test ratchets.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Analysis } from '../../src/core/repositoryIndex';
import type { Range } from '../../src/core/model/types';
import { REPO_ROOT } from './fleet';

export const REALWORLD = path.join(REPO_ROOT, 'test/fixtures/realworld');

export interface LabelledLine {
  file: string;
  line: number;
  /** Text the labelled line holds: the key checks itself against the fixture, so a shifted line fails loudly. */
  text?: string;
  /** Other lines that are the same setting (where code reads the variable, and where it hands it on). */
  alt?: number[];
}

export interface AnswerConnection extends LabelledLine {
  service: string | null;
  kind: 'literal' | 'indirect' | 'test';
  environment: string | null;
  cluster: string;
  construct: string;
  resolvesTo?: Array<{ file: string; line: number; environment: string }>;
  outside?: string;
}

export type Verdict = 'moved' | 'ready' | 'blocked' | 'unknown';

export interface Answers {
  environments: string[];
  services: Array<{ root: string; role: string }>;
  connections: AnswerConnection[];
  lookalikes: Array<LabelledLine & { what: string }>;
  ignoredFixtures: Array<{ file: string; why: string }>;
  edges: Array<{ producer: string; topic: string; consumer: string }>;
  cycles: string[][];
  verdicts: Record<string, Record<string, { state: string; status: Verdict; blockedBy?: string[]; unknown?: string[]; why?: string }>>;
  /** Findings the scan must raise (the rest of its findings are not scored here). */
  findings: Array<{ rule: string; service: string; environment: string; topic: string; why: string }>;
}

export const ANSWERS: Answers = JSON.parse(fs.readFileSync(path.join(REALWORLD, 'answers.json'), 'utf8'));

/** Lines away from the nearest of the label's lines, 0 when the range covers one; -1 past the tolerance. */
export function lineDistance(label: LabelledLine, range: Range, tolerance: number): number {
  const d = Math.min(
    ...[label.line, ...(label.alt ?? [])].map((line) =>
      line < range.start.line ? range.start.line - line : line > range.end.line ? line - range.end.line : 0,
    ),
  );
  return d <= tolerance ? d : -1;
}

/** One-to-one, nearest first: each reported ref answers at most one label. Returns the labels found. */
export function matchLines<T extends LabelledLine>(
  labels: T[],
  refs: ReadonlyArray<{ file: string; range: Range }>,
  tolerance = 1,
): Set<T> {
  const pairs: Array<{ l: number; r: number; d: number }> = [];
  labels.forEach((label, l) =>
    refs.forEach((ref, r) => {
      if (ref.file !== label.file) return;
      const d = lineDistance(label, ref.range, tolerance);
      if (d >= 0) pairs.push({ l, r, d });
    }),
  );
  pairs.sort((a, b) => a.d - b.d || a.l - b.l || a.r - b.r);
  const found = new Set<T>();
  const used = new Set<number>();
  for (const { l, r } of pairs) {
    if (found.has(labels[l]) || used.has(r)) continue;
    found.add(labels[l]);
    used.add(r);
  }
  return found;
}

export interface Score {
  connections: { found: number; total: number; missed: AnswerConnection[] };
  lookalikesReported: Array<{ file: string; line: number; what: string; key?: string }>;
  ignoredReported: string[];
  edges: { found: number; total: number; missed: string[] };
  roles: { right: number; total: number; wrong: string[] };
  cycleFound: boolean;
  states: { right: number; total: number; wrong: string[] };
  verdicts: { right: number; total: number; wrong: string[] };
  /** Services called ready (or moved by the scan's reading) while the key says blocked or unknown. */
  unsafeReady: string[];
  findings: { found: number; total: number; missed: string[] };
}

export function score(analysis: Analysis, answers: Answers = ANSWERS): Score {
  const { model, plan } = analysis;
  const refs = model.brokerRefs;
  // A MirrorMaker 2 cluster's bootstrap is the mirror's own connection string: the scan reports it as a
  // mirror fact (classified, never rewritten), not as a service's broker ref. The key labels it (service null).
  const mirrorBootstraps = model.mirrors.flatMap((m) =>
    m.clusters.filter((c) => c.bootstrap).map((c) => ({ file: m.file, range: c.range })),
  );
  const found = matchLines(answers.connections, [...refs, ...mirrorBootstraps]);
  const lookalikesReported = answers.lookalikes.flatMap((l) =>
    refs
      .filter((r) => r.file === l.file && lineDistance(l, r.range, 0) === 0)
      .map((r) => ({ file: l.file, line: l.line, what: l.what, key: r.key })),
  );
  const ignoredReported = refs
    .filter((r) => answers.ignoredFixtures.some((f) => f.file === r.file))
    .map((r) => `${r.file}:${r.range.start.line}`);

  // A service name that stands for two roots (two folders of the same name merged) answers for neither.
  const rootsByName = new Map<string, string[]>();
  for (const s of model.services) rootsByName.set(s.name, [...(rootsByName.get(s.name) ?? []), s.root]);
  const rootOf = (name: string) => (rootsByName.get(name)?.length === 1 ? rootsByName.get(name)![0] : undefined);
  const serviceAt = (root: string) => {
    const s = model.services.find((x) => x.root === root);
    return s && rootOf(s.name) === root ? s : undefined;
  };
  const edgeKey = (p: string, t: string, c: string) => `${p} -> ${t} -> ${c}`;
  const reportedEdges = new Set<string>();
  for (const t of model.topics) {
    for (const p of t.producers) {
      for (const c of t.consumers) {
        const pr = rootOf(p);
        const cr = rootOf(c);
        if (pr && cr) reportedEdges.add(edgeKey(pr, t.name, cr));
      }
    }
  }
  const missedEdges = answers.edges.map((e) => edgeKey(e.producer, e.topic, e.consumer)).filter((k) => !reportedEdges.has(k));

  const wrongRoles = answers.services
    .map((s) => ({ s, actual: serviceAt(s.root)?.role ?? 'absent' }))
    .filter(({ s, actual }) => actual !== s.role)
    .map(({ s, actual }) => `${s.root}: ${actual}, expected ${s.role}`);

  const cycleSets = plan.cycles.map((c) =>
    c
      .map((n) => rootOf(n) ?? `?${n}`)
      .sort()
      .join(' + '),
  );
  const cycleFound = answers.cycles.every((c) => cycleSets.includes([...c].sort().join(' + ')));

  const wrongStates: string[] = [];
  const wrongVerdicts: string[] = [];
  const unsafeReady: string[] = [];
  let cells = 0;
  for (const env of answers.environments) {
    for (const [root, expected] of Object.entries(answers.verdicts[env])) {
      cells++;
      const service = serviceAt(root);
      const state = service?.state[env] ?? 'absent';
      if (state !== expected.state) wrongStates.push(`${env} ${root}: ${state}, expected ${expected.state}`);
      const actual = verdictOf(analysis, service?.name, state, env);
      if (actual !== expected.status) wrongVerdicts.push(`${env} ${root}: ${actual}, expected ${expected.status}`);
      if ((expected.status === 'blocked' || expected.status === 'unknown') && (actual === 'ready' || actual === 'moved')) {
        unsafeReady.push(`${env} ${root}: ${actual}, expected ${expected.status}`);
      }
    }
  }
  const findingKey = (f: { rule: string; environment?: string; topic?: string }, root: string | undefined) =>
    `${f.rule} ${root} ${f.environment} ${f.topic}`;
  const raised = new Set(analysis.findings.map((f) => findingKey(f, f.service ? rootOf(f.service) : undefined)));
  const missedFindings = answers.findings.map((f) => findingKey(f, f.service)).filter((k) => !raised.has(k));
  return {
    findings: { found: answers.findings.length - missedFindings.length, total: answers.findings.length, missed: missedFindings },
    connections: { found: found.size, total: answers.connections.length, missed: answers.connections.filter((c) => !found.has(c)) },
    lookalikesReported,
    ignoredReported,
    edges: { found: answers.edges.length - missedEdges.length, total: answers.edges.length, missed: missedEdges },
    roles: { right: answers.services.length - wrongRoles.length, total: answers.services.length, wrong: wrongRoles },
    cycleFound,
    states: { right: cells - wrongStates.length, total: cells, wrong: wrongStates },
    verdicts: { right: cells - wrongVerdicts.length, total: cells, wrong: wrongVerdicts },
    unsafeReady,
  };
}

/** The verdict the scan gives: moved when on the target; else the plan's readiness (status when the plan has one). */
function verdictOf(analysis: Analysis, name: string | undefined, state: string, env: string): Verdict | 'absent' | 'none' {
  if (!name) return 'absent';
  if (state === 'target') return 'moved';
  const r = analysis.plan.readiness[env]?.[name] as { ready: boolean; status?: Verdict } | undefined;
  if (!r) return state === 'unknown' ? 'unknown' : 'none';
  return r.status ?? (r.ready ? 'ready' : 'blocked');
}

export const percent = (found: number, total: number) => (total ? (100 * found) / total : 100).toFixed(1);
