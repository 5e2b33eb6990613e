// Guarded moves as a user meets them: migrate/rollback refuse an unsafe move with exit 1, the reasons and no
// file changed; --force goes ahead and says what it overrides; a whole cycle may move. And `explain`.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { run, type Io } from '../../src/cli/main';
import type { Explanation } from '../../src/core/plan/evidence';
import { fleet, removeRepo, SRC_PROD, TGT_PROD, writeRepo } from '../helpers/repo';
import { changedFiles, FLEET, snapshotTree } from '../e2e/fleet';
import { overlong, readingOrder } from '../helpers/fit';

const dirs: string[] = [];
after(() => dirs.forEach(removeRepo));

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { cwd: '/', env: {}, out: (t) => void (out += t), err: (t) => void (err += t), isTTY: false };
  const code = await run(argv, io);
  return { code, out, err };
}

const TOPICS_TF = ['orders', 'pings', 'pongs'].map((n) => `resource "kafka_topic" "${n}" {\n  name = "${n}"\n}\n`).join('\n');

function repo(services: Record<string, Record<string, string>>): string {
  const dir = writeRepo(fleet(services, { 'infra/topics.tf': TOPICS_TF }));
  dirs.push(dir);
  return dir;
}

const env = (brokers: string, topics: string) => ({ '.env.prod': `KAFKA_BROKERS=${brokers}\n${topics}` });

const RECORDED = 'Recorded in kafka-cutover.undo.json: commit it with the change; rollback restores the exact text from it.\n';
test('migrate of a blocked producer: exit 1, the blockers with the place they consume, no file changed; --force goes ahead', async () => {
  const dir = repo({ writer: env(SRC_PROD, 'OUTPUT_TOPIC=orders\n'), reader: env(SRC_PROD, 'INPUT_TOPIC=orders\n') });
  const before = snapshotTree(dir);
  const refused = await cli(['migrate', 'writer', '--dir', dir]);
  assert.equal(refused.code, 1);
  assert.equal(refused.out, '');
  assert.equal(
    refused.err,
    'kafka-cutover migrate: refused, no file changed:\n' +
      '  writer (prod): blocked by reader (consumes orders at services/reader/.env.prod:2:13); they still read the source and would stop receiving what it produces on the target\n' +
      'Run again with --force to migrate anyway.\n',
  );
  assert.deepEqual(changedFiles(before, snapshotTree(dir)), []);

  const forced = await cli(['migrate', 'writer', '--force', '--dir', dir]);
  assert.equal(forced.code, 0);
  assert.equal(
    forced.err,
    'kafka-cutover migrate: --force overrides:\n' +
      '  writer (prod): blocked by reader (consumes orders at services/reader/.env.prod:2:13); they still read the source and would stop receiving what it produces on the target\n',
  );
  assert.equal(forced.out, `Migrated writer: 1 file changed\n  services/writer/.env.prod\n${RECORDED}`);
});

test('migrate of an unknown service (no topic use): exit 1 naming what is missing', async () => {
  const dir = repo({ exporter: { '.env.prod': `KAFKA_BROKERS=${SRC_PROD}\n` } });
  const before = snapshotTree(dir);
  const refused = await cli(['migrate', 'exporter', '--env', 'prod', '--dir', dir]);
  assert.equal(refused.code, 1);
  assert.equal(
    refused.err,
    'kafka-cutover migrate: refused, no file changed:\n' +
      '  exporter (prod): readiness unknown: role unknown: no produce or consume use of a topic was found in the 2 files of services/exporter (services/exporter/.env.prod:1:15)\n' +
      'Run again with --force to migrate anyway.\n',
  );
  assert.deepEqual(changedFiles(before, snapshotTree(dir)), []);
  // --ready skips it rather than refusing.
  const ready = await cli(['migrate', '--ready', '--dir', dir]);
  assert.equal(ready.code, 0);
  assert.equal(ready.out, 'Nothing to migrate.\n');
});

test('a cycle moves as one: one member alone is refused naming its partner, both together are allowed', async () => {
  const dir = repo({
    ping: env(SRC_PROD, 'INPUT_TOPIC=pongs\nOUTPUT_TOPIC=pings\n'),
    pong: env(SRC_PROD, 'INPUT_TOPIC=pings\nOUTPUT_TOPIC=pongs\n'),
  });
  const before = snapshotTree(dir);
  const alone = await cli(['migrate', 'ping', '--dir', dir]);
  assert.equal(alone.code, 1);
  assert.equal(
    alone.err,
    'kafka-cutover migrate: refused, no file changed:\n' +
      '  ping (prod): in a cycle with pong; a cycle moves as one (migrate ping pong)\n' +
      'Run again with --force to migrate anyway.\n',
  );
  assert.deepEqual(changedFiles(before, snapshotTree(dir)), []);
  const both = await cli(['migrate', 'ping', 'pong', '--dir', dir]);
  assert.equal(both.code, 0, both.err);
  assert.equal(both.err, '');
  assert.equal(both.out, `Migrated ping, pong: 2 files changed\n  services/ping/.env.prod\n  services/pong/.env.prod\n${RECORDED}`);
});

