// Connection settings named through indirection, resolved by the model: the fixture fleet in
// test/fixtures/indirection names its brokers through compose `.env`/`env_file`, Spring profiles, Helm
// values per environment, Nomad/consul-template, Terraform tfvars, Kustomize overlays and a GitHub
// Actions workflow. Every fact below is exact: the ref's range and expression, what it reads, each
// literal it resolves to (file:line:column, environment, cluster), what stays unresolved, the states.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RepositoryIndex, type Analysis } from '../../../src/core/repositoryIndex';
import { cutoverEdits } from '../../../src/core/actions/cutover';
import { applyEdits } from '../../../src/core/rewrite/brokers';
import { emptyFacts, type BrokerRef } from '../../../src/core/model/types';
import { resolveIndirect } from '../../../src/core/model/resolve';
import { Classifier } from '../../../src/core/classify';
import { parseManifest } from '../../../src/core/manifest/load';
import { removeRepo, scanRepo } from '../../helpers/repo';

const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/indirection');
let dir: string;
let analysis: Analysis;
const dirs: string[] = [];

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-indirection-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  dirs.push(dir);
  analysis = await new RepositoryIndex(dir).scan();
});
after(() => dirs.forEach(removeRepo));

const at = (r: BrokerRef) => `${r.file}:${r.range.start.line}:${r.range.start.column}-${r.range.end.line}:${r.range.end.column}`;
const indirect = (file: string) => analysis.model.brokerRefs.filter((r) => r.kind === 'indirect' && r.file === file);
const resolved = (r: BrokerRef) =>
  (r.resolvesTo ?? []).map((v) => `${v.environment ?? '*'} ${v.cluster} ${v.value} @${v.file}:${v.line}:${v.column}`);

const PROD_SRC = 'kafka1.prod.corp.internal:9092';
const DEV_SRC = 'kafka1.dev.corp.internal:9092';
const PROD_MSK = 'b-1.prod.xy12ab.c3.kafka.eu-west-1.amazonaws.com:9094';
const DEV_MSK = 'b-1.dev.zz34cd.c2.kafka.eu-west-1.amazonaws.com:9094';

test('compose: $VAR and ${VAR} through the .env beside it, ${A}:${B} through env_file, ${VAR:-default}', () => {
  const refs = indirect('services/ledger-compose/docker-compose.yml');
  assert.deepEqual(
    refs.map((r) => [at(r), r.key, r.expression, r.reads]),
    [
      [
        'services/ledger-compose/docker-compose.yml:7:35-7:43',
        'REGISTRY_BOOTSTRAP_SERVERS',
        '$BROKERS',
        [{ kind: 'env', name: 'BROKERS' }],
      ],
      ['services/ledger-compose/docker-compose.yml:8:32-8:42', 'KAFKA_BOOTSTRAP_SERVERS', '${BROKERS}', [{ kind: 'env', name: 'BROKERS' }]],
      [
        'services/ledger-compose/docker-compose.yml:9:22-9:49',
        'KAFKA_BROKERS',
        '${KAFKA_HOST}:${KAFKA_PORT}',
        [
          { kind: 'env', name: 'KAFKA_HOST' },
          { kind: 'env', name: 'KAFKA_PORT' },
        ],
      ],
      [
        'services/ledger-compose/docker-compose.yml:10:28-10:75',
        'AUDIT_KAFKA_BROKERS',
        '${AUDIT_BROKERS:-kafka1.dev.corp.internal:9092}',
        [{ kind: 'env', name: 'AUDIT_BROKERS', fallback: DEV_SRC }],
      ],
    ],
  );
  const [registry, bootstrap, assembled, audit] = refs;
  for (const r of [registry, bootstrap]) {
    assert.deepEqual(r.resolvesTo, [
      {
        value: PROD_SRC,
        file: 'services/ledger-compose/.env',
        line: 1,
        column: 9,
        environment: 'prod',
        cluster: 'source',
        via: 'BROKERS from services/ledger-compose/.env:1',
      },
    ]);
    assert.equal(r.cluster, 'source');
    assert.deepEqual([r.parts, r.hosts, r.unresolved], [[], [], undefined]);
  }
  const manual =
    'part of ${KAFKA_HOST}:${KAFKA_PORT} at services/ledger-compose/docker-compose.yml:9: migrate does not rewrite parts of an assembled connection string';
  assert.deepEqual(assembled.resolvesTo, [
    {
      value: 'kafka1.prod.corp.internal',
      file: 'services/ledger-compose/ledger.env',
      line: 1,
      column: 12,
      environment: 'prod',
      cluster: 'source',
      via: 'KAFKA_HOST from services/ledger-compose/ledger.env:1',
      connection: PROD_SRC,
      manual,
    },
    {
      value: '9092',
      file: 'services/ledger-compose/ledger.env',
      line: 2,
      column: 12,
      environment: 'prod',
      cluster: 'source',
      via: 'KAFKA_PORT from services/ledger-compose/ledger.env:2',
      connection: PROD_SRC,
      manual,
    },
  ]);
  // AUDIT_BROKERS is set nowhere: the default written in the expression is what it resolves to.
  assert.deepEqual(audit.resolvesTo, [
    {
      value: DEV_SRC,
      file: 'services/ledger-compose/docker-compose.yml',
      line: 10,
      column: 45,
      environment: 'dev',
      cluster: 'source',
      via: 'the default written with AUDIT_BROKERS',
    },
  ]);
  const problems = analysis.model.problems.filter((p) => p.file === 'services/ledger-compose/docker-compose.yml');
  assert.deepEqual(problems, [
    {
      file: 'services/ledger-compose/docker-compose.yml',
      line: 9,
      column: 22,
      severity: 'info',
      message:
        'KAFKA_BROKERS is assembled from services/ledger-compose/ledger.env:1, services/ledger-compose/ledger.env:2: migrate does not rewrite it; change those values by hand',
    },
  ]);
});

