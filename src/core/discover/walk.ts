// Walks a repository: honours .gitignore files (nested ones too) and the manifest's ignore globs,
// skips dependency and tool folders, and reports what it skips for size or content.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { formatOf } from '../extract';
import { fixtureMatcher, isComposeFile } from './scope';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
export const SKIP_DIRS: ReadonlySet<string> = new Set([
  'node_modules',
  '.terraform',
  'vendor',
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '__pycache__',
  'target',
  'build',
  'dist',
  '.gradle',
  '.idea',
  '.next',
  '.cache',
]);

export interface DiscoveredFile {
  /** Relative to the root, `/` separators. */
  file: string;
  abs: string;
}

export interface Discovery {
  files: DiscoveredFile[];
  /** Folders whose marker files say "this is a service": a language manifest or a deploy file. */
  markers: Map<string, Set<string>>;
  skipped: Array<{ file: string; reason: string }>;
}

export const LANGUAGE_MARKERS: ReadonlySet<string> = new Set([
  'package.json',
  'go.mod',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'requirements.txt',
  'pyproject.toml',
  'setup.py',
  'Pipfile',
  'Cargo.toml',
]);
export const DEPLOY_MARKERS: ReadonlySet<string> = new Set([
  'Dockerfile',
  'Chart.yaml',
  'Procfile',
  'kustomization.yaml',
  'kustomization.yml',
]);
const NOMAD_JOB = /\.nomad(\.hcl)?$/;
/** A Kubernetes workload: a service runs it (a ConfigMap or a Service alone does not make one). */
const WORKLOAD_KIND = /^kind:[ \t]*["']?(Deployment|StatefulSet|CronJob|DaemonSet|Job)["']?[ \t]*(#.*)?$/m;
/** A compose service built from this folder's sources (a stack of images only is a dev or infra stack). */
const COMPOSE_BUILD = /^[ \t]+build:/m;
const SNIFF_BYTES = 16 * 1024;

interface Layer {
  dir: string;
  ig: Ignore;
}

/** Reads the tree under `root`. `extraIgnore` are gitignore-syntax globs relative to the root. */
export function discover(root: string, extraIgnore: string[] = []): Discovery {
  const files: DiscoveredFile[] = [];
  const skipped: Discovery['skipped'] = [];
  const markers = new Map<string, Set<string>>();
  const base: Layer = { dir: '', ig: ignore().add(extraIgnore) };
  const fixtureGlob = fixtureMatcher(extraIgnore);

  // `inLanguage`: a folder above holds a language manifest, so no deploy file below can make a
  // deploy-only service and none is sniffed.
  const walk = (relDir: string, layers: Layer[], inLanguage: boolean) => {
    const absDir = relDir ? root + path.sep + relDir : root;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(absDir, { withFileTypes: true });
    } catch (err) {
      skipped.push({ file: relDir || '.', reason: `unreadable folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
      return;
    }
    const gitignore = entries.find((e) => e.name === '.gitignore' && e.isFile());
    if (gitignore) {
      try {
        layers = [...layers, { dir: relDir, ig: ignore().add(fs.readFileSync(absDir + path.sep + '.gitignore', 'utf8')) }];
      } catch {
        skipped.push({ file: join(relDir, '.gitignore'), reason: 'unreadable .gitignore' });
      }
    }
    // The repository's own root is never a service root (a workspace package.json is common there).
    const languageDir = inLanguage || (relDir !== '' && entries.some((e) => e.isFile() && isLanguageMarker(e.name)));
    for (const entry of entries) {
      const rel = join(relDir, entry.name);
      if (entry.isDirectory()) {
        if (SKIP_DIRS.has(entry.name) || isIgnored(layers, rel + '/')) continue;
        walk(rel, layers, languageDir);
        continue;
      }
      if (!entry.isFile()) continue;
      if (isIgnored(layers, rel)) continue;
      const known = formatOf(rel);
      // Fixtures are listed (they are skipped on purpose, and the user can re-include them), before
      // the manifest's own ignore globs (init writes the same globs there).
      const fixture = known ? fixtureGlob(rel) : undefined;
      if (fixture) {
        skipped.push({ file: rel, reason: `test fixture (${fixture}); \`!${fixture}\` in the manifest's ignore reads it` });
        continue;
      }
      if (isMarker(entry.name, languageDir, absDir + path.sep + entry.name)) {
        let set = markers.get(relDir);
        if (!set) markers.set(relDir, (set = new Set()));
        set.add(entry.name);
      }
      if (!known) continue;
      // Size and content are checked when the file is read (one open, no separate stat per file).
      files.push({ file: rel, abs: absDir + path.sep + entry.name });
    }
  };
  walk('', [base], false);
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, markers, skipped };
}

