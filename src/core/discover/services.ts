// Service roots and which service a file belongs to.
import picomatch from 'picomatch';
import type { Manifest } from '../model/types';
import type { Discovery } from './walk';
import { isLanguageMarker } from './walk';

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

/** Manifest `services.roots` globs when given; else the outermost folders holding a language manifest. */
export function findServices(discovery: Discovery, manifest: Manifest): ServiceIndex {
  const dirs = new Set<string>();
  for (const f of discovery.files) addAncestors(dirs, f.file);
  for (const d of discovery.markers.keys()) {
    if (d) {
      dirs.add(d);
      addAncestors(dirs, d + '/x');
    }
  }

  let rootDirs: string[];
  if (manifest.services.roots.length > 0) {
    const isRoot = picomatch(manifest.services.roots.map((g) => g.replace(/\/+$/, '')), { dot: false });
    rootDirs = [...dirs].filter((d) => d && isRoot(d));
  } else {
    const language = [...discovery.markers].filter(([d, names]) => d && [...names].some(isLanguageMarker)).map(([d]) => d);
    const deploy = [...discovery.markers].filter(([d]) => d).map(([d]) => d);
    rootDirs = outermost(language.length ? language : deploy);
  }
  rootDirs.sort();

  const roots: ServiceRoot[] = rootDirs.map((root) => {
    const folder = root.slice(root.lastIndexOf('/') + 1);
    return { name: manifest.services.overrides[folder]?.name ?? folder, root };
  });
  const byRoot = new Map(roots.map((r) => [r.root, r.name]));
  const byName = new Map<string, string>();
  for (const r of roots) {
    byName.set(r.name.toLowerCase(), r.name);
    byName.set(r.root.slice(r.root.lastIndexOf('/') + 1).toLowerCase(), r.name);
  }
  const cache = new Map<string, string | undefined>();

  const serviceOf = (file: string): string | undefined => {
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    if (cache.has(file)) return cache.get(file);
    let result: string | undefined;
    // Nearest enclosing root.
    for (let d = dir; ; d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '') {
      const hit = byRoot.get(d);
      if (hit) {
        result = hit;
        break;
      }
      if (!d) break;
    }
    // A deploy file outside every root that is named after a service (`deploy/billing-api.nomad`,
    // `k8s/prod/billing-api/deployment.yaml`) belongs to it.
    if (!result) {
      const segments = file.toLowerCase().split('/');
      const base = segments.pop()!.replace(/(\.[a-z0-9]+)+$/, '');
      result = byName.get(base) ?? segments.map((s) => byName.get(s)).find(Boolean);
    }
    cache.set(file, result);
    return result;
  };
  return { roots, serviceOf };
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
