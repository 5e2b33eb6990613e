import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discover } from '../../../src/core/discover/walk';
import { findServices } from '../../../src/core/discover/services';
import { parseManifest, zeroConfigManifest } from '../../../src/core/manifest/load';
import { LAYOUT } from '../../helpers/scopeFixtures';

const manifest = (services: string) =>
  parseManifest(
    `version: 1
environments:
  prod:
    source: { brokers: [kafka1.prod.example.internal:9092] }
    target: { brokers: [b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094] }
services: ${services}
`,
    'kafka-cutover.yaml',
  );

test('zero-config: same-named folders stay two services named by their paths; deploy-only folders and jobs are services', () => {
  const index = findServices(discover(LAYOUT), zeroConfigManifest());
  assert.deepEqual(index.roots, [
    { name: 'ledger', root: 'charts/ledger' },
    { name: 'payments', root: 'deploy/jobs/payments.nomad' },
    { name: 'refunds', root: 'deploy/jobs/refunds.nomad' },
    { name: 'notifier', root: 'k8s/notifier' },
    { name: 'team-a/billing', root: 'teams/team-a/billing' },
    { name: 'team-b/billing', root: 'teams/team-b/billing' },
    { name: 'replayer', root: 'tools/replayer' },
  ]);
  assert.equal(index.serviceOf('teams/team-a/billing/src/billing.test.js'), 'team-a/billing');
  assert.equal(index.serviceOf('teams/team-b/billing/consumer_test.go'), 'team-b/billing');
  assert.equal(index.serviceOf('deploy/jobs/refunds.nomad'), 'refunds');
  assert.equal(index.serviceOf('charts/ledger/values-prod.yaml'), 'ledger');
  // A deploy file named after an ambiguous folder name belongs to neither billing.
  assert.equal(index.serviceOf('deploy/billing.nomad'), undefined);
  assert.equal(index.serviceOf('dev/docker-compose.yml'), undefined);
});

test("a deploy folder named after a language service is that service's, not a service of its own", () => {
  const d = discover(LAYOUT);
  d.markers.set('services/notifier', new Set(['package.json']));
  const index = findServices(d, zeroConfigManifest());
  assert.deepEqual(
    index.roots.filter((r) => r.name === 'notifier'),
    [{ name: 'notifier', root: 'services/notifier' }],
  );
  assert.equal(index.serviceOf('k8s/notifier/deployment.yaml'), 'notifier');
});

test('services.roots globs are the authority; overrides key by root path or folder name', () => {
  const index = findServices(
    discover(LAYOUT),
    manifest(
      `{ roots: ["teams/*/*", "deploy/jobs/*.nomad"], overrides: { "teams/team-b/billing": { name: billing-eu }, payments: { role: producer } } }`,
    ),
  );
  assert.deepEqual(index.roots, [
    { name: 'payments', root: 'deploy/jobs/payments.nomad' },
    { name: 'refunds', root: 'deploy/jobs/refunds.nomad' },
    { name: 'billing', root: 'teams/team-a/billing' },
    { name: 'billing-eu', root: 'teams/team-b/billing' },
  ]);
  // Without a job glob, Nomad files are not roots; two overrides giving one name keep their roots apart.
  const clash = findServices(
    discover(LAYOUT),
    manifest(
      `{ roots: ["teams/*/*"], overrides: { "teams/team-a/billing": { name: billing }, "teams/team-b/billing": { name: billing } } }`,
    ),
  );
  assert.deepEqual(clash.roots, [
    { name: 'billing (teams/team-a/billing)', root: 'teams/team-a/billing' },
    { name: 'billing (teams/team-b/billing)', root: 'teams/team-b/billing' },
  ]);
});

test('names are told apart by the shortest unique end of their paths', () => {
  const d = discover(LAYOUT);
  d.markers = new Map([
    ['billing', new Set(['go.mod'])],
    ['eu/team-a/billing', new Set(['go.mod'])],
    ['us/team-a/billing', new Set(['go.mod'])],
    ['us/team-b/billing', new Set(['go.mod'])],
  ]);
  assert.deepEqual(
    findServices(d, zeroConfigManifest()).roots.map((r) => r.name),
    ['billing', 'eu/team-a/billing', 'us/team-a/billing', 'team-b/billing'],
  );
});

test('a deploy folder named for an environment or for deploy files in general is no service (the folder above may be); its Nomad jobs are', () => {
  const d = discover(LAYOUT);
  d.markers = new Map([
    ['k8s/prod', new Set(['deployment.yaml'])],
    ['deploy', new Set(['ledger.nomad'])],
    ['ops/nomad', new Set(['Dockerfile', 'audit.nomad'])],
    ['apps/mailer', new Set(['job.nomad'])],
    ['ledger/deploy/k8s/prod', new Set(['deployment.yaml'])],
    ['ledger/chart', new Set(['Chart.yaml'])],
  ]);
  assert.deepEqual(findServices(d, zeroConfigManifest()).roots, [
    { name: 'mailer', root: 'apps/mailer' },
    { name: 'deploy/ledger', root: 'deploy/ledger.nomad' },
    { name: 'ledger', root: 'ledger' },
    { name: 'audit', root: 'ops/nomad/audit.nomad' },
  ]);
});
