// The resident CLI (KAFKA_CUTOVER_RESIDENT=1): a process that keeps each repository's index answers
// scan, plan and explain with exactly the in-process run's stdout, stderr and exit code, before and after
// the tree changes; everything else (and anything it cannot answer) runs in the caller. Its socket is the
// user's alone, requests carry no secret, and a dead, busy-dying or second process is never an error.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { run, type Io } from '../../src/cli/main';
import { askResident, residentCommand } from '../../src/cli/resident/client';
import {
  decodeReply,
  encodeReply,
  PASSED_VARIABLES,
  privateFolder,
  requestFor,
  residentMayAnswer,
  residentSocket,
} from '../../src/cli/resident/protocol';
import { ResidentIndexes, serveResident, type ResidentServer } from '../../src/cli/resident/server';
import { envService, fleet, removeRepo, SRC_PROD, TGT_PROD, writeRepo } from '../helpers/repo';
import { REPO_ROOT } from '../e2e/fleet';

const dirs: string[] = [];
const servers: ResidentServer[] = [];
after(async () => {
  for (const s of servers) await s.close();
  dirs.forEach(removeRepo);
});

function tempDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}

function repo(): string {
  const dir = writeRepo(
    fleet({
      orders: envService({ out: 'orders', prod: SRC_PROD }),
      billing: envService({ in: 'orders', out: 'invoices', prod: SRC_PROD }),
      audit: envService({ in: 'invoices', prod: TGT_PROD }),
    }),
  );
  dirs.push(dir);
  return dir;
}

/** A socket path short enough for any platform, in a folder of its own. */
function socketPath(): string {
  return path.join(tempDir('kc-rs-'), 's.sock');
}

async function serve(socket: string, options: Parameters<typeof serveResident>[1] = {}): Promise<ResidentServer> {
  const server = await serveResident(socket, options);
  assert.ok(server, 'the first process on a socket serves it');
  servers.push(server);
  return server;
}

/** The in-process run, as the CLI makes it without a resident process. */
async function inProcess(argv: string[], io: Omit<Io, 'out' | 'err'>): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const code = await run(argv, { ...io, out: (t) => void (out += t), err: (t) => void (err += t) });
  return { out, err, code };
}

test('which command lines the resident process may answer', () => {
  const yes = [['scan'], ['scan', 'dir', '--format', 'json'], ['plan', '--env', 'prod'], ['explain', 'orders', 'dir', '--format=json']];
  const no = [
    [],
    ['check', 'all'],
    ['migrate', 'orders'],
    ['init'],
    ['fleet'],
    ['publish'],
    ['resident', 'stop'],
    ['scan', '--live'],
    ['plan', '--live=true'],
    ['plan', '--fleet'],
    ['scan', '--no-cache'],
    ['scan', '--help'],
    ['scan', '--', '--dir-named-like-a-flag'],
  ];
  for (const argv of yes) assert.equal(residentMayAnswer(argv), true, argv.join(' '));
  for (const argv of no) assert.equal(residentMayAnswer(argv), false, argv.join(' '));
});

test('a request carries the folder, the terminal and the cache and colour variables, never anything else', () => {
  const env = {
    HOME: '/home/u',
    XDG_CACHE_HOME: '/home/u/.cache',
    NO_COLOR: '1',
    KAFKA_CUTOVER_PROD_SOURCE_PASSWORD: 'hunter2',
    AWS_SECRET_ACCESS_KEY: 'abc',
    PATH: '/usr/bin',
  };
  const request = requestFor(['scan'], { cwd: '/r', isTTY: true, columns: 90, env });
  assert.deepEqual(request, {
    argv: ['scan'],
    cwd: '/r',
    isTTY: true,
    columns: 90,
    env: { HOME: '/home/u', XDG_CACHE_HOME: '/home/u/.cache', NO_COLOR: '1' },
  });
  assert.deepEqual([...PASSED_VARIABLES].sort(), ['HOME', 'LOCALAPPDATA', 'NO_COLOR', 'USERPROFILE', 'XDG_CACHE_HOME']);
});

test('replies survive the wire byte for byte; a cut-off one is no reply', () => {
  const reply = { out: 'ünïcode → ✓\n'.repeat(3), err: 'warning: x\n', code: 1 };
  assert.deepEqual(decodeReply(encodeReply(reply)), reply);
  assert.deepEqual(decodeReply(encodeReply({ out: '', err: '', code: 0 })), { out: '', err: '', code: 0 });
  assert.deepEqual(decodeReply(encodeReply({ unanswered: 'runs in the caller' })), { unanswered: 'runs in the caller' });
  const bytes = encodeReply(reply);
  for (const cut of [0, 5, bytes.indexOf(10), bytes.indexOf(10) + 1, bytes.length - 1])
    assert.equal(decodeReply(bytes.subarray(0, cut)), undefined, `cut at ${cut}`);
  assert.equal(decodeReply(Buffer.concat([bytes, Buffer.from('x')])), undefined);
  assert.equal(decodeReply(Buffer.from('{"code":"0","out":0,"err":0}\n')), undefined);
});

