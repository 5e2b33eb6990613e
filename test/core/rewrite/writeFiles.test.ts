import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { TextEdit } from '../../../src/core/model/types';
import { LineIndex } from '../../../src/core/extract/text';
import { applyToDisk, writeAtomically, type FileEdits } from '../../../src/core/rewrite/writeFiles';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'kc-write-'));
  mkdirSync(path.join(root, 'svc'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function replace(file: string, scannedText: string, find: string, newText: string): TextEdit {
  const offset = scannedText.indexOf(find);
  assert.ok(offset >= 0);
  return new LineIndex(scannedText).edit(file, offset, find.length, newText);
}

function plan(...entries: Array<[string, string, string, string]>): Map<string, FileEdits> {
  return new Map(
    entries.map(([file, scannedText, find, newText]) => [file, { scannedText, edits: [replace(file, scannedText, find, newText)] }]),
  );
}

const read = (rel: string) => readFileSync(path.join(root, rel), 'utf8');

describe('writeAtomically', () => {
  it('replaces the content, keeps the mode and leaves no temp file', async () => {
    const file = path.join(root, 'svc', 'run.sh');
    writeFileSync(file, 'old');
    chmodSync(file, 0o750);
    await writeAtomically(file, 'new');
    assert.equal(readFileSync(file, 'utf8'), 'new');
    assert.equal(statSync(file).mode & 0o777, 0o750);
    assert.deepEqual(readdirSync(path.join(root, 'svc')), ['run.sh']);
  });
});

describe('applyToDisk', () => {
  it('writes every file when all are as scanned', async () => {
    writeFileSync(path.join(root, 'svc', '.env'), 'B=old:9092\n');
    writeFileSync(path.join(root, 'a.yaml'), 'b: old:9092\n');
    const result = await applyToDisk(
      root,
      plan(['svc/.env', 'B=old:9092\n', 'old:9092', 'new:9094'], ['a.yaml', 'b: old:9092\n', 'old:9092', 'new:9094']),
    );
    assert.deepEqual(result, { written: ['a.yaml', 'svc/.env'] });
    assert.equal(read('svc/.env'), 'B=new:9094\n');
    assert.equal(read('a.yaml'), 'b: new:9094\n');
  });

  it('writes nothing when any file changed since the scan', async () => {
    writeFileSync(path.join(root, 'svc', '.env'), 'B=old:9092\n');
    writeFileSync(path.join(root, 'a.yaml'), 'b: old:9092\n# edited meanwhile\n');
    await assert.rejects(
      applyToDisk(root, plan(['svc/.env', 'B=old:9092\n', 'old:9092', 'new:9094'], ['a.yaml', 'b: old:9092\n', 'old:9092', 'new:9094'])),
      { name: 'UserFacingError', message: 'a.yaml: changed since the scan; rescan and try again' },
    );
    assert.equal(read('svc/.env'), 'B=old:9092\n');
  });

  it('treats a deleted file as changed', async () => {
    await assert.rejects(applyToDisk(root, plan(['svc/gone.env', 'B=old:9092\n', 'old:9092', 'new:9094'])), {
      message: 'svc/gone.env: changed since the scan; rescan and try again',
    });
  });

  it('keeps CRLF and a BOM, whether or not the scan saw them', async () => {
    const disk = '\uFEFFA=1\r\nB=old:9092\r\n';
    writeFileSync(path.join(root, 'svc', '.env'), disk);
    await applyToDisk(root, plan(['svc/.env', disk, 'old:9092', 'new:9094']));
    assert.equal(read('svc/.env'), '\uFEFFA=1\r\nB=new:9094\r\n');

    writeFileSync(path.join(root, 'svc', '.env'), disk);
    const scanned = 'A=1\nB=old:9092\n';
    const edits: TextEdit[] = [
      replace('svc/.env', scanned, 'old:9092', 'new:9094'),
      new LineIndex(scanned).edit('svc/.env', scanned.length, 0, 'C=2\n'),
    ];
    await applyToDisk(root, new Map([['svc/.env', { scannedText: scanned, edits }]]));
    assert.equal(read('svc/.env'), '\uFEFFA=1\r\nB=new:9094\r\nC=2\r\n');
  });

  it('refuses files that are not valid UTF-8 and paths outside the root', async () => {
    writeFileSync(path.join(root, 'bin.env'), Buffer.from([0x42, 0x3d, 0xff, 0x0a]));
    await assert.rejects(applyToDisk(root, plan(['bin.env', 'B=\uFFFD\n', 'B', 'C'])), {
      message: 'bin.env: is not valid UTF-8; not rewritten',
    });
    await assert.rejects(applyToDisk(root, plan(['../x.env', 'B=1\n', 'B', 'C'])), {
      name: 'UserFacingError',
      message: `../x.env: is not a file inside ${root}`,
    });
  });

  it('rejects overlapping edits before writing anything', async () => {
    writeFileSync(path.join(root, 'a.env'), 'B=old:9092\n');
    writeFileSync(path.join(root, 'b.env'), 'B=old:9092\n');
    const text = 'B=old:9092\n';
    const bad = [replace('b.env', text, 'old:9092', 'x'), replace('b.env', text, 'old', 'y')];
    const edits = new Map<string, FileEdits>([
      ['a.env', { scannedText: text, edits: [replace('a.env', text, 'old', 'new')] }],
      ['b.env', { scannedText: text, edits: bad }],
    ]);
    await assert.rejects(applyToDisk(root, edits), /b\.env: overlapping edits at 1:3 and 1:3/);
    assert.equal(read('a.env'), 'B=old:9092\n');
  });
});