test('Spring: ${a.b} across application.yml and the prod profile, one resolution per environment', () => {
  const [ref] = indirect('services/payments-spring/src/main/resources/application.yml');
  assert.deepEqual(
    [at(ref), ref.expression, ref.reads],
    [
      'services/payments-spring/src/main/resources/application.yml:3:24-3:49',
      '${payments.kafka.brokers}',
      [{ kind: 'placeholder', name: 'payments.kafka.brokers' }],
    ],
  );
  assert.deepEqual(resolved(ref), [
    `prod target ${PROD_MSK} @services/payments-spring/src/main/resources/application-prod.yml:3:14`,
    // application.yml is the base; its host names the dev cluster.
    `dev source ${DEV_SRC} @services/payments-spring/src/main/resources/application.yml:6:14`,
  ]);
  // The environments disagree, so the ref itself names no single cluster.
  assert.equal(ref.cluster, 'unknown');
});

test('Helm: {{ .Values.a.b }} against values.yaml (base) and values-<env>.yaml', () => {
  const [ref] = indirect('services/quotes-helm/chart/templates/deployment.yaml');
  assert.deepEqual(
    [at(ref), ref.key, ref.expression, ref.reads],
    [
      'services/quotes-helm/chart/templates/deployment.yaml:13:22-13:57',
      'KAFKA_BROKERS',
      '{{ .Values.kafka.brokers | quote }}',
      [{ kind: 'helm', name: 'kafka.brokers' }],
    ],
  );
  assert.deepEqual(resolved(ref), [
    `dev source ${DEV_SRC} @services/quotes-helm/chart/values-dev.yaml:2:12`,
    `prod target ${PROD_MSK} @services/quotes-helm/chart/values-prod.yaml:2:12`,
    // The base applies to every environment without its own values file; localhost is a development address.
    `* local localhost:9092 @services/quotes-helm/chart/values.yaml:2:12`,
  ]);
});

