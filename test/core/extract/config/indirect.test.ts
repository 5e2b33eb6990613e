import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isWholeReference, readsOf, substitute } from '../../../../src/core/extract/config/indirect';

test('readsOf: every syntax a connection setting reads another value through', () => {
  const cases: Array<[string, ReturnType<typeof readsOf>]> = [
    ['$BROKERS', { reads: [{ kind: 'env', name: 'BROKERS' }], whole: true }],
    ['${BROKERS}', { reads: [{ kind: 'env', name: 'BROKERS' }], whole: true }],
    ['${BROKERS:-kafka:9092}', { reads: [{ kind: 'env', name: 'BROKERS', fallback: 'kafka:9092' }], whole: true }],
    ['${BROKERS:=kafka:9092}', { reads: [{ kind: 'env', name: 'BROKERS', fallback: 'kafka:9092' }], whole: true }],
    ['${app.kafka-brokers}', { reads: [{ kind: 'placeholder', name: 'app.kafka-brokers' }], whole: true }],
    [
      '${KAFKA_HOST}:${KAFKA_PORT}',
      {
        reads: [
          { kind: 'env', name: 'KAFKA_HOST' },
          { kind: 'env', name: 'KAFKA_PORT' },
        ],
        whole: false,
      },
    ],
    ['PLAINTEXT://${HOST}:9092', { reads: [{ kind: 'env', name: 'HOST' }], whole: false }],
    ['${app.kafka.brokers}', { reads: [{ kind: 'placeholder', name: 'app.kafka.brokers' }], whole: true }],
    ['${KAFKA_BROKERS:kafka:9092}', { reads: [{ kind: 'placeholder', name: 'KAFKA_BROKERS', fallback: 'kafka:9092' }], whole: true }],
    ['{{ .Values.kafka.brokers }}', { reads: [{ kind: 'helm', name: 'kafka.brokers' }], whole: true }],
    [
      '{{ .Values.kafka.brokers | default "k:9092" | quote }}',
      { reads: [{ kind: 'helm', name: 'kafka.brokers', fallback: 'k:9092' }], whole: true },
    ],
    ['{{ env "KAFKA" }}', { reads: [{ kind: 'env', name: 'KAFKA' }], whole: true }],
    ['{{ key "kafka/brokers" }}', { reads: [{ kind: 'consul', name: 'kafka/brokers' }], whole: true }],
    [
      '{{ keyOrDefault "kafka/brokers" "k:9092" }}',
      { reads: [{ kind: 'consul', name: 'kafka/brokers', fallback: 'k:9092' }], whole: true },
    ],
    ['{{ with secret "kv/kafka" }}{{ .Data.brokers }}{{ end }}', { reads: [{ kind: 'vault', name: 'kv/kafka' }], whole: false }],
    ['${{ secrets.KAFKA_BROKERS }}', { reads: [{ kind: 'gha', name: 'secrets.KAFKA_BROKERS' }], whole: true }],
    ['${{ env.BROKERS }}', { reads: [{ kind: 'gha', name: 'env.BROKERS' }], whole: true }],
    ['${var.brokers}', { reads: [{ kind: 'terraform', name: 'var.brokers' }], whole: true }],
    ['${local.kafka}:9094', { reads: [{ kind: 'terraform', name: 'local.kafka' }], whole: false }],
    ['${ssm:/prod/kafka/brokers}', { reads: [{ kind: 'ssm', name: '/prod/kafka/brokers' }], whole: true }],
    ['$(KAFKA_BOOTSTRAP)', { reads: [{ kind: 'env', name: 'KAFKA_BOOTSTRAP' }], whole: true }],
    ['kafka1:9092', undefined],
    ['{{ include "kafka.brokers" . }}', undefined],
  ];
  for (const [text, expected] of cases) assert.deepEqual(readsOf(text), expected, text);
});

test('substitute and isWholeReference', () => {
  assert.equal(substitute('${KAFKA_HOST}:${KAFKA_PORT}', ['kafka1', '9092']), 'kafka1:9092');
  assert.equal(substitute('PLAINTEXT://{{ .Values.host }}:9092', ['k1']), 'PLAINTEXT://k1:9092');
  assert.equal(substitute('var.brokers', ['k1:9092']), 'k1:9092');
  assert.equal(isWholeReference('var.brokers'), true);
  assert.equal(isWholeReference('${A}:${B}'), false);
  assert.equal(isWholeReference('${A:-${B}}'), true);
});
