#!/usr/bin/env node
// The `kafka-cutover` binary: process I/O around run().
import { run } from './main';

run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: !!process.stdout.isTTY,
  columns: process.stdout.columns,
}).then(
  (code) => {
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
