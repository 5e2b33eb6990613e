// What the resident CLI's client and server share: where the socket is, which runs it may answer, and
// the one message each way. A request carries only what the read-only commands read from the caller's
// process: its folder, terminal, the variables that place the cache and turn colour off. Never a secret:
// the live checks (which take passwords from the environment) always run in the caller's own process.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compiledTreeHash, defaultCacheDir, engineKey } from '../../core';

/** `KAFKA_CUTOVER_RESIDENT=1`: scan, plan and explain ask a resident process that keeps the index. */
export const RESIDENT_VARIABLE = 'KAFKA_CUTOVER_RESIDENT';

/** The resident process exits after this long without a request. */
export const IDLE_MS = 15 * 60_000;

/** The variables a request passes on: where the cache is, and whether to colour. */
export const PASSED_VARIABLES = ['HOME', 'XDG_CACHE_HOME', 'LOCALAPPDATA', 'USERPROFILE', 'NO_COLOR'] as const;

/** The commands it answers: the ones that only read the repository. */
const RESIDENT_COMMANDS = new Set(['scan', 'plan', 'explain']);
/** Flags that need the caller's process: the clusters (secrets from its environment), or a fresh read. */
const IN_PROCESS_FLAGS = ['--live', '--fleet', '--no-cache', '--help'];

export interface ResidentRequest {
  argv: string[];
  cwd: string;
  isTTY: boolean;
  columns?: number;
  env: Partial<Record<(typeof PASSED_VARIABLES)[number], string>>;
}

/** The whole outcome of a run, sent once it ended; `unanswered` makes the client run it itself. */
export type ResidentReply = { out: string; err: string; code: number } | { unanswered: string };

/**
 * On the wire: a JSON line with the exit code and the byte lengths of stdout and stderr, then their bytes
 * as they are (a report can be megabytes: escaping it into JSON and back cost more than the scan).
 */
export function encodeReply(reply: ResidentReply): Buffer {
  if ('unanswered' in reply) return Buffer.from(JSON.stringify(reply) + '\n');
  const out = Buffer.from(reply.out);
  const err = Buffer.from(reply.err);
  return Buffer.concat([Buffer.from(JSON.stringify({ code: reply.code, out: out.length, err: err.length }) + '\n'), out, err]);
}

/** The reply in these bytes, or undefined when they are not a whole one (the process died mid-answer). */
export function decodeReply(bytes: Buffer): ResidentReply | undefined {
  const eol = bytes.indexOf(10);
  if (eol < 0) return undefined;
  let head: { code?: unknown; out?: unknown; err?: unknown; unanswered?: unknown };
  try {
    head = JSON.parse(bytes.subarray(0, eol).toString('utf8')) as typeof head;
  } catch {
    return undefined;
  }
  if (typeof head.unanswered === 'string') return { unanswered: head.unanswered };
  const { code, out, err } = head;
  if (typeof code !== 'number' || typeof out !== 'number' || typeof err !== 'number') return undefined;
  if (bytes.length !== eol + 1 + out + err) return undefined;
  const body = bytes.subarray(eol + 1);
  return { code, out: body.subarray(0, out).toString('utf8'), err: body.subarray(out).toString('utf8') };
}

export function residentWanted(env: NodeJS.ProcessEnv): boolean {
  return env[RESIDENT_VARIABLE] === '1' && process.platform !== 'win32';
}

/** Whether the resident process may answer this command line (otherwise the caller runs it). */
export function residentMayAnswer(argv: readonly string[]): boolean {
  const [command, ...rest] = argv;
  if (!command || !RESIDENT_COMMANDS.has(command)) return false;
  return !rest.some((a) => a === '--' || IN_PROCESS_FLAGS.some((f) => a === f || a.startsWith(`${f}=`)));
}

export function requestFor(argv: string[], io: { cwd: string; isTTY: boolean; columns?: number; env: NodeJS.ProcessEnv }): ResidentRequest {
  const env: ResidentRequest['env'] = {};
  for (const name of PASSED_VARIABLES) if (io.env[name] !== undefined) env[name] = io.env[name];
  return { argv, cwd: io.cwd, isTTY: io.isTTY, columns: io.columns, env };
}

declare const KAFKA_CUTOVER_BUILD: string | undefined;
let devBuildKey: string | undefined;

/** This build of the CLI: the bundle's sources (scripts/build.mjs), or unbundled, the compiled CLI's files. */
function buildKey(): string {
  if (typeof KAFKA_CUTOVER_BUILD === 'string') return KAFKA_CUTOVER_BUILD;
  devBuildKey ??= `${engineKey()}+${compiledTreeHash(path.join(__dirname, '..'))}`;
  return devBuildKey;
}

/**
 * The socket of this build's resident process for this user: in a folder of the cache only the user may
 * enter, named by the engine so that an upgraded CLI never asks an older process. Undefined where there
 * is no such folder, or where its path would be too long for a socket (~104 bytes on macOS).
 */
export function residentSocket(env: NodeJS.ProcessEnv): string | undefined {
  const base = defaultCacheDir(env);
  if (!base) return undefined;
  const dir = path.join(base, 'resident');
  const name = crypto.createHash('sha1').update(buildKey()).digest('hex').slice(0, 12);
  const socket = path.join(dir, `${name}.sock`);
  return Buffer.byteLength(socket) <= 100 ? socket : undefined;
}

/**
 * Makes the socket's folder (mode 0700) and checks it is the user's alone: another user who could write
 * there could stand in for the resident process. False when it is not (the run then stays in-process).
 */
export function privateFolder(socket: string): boolean {
  const dir = path.dirname(socket);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.statSync(dir);
    const uid = os.userInfo().uid;
    return st.isDirectory() && (uid < 0 || st.uid === uid) && (st.mode & 0o077) === 0;
  } catch {
    return false;
  }
}