test('Nomad: {{ env "X" }} against the job env block; {{ key "p" }} is Consul, outside the repository', () => {
  const [env, consul] = indirect('services/pricing-nomad/deploy/pricing.nomad');
  assert.deepEqual(
    [at(env), env.key, env.expression, env.reads],
    [
      'services/pricing-nomad/deploy/pricing.nomad:9:25-9:51',
      'KAFKA_BOOTSTRAP_SERVERS',
      '{{ env "UPSTREAM_KAFKA" }}',
      [{ kind: 'env', name: 'UPSTREAM_KAFKA' }],
    ],
  );
  assert.deepEqual(resolved(env), [`prod source ${PROD_SRC} @services/pricing-nomad/deploy/pricing.nomad:5:27`]);
  assert.deepEqual(
    [at(consul), consul.expression, consul.reads, consul.resolvesTo, consul.cluster],
    [
      'services/pricing-nomad/deploy/pricing.nomad:10:21-10:54',
      '{{ key "pricing/kafka/brokers" }}',
      [{ kind: 'consul', name: 'pricing/kafka/brokers' }],
      [],
      'unknown',
    ],
  );
  assert.deepEqual(consul.unresolved, {
    names: ['pricing/kafka/brokers'],
    lookedIn: ['consul (outside the repository)'],
    outside: 'consul',
  });
  assert.deepEqual(
    analysis.model.problems.filter((p) => p.file === consul.file),
    [
      {
        file: 'services/pricing-nomad/deploy/pricing.nomad',
        line: 10,
        column: 21,
        severity: 'info',
        message: 'AUDIT_KAFKA_BROKERS reads pricing/kafka/brokers, which comes from Consul, outside the repository: its cluster is unknown',
      },
    ],
  );
});

test('Terraform: var.x / local.x and a ${var.x} in a command, per environment through <env>.tfvars', () => {
  const refs = indirect('services/topics-terraform/main.tf');
  assert.deepEqual(
    refs.map((r) => [at(r), r.key, r.expression, r.reads]),
    [
      [
        'services/topics-terraform/main.tf:10:23-10:44',
        'bootstrap_servers',
        'local.kafka_bootstrap',
        [{ kind: 'terraform', name: 'local.kafka_bootstrap' }],
      ],
      ['services/topics-terraform/main.tf:15:51-15:65', undefined, '${var.brokers}', [{ kind: 'terraform', name: 'var.brokers' }]],
    ],
  );
  const [provider, command] = refs;
  assert.deepEqual(resolved(provider), [
    `dev target ${DEV_MSK} @services/topics-terraform/dev.tfvars:1:12`,
    `prod source ${PROD_SRC} @services/topics-terraform/prod.tfvars:1:12`,
  ]);
  assert.deepEqual(
    provider.resolvesTo?.map((v) => v.via),
    [
      'local.kafka_bootstrap from services/topics-terraform/main.tf:6, then var.brokers from services/topics-terraform/dev.tfvars:1',
      'local.kafka_bootstrap from services/topics-terraform/main.tf:6, then var.brokers from services/topics-terraform/prod.tfvars:1',
    ],
  );
  assert.deepEqual(resolved(command), resolved(provider));
});

test('Kustomize: configMapGenerator literals in the base and the prod overlay, read through $(VAR)', () => {
  const [ref] = indirect('services/catalog-kustomize/base/deployment.yaml');
  assert.deepEqual(
    [at(ref), ref.key, ref.expression, ref.reads],
    [
      'services/catalog-kustomize/base/deployment.yaml:16:22-16:38',
      'CATALOG_BOOTSTRAP_SERVERS',
      '$(CATALOG_KAFKA)',
      [{ kind: 'env', name: 'CATALOG_KAFKA' }],
    ],
  );
  assert.deepEqual(resolved(ref), [
    `prod source ${PROD_SRC} @services/catalog-kustomize/overlays/prod/kustomization.yaml:7:23`,
    `dev source ${DEV_SRC} @services/catalog-kustomize/base/kustomization.yaml:6:23`,
  ]);
  // The generator's literals are connection strings of their own, in their overlay's environment.
  assert.deepEqual(
    analysis.model.brokerRefs.filter((r) => r.file.endsWith('kustomization.yaml')).map((r) => [r.file, r.key, r.cluster, r.environment]),
    [
      ['services/catalog-kustomize/base/kustomization.yaml', 'CATALOG_KAFKA', 'source', 'dev'],
      ['services/catalog-kustomize/overlays/prod/kustomization.yaml', 'CATALOG_KAFKA', 'source', 'prod'],
    ],
  );
});

