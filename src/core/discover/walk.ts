// Walks a repository: honours .gitignore files (nested ones too) and the manifest's ignore globs,
// skips dependency and tool folders, and reports what it skips for size or content.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { formatOf } from '../extract';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
const SKIP_DIRS = new Set(['node_modules', '.terraform', 'vendor', '.git', '.hg', '.svn', '.venv', 'venv', '__pycache__', 'target', 'build', 'dist', '.gradle', '.idea', '.next', '.cache']);

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

const LANGUAGE_MARKERS = new Set(['package.json', 'go.mod', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'requirements.txt', 'pyproject.toml', 'setup.py', 'Pipfile', 'Cargo.toml']);
const DEPLOY_MARKERS = new Set(['Dockerfile', 'Chart.yaml', 'docker-compose.yml', 'docker-compose.yaml', 'Procfile']);

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

  const walk = (relDir: string, layers: Layer[]) => {
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
    for (const entry of entries) {
      const rel = join(relDir, entry.name);
      if (entry.isDirectory()) {
        if (SKIP_DIRS.has(entry.name) || isIgnored(layers, rel + '/')) continue;
        walk(rel, layers);
        continue;
      }
      if (!entry.isFile()) continue;
      if (isIgnored(layers, rel)) continue;
      if (isLanguageMarker(entry.name) || DEPLOY_MARKERS.has(entry.name) || entry.name.endsWith('.nomad')) {
        let set = markers.get(relDir);
        if (!set) markers.set(relDir, (set = new Set()));
        set.add(entry.name);
      }
      if (!formatOf(rel)) continue;
      // Size and content are checked when the file is read (one open, no separate stat per file).
      files.push({ file: rel, abs: absDir + path.sep + entry.name });
    }
  };
  walk('', [base]);
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, markers, skipped };
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
    if (!formatOf(rel)) return false;
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
