// Which repository this is, and at which commit, read from the git directory's files (no git
// process): the fleet names services `<repo id>/<service>`.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** `git@github.com:acme/payments.git`, `https://github.com/acme/payments` -> `acme/payments`. */
export function repoIdFromRemote(url: string): string | undefined {
  const m = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?[^:/]+(?::\d+)?[:/](.+?)(?:\.git)?\/?$/i.exec(url.trim());
  return m?.[1] || undefined;
}

/** The `url` of `[remote "origin"]` in a git config file's text. */
export function originUrl(configText: string): string | undefined {
  let inOrigin = false;
  for (const raw of configText.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) inOrigin = /^\[remote\s+"origin"\]$/.test(line);
    else if (inOrigin) {
      const m = /^url\s*=\s*(.+)$/.exec(line);
      if (m) return m[1]!.trim();
    }
  }
  return undefined;
}

/** The folder holding `.git` at or above `dir`, and the git directory (a worktree's `.git` file points elsewhere). */
function gitDir(dir: string): { top: string; git: string } | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const dotGit = path.join(d, '.git');
    try {
      const stat = fs.statSync(dotGit);
      if (stat.isDirectory()) return { top: d, git: dotGit };
      const m = /^gitdir:\s*(.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'));
      if (m) return { top: d, git: path.resolve(d, m[1]!.trim()) };
    } catch {
      // not here: look further up
    }
    if (path.dirname(d) === d) return undefined;
  }
}

function readOr(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export interface RepositoryIdentity {
  id: string;
  commit: string | null;
  /** Where the id came from, for messages. */
  from: 'manifest' | 'git remote' | 'folder name';
}

export function repositoryIdentity(dir: string, configured?: string): RepositoryIdentity {
  const git = gitDir(dir);
  let commit: string | null = null;
  let remote: string | undefined;
  if (git) {
    // A worktree keeps its HEAD in its own git dir and the rest (config, refs) in the common dir.
    const common = path.resolve(git.git, readOr(path.join(git.git, 'commondir'))?.trim() ?? '.');
    const head = readOr(path.join(git.git, 'HEAD'))?.trim();
    const ref = head?.startsWith('ref: ') ? head.slice(5).trim() : undefined;
    if (ref) {
      commit = readOr(path.join(common, ref))?.trim() ?? packedRef(readOr(path.join(common, 'packed-refs')), ref) ?? null;
    } else if (head && /^[0-9a-f]{40}$/.test(head)) {
      commit = head;
    }
    const url = originUrl(readOr(path.join(common, 'config')) ?? '');
    remote = url ? repoIdFromRemote(url) : undefined;
  }
  if (configured) return { id: configured, commit, from: 'manifest' };
  if (remote) return { id: remote, commit, from: 'git remote' };
  return { id: path.basename(git?.top ?? path.resolve(dir)), commit, from: 'folder name' };
}

function packedRef(text: string | undefined, ref: string): string | undefined {
  for (const line of (text ?? '').split('\n')) {
    const [sha, name] = line.trim().split(/\s+/);
    if (name === ref && sha && /^[0-9a-f]{40}$/.test(sha)) return sha;
  }
  return undefined;
}
