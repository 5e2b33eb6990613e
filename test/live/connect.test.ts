// The connect check's explanations for the usual mistakes, each against the real MSK-like target
// listeners, and the deadline: a dead or silent broker yields a clear error within the timeout.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { LiveError } from '../../src/live/client';
import { connectionSettings } from '../../src/live/connection';
import { kafkaJsClient } from '../../src/live/kafkajs';
import { runLiveChecks } from '../../src/live/run';
import { envSecrets, secretVariable } from '../../src/live/secrets';
import type { SideReach } from '../../src/live/checks/connect';
import type { LiveFinding } from '../../src/live/checks/types';
import { startClusters, type Clusters } from './harness';
import { ENV, scan, writeRepoFor, type TargetChoice } from './helpers';

describe('connect check against the real target listeners', () => {
  let clusters: Clusters;
  const dirs: string[] = [];

  before(async () => {
    clusters = await startClusters({ mirror: false });
  });
  after(async () => {
    await clusters?.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function connect(target: TargetChoice, password?: string, timeoutMs = 5_000): Promise<{ target: SideReach; findings: string[] }> {
    const dir = writeRepoFor(clusters, target);
    dirs.push(dir);
    const model = await scan(dir);
    const secrets = envSecrets({ [secretVariable(ENV, 'target', 'PASSWORD')]: password ?? clusters.target.scram.password });
    const [result] = await runLiveChecks({ model, environment: model.manifest.environments[0]!, secrets, checks: ['connect'], timeoutMs });
    const rows = result!.results as SideReach[];
    const findings = (result!.findings as LiveFinding[])
      .filter((f) => f.cluster === 'target')
      .map((f) => f.message.replace(/127\.0\.0\.1:\d+/g, 'HOST:PORT'));
    return { target: rows.find((r) => r.side === 'target')!, findings };
  }

  test('the right settings reach every listener and log in', async () => {
    for (const choice of [
      { listener: 'plaintext', auth: 'plaintext' },
      { listener: 'ssl', auth: 'mtls' },
      { listener: 'saslSsl', auth: 'sasl_scram' },
    ] as TargetChoice[]) {
      const { target, findings } = await connect(choice);
      assert.deepEqual(findings, [], choice.auth);
      assert.equal(target.ok, true, choice.auth);
      assert.deepEqual(target.login, { ok: true, brokersInCluster: 1 });
    }
  });

  test('plaintext client to the TLS port', async () => {
    const { target, findings } = await connect({ listener: 'ssl', auth: 'plaintext' });
    assert.equal(target.brokers[0]!.failedAt, 'tls');
    assert.deepEqual(findings, [
      'target (test) HOST:PORT: this port speaks TLS, but the manifest says plaintext: a plaintext client to a TLS port fails; set `auth` (tls, mtls, sasl_scram, iam) for this cluster, or use its plaintext port',
    ]);
  });

  test('TLS client to the plaintext port', async () => {
    const { findings } = await connect({ listener: 'plaintext', auth: 'sasl_scram' });
    assert.deepEqual(findings, [
      "target (test) HOST:PORT: this port is a plaintext listener: TLS to it fails; use the cluster's sasl_scram port, or set `auth: plaintext`",
    ]);
  });

  test('SCRAM to the mutual-TLS port: the wrong port for the auth mode', async () => {
    const { findings } = await connect({ listener: 'ssl', auth: 'sasl_scram' });
    assert.deepEqual(findings, [
      'target (test) HOST:PORT: the broker wants a client certificate here: this is a mutual-TLS listener, the wrong port for sasl_scram',
    ]);
  });

  test('unknown CA', async () => {
    const { findings } = await connect({ listener: 'saslSsl', auth: 'sasl_scram', ca: 'other' });
    assert.equal(findings.length, 1);
    assert.match(
      findings[0]!,
      /^target \(test\) HOST:PORT: the broker's certificate is signed by a CA we do not trust \((SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY), e\.g\. a self-signed or private CA\): set `ca` in the manifest/,
    );
  });

  test('wrong SCRAM password: the login fails with a plain explanation and no secret', async () => {
    const { target, findings } = await connect({ listener: 'saslSsl', auth: 'sasl_scram' }, 'not-the-password');
    assert.equal(target.brokers[0]!.ok, true);
    assert.equal(target.login.ok, false);
    assert.deepEqual(findings, [
      `target (test) HOST:PORT: SASL authentication failed: wrong user name or password (or the user has no SCRAM credentials on this cluster)`,
    ]);
    assert.equal(JSON.stringify(target).includes('not-the-password'), false);
  });

  test('expired client certificate', async () => {
    const { findings } = await connect({ listener: 'ssl', auth: 'mtls', cert: 'expired' });
    assert.equal(findings.length, 2);
    assert.match(
      findings[0]!,
      /^target \(test\): the client certificate \(CN=expired-client\) expired on \d{4}-\d\d-\d\dT.*: the broker will refuse it$/,
    );
    assert.match(
      findings[1]!,
      /^target \(test\) HOST:PORT: the broker refused our client certificate: the client certificate \(CN=expired-client\) expired on /,
    );
  });

  test('client certificate from a CA the cluster does not trust', async () => {
    const { findings } = await connect({ listener: 'ssl', auth: 'mtls', cert: 'other' });
    assert.deepEqual(
      findings.map((f) => f.replace(/\(ERR_SSL_[A-Z0-9_]+\)/, '(ALERT)')),
      [
        'target (test): the client certificate was not issued by the CA in `ca` (issuer: CN=other-ca): the broker may not trust it',
        'target (test) HOST:PORT: the broker refused our client certificate (ALERT): the client certificate was not issued by the CA in `ca` (issuer: CN=other-ca): the broker may not trust it',
      ],
    );
  });

  test('connection refused and DNS failure', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (server.address() as net.AddressInfo).port;
        server.close(() => resolve(port));
      });
    });
    const refused = await connect({ listener: 'plaintext', auth: 'plaintext', broker: `127.0.0.1:${closedPort}` });
    assert.deepEqual(refused.findings, [
      `target (test) HOST:PORT: connection refused: nothing listens on port ${closedPort} (broker down, or wrong port)`,
    ]);
    assert.equal(refused.target.login.explanation, 'not attempted: no broker could be reached');
    const dns = await connect({ listener: 'plaintext', auth: 'plaintext', broker: 'no-such-broker.invalid:9092' });
    assert.deepEqual(dns.findings, [
      'target (test) no-such-broker.invalid:9092: the host name does not resolve (ENOTFOUND): check the spelling, the VPN, or whether the name only resolves inside the VPC',
    ]);
  });

  test('a silent broker: every call ends within its timeout with a timeout error', async () => {
    // Accepts and never answers; its sockets are destroyed at the end so nothing outlives the test.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const settings = await connectionSettings(ENV, 'target', { brokers: [`127.0.0.1:${port}`] }, envSecrets({}));
      const client = kafkaJsClient(settings, { timeoutMs: 2_000 });
      const started = Date.now();
      await assert.rejects(client.listTopics(), (error: unknown) => error instanceof LiveError && error.kind === 'timeout');
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 1_900 && elapsed < 2_500, `took ${elapsed} ms`);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const cancelStarted = Date.now();
      await assert.rejects(
        client.describeCluster({ signal: controller.signal }),
        (error: unknown) => error instanceof LiveError && error.kind === 'cancelled',
      );
      assert.ok(Date.now() - cancelStarted < 800);
      await client.close();
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  test('a stopped broker: the lag and topics checks report it within the timeout, no hang', async () => {
    const dir = writeRepoFor(
      clusters,
      { listener: 'plaintext', auth: 'plaintext' },
      {
        'services/a/package.json': '{"name":"a"}',
        'services/a/.env': `KAFKA_BROKERS=${clusters.target.plaintext}\nINPUT_TOPIC=orders\nKAFKA_GROUP_ID=a-svc\n`,
      },
    );
    dirs.push(dir);
    const model = await scan(dir);
    await clusters.stopBroker('target');
    const started = Date.now();
    const [topics, lag] = await runLiveChecks({
      model,
      environment: model.manifest.environments[0]!,
      secrets: envSecrets({}),
      checks: ['topics', 'lag'],
      timeoutMs: 3_000,
    });
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 2 * 3_000 + 1_000, `took ${elapsed} ms`);
    const messages = [...topics!.findings, ...lag!.findings]
      .filter((f) => f.cluster === 'target')
      .map((f) => f.message.replace(/127\.0\.0\.1:\d+/g, 'HOST:PORT'));
    assert.deepEqual(messages, [
      'cannot read topics from the target: target (test) HOST:PORT: connection refused: nothing listens on that port (broker down, or wrong port)',
      'cannot read consumer groups from the target: target (test) HOST:PORT: connection refused: nothing listens on that port (broker down, or wrong port)',
    ]);
  });
});
