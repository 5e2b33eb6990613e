import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/model/types';
import { envService, fleet, MANIFEST, removeRepo, scanRepo, SRC_PROD, TGT_PROD } from '../../helpers/repo';

const dirs: string[] = [];
after(() => dirs.forEach(removeRepo));

const TGT_HOST = TGT_PROD.split(',')[0];

function mm2(extra: string): string {
  return [
    'clusters = legacy, msk',
    `legacy.bootstrap.servers = ${SRC_PROD}`,
    `msk.bootstrap.servers = ${TGT_HOST}`,
    'legacy->msk.enabled = true',
    'legacy->msk.topics = orders, audit\\\\..*',
    extra,
    '',
  ].join('\n');
}

const IDENTITY = 'replication.policy.class = org.apache.kafka.connect.mirror.IdentityReplicationPolicy';

async function scan(files: Record<string, string>) {
  const { dir, analysis } = await scanRepo(files);
  dirs.push(dir);
  return analysis;
}

function lines(findings: Finding[]): string[] {
  return findings
    .filter((f) => f.rule === 'topic-not-mirrored')
    .map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.message}`)
    .sort();
}

test('topic-not-mirrored: a consumed topic outside the flow patterns is flagged at the use', async () => {
  const files = fleet(
    {
      reader: envService({ in: 'orders', prod: SRC_PROD }),
      billing: envService({ in: 'payments', prod: TGT_PROD }),
      auditor: envService({ in: 'audit.logins', prod: SRC_PROD }),
    },
    { 'infra/mirror/mm2.properties': mm2(IDENTITY) },
  );
  const analysis = await scan(files);
  assert.deepEqual(lines(analysis.findings), [
    'services/billing/.env.prod:2:13 error billing consumes payments, which the mirror legacy->msk (infra/mirror/mm2.properties) does not copy (topics: orders, audit\\..*; exclude: .*[\\-\\.]internal, .*\\.replica, __.*): on the target it reads nothing produced on the source',
  ]);
});

test('topic-not-mirrored: with the default replication policy the target topic is <alias>.<topic>', async () => {
  const files = fleet(
    { reader: envService({ in: 'orders', prod: SRC_PROD }), prefixed: envService({ in: 'legacy.orders', prod: TGT_PROD }) },
    { 'infra/mirror/mm2.properties': mm2('') },
  );
  const analysis = await scan(files);
  assert.deepEqual(lines(analysis.findings), [
    'services/reader/.env.prod:2:13 error the mirror legacy->msk (infra/mirror/mm2.properties) copies orders as legacy.orders (the default replication policy prefixes the source alias): reader reading orders on the target gets nothing produced on the source; set replication.policy.class to IdentityReplicationPolicy (Kafka 3.0+) on the source and checkpoint connectors, or consume legacy.orders',
  ]);
});

test('topic-not-mirrored: silent without an MM2 config, and when every producer already writes on the target', async () => {
  const none = await scan(fleet({ reader: envService({ in: 'payments', prod: SRC_PROD }) }));
  assert.deepEqual(lines(none.findings), []);
  assert.equal(none.model.mirror.from, 'default');
  const produced = await scan(
    fleet(
      { reader: envService({ in: 'payments', prod: SRC_PROD }), writer: envService({ out: 'payments', prod: TGT_PROD }) },
      { 'infra/mirror/mm2.properties': mm2(IDENTITY) },
    ),
  );
  assert.deepEqual(lines(produced.findings), []);
});

test('effective mirror: offset sync and mode from the repository when the manifest is silent; the manifest wins when it speaks', async () => {
  const sync = mm2(`${IDENTITY}\nsync.group.offsets.enabled = true\nmsk->legacy.enabled = true`);
  const repo = await scan(fleet({ reader: envService({ in: 'orders', prod: SRC_PROD }) }, { 'infra/mirror/mm2.properties': sync }));
  const m = repo.model.mirror;
  assert.deepEqual(
    [m.from, m.offsetSync, m.mode, m.file, m.flow?.source, m.flow?.target],
    ['repository', true, 'active-active', 'infra/mirror/mm2.properties', 'legacy', 'msk'],
  );
  assert.deepEqual(repo.model.manifest.mirror, { mode: 'active-active', offsetSync: true, offsetSyncExplicit: false, modeExplicit: false });
  // The mirror's own bootstraps are mirror facts, not refs of anyone.
  assert.deepEqual(
    repo.model.brokerRefs.filter((r) => r.file.startsWith('infra/')),
    [],
  );
  assert.equal(repo.model.mirrors.length, 1);

  const explicit = { ...fleet({ reader: envService({ in: 'orders', prod: SRC_PROD }) }, { 'infra/mirror/mm2.properties': sync }) };
  explicit['kafka-cutover.yaml'] = MANIFEST + 'mirror: { mode: active-passive, offsetSync: false }\n';
  const said = (await scan(explicit)).model.mirror;
  assert.deepEqual([said.from, said.offsetSync, said.mode], ['manifest', false, 'active-passive']);
});

test('effective mirror: without sync in the MM2 config a 1.0 source keeps offset-reset-not-earliest firing', async () => {
  const files = fleet(
    { reader: envService({ in: 'orders', prod: TGT_PROD, extra: 'AUTO_OFFSET_RESET=latest\n' }) },
    { 'infra/mirror/mm2.properties': mm2(IDENTITY) },
  );
  const a = await scan(files);
  assert.equal(a.model.mirror.offsetSync, false);
  assert.equal(a.findings.filter((f) => f.rule === 'offset-reset-not-earliest').length, 1);
  const synced = await scan({ ...files, 'infra/mirror/mm2.properties': mm2(`${IDENTITY}\nsync.group.offsets.enabled = true`) });
  assert.equal(synced.model.mirror.offsetSync, true);
  assert.deepEqual(
    synced.findings.filter((f) => f.rule === 'offset-reset-not-earliest'),
    [],
  );
});

test('effective mirror and topic-not-mirrored from MM2 run as Connect connectors: source and checkpoint merged', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const dir = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'connect', 'mirror');
  const connectors = {
    'infra/connect/mirror-source.json': fs.readFileSync(path.join(dir, 'mirror-source.json'), 'utf8'),
    'infra/connect/mirror-checkpoint.json': fs.readFileSync(path.join(dir, 'mirror-checkpoint.json'), 'utf8'),
  };
  const a = await scan(
    fleet({ reader: envService({ in: 'orders', prod: SRC_PROD }), late: envService({ in: 'refunds', prod: SRC_PROD }) }, connectors),
  );
  assert.deepEqual(
    [a.model.mirror.from, a.model.mirror.offsetSync, a.model.mirror.file, a.model.mirror.flow?.topics],
    ['repository', true, 'infra/connect/mirror-source.json', ['orders', 'payments']],
  );
  assert.deepEqual(lines(a.findings), [
    'services/late/.env.prod:2:13 error late consumes refunds, which the mirror onprem->msk (infra/connect/mirror-source.json) does not copy (topics: orders, payments; exclude: .*[\\-\\.]internal, .*\\.replica, __.*): on the target it reads nothing produced on the source',
  ]);
  // Only the checkpoint connector in the repository: offset sync is known, the copied topics are not.
  const onlyCheckpoint = await scan(
    fleet(
      { late: envService({ in: 'refunds', prod: SRC_PROD }) },
      { 'infra/connect/mirror-checkpoint.json': connectors['infra/connect/mirror-checkpoint.json'] },
    ),
  );
  assert.equal(onlyCheckpoint.model.mirror.offsetSync, true);
  assert.deepEqual(lines(onlyCheckpoint.findings), []);
});
