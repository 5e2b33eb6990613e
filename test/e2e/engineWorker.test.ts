// The engine worker (src/vscode/engine/worker.ts) as the extension host drives it: the view analysis it
// sends in parts is the RepositoryIndex's own analysis without the facts; a superseded update is applied but
// answered `cancelled`; edits and quick fixes come with the digests of the texts they were computed on.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deserialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { cutoverEdits } from '../../src/core/actions/cutover';
import { RepositoryIndex, type Analysis } from '../../src/core/repositoryIndex';
import type { AnalysedReply, EditsReply, FixData, FixOffer, FromWorker, Request, ViewPart } from '../../src/vscode/engine/protocol';
import { digestOf } from '../../src/vscode/engine/protocol';
import { SLICE, ViewAssembler } from '../../src/vscode/engine/viewAnalysis';
import { copyFleet, removeDir } from './fleet';

const WORKER = path.join(__dirname, '../../src/vscode/engine/worker.js');
let worker: Worker;
let dir: string;
let nextId = 1;
/** A part as it came: decoded, or a reference to part `index` of the host's view `base`. */
type Arrived = { index: number; part: ViewPart } | { index: number; base: number };
const waiting = new Map<number, { parts: ViewPart[]; arrived: Arrived[]; resolve: (m: Answer) => void }>();
interface Answer {
  message: FromWorker;
  parts: ViewPart[];
  arrived: Arrived[];
}

function send(request: Request): { id: number; answer: Promise<Answer> } {
  const id = nextId++;
  const answer = new Promise<Answer>((resolve) => waiting.set(id, { parts: [], arrived: [], resolve }));
  worker.postMessage({ type: 'request', id, request });
  return { id, answer };
}

async function analysed(request: Request): Promise<{ reply: AnalysedReply; analysis: Analysis; parts: number }> {
  const { message, parts } = await send(request).answer;
  assert.equal(message.type, 'reply', JSON.stringify(message));
  const assembler = new ViewAssembler();
  for (const p of parts) assembler.add(p);
  return { reply: (message as { result: AnalysedReply }).result, analysis: assembler.build(), parts: parts.length };
}

/** What the host may rely on: the analysis without the facts (only their consumer groups travel). */
function viewOf(a: Analysis): unknown {
  const { facts, refsByService, ...model } = a.model;
  return {
    model,
    groups: [...facts.values()].filter((f) => f.groups.length).map((f) => [f.file, f.groups]),
    refsByService: [...refsByService]
      .filter(([, refs]) => refs.length)
      .map(([s, refs]) => [s, refs.length])
      .sort(),
    plan: a.plan,
    findings: a.findings,
  };
}

before(() => {
  dir = copyFleet();
  worker = new Worker(WORKER);
  worker.on('message', (message: FromWorker) => {
    const w = waiting.get(message.id);
    if (!w) return;
    if (message.type === 'part') {
      const part = deserialize(Buffer.from(message.bytes)) as ViewPart;
      w.parts.push(part);
      w.arrived.push({ index: message.index, part });
      return;
    }
    if (message.type === 'samePart') {
      w.arrived.push({ index: message.index, base: message.base });
      return;
    }
    waiting.delete(message.id);
    w.resolve({ message, parts: w.parts, arrived: w.arrived });
  });
});

after(async () => {
  await worker.terminate();
  removeDir(dir);
});

test('a scan in the worker sends the analysis the RepositoryIndex computes, in slices, without the facts', async () => {
  await send({ kind: 'open', folder: 'f', root: dir, options: {} }).answer;
  const { reply, analysis, parts } = await analysed({ kind: 'scan', folder: 'f' });
  const direct = await new RepositoryIndex(dir).scan();
  assert.deepEqual(viewOf(analysis), viewOf(direct));
  assert.equal(reply.analysed, true);
  assert.equal(reply.folder.fileCount, direct.model.facts.size);
  assert.equal(reply.folder.zeroConfig, false);
  assert.equal(reply.folder.manifestPath, path.join(dir, 'kafka-cutover.yaml'));
  // Every array part is at most a slice: no message decodes more than SLICE items.
  assert.ok(parts > 20, `${parts} parts`);
  // The host's facts hold only consumer groups.
  for (const f of analysis.model.facts.values())
    assert.deepEqual([f.brokerRefs.length, f.topicUses.length, f.groups.length > 0], [0, 0, true]);
  assert.ok(SLICE >= 100);
});

