// What a stat says about a file or a folder, as the scan caches keep it. ctime cannot be set back by a
// tool (utimes sets it to now), so a change with size and mtime restored still changes the fingerprint.
import type * as fs from 'node:fs';

export interface Fingerprint {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** Timestamp granularity we allow for (FAT has 2 s; ext4, APFS and NTFS are far finer). */
export const RACY_MS = 2000;

export function fingerprintOf(st: fs.Stats): Fingerprint {
  return { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino };
}

export function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/**
 * Whether a fingerprint may stand for what was seen with it: not changed within RACY_MS before the scan
 * that saw it started, or after (such a file may change again in the same timestamp tick, git's
 * "racily clean" entries).
 */
export function trustedSince(fp: Fingerprint, scannedAt: number): boolean {
  return Math.max(fp.mtimeMs, fp.ctimeMs) < scannedAt - RACY_MS;
}
