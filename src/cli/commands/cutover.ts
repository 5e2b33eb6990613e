import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  applyToDisk,
  cutoverEdits,
  type EditSet,
  emptyUndoRecord,
  type FileEdits,
  type FixFlags,
  isEmptyRecord,
  offsetResetEdits,
  parseUndoRecord,
  previewTexts,
  type RecordableEdit,
  rollbackEdits,
  type RollbackSet,
  type RefSelection,
  serializeUndoRecord,
  type TextEdit,
  UNDO_FILE,
  type UndoRecord,
  unifiedDiff,
  updatedRecord,
  UserFacingError,
  writeAtomically,
} from '../../core';
import { parseArgs, UsageError, valueFlag } from '../args';
import type { Io } from '../main';
import { COMMON_BOOLEANS, COMMON_VALUES, load, repoDir } from './common';
import { fixEdits, guardMove, readySet, refuseUnapplied } from './guard';

/** `migrate` and `rollback`: rewrite connection strings, or print the diff with --dry-run. */
export async function runCutover(argv: string[], io: Io, direction: 'migrate' | 'rollback'): Promise<number> {
  const args = parseArgs(argv, {
    values: [...COMMON_VALUES, 'dir', 'wave'],
    booleans: [
      ...COMMON_BOOLEANS,
      ...(direction === 'migrate' ? ['dry-run', 'ready', 'offset-reset', 'add-topics', 'force'] : ['dry-run', 'force']),
    ],
  });
  const services = args.positionals;
  const ready = args.flags.get('ready') === true;
  const waveFlag = valueFlag(args, 'wave');
  const wave = waveFlag === undefined ? undefined : Number(waveFlag);
  if (wave !== undefined && ![1, 2, 3, 4].includes(wave)) throw new UsageError('--wave must be 1, 2, 3 or 4');
  if (!services.length && !ready && wave === undefined) {
    throw new UsageError(
      direction === 'migrate' ? 'name the services to migrate, or use --ready or --wave N' : 'name the services to roll back',
    );
  }
  const dir = repoDir(valueFlag(args, 'dir'), io);
  const { workspace, analysis, env } = await load(dir, args, io);
  const textOf = (f: string) => workspace.scannedText(f) ?? readIfPresent(path.join(dir, f));
  const known = new Set(analysis.model.services.map((s) => s.name));
  const unknown = services.filter((s) => !known.has(s));
  if (unknown.length) throw new UsageError(`unknown service${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);

  const flags: FixFlags = { offsetReset: args.flags.get('offset-reset') === true, addTopics: args.flags.get('add-topics') === true };
  // The guard decides before any edit is computed: a refused move changes no file.
  if (!guardMove(analysis, { direction, services, wave, env, ready, flags, force: args.flags.get('force') === true }, io)) return 1;
  const scope: RefSelection = { services: services.length ? services : undefined, ready, wave, env };
  const record = readUndoRecord(dir);
  const set: EditSet & { restores?: RollbackSet['restores'] } =
    direction === 'rollback'
      ? rollbackWithRecord(analysis, scope, record, textOf, io)
      : ready
        ? readySet(analysis, scope, flags)
        : cutoverEdits(analysis, scope, direction);
  if (direction === 'migrate') {
    const fixes = fixEdits(analysis, services.length ? services : set.services, env, flags, textOf);
    if (refuseUnapplied(fixes.unapplied, args.flags.get('force') === true, io)) return 1;
    for (const [file, edits] of fixes.edits) mergeSettings(set.byFile, file, edits);
  }
  if (direction === 'migrate' && args.flags.get('offset-reset') === true) {
    // Named services get theirs even when their connection strings moved earlier: the reset matters
    // for as long as the consumer may start without a committed offset on the target.
    for (const [file, edits] of offsetResetEdits(analysis, services.length ? services : set.services))
      mergeSettings(set.byFile, file, edits);
  } else if (direction === 'migrate' && !analysis.model.manifest.mirror.offsetSync) {
    // The move's silent data-skipping trap: say so before it happens, with the flag that fixes it.
    const latest = [...offsetResetEdits(analysis, set.services).values()].flat();
    if (latest.length) {
      io.err(
        `note: offsets are not synced to the target and ${latest.length} consumer setting${latest.length === 1 ? '' : 's'} of these services start${latest.length === 1 ? 's' : ''} from latest (${[...new Set(latest.map((e) => e.file))].join(', ')}); add --offset-reset to set earliest for the move\n`,
      );
    }
  }
  for (const { ref, reason } of set.skipped) {
    io.err(`${ref.file}:${ref.range.start.line}:${ref.range.start.column}: not rewritten: ${reason}\n`);
  }
  if (set.byFile.size === 0) {
    if (set.restores?.size && args.flags.get('dry-run') !== true) await writeWithRecord(dir, set.byFile, textOf, record, set.restores);
    io.out(`Nothing to ${direction === 'migrate' ? 'migrate' : 'roll back'}${env ? ` in ${env}` : ''}.\n`);
    return 0;
  }
  if (args.flags.get('dry-run') === true) {
    for (const [file, { before, after }] of [...previewTexts(set.byFile, textOf)].sort(([a], [b]) => (a < b ? -1 : 1))) {
      io.out(unifiedDiff(file, before, after));
    }
    return 0;
  }
  const written = await writeWithRecord(dir, set.byFile, textOf, record, set.restores);
  const verb = direction === 'migrate' ? 'Migrated' : 'Rolled back';
  io.out(
    `${verb} ${set.services.join(', ') || 'nothing'}${env ? ` in ${env}` : ''}: ${written.length} file${written.length === 1 ? '' : 's'} changed\n`,
  );
  for (const f of written) io.out(`  ${f}\n`);
  if (direction === 'migrate' && written.length)
    io.out(`Recorded in ${UNDO_FILE}: commit it with the change; rollback restores the exact text from it.\n`);
  return 0;
}

/** Fix edits beside the rewrite (offset reset, port, kafka_topic), recorded as `setting` edits; overlaps are dropped. */
function mergeSettings(byFile: Map<string, RecordableEdit[]>, file: string, edits: TextEdit[]): void {
  const list = byFile.get(file) ?? [];
  for (const e of edits)
    if (!list.some((x) => x.offset < e.offset + e.length && e.offset < x.offset + x.length)) list.push({ ...e, kind: 'setting' });
  byFile.set(file, list);
}

function readIfPresent(abs: string): string | undefined {
  try {
    return fs.readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}

/** The repository's undo record; none yet is an empty one, a malformed one is refused (it is the only way back). */
function readUndoRecord(dir: string): UndoRecord {
  const text = readIfPresent(path.join(dir, UNDO_FILE));
  if (text === undefined) return emptyUndoRecord();
  const { record, problems } = parseUndoRecord(text);
  if (problems.length) {
    const p = problems[0];
    throw new UserFacingError(
      `${p.file}:${p.line}:${p.column}: ${p.message}; fix or remove it (rollback would then map by the manifest only)`,
    );
  }
  return record;
}

/** Rollback's edits: the recorded originals first, then the manifest's mapping, saying what no migrate recorded. */
function rollbackWithRecord(
  analysis: Parameters<typeof rollbackEdits>[0],
  scope: RefSelection,
  record: UndoRecord,
  textOf: (f: string) => string | undefined,
  io: Io,
): RollbackSet {
  const set = rollbackEdits(analysis, scope, record, textOf);
  for (const [file, plan] of set.restores) {
    if (plan.changedSince && plan.edits.length) {
      io.err(
        `${file}: changed since migrate wrote it; restoring the ${plan.edits.length} recorded edit${plan.edits.length === 1 ? '' : 's'} still in place\n`,
      );
    }
    for (const e of plan.gone) {
      io.err(`${file}:${e.line}:${e.column}: recorded edit no longer in place (${JSON.stringify(e.after)} is gone); not restored\n`);
    }
  }
  for (const { ref } of set.unrecorded) {
    io.err(
      `${ref.file}:${ref.range.start.line}:${ref.range.start.column}: no migrate recorded this change; rolled back by the manifest's mapping\n`,
    );
  }
  return set;
}

/**
 * Writes the files, then the undo record beside them: migrate (no `restores`) adds what it wrote,
 * rollback drops what it restored and what it found gone, removing the record when nothing is left.
 */
async function writeWithRecord(
  dir: string,
  byFile: Map<string, RecordableEdit[]>,
  textOf: (f: string) => string | undefined,
  record: UndoRecord,
  restores: RollbackSet['restores'] | undefined,
): Promise<string[]> {
  const fileEdits = new Map<string, FileEdits>();
  for (const [file, edits] of byFile) fileEdits.set(file, { scannedText: textOf(file)!, edits });
  const { written } = await applyToDisk(dir, fileEdits);
  const next = updatedRecord(record, byFile, textOf, restores);
  if (next === record) return written;
  const abs = path.join(dir, UNDO_FILE);
  try {
    if (isEmptyRecord(next)) fs.rmSync(abs, { force: true });
    else await writeAtomically(abs, serializeUndoRecord(next));
  } catch (err) {
    throw new UserFacingError(`${UNDO_FILE}: could not write (${(err as Error).message}); files already written: ${written.join(', ')}`);
  }
  return written;
}
