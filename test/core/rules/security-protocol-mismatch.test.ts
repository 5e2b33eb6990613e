import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cutoverEdits, securityFixEdits } from '../../../src/core/actions/cutover';
import { applyEdits } from '../../../src/core/rewrite/brokers';
import { fleet, MANIFEST, removeRepo, scanRepo, SRC_PROD, TGT_PROD } from '../../helpers/repo';

const dirs: string[] = [];
after(() => dirs.forEach(removeRepo));

async function scan(files: Record<string, string>) {
  const r = await scanRepo(files);
  dirs.push(r.dir);
  return r;
}

async function findings(files: Record<string, string>): Promise<string[]> {
  const { analysis } = await scan(files);
  return analysis.findings
    .filter((f) => f.rule === 'security-protocol-mismatch')
    .map(
      (f) =>
        `${f.file}:${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.severity} ${f.service}/${f.environment} ${f.message}`,
    )
    .sort();
}

const CERT =
  "add by hand: a client certificate and key signed by the cluster's private CA (ssl.keystore.location + ssl.keystore.password, or kafkajs ssl.cert/ssl.key)";
const withAuth = (auth: string) => MANIFEST.replace(/auth: mtls/g, `auth: ${auth}`);
const svc = (files: Record<string, string>) => ({ 'package.json': '{ "name": "x" }\n', ...files });

test('mutual TLS target: a PLAINTEXT:// scheme on the target, KAFKA_TLS=false beside a moving ref, a Spring protocol', async () => {
  const got = await findings(
    fleet({
      moved: svc({ '.env.prod': `KAFKA_BROKERS=PLAINTEXT://${TGT_PROD.split(',')[0]}\nINPUT_TOPIC=orders\n` }),
      moving: svc({ '.env.prod': `KAFKA_BROKERS=${SRC_PROD}\nKAFKA_TLS=false\nREDIS_TLS=false\nINPUT_TOPIC=orders\n` }),
      spring: svc({
        'src/main/resources/application-prod.yml': `spring:\n  kafka:\n    bootstrap-servers: ${TGT_PROD}\n    security:\n      protocol: PLAINTEXT\n    ssl:\n      key-store-location: file:/k.jks\n`,
      }),
    }),
  );
  assert.deepEqual(got, [
    `services/moved/.env.prod:1:15-1:24 error moved/prod the client will not connect: PLAINTEXT:// with mutual TLS on the target in prod (needs SSL); change it to "SSL"; ${CERT}`,
    `services/moving/.env.prod:2:11-2:16 error moving/prod after the move, the client will not connect: KAFKA_TLS=false with mutual TLS on the target in prod (needs SSL); migrate changes it to "true"; ${CERT}`,
    // The keystore is there: nothing to add by hand.
    'services/spring/src/main/resources/application-prod.yml:5:17-5:26 error spring/prod the client will not connect: spring.kafka.security.protocol=PLAINTEXT with mutual TLS on the target in prod (needs SSL); change it to "SSL"',
  ]);
});

test('a Java client config with no security.protocol speaks PLAINTEXT; one with ${VAR:SSL} is fine', async () => {
  const got = await findings(
    fleet({
      bare: svc({ 'config/prod/producer.properties': `bootstrap.servers=${TGT_PROD}\nacks=all\n` }),
      placeholder: svc({
        'src/main/resources/application-prod.properties': `spring.kafka.bootstrap-servers=${TGT_PROD}\nspring.kafka.security.protocol=\${KAFKA_SECURITY_PROTOCOL:SSL}\nspring.kafka.ssl.key-store-location=file:/k.jks\n`,
      }),
    }),
  );
  assert.deepEqual(got, [
    `services/bare/config/prod/producer.properties:1:19-1:126 error bare/prod the client will not connect: no security.protocol (the Java client defaults to PLAINTEXT) with mutual TLS on the target in prod (needs SSL); add by hand: set security.protocol=SSL; a client certificate and key signed by the cluster's private CA (ssl.keystore.location + ssl.keystore.password, or kafkajs ssl.cert/ssl.key)`,
  ]);
});

test('a target reached through a plaintext proxy raises nothing; an unknown auth raises nothing', async () => {
  const files = fleet({
    moved: svc({ '.env.prod': `KAFKA_BROKERS=PLAINTEXT://${TGT_PROD.split(',')[0]}\nKAFKA_TLS=false\nINPUT_TOPIC=orders\n` }),
    bare: svc({ 'config/prod/producer.properties': `bootstrap.servers=${TGT_PROD}\n` }),
  });
  assert.deepEqual(await findings({ ...files, 'kafka-cutover.yaml': withAuth('plaintext') }), []);
  assert.deepEqual(await findings({ ...files, 'kafka-cutover.yaml': MANIFEST.replace(/, auth: mtls/g, '') }), []);
});

