// Runs the in-host mocha suite inside the VS Code server from code-server, with Debian's Chromium as the
// client. For machines that cannot download VS Code/Electron (see run-electron.ts for those that can).
//
//   node out/test/vscode/run-server.js --extension <abs> --workspace <abs folder | .code-workspace> --tests <abs index.js> [--timeout ms]
//
// Exit codes: 0 all passed; 1 failures or no results (timeout); 2 bad arguments or the server/browser
// could not start. It never skips.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertServerInstalled, logsDir, selectedServer, serverVersion, vscodeServerMain } from './harness/paths';
import { tail, type StartedServer } from './harness/processes';
import { existingPathFlag, seconds, ServerRun, StartError, timeoutFlag, UsageError } from './harness/run';
import { isolatedEnv } from './harness/temp-home';
import { EXPECTED_EXTENSION_ENV, EXPECTED_WORKSPACE_ENV, isSuiteResults, RESULTS_PATH_ENV, SuiteResults } from './suite/results';

const DEFAULT_TIMEOUT_MS = 180_000;
const RESULTS_POLL_MS = 250;

interface LaunchOptions {
  readonly extensionPath: string;
  readonly workspacePath: string;
  readonly testsPath: string;
  readonly timeoutMs: number;
}

function parseArgs(argv: readonly string[]): LaunchOptions {
  const values = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 2) {
    const flag = argv[index]!;
    const value = argv[index + 1];
    if (!['--extension', '--workspace', '--tests', '--timeout'].includes(flag) || value === undefined) {
      throw new UsageError(`unexpected argument ${flag}`);
    }
    values.set(flag, value);
  }
  const timeoutMs = timeoutFlag(values, DEFAULT_TIMEOUT_MS);
  return {
    extensionPath: existingPathFlag(values, '--extension'),
    workspacePath: existingPathFlag(values, '--workspace'),
    testsPath: existingPathFlag(values, '--tests'),
    timeoutMs,
  };
}

/** The page honours this payload only when the server runs with --enable-smoke-test-driver. */
function workbenchUrl(port: number, options: LaunchOptions): string {
  const authority = `127.0.0.1:${port}`;
  const remote = (absolutePath: string): string => `vscode-remote://${authority}${absolutePath}`;
  const payload = [
    ['extensionDevelopmentPath', remote(options.extensionPath)],
    ['extensionTestsPath', remote(options.testsPath)],
  ];
  // A .code-workspace file opens as a (multi-root) workspace, anything else as a single folder.
  const opens = options.workspacePath.endsWith('.code-workspace') ? 'workspace' : 'folder';
  const query = new URLSearchParams({ [opens]: options.workspacePath, payload: JSON.stringify(payload) });
  return `http://${authority}/?${query.toString()}`;
}

async function waitForResults(resultsPath: string, timeoutMs: number, server: StartedServer): Promise<SuiteResults> {
  const deadline = Date.now() + timeoutMs;
  let serverExit: number | null | undefined;
  void server.exited.then((code) => (serverExit = code));
  while (Date.now() < deadline) {
    if (fs.existsSync(resultsPath)) {
      const parsed: unknown = JSON.parse(fs.readFileSync(resultsPath, 'utf8'));
      if (!isSuiteResults(parsed)) throw new Error(`${resultsPath} is not a results file`);
      return parsed;
    }
    if (serverExit !== undefined) throw new Error(`the server exited (code ${serverExit}) before the suite finished`);
    await new Promise((resolve) => setTimeout(resolve, RESULTS_POLL_MS));
  }
  throw new Error(`no results at ${resultsPath} after ${timeoutMs} ms: the suite did not run or did not finish`);
}

async function launch(options: LaunchOptions): Promise<number> {
  assertServerInstalled();
  const started = Date.now();
  const run = new ServerRun('kafka-cutover-vscode-');
  const resultsPath = path.join(run.dirs.root, 'results.json');
  const serverLog = path.join(logsDir(), 'run-server.server.log');
  const browserLog = path.join(logsDir(), 'run-server.browser.log');
  let server: StartedServer | undefined;

  try {
    const listening = await run.startServer('VS Code server', {
      args: (listenPort) => [
        vscodeServerMain(),
        '--host',
        '127.0.0.1',
        '--port',
        String(listenPort),
        '--without-connection-token',
        '--accept-server-license-terms',
        '--enable-smoke-test-driver',
        '--disable-workspace-trust',
        '--disable-telemetry',
        '--user-data-dir',
        run.dirs.userData,
        '--server-data-dir',
        run.dirs.serverData,
        '--extensions-dir',
        run.dirs.extensions,
      ],
      // The extension host inherits the server's environment: that is how the suite learns where to
      // write its verdict and what the launcher asked for.
      env: isolatedEnv(run.dirs, {
        [RESULTS_PATH_ENV]: resultsPath,
        [EXPECTED_WORKSPACE_ENV]: options.workspacePath,
        [EXPECTED_EXTENSION_ENV]: options.extensionPath,
      }),
      logFile: serverLog,
      readyPattern: /Extension host agent listening on \d+/,
    });
    server = listening.server;
    const port = listening.port;
    console.log(
      `[run-server] VS Code server ${serverVersion()} (code-server ${selectedServer().codeServer}) listening on ${port} after ${seconds(started)}`,
    );

    const page = await run.openPage(browserLog);
    await page.goto(workbenchUrl(port, options));

    const results = await waitForResults(resultsPath, options.timeoutMs, server);
    for (const line of results.lines) console.log(line);
    for (const failure of results.failed) console.log(`\n✗ ${failure.title}\n${failure.stack || failure.message}`);

    // The installed product and the list must agree, or "tested on 1.139" would be a claim, not a fact.
    const expectedVersion = selectedServer().vscode;
    const versionOk = results.vscodeVersion === expectedVersion && serverVersion() === expectedVersion;
    if (!versionOk) console.log(`✗ the suite ran in VS Code ${results.vscodeVersion}, expected ${expectedVersion}`);
    const ranSomething = results.passes + results.failures > 0;
    if (!ranSomething) console.log('✗ the suite ran no test');

    console.log(`[run-server] VS Code ${results.vscodeVersion}, suite finished after ${seconds(started)}`);
    console.log(`vscode-host: ${results.passes} passed, ${results.failures} failed`);
    return results.failures === 0 && versionOk && ranSomething ? 0 : 1;
  } catch (error) {
    console.error(`[run-server] ${(error as Error).message}`);
    console.error(`[run-server] logs: ${serverLog}, ${browserLog}`);
    if (server && !(error instanceof StartError)) console.error(tail(server.output(), 20));
    return error instanceof StartError ? 2 : 1;
  } finally {
    await run.close();
  }
}

async function main(): Promise<void> {
  let options: LaunchOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`[run-server] ${error.message}`);
    console.error('usage: run-server --extension <path> --workspace <path> --tests <suite index.js> [--timeout ms]');
    process.exit(2);
  }
  try {
    process.exitCode = await launch(options);
  } catch (error) {
    console.error(`[run-server] ${(error as Error).message}`);
    process.exitCode = 2;
  }
}

void main();
