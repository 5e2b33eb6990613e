// The scan gives the same analysis however it is run: in the main thread or with workers, from the
// cache (cold, warm, with trusted fingerprints or with hashes) or without. Compared as full JSON.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { workerScript } from '../../../src/core/scan/pool';
import { AUTO_WORKER_MIN_FILES, autoWorkers } from '../../../src/core/scan/readAll';
import { RepositoryIndex, type Analysis, type IndexOptions } from '../../../src/core/repositoryIndex';
import { FLEET } from '../../e2e/fleet';
import { REALWORLD } from '../../e2e/realworld';
import { writeRepo } from '../../helpers/repo';

const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const json = (a: Analysis) =>
  JSON.stringify(a, (_k, v: unknown) => (v instanceof Map ? { map: [...v] } : v instanceof Set ? { set: [...v] } : v));

async function analysis(root: string, options: IndexOptions): Promise<{ text: string; ws: RepositoryIndex }> {
  const ws = new RepositoryIndex(root, options);
  return { text: json(await ws.scan()), ws };
}

for (const [name, root] of [
  ['test/fixtures/realworld', REALWORLD],
  ['examples/fleet', FLEET],
] as const) {
  test(`${name}: the same analysis with and without workers and the cache`, async () => {
    const reference = await analysis(root, { workers: 0 });
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-cache-'));
    dirs.push(cacheDir);
    const later = () => Date.now() + 60_000;
    const runs: Array<[string, IndexOptions, (ws: RepositoryIndex) => void]> = [
      ['one worker', { workers: 1 }, (ws) => assert.equal(ws.scanStats!.workers, 1)],
      ['two workers', { workers: 2 }, (ws) => assert.equal(ws.scanStats!.workers, 2)],
      ['cold cache', { workers: 0, cache: { dir: cacheDir, now: later } }, (ws) => assert.equal(ws.scanStats!.cache, 'absent')],
      [
        'warm cache, fingerprints trusted',
        { workers: 0, cache: { dir: cacheDir, now: later } },
        (ws) => assert.equal(ws.scanStats!.fromCache, ws.scanStats!.files),
      ],
      // The real clock: the cache file is fresh, so entries are checked by their bytes.
      ['warm cache, racy entries', { workers: 1, cache: { dir: cacheDir } }, (ws) => assert.equal(ws.scanStats!.cache, 'used')],
    ];
    // Unbundled, the worker is the compiled scanWorker.js beside pool.js: it must be there.
    assert.ok(workerScript(), 'the compiled scan worker');
    for (const [label, options, check] of runs) {
      const { text, ws } = await analysis(root, options);
      check(ws);
      assert.equal(text.length, reference.text.length, label);
      assert.ok(text === reference.text, `${label}: the analysis differs`);
      // Same facts, same files, same order.
      assert.deepEqual([...ws.analyse().model.facts.keys()], [...reference.ws.analyse().model.facts.keys()], label);
    }
  });
}

test('a tree large enough for auto workers (started during the walk): the same analysis', async () => {
  const layout: Record<string, string> = {
    'kafka-cutover.yaml': [
      'version: 1',
      'environments:',
      '  prod:',
      '    source: { brokers: [kafka1.internal:9092], version: "1.0.0" }',
      '    target: { brokers: "b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094", auth: mtls }',
      'services:',
      '  roots: ["services/*"]',
      '',
    ].join('\n'),
  };
  // Three files read a service (go.mod is a marker, not read).
  const services = Math.ceil(AUTO_WORKER_MIN_FILES / 3) + 10;
  for (let i = 0; i < services; i++) {
    const to = `topic-${(i + 1) % services}`;
    layout[`services/svc-${i}/go.mod`] = `module example.com/svc${i}\n`;
    layout[`services/svc-${i}/main.go`] =
      `package main\n\nimport "github.com/segmentio/kafka-go"\n\nfunc main() {\n\tw := &kafka.Writer{Addr: kafka.TCP("kafka1.internal:9092"), Topic: "${to}"}\n\t_ = w\n}\n`;
    layout[`services/svc-${i}/application.yaml`] =
      `spring:\n  kafka:\n    bootstrap-servers: kafka1.internal:9092\n    consumer:\n      group-id: svc-${i}\n`;
    layout[`services/svc-${i}/.env`] = `KAFKA_BROKERS=kafka1.internal:9092\n`;
  }
  const root = writeRepo(layout);
  dirs.push(root);
  const reference = await analysis(root, { workers: 0 });
  const auto = await analysis(root, { workers: 'auto' });
  assert.equal(auto.ws.scanStats!.files, services * 3);
  assert.equal(auto.ws.scanStats!.workers, autoWorkers());
  assert.ok(auto.text === reference.text, 'the analysis differs');
  assert.equal(reference.ws.analyse().model.services.length, services);
});