test('rollback of a consumer whose producer is on the target: refused naming the producer; the producer may roll back', async () => {
  const dir = repo({ writer: env(TGT_PROD, 'OUTPUT_TOPIC=orders\n'), reader: env(TGT_PROD, 'INPUT_TOPIC=orders\n') });
  const before = snapshotTree(dir);
  const refused = await cli(['rollback', 'reader', '--dir', dir]);
  assert.equal(refused.code, 1);
  assert.equal(
    refused.err,
    'kafka-cutover rollback: refused, no file changed:\n' +
      '  reader (prod): consumes from producers on the target: writer (orders at services/reader/.env.prod:2:13); rolled back, it would stop seeing their records (nothing mirrors back) and leave them moved ahead of it\n' +
      'Run again with --force to roll back anyway.\n',
  );
  assert.deepEqual(changedFiles(before, snapshotTree(dir)), []);
  // Both together, or the producer first, are safe.
  const producer = await cli(['rollback', 'writer', '--dir', dir, '--dry-run']);
  assert.equal(producer.code, 0, producer.err);
  // writer was on the target from the start: no migrate recorded it, so the manifest maps it back (and says so).
  assert.equal(producer.err, "services/writer/.env.prod:1:15: no migrate recorded this change; rolled back by the manifest's mapping\n");
  const forced = await cli(['rollback', 'reader', '--force', '--dir', dir]);
  assert.equal(forced.code, 0);
  assert.match(
    forced.err,
    /^kafka-cutover rollback: --force overrides:\n {2}reader \(prod\): consumes from producers on the target: writer /,
  );
  assert.deepEqual(changedFiles(before, snapshotTree(dir)), ['services/reader/.env.prod']);
});

test('--add-topics with no Terraform file to add beside: refused, no file changed', async () => {
  const dir = writeRepo(fleet({ writer: env(SRC_PROD, 'OUTPUT_TOPIC=orders\n') }));
  dirs.push(dir);
  const before = snapshotTree(dir);
  // No topic is declared anywhere: one hint for the repository, and each service still needs its topics
  // declared before it moves; --add-topics has no Terraform file to add them beside, so that is by hand.
  const plain = await cli(['migrate', 'writer', '--dir', dir]);
  assert.equal(plain.code, 1);
  assert.match(
    plain.err,
    /writer \(prod\): needs fixes before it moves: topic-not-in-terraform at services\/writer\/\.env\.prod:2:14 \(fix by hand\)/,
  );
  const refused = await cli(['migrate', 'writer', '--add-topics', '--dir', dir]);
  assert.equal(refused.code, 1);
  assert.equal(
    refused.err,
    'kafka-cutover migrate: refused, no file changed:\n' +
      '  writer (prod): needs fixes before it moves: topic-not-in-terraform at services/writer/.env.prod:2:14 (fix by hand)\n' +
      'Run again with --force to migrate anyway.\n',
  );
  assert.deepEqual(changedFiles(before, snapshotTree(dir)), []);
});

test('explain: why the role, where the brokers come from, who blocks it through which topic (text and JSON)', async () => {
  const dir = repo({ writer: env(SRC_PROD, 'OUTPUT_TOPIC=orders\n'), reader: env(SRC_PROD, 'INPUT_TOPIC=orders\n') });
  const text = await cli(['explain', 'writer', dir, '--env', 'prod']);
  assert.equal(text.code, 0, text.err);
  assert.equal(
    text.out,
    [
      'writer (services/writer) · producer · wave 3',
      '',
      'Role: producer, because:',
      '  services/writer/.env.prod:2:14  produces orders (config)',
      '',
      'prod: source · blocked',
      '  Brokers:',
      // 122 columns beside its place: the place goes on a line of its own (120 columns when no terminal).
      '    services/writer/.env.prod:1:15',
      `      source  KAFKA_BROKERS = ${SRC_PROD}`,
      '  Blocked by (consumers of what it produces, still on the source):',
      '    reader (source) consumes orders at services/reader/.env.prod:2:13',
      '',
    ].join('\n'),
  );
  const json = await cli(['explain', 'writer', dir, '--env', 'prod', '--format', 'json']);
  assert.equal(json.code, 0);
  const x = JSON.parse(json.out) as Explanation;
  assert.deepEqual([x.service, x.role, x.wave, x.cycle], ['writer', 'producer', 3, null]);
  assert.deepEqual(x.roleEvidence, [{ file: 'services/writer/.env.prod', line: 2, column: 14, note: 'produces orders (config)' }]);
  assert.equal(x.environments.length, 1);
  const [prod] = x.environments;
  assert.deepEqual([prod.env, prod.state, prod.verdict], ['prod', 'source', 'blocked']);
  assert.deepEqual(prod.brokers, [
    {
      file: 'services/writer/.env.prod',
      line: 1,
      column: 15,
      cluster: 'source',
      kind: 'config',
      key: 'KAFKA_BROKERS',
      value: SRC_PROD,
      inferred: false,
      via: [],
      unresolved: null,
    },
  ]);
  assert.deepEqual(
    prod.readiness?.blockers.map((b) => [b.service, b.topic, b.evidence[0].file, b.evidence[0].line]),
    [['reader', 'orders', 'services/reader/.env.prod', 2]],
  );
  // Unknown services are a usage error.
  const missing = await cli(['explain', 'nobody', dir]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /^kafka-cutover explain: unknown service: nobody \(known: reader, writer\)\n/);
});