test('an update superseded by a newer one is applied but not analysed; the newer analysis has both', async () => {
  const a = 'services/device-registry/.env.dev';
  const b = 'services/forecast-trainer/.env.dev';
  const textA = fs.readFileSync(path.join(dir, a), 'utf8').replace(':9092', ':9094');
  // A rescan keeps the worker busy, so the cancel arrives while the older update still waits its turn.
  const busy = analysed({ kind: 'scan', folder: 'f' });
  const older = send({ kind: 'update', folder: 'f', changes: [[a, textA]] });
  worker.postMessage({ type: 'cancel', id: older.id });
  const newer = analysed({ kind: 'update', folder: 'f', changes: [[b, null]] });
  assert.deepEqual((await older.answer).message, { type: 'cancelled', id: older.id });
  assert.deepEqual((await older.answer).parts, []);
  await busy;
  const { analysis } = await newer;
  const expected = new RepositoryIndex(dir);
  await expected.scan();
  expected.update(a, textA);
  expected.update(b, null);
  assert.deepEqual(viewOf(analysis), viewOf(expected.analyse()));
  // Put the files back as scanned for the next tests.
  await analysed({
    kind: 'update',
    folder: 'f',
    changes: [
      [a, undefined],
      [b, undefined],
    ],
  });
});

test('a cutover edit is computed in the worker with the digest of each file as scanned', async () => {
  const { message } = await send({
    kind: 'cutoverEdits',
    folder: 'f',
    request: { services: ['forecast-trainer'], env: 'dev', direction: 'migrate' },
  }).answer;
  assert.equal(message.type, 'reply');
  const reply = (message as { result: EditsReply }).result;
  const direct = cutoverEdits(await new RepositoryIndex(dir).scan(), { services: ['forecast-trainer'], env: 'dev' }, 'migrate');
  // The order of files follows the index's (a re-read file comes last); the host sorts them.
  const byName = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : 1);
  assert.deepEqual([...reply.byFile].sort(byName), [...direct.byFile].sort(byName));
  assert.deepEqual(reply.services, ['forecast-trainer']);
  assert.deepEqual(Object.keys(reply.digests).sort(), [
    'services/forecast-trainer/.env.dev',
    'services/forecast-trainer/trainer/consume.py',
  ]);
  for (const [file, digest] of Object.entries(reply.digests)) assert.equal(digest, digestOf(fs.readFileSync(path.join(dir, file), 'utf8')));
});

test('quick fixes are offered as titles only and computed when one is resolved: the port fix of a mutual-TLS target', async () => {
  const file = 'services/device-registry/.env.dev';
  const query = { rule: 'auth-port-mismatch' as const, line: 2, column: 63 };
  const offered = (await send({ kind: 'fixes', folder: 'f', file, queries: [query] }).answer).message as { result: FixOffer[] };
  assert.deepEqual(offered.result, [{ query: 0, fix: { kind: 'auth-port' }, preferred: true, confirm: false }]);
  const resolved = (await send({ kind: 'resolveFix', folder: 'f', file, query, fix: { kind: 'auth-port' } }).answer).message as {
    result: FixData;
  };
  const [[edited, edits]] = resolved.result.edits.byFile as unknown as [[string, Array<{ newText: string }>]];
  assert.equal(edited, file);
  assert.deepEqual(
    edits.map((e) => e.newText),
    ['9094'],
  );
  assert.deepEqual(Object.keys(resolved.result.edits.digests), [file]);
  // A finding that is not there (a stale position) offers nothing and resolves to nothing.
  const elsewhere = { ...query, line: 1 };
  assert.deepEqual(
    ((await send({ kind: 'fixes', folder: 'f', file, queries: [elsewhere] }).answer).message as { result: FixOffer[] }).result,
    [],
  );
  assert.equal(
    (
      (await send({ kind: 'resolveFix', folder: 'f', file, query: elsewhere, fix: { kind: 'auth-port' } }).answer).message as {
        result?: FixData;
      }
    ).result,
    undefined,
  );
});

