// migrate and rollback through the undo record: only connection strings change, and rollback brings back
// the exact bytes, also where the manifest's mapping alone could not.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, type Io } from '../../src/cli/main';
import { parseUndoRecord, UNDO_FILE } from '../../src/core/rewrite/undo';
import { COMPOSE_LOOKALIKES, COMPOSE_MANIFEST } from '../helpers/compose';
import fc from 'fast-check';
import { removeRepo, writeRepo } from '../helpers/repo';
import { changedFiles, copyFleet, EXPECTED, snapshotTree } from '../e2e/fleet';

const dirs: string[] = [];
after(() => dirs.forEach(removeRepo));
const repo = (files: Record<string, string>) => {
  const dir = writeRepo(files);
  dirs.push(dir);
  return dir;
};

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { cwd: process.cwd(), env: {}, out: (t) => void (out += t), err: (t) => void (err += t), isTTY: false };
  const code = await run(argv, io);
  return { code, out, err };
}

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
const B1 = 'b-1.dev.xy12.c2.kafka.eu-west-1.amazonaws.com:9094';
const B2 = 'b-2.dev.xy12.c2.kafka.eu-west-1.amazonaws.com:9094';

/** Line numbers (1-based) where two texts differ, with the new line. */
function changedLines(before: string, after: string): Array<[number, string]> {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(a.length, b.length);
  return b.flatMap((line, i) => (line === a[i] ? [] : [[i + 1, line] as [number, string]]));
}

/**
 * These tests are about the bytes migrate and rollback write, not about the guard: `forced` runs the
 * move with --force and drops the guard's note of what it overrode (guard.test.ts asserts those).
 */
async function forced(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await cli([...args, '--force']);
  return { ...r, err: r.err.replace(/^kafka-cutover (?:migrate|rollback): --force overrides:\n(?: {2}.*\n)*/m, '') };
}

test('compose look-alikes: migrate changes exactly the client connection strings (and the scheme TLS needs)', async () => {
  const dir = repo({ 'kafka-cutover.yaml': COMPOSE_MANIFEST, 'shop/docker-compose.yml': COMPOSE_LOOKALIKES });
  const migrated = await forced(['migrate', 'shop', '--dir', dir]);
  assert.equal(migrated.code, 0, migrated.err);
  assert.equal(
    migrated.out,
    `Migrated shop: 1 file changed\n  shop/docker-compose.yml\nRecorded in ${UNDO_FILE}: commit it with the change; rollback restores the exact text from it.\n`,
  );
  // The host-only key feeds `${KAFKA_HOST}:${KAFKA_PORT}`: left for people, and said so.
  assert.equal(
    migrated.err,
    'shop/docker-compose.yml:75:19: not rewritten: KAFKA_HOST holds a host name without its port (the port is set elsewhere); change both by hand\n',
  );
  const after = read(dir, 'shop/docker-compose.yml');
  assert.deepEqual(changedLines(COMPOSE_LOOKALIKES, after), [
    [33, `      SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS: SSL://${B1},SSL://${B2}`],
    [45, `      CONNECT_BOOTSTRAP_SERVERS: "${B1},${B2}"`],
    [56, `      KSQL_BOOTSTRAP_SERVERS: ${B1},${B2}`],
    [64, `      - KAFKA_BROKERS=${B1},${B2}`],
    [74, `      SPRING_KAFKA_BOOTSTRAP_SERVERS: ${B1},${B2}`],
    [78, `      test: kcat -b ${B1},${B2} -L`],
  ]);
  const { record, problems } = parseUndoRecord(read(dir, UNDO_FILE));
  assert.deepEqual(problems, []);
  assert.deepEqual(Object.keys(record.files), ['shop/docker-compose.yml']);
  assert.deepEqual(
    record.files['shop/docker-compose.yml'].edits.map((e) => [e.line, e.column, e.kind, e.before]),
    [
      [33, 53, 'security', 'PLAINTEXT'],
      [33, 59, 'brokers', 'kafka:9092'],
      [45, 35, 'brokers', 'kafka:9092'],
      [56, 31, 'brokers', 'kafka:9092'],
      [64, 23, 'brokers', 'kafka:9092'],
      [74, 39, 'brokers', 'kafka'],
      [78, 21, 'brokers', 'kafka:9092'],
    ],
  );
  for (const e of record.files['shop/docker-compose.yml'].edits) {
    assert.equal(after.slice(e.offset, e.offset + e.after.length), e.after);
    assert.equal(e.service, 'shop');
    assert.equal(e.environment, 'dev');
  }

  const again = await forced(['migrate', 'shop', '--dir', dir]);
  assert.equal(again.out, 'Nothing to migrate.\n');
  assert.equal(read(dir, 'shop/docker-compose.yml'), after);

  const rolledBack = await forced(['rollback', 'shop', '--dir', dir]);
  assert.equal(rolledBack.code, 0, rolledBack.err);
  assert.equal(rolledBack.err, '');
  assert.equal(rolledBack.out, 'Rolled back shop: 1 file changed\n  shop/docker-compose.yml\n');
  assert.equal(read(dir, 'shop/docker-compose.yml'), COMPOSE_LOOKALIKES);
  assert.equal(fs.existsSync(path.join(dir, UNDO_FILE)), false);
  assert.equal((await forced(['rollback', 'shop', '--dir', dir])).out, 'Nothing to roll back.\n');
  assert.equal(read(dir, 'shop/docker-compose.yml'), COMPOSE_LOOKALIKES);
});

