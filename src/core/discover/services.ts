// Service roots and which service a file belongs to.
import picomatch from 'picomatch';
import type { Manifest } from '../model/manifest';
import type { Role } from '../model/repository';
import type { Discovery } from './walk';
import { isLanguageMarker, isNomadJob } from './walk';

export interface ServiceRoot {
  name: string;
  /** Relative folder, `/` separators; '' only when the whole repository is one service. */
  root: string;
}

export interface ServiceIndex {
  roots: ServiceRoot[];
  /** The service a file belongs to, or undefined. */
  serviceOf(file: string): string | undefined;
}

/**
 * Manifest `services.roots` globs when given (the authority); else the outermost folders holding a
 * language manifest, plus deploy-only services: folders with a deploy file (Helm chart, Nomad job,
 * Kubernetes workload, compose service built here, Kustomize, Dockerfile) outside every language
 * service and not named after one (`deploy/k8s/billing/` is billing's, not a service of its own).
 * A service is its root path: same-named folders stay two services, named apart by their paths.
 */
export function findServices(discovery: Discovery, manifest: Manifest): ServiceIndex {
  let rootDirs: string[];
  if (manifest.services.roots.length > 0) {
    const dirs = new Set<string>();
    for (const f of discovery.files) addAncestors(dirs, f.file);
    for (const d of discovery.markers.keys()) {
      if (d) {
        dirs.add(d);
        addAncestors(dirs, d + '/x');
      }
    }
    const globs = manifest.services.roots.map((g) => g.replace(/\/+$/, ''));
    // A glob written for Nomad job files (`deploy/jobs/*.nomad`) roots one service per job file.
    const jobGlobs = globs.filter((g) => /\.nomad(\.hcl)?$/.test(g));
    if (jobGlobs.length) for (const f of discovery.files) if (isNomadJob(f.file)) dirs.add(f.file);
    const isRoot = picomatch(globs, { dot: false });
    rootDirs = [...dirs].filter((d) => d && isRoot(d) && (!isNomadJob(d) || jobGlobs.length > 0));
  } else {
    rootDirs = zeroConfigRoots(discovery.markers);
  }
  rootDirs.sort();

  const roots: ServiceRoot[] = nameRoots(rootDirs, manifest);
  const byRoot = new Map(roots.map((r) => [r.root, r.name]));
  const byName = namesForDeployFiles(roots);
  const cache = new Map<string, string | undefined>();

  const serviceOf = (file: string): string | undefined => {
    if (cache.has(file)) return cache.get(file);
    // A Nomad job that is a service of its own is rooted at its file.
    let result = byRoot.get(file);
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    // Nearest enclosing root.
    for (let d = dir; !result; d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '') {
      result = byRoot.get(d);
      if (!d) break;
    }
    // A deploy file outside every root that is named after a service (`deploy/billing-api.nomad`,
    // `k8s/prod/billing-api/deployment.yaml`) belongs to it.
    result ??= namedAfter(file, byName);
    cache.set(file, result);
    return result;
  };
  return { roots, serviceOf };
}

/** The manifest override of a service: by root path first, then by folder name (which may match several). */
export function overrideOf(manifest: Manifest, root: string): { role?: Role; name?: string } | undefined {
  const { overrides } = manifest.services;
  return overrides[root] ?? overrides[root.slice(root.lastIndexOf('/') + 1)];
}

const GENERIC_JOB = /^(job|service|app|main|deploy)$/i;
const GENERIC_DIR =
  /^(k8s|kubernetes|kube|deploy|deployments?|manifests|helm|charts?|nomad|jobs|templates|base|overlays|infra|ops|config|prod|production|prd|staging|stage|stg|dev|development|qa|uat|test|sandbox)$/i;

