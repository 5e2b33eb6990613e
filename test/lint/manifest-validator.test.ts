// The manifest's validator is generated from its JSON schema (scripts/schema/gen-manifest-validator.mjs).
// `--check` must fail while the generated file is not what the schema makes, and the generated code
// must judge a manifest exactly as ajv compiling the schema at run time does.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { validate } from '../../src/core/manifest/schemaValidator.generated';
import { removeRepo, writeRepo } from '../helpers/repo';

const root = path.resolve(__dirname, '../../..');
const scriptRel = 'scripts/schema/gen-manifest-validator.mjs';
const schemaRel = 'schemas/kafka-cutover.schema.json';
const generatedRel = 'src/core/manifest/schemaValidator.generated.ts';
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) removeRepo(dir);
  dirs = [];
});

/** Runs the script in a copy of the three files it reads and writes. */
function run(args: string[], generated: string | null): { status: number | null; stderr: string; dir: string } {
  const files: Record<string, string> = { [scriptRel]: read(scriptRel), [schemaRel]: read(schemaRel) };
  if (generated !== null) files[generatedRel] = generated;
  const dir = writeRepo(files);
  dirs.push(dir);
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const r = spawnSync(process.execPath, [scriptRel, ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr, dir };
}

const stale = `${generatedRel} is not what ${schemaRel} makes: run \`npm run gen:schema\` and commit it.\n`;

describe('gen-manifest-validator', () => {
  it('--check passes the committed file', () => {
    assert.deepEqual(pick(run(['--check'], read(generatedRel))), { status: 0, stderr: '' });
  });

  it('--check fails on a file edited by hand, and on a missing one, saying what to run', () => {
    assert.deepEqual(pick(run(['--check'], read(generatedRel).replace('must be string', 'must be text'))), { status: 1, stderr: stale });
    assert.deepEqual(pick(run(['--check'], null)), { status: 1, stderr: stale });
  });

  it('writes the file the check then passes, byte for byte the committed one', () => {
    const { status, dir } = run([], null);
    assert.equal(status, 0);
    assert.equal(fs.readFileSync(path.join(dir, generatedRel), 'utf8'), read(generatedRel));
  });
});

describe('the generated validator', () => {
  const compiled = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(read(schemaRel)));
  const manifests: unknown[] = [
    {
      version: 1,
      environments: {
        prod: { source: { brokers: ['kafka1:9092'] }, target: { brokers: 'b-1.x.kafka.us-east-1.amazonaws.com:9098', auth: 'iam' } },
      },
    },
    { version: 2, environments: {} },
    { version: 1, environments: { prod: { source: { brokers: [] }, target: {} } }, mirror: { mode: 'both' }, extra: true },
    {
      version: 1,
      environments: { 'bad name': { source: { brokers: 'a:1, b:2' }, target: { brokers: ['x y:9'] } } },
      rules: { 'no-such-rule': 'error' },
    },
    {
      version: 1,
      environments: { dev: { source: { brokers: ['a:9092'] }, target: { brokers: ['b:9094'], region: 'nowhere' } } },
      services: { overrides: { billing: { role: 'sink' } } },
    },
    [],
    'version: 1',
  ];
  for (const [i, manifest] of manifests.entries()) {
    it(`judges manifest ${i} as ajv does at run time, with the same errors`, () => {
      const ok = compiled(manifest);
      assert.equal(validate(manifest), ok);
      assert.deepEqual((validate as unknown as { errors: unknown }).errors, ok ? null : compiled.errors);
    });
  }
});

function pick(r: { status: number | null; stderr: string }): { status: number | null; stderr: string } {
  return { status: r.status, stderr: r.stderr };
}
