import { cutoverEdits, offsetResetEdits, previewTexts, type Scope } from '../../core/actions/cutover';
import type { FixFlags } from '../../core/plan/guard';
import { unifiedDiff } from '../../core/rewrite/diff';
import { applyToDisk, type FileEdits } from '../../core/rewrite/writeFiles';
import { parseArgs, UsageError } from '../args';
import type { Io } from '../main';
import { COMMON_VALUES, load, repoDir } from './common';
import { fixEdits, guardMove, mergeInto, readySet, refuseUnapplied } from './guard';

/** `migrate` and `rollback`: rewrite connection strings, or print the diff with --dry-run. */
export async function runCutover(argv: string[], io: Io, direction: 'migrate' | 'rollback'): Promise<number> {
  const args = parseArgs(argv, {
    values: [...COMMON_VALUES, 'dir', 'wave'],
    booleans: direction === 'migrate' ? ['dry-run', 'ready', 'offset-reset', 'add-topics', 'force'] : ['dry-run', 'force'],
  });
  const services = args.positionals;
  const ready = args.flags.get('ready') === true;
  const waveFlag = args.flags.get('wave');
  const wave = waveFlag === undefined ? undefined : Number(waveFlag);
  if (wave !== undefined && ![1, 2, 3, 4].includes(wave)) throw new UsageError('--wave must be 1, 2, 3 or 4');
  if (!services.length && !ready && wave === undefined) {
    throw new UsageError(direction === 'migrate' ? 'name the services to migrate, or use --ready or --wave N' : 'name the services to roll back');
  }
  const dirFlag = args.flags.get('dir');
  const dir = repoDir(typeof dirFlag === 'string' ? dirFlag : undefined, io);
  const { workspace, analysis, env } = await load(dir, args, io);
  const textOf = (f: string) => workspace.scannedText(f);
  const known = new Set(analysis.model.services.map((s) => s.name));
  const unknown = services.filter((s) => !known.has(s));
  if (unknown.length) throw new UsageError(`unknown service${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);

  const flags: FixFlags = { offsetReset: args.flags.get('offset-reset') === true, addTopics: args.flags.get('add-topics') === true };
  // The guard decides before any edit is computed: a refused move changes no file.
  if (!guardMove(analysis, { direction, services, wave, env, ready, flags, force: args.flags.get('force') === true }, io)) return 1;
  const scope: Scope = { services: services.length ? services : undefined, ready, wave, env };
  const set = ready && direction === 'migrate' ? readySet(analysis, scope, flags) : cutoverEdits(analysis, scope, direction);
  if (direction === 'migrate') {
    const fixes = fixEdits(analysis, services.length ? services : set.services, env, flags, textOf);
    if (refuseUnapplied(fixes.unapplied, args.flags.get('force') === true, io)) return 1;
    for (const [file, edits] of fixes.edits) mergeInto(set.byFile, file, edits);
  }
  if (direction === 'migrate' && args.flags.get('offset-reset') === true) {
    // Named services get theirs even when their connection strings moved earlier: the reset matters
    // for as long as the consumer may start without a committed offset on the target.
    for (const [file, edits] of offsetResetEdits(analysis, services.length ? services : set.services)) mergeInto(set.byFile, file, edits);
  } else if (direction === 'migrate' && !analysis.model.manifest.mirror.offsetSync) {
    // The move's silent data-skipping trap: say so before it happens, with the flag that fixes it.
    const latest = [...offsetResetEdits(analysis, set.services).values()].flat();
    if (latest.length) {
      io.err(`note: offsets are not synced to the target and ${latest.length} consumer setting${latest.length === 1 ? '' : 's'} of these services start${latest.length === 1 ? 's' : ''} from latest (${[...new Set(latest.map((e) => e.file))].join(', ')}); add --offset-reset to set earliest for the move\n`);
    }
  }
  for (const { ref, reason } of set.skipped) {
    io.err(`${ref.file}:${ref.range.start.line}:${ref.range.start.column}: not rewritten: ${reason}\n`);
  }
  if (set.byFile.size === 0) {
    io.out(`Nothing to ${direction === 'migrate' ? 'migrate' : 'roll back'}${env ? ` in ${env}` : ''}.\n`);
    return 0;
  }
  if (args.flags.get('dry-run') === true) {
    for (const [file, { before, after }] of [...previewTexts(set.byFile, textOf)].sort(([a], [b]) => (a < b ? -1 : 1))) {
      io.out(unifiedDiff(file, before, after));
    }
    return 0;
  }
  const fileEdits = new Map<string, FileEdits>();
  for (const [file, edits] of set.byFile) fileEdits.set(file, { scannedText: textOf(file)!, edits });
  const { written } = await applyToDisk(dir, fileEdits);
  const verb = direction === 'migrate' ? 'Migrated' : 'Rolled back';
  io.out(`${verb} ${set.services.join(', ') || 'nothing'}${env ? ` in ${env}` : ''}: ${written.length} file${written.length === 1 ? '' : 's'} changed\n`);
  for (const f of written) io.out(`  ${f}\n`);
  return 0;
}