function zeroConfigRoots(markers: Discovery['markers']): string[] {
  const marked = [...markers].filter(([d]) => d);
  const language = outermost(marked.filter(([, names]) => [...names].some(isLanguageMarker)).map(([d]) => d));
  const byName = namesForDeployFiles(language.map((root) => ({ name: root.slice(root.lastIndexOf('/') + 1), root })));
  const inOrAround = (d: string) => language.some((l) => d === l || d.startsWith(l + '/') || l.startsWith(d + '/'));
  const deployOnly: string[] = [];
  for (const [dir, names] of marked) {
    if (inOrAround(dir) || namedAfter(dir + '/', byName)) continue;
    const unclaimed = [...names].filter((n) => !namedAfter(`${dir}/${n}`, byName));
    if (!unclaimed.length) continue;
    // Nomad jobs in a shared folder (`deploy/jobs/payments.nomad`): one service per job, rooted at its
    // file; a job named after its folder (`ledger/ledger.nomad`) or generically (`job.nomad`) is the folder's.
    const folder = baseName(dir).toLowerCase();
    const ownFolder = (n: string) => GENERIC_JOB.test(baseName(n)) || baseName(n).toLowerCase() === folder;
    const jobs = unclaimed.filter(isNomadJob);
    const onlyJobs = jobs.length === unclaimed.length;
    if (onlyJobs && !(jobs.length === 1 && ownFolder(jobs[0]))) {
      for (const n of jobs) deployOnly.push(`${dir}/${n}`);
    } else if (!GENERIC_DIR.test(folder)) {
      deployOnly.push(dir);
    } else {
      // A folder named for an environment or for deploy files in general (`ledger/deploy/k8s/prod/`) is
      // no service's name: its jobs are services, its other deploy files the nearest named folder's above.
      for (const n of jobs) deployOnly.push(`${dir}/${n}`);
      const named = onlyJobs ? undefined : namedAncestor(dir);
      if (named && !inOrAround(named)) deployOnly.push(named);
    }
  }
  return [...language, ...outermost(deployOnly)];
}

function namedAncestor(dir: string): string | undefined {
  for (let d = dir; d; d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '') if (!GENERIC_DIR.test(baseName(d))) return d;
  return undefined;
}

/**
 * Names from folder names (or the manifest's override). Names that collide are told apart by their
 * paths: the shortest trailing part of the root that is unique (`team-a/billing`, `team-b/billing`);
 * an override name that collides gets its root in parentheses.
 */
function nameRoots(rootDirs: string[], manifest: Manifest): ServiceRoot[] {
  const base = rootDirs.map((root) => {
    const given = overrideOf(manifest, root)?.name;
    return { root, given, name: given ?? baseName(root) };
  });
  const count = new Map<string, number>();
  for (const b of base) count.set(b.name.toLowerCase(), (count.get(b.name.toLowerCase()) ?? 0) + 1);
  return base.map(({ root, given, name }) => {
    if (count.get(name.toLowerCase())! === 1) return { name, root };
    if (given) return { name: `${given} (${root})`, root };
    const clashing = base.filter((b) => !b.given && b.name.toLowerCase() === name.toLowerCase()).map((b) => b.root);
    return { name: shortestUniqueSuffix(root, clashing), root };
  });
}

function shortestUniqueSuffix(fullRoot: string, all: string[]): string {
  const root = withoutJobExtension(fullRoot);
  all = all.map(withoutJobExtension);
  const parts = root.split('/');
  for (let k = 2; k < parts.length; k++) {
    const suffix = parts.slice(-k).join('/');
    if (all.every((o) => o === root || !(o === suffix || o.endsWith('/' + suffix)))) return suffix;
  }
  return root;
}

function baseName(root: string): string {
  return withoutJobExtension(root.slice(root.lastIndexOf('/') + 1));
}

function withoutJobExtension(path: string): string {
  return path.replace(/\.nomad(\.hcl)?$/, '');
}

/** Lower-cased service names and folder names -> service, for the names that are unambiguous. */
function namesForDeployFiles(roots: ServiceRoot[]): Map<string, string> {
  const byName = new Map<string, string | null>();
  const add = (key: string, name: string) => {
    const prev = byName.get(key);
    byName.set(key, prev === undefined || prev === name ? name : null);
  };
  for (const r of roots) {
    add(r.name.toLowerCase(), r.name);
    add(baseName(r.root).toLowerCase(), r.name);
  }
  const out = new Map<string, string>();
  for (const [k, v] of byName) if (v) out.set(k, v);
  return out;
}

function namedAfter(file: string, byName: Map<string, string>): string | undefined {
  const segments = file.toLowerCase().split('/');
  const base = segments.pop()!.replace(/(\.[a-z0-9]+)+$/, '');
  return byName.get(base) ?? segments.map((s) => byName.get(s)).find(Boolean);
}

function addAncestors(dirs: Set<string>, file: string): void {
  let i = file.lastIndexOf('/');
  while (i > 0) {
    const d = file.slice(0, i);
    if (dirs.has(d)) return;
    dirs.add(d);
    i = d.lastIndexOf('/');
  }
}

function outermost(dirs: string[]): string[] {
  const sorted = [...new Set(dirs)].sort();
  const out: string[] = [];
  for (const d of sorted) if (!out.some((o) => d.startsWith(o + '/'))) out.push(d);
  return out;
}
