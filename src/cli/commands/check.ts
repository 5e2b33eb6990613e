// `kafka-cutover check <topics|mirror|lag|connect|all>`: read-only checks against the real clusters
// named in the manifest. Exit 0 when nothing needs attention, 1 when a check found problems,
// 2 for usage or configuration errors (no manifest environments, a missing secret or file).
import * as path from 'node:path';
import { LiveError } from '../../live/client';
import { connectionSettings } from '../../live/connection';
import { envSecrets } from '../../live/secrets';
import { CHECKS, runLiveChecks } from '../../live/run';
import type { CheckName, CheckResult, LiveFinding } from '../../live/checks/types';
import { hangingLines } from '../../core';
import { countFindings, findingLines, resultTable } from '../../live/render';
import { DEFAULT_LAG_THRESHOLD } from '../../live/checks/lag';
import { DEFAULT_WINDOW_MS } from '../../live/checks/producers';
import { oneOf, parseArgs, positiveInteger, UsageError } from '../args';
import type { Io } from '../main';
import { COMMON_BOOLEANS, COMMON_VALUES, load, outputWidth, repoDir } from './common';

const WHICH = ['topics', 'mirror', 'lag', 'connect', 'clients', 'offsets', 'producers', 'health', 'all'] as const;
const FORMATS = ['table', 'json'] as const;

export async function runCheck(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, {
    values: [...COMMON_VALUES, 'format', 'timeout', 'lag-threshold', 'window'],
    booleans: [...COMMON_BOOLEANS, 'wide'],
  });
  const [which, dirArg, ...extra] = args.positionals;
  if (!which) throw new UsageError(`which check? one of ${WHICH.join(', ')}`);
  if (!(WHICH as readonly string[]).includes(which)) throw new UsageError(`unknown check '${which}' (one of ${WHICH.join(', ')})`);
  if (extra.length) throw new UsageError(`expected at most one directory, got ${[dirArg, ...extra].join(' ')}`);
  const format = oneOf('format', args.flags.get('format'), FORMATS, 'table');
  const timeoutMs = positiveInteger('timeout', args.flags.get('timeout'), 10_000);
  const lagThreshold = positiveInteger('lag-threshold', args.flags.get('lag-threshold'), DEFAULT_LAG_THRESHOLD);
  const windowMs = positiveInteger('window', args.flags.get('window'), DEFAULT_WINDOW_MS / 1000) * 1000;
  const checks: CheckName[] = which === 'all' ? [...CHECKS] : [which as CheckName];

  const dir = repoDir(dirArg, io);
  const { analysis, env } = await load(dir, args, io);
  const model = analysis.model;
  if (model.zeroConfig || model.manifest.environments.length === 0) {
    throw new UsageError(
      'live checks need a kafka-cutover.yaml with environments (source and target brokers); run `kafka-cutover init` to write one',
    );
  }
  const environments = model.manifest.environments.filter((e) => !env || e.name === env);
  const secrets = envSecrets(io.env);

  // Configuration mistakes (missing password, unreadable CA) are exit 2, before any network traffic.
  const configProblems: string[] = [];
  for (const e of environments) {
    for (const side of ['source', 'target'] as const) {
      try {
        await connectionSettings(e.name, side, e[side], secrets);
      } catch (error) {
        if (error instanceof LiveError) configProblems.push(error.message);
        else throw error;
      }
    }
  }
  if (configProblems.length) {
    io.err(configProblems.map((p) => `kafka-cutover check: ${p}\n`).join(''));
    return 2;
  }

  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  const all: Array<CheckResult<unknown>> = [];
  try {
    for (const environment of environments) {
      all.push(
        ...(await runLiveChecks({ model, environment, secrets, checks, timeoutMs, lagThreshold, windowMs, signal: controller.signal })),
      );
    }
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
  const findings = all.flatMap((r) => r.findings);
  if (format === 'json') io.out(JSON.stringify({ root: dir, checks: all, findings }, null, 2) + '\n');
  else io.out(renderCheckTable(all, io.cwd, dir, outputWidth(io, args.flags.get('wide') === true)));
  return findings.some((f) => f.severity === 'error' || f.severity === 'warning') ? 1 : 0;
}

function relativeFile(f: LiveFinding, cwd: string, root: string): string | undefined {
  if (!f.file) return undefined;
  return path.relative(cwd, path.join(root, f.file)) || f.file;
}

/**
 * `check --format table`: per environment and check its table and findings (files relative to `cwd`),
 * then the counts; lines fit `width` (none: one line per row, as `--wide` asks).
 */
export function renderCheckTable(results: ReadonlyArray<CheckResult<unknown>>, cwd: string, root: string, width?: number): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(...hangingLines('', `${result.environment}: ${result.check}`, width, 2));
    lines.push(...resultTable(result, width));
    for (const f of result.findings) lines.push(...findingLines(f, relativeFile(f, cwd, root), width));
    lines.push('');
  }
  const counts = countFindings(results.flatMap((r) => r.findings));
  lines.push(...hangingLines('', `${counts.errors} errors, ${counts.warnings} warnings, ${counts.notes} notes`, width, 2));
  return lines.join('\n') + '\n';
}
