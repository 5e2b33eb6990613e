// The CLI in this process: process I/O around run(). Also the resident process's entry (`__resident`,
// started by bin.ts's caller after a run nobody answered, for the next one).
import { run } from './main';
import { startResident } from './resident/client';
import { serveResident } from './resident/server';

export function main(argv: string[], resident: { residentSocket?: string; cliPath: string }): void {
  if (argv[0] === '__resident') {
    void serveInBackground(argv[1], argv[2]);
    return;
  }
  const io = {
    cwd: process.cwd(),
    env: process.env,
    out: (t: string) => void process.stdout.write(t),
    err: (t: string) => void process.stderr.write(t),
    isTTY: !!process.stdout.isTTY,
    columns: process.stdout.columns,
  };
  run(argv, io).then(
    (code) => {
      // Nobody answered this run: a resident process starts for the next one (it exits when idle).
      if (resident.residentSocket && code !== 2) startResident(resident.cliPath, resident.residentSocket, argv, io);
      // Exit once the output is flushed: a client socket left open by a library must not keep us alive.
      process.exitCode = code;
      process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
    },
    (err: unknown) => {
      // A bug, not a user error: say so plainly, with the stack for the report.
      process.stderr.write(`kafka-cutover: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 3;
    },
  );
}

/** Serves until idle; first runs the command line it was started for, so the next one finds its index ready. */
async function serveInBackground(socket: string | undefined, warm: string | undefined): Promise<void> {
  if (!socket) process.exit(2);
  const server = await serveResident(socket, {
    onDone: () => {
      void server?.close().then(() => process.exit(0));
    },
  });
  if (!server) process.exit(0);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  if (warm) {
    try {
      await server.answer(JSON.parse(warm));
    } catch {
      // A bad warm-up request: the first real one scans instead.
    }
  }
}