const THREE_TO_ONE = `version: 1
environments:
  prod:
    source: { brokers: [kafka1.prod.example.internal:9092, kafka2.prod.example.internal:9092, kafka3.prod.example.internal:9092] }
    target: { brokers: [kafka-proxy.service.consul:7000], auth: plaintext }
services: { roots: ["services/*"] }
`;
// What the manifest's mapping cannot invert: a lone second broker, a reordered pair, a list with spaces.
const ENV = [
  'KAFKA_BROKERS=kafka2.prod.example.internal:9092',
  'KAFKA_FALLBACK=kafka3.prod.example.internal:9092 ; kafka1.prod.example.internal:9092',
  'BOOTSTRAP_SERVERS="PLAINTEXT://kafka1.prod.example.internal:9092, PLAINTEXT://kafka2.prod.example.internal:9092"',
  'INPUT_TOPIC=orders',
  '',
].join('\n');

test('rollback restores what the manifest cannot map back (partial lists, other orders, more source than target brokers)', async () => {
  const dir = repo({ 'kafka-cutover.yaml': THREE_TO_ONE, 'services/a/package.json': '{ "name": "a" }\n', 'services/a/.env.prod': ENV });
  assert.equal((await forced(['migrate', 'a', '--dir', dir])).code, 0);
  assert.equal(
    read(dir, 'services/a/.env.prod'),
    [
      'KAFKA_BROKERS=kafka-proxy.service.consul:7000',
      'KAFKA_FALLBACK=kafka-proxy.service.consul:7000 ; kafka-proxy.service.consul:7000',
      'BOOTSTRAP_SERVERS="PLAINTEXT://kafka-proxy.service.consul:7000, PLAINTEXT://kafka-proxy.service.consul:7000"',
      'INPUT_TOPIC=orders',
      '',
    ].join('\n'),
  );
  const back = await forced(['rollback', 'a', '--dir', dir]);
  assert.equal(back.err, '');
  assert.equal(read(dir, 'services/a/.env.prod'), ENV);
  assert.equal(fs.existsSync(path.join(dir, UNDO_FILE)), false);
});

