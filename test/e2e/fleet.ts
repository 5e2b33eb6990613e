// The bundled example fleet and its expectations, shared by the end-to-end and CLI tests.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const FLEET = path.join(REPO_ROOT, 'examples/fleet');
/** What a scan of the fleet must report; kept out of the example, which is a repository like any other. */
export const EXPECTED_DIR = path.join(REPO_ROOT, 'test/e2e/expected');

export interface ExpectedService {
  name: string;
  role: string;
  produces: string[];
  consumes: string[];
  state: Record<string, string>;
  wave: number;
}

export interface ExpectedFinding {
  rule: string;
  service: string;
  environment?: string;
  file: string;
  line: number;
  column: number;
}

export interface Expected {
  onTarget: Record<string, number>;
  services: ExpectedService[];
  cycles: string[][];
  waveTwoOrderConstraints: Array<[string, string]>;
  undeclaredTopics: string[];
  findingCounts: Record<string, number>;
  findings: ExpectedFinding[];
  /** env -> service -> verdict (moved, moved-at-risk, ready, ready-after-fixes, blocked, unknown, mixed, absent, hazard). */
  verdicts: Record<string, Record<string, string>>;
  /** env -> service -> readiness of services not yet moved: status, blockers, unknown codes, fixes. */
  readiness: Record<string, Record<string, ExpectedReadiness>>;
  /** Per construct of the fleet: refs and topic uses; a field left out of a ref is not asserted. */
  constructs: { refs: ExpectedRef[]; uses: ExpectedUse[] };
  /** Problems the scan reports (file:line:col and message). */
  problems: Array<{ file: string; line: number; column: number; message: string }>;
  /** Topics Kafka Streams creates itself. */
  streamsInternalTopics: string[];
  /** Files skipped without the manifest (its ignore hides testdata/ when present). */
  skipped: string[];
  mirror: { file: string; source: string; target: string; mode: string; offsetSync: boolean; excludes: string[] };
}

export interface ExpectedRef {
  construct: string;
  file: string;
  line: number;
  column: number;
  kind: string;
  key?: string | null;
  service: string | null;
  cluster: string;
  environment: string | null;
  expression?: string;
  /** `file:line environment cluster` of each literal it resolves to. */
  resolvesTo?: string[];
  unresolved?: { outside: string | null; names: string[] } | null;
}

export interface ExpectedUse {
  construct: string;
  file: string;
  line: number;
  column: number;
  service: string;
  direction: string;
  client: string;
  topic: string | null;
  internal?: string;
  pattern?: boolean;
}

export interface ExpectedReadiness {
  status: string;
  blockedBy: string[];
  unknown: string[];
  fixes: Array<{ rule: string; file: string; line: number; column: number; flag: string | null }>;
}

export const EXPECTED: Expected = JSON.parse(fs.readFileSync(path.join(EXPECTED_DIR, 'expected.json'), 'utf8'));

/** A private copy of the fleet. */
export function copyFleet(opts: { withoutManifest?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-fleet-'));
  fs.cpSync(FLEET, dir, { recursive: true });
  if (opts.withoutManifest) fs.rmSync(path.join(dir, 'kafka-cutover.yaml'));
  return dir;
}

/** Every file under `dir` (relative path -> bytes), for byte-for-byte tree comparisons. */
export function snapshotTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else out.set(child, fs.readFileSync(path.join(dir, child)));
    }
  };
  walk('');
  return out;
}

/** Relative paths whose bytes differ between two snapshots (added and removed files included). */
export function changedFiles(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => !before.get(n)?.equals(after.get(n) ?? Buffer.alloc(0)) || !before.has(n) || !after.has(n)).sort();
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
