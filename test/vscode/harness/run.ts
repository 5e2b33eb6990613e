// One run of a VS Code server with Chromium as its client, as run-server (the in-host suite) and run-ui
// (the UI checks) both do it: the run owns its temp dirs, server and browser, and ends all three on
// close or on Ctrl-C/SIGTERM, so no extension host is left holding a port or a temp dir.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { serverNode } from './paths';
import { freePort, StartedServer, startServer, stopProcessGroup, tail } from './processes';
import { createRunDirs, removeRunDirs, RunDirs } from './temp-home';

/** Bad command-line arguments: the runners exit 2 with their usage line. */
export class UsageError extends Error {}
/** The server or the browser could not start: the runners exit 2, not 1, since no test ran. */
export class StartError extends Error {}

const SERVER_READY_TIMEOUT_MS = 60_000;

export function existingPathFlag(values: ReadonlyMap<string, string>, flag: string): string {
  const value = values.get(flag);
  if (!value) throw new UsageError(`${flag} <path> is required`);
  const resolved = path.resolve(value);
  if (!fs.existsSync(resolved)) throw new UsageError(`${flag} ${resolved} does not exist`);
  return resolved;
}

export function timeoutFlag(values: ReadonlyMap<string, string>, fallbackMs: number): number {
  const timeoutMs = Number(values.get('--timeout') ?? fallbackMs);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError('--timeout must be a positive integer (ms)');
  return timeoutMs;
}

export function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

export interface ServerLaunch {
  /** The server's command line (after node) for the free port picked on loopback. */
  readonly args: (port: number) => readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly logFile: string;
  /** Output line that says the server accepts connections. */
  readonly readyPattern: RegExp;
}

export class ServerRun {
  readonly dirs: RunDirs;
  private server: StartedServer | undefined;
  private browser: BrowserContext | undefined;
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    void this.release().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };

  constructor(tempPrefix: string) {
    this.dirs = createRunDirs(tempPrefix);
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
  }

  /** Starts the server in its own process group (see processes.ts) and waits until it listens. */
  async startServer(name: string, launch: ServerLaunch): Promise<{ server: StartedServer; port: number }> {
    const port = await freePort();
    const server = startServer({
      node: serverNode(),
      args: launch.args(port),
      env: launch.env,
      cwd: this.dirs.root,
      logFile: launch.logFile,
      readyPattern: launch.readyPattern,
      readyTimeoutMs: SERVER_READY_TIMEOUT_MS,
    });
    this.server = server;
    try {
      await server.ready;
    } catch (error) {
      throw new StartError(`${name} did not start: ${(error as Error).message}\n${tail(server.output(), 30)}`);
    }
    return { server, port };
  }

  /** Chromium's first page, its console and page errors written to `browserLog`. */
  async openPage(browserLog: string): Promise<Page> {
    try {
      this.browser = await launchChromium(this.dirs.browserProfile);
    } catch (error) {
      throw new StartError(`Chromium did not start: ${(error as Error).message}`);
    }
    const page = this.browser.pages()[0] ?? (await this.browser.newPage());
    const browserMessages = fs.createWriteStream(browserLog);
    page.on('console', (message) => browserMessages.write(`[${message.type()}] ${message.text()}\n`));
    page.on('pageerror', (error) => browserMessages.write(`[pageerror] ${error.message}\n`));
    return page;
  }

  async close(): Promise<void> {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
    await this.release();
  }

  private async release(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    if (this.server) await stopProcessGroup(this.server.child);
    removeRunDirs(this.dirs);
  }
}
