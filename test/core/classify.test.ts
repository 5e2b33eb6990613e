import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Classifier, clusterByPattern } from '../../src/core/classify';
import { parseManifest, zeroConfigManifest } from '../../src/core/manifest/load';

test('zero-config patterns: MSK hosts are target, EC2 and private IPs are source', () => {
  for (const host of [
    'b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com',
    'b-2.dev-cluster.x9y8z7.c11.kafka.eu-west-1.amazonaws.com',
    'b-1-public.prod.ab12cd.c2.kafka.us-east-1.amazonaws.com',
    'boot-abc123.c1.kafka-serverless.us-east-1.amazonaws.com',
  ])
    assert.equal(clusterByPattern(host), 'target', host);
  for (const host of [
    'ip-10-0-1-12.ec2.internal',
    'ip-10-1-2-3.eu-west-1.compute.internal',
    'ec2-54-12-3-4.compute-1.amazonaws.com',
    'ec2-3-8-1-2.eu-west-2.compute.amazonaws.com',
    '10.0.3.17',
    '172.20.1.1',
    '192.168.1.40',
  ])
    assert.equal(clusterByPattern(host), 'source', host);
  for (const host of ['kafka', '8.8.8.8', '172.32.0.1', 'kafka.example.com', 'kafka1.corp.local', 'mylocalhost.example.com'])
    assert.equal(clusterByPattern(host), 'unknown', host);
});

test('development addresses are local: loopback, Docker host names; a .local domain is not', () => {
  for (const host of [
    'localhost',
    'LOCALHOST',
    'kafka.localhost',
    '127.0.0.1',
    '127.1.2.3',
    '::1',
    '[::1]',
    '0.0.0.0',
    'host.docker.internal',
    'gateway.docker.internal',
    'host.containers.internal',
  ])
    assert.equal(clusterByPattern(host), 'local', host);
  // The manifest still wins: a proxy on the laptop can be declared the target.
  const m = parseManifest(
    `version: 1
environments:
  dev:
    source: { brokers: [kafka1.dev.example.internal:9092] }
    target: { brokers: [localhost:9092] }
`,
    'k.yaml',
  );
  assert.deepEqual(new Classifier(m).host('localhost'), { cluster: 'target', environment: 'dev' });
  assert.deepEqual(new Classifier(zeroConfigManifest()).host('localhost'), { cluster: 'local', environment: undefined });
});

test('zero-config environments come from names', () => {
  const c = new Classifier(zeroConfigManifest());
  assert.equal(c.envFromName('services/a/.env.production'), 'prod');
  assert.equal(c.envFromName('deploy/k8s/dev/deployment.yaml'), 'dev');
  assert.equal(c.envFromName('kafka1.stage.corp'), 'staging');
  assert.equal(c.envFromName('services/a/.env'), undefined);
  assert.equal(c.envFromName('deploy/prod-vs-dev.md'), undefined, 'two environments named: unknown');
  assert.deepEqual(c.host('b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com'), { cluster: 'target', environment: 'prod' });
});

test('the manifest is the authority: a proxy can be the target, ports do not matter', () => {
  const m = parseManifest(
    `version: 1
environments:
  prod:
    source: { brokers: [kafka1.prod.example.internal:9092] }
    target: { brokers: [kafka-proxy.service.consul:9092], aliases: [kafka-proxy.vpn.example.com] }
  dev:
    source: { brokers: [kafka1.dev.example.internal:9092] }
    target: { brokers: [b-1.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094] }
`,
    'k.yaml',
  );
  const c = new Classifier(m);
  assert.deepEqual(c.host('kafka-proxy.service.consul'), { cluster: 'target', environment: 'prod' });
  assert.deepEqual(c.host('KAFKA-PROXY.VPN.example.com'), { cluster: 'target', environment: 'prod' });
  assert.deepEqual(c.host('kafka1.dev.example.internal'), { cluster: 'source', environment: 'dev' });
  assert.deepEqual(c.host('ip-10-0-0-1.ec2.internal'), { cluster: 'source', environment: undefined });
  assert.equal(c.envFromName('config/production.json'), 'prod', 'synonyms of the manifest names count');
  assert.equal(c.envFromName('config/prod.json'), 'prod');
  assert.deepEqual([...c.knownHosts()].sort(), [
    'b-1.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com',
    'kafka-proxy.service.consul',
    'kafka-proxy.vpn.example.com',
    'kafka1.dev.example.internal',
    'kafka1.prod.example.internal',
  ]);
});
