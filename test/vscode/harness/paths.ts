// Where install-server.sh puts the VS Code server and where runs leave their logs and screenshots.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Compiled files live in out/test/<...>; the root is the first folder up with package.json and node_modules. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'node_modules'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

export function serverPackageDir(): string {
  return path.join(repoRoot(), '.cache', 'vscode-server', 'node_modules', 'code-server');
}

/** The bare VS Code server: accepts the extension-development flags the code-server wrapper rejects. */
export function vscodeServerMain(): string {
  return path.join(serverPackageDir(), 'lib', 'vscode', 'out', 'server-main.js');
}

/** The code-server wrapper: serves the full workbench with `--auth none` for UI checks. */
export function codeServerEntry(): string {
  return path.join(serverPackageDir(), 'out', 'node', 'entry.js');
}

export function serverVersion(): string {
  const productJson = path.join(serverPackageDir(), 'lib', 'vscode', 'product.json');
  const product = JSON.parse(fs.readFileSync(productJson, 'utf8')) as { version?: unknown };
  if (typeof product.version !== 'string') throw new Error(`no version in ${productJson}`);
  return product.version;
}

export function logsDir(): string {
  const dir = path.join(repoRoot(), '.cache', 'vscode-test-logs');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function assertServerInstalled(): void {
  const missing = [vscodeServerMain(), codeServerEntry(), CHROMIUM_PATH].filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `VS Code server or Chromium missing (${missing.join(', ')}); run scripts/vscode/install-server.sh first`,
    );
  }
}