/** `explain` in a terminal `columns` wide. */
async function explainIn(columns: number, argv: string[]): Promise<string> {
  let out = '';
  const io: Io = { cwd: '/', env: {}, out: (t) => void (out += t), err: () => undefined, isTTY: true, columns };
  assert.equal(await run(['explain', ...argv], io), 0);
  return out;
}

test('explain fits the width: 120 columns without a terminal, a 60-column terminal; --wide keeps a fact per line', async () => {
  // meter-replay: deep resource paths, an indirect setting resolved through a Nomad job, long broker lists.
  const argv = ['meter-replay', FLEET];
  const wide = (await cli(['explain', ...argv, '--wide'])).out;
  const lines = wide.trimEnd().split('\n');
  assert.deepEqual(
    lines.map((l) => l.length).filter((n) => n > 120),
    [191, 166, 209, 124, 228, 166, 209, 123],
  );
  const at120 = (await cli(['explain', ...argv])).out;
  const at60 = await explainIn(60, argv);
  for (const [width, out] of [
    [120, at120],
    [60, at60],
  ] as const) {
    assert.deepEqual(overlong(out, width), [], `width ${width}`);
    assert.equal(readingOrder(out.split('\n')), readingOrder(lines), `width ${width}`);
  }
  assert.deepEqual(at120.split('\n').slice(5, 15), [
    'prod: source · blocked',
    '  Brokers:',
    // Place and setting do not fit on one line: the setting goes below its place.
    '    services/meter-replay/deploy/meter-replay.nomad:20:33',
    '      source  REPLAY_KAFKA_BROKERS =',
    '      kafka1.prod.example.internal:9092,kafka2.prod.example.internal:9092,kafka3.prod.example.internal:9092',
    '    services/meter-replay/src/main/resources/application.conf:5:25',
    '      source  akka.kafka.producer.kafka-clients.bootstrap.servers = ${?REPLAY_KAFKA_BROKERS}  [indirect]',
    '      resolves to kafka1.prod.example.internal:9092,kafka2.prod.example.internal:9092,kafka3.prod.example.internal:9092',
    '        (source) via REPLAY_KAFKA_BROKERS from services/meter-replay/deploy/meter-replay.nomad:20',
    '  Blocked by (consumers of what it produces, still on the source):',
  ]);
  // 60 columns: even the place breaks, after a `/`.
  assert.deepEqual(at60.split('\n').slice(2, 6), [
    'Role: producer, because:',
    '  services/meter-replay/src/main/resources/',
    '  application.conf:10:19',
    '    produces meter.readings.raw (config)',
  ]);
});

test('explain at 60 columns, a small case exactly', async () => {
  const dir = repo({ writer: env(SRC_PROD, 'OUTPUT_TOPIC=orders\n'), reader: env(SRC_PROD, 'INPUT_TOPIC=orders\n') });
  assert.equal(
    await explainIn(60, ['writer', dir, '--env', 'prod']),
    [
      'writer (services/writer) · producer · wave 3',
      '',
      'Role: producer, because:',
      '  services/writer/.env.prod:2:14  produces orders (config)',
      '',
      'prod: source · blocked',
      '  Brokers:',
      '    services/writer/.env.prod:1:15',
      '      source  KAFKA_BROKERS =',
      '      kafka1.prod.example.internal:9092,',
      '      kafka2.prod.example.internal:9092',
      '  Blocked by (consumers of what it produces, still on the',
      '    source):',
      '    reader (source) consumes orders at',
      '      services/reader/.env.prod:2:13',
      '',
    ].join('\n'),
  );
  // --wide in the same terminal: one line per fact again.
  let wide = '';
  const io: Io = { cwd: '/', env: {}, out: (t) => void (wide += t), err: () => undefined, isTTY: true, columns: 60 };
  assert.equal(await run(['explain', 'writer', dir, '--env', 'prod', '--wide'], io), 0);
  assert.match(
    wide,
    /\n {4}services\/writer\/\.env\.prod:1:15 {2}source {2}KAFKA_BROKERS = kafka1\.prod\.example\.internal:9092,kafka2\.prod\.example\.internal:9092\n/,
  );
});
