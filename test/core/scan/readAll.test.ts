// Reading a discovered file list: outcomes in file order whatever happens to each file (read, skipped,
// unreadable, malformed), the cache's entries beside them, and the counts the scan reports.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { availableParallelism } from 'node:os';
import { AUTO_WORKER_MIN_FILES, autoWorkers, EarlyWorkers, readAll, type UnreadFacts } from '../../../src/core/scan/readAll';
import { MAX_FILE_BYTES, type FileOutcome } from '../../../src/core/scan/readFile';
import { removeRepo, writeRepo } from '../../helpers/repo';

const dirs: string[] = [];
after(() => dirs.forEach(removeRepo));

/** A folder with one file of each kind of outcome; `missing.env` is listed but never written. */
function tree(): { dir: string; files: Array<{ file: string; abs: string }> } {
  const dir = writeRepo({
    'svc/.env': 'KAFKA_BROKERS=kafka1.internal:9092\n',
    'svc/notes.ts': 'export const answer = 42;\n',
    'svc/blob.env': Buffer.from([0x4b, 0x41, 0x46, 0x4b, 0x41, 0x00, 0x01, 0x02]),
    'svc/big.env': `KAFKA_BROKERS=kafka1.internal:9092\n${'#'.repeat(MAX_FILE_BYTES)}\n`,
    'svc/broken.yaml': 'kafka:\n  brokers: [kafka1.internal:9092\n',
  });
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'svc/folder.env'));
  const rels = ['svc/.env', 'svc/notes.ts', 'svc/blob.env', 'svc/big.env', 'svc/missing.env', 'svc/folder.env', 'svc/broken.yaml'];
  return { dir, files: rels.map((file) => ({ file, abs: path.join(dir, file) })) };
}

function brief(o: FileOutcome | UnreadFacts): string {
  if (o.kind === 'skipped') return `${o.file} skipped: ${o.reason}`;
  if (o.kind === 'nothing') return `${o.file} nothing`;
  const f = o.facts;
  return `${o.file} facts: ${f.brokerRefs.length} refs, problems ${f.problems.map((p) => `${p.file}:${p.line}:${p.column}`).join(' ') || 'none'}`;
}

