import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManifestError, parseManifest, supportsOffsetSync } from '../../../src/core/manifest/load';
import { RULE_IDS } from '../../../src/core/rules';

const GOOD = `version: 1
environments:
  prod:
    source: { brokers: [kafka1.prod.example.internal:9092, kafka2.prod.example.internal:9092], version: "1.0.0" }
    target: { brokers: "b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094,b-2.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094", auth: mtls }
mirror: { mode: active-passive }
services: { roots: ["services/*"], overrides: { legacy-feed: { role: producer } } }
ignore: ["**/testdata/**"]
`;

function problems(text: string): string[] {
  try {
    parseManifest(text, 'kafka-cutover.yaml');
  } catch (err) {
    assert.ok(err instanceof ManifestError);
    return err.problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
  }
  assert.fail('expected a ManifestError');
}

test('a valid manifest: brokers split, offset sync defaults from the source version', () => {
  const m = parseManifest(GOOD, 'kafka-cutover.yaml', '/repo/kafka-cutover.yaml');
  assert.equal(m.path, '/repo/kafka-cutover.yaml');
  assert.deepEqual(
    m.environments.map((e) => e.name),
    ['prod'],
  );
  assert.deepEqual(m.environments[0].source.brokers, ['kafka1.prod.example.internal:9092', 'kafka2.prod.example.internal:9092']);
  assert.deepEqual(m.environments[0].target.brokers, [
    'b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094',
    'b-2.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094',
  ]);
  assert.equal(m.environments[0].target.auth, 'mtls');
  assert.deepEqual(m.mirror, { mode: 'active-passive', offsetSync: false, offsetSyncExplicit: false, modeExplicit: true });
  assert.deepEqual(m.services.roots, ['services/*']);
  assert.deepEqual(m.services.overrides, { 'legacy-feed': { role: 'producer' } });
  assert.deepEqual(m.ignore, ['**/testdata/**']);
});

test('offset sync: on from Kafka 2.7, explicit value wins', () => {
  assert.equal(supportsOffsetSync('1.0.0'), false);
  assert.equal(supportsOffsetSync('2.6.3'), false);
  assert.equal(supportsOffsetSync('2.7.0'), true);
  assert.equal(supportsOffsetSync('3.9'), true);
  assert.equal(supportsOffsetSync(undefined), false);
  const m = parseManifest(GOOD.replace('mode: active-passive', 'mode: active-passive, offsetSync: true'), 'k.yaml');
  assert.deepEqual(m.mirror, { mode: 'active-passive', offsetSync: true, offsetSyncExplicit: true, modeExplicit: true });
});

test('paths for TLS material resolve against the manifest folder', () => {
  const text = GOOD.replace('auth: mtls }', 'auth: mtls, ca: certs/ca.pem, cert: certs/client.pem, key: certs/client.key }');
  const m = parseManifest(text, 'kafka-cutover.yaml', '/repo/infra/kafka-cutover.yaml');
  assert.equal(m.environments[0].target.ca, '/repo/infra/certs/ca.pem');
  assert.equal(m.environments[0].target.key, '/repo/infra/certs/client.key');
});

test('bad YAML: file:line:col of the syntax error', () => {
  assert.deepEqual(problems('version: 1\nenvironments:\n  prod: {\n'), [
    '4:1: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }',
  ]);
});

test('schema errors point at the offending node', () => {
  assert.deepEqual(problems(GOOD.replace('auth: mtls', 'auth: kerberos')), [
    '5:141: environments.prod.target.auth: must be one of "plaintext", "tls", "mtls", "sasl_scram", "iam"',
  ]);
  assert.deepEqual(
    problems(GOOD.replace('ignore:', 'ignored:')),
    ['8:1: unknown key `ignored`'].map((s) => s.replace('unknown key', 'the manifest: unknown key')),
  );
  assert.deepEqual(problems('version: 2\nenvironments: {}\n'), ['1:10: version: must be 1', '2:1: environments: must not be empty']);
  assert.deepEqual(problems('version: 1\nenvironments:\n  prod:\n    source: { brokers: "a:1,, b" }\n'), [
    '3:3: environments.prod: missing required key `target`',
    '4:24: environments.prod.source.brokers: must be a list of host:port or one comma-separated string of them',
  ]);
});

test('a document that is not a mapping', () => {
  assert.deepEqual(problems('- a\n- b\n'), ['1:1: the manifest must be a mapping with at least `version: 1` and `environments`']);
});

test('a host on both sides is rejected', () => {
  const text = `version: 1
environments:
  prod:
    source: { brokers: [k1:9092] }
    target: { brokers: [k1:9094] }
`;
  assert.deepEqual(problems(text), ['5:13: host k1 is listed as prod.source and as prod.target: a host must belong to one side']);
});

test('every rule can be given a severity or turned off, and only rules that exist', () => {
  // The schema's list of rule ids is checked against the rules themselves: a rule added without it
  // would be refused in `rules:` while docs/rules.md offers it.
  const severities = ['error', 'warning', 'info', 'off'] as const;
  const rules = Object.fromEntries(RULE_IDS.map((id, i) => [id, severities[i % 4]]));
  const text = `${GOOD}rules:\n${Object.entries(rules)
    .map(([id, s]) => `  ${id}: ${s}`)
    .join('\n')}\n`;
  assert.deepEqual(parseManifest(text, 'kafka-cutover.yaml').rules, rules);
  assert.deepEqual(problems(`${GOOD}rules:\n  no-such-rule: off\n`), [
    `10:3: rules: unknown key \`no-such-rule\`; the keys are ${RULE_IDS.map((id) => `"${id}"`).join(', ')}`,
  ]);
});
