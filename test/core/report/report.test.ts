import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildReport, renderReport, RULE_DOCS, rulesMarkdown } from '../../../src/core/report';
import { csvField } from '../../../src/core/report/csv';
import { relativeUri } from '../../../src/core/report/sarif';
import { RULES } from '../../../src/core/rules';
import type { JsonReport } from '../../../src/core/report';
import { fixture } from './fixture';

/** Readiness per environment in one word (with the blockers). */
function brief(readiness: JsonReport['services'][number]['readiness']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(readiness).map(([env, r]) => [env, r.status === 'blocked' ? `blocked by ${r.blockedBy.join(', ')}` : r.status]),
  );
}

function report(): JsonReport {
  const { model, plan, findings } = fixture();
  return buildReport(model, plan, findings);
}

describe('buildReport', () => {
  it('orders services by wave then name, with state for every environment and readiness only where not moved', () => {
    assert.deepEqual(
      report().services.map((s) => [s.name, s.wave, s.state, brief(s.readiness), s.status]),
      [
        ['audit', 1, { prod: 'target', staging: 'source' }, { staging: 'ready' }, { prod: 'moved', staging: 'ready' }],
        [
          'billing',
          2,
          { prod: 'source', staging: 'mixed' },
          { prod: 'ready-after-fixes', staging: 'blocked by audit' },
          { prod: 'ready-after-fixes', staging: 'mixed' },
        ],
        ['orders-api', 3, { prod: 'source', staging: 'none' }, { prod: 'blocked by billing' }, { prod: 'blocked', staging: 'absent' }],
      ],
    );
    // Ready after fixes is never ready; the fix names its place and the flag that applies it.
    const billing = report().services.find((s) => s.name === 'billing')!;
    assert.equal(billing.readiness.prod.ready, false);
    assert.deepEqual(billing.readiness.prod.fixes, [
      {
        rule: 'topic-not-in-terraform',
        service: 'billing',
        message: 'topic "invoices" is not declared',
        file: 'services/billing/src/kafka.ts',
        line: 9,
        column: 3,
        flag: '--add-topics',
      },
    ]);
  });

  it('flattens refs, topics and findings into positions, with null for unknown values', () => {
    const rep = report();
    assert.deepEqual(rep.brokerRefs, [
      {
        file: 'services/audit/values.yaml',
        line: 3,
        column: 7,
        endLine: 4,
        endColumn: 20,
        value: 'b-1.msk:9094,b-2.msk:9094',
        cluster: 'target',
        environment: 'prod',
        service: 'audit',
        key: 'brokers',
        kind: 'config',
        inferred: false,
      },
      {
        file: 'services/billing/src/kafka.ts',
        line: 4,
        column: 40,
        endLine: 4,
        endColumn: 70,
        value: 'kafka1.old:9092, kafka2.old:9092',
        cluster: 'source',
        environment: null,
        service: 'billing',
        key: 'KAFKA_BROKERS',
        kind: 'code-default',
        inferred: false,
      },
    ]);
    assert.deepEqual(rep.topics, [
      { name: 'invoices', declared: false, file: null, line: null, producers: ['billing'], consumers: ['audit'] },
      { name: 'orders', declared: true, file: 'infra/topics.tf', line: 3, producers: ['orders-api'], consumers: ['audit', 'billing'] },
    ]);
    assert.deepEqual(
      rep.findings.map((f) => [f.file, f.line, f.rule, f.service, f.environment, 'topic' in f ? f.topic : '(none)']),
      [
        ['services/billing/.env.staging', 1, 'mixed-clusters', 'billing', 'staging', '(none)'],
        ['services/billing/src/kafka.ts', 4, 'legacy-broker', 'billing', null, '(none)'],
        ['services/billing/src/kafka.ts', 9, 'topic-not-in-terraform', 'billing', null, 'invoices'],
      ],
    );
    assert.deepEqual(rep.problems, [{ file: 'deploy/broken.yaml', line: 2, column: 5, severity: 'warning', message: 'bad indentation' }]);
    assert.deepEqual(rep.skipped, [{ file: 'dump.bin', reason: 'binary' }]);
    assert.deepEqual([rep.version, rep.environments, rep.order, rep.cycles], [1, ['prod', 'staging'], [['billing']], []]);
  });

  it('does not depend on the input order', () => {
    const { model, plan, findings } = fixture();
    const shuffled = {
      ...model,
      services: [...model.services].reverse(),
      brokerRefs: [...model.brokerRefs].reverse(),
      topics: [...model.topics].reverse(),
    };
    assert.equal(renderReport(buildReport(shuffled, plan, [...findings].reverse()), 'json'), renderReport(report(), 'json'));
  });
});