describe('readAll', () => {
  it('an outcome per file in the order given: facts, nothing, binary, too large, unreadable, malformed', async () => {
    const { files } = tree();
    const { outcomes, stats } = await readAll(files, { knownHosts: [], workers: 0 });
    assert.deepEqual(outcomes.map(brief), [
      'svc/.env facts: 1 refs, problems none',
      'svc/notes.ts nothing',
      'svc/blob.env skipped: binary content',
      'svc/big.env skipped: larger than 2 MB',
      'svc/missing.env skipped: unreadable: ENOENT',
      'svc/folder.env skipped: unreadable: EISDIR',
      'svc/broken.yaml facts: 1 refs, problems svc/broken.yaml:3:1',
    ]);
    assert.deepEqual(stats, { files: 7, fromCache: 0, extracted: 2, workers: 0 });
  });

  it('a malformed file’s problem says where and what, and is a warning', async () => {
    const { files } = tree();
    const { outcomes } = await readAll([files[6]!], { knownHosts: [], workers: 0 });
    const o = outcomes[0]!;
    assert.equal(o.kind, 'facts');
    // The unclosed `[` is found where the file ends; what it holds before that is still read.
    assert.deepEqual(o.kind === 'facts' && o.facts.problems, [
      {
        file: 'svc/broken.yaml',
        line: 3,
        column: 1,
        severity: 'warning',
        message: 'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      },
    ]);
  });

  it('the cache entries follow the files, with the kind each file had', async () => {
    const { files } = tree();
    const { entries } = await readAll(files, { knownHosts: [], workers: 0 });
    assert.deepEqual(
      entries.map((e) => [e.file, e.meta?.kind ?? null, typeof e.meta?.hash]),
      [
        ['svc/.env', 'facts', 'string'],
        ['svc/notes.ts', 'nothing', 'undefined'],
        ['svc/blob.env', 'binary', 'undefined'],
        ['svc/big.env', null, 'undefined'],
        ['svc/missing.env', null, 'undefined'],
        ['svc/folder.env', null, 'undefined'],
        ['svc/broken.yaml', 'facts', 'string'],
      ],
    );
    // Without a cache the facts come as objects, not JSON text.
    assert.equal(entries[0]!.factsJson, undefined);
  });

  it('the facts are the same read by a worker', async () => {
    const { files } = tree();
    const alone = await readAll(files, { knownHosts: [], workers: 0 });
    const withWorker = await readAll(files, { knownHosts: [], workers: 1 });
    assert.equal(withWorker.stats.workers, 1);
    // As JSON: a worker's facts cross as JSON text, where a key set to undefined is no key.
    assert.deepEqual(JSON.parse(JSON.stringify(withWorker.outcomes)), JSON.parse(JSON.stringify(alone.outcomes)));
  });

  it('code and config files over many chunks: the same outcomes whichever thread reads which', async () => {
    // The main thread reads config files first and the worker code files first, then each takes the
    // other kind: 4 chunks of Go and YAML each (128 files a chunk), fewer of Python and properties. Go is read with a worker first, so the main
    // thread meets Go files before it has loaded their grammar.
    const layout: Record<string, string> = {};
    for (let i = 0; i < 512; i++) {
      layout[`svc${i}/main.go`] =
        `package main\n\nconst brokers = "kafka${i}.internal:9092"\n\nfunc main() { connect(brokers, "orders-${i}") }\n`;
      layout[`svc${i}/application.yaml`] = `spring:\n  kafka:\n    bootstrap-servers: kafka${i}.internal:9092\n`;
      // Groups of other sizes: the queue is sorted into runs of one format, the outcomes stay in file order.
      if (i < 200) layout[`svc${i}/app.py`] = `BROKERS = "kafka${i}.internal:9092"\n`;
      if (i < 100) layout[`svc${i}/app.properties`] = `bootstrap.servers=kafka${i}.internal:9092\n`;
    }
    const dir = writeRepo(layout);
    dirs.push(dir);
    const files = Object.keys(layout)
      .sort()
      .map((file) => ({ file, abs: path.join(dir, file) }));
    const withWorker = await readAll(files, { knownHosts: [], workers: 1 });
    const alone = await readAll(files, { knownHosts: [], workers: 0 });
    assert.equal(withWorker.stats.workers, 1);
    assert.deepEqual(
      withWorker.outcomes.map((o) => (o.kind === 'facts' ? `${o.file} ${o.facts.brokerRefs.map((r) => r.parts[0]?.text).join()}` : o.kind)),
      files.map(({ file }) => `${file} kafka${/svc(\d+)/.exec(file)![1]}.internal:9092`),
    );
    assert.deepEqual(JSON.parse(JSON.stringify(withWorker.outcomes)), JSON.parse(JSON.stringify(alone.outcomes)));
  });

  it('an empty list reads nothing and starts no worker', async () => {
    assert.deepEqual(await readAll([], { knownHosts: [], workers: 2 }), {
      outcomes: [],
      entries: [],
      stats: { files: 0, fromCache: 0, extracted: 0, workers: 0 },
    });
  });
});

describe('autoWorkers', () => {
  it('the spare cores, at most 3', () => {
    assert.equal(autoWorkers(), Math.max(0, Math.min(3, availableParallelism() - 1)));
    assert.ok(autoWorkers() >= 0 && autoWorkers() <= 3);
  });
});

describe('EarlyWorkers', () => {
  it('starts the auto workers once the walk has found enough files to read, and closes them', () => {
    const early = new EarlyWorkers([], false);
    const running = () => early.started?.size;
    for (let i = 1; i < AUTO_WORKER_MIN_FILES; i++) early.onFile('yaml');
    assert.equal(running(), undefined);
    early.onFile('go');
    assert.equal(running() ?? 0, autoWorkers());
    early.close();
    assert.equal(running() ?? 0, 0);
  });
});
