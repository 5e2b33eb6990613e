// Each run gets fresh VS Code state and a HOME of its own so nothing leaks from (or into) ~/.config,
// ~/.vscode-server or an earlier run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface RunDirs {
  readonly root: string;
  readonly home: string;
  readonly userData: string;
  readonly serverData: string;
  readonly extensions: string;
  readonly browserProfile: string;
}

export function createRunDirs(prefix: string): RunDirs {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dirs: RunDirs = {
    root,
    home: path.join(root, 'home'),
    userData: path.join(root, 'user-data'),
    serverData: path.join(root, 'server-data'),
    extensions: path.join(root, 'extensions'),
    browserProfile: path.join(root, 'browser-profile'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  return dirs;
}

export function isolatedEnv(dirs: RunDirs, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
    XDG_DATA_HOME: path.join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(dirs.home, '.cache'),
    ...extra,
  };
}

export function removeRunDirs(dirs: RunDirs): void {
  fs.rmSync(dirs.root, { recursive: true, force: true });
}
