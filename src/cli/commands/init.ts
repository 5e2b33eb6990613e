import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE, manifestText, parseManifest, RepositoryIndex, writeAtomically } from '../../core';
import { parseArgs, UsageError } from '../args';
import type { Io } from '../main';
import { cacheOption, COMMON_BOOLEANS, repoDir } from './common';

/** `init`: a starting manifest from what a zero-config scan finds. Refuses to overwrite without --force. */
export async function runInit(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { values: [], booleans: [...COMMON_BOOLEANS, 'force'] });
  if (args.positionals.length > 1) throw new UsageError('expected at most one directory');
  const dir = repoDir(args.positionals[0], io);
  const target = path.join(dir, MANIFEST_FILE);
  if (fs.existsSync(target) && args.flags.get('force') !== true) {
    throw new UsageError(`${path.relative(io.cwd, target) || MANIFEST_FILE} already exists (use --force to replace it)`);
  }
  // Scan as if there were no manifest, so the result reflects the repository alone.
  const { model } = await new RepositoryIndex(dir, { ignoreManifest: true, cache: cacheOption(args, io), oneShot: true }).scan();
  const text = manifestText(model);
  parseManifest(text, MANIFEST_FILE); // never write a manifest we would reject
  await writeAtomically(target, text);
  io.out(
    `Wrote ${path.relative(io.cwd, target) || MANIFEST_FILE}: ${model.environments.length} environment(s), ${model.services.length} service(s). Review the TODO lines.\n`,
  );
  return 0;
}