test('without a record rollback maps by the manifest and names every reference no migrate recorded', async () => {
  const dir = repo({ 'kafka-cutover.yaml': THREE_TO_ONE, 'services/a/package.json': '{ "name": "a" }\n', 'services/a/.env.prod': ENV });
  assert.equal((await forced(['migrate', 'a', '--dir', dir])).code, 0);
  fs.rmSync(path.join(dir, UNDO_FILE));
  const back = await forced(['rollback', 'a', '--dir', dir]);
  assert.equal(back.code, 0);
  assert.equal(
    back.err,
    [1, 2, 3]
      .map(
        (line) =>
          `services/a/.env.prod:${line}:${line === 3 ? 20 : line === 2 ? 16 : 15}: no migrate recorded this change; rolled back by the manifest's mapping\n`,
      )
      .join(''),
  );
  // The mapping's best guess: the lone proxy broker becomes all source brokers.
  assert.match(
    read(dir, 'services/a/.env.prod'),
    /^KAFKA_BROKERS=kafka1\.prod\.example\.internal:9092,kafka2\.prod\.example\.internal:9092,kafka3\.prod\.example\.internal:9092\n/,
  );
});

test('a hand edit after migrate: rollback finds the recorded edits where they moved, says the file changed and what is gone', async () => {
  const dir = repo({ 'kafka-cutover.yaml': THREE_TO_ONE, 'services/a/package.json': '{ "name": "a" }\n', 'services/a/.env.prod': ENV });
  assert.equal((await forced(['migrate', 'a', '--dir', dir])).code, 0);
  const file = path.join(dir, 'services/a/.env.prod');
  // Someone adds a line on top and sets the fallback back to one old broker by hand.
  fs.writeFileSync(
    file,
    'EXTRA=1\n' + read(dir, 'services/a/.env.prod').replace(/^KAFKA_FALLBACK=.*$/m, 'KAFKA_FALLBACK=kafka1.prod.example.internal:9092'),
  );
  const back = await forced(['rollback', 'a', '--dir', dir]);
  assert.equal(back.code, 0);
  assert.equal(
    back.err,
    [
      'services/a/.env.prod: changed since migrate wrote it; restoring the 3 recorded edits still in place',
      'services/a/.env.prod:2:16: recorded edit no longer in place ("kafka-proxy.service.consul:7000" is gone); not restored',
      'services/a/.env.prod:2:50: recorded edit no longer in place ("kafka-proxy.service.consul:7000" is gone); not restored',
      '',
    ].join('\n'),
  );
  assert.equal(
    read(dir, 'services/a/.env.prod'),
    'EXTRA=1\n' + ENV.replace(/^KAFKA_FALLBACK=.*$/m, 'KAFKA_FALLBACK=kafka1.prod.example.internal:9092'),
  );
  assert.equal(fs.existsSync(path.join(dir, UNDO_FILE)), false);
});

test('examples/fleet, any services on the source, any environment: migrate -> rollback is byte-identical; each twice is a no-op', async () => {
  const onSource = EXPECTED.services.filter((s) => Object.values(s.state).every((x) => x === 'source')).map((s) => s.name);
  await fc.assert(
    fc.asyncProperty(
      fc.shuffledSubarray(onSource, { minLength: 1 }),
      fc.constantFrom<string | undefined>(undefined, 'prod', 'dev'),
      async (services, env) => {
        const dir = copyFleet();
        dirs.push(dir);
        const envArgs = env ? ['--env', env] : [];
        const before = snapshotTree(dir);
        const migrated = await forced(['migrate', ...services, ...envArgs, '--dir', dir]);
        assert.equal(migrated.code, 0, migrated.err);
        // meter-replay's prod brokers are all assembled from parts (HOCON ${?X} with a Nomad value):
        // alone in prod it has nothing migrate may rewrite, and nothing is written.
        if (env === 'prod' && services.length === 1 && services[0] === 'meter-replay') {
          assert.match(migrated.out, /^Nothing to migrate in prod\./);
          assert.deepEqual(changedFiles(before, snapshotTree(dir)), []);
          return;
        }
        const moved = snapshotTree(dir);
        assert.ok(changedFiles(before, moved).includes(UNDO_FILE));
        assert.match((await forced(['migrate', ...services, ...envArgs, '--dir', dir])).out, /^Nothing to migrate/);
        assert.deepEqual(changedFiles(moved, snapshotTree(dir)), []);
        const back = await forced(['rollback', ...services, ...envArgs, '--dir', dir]);
        assert.equal(back.code, 0, back.err);
        assert.equal(back.err, '');
        assert.deepEqual(changedFiles(before, snapshotTree(dir)), []);
        assert.match((await forced(['rollback', ...services, ...envArgs, '--dir', dir])).out, /^Nothing to roll back/);
        assert.deepEqual(changedFiles(before, snapshotTree(dir)), []);
      },
    ),
    { numRuns: 4 },
  );
});

