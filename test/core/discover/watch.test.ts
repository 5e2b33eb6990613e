import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import fc from 'fast-check';
import { formatOf } from '../../../src/core/extract';
import { discover } from '../../../src/core/discover/walk';
import { clientEvidenceGlob, evidenceRank, mentionsKafka, skippedFoldersGlob, watchedFileGlob } from '../../../src/core/discover/watch';

const watched = picomatch(watchedFileGlob(), { dot: true });
const FLEET = path.resolve(__dirname, '../../../../examples/fleet');

test('the watcher glob matches every file discovery reads in the example fleet, at any depth', () => {
  const files = discover(FLEET).files.map((f) => f.file);
  assert.ok(files.length > 100, `only ${files.length} files`);
  assert.deepEqual(
    files.filter((f) => !watched(f)),
    [],
  );
});

test('the watcher glob matches names formatOf reads in any case, markers and .gitignore, and nothing else listed', () => {
  const read = [
    'a/.env',
    'a/.env.prod',
    'a/prod.env',
    'x/values.YAML',
    'x/app.yml',
    'Dockerfile',
    'deploy/dockerfile',
    'ci/Jenkinsfile',
    'ci/build.jenkinsfile',
    'rules.mk',
    'GNUmakefile',
    'a/b/c/Main.java',
    'src/kafka.ts',
    'x.tfvars',
    'job.nomad',
    'app.config',
    'pom.xml',
    'q.ksql',
    'app.CONF',
  ];
  for (const name of read) {
    assert.ok(formatOf(name), `${name} is read`);
    assert.ok(watched(name), `${name} is watched`);
  }
  for (const marker of [
    'svc/go.mod',
    'svc/requirements.txt',
    'svc/Pipfile',
    'svc/Billing.Worker.csproj',
    'svc/Cargo.toml',
    '.gitignore',
    'svc/.gitignore',
  ]) {
    assert.ok(watched(marker), `${marker} is watched`);
  }
  for (const other of ['README.md', 'docs/notes.txt', 'img/logo.png', 'src/app.rb', 'LICENSE', 'a/.envrc', 'bin/tool']) {
    assert.equal(formatOf(other), undefined, `${other} is not read`);
    assert.equal(watched(other), false, `${other} is not watched`);
  }
});

test('every name formatOf reads is watched (generated names)', () => {
  const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);
  const ext = fc.constantFrom(
    '',
    '.ts',
    '.JS',
    '.yml',
    '.json',
    '.py',
    '.go',
    '.env',
    '.toml',
    '.cfg',
    '.Hcl',
    '.txt',
    '.md',
    '.rb',
    '.conf',
    '.mk',
    '.Jenkinsfile',
  );
  fc.assert(
    fc.property(fc.array(segment, { maxLength: 3 }), segment, ext, (dirs, stem, e) => {
      const file = [...dirs, stem + e].join('/');
      if (formatOf(file)) assert.ok(watched(file), `${file} is read but not watched`);
    }),
    { numRuns: 2000 },
  );
});

test('the skipped-folders glob excludes what discovery never enters', () => {
  const skipped = picomatch(skippedFoldersGlob(), { dot: true });
  assert.equal(skipped('node_modules/kafkajs/package.json'), true);
  assert.equal(skipped('svc/.git/config'), true);
  assert.equal(skipped('svc/target/classes/application.yml'), true);
  assert.equal(skipped('svc/src/application.yml'), false);
});

test('client evidence: dependency manifests rank before settings files, and the glob finds them', () => {
  const evidence = picomatch(clientEvidenceGlob(), { dot: true });
  for (const f of [
    'svc/package.json',
    'go.mod',
    'svc/requirements-dev.txt',
    'svc/Billing.csproj',
    'docker-compose.override.yml',
    'svc/.env.prod',
    'src/main/resources/application-prod.yaml',
  ]) {
    assert.ok(evidence(f), f);
  }
  assert.equal(evidence('svc/src/index.ts'), false);
  assert.equal(evidenceRank('package.json'), 0);
  assert.equal(evidenceRank('go.mod'), 1);
  assert.ok(evidenceRank('requirements.txt') < evidenceRank('.env'));
  assert.ok(evidenceRank('.env.prod') < evidenceRank('application.yml'));
  assert.equal(evidenceRank('index.ts'), 18);
});

test('mentionsKafka: client libraries and the bootstrap setting, not other brokers', () => {
  const yes = [
    '"kafkajs": "^2.2.4"',
    'github.com/IBM/sarama v1.43.0',
    'github.com/twmb/franz-go v1.17.0',
    'confluent-kafka==2.5.3',
    '<artifactId>spring-kafka</artifactId>',
    'spring.kafka.bootstrap-servers=x',
    'BOOTSTRAP_SERVERS=b:9092',
    'bootstrap.servers=a:9092',
    'Confluent.Kafka',
  ];
  for (const text of yes) assert.equal(mentionsKafka(Buffer.from(text)), true, text);
  const no = ['"express": "^4.19.0"', 'CELERY_BROKER_URL=redis://r:6379', 'amqp://rabbit:5672', 'bootstrap: 5.3.0', '{"name":"web"}'];
  for (const text of no) assert.equal(mentionsKafka(Buffer.from(text)), false, text);
  // A view into a larger buffer reads only its own bytes.
  const big = Buffer.from('xxxxkafkaxxxx');
  assert.equal(mentionsKafka(big.subarray(0, 4)), false);
  assert.equal(mentionsKafka(big.subarray(4, 9)), true);
});

test("the example fleet's dependency manifests name their clients", () => {
  const pkg = fs.readFileSync(path.join(FLEET, 'services/forecast-trainer/requirements.txt'));
  assert.equal(mentionsKafka(pkg), true);
});