test('GitHub Actions: ${{ env.X }} from the workflow env; ${{ secrets.X }} is a CI secret', () => {
  const [fromEnv, secret] = indirect('.github/workflows/smoke.yml');
  assert.deepEqual(
    [at(fromEnv), fromEnv.expression, fromEnv.reads, fromEnv.service],
    ['.github/workflows/smoke.yml:9:32-9:56', '${{ env.SMOKE_BROKERS }}', [{ kind: 'gha', name: 'env.SMOKE_BROKERS' }], undefined],
  );
  assert.deepEqual(resolved(fromEnv), [`prod source ${PROD_SRC} @.github/workflows/smoke.yml:4:18`]);
  assert.deepEqual(
    [at(secret), secret.expression, secret.resolvesTo],
    ['.github/workflows/smoke.yml:13:26-13:59', '${{ secrets.PROD_KAFKA_BROKERS }}', []],
  );
  assert.deepEqual(secret.unresolved, {
    names: ['secrets.PROD_KAFKA_BROKERS'],
    lookedIn: ['.github/workflows/smoke.yml (secrets.PROD_KAFKA_BROKERS comes from the CI settings or run, outside the repository)'],
    outside: 'ci-secret',
  });
});

test('service states per environment come from the resolution in that environment; unresolved is unknown, never none', () => {
  assert.deepEqual(Object.fromEntries(analysis.model.services.map((s) => [s.name, s.state])), {
    'catalog-kustomize': { prod: 'source', dev: 'source' },
    'ledger-compose': { prod: 'source', dev: 'source' },
    'payments-spring': { prod: 'target', dev: 'source' },
    // UPSTREAM_KAFKA names prod's hosts; in dev only the Consul key is left, which the repository does not hold.
    'pricing-nomad': { prod: 'source', dev: 'unknown' },
    'quotes-helm': { prod: 'target', dev: 'source' },
    'topics-terraform': { prod: 'source', dev: 'target' },
  });
});

test('migrate edits only the defining literals, once however many settings read them; references and assembled parts stay', () => {
  const edits = cutoverEdits(analysis, { services: ['ledger-compose', 'topics-terraform'], env: 'prod' }, 'migrate');
  const byFile = Object.fromEntries(
    [...edits.byFile].map(([file, list]) => [file, list.map((e) => `${e.range.start.line}:${e.range.start.column} ${e.newText}`)]),
  );
  assert.deepEqual(byFile, {
    // Read by REGISTRY_BOOTSTRAP_SERVERS and KAFKA_BOOTSTRAP_SERVERS: one edit.
    'services/ledger-compose/.env': [`1:9 ${PROD_MSK}`],
    // Read by the provider (through local.kafka_bootstrap) and by the command: one edit.
    'services/topics-terraform/prod.tfvars': [`1:12 ${PROD_MSK}`],
  });
  // KAFKA_HOST is only part of `${KAFKA_HOST}:${KAFKA_PORT}`: skipped, with why.
  assert.deepEqual(
    edits.skipped.map((s) => [`${s.ref.file}:${s.ref.range.start.line}`, s.reason]),
    [
      [
        'services/ledger-compose/ledger.env:1',
        'part of ${KAFKA_HOST}:${KAFKA_PORT} at services/ledger-compose/docker-compose.yml:9: migrate does not rewrite parts of an assembled connection string',
      ],
    ],
  );
  const envText = fs.readFileSync(path.join(dir, 'services/ledger-compose/.env'), 'utf8');
  assert.equal(applyEdits(envText, edits.byFile.get('services/ledger-compose/.env')!), `BROKERS=${PROD_MSK}\n`);
});

