#!/usr/bin/env node
// The `kafka-cutover` binary. With KAFKA_CUTOVER_RESIDENT=1 a read-only command is first put to the
// resident process (src/cli/resident), which keeps the repository's index: when it answers, the CLI
// itself is never loaded here (its bundle alone costs more than the answer). Otherwise, or when nobody
// answers, the CLI runs in this process as always.
import { askResident } from './resident/client';
import { residentMayAnswer, residentSocket, residentWanted } from './resident/protocol';

const argv = process.argv.slice(2);
const io = { cwd: process.cwd(), env: process.env, isTTY: !!process.stdout.isTTY, columns: process.stdout.columns };
const socket = residentWanted(process.env) && residentMayAnswer(argv) ? residentSocket(process.env) : undefined;

void (async () => {
  const reply = socket ? await askResident(socket, argv, io) : undefined;
  if (reply) {
    process.exitCode = reply.code;
    process.stdout.write(reply.out, () => process.stderr.write(reply.err, () => process.exit(reply.code)));
    return;
  }
  // The bundle maps this to dist/cliMain.js (scripts/build.mjs): loaded only when it runs here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./index') as typeof import('./index')).main(argv, { residentSocket: socket, cliPath: __filename });
})();
