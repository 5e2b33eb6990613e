// Starting the server as its own process group so that it, its extension host, pty host and file
// watcher can all be ended together; a leftover extension host would hold the port and temp dirs.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

export interface StartedServer {
  readonly child: ChildProcess;
  /** Resolves when `readyPattern` appears in the output; rejects on early exit or timeout. */
  readonly ready: Promise<void>;
  readonly exited: Promise<number | null>;
  output(): string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the probe port'));
      });
    });
  });
}

export function startServer(options: {
  /** The Node binary that runs `args` (the server's own, see paths.serverNode). */
  readonly node: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly logFile: string;
  readonly readyPattern: RegExp;
  readonly readyTimeoutMs: number;
}): StartedServer {
  const log = fs.createWriteStream(options.logFile);
  let captured = '';
  const child = spawn(options.node, [...options.args], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready after ${options.readyTimeoutMs} ms`)), options.readyTimeoutMs);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      log.write(text);
      captured += text;
      if (options.readyPattern.test(captured)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before it was ready`));
    });
  });
  ready.catch(() => undefined); // observed by the caller; avoid an unhandled rejection after success
  return { child, ready, exited, output: () => captured };
}

/** SIGTERM to the whole group, SIGKILL to whatever is left after a grace period. */
export async function stopProcessGroup(child: ChildProcess, graceMs = 3_000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const signalGroup = (signal: NodeJS.Signals | 0): boolean => {
    try {
      process.kill(-pid, signal);
      return true;
    } catch {
      return false; // group already gone
    }
  };
  if (!signalGroup('SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!signalGroup(0)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  signalGroup('SIGKILL');
}

export function tail(text: string, lineCount: number): string {
  return text.trimEnd().split('\n').slice(-lineCount).join('\n');
}
