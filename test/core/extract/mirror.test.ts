import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copies, keepsNames } from '../../../src/core/extract/mirror';
import { ensureHclReady, extractFile } from '../../../src/core/extract';
import type { MirrorFlow } from '../../../src/core/model/types';
import { fixtureFacts, problemLines, refLines, span } from '../../helpers/facts';

test('mirror: mm2.properties clusters, flows, patterns, offset sync and policy; bootstraps are not broker refs', () => {
  const f = fixtureFacts('mirror/mm2.properties');
  assert.deepEqual(refLines(f), []);
  assert.equal(f.mirrors.length, 1);
  const [m] = f.mirrors;
  assert.equal(span(m.range), '2:12-2:23');
  assert.deepEqual(
    m.clusters.map((c) => `${c.alias} ${c.bootstrap} ${span(c.range)}`),
    [
      'legacy kafka1.prod.example.internal:9092,kafka2.prod.example.internal:9092 3:28-3:95',
      'msk b-1.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9094 4:25-4:78',
    ],
  );
  const [forward, back] = m.flows;
  assert.deepEqual(
    { ...forward, range: span(forward.range) },
    {
      source: 'legacy',
      target: 'msk',
      enabled: true,
      topics: ['orders.*', 'payments', 'audit\\..*'],
      topicsExclude: ['.*\\.internal', 'orders-debug'],
      syncGroupOffsets: true,
      emitCheckpoints: true,
      replicationPolicy: 'org.apache.kafka.connect.mirror.IdentityReplicationPolicy',
      range: '6:23-6:27',
    },
  );
  assert.equal(back.enabled, false);
  assert.deepEqual(back.topicsExclude, ['.*[\\-\\.]internal', '.*\\.replica', '__.*']);
  assert.deepEqual(problemLines(f), []);
});

test('mirror: copies() matches whole names against topics minus topics.exclude; keepsNames() by policy', () => {
  const flow = fixtureFacts('mirror/mm2.properties').mirrors[0].flows[0];
  assert.equal(copies(flow, 'orders'), true);
  assert.equal(copies(flow, 'orders-debug'), false);
  assert.equal(copies(flow, 'payments'), true);
  assert.equal(copies(flow, 'payments-v2'), false);
  assert.equal(copies(flow, 'audit.login'), true);
  assert.equal(copies(flow, 'audit.internal'), false);
  assert.equal(keepsNames(flow), true);
  const defaults: MirrorFlow = {
    ...flow,
    topics: ['.*'],
    topicsExclude: ['.*[\\-\\.]internal', '.*\\.replica', '__.*'],
    replicationPolicy: undefined,
  };
  assert.equal(copies(defaults, '__consumer_offsets'), false);
  assert.equal(copies(defaults, 'orders.replica'), false);
  assert.equal(copies(defaults, 'orders'), true);
  assert.equal(keepsNames(defaults), false);
  assert.equal(copies({ ...flow, topics: ['orders(('] }, 'orders'), undefined);
});

test('mirror: Strimzi KafkaMirrorMaker2, with the checkpoint connector left on the default policy flagged', () => {
  const f = fixtureFacts('mirror/kafka-mirror-maker-2.yaml');
  assert.deepEqual(refLines(f), []);
  const [m] = f.mirrors;
  assert.deepEqual(
    m.clusters.map((c) => `${c.alias} ${c.bootstrap} ${span(c.range)}`),
    ['old kafka1.prod.example.internal:9092 11:25-11:58', 'msk b-1.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9094 13:25-13:78'],
  );
  assert.deepEqual(
    m.flows.map((fl) => ({ ...fl, range: span(fl.range) })),
    [
      {
        source: 'old',
        target: 'msk',
        enabled: true,
        topics: ['orders|payments'],
        topicsExclude: ['.*[\\-\\.]internal', '.*\\.replica', '__.*'],
        syncGroupOffsets: true,
        emitCheckpoints: true,
        replicationPolicy: 'org.apache.kafka.connect.mirror.IdentityReplicationPolicy',
        range: '15:22-15:25',
      },
    ],
  );
  assert.deepEqual(problemLines(f), [
    'mirror/kafka-mirror-maker-2.yaml:15:22 mirror old->msk: replication.policy.class is org.apache.kafka.connect.mirror.IdentityReplicationPolicy on the source connector but the default on the checkpoint connector; they must be the same or checkpoints name the wrong topics',
  ]);
});

test('mirror: mm2.properties carried by a ConfigMap block; an unreadable pattern is a positioned problem', () => {
  const text = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: { name: mm2 }',
    'data:',
    '  mm2.properties: |',
    '    clusters = a, b',
    '    a.bootstrap.servers = kafka1.prod.example.internal:9092',
    '    b.bootstrap.servers = b-1.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9094',
    '    a->b.enabled = true',
    '    a->b.topics = orders((',
    '',
  ].join('\n');
  const f = extractFile('deploy/mm2-config.yaml', text);
  assert.deepEqual(refLines(f), []);
  assert.deepEqual(
    f.mirrors[0].flows.map((fl) => `${fl.source}->${fl.target} ${fl.enabled} ${fl.topics.join('|')} ${fl.syncGroupOffsets}`),
    ['a->b true orders(( false'],
  );
  assert.deepEqual(problemLines(f), [
    'deploy/mm2-config.yaml:9:20 mirror a->b: a topics pattern is not a readable regex, so which topics it copies is unknown',
  ]);
});

test('mirror: a properties file with one cluster, or no clusters key, is not a mirror', () => {
  assert.deepEqual(extractFile('x.properties', 'clusters = only\nonly.bootstrap.servers = kafka1:9092\na->b.enabled=true\n').mirrors, []);
  const plain = extractFile('app.properties', 'bootstrap.servers=kafka1.prod.example.internal:9092\nx->y=1\n');
  assert.deepEqual(plain.mirrors, []);
  assert.equal(plain.brokerRefs.length, 1);
});

test('mirror: mm2.properties in a Nomad template heredoc, flow lines included', async () => {
  await ensureHclReady();
  const f = fixtureFacts('mirror/mirror.nomad');
  assert.deepEqual(refLines(f), []);
  assert.deepEqual(
    f.mirrors.map((m) => m.clusters.map((c) => `${c.alias} ${c.bootstrap} ${span(c.range)}`)),
    [['legacy kafka1.prod.example.internal:9092 9:28-9:61', 'msk b-1.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9094 10:25-10:78']],
  );
  assert.deepEqual(
    f.mirrors[0].flows.map((fl) => `${fl.source}->${fl.target} ${fl.enabled} ${fl.topics.join(',')} ${span(fl.range)}`),
    ['legacy->msk true orders.* 11:23-11:27'],
  );
});

test('mirror: mm2.properties as a block scalar under any YAML key (a Helm value, a job arg)', () => {
  const text = [
    'mirror:',
    '  config: |',
    '    clusters = old, new',
    '    old.bootstrap.servers = kafka1.prod.example.internal:9092',
    '    old->new.enabled = true',
    '    old->new.topics = a, b',
    '',
  ].join('\n');
  const f = extractFile('chart/values.yaml', text);
  assert.deepEqual(
    f.mirrors.map(
      (m) =>
        `${m.clusters.map((c) => `${c.alias}=${c.bootstrap ?? '?'}`).join(' ')} ${m.flows.map((fl) => `${fl.source}->${fl.target}:${fl.topics.join('|')}`).join(' ')} ${span(m.range)}`,
    ),
    ['old=kafka1.prod.example.internal:9092 new=? old->new:a|b 3:16-3:24'],
  );
  assert.deepEqual(refLines(f), []);
});