test('a rejected manifest fails the scan with its problems at file:line, never a crash of the worker', async () => {
  fs.writeFileSync(path.join(dir, 'kafka-cutover.yaml'), 'environments: [\n');
  const { message } = await send({ kind: 'scan', folder: 'f' }).answer;
  assert.equal(message.type, 'failed');
  const error = (message as { error: { manifestProblems?: Array<{ file: string; line: number }> } }).error;
  assert.equal(error.manifestProblems?.[0]?.file, 'kafka-cutover.yaml');
  // Still serving: a request to an unknown folder is refused with a message.
  const unknown = (await send({ kind: 'known', folder: 'nope', file: 'x' }).answer).message;
  assert.deepEqual(unknown.type === 'failed' && unknown.error.message, 'no index is open for nope');
});

test('after an edit the worker sends only the parts that changed; the parts the host holds make up the rest, the same view as a whole one', async () => {
  // Views as the host keeps them: every part by index, whichever way it came.
  const held = new Map<number, ViewPart[]>();
  const viewFrom = async (
    request: Request,
  ): Promise<{ reply: AnalysedReply; analysis: Analysis; parts: ViewPart[]; arrived: Arrived[] }> => {
    const { message, arrived } = await send(request).answer;
    assert.equal(message.type, 'reply', JSON.stringify(message));
    const reply = (message as { result: AnalysedReply }).result;
    const parts = arrived.map((a) => {
      if ('part' in a) return a.part;
      const part = held.get(a.base)?.[a.index];
      assert.ok(part, `a reference to part ${a.index} of view ${a.base}, which was never sent`);
      return part;
    });
    assert.deepEqual(
      arrived.map((a) => a.index),
      parts.map((_, i) => i),
      'parts come in order, each once',
    );
    held.set(reply.view!, parts);
    const assembler = new ViewAssembler();
    for (const p of parts) assembler.add(p);
    return { reply, analysis: assembler.build(), parts, arrived };
  };

  // A folder of its own: the tests before leave theirs with a broken manifest.
  const root = copyFleet();
  await send({ kind: 'open', folder: 'g', root, options: {} }).answer;
  const first = await viewFrom({ kind: 'scan', folder: 'g' });
  assert.equal(first.reply.partsReused, 0, 'a request naming no base gets a whole view');
  assert.equal(first.reply.partsSent, first.parts.length);

  // One file's connection string moves to another port: its refs' slice, its findings and verdicts change, not the rest.
  const file = 'services/device-registry/.env.dev';
  const edited = fs.readFileSync(path.join(root, file), 'utf8').replace(':9092', ':9094');
  const second = await viewFrom({ kind: 'update', folder: 'g', changes: [[file, edited]], base: first.reply.view });
  const references = second.arrived.filter((a) => 'base' in a);
  assert.ok(references.length > 0, 'nothing was reused');
  assert.ok(second.reply.partsSent! > 0, 'nothing was sent for a changed file');
  assert.equal(second.reply.partsReused, references.length);
  assert.equal(second.reply.partsSent! + second.reply.partsReused!, second.parts.length);
  assert.ok(
    references.every((a) => 'base' in a && a.base === first.reply.view),
    'references name the base the request named',
  );
  const expected = new RepositoryIndex(root);
  await expected.scan();
  expected.update(file, edited);
  assert.deepEqual(viewOf(second.analysis), viewOf(expected.analyse()));
  // A sent part is one whose bytes differ from the base's part at the same place.
  for (const a of second.arrived)
    if ('part' in a) assert.notDeepEqual(a.part, first.parts[a.index], `part ${a.index} (${a.part.path.join('.')}) was sent unchanged`);

  // A base the worker does not know (one it never sent, or one it forgot): a whole view, never a guess.
  const third = await viewFrom({ kind: 'update', folder: 'g', changes: [[file, undefined]], base: 987654 });
  assert.equal(third.reply.partsReused, 0);
  assert.equal(third.reply.partsSent, third.parts.length);
  await send({ kind: 'close', folder: 'g' }).answer;
  removeDir(root);
});