test('Helm: {{ .Values.env.X }} against an env: map of the values files (keyed by the variable, as env maps are)', async () => {
  const { dir: repo, analysis: a } = await scanRepo({
    'api/package.json': '{ "name": "api" }\n',
    'api/chart/Chart.yaml': 'name: api\n',
    'api/chart/templates/deployment.yaml':
      'spec:\n  containers:\n    - env:\n        - name: KAFKA_BOOTSTRAP\n          value: {{ .Values.env.KAFKA_BOOTSTRAP | quote }}\n',
    'api/chart/values.yaml': 'env:\n  KAFKA_BOOTSTRAP: ""\n',
    'api/chart/values-prod.yaml': `env:\n  KAFKA_BOOTSTRAP: "${PROD_SRC}"\n`,
  });
  dirs.push(repo);
  const [ref] = a.model.brokerRefs.filter((r) => r.kind === 'indirect');
  assert.deepEqual(
    [ref.file, ref.reads, ref.unresolved],
    ['api/chart/templates/deployment.yaml', [{ kind: 'helm', name: 'env.KAFKA_BOOTSTRAP' }], undefined],
  );
  // The empty base names nothing; prod's value is the one literal the reference reaches.
  assert.deepEqual(resolved(ref), [`prod source ${PROD_SRC} @api/chart/values-prod.yaml:2:21`]);
});

test("placeholder text where the brokers go: the service's state is unknown, never none", async () => {
  const { dir: repo, analysis: a } = await scanRepo({
    'web/Web.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web"></Project>\n',
    'web/appsettings.json': '{ "Kafka": { "BootstrapServers": "<cluster bootstrap servers>" } }\n',
  });
  dirs.push(repo);
  assert.deepEqual(
    a.model.brokerRefs.map((r) => [r.file, r.kind, r.expression, r.reads]),
    [['web/appsettings.json', 'indirect', '<cluster bootstrap servers>', []]],
  );
  assert.deepEqual(
    a.model.services.map((s) => [s.name, s.state]),
    [['web', { default: 'unknown' }]],
  );
});

test('a defining literal the extractor could not tell is a connection string becomes a ref of its own (zero-config)', async () => {
  const { dir: repo, analysis: a } = await scanRepo({
    'svc/package.json': '{ "name": "svc" }\n',
    'svc/docker-compose.yml': 'services:\n  app:\n    environment:\n      KAFKA_BROKERS: $EVENT_BUS\n',
    'svc/.env': 'EVENT_BUS=10.0.4.21:7001\n',
  });
  dirs.push(repo);
  const refs = a.model.brokerRefs.map((r) => [
    r.file,
    r.kind,
    r.key,
    r.cluster,
    r.hosts.map((h) => `${h.host}:${h.port} ${h.range.start.line}:${h.range.start.column}-${h.range.end.column} @${h.offset}`),
  ]);
  assert.deepEqual(refs, [
    // 7001 is no Kafka port and EVENT_BUS no connection key: only the reference says it is a connection string.
    ['svc/.env', 'config', 'EVENT_BUS', 'source', ['10.0.4.21:7001 1:11-25 @10']],
    ['svc/docker-compose.yml', 'indirect', 'KAFKA_BROKERS', 'source', []],
  ]);
  assert.equal(a.model.services[0].state.default, 'source');
});

