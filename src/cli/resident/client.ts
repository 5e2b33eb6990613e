// The caller's side of the resident CLI: send the command line to the resident process and print what
// it answers, or say "not answered" so the caller runs it itself. Nothing the resident process does can
// make a run fail that would have passed in-process: a missing, busy-dying or broken process is a
// fallback, never an error, and no output is printed until the whole answer has arrived.
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import { decodeReply, privateFolder, requestFor, type ResidentReply, type ResidentRequest } from './protocol';

/** How long a connection may take to open: a live process on this machine accepts at once. */
const CONNECT_MS = 500;
/** How long an answer may take (a first scan of a large repository) before the caller runs it itself. */
const REPLY_MS = 120_000;

export interface CallerIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  columns?: number;
}

/**
 * The resident process's answer, or undefined when there is none to use (the caller runs the command).
 * Only a socket in a folder that is the user's alone is asked: anyone else who could put one there could
 * answer in its place (say, call every service ready).
 */
export async function askResident(
  socket: string,
  argv: string[],
  io: CallerIo,
): Promise<{ out: string; err: string; code: number } | undefined> {
  if (!privateFolder(socket)) return undefined;
  const reply = await send(socket, requestFor(argv, io));
  return reply && 'code' in reply ? reply : undefined;
}

/** `kafka-cutover resident status|stop`: whether this build's resident process runs; stop it. */
export async function residentCommand(socket: string | undefined, action: string | undefined): Promise<{ text: string; code: number }> {
  if (action !== 'status' && action !== 'stop') return { text: 'usage: kafka-cutover resident status|stop', code: 2 };
  if (!socket) return { text: 'no resident process: there is no cache folder for its socket', code: 0 };
  if (action === 'status') {
    const running = await send(socket, { ping: true });
    return { text: running ? `running (${socket})` : 'not running', code: 0 };
  }
  const reply = await send(socket, { stop: true });
  return { text: reply ? 'stopped' : 'not running', code: 0 };
}

function send(socket: string, request: ResidentRequest | { stop: true } | { ping: true }): Promise<ResidentReply | undefined> {
  return new Promise((resolve) => {
    const conn = net.createConnection(socket);
    const chunks: Buffer[] = [];
    let settled = false;
    let replyTimer: NodeJS.Timeout | undefined;
    const done = (reply: ResidentReply | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(replyTimer);
      conn.destroy();
      resolve(reply);
    };
    const connectTimer = setTimeout(() => done(undefined), CONNECT_MS);
    conn.on('connect', () => {
      clearTimeout(connectTimer);
      replyTimer = setTimeout(() => done(undefined), REPLY_MS);
      conn.end(JSON.stringify(request) + '\n');
    });
    conn.on('data', (c: Buffer) => chunks.push(c));
    conn.on('error', () => done(undefined));
    conn.on('close', () => {
      // Not a whole reply (the process died mid-answer): run it here instead.
      if (!settled) done(decodeReply(Buffer.concat(chunks)));
    });
  });
}

/**
 * Starts a resident process for next time, detached, that first runs this command line to have its
 * index ready. Its environment holds only what placing the cache needs: never the caller's secrets.
 */
export function startResident(cliPath: string, socket: string, argv: string[], io: CallerIo): void {
  if (!privateFolder(socket)) return;
  const env: NodeJS.ProcessEnv = { PATH: io.env.PATH };
  const request = requestFor(argv, io);
  Object.assign(env, request.env);
  try {
    const child = spawn(process.execPath, [cliPath, '__resident', socket, JSON.stringify(request)], {
      detached: true,
      stdio: 'ignore',
      env,
      cwd: io.cwd,
    });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No resident process: the next run is in-process too.
  }
}