test('examples/fleet: rolling back a service that was on the target before any migrate names each reference no record covers', async () => {
  const dir = copyFleet();
  dirs.push(dir);
  const back = await forced(['rollback', 'dispatch-planner', '--env', 'dev', '--dir', dir]);
  assert.equal(back.code, 0, back.err);
  assert.equal(
    back.err,
    [
      'services/dispatch-planner/deploy/dispatch-planner-dev.nomad:17:36',
      'services/dispatch-planner/src/main/resources/application.yml:5:40',
    ]
      .map((at) => `${at}: no migrate recorded this change; rolled back by the manifest's mapping\n`)
      .join(''),
  );
});

test('a malformed record stops migrate and rollback with its place, and nothing is written', async () => {
  const dir = repo({
    'kafka-cutover.yaml': THREE_TO_ONE,
    'services/a/package.json': '{ "name": "a" }\n',
    'services/a/.env.prod': ENV,
    [UNDO_FILE]: '{ "version": 1, ',
  });
  for (const command of ['migrate', 'rollback']) {
    const r = await forced([command, 'a', '--dir', dir]);
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      new RegExp(
        `^kafka-cutover ${command}: kafka-cutover.undo.json:1:1: not valid JSON: .*; fix or remove it \\(rollback would then map by the manifest only\\)\\n$`,
      ),
    );
    assert.equal(read(dir, 'services/a/.env.prod'), ENV);
  }
});

test('migrate --dry-run writes no record', async () => {
  const dir = repo({ 'kafka-cutover.yaml': THREE_TO_ONE, 'services/a/package.json': '{ "name": "a" }\n', 'services/a/.env.prod': ENV });
  const r = await forced(['migrate', 'a', '--dry-run', '--dir', dir]);
  assert.equal(r.code, 0);
  assert.match(r.out, /^--- a\/services\/a\/\.env\.prod\n/);
  assert.equal(fs.existsSync(path.join(dir, UNDO_FILE)), false);
  assert.equal(read(dir, 'services/a/.env.prod'), ENV);
});

test('examples/fleet: migrating customer-portal-feed in prod turns on its KAFKA_TLS with the move; rollback turns it back off', async () => {
  const dir = copyFleet();
  dirs.push(dir);
  const before = snapshotTree(dir);
  const file = 'services/customer-portal-feed/deploy/k8s/prod/deployment.yaml';
  const migrated = await forced(['migrate', 'customer-portal-feed', '--env', 'prod', '--dir', dir]);
  assert.equal(migrated.code, 0, migrated.err);
  assert.deepEqual(changedFiles(before, snapshotTree(dir)), [UNDO_FILE, file]);
  const lines = read(dir, file).split('\n');
  assert.equal(lines[22], '              value: "true"');
  const edits = parseUndoRecord(read(dir, UNDO_FILE)).record.files[file].edits;
  assert.deepEqual(
    edits.map((e) => [e.line, e.column, e.kind, e.before, e.after]).filter((e) => e[2] === 'security'),
    [[23, 23, 'security', 'false', 'true']],
  );
  const scan = JSON.parse((await cli(['scan', dir, '--format', 'json', '--env', 'prod'])).out) as {
    findings: Array<{ rule: string; file: string; line: number }>;
  };
  // On the target now, with TLS on: no mismatch is left (the message at migrate time listed the client certificate to add).
  assert.deepEqual(
    scan.findings.filter((f) => f.rule === 'security-protocol-mismatch' && f.file === file),
    [],
  );
  const back = await forced(['rollback', 'customer-portal-feed', '--env', 'prod', '--dir', dir]);
  assert.equal(back.code, 0, back.err);
  assert.deepEqual(changedFiles(before, snapshotTree(dir)), []);
});
