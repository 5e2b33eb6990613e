// First run: build, print the cutover plan of examples/fleet, then open the extension on it.
//
//   npm start [-- --port 8080] [-- --workspace <folder>]
//
// With VS Code's `code` on PATH it opens a window with the extension under development. Otherwise it
// starts the VS Code server of scripts/vscode/ (installed on first use) on loopback without auth, with the
// extension loaded from this repository, prints the URL to open and stays in the foreground until Ctrl+C.
// The workspace opened is a scratch copy (.cache/start/workspace/), made fresh on every start, so quick
// fixes and migrations tried in the editor never change the example the tests read.
// The first start (a fresh profile in .cache/start/user-data/) opens the getting-started walkthrough:
// the extension does that once per profile (src/vscode/walkthrough.ts); later starts go straight to work.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const startedAt = Date.now();
const stateDir = path.join(root, '.cache', 'start');
// The oldest server the tests use (scripts/vscode/code-server-versions.json): it runs on the machine's Node.
const oldestServer = JSON.parse(readFileSync(path.join(root, 'scripts', 'vscode', 'code-server-versions.json'), 'utf8')).servers[0];
const serverDir = path.join(root, '.cache', 'vscode-servers', oldestServer.codeServer);
const codeServerEntry = path.join(serverDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const READY = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/;
const READY_TIMEOUT_MS = 60_000;

function options(argv) {
  const parsed = { port: 0, workspace: path.join(root, 'examples', 'fleet') };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === '--port' && value) parsed.port = Number((i++, value));
    else if (argv[i] === '--workspace' && value) parsed.workspace = path.resolve((i++, value));
    else fail(`unknown argument ${argv[i]}; usage: npm start [-- --port N] [-- --workspace <folder>]`);
  }
  if (!Number.isInteger(parsed.port) || parsed.port < 0 || parsed.port > 65535) fail('--port must be a port number');
  if (!existsSync(parsed.workspace)) fail(`${parsed.workspace} does not exist`);
  return parsed;
}

function fail(message) {
  console.error(`[start] ${message}`);
  process.exit(1);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed`);
}

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return path.join(dir, command);
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function seconds() {
  return `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;
}

/** The scratch copy the editor opens: fresh each start, at a stable path. */
function scratchWorkspace(source) {
  const target = path.join(stateDir, 'workspace', path.basename(source));
  rmSync(target, { recursive: true, force: true });
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(source, target, { recursive: true });
  return target;
}

/**
 * The extension is registered in place (its folder listed in the extensions dir's extensions.json), as
 * test/ui/run-ui.ts does: a fresh `node scripts/build.mjs` is picked up on the next browser reload.
 */
function registerExtension(extensionsDir) {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  mkdirSync(extensionsDir, { recursive: true });
  const registered = [
    {
      identifier: { id: `${manifest.publisher}.${manifest.name}` },
      version: manifest.version,
      location: { $mid: 1, scheme: 'file', path: root },
      metadata: { installedTimestamp: Date.now() },
    },
  ];
  writeFileSync(path.join(extensionsDir, 'extensions.json'), JSON.stringify(registered));
}

function writeUserSettings(userDataDir) {
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  if (existsSync(settingsFile)) return; // the person's own changes from an earlier start stay
  mkdirSync(path.dirname(settingsFile), { recursive: true });
  writeFileSync(settingsFile, JSON.stringify({ 'workbench.startupEditor': 'none' }, null, 2));
}

async function serve(workspace, source, requestedPort) {
  if (!existsSync(codeServerEntry)) {
    console.log('[start] no VS Code on PATH: installing the VS Code server (once, about a minute)');
  }
  run('bash', [path.join(root, 'scripts', 'vscode', 'install-server.sh'), oldestServer.codeServer]);
  const userData = path.join(stateDir, 'user-data');
  const extensions = path.join(stateDir, 'extensions');
  registerExtension(extensions);
  writeUserSettings(userData);
  const port = requestedPort || (await freePort());
  const logFile = path.join(stateDir, 'server.log');
  const log = createWriteStream(logFile);
  const server = spawn(
    path.join(serverDir, 'node'),
    [
      codeServerEntry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--user-data-dir',
      userData,
      '--extensions-dir',
      extensions,
      '--disable-telemetry',
      '--disable-update-check',
      // The workspace is our own example, copied: nothing to distrust, and the live checks need trust.
      '--disable-workspace-trust',
      workspace,
    ],
    { cwd: stateDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );

  let stopping = false;
  const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve(code ?? signal)));
  // The server, its extension host, pty host and file watcher form one process group: end them together.
  const stop = async (reason) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[start] ${reason}: stopping the VS Code server`);
    const signalGroup = (signal) => {
      try {
        process.kill(-server.pid, signal);
        return true;
      } catch {
        return false;
      }
    };
    if (signalGroup('SIGTERM')) {
      const deadline = Date.now() + 3_000;
      while (Date.now() < deadline && signalGroup(0)) await new Promise((resolve) => setTimeout(resolve, 100));
      signalGroup('SIGKILL');
    }
    log.end();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('Ctrl+C'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));

  let output = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    const onData = (chunk) => {
      log.write(chunk);
      if (output.length < 100_000) output += chunk.toString('utf8');
      const match = READY.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before it was ready`));
    });
  });
  let listening;
  try {
    listening = await ready;
  } catch (error) {
    console.error(output.trimEnd().split('\n').slice(-20).join('\n'));
    await stop('the server did not start');
    return;
  }
  console.log(`\n[start] VS Code ${serverVersion()} with Kafka Cutover ready after ${seconds()} (log: ${path.relative(root, logFile)})`);
  console.log(`[start] workspace: ${workspace} (a fresh copy of ${path.relative(root, source) || source})`);
  console.log(`Open http://127.0.0.1:${listening}/?folder=${encodeURIComponent(workspace)}`);
  console.log('[start] Ctrl+C stops it.');
  const code = await exited;
  if (!stopping) fail(`the VS Code server exited (${code}); see ${logFile}`);
}

function serverVersion() {
  try {
    const product = JSON.parse(readFileSync(path.join(path.dirname(codeServerEntry), '..', '..', 'lib', 'vscode', 'product.json'), 'utf8'));
    return product.version;
  } catch {
    return '(server)';
  }
}

const { port, workspace: source } = options(process.argv.slice(2));
run(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
console.log(`\n$ kafka-cutover plan ${path.relative(root, source) || '.'}`);
// The plan is printed for reading; the CLI's own exit code (findings present) does not stop the start.
spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'plan', source], { cwd: root, stdio: 'inherit' });

const workspace = scratchWorkspace(source);
const code = onPath('code');
if (code) {
  console.log(`\n[start] opening VS Code: code --extensionDevelopmentPath=${root} ${workspace}`);
  const opened = spawnSync(code, [`--extensionDevelopmentPath=${root}`, workspace], { stdio: 'inherit' });
  process.exit(opened.status ?? 1);
} else {
  await serve(workspace, source, port);
}
