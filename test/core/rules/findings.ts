// What every rule test needs: scan a small repository with the real engine and list one rule's
// findings as `file:start-end severity message`, the form the tests compare exactly.
import { after } from 'node:test';
import type { Finding } from '../../../src/core/model/types';
import { removeRepo, scanRepo } from '../../helpers/repo';

const dirs: string[] = [];
after(() => dirs.forEach(removeRepo));

export async function findings(files: Record<string, string>, rule: string): Promise<string[]> {
  const { dir, analysis } = await scanRepo(files);
  dirs.push(dir);
  return analysis.findings
    .filter((f: Finding) => f.rule === rule)
    .map(
      (f) => `${f.file}:${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.severity} ${f.message}`,
    );
}

/** Scans and keeps the folder for removal after the file's tests. */
export async function scanned(files: Record<string, string>): ReturnType<typeof scanRepo> {
  const result = await scanRepo(files);
  dirs.push(result.dir);
  return result;
}