test("the socket sits in the cache folder, named by the build; its folder must be the user's alone", () => {
  const cache = tempDir('kc-xdg-');
  const socket = residentSocket({ XDG_CACHE_HOME: cache });
  assert.ok(socket);
  assert.match(socket, new RegExp(`^${cache.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/kafka-cutover/resident/[0-9a-f]{12}\\.sock$`));
  assert.equal(residentSocket({ XDG_CACHE_HOME: '/' + 'x'.repeat(120) }), undefined, 'too long for a socket');
  assert.equal(residentSocket({}), undefined, 'no home, no cache folder');
  assert.equal(privateFolder(socket), true);
  assert.equal(fs.statSync(path.dirname(socket)).mode & 0o777, 0o700);
  fs.chmodSync(path.dirname(socket), 0o755);
  assert.equal(privateFolder(socket), false, 'others may enter');
  fs.chmodSync(path.dirname(socket), 0o700);
});

test('its answers are the in-process run byte for byte, before and after the tree changes', async () => {
  const dir = repo();
  const cache = tempDir('kc-xdg-');
  const socket = socketPath();
  const indexes = new ResidentIndexes();
  await serve(socket, { indexes });
  assert.equal(fs.statSync(socket).mode & 0o777, 0o600);
  const io = { cwd: dir, env: { XDG_CACHE_HOME: cache }, isTTY: false };
  const lines = [
    ['scan', '.', '--format', 'json'],
    ['scan', dir],
    ['scan', '.', '--env', 'prod', '--format', 'csv', '--fail-on', 'none'],
    ['plan', '.'],
    ['explain', 'billing', '.'],
    ['explain', 'nobody', '.'],
    ['scan', 'no-such-dir'],
  ];
  const check = async (when: string) => {
    for (const argv of lines) {
      const answered = await askResident(socket, argv, io);
      assert.ok(answered, `${when}: ${argv.join(' ')} answered`);
      assert.deepEqual(
        answered,
        await inProcess(argv, { ...io, env: { XDG_CACHE_HOME: tempDir('kc-xdg-') } }),
        `${when}: ${argv.join(' ')}`,
      );
    }
  };
  await check('first');
  assert.equal(indexes.size, 1, '. and the absolute path are one root');
  // A terminal: its width and colour travel with the request.
  const tty = { ...io, isTTY: true, columns: 70 };
  assert.deepEqual(await askResident(socket, ['plan', '.'], tty), await inProcess(['plan', '.'], tty));
  fs.writeFileSync(path.join(dir, 'services/billing/.env.prod'), `KAFKA_BROKERS=${TGT_PROD}\nINPUT_TOPIC=orders\nOUTPUT_TOPIC=invoices\n`);
  await check('after an edit');
  fs.writeFileSync(path.join(dir, 'services/orders/.env.dev'), 'KAFKA_BROKERS=kafka1.dev.example.internal:9092\n');
  await check('after a file was added');
  fs.writeFileSync(path.join(dir, 'kafka-cutover.yaml'), 'version: 1\nenvironments: [\n');
  await check('with a broken manifest');
});

test('a socket in a folder others may write to is never asked: whatever listens there could answer anything', async () => {
  const dir = repo();
  const socket = socketPath();
  await serve(socket);
  const io = { cwd: dir, env: {}, isTTY: false };
  assert.ok(await askResident(socket, ['scan', '.'], io));
  fs.chmodSync(path.dirname(socket), 0o777);
  try {
    assert.equal(await askResident(socket, ['scan', '.'], io), undefined);
  } finally {
    fs.chmodSync(path.dirname(socket), 0o700);
  }
  assert.ok(await askResident(socket, ['scan', '.'], io));
});

test('what it may not answer, and what is not a request, the caller runs itself', async () => {
  const dir = repo();
  const socket = socketPath();
  await serve(socket);
  const io = { cwd: dir, env: {}, isTTY: false };
  for (const argv of [
    ['check', 'topics', '.'],
    ['scan', '.', '--live'],
    ['migrate', 'orders'],
    ['init', '.'],
  ])
    assert.equal(await askResident(socket, argv, io), undefined, argv.join(' '));
  const raw = await new Promise<string>((resolve) => {
    const conn = net.createConnection(socket, () => conn.end('not json\n'));
    let data = '';
    conn.on('data', (c) => (data += String(c)));
    conn.on('close', () => resolve(data));
  });
  assert.equal(raw, '{"unanswered":"not a request"}\n');
  // A request naming a variable it does not pass on is not one either.
  const smuggled = await new Promise<string>((resolve) => {
    const request = { ...requestFor(['scan', '.'], io), env: { KAFKA_CUTOVER_PROD_SOURCE_PASSWORD: 'x' } };
    const conn = net.createConnection(socket, () => conn.end(JSON.stringify(request)));
    let data = '';
    conn.on('data', (c) => (data += String(c)));
    conn.on('close', () => resolve(data));
  });
  assert.equal(smuggled, '{"unanswered":"not a request"}\n');
});

