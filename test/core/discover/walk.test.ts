import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discover, inclusionTest } from '../../../src/core/discover/walk';
import { isTestCode } from '../../../src/core/discover/scope';
import { LAYOUT } from '../../helpers/scopeFixtures';

const FIXTURE_REASON = (glob: string) => `test fixture (${glob}); \`!${glob}\` in the manifest's ignore reads it`;

test('test fixtures are skipped by default and listed with the glob that skipped them', () => {
  const d = discover(LAYOUT);
  assert.deepEqual(d.skipped, [
    { file: 'teams/team-b/billing/fixtures/payload.json', reason: FIXTURE_REASON('**/fixtures/**') },
    { file: 'teams/team-b/billing/invoice.golden.yaml', reason: FIXTURE_REASON('**/*.golden.*') },
    { file: 'teams/team-b/billing/testdata/recorded.env', reason: FIXTURE_REASON('**/testdata/**') },
  ]);
  assert.equal(
    d.files.some((f) => /testdata|fixtures|golden/.test(f.file)),
    false,
  );
  // The editor's per-file test agrees.
  const included = inclusionTest(LAYOUT);
  assert.equal(included('teams/team-b/billing/testdata/recorded.env'), false);
  assert.equal(included('teams/team-b/billing/invoice.golden.yaml'), false);
  assert.equal(included('teams/team-b/billing/.env.prod'), true);
});

test('a manifest ignore entry `!glob` re-includes that fixture glob only', () => {
  const d = discover(LAYOUT, ['!**/testdata/**', '!**/*.golden.*']);
  assert.deepEqual(
    d.skipped.map((s) => s.file),
    ['teams/team-b/billing/fixtures/payload.json'],
  );
  assert.ok(d.files.some((f) => f.file === 'teams/team-b/billing/testdata/recorded.env'));
  assert.ok(d.files.some((f) => f.file === 'teams/team-b/billing/invoice.golden.yaml'));
  assert.equal(inclusionTest(LAYOUT, ['!**/testdata/**'])('teams/team-b/billing/testdata/recorded.env'), true);
  // A glob the user ignores is silent, as any manifest ignore.
  assert.deepEqual(discover(LAYOUT, ['**/fixtures/**', '!**/testdata/**', '!**/*.golden.*']).skipped, []);
});

test('deploy files mark folders: Helm charts, Nomad jobs, Kubernetes workloads, compose services built here', () => {
  const markers = Object.fromEntries([...discover(LAYOUT).markers].map(([dir, names]) => [dir, [...names].sort()]));
  assert.deepEqual(markers, {
    'charts/ledger': ['Chart.yaml'],
    'deploy/jobs': ['payments.nomad', 'refunds.nomad'],
    'k8s/notifier': ['deployment.yaml'],
    'teams/team-a/billing': ['package.json'],
    'teams/team-b/billing': ['go.mod'],
    // dev/docker-compose.yml runs images only: a laptop stack, no marker.
    'tools/replayer': ['docker-compose.yml'],
  });
});

test("test code by the runners' conventions; config in a `test` folder is an environment's, not a test's", () => {
  for (const file of [
    'svc/consumer_test.go',
    'svc/src/test/java/a/ConsumerIT.java',
    'svc/src/test/resources/application.yml',
    'tests/test_sink.py',
    'svc/tests/helpers.py',
    'test/e2e.js',
    'svc/test/a.go',
    'src/a.spec.ts',
    'src/a.test.js',
    'svc/sink_test.py',
    'svc/test_sink.py',
    'svc/conftest.py',
  ])
    assert.equal(isTestCode(file), true, file);
  for (const file of [
    'svc/consumer.go',
    'svc/src/main/java/a/Consumer.java',
    'svc/testing.py',
    'svc/contest.py',
    'svc/latest/config.yaml',
    'svc/attest.js',
    '.env.test',
    'deploy/k8s/test/deployment.yaml',
    'helm/values.test.yaml',
    'tests/.env',
  ])
    assert.equal(isTestCode(file), false, file);
});