test('SASL/SCRAM and IAM: the protocol must be SASL_SSL, SCRAM must be SHA-512, IAM takes OAUTHBEARER or AWS_MSK_IAM', async () => {
  const props = (protocol: string, mechanism: string) =>
    `bootstrap.servers=${TGT_PROD}\nsecurity.protocol=${protocol}\nsasl.mechanism=${mechanism}\n`;
  const scram = await findings({
    ...fleet({
      a: svc({ 'config/prod/client.properties': props('SSL', 'SCRAM-SHA-256') }),
      b: svc({ 'config/prod/client.properties': props('SASL_SSL', 'SCRAM-SHA-512') }),
    }),
    'kafka-cutover.yaml': withAuth('sasl_scram'),
  });
  assert.deepEqual(scram, [
    'services/a/config/prod/client.properties:2:19-2:22 error a/prod the client will not connect: security.protocol=SSL with SASL/SCRAM on the target in prod (needs SASL_SSL); change it to "SASL_SSL"; add by hand: sasl.mechanism=SCRAM-SHA-512 and the SCRAM user\'s credentials (sasl.jaas.config) from the secret associated with the cluster',
    'services/a/config/prod/client.properties:3:16-3:29 error a/prod the client will not connect: sasl.mechanism=SCRAM-SHA-256 with SASL/SCRAM on the target in prod (needs SASL_SSL); change it to "SCRAM-SHA-512"; add by hand: sasl.mechanism=SCRAM-SHA-512 and the SCRAM user\'s credentials (sasl.jaas.config) from the secret associated with the cluster',
  ]);
  const iam = await findings({
    ...fleet({
      a: svc({ 'config/prod/client.properties': props('SASL_SSL', 'PLAIN') }),
      b: svc({ 'config/prod/client.properties': props('SASL_SSL', 'AWS_MSK_IAM') }),
    }),
    'kafka-cutover.yaml': withAuth('iam'),
  });
  assert.deepEqual(iam, [
    'services/a/config/prod/client.properties:3:16-3:21 error a/prod the client will not connect: sasl.mechanism=PLAIN with IAM on the target in prod (needs SASL_SSL); add by hand: IAM auth: sasl.mechanism=AWS_MSK_IAM with aws-msk-iam-auth (Java), or OAUTHBEARER with a token from aws-msk-iam-sasl-signer (kafkajs, confluent-kafka), and a policy allowing kafka-cluster:Connect',
  ]);
});

test("without target.auth in the manifest, the Terraform MSK cluster's client_authentication decides", async () => {
  const tf = 'resource "aws_msk_cluster" "main" {\n  cluster_name = "prod"\n  client_authentication {\n    tls {}\n  }\n}\n';
  const got = await findings({
    ...fleet({ moved: svc({ '.env.prod': `KAFKA_BROKERS=PLAINTEXT://${TGT_PROD.split(',')[0]}\nINPUT_TOPIC=orders\n` }) }),
    'kafka-cutover.yaml': MANIFEST.replace(/, auth: mtls/g, ''),
    'infra/msk.tf': tf,
  });
  assert.equal(got.length, 1);
  assert.match(
    got[0],
    /^services\/moved\/\.env\.prod:1:15-1:24 error moved\/prod the client will not connect: PLAINTEXT:\/\/ with mutual TLS on the target in prod \(needs SSL\); change it to "SSL"/,
  );
});

test('migrate changes the scheme and the flag with the move; the quick fix does it for a ref already on the target', async () => {
  const { analysis, workspace } = await scan(
    fleet({
      moving: svc({
        '.env.prod': `KAFKA_BROKERS=PLAINTEXT://kafka1.prod.example.internal:9092,PLAINTEXT://kafka2.prod.example.internal:9092\nKAFKA_TLS=False\nINPUT_TOPIC=orders\n`,
      }),
      moved: svc({ 'application-prod.properties': `bootstrap.servers=${TGT_PROD}\nsecurity.protocol=plaintext\n` }),
    }),
  );
  const set = cutoverEdits(analysis, { services: ['moving'] }, 'migrate');
  const file = 'services/moving/.env.prod';
  assert.equal(
    applyEdits(workspace.scannedText(file)!, set.byFile.get(file)!),
    `KAFKA_BROKERS=SSL://${TGT_PROD.split(',')[0]},SSL://${TGT_PROD.split(',')[1]}\nKAFKA_TLS=True\nINPUT_TOPIC=orders\n`,
  );
  assert.deepEqual(
    set.byFile
      .get(file)!
      .map((e) => e.kind)
      .sort(),
    ['brokers', 'brokers', 'security', 'security', 'security'],
  );
  const moved = 'services/moved/application-prod.properties';
  const quick = securityFixEdits(analysis, { file: moved, line: 2, column: 19 });
  assert.equal(applyEdits(workspace.scannedText(moved)!, quick.get(moved)!), `bootstrap.servers=${TGT_PROD}\nsecurity.protocol=ssl\n`);
  // A moving ref gets no quick fix: the source still needs its plaintext until the move.
  assert.equal(securityFixEdits(analysis, { file, line: 2, column: 11 }).size, 0);
});