test('unresolved everywhere: the state is unknown; re-analysis after an edit resolves again', async () => {
  const { dir: repo, workspace } = await scanRepo({
    'kafka-cutover.yaml': fs.readFileSync(path.join(FIXTURE, 'kafka-cutover.yaml'), 'utf8'),
    'services/svc/package.json': '{ "name": "svc" }\n',
    'services/svc/deploy/job.nomad': 'job "svc" {\n  env {\n    KAFKA_BROKERS = "${NOMAD_META_kafka}"\n  }\n}\n',
  });
  dirs.push(repo);
  let model = workspace.analyse().model;
  const [ref] = model.brokerRefs;
  assert.deepEqual(
    [ref.kind, ref.expression, ref.reads, ref.unresolved],
    [
      'indirect',
      '${NOMAD_META_kafka}',
      [{ kind: 'env', name: 'NOMAD_META_kafka' }],
      // Every file of the service that holds settings (package.json's too: its keys are settings).
      { names: ['NOMAD_META_kafka'], lookedIn: ['services/svc/deploy/job.nomad', 'services/svc/package.json'], outside: 'unset' },
    ],
  );
  assert.deepEqual(model.services[0].state, { prod: 'unknown', dev: 'unknown' });
  assert.deepEqual(
    model.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`),
    [
      'services/svc/deploy/job.nomad:3:22 KAFKA_BROKERS reads NOMAD_META_kafka, which is set nowhere in the repository (looked in services/svc/deploy/job.nomad, services/svc/package.json): its cluster is unknown',
    ],
  );
  workspace.update('services/svc/.env.prod', `NOMAD_META_kafka=${PROD_MSK}\n`);
  model = workspace.analyse().model;
  assert.deepEqual(model.services[0].state, { prod: 'target', dev: 'unknown' });
  assert.deepEqual(resolved(model.brokerRefs.find((r) => r.kind === 'indirect')!), [
    `prod target ${PROD_MSK} @services/svc/.env.prod:1:18`,
  ]);
});

test('bad input never throws: broken references read nothing, a nested default is followed, broken YAML is a problem', async () => {
  const { dir: repo, analysis: a } = await scanRepo({
    'svc/package.json': '{ "name": "svc" }\n',
    'svc/.env': 'KAFKA_BROKERS=${BROKEN\nBOOTSTRAP_SERVERS={{ .Values.x\nKAFKA_URL=${A:-${B}}\nB=kafka.corp:9092\n',
    'svc/values.yaml': 'kafka: [unclosed\n',
  });
  dirs.push(repo);
  assert.deepEqual(
    a.model.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity}`),
    ['svc/values.yaml:2:1 warning'],
  );
  // Unclosed `${` and `{{` name nothing: no indirect ref for them. `${A:-${B}}` reads A, else B.
  const refs = a.model.brokerRefs.filter((r) => r.kind === 'indirect');
  assert.deepEqual(
    refs.map((r) => [at(r), r.expression, r.reads]),
    [['svc/.env:3:11-3:21', '${A:-${B}}', [{ kind: 'env', name: 'A', fallback: '${B}' }]]],
  );
  assert.deepEqual(refs[0].resolvesTo, [
    {
      value: 'kafka.corp:9092',
      file: 'svc/.env',
      line: 4,
      column: 3,
      cluster: 'unknown',
      via: 'A from its default at svc/.env:3, then B from svc/.env:4',
    },
  ]);
});

test('Dockerfile ENV reads an ARG, and so does a script of the same service; one edit, at the ARG default', async () => {
  const { dir: repo, analysis: a } = await scanRepo({
    'kafka-cutover.yaml': fs.readFileSync(path.join(FIXTURE, 'kafka-cutover.yaml'), 'utf8'),
    'services/svc/package.json': '{ "name": "svc" }\n',
    'services/svc/Dockerfile': `FROM node:20\nARG UPSTREAM=${DEV_SRC}\nENV KAFKA_BROKERS=\${UPSTREAM}\n`,
    'services/svc/scripts/topics.sh': '#!/bin/sh\nkafka-topics.sh --bootstrap-server "$UPSTREAM" --list\n',
  });
  dirs.push(repo);
  const refs = a.model.brokerRefs.map((r) => [at(r), r.kind, r.expression ?? r.parts.map((p) => p.text).join(','), resolved(r)]);
  assert.deepEqual(refs, [
    ['services/svc/Dockerfile:2:14-2:43', 'config', DEV_SRC, []],
    ['services/svc/Dockerfile:3:19-3:30', 'indirect', '${UPSTREAM}', [`dev source ${DEV_SRC} @services/svc/Dockerfile:2:14`]],
    ['services/svc/scripts/topics.sh:2:37-2:46', 'indirect', '$UPSTREAM', [`dev source ${DEV_SRC} @services/svc/Dockerfile:2:14`]],
  ]);
  const edits = cutoverEdits(a, { services: ['svc'] }, 'migrate');
  assert.deepEqual(
    [...edits.byFile].map(([f, list]) => [f, list.map((e) => `${e.range.start.line}:${e.range.start.column} ${e.newText}`)]),
    [['services/svc/Dockerfile', [`2:14 ${DEV_MSK}`]]],
  );
  assert.deepEqual(edits.skipped, []);
});

