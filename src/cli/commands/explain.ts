import { explain, renderExplanation } from '../../core';
import { oneOf, parseArgs, UsageError } from '../args';
import type { Io } from '../main';
import { COMMON_BOOLEANS, COMMON_VALUES, forEnvironment, load, outputWidth, repoDir } from './common';

const FORMATS = ['text', 'json'] as const;

/** `explain <service> [dir]`: why the service has its role, state and readiness, fact by fact. */
export async function runExplain(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { values: [...COMMON_VALUES, 'format'], booleans: [...COMMON_BOOLEANS, 'wide'] });
  const [service, dirArg, ...rest] = args.positionals;
  if (!service) throw new UsageError('name the service to explain');
  if (rest.length) throw new UsageError(`expected a service and at most one directory, got ${args.positionals.join(' ')}`);
  const format = oneOf('format', args.flags.get('format'), FORMATS, 'text');
  const dir = repoDir(dirArg, io);
  const { analysis, env } = await load(dir, args, io);
  const view = forEnvironment(analysis, env);
  const explanation = explain(view.model, view.plan, service);
  if (!explanation) {
    const known = analysis.model.services.map((s) => s.name);
    throw new UsageError(`unknown service: ${service} (known: ${known.join(', ') || 'none'})`);
  }
  io.out(
    format === 'json'
      ? JSON.stringify(explanation, null, 2) + '\n'
      : renderExplanation(explanation, outputWidth(io, args.flags.get('wide') === true)),
  );
  return 0;
}
