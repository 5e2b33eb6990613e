// One file read for the scan: the outcome for each kind of file, and when a cache entry lets it stand.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { emptyFacts } from '../../../src/core/model/types';
import { hashBytes, type EntryMeta } from '../../../src/core/scan/cache';
import { FileReader, forWorker, isRelevant } from '../../../src/core/scan/readFile';
import { removeRepo, writeRepo } from '../../helpers/repo';

const dirs: string[] = [];
after(() => dirs.forEach(removeRepo));

const ENV = 'KAFKA_BROKERS=kafka1.internal:9092\n';

function repo(files: Record<string, string | Buffer>): (rel: string) => string {
  const dir = writeRepo(files);
  dirs.push(dir);
  return (rel) => path.join(dir, rel);
}

const reader = () => new FileReader({ knownHosts: [] });

describe('FileReader.read', () => {
  it('a config file with a connection string has facts, and its text', () => {
    const abs = repo({ '.env': ENV });
    const o = reader().read('.env', abs('.env'));
    assert.equal(o.kind, 'facts');
    assert.deepEqual(o.kind === 'facts' && [o.text, o.facts.brokerRefs.map((r) => r.parts.map((p) => p.text))], [
      ENV,
      [['kafka1.internal:9092']],
    ]);
  });

  it('a file that never mentions Kafka is nothing, before it is decoded', () => {
    const abs = repo({ 'a.ts': 'export const x = 1;\n' });
    assert.deepEqual(reader().read('a.ts', abs('a.ts')), { file: 'a.ts', kind: 'nothing' });
  });

  it('a missing file is skipped as unreadable, with the reason, never a throw', () => {
    const abs = repo({});
    assert.deepEqual(reader().read('gone.env', abs('gone.env')), { file: 'gone.env', kind: 'skipped', reason: 'unreadable: ENOENT' });
  });

  it('control bytes without a NUL are binary too', () => {
    const abs = repo({ 'x.env': Buffer.concat([Buffer.from('KAFKA_BROKERS=k:9092\n'), Buffer.alloc(40, 0x01)]) });
    assert.deepEqual(reader().read('x.env', abs('x.env')), { file: 'x.env', kind: 'skipped', reason: 'binary content' });
  });
});

describe('FileReader.fromBytes', () => {
  it('too large, an error without a code, and a NUL byte each say why', () => {
    const r = reader();
    assert.deepEqual(r.fromBytes('a.env', 'too-large'), { file: 'a.env', kind: 'skipped', reason: 'larger than 2 MB' });
    assert.deepEqual(r.fromBytes('a.env', new Error('boom') as NodeJS.ErrnoException), {
      file: 'a.env',
      kind: 'skipped',
      reason: 'unreadable: Error: boom',
    });
    assert.deepEqual(r.fromBytes('a.env', Buffer.from('KAFKA_BROKERS=k:9092\0')), {
      file: 'a.env',
      kind: 'skipped',
      reason: 'binary content',
    });
  });
});

describe('FileReader.scan against a cache entry', () => {
  it('unchanged bytes keep the entry: same, no facts carried, the text for the caller', () => {
    const abs = repo({ '.env': ENV });
    const prior: EntryMeta = { size: 0, mtimeMs: 0, ctimeMs: 0, ino: 0, kind: 'facts', hash: hashBytes(Buffer.from(ENV)) };
    const s = reader().scan('.env', abs('.env'), prior, false, true);
    assert.equal(s.kind, 'facts');
    assert.deepEqual(s.kind === 'facts' && [s.same, s.text, s.facts, s.factsJson, s.meta.hash], [
      true,
      ENV,
      undefined,
      undefined,
      prior.hash,
    ]);
  });

  it('changed bytes are read again and, asked for JSON, carry the facts and their JSON text; a worker posts the text only', () => {
    const abs = repo({ '.env': ENV });
    const prior: EntryMeta = { size: 0, mtimeMs: 0, ctimeMs: 0, ino: 0, kind: 'facts', hash: 'stale' };
    const s = reader().scan('.env', abs('.env'), prior, false, true);
    assert.ok(s.kind === 'facts' && !s.same && s.facts && s.factsJson);
    assert.equal(s.facts.brokerRefs.length, 1);
    assert.equal(s.factsJson, JSON.stringify(s.facts));
    const { facts: _facts, ...posted } = s;
    assert.deepEqual(forWorker(s), posted);
    const nothing = { file: 'a.ts', kind: 'nothing', same: false } as const;
    assert.equal(forWorker(nothing), nothing);
  });

  it('a trusted nothing-entry whose fingerprint matches stands on a stat alone', () => {
    const abs = repo({ 'a.ts': 'export const x = 1;\n' });
    const st = fs.statSync(abs('a.ts'));
    const prior: EntryMeta = { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino, kind: 'nothing' };
    assert.deepEqual(reader().scan('a.ts', abs('a.ts'), prior, true, false), { file: 'a.ts', kind: 'nothing', same: true, meta: prior });
  });

  it('an unreadable file is skipped and not cached', () => {
    const abs = repo({});
    assert.deepEqual(reader().scan('gone.env', abs('gone.env'), undefined, false, false), {
      file: 'gone.env',
      kind: 'skipped',
      reason: 'unreadable: ENOENT',
      same: false,
    });
  });
});

describe('isRelevant', () => {
  it('empty facts are not; a problem alone is', () => {
    const f = emptyFacts('a.yaml', 'yaml');
    assert.equal(isRelevant(f), false);
    f.problems.push({ file: 'a.yaml', line: 1, column: 1, severity: 'warning', message: 'x' });
    assert.equal(isRelevant(f), true);
  });
});
