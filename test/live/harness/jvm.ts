import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A JVM the harness started; `exited` settles when the process is gone, whoever ended it. */
export interface JvmProcess {
  name: string;
  pid: number;
  logFile: string;
  outFile: string;
  exited: Promise<number | null>;
  hasExited(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
  kill(): Promise<void>;
}

export interface JvmStartOptions {
  name: string;
  libsDir: string;
  mainClass: string;
  args: string[];
  workDir: string;
  log4jFile: string;
  logFile: string;
  heapMb: number;
}

const live = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let handlersInstalled = false;

function killEverythingNow(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }
  live.clear();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

/**
 * Brokers must not outlive the test process, even when a test throws or the runner stops it.
 * Synchronous `exit` handling covers normal ends and uncaught errors; the signal handlers turn
 * SIGINT/SIGTERM into an exit. A SIGKILLed Node cannot run handlers, hence also `--pdeathsig`.
 */
function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.once('exit', killEverythingNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killEverythingNow();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

const OWNER_FILE = 'owner.pid';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A SIGKILLed test run leaves its temp dir behind (its JVMs die with it through pdeathsig).
 * Removes such dirs: those under `parent` named `prefix*` whose owning process is gone.
 */
export function removeAbandonedDirs(parent: string, prefix: string): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(parent).filter((name) => name.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of entries) {
    const dir = path.join(parent, name);
    try {
      const owner = Number(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // No owner file: not ours, or still being created.
    }
  }
}

export function markOwner(dir: string): void {
  fs.writeFileSync(path.join(dir, OWNER_FILE), String(process.pid));
}

export function registerTempDir(dir: string): void {
  installExitHandlers();
  tempDirs.add(dir);
}

export function forgetTempDir(dir: string): void {
  tempDirs.delete(dir);
}

export function javaExecutable(): string {
  const home = process.env.JAVA_HOME;
  if (home && fs.existsSync(path.join(home, 'bin', 'java'))) return path.join(home, 'bin', 'java');
  return 'java';
}

let setprivChecked: boolean | undefined;
/** util-linux `setpriv --pdeathsig` makes the kernel kill the JVM when its parent (this Node) dies. */
function hasSetpriv(): boolean {
  if (setprivChecked === undefined) {
    try {
      execFileSync('setpriv', ['--help'], { stdio: 'ignore' });
      setprivChecked = true;
    } catch {
      setprivChecked = false;
    }
  }
  return setprivChecked;
}

/** Flags that favour start-up time and a small footprint over throughput: tests are short. */
export function jvmFlags(heapMb: number, log4jFile: string): string[] {
  return [
    `-Xmx${heapMb}m`,
    '-Xms64m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-Xss512k',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${log4jFile}`,
  ];
}

export function startJvm(options: JvmStartOptions): JvmProcess {
  installExitHandlers();
  const outFile = path.join(path.dirname(options.logFile), `${options.name}.out`);
  const out = fs.openSync(outFile, 'a');
  const javaArgs = [
    ...jvmFlags(options.heapMb, options.log4jFile),
    '-cp',
    path.join(options.libsDir, '*'),
    options.mainClass,
    ...options.args,
  ];
  const [command, args] = hasSetpriv()
    ? ['setpriv', ['--pdeathsig', 'SIGKILL', javaExecutable(), ...javaArgs]]
    : [javaExecutable(), javaArgs];
  const child = spawn(command, args, { cwd: options.workDir, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  if (child.pid === undefined) throw new Error(`could not start ${options.name} (${command})`);
  live.add(child);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      exitCode = code;
      live.delete(child);
      resolve(code);
    });
    child.once('error', () => {
      exitCode = -1;
      live.delete(child);
      resolve(-1);
    });
  });
  const hasExited = () => exitCode !== undefined;
  const kill = async () => {
    if (!hasExited()) child.kill('SIGKILL');
    await exited;
  };
  const stop = async (graceMs = 15000) => {
    if (hasExited()) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return { name: options.name, pid: child.pid, logFile: options.logFile, outFile, exited, hasExited, stop, kill };
}

/** Runs a short-lived JVM tool (e.g. StorageTool format) and fails with its output on error. */
export function runJvmTool(libsDir: string, mainClass: string, args: string[], log4jFile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(javaExecutable(), [...jvmFlags(256, log4jFile), '-cp', path.join(libsDir, '*'), mainClass, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${mainClass} ${args[0] ?? ''} exited with ${code}: ${output.trim()}`));
    });
  });
}

/** The last lines of a log, for error messages that explain why a process never became ready. */
export function tailOf(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log written)';
  }
}
