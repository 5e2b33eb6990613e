// What every command shares: where the repository is, loading it, the environment filter.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Analysis, defaultCacheDir, type IndexOptions, RepositoryIndex } from '../../core';
import { UsageError, valueFlag, type ParsedArgs } from '../args';
import type { Io } from '../main';

export const COMMON_VALUES = ['manifest', 'env'];
/** Flags of every command that scans: `--no-cache` reads every file afresh and writes no cache. */
export const COMMON_BOOLEANS = ['no-cache'];

/** The scan cache as the flags ask: in the user's cache folder (of `io.env`: none without a home), unless `--no-cache`. */
export function cacheOption(args: ParsedArgs, io: Io): { dir: string } | false {
  const dir = defaultCacheDir(io.env);
  return args.flags.has('no-cache') || !dir ? false : { dir };
}

/** Where stdout is not a terminal (a pipe, CI logs), tables fit this many columns. */
export const DEFAULT_WIDTH = 120;

/** The columns table output must fit: the terminal's, 120 when there is none, unlimited with --wide. */
export function outputWidth(io: Io, wide: boolean): number | undefined {
  if (wide) return undefined;
  return io.isTTY && io.columns && io.columns > 0 ? io.columns : DEFAULT_WIDTH;
}

export function repoDir(dir: string | undefined, io: Io): string {
  const abs = path.resolve(io.cwd, dir ?? '.');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new UsageError(`${dir ?? '.'}: no such directory`);
  }
  if (!stat.isDirectory()) throw new UsageError(`${dir}: not a directory`);
  return abs;
}

/** Scans kept between runs (the resident process): the first of a repository scans, later ones refresh. */
export interface IndexSource {
  analyse(root: string, options: IndexOptions): Promise<{ workspace: RepositoryIndex; analysis: Analysis }>;
}

/** Without a resident process: a new index per run, scanned once. */
const FRESH_INDEX: IndexSource = {
  async analyse(root, options) {
    const workspace = new RepositoryIndex(root, options);
    return { workspace, analysis: await workspace.scan() };
  },
};

export async function load(
  dir: string,
  args: ParsedArgs,
  io: Io,
): Promise<{ workspace: RepositoryIndex; analysis: Analysis; env?: string }> {
  const manifest = valueFlag(args, 'manifest');
  const options: IndexOptions = {
    manifestPath: manifest !== undefined ? path.resolve(io.cwd, manifest) : undefined,
    cache: cacheOption(args, io),
    oneShot: true,
  };
  const { workspace, analysis } = await (io.indexes ?? FRESH_INDEX).analyse(dir, options);
  const env = valueFlag(args, 'env');
  if (env !== undefined && !analysis.model.environments.includes(env)) {
    throw new UsageError(`unknown environment '${env}' (known: ${analysis.model.environments.join(', ') || 'none'})`);
  }
  return { workspace, analysis, env };
}

/** The analysis as seen from one environment: its state, readiness and findings only. */
export function forEnvironment(analysis: Analysis, env: string | undefined): Analysis {
  if (!env) return analysis;
  const { model, plan, findings } = analysis;
  return {
    model: {
      ...model,
      environments: [env],
      services: model.services.map((s) => ({ ...s, state: { [env]: s.state[env] } })),
      brokerRefs: model.brokerRefs.filter((r) => !r.environment || r.environment === env),
    },
    plan: { ...plan, readiness: { [env]: plan.readiness[env] ?? {} }, verdicts: { [env]: plan.verdicts[env] ?? {} } },
    findings: findings.filter((f) => !f.environment || f.environment === env),
  };
}
