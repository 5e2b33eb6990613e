// The CLI: arguments -> the engine -> a report, and an exit code (0 clean, 1 findings at or above
// --fail-on, 2 usage or config error). User errors are one clear line, never a stack trace.
import * as path from 'node:path';
import { ManifestError, UserFacingError } from '../core';
import { UsageError } from './args';
import { runScan } from './commands/scan';
import { runCutover } from './commands/cutover';
import { runInit } from './commands/init';
import { runExplain } from './commands/explain';
import type { IndexSource } from './commands/common';
import { residentCommand } from './resident/client';
import { residentSocket } from './resident/protocol';

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
  /** Whether stdout is a terminal (colour in tables). */
  isTTY: boolean;
  /** The terminal's width when stdout is one; tables fit it (120 columns otherwise, unless --wide). */
  columns?: number;
  /** Where scans come from when not a fresh index per run: the resident process's kept indexes. */
  indexes?: IndexSource;
}

export const USAGE = `Usage: kafka-cutover <command> [options]

Commands:
  scan [dir]                 find connection strings, topics and hazards
      --format table|json|csv|markdown|sarif   (default table)
      --env E                only this environment
      --fail-on error|warning|none              exit 1 on findings at or above (default error)
      --wide                 one line per row: no wrapping to the terminal's width (120 columns when not a terminal);
                             explain, check and fleet take it too
  plan [dir]                 the cutover order per environment (same options as scan)
      --live [--window S]    confirm it on the clusters: groups nobody owns block, moved services still on the source are hazards
      --fleet                count consumers in other repositories (the manifest's fleet topic)
  explain <service> [dir] [--env E] [--format text|json] [--wide]
                             why the service has its role, state and readiness, fact by fact
  migrate <service...> | --ready [--wave N] [--env E] [--dir D] [--dry-run] [--offset-reset] [--add-topics] [--force]
                             rewrite connection strings source -> target; refuses (exit 1) a service
                             that is blocked, unknown, part of a cycle or needs fixes, unless --force
      --offset-reset         set consumers' offset reset to earliest in the same change
      --add-topics           add a kafka_topic block for each topic it uses that no Terraform declares
  rollback <service...> [--env E] [--dir D] [--dry-run] [--force]
                             rewrite them back (restores the original text); refuses (exit 1) a consumer
                             whose producer is on the target, unless --force
  init [dir] [--force]       write a starting kafka-cutover.yaml from what the scan finds
  check <topics|mirror|lag|connect|clients|offsets|producers|health|all> [dir]
                             read-only checks against the real clusters of the manifest
      --env E --format table|json --timeout MS (default 10000) --lag-threshold N (default 10000) --wide
      --window S             how long producers/health watch the clusters (default 30)
      secrets from KAFKA_CUTOVER_<ENV>_<SOURCE|TARGET>_PASSWORD / _KEY_PASSPHRASE
  publish [dir] [--env E] [--live] [--dry-run]
                             write this repository's services to the manifest's fleet topic (the one write)
  fleet [dir] [--env E] [--format table|json|csv|markdown] [--wide]
                             read every repository's records and plan the whole fleet
      secrets from KAFKA_CUTOVER_FLEET_PASSWORD / _KEY_PASSPHRASE
  resident status|stop       whether the resident process runs (KAFKA_CUTOVER_RESIDENT below); stop it

Options for every command:
  --manifest PATH            manifest file (default <dir>/kafka-cutover.yaml)
  --no-cache                 read every file afresh: neither use nor write the scan cache
                             (kept in $XDG_CACHE_HOME/kafka-cutover, default ~/.cache/kafka-cutover)
  --help                     this text

Environment:
  KAFKA_CUTOVER_RESIDENT=1   scan, plan and explain ask a resident process that keeps the repository's
                             index between runs (it starts after the first run, exits after 15 idle minutes,
                             and never sees secrets: --live, --fleet and check run in the calling process)

Exit codes: 0 clean, 1 findings at or above --fail-on or a refused move, 2 usage or configuration error.`;

type Command = (argv: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  scan: (argv, io) => runScan(argv, io, 'scan'),
  plan: (argv, io) => runScan(argv, io, 'plan'),
  migrate: (argv, io) => runCutover(argv, io, 'migrate'),
  rollback: (argv, io) => runCutover(argv, io, 'rollback'),
  explain: runExplain,
  init: runInit,
  // The live checks bring kafkajs and the AWS signer: evaluated only when `check` runs.
  check: async (argv, io) => (await import('./commands/check')).runCheck(argv, io),
  publish: async (argv, io) => (await import('./commands/fleet')).runPublish(argv, io),
  fleet: async (argv, io) => (await import('./commands/fleet')).runFleet(argv, io),
  resident: async (argv, io) => {
    const { text, code } = await residentCommand(residentSocket(io.env), argv[0]);
    (code ? io.err : io.out)(`${text}\n`);
    return code;
  },
};

export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`kafka-cutover: unknown command '${name}'\n\n${USAGE}\n`);
    return 2;
  }
  if (rest.includes('--help')) {
    io.out(USAGE + '\n');
    return 0;
  }
  try {
    return await command(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`kafka-cutover ${name}: ${err.message}\nRun 'kafka-cutover --help' for usage.\n`);
      return 2;
    }
    if (err instanceof ManifestError) {
      io.err(`${err.message}\n`);
      return 2;
    }
    if (err instanceof UserFacingError) {
      io.err(`kafka-cutover ${name}: ${err.message}\n`);
      return 2;
    }
    const e = err as NodeJS.ErrnoException;
    if (e && (e.code === 'ENOENT' || e.code === 'ENOTDIR' || e.code === 'EACCES')) {
      io.err(
        `kafka-cutover ${name}: ${e.path ? path.relative(io.cwd, e.path) || e.path : ''}: ${e.code === 'EACCES' ? 'permission denied' : 'no such file or directory'}\n`,
      );
      return 2;
    }
    throw err;
  }
}

declare const KAFKA_CUTOVER_VERSION: string | undefined;
const VERSION = typeof KAFKA_CUTOVER_VERSION === 'string' ? KAFKA_CUTOVER_VERSION : '0.0.0-dev';
