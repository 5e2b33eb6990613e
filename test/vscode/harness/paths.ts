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

/** One VS Code server the tests run on, as scripts/vscode/code-server-versions.json lists it. */
export interface ListedServer {
  readonly role: string;
  readonly codeServer: string;
  readonly vscode: string;
  /** The Node (npm package `node`) installed next to it, or null for the machine's own. */
  readonly node: string | null;
}

/** Names the server a run uses (a code-server version or a role); unset means the oldest listed. */
export const SERVER_ENV = 'KAFKA_CUTOVER_CODE_SERVER';

export function listedServers(): ListedServer[] {
  const file = path.join(repoRoot(), 'scripts', 'vscode', 'code-server-versions.json');
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { servers?: ListedServer[] };
  if (!Array.isArray(parsed.servers) || parsed.servers.length === 0) throw new Error(`no servers listed in ${file}`);
  return parsed.servers;
}

export function selectedServer(): ListedServer {
  const servers = listedServers();
  const wanted = process.env[SERVER_ENV];
  if (!wanted) return servers[0]!;
  const found = servers.find((server) => server.codeServer === wanted || server.role === wanted);
  if (!found) {
    const known = servers.map((server) => `${server.codeServer} (${server.role})`).join(', ');
    throw new Error(`${SERVER_ENV}=${wanted} is not listed; known: ${known}`);
  }
  return found;
}

/** install-server.sh gives each version its own folder, so versions never disturb each other. */
export function serverInstallDir(): string {
  return path.join(repoRoot(), '.cache', 'vscode-servers', selectedServer().codeServer);
}

export function serverPackageDir(): string {
  return path.join(serverInstallDir(), 'node_modules', 'code-server');
}

/**
 * The Node the server runs on: newer servers need a newer Node than the tests (4.139 needs 24), so
 * install-server.sh links the one it built the native modules with as `<install dir>/node`.
 */
export function serverNode(): string {
  const link = path.join(serverInstallDir(), 'node');
  return fs.existsSync(link) ? fs.realpathSync(link) : process.execPath;
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
  const server = selectedServer();
  const required = [vscodeServerMain(), codeServerEntry(), path.join(serverInstallDir(), 'node'), CHROMIUM_PATH];
  const missing = required.filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `code-server ${server.codeServer} or Chromium missing (${missing.join(', ')}); ` +
        `run scripts/vscode/install-server.sh ${server.codeServer} first`,
    );
  }
}
