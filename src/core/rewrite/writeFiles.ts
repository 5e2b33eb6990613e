// The one place the engine writes files: all-or-nothing staleness check, then atomic replace per file.
// (The rest of src/core is pure; the CLI calls this, the extension uses a WorkspaceEdit instead.)
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { TextEdit } from '../model/common';
import { applyEdits } from './brokers';

/** An error meant for the user as is (no stack trace needed). */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

const BOM = '\uFEFF';

/**
 * Replaces the file's content without ever leaving it half-written: write a temp file beside it, fsync,
 * rename over it (atomic on one file system), keeping the original's mode.
 */
export async function writeAtomically(absPath: string, text: string): Promise<void> {
  const dir = path.dirname(absPath);
  const temp = path.join(dir, `.${path.basename(absPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let mode: number | undefined;
  try {
    mode = (await fs.stat(absPath)).mode & 0o7777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const handle = await fs.open(temp, 'wx', mode ?? 0o666);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      // open()'s mode is filtered by the umask; chmod restores the original exactly.
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, absPath);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
  await syncDirectory(dir);
}

// Makes the rename itself durable; not all platforms allow opening a directory, which is fine to skip.
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows and some file systems refuse; the data itself is already synced.
  } finally {
    await handle?.close();
  }
}

export interface FileEdits {
  /** The text the edits' offsets refer to, exactly as the scan read it. */
  scannedText: string;
  edits: TextEdit[];
}

/**
 * Applies edits to files under `root` (keys are relative paths with `/`). First checks that EVERY file is
 * still what was scanned and computes every new text, so a stale file or a bad edit writes nothing; then
 * writes each atomically. A BOM and CRLF line endings on disk are kept even if the scan saw the text
 * without them.
 */
export async function applyToDisk(root: string, fileEdits: ReadonlyMap<string, FileEdits>): Promise<{ written: string[] }> {
  const pending: Array<{ file: string; absPath: string; text: string }> = [];
  for (const [file, { scannedText, edits }] of [...fileEdits].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const absPath = resolveInside(root, file);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(absPath);
    } catch {
      throw new UserFacingError(`${file}: changed since the scan; rescan and try again`);
    }
    const onDisk = bytes.toString('utf8');
    // Decoding replaced invalid bytes with U+FFFD; writing that back would corrupt the file.
    if (!Buffer.from(onDisk, 'utf8').equals(bytes)) throw new UserFacingError(`${file}: is not valid UTF-8; not rewritten`);
    const layout = matchLayout(onDisk, scannedText);
    if (!layout) throw new UserFacingError(`${file}: changed since the scan; rescan and try again`);
    if (edits.length === 0) continue;
    const edited = applyEdits(scannedText, edits);
    if (edited === scannedText) continue;
    pending.push({ file, absPath, text: layout.restore(edited) });
  }
  const written: string[] = [];
  for (const { file, absPath, text } of pending) {
    try {
      await writeAtomically(absPath, text);
    } catch (err) {
      const done = written.length > 0 ? ` (already written: ${written.join(', ')})` : '';
      throw new UserFacingError(`${file}: could not write: ${(err as Error).message}${done}`);
    }
    written.push(file);
  }
  return { written };
}

/**
 * How the disk text relates to the scanned text: identical, or identical once a BOM is dropped and/or CRLF
 * is read as LF. Returns how to turn edited scanned text back into the disk's layout, or undefined when
 * the file has changed.
 */
function matchLayout(onDisk: string, scanned: string): { restore: (text: string) => string } | undefined {
  const diskHasBom = onDisk.startsWith(BOM);
  const candidates: Array<{ disk: string; crlf: boolean; bom: boolean }> = [
    { disk: onDisk, crlf: false, bom: false },
    { disk: diskHasBom ? onDisk.slice(1) : onDisk, crlf: false, bom: diskHasBom },
    { disk: (diskHasBom ? onDisk.slice(1) : onDisk).replace(/\r\n/g, '\n'), crlf: onDisk.includes('\r\n'), bom: diskHasBom },
  ];
  const hit = candidates.find((c) => c.disk === scanned);
  if (!hit) return undefined;
  return {
    restore: (text) => {
      const lines = hit.crlf ? text.replace(/\r?\n/g, '\r\n') : text;
      return hit.bom ? BOM + lines : lines;
    },
  };
}

function resolveInside(root: string, file: string): string {
  const absRoot = path.resolve(root);
  const absPath = path.resolve(absRoot, ...file.split('/'));
  const rel = path.relative(absRoot, absPath);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new UserFacingError(`${file}: is not a file inside ${root}`);
  }
  return absPath;
}