describe('renderReport', () => {
  it('json is the report itself, and one environment narrows it', () => {
    assert.deepEqual(JSON.parse(renderReport(report(), 'json')), report());
    const prod = JSON.parse(renderReport(report(), 'json', { env: 'prod' })) as JsonReport;
    assert.deepEqual(prod.environments, ['prod']);
    assert.deepEqual(
      prod.services.map((s) => [s.name, s.state, Object.keys(s.readiness)]),
      [
        ['audit', { prod: 'target' }, []],
        ['billing', { prod: 'source' }, ['prod']],
        ['orders-api', { prod: 'source' }, ['prod']],
      ],
    );
    assert.deepEqual(
      prod.findings.map((f) => f.rule),
      ['legacy-broker', 'topic-not-in-terraform'],
    );
  });

  it('csv has one row per service and environment', () => {
    assert.equal(
      renderReport(report(), 'csv'),
      [
        'service,environment,role,wave,state,ready,blocked_by,produces,consumes,findings,status,unknown,fixes',
        'audit,prod,consumer,1,target,,,,invoices;orders,0,moved,,',
        'audit,staging,consumer,1,source,true,,,invoices;orders,0,ready,,',
        'billing,prod,producer-consumer,2,source,false,,invoices,orders,2,ready-after-fixes,,topic-not-in-terraform@services/billing/src/kafka.ts:9',
        'billing,staging,producer-consumer,2,mixed,false,audit,invoices,orders,3,mixed,,topic-not-in-terraform@services/billing/src/kafka.ts:9',
        'orders-api,prod,producer,3,source,false,billing,orders,,0,blocked,,',
        'orders-api,staging,producer,3,none,,,orders,,0,absent,,',
        '',
      ].join('\r\n'),
    );
  });

  it('csv quotes fields as RFC 4180 says', () => {
    assert.deepEqual(['plain', 'a,b', 'say "hi"', 'two\nlines', ''].map(csvField), ['plain', '"a,b"', '"say ""hi"""', '"two\nlines"', '']);
  });

  it('table aligns columns and lists findings as file:line:col', () => {
    assert.equal(
      renderReport(report(), 'table'),
      `prod: 1 / 3 services on MSK · 1 ready after fixes
staging: 0 / 2 services on MSK

Wave 1 · consumers
  SERVICE  ROLE      PROD    STAGING  NEXT
  audit    consumer  target  source   staging: ready

Wave 2 · producer-consumers
  SERVICE  ROLE               PROD    STAGING  NEXT
  billing  producer-consumer  source  mixed    prod: ready after fixes: topic-not-in-terraform (--add-topics); staging: names both clusters; blocked by audit

Wave 3 · producers
  SERVICE     ROLE      PROD    STAGING  NEXT
  orders-api  producer  source  none     prod: blocked by billing

Findings
  services/billing/.env.staging:1:15  warning  mixed-clusters          billing names both clusters in staging
  services/billing/src/kafka.ts:4:40  warning  legacy-broker           names the old cluster, a|b
  services/billing/src/kafka.ts:9:3   error    topic-not-in-terraform  topic "invoices" is not declared

Problems reading files
  deploy/broken.yaml:2:5  warning  bad indentation

3 findings (1 error, 2 warnings, 0 info) · 1 problem · 1 file skipped
`,
    );
  });

  it('table colours only when asked, without moving the columns', () => {
    const plain = renderReport(report(), 'table');
    const coloured = renderReport(report(), 'table', { color: true });
    assert.ok(!plain.includes('\u001b['));
    assert.ok(coloured.includes('\u001b[32mtarget\u001b[0m'));
    assert.ok(coloured.includes('\u001b[31merror\u001b[0m'));
    // eslint-disable-next-line no-control-regex
    assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), plain);
  });

  it('markdown summarises per environment, tabulates per wave and groups findings by rule', () => {
    const md = renderReport(report(), 'markdown', { env: 'staging' });
    assert.equal(
      md,
      `# Kafka cutover

- staging: 0 / 2 services on MSK

## Wave 1 · consumers

| Service | Root | Role | staging | Next |
| --- | --- | --- | --- | --- |
| audit | \`services/audit\` | consumer | source | ready |

## Wave 2 · producer-consumers

| Service | Root | Role | staging | Next |
| --- | --- | --- | --- | --- |
| billing | \`services/billing\` | producer-consumer | mixed | names both clusters; blocked by audit |

## Wave 3 · producers

| Service | Root | Role | staging | Next |
| --- | --- | --- | --- | --- |
| orders-api | \`services/orders-api\` | producer | none |  |

## Findings

### legacy-broker (1)

**${RULE_DOCS['legacy-broker'].title}.** ${RULE_DOCS['legacy-broker'].summary}

- \`services/billing/src/kafka.ts:4:40\` (warning, billing) names the old cluster, a\\|b

### mixed-clusters (1)

**${RULE_DOCS['mixed-clusters'].title}.** ${RULE_DOCS['mixed-clusters'].summary}

- \`services/billing/.env.staging:1:15\` (warning, billing, staging) billing names both clusters in staging

### topic-not-in-terraform (1)

**${RULE_DOCS['topic-not-in-terraform'].title}.** ${RULE_DOCS['topic-not-in-terraform'].summary}

- \`services/billing/src/kafka.ts:9:3\` (error, billing) topic "invoices" is not declared

## Problems reading files

- \`deploy/broken.yaml:2:5\` (warning) bad indentation

3 findings (1 error, 2 warnings, 0 info) · 1 problem · 1 file skipped
`,
    );
  });

  it('sarif: one run, a descriptor per rule, results with relative locations', () => {
    const sarif = JSON.parse(renderReport(report(), 'sarif'));
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs.length, 1);
    const driver = sarif.runs[0].tool.driver;
    assert.equal(driver.name, 'kafka-cutover');
    assert.deepEqual(
      driver.rules.map((r: { id: string }) => r.id),
      [
        'auth-port-mismatch',
        'legacy-broker',
        'mixed-clusters',
        'offset-reset-not-earliest',
        'producer-before-consumers',
        'security-protocol-mismatch',
        'topic-not-in-terraform',
        'topic-not-mirrored',
      ],
    );
    assert.deepEqual(driver.rules[1], {
      id: 'legacy-broker',
      name: 'LegacyBroker',
      shortDescription: { text: RULE_DOCS['legacy-broker'].title },
      fullDescription: { text: RULE_DOCS['legacy-broker'].summary },
      helpUri: 'https://github.com/kafka-cutover/kafka-cutover/blob/main/docs/rules.md#legacy-broker',
      defaultConfiguration: { level: 'warning' },
    });
    assert.deepEqual(sarif.runs[0].results[2], {
      ruleId: 'topic-not-in-terraform',
      ruleIndex: 6,
      level: 'error',
      message: { text: 'topic "invoices" is not declared' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'services/billing/src/kafka.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 9, startColumn: 3, endLine: 9, endColumn: 13 },
          },
        },
      ],
    });
    assert.deepEqual(
      sarif.runs[0].results.map((r: { level: string }) => r.level),
      ['warning', 'warning', 'error'],
    );
    assert.equal(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text, 'bad indentation');
  });

  it('sarif uris encode what a URI cannot hold', () => {
    assert.equal(relativeUri('my dir/a#b/100%.env'), 'my%20dir/a%23b/100%25.env');
  });
});

describe('RULE_DOCS', () => {
  it('documents every rule with one sentence and the rule’s own default severity', () => {
    assert.deepEqual(Object.keys(RULE_DOCS).sort(), RULES.map((r) => r.id).sort());
    for (const rule of RULES) {
      const doc = RULE_DOCS[rule.id];
      assert.equal(doc.severity, rule.defaultSeverity, rule.id);
      assert.match(doc.summary, /^[A-Z][^]*\.$/, rule.id);
      assert.equal(doc.summary.split(/\.\s+[A-Z]/).length, 1, `${rule.id}: one sentence`);
    }
  });

  it('rules.md has an anchor per rule for the SARIF help links', () => {
    const md = rulesMarkdown();
    for (const id of Object.keys(RULE_DOCS)) assert.ok(md.includes(`\n## ${id}\n`), id);
  });
});
