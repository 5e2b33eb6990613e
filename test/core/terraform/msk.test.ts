// aws_msk_cluster blocks read into the auth modes a client can use, with the real grammar.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { EvalContext } from '../../../src/core/terraform/evaluate';
import { readMskCluster, readMskConfiguration } from '../../../src/core/terraform/msk';
import { blocksOf } from './hclTree';

const HEADER = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };
const scope: EvalContext = { file: 'msk.tf', locals: new Map(), variables: new Map() };

async function cluster(body: string) {
  const { blocks, index } = await blocksOf(`resource "aws_msk_cluster" "c" {\n${body}\n}\n`);
  return readMskCluster(blocks[0]!, 'c', 'msk.tf', HEADER, index, scope);
}

const auth = async (body: string) => (await cluster(body)).decl.authModes;

describe('readMskCluster: auth modes', () => {
  it('no client_authentication and no encryption block: TLS, unauthenticated', async () => {
    assert.deepEqual(await auth(''), ['tls']);
  });

  it('mutual TLS, SCRAM and IAM each add their mode; unauthenticated stays off unless set', async () => {
    assert.deepEqual(await auth('client_authentication {\n  tls {}\n}'), ['mtls']);
    assert.deepEqual(await auth('client_authentication {\n  sasl {\n    scram = true\n    iam = true\n  }\n}'), ['sasl_scram', 'iam']);
    assert.deepEqual(await auth('client_authentication {\n  sasl { iam = false }\n  unauthenticated = true\n}'), ['tls']);
  });

  it('client_broker PLAINTEXT and TLS_PLAINTEXT open the plaintext listener; in any case', async () => {
    const enc = (v: string) => `encryption_info {\n  encryption_in_transit {\n    client_broker = "${v}"\n  }\n}`;
    assert.deepEqual(await auth(enc('PLAINTEXT')), ['plaintext']);
    assert.deepEqual(await auth(enc('tls_plaintext')), ['plaintext', 'tls']);
    assert.deepEqual(await auth(`${enc('TLS')}\nclient_authentication {\n  tls {}\n}`), ['mtls']);
  });
});

describe('readMskCluster: the rest of the decl', () => {
  it('names, version, client_broker as written; no configuration means no auto-created topics', async () => {
    const read = await cluster(
      'cluster_name = "events"\nkafka_version = "3.6.0"\nencryption_info {\n  encryption_in_transit { client_broker = "TLS" }\n}',
    );
    assert.deepEqual(read, {
      decl: {
        file: 'msk.tf',
        range: HEADER,
        name: 'c',
        authModes: ['tls'],
        clusterName: 'events',
        kafkaVersion: '3.6.0',
        clientBroker: 'TLS',
        autoCreateTopics: false,
      },
    });
  });

  it('a configuration_info arn that names an aws_msk_configuration links to it; any other arn leaves it open', async () => {
    const linked = await cluster('configuration_info {\n  arn = aws_msk_configuration.shared.arn\n  revision = 1\n}');
    assert.equal(linked.configuration, 'shared');
    assert.equal(linked.decl.autoCreateTopics, undefined);
    const other = await cluster('configuration_info {\n  arn = var.config_arn\n}');
    assert.deepEqual([other.configuration, other.decl.autoCreateTopics], [undefined, undefined]);
  });

  it('a cluster name it cannot evaluate is left out, not guessed', async () => {
    const read = await cluster('cluster_name = "${var.env}-events"');
    assert.equal('clusterName' in read.decl, false);
  });
});

describe('readMskConfiguration', () => {
  it('reads auto.create.topics.enable from server_properties; false when absent', async () => {
    const { blocks } = await blocksOf(
      [
        'resource "aws_msk_configuration" "on" {',
        '  server_properties = <<PROPERTIES',
        'auto.create.topics.enable = true',
        'PROPERTIES',
        '}',
        'resource "aws_msk_configuration" "off" {',
        '  name = "x"',
        '}',
        '',
      ].join('\n'),
    );
    assert.deepEqual(blocks.map(readMskConfiguration), [true, false]);
  });
});