/**
 * Marker files by name; compose files and Kubernetes YAML by a look at their first bytes, and only
 * outside language services (where they can make a deploy-only service).
 */
function isMarker(name: string, languageDir: boolean, abs: string): boolean {
  if (isLanguageMarker(name) || DEPLOY_MARKERS.has(name) || NOMAD_JOB.test(name)) return true;
  if (languageDir) return false;
  if (isComposeFile(name)) return COMPOSE_BUILD.test(head(abs));
  if (/\.ya?ml$/.test(name)) return WORKLOAD_KIND.test(head(abs));
  return false;
}

function head(abs: string): string {
  let fd: number | undefined;
  try {
    fd = fs.openSync(abs, 'r');
    const buf = Buffer.alloc(SNIFF_BYTES);
    return buf.toString('utf8', 0, fs.readSync(fd, buf, 0, SNIFF_BYTES, 0));
  } catch {
    return '';
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A Nomad job file: outside every service folder, one job is one service. */
export function isNomadJob(name: string): boolean {
  return NOMAD_JOB.test(name);
}

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

function isIgnored(layers: Layer[], rel: string): boolean {
  for (const layer of layers) {
    const sub = layer.dir ? (rel.startsWith(layer.dir + '/') ? rel.slice(layer.dir.length + 1) : undefined) : rel;
    if (sub && layer.ig.ignores(sub)) return true;
  }
  return false;
}

/** True when a folder's markers make it a service root in zero-config mode. */
export function isLanguageMarker(name: string): boolean {
  // A .NET project is named after itself (`Billing.Worker.csproj`).
  return LANGUAGE_MARKERS.has(name) || name.endsWith('.csproj');
}

/**
 * The same inclusion rules as discover(), for one path at a time (an editor buffer, a watcher event):
 * known format, no skipped folder on the way, not ignored by the extra globs or any .gitignore above it.
 */
export function inclusionTest(root: string, extraIgnore: string[] = []): (rel: string) => boolean {
  const base = ignore().add(extraIgnore);
  const fixtureGlob = fixtureMatcher(extraIgnore);
  const gitignores = new Map<string, Ignore | null>();
  const layerOf = (dir: string): Ignore | null => {
    let ig = gitignores.get(dir);
    if (ig === undefined) {
      try {
        ig = ignore().add(fs.readFileSync(path.join(root, dir, '.gitignore'), 'utf8'));
      } catch {
        ig = null;
      }
      gitignores.set(dir, ig);
    }
    return ig;
  };
  return (rel) => {
    if (!formatOf(rel) || fixtureGlob(rel)) return false;
    const segments = rel.split('/');
    if (segments.slice(0, -1).some((s) => SKIP_DIRS.has(s))) return false;
    const layers: Layer[] = [{ dir: '', ig: base }];
    for (let i = 0; i < segments.length; i++) {
      const dir = segments.slice(0, i).join('/');
      const ig = layerOf(dir);
      if (ig) layers.push({ dir, ig });
      const sub = segments.slice(0, i + 1).join('/');
      if (isIgnored(layers, i < segments.length - 1 ? sub + '/' : sub)) return false;
    }
    return true;
  };
}