test('nobody listening, a second process, a stale socket file, a process dying mid-answer: never an error', async () => {
  const socket = socketPath();
  const io = { cwd: REPO_ROOT, env: {}, isTTY: false };
  assert.equal(await askResident(socket, ['scan'], io), undefined, 'nothing there');
  // A socket file nobody listens on (a process killed with -9) is replaced.
  fs.writeFileSync(socket, '');
  const first = await serve(socket);
  assert.equal(await serveResident(socket), undefined, 'a second process leaves the live one serving');
  assert.equal((await residentCommand(socket, 'status')).text, `running (${socket})`);
  await first.close();
  assert.equal(fs.existsSync(socket), false, 'closing removes the socket');
  assert.equal((await residentCommand(socket, 'status')).text, 'not running');
  // Half an answer, then the connection closes.
  const dying = net.createServer({ allowHalfOpen: true }, (conn) => {
    conn.on('data', () => undefined);
    conn.on('end', () => conn.end(encodeReply({ out: 'x'.repeat(100), err: '', code: 0 }).subarray(0, 40)));
  });
  await new Promise<void>((resolve) => dying.listen(socket, resolve));
  try {
    assert.equal(await askResident(socket, ['scan'], io), undefined);
  } finally {
    await new Promise<void>((resolve) => dying.close(() => resolve()));
  }
});

test('it stops when asked, and when idle', async () => {
  const socket = socketPath();
  let stopped = 0;
  await serve(socket, { onDone: () => stopped++ });
  assert.deepEqual(await residentCommand(socket, 'stop'), { text: 'stopped', code: 0 });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(stopped, 1);
  assert.deepEqual(await residentCommand(socket, 'restart'), { text: 'usage: kafka-cutover resident status|stop', code: 2 });
  const idleSocket = socketPath();
  let idle = 0;
  await serve(idleSocket, { idleMs: 30, onDone: () => idle++ });
  await new Promise((resolve) => setTimeout(resolve, 120));
  assert.equal(idle, 1);
});

test("the bundle: the first run starts a resident process without the caller's secrets, which answers the next", async () => {
  const dir = repo();
  const cache = tempDir('kc-xdg-');
  // A copy of the bundle: once the resident process runs, the CLI proper is moved away, so that only
  // the resident process can answer (the binary alone cannot scan).
  const bin = tempDir('kc-bin-');
  for (const f of fs.readdirSync(path.join(REPO_ROOT, 'dist')))
    if (/^(cli|cliMain|scanWorker)\.js$|\.wasm$/.test(f)) fs.copyFileSync(path.join(REPO_ROOT, 'dist', f), path.join(bin, f));
  const env = { PATH: process.env.PATH, XDG_CACHE_HOME: cache, KAFKA_CUTOVER_RESIDENT: '1', KAFKA_CUTOVER_PROD_SOURCE_PASSWORD: 'hunter2' };
  const cli = (argv: string[]) => {
    const r = spawnSync(process.execPath, [path.join(bin, 'cli.js'), ...argv], { cwd: dir, encoding: 'utf8', env });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const first = cli(['scan', '.', '--format', 'json']);
  assert.equal(first.err, '');
  assert.equal(first.code, 0);
  // It starts after the first run ends. The bundle's socket is named by the bundle's build, not by these
  // compiled sources': status says which.
  let status = '';
  for (let i = 0; i < 100 && !status.startsWith('running'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    status = cli(['resident', 'status']).out;
  }
  const running = /^running \((.+\/kafka-cutover\/resident\/[0-9a-f]{12}\.sock)\)\n$/.exec(status);
  assert.ok(running, status);
  const socket = running[1];
  assert.ok(socket.startsWith(cache));
  try {
    const pid = fs
      .readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .find((p) => {
        try {
          return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(socket);
        } catch {
          return false;
        }
      });
    assert.ok(pid, 'the resident process is found by its socket');
    const environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    assert.deepEqual(
      environ.filter((v) => v.includes('hunter2') || v.startsWith('KAFKA_CUTOVER')),
      [],
    );
    fs.renameSync(path.join(bin, 'cliMain.js'), path.join(bin, 'away.js'));
    assert.deepEqual(cli(['scan', '.', '--format', 'json']), first);
    fs.writeFileSync(path.join(dir, 'services/billing/.env.prod'), `KAFKA_BROKERS=${TGT_PROD}\nINPUT_TOPIC=orders\n`);
    const changed = cli(['plan', '.']);
    fs.renameSync(path.join(bin, 'away.js'), path.join(bin, 'cliMain.js'));
    assert.deepEqual(changed, cli(['plan', '.', '--no-cache']));
  } finally {
    if (fs.existsSync(path.join(bin, 'away.js'))) fs.renameSync(path.join(bin, 'away.js'), path.join(bin, 'cliMain.js'));
    assert.equal(cli(['resident', 'stop']).out, 'stopped\n');
  }
  for (let i = 0; i < 50 && fs.existsSync(socket); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(fs.existsSync(socket), false);
});