test("code-side indirect refs resolve against the same service's config: env names and constants", () => {
  const classifier = new Classifier(parseManifest(fs.readFileSync(path.join(FIXTURE, 'kafka-cutover.yaml'), 'utf8'), 'kafka-cutover.yaml'));
  const span = (line: number, c1: number, c2: number) => ({ start: { line, column: c1 }, end: { line, column: c2 } });
  const code = emptyFacts('svc/main.go', 'go');
  code.settings.push({ file: 'svc/main.go', key: 'defaultBrokers', value: PROD_SRC, range: span(5, 26, 56), offset: 80 });
  const env = emptyFacts('svc/.env.dev', 'dotenv');
  env.settings.push({ file: 'svc/.env.dev', key: 'BROKERS', value: DEV_MSK, range: span(1, 9, 61), offset: 8 });
  const ref = (expression: string, reads: BrokerRef['reads'], line: number): BrokerRef => ({
    file: 'svc/main.go',
    format: 'go',
    kind: 'indirect',
    expression,
    reads,
    offset: line * 100,
    range: span(line, 10, 10 + expression.length),
    parts: [],
    hosts: [],
    cluster: 'unknown',
    service: 'svc',
  });
  const out = resolveIndirect({
    service: 'svc',
    facts: [code, env],
    refs: [
      ref('os.Getenv("BROKERS")', [{ kind: 'env', name: 'BROKERS' }], 9),
      ref('defaultBrokers', [{ kind: 'constant', name: 'defaultBrokers' }], 10),
    ],
    classifier,
    envOf: (file) => classifier.envFromName(file),
  });
  assert.deepEqual(out.problems, []);
  assert.deepEqual(
    out.refs.map((r) => [r.kind, r.expression ?? r.key, r.cluster, r.environment, resolved(r)]),
    [
      // The literals the lookups reach become refs of their own (none was given here), in file order.
      ['code-literal', 'defaultBrokers', 'source', 'prod', []],
      ['indirect', 'os.Getenv("BROKERS")', 'target', undefined, [`dev target ${DEV_MSK} @svc/.env.dev:1:9`]],
      ['indirect', 'defaultBrokers', 'source', undefined, [`prod source ${PROD_SRC} @svc/main.go:5:26`]],
      ['config', 'BROKERS', 'target', 'dev', []],
    ],
  );
  assert.deepEqual(
    out.refs[0].hosts.map((h) => [h.host, h.port, h.offset, h.range]),
    [['kafka1.prod.corp.internal', 9092, 80, span(5, 26, 56)]],
  );
});

test('services named through indirection: migrate then rollback restores every byte; migrating twice changes nothing', async () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-indirection-rt-'));
  dirs.push(repo);
  fs.cpSync(FIXTURE, repo, { recursive: true });
  const read = (rel: string) => fs.readFileSync(path.join(repo, rel), 'utf8');
  const snapshot = () => new Map([...walk(repo)].map((rel) => [rel, read(rel)]));
  const apply = async (direction: 'migrate' | 'rollback') => {
    const a = await new RepositoryIndex(repo).scan();
    // The services that start wholly on the source (rollback would also move refs that began on the target).
    const edits = cutoverEdits(a, { services: ['catalog-kustomize', 'ledger-compose', 'pricing-nomad'] }, direction);
    for (const [file, list] of edits.byFile) fs.writeFileSync(path.join(repo, file), applyEdits(read(file), list));
    return edits.byFile.size;
  };
  const before = snapshot();
  // The kustomize literals (base, prod overlay), the compose .env and default, the Nomad env block.
  assert.equal(await apply('migrate'), 5);
  const migrated = snapshot();
  assert.equal(await apply('migrate'), 0);
  assert.deepEqual(snapshot(), migrated);
  await apply('rollback');
  assert.deepEqual(snapshot(), before);
});

function walk(root: string, rel = ''): string[] {
  return fs.readdirSync(path.join(root, rel), { withFileTypes: true }).flatMap((e) => {
    const child = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? walk(root, child) : [child];
  });
}
