import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFile } from '../../../src/core/extract';

const hints = (file: string, text: string) =>
  extractFile(file, text).security.map((h) => [
    h.kind,
    h.key,
    h.value,
    `${h.range.start.line}:${h.range.start.column}-${h.range.end.line}:${h.range.end.column}`,
    h.offset === undefined ? undefined : text.slice(h.offset, h.offset + h.length!),
  ]);

test('config security hints: protocol (with a placeholder default), TLS flags of Kafka keys only, SASL, client certificates', () => {
  const env =
    'KAFKA_BROKERS=b-1.x.kafka.eu-west-1.amazonaws.com:9094\nKAFKA_SECURITY_PROTOCOL=ssl\nKAFKA_TLS= false\nREDIS_TLS=false\nKAFKA_USE_SSL=1\nKAFKA_SASL_MECHANISM=SCRAM-SHA-512\n';
  assert.deepEqual(hints('.env', env), [
    ['protocol', 'KAFKA_SECURITY_PROTOCOL', 'ssl', '2:25-2:28', 'ssl'],
    ['tls', 'KAFKA_TLS', 'false', '3:12-3:17', 'false'],
    ['tls', 'KAFKA_USE_SSL', '1', '5:15-5:16', '1'],
    ['sasl-mechanism', 'KAFKA_SASL_MECHANISM', 'SCRAM-SHA-512', '6:22-6:35', 'SCRAM-SHA-512'],
  ]);
  const yml =
    'spring:\n  kafka:\n    security:\n      protocol: ${KAFKA_SECURITY_PROTOCOL:SASL_SSL}\n    ssl:\n      key-store-location: file:/k.jks\n    properties:\n      sasl.mechanism: OAUTHBEARER\n';
  assert.deepEqual(hints('application.yml', yml), [
    ['protocol', 'spring.kafka.security.protocol', 'SASL_SSL', '4:43-4:51', 'SASL_SSL'],
    ['client-cert', 'spring.kafka.ssl.key-store-location', 'present', '6:27-6:38', undefined],
    ['sasl-mechanism', 'spring.kafka.properties.sasl.mechanism', 'OAUTHBEARER', '8:23-8:34', 'OAUTHBEARER'],
  ]);
  // Not security settings: a value that is no protocol, a TLS flag with a sentence.
  assert.deepEqual(
    hints('app.properties', 'security.protocol=${PROTO}\nkafka.tls.enabled=maybe later\nssl.truststore.location=/t.jks\n'),
    [],
  );
});

test('config security hints in a Nomad env block', async () => {
  const { ensureHclReady } = await import('../../../src/core/extract/hcl');
  await ensureHclReady();
  const nomad =
    'job "a" {\n  group "g" {\n    task "t" {\n      env {\n        KAFKA_BROKERS = "kafka1.prod.example.internal:9092"\n        KAFKA_TLS     = "false"\n      }\n    }\n  }\n}\n';
  assert.deepEqual(hints('deploy/a.nomad', nomad), [['tls', 'KAFKA_TLS', 'false', '6:26-6:31', 'false']]);
});
