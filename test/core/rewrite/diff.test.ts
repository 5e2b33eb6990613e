import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { unifiedDiff } from '../../../src/core/rewrite/diff';

const lines = (n: number, prefix = 'l') => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}\n`).join('');

describe('unifiedDiff', () => {
  it('is empty when nothing changed', () => {
    assert.equal(unifiedDiff('a', 'x\n', 'x\n'), '');
  });

  it('shows one change with 3 lines of context', () => {
    const before = lines(10);
    const after = before.replace('l5\n', 'L5\n');
    assert.equal(
      unifiedDiff('svc/.env', before, after),
      '--- a/svc/.env\n+++ b/svc/.env\n@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8\n',
    );
  });

  it('splits hunks more than 6 unchanged lines apart and merges closer ones', () => {
    const before = lines(20);
    const far = before.replace('l2\n', 'X\n').replace('l10\n', 'Y\n');
    assert.equal(
      unifiedDiff('f', before, far),
      '--- a/f\n+++ b/f\n@@ -1,5 +1,5 @@\n l1\n-l2\n+X\n l3\n l4\n l5\n@@ -7,7 +7,7 @@\n l7\n l8\n l9\n-l10\n+Y\n l11\n l12\n l13\n',
    );
    const near = before.replace('l2\n', 'X\n').replace('l9\n', 'Y\n');
    assert.match(unifiedDiff('f', before, near), /^--- a\/f\n\+\+\+ b\/f\n@@ -1,12 \+1,12 @@\n/);
  });

  it('marks a missing final newline and counts single lines as git does', () => {
    assert.equal(
      unifiedDiff('f', 'a', 'b'),
      '--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n',
    );
    assert.equal(unifiedDiff('f', 'a', 'a\n'), '--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n');
    assert.equal(unifiedDiff('f', '', 'a\nb\n'), '--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n');
  });

  it('shows a wholesale change as removed then added, without the quadratic search', () => {
    const out = unifiedDiff('f', lines(1200, 'a'), lines(1200, 'b'));
    const body = out.split('\n');
    assert.equal(body[2], '@@ -1,1200 +1,1200 @@');
    assert.deepEqual([body[3], body[1202], body[1203], body[2402]], ['-a1', '-a1200', '+b1', '+b1200']);
    assert.equal(body.length, 2404);
  });

  it('gives patches git applies, no longer than git diff’s own', (t) => {
    try {
      execFileSync('git', ['--version']);
    } catch {
      t.skip('git is not installed');
      return;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'kc-diff-'));
    const changedLines = (patch: string) => patch.split('\n').filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l)).length;
    try {
      const text = fc
        .array(fc.constantFrom('a', 'b', 'c', 'kafka1:9092', '', 'x\r'), { maxLength: 25 })
        .chain((ls) => fc.constantFrom('', '\n').map((end) => ls.join('\n') + (ls.length ? end : '')));
      fc.assert(
        fc.property(text, text, (before, after) => {
          const patch = unifiedDiff('f', before, after);
          if (before === after) return assert.equal(patch, '');
          // git apply reads a patch from empty as a creation, and one to empty as a deletion.
          if (before === '') rmSync(path.join(dir, 'f'), { force: true });
          else writeFileSync(path.join(dir, 'f'), before);
          writeFileSync(path.join(dir, 'g'), after);
          writeFileSync(path.join(dir, 'p.diff'), patch);
          execFileSync('git', ['apply', '--whitespace=nowarn', 'p.diff'], { cwd: dir, stdio: 'pipe' });
          const applied = existsSync(path.join(dir, 'f')) ? readFileSync(path.join(dir, 'f'), 'utf8') : '';
          assert.equal(applied, after);
          writeFileSync(path.join(dir, 'f'), before);
          let git = '';
          try {
            execFileSync('git', ['diff', '--no-index', '--no-color', 'f', 'g'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
          } catch (err) {
            git = (err as { stdout: string }).stdout;
          }
          // Ours is a minimal (Myers) diff; git's heuristics sometimes give up minimality, never the reverse.
          assert.ok(changedLines(patch) <= changedLines(git), `${patch}\nvs git:\n${git}`);
        }),
        { numRuns: 60 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
