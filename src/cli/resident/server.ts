// The resident CLI's process (`KAFKA_CUTOVER_RESIDENT=1`): it keeps each repository's index between
// runs and answers scan, plan and explain for the same user, so a run on an unchanged or slightly changed
// tree stats the files and reads only what changed (RepositoryIndex.refresh). It answers one request at
// a time, keeps a few repositories, and exits when idle. Its answers are the in-process run's, byte for
// byte: it runs the same run() with the request's folder, terminal and variables.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { type Analysis, type IndexOptions, RepositoryIndex } from '../../core';
import type { IndexSource } from '../commands/common';
import { run } from '../main';
import { encodeReply, IDLE_MS, PASSED_VARIABLES, residentMayAnswer, type ResidentReply, type ResidentRequest } from './protocol';

/** Repositories kept at once (a 1,000-service tree's index is ~150 MB): the least recently asked goes. */
const MAX_ROOTS = 3;
/** A request larger than this is not one the client sends. */
const MAX_REQUEST_BYTES = 1 << 20;

/** Indexes kept by repository, manifest and cache folder: the first run scans, the next ones refresh. */
export class ResidentIndexes implements IndexSource {
  private readonly byKey = new Map<string, RepositoryIndex>();

  constructor(private readonly maxRoots = MAX_ROOTS) {}

  async analyse(root: string, options: IndexOptions): Promise<{ workspace: RepositoryIndex; analysis: Analysis }> {
    const cacheDir = typeof options.cache === 'object' ? options.cache.dir : String(options.cache ?? false);
    const key = JSON.stringify([root, options.manifestPath ?? null, cacheDir]);
    const kept = this.byKey.get(key);
    this.byKey.delete(key);
    // One-shot as the CLI's own: texts are read only for rewrites (it makes none), and refresh() loads
    // the grammar of a changed file's language when it meets one.
    const workspace = kept ?? new RepositoryIndex(root, options);
    // A failed run (a broken manifest) leaves no index behind: the next one starts afresh.
    const analysis = kept ? await workspace.refresh() : await workspace.scan();
    this.byKey.set(key, workspace);
    for (const oldest of this.byKey.keys()) {
      if (this.byKey.size <= this.maxRoots) break;
      this.byKey.delete(oldest);
    }
    return { workspace, analysis };
  }

  get size(): number {
    return this.byKey.size;
  }
}

export interface ResidentServer {
  close(): Promise<void>;
  /** Answers a request as a connection would (the warm-up run, tests). */
  answer(request: unknown): Promise<ResidentReply>;
}

export interface ServeOptions {
  idleMs?: number;
  /** Called once idle for idleMs, or when asked to stop (the process exits; tests close instead). */
  onDone?: () => void;
  indexes?: ResidentIndexes;
}

/**
 * Listens on the socket. Undefined when another live process already does (two callers started one
 * each): this one has nothing to do. A socket file left by a process that died is replaced.
 */
export async function serveResident(socket: string, options: ServeOptions = {}): Promise<ResidentServer | undefined> {
  const indexes = options.indexes ?? new ResidentIndexes();
  let queue: Promise<unknown> = Promise.resolve();
  let idle: NodeJS.Timeout | undefined;
  const idleMs = options.idleMs ?? IDLE_MS;
  const armIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => options.onDone?.(), idleMs);
  };

  const answer = (request: unknown): Promise<ResidentReply> => {
    const control = controlOf(request);
    if (control === 'ping') return Promise.resolve({ unanswered: 'running' });
    if (control === 'stop') {
      clearTimeout(idle);
      // After the reply is on its way: the caller hears that it stopped.
      setImmediate(() => options.onDone?.());
      return Promise.resolve({ unanswered: 'stopped' });
    }
    const next = queue.then(() => handle(request, indexes));
    queue = next.catch(() => undefined);
    return next.finally(armIdle);
  };

  // Half-open: the client ends its side once the request is sent, and the answer follows.
  const server = net.createServer({ allowHalfOpen: true }, (conn) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    conn.on('data', (c: Buffer) => {
      bytes += c.length;
      if (bytes > MAX_REQUEST_BYTES) conn.destroy();
      else chunks.push(c);
    });
    conn.on('error', () => undefined);
    conn.on('end', () => {
      let request: unknown;
      try {
        request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        request = undefined;
      }
      void answer(request).then((reply) => conn.end(encodeReply(reply)));
    });
  });

  if (!(await listen(server, socket))) return undefined;
  pruneDeadSockets(socket);
  armIdle();
  return {
    answer,
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(idle);
        server.close(() => resolve());
      }),
  };
}

async function listen(server: net.Server, socket: string): Promise<boolean> {
  const attempt = () =>
    new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      const onError = (err: NodeJS.ErrnoException) => resolve(err);
      server.once('error', onError);
      server.listen(socket, () => {
        server.off('error', onError);
        resolve(undefined);
      });
    });
  let err = await attempt();
  if (err?.code === 'EADDRINUSE') {
    if (await answers(socket)) return false;
    fs.rmSync(socket, { force: true });
    err = await attempt();
  }
  if (err) return false;
  // Only this user may connect (the folder is the user's alone too: protocol.ts privateFolder).
  fs.chmodSync(socket, 0o600);
  return true;
}

/** Sockets of other builds whose process is gone: nothing will ever listen on them again. */
function pruneDeadSockets(own: string): void {
  const dir = path.dirname(own);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.sock') && path.join(dir, n) !== own);
  } catch {
    return;
  }
  for (const name of names) {
    const other = path.join(dir, name);
    void answers(other).then((live) => {
      if (!live) fs.rmSync(other, { force: true });
    });
  }
}

/** Whether a live process accepts connections on the socket. */
function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const conn = net.createConnection(socket);
    conn.on('connect', () => {
      conn.destroy();
      resolve(true);
    });
    conn.on('error', () => resolve(false));
  });
}

/** `{ ping: true }` (status) and `{ stop: true }` are answered at once, not after the queued runs. */
function controlOf(r: unknown): 'ping' | 'stop' | undefined {
  if (!r || typeof r !== 'object') return undefined;
  const q = r as { ping?: unknown; stop?: unknown };
  return q.stop === true ? 'stop' : q.ping === true ? 'ping' : undefined;
}

function isRequest(r: unknown): r is ResidentRequest {
  const q = r as ResidentRequest;
  return (
    !!q &&
    typeof q === 'object' &&
    Array.isArray(q.argv) &&
    q.argv.every((a) => typeof a === 'string') &&
    typeof q.cwd === 'string' &&
    typeof q.isTTY === 'boolean' &&
    (q.columns === undefined || typeof q.columns === 'number') &&
    !!q.env &&
    typeof q.env === 'object' &&
    Object.entries(q.env).every(([k, v]) => (PASSED_VARIABLES as readonly string[]).includes(k) && typeof v === 'string')
  );
}

async function handle(request: unknown, indexes: ResidentIndexes): Promise<ResidentReply> {
  if (!isRequest(request)) return { unanswered: 'not a request' };
  if (!residentMayAnswer(request.argv)) return { unanswered: 'runs in the caller' };
  let out = '';
  let err = '';
  try {
    const code = await run(request.argv, {
      cwd: request.cwd,
      env: { ...request.env },
      isTTY: request.isTTY,
      columns: request.columns,
      out: (t) => void (out += t),
      err: (t) => void (err += t),
      indexes,
    });
    return { out, err, code };
  } catch (e) {
    // A bug: the caller runs the command itself and reports it with its stack, as without us.
    return { unanswered: `internal error: ${e instanceof Error ? e.message : String(e)}` };
  }
}
