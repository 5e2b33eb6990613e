import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { manifestText } from '../../../src/core/manifest/starter';
import { removeRepo, scanRepo } from '../../helpers/repo';

const dirs: string[] = [];
after(() => dirs.forEach(removeRepo));

/** The `target:` line the starter writes for a repository whose only service names these brokers in prod. */
async function targetLine(brokers: string): Promise<string | undefined> {
  const { dir, analysis } = await scanRepo({
    'services/api/package.json': '{ "name": "api" }\n',
    'services/api/.env.prod': `KAFKA_BROKERS=${brokers}\n`,
  });
  dirs.push(dir);
  return manifestText(analysis.model)
    .split('\n')
    .find((l) => l.trimStart().startsWith('target:'));
}

test('the target auth comes from the port when one MSK port names exactly one auth mode', async () => {
  const pub = 'b-1-public.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com';
  assert.equal(
    await targetLine(`${pub}:9196`),
    `    target: { brokers: "${pub}:9196", auth: sasl_scram }   # TODO: auth from the port; check it (plaintext|tls|mtls|sasl_scram|iam)`,
  );
  const vpc = 'b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com';
  assert.equal(
    await targetLine(`${vpc}:9098`),
    `    target: { brokers: "${vpc}:9098", auth: iam }   # TODO: auth from the port; check it (plaintext|tls|mtls|sasl_scram|iam)`,
  );
  // 9094 serves TLS and mutual TLS alike: the port cannot tell.
  assert.equal(
    await targetLine(`${vpc}:9094`),
    `    target: { brokers: "${vpc}:9094", auth: mtls }   # TODO: check auth (plaintext|tls|mtls|sasl_scram|iam)`,
  );
});
