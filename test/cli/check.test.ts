// `kafka-cutover check --format table` fits the terminal: rendered from the checks' result objects (no
// cluster is started), at 120 columns (no terminal), at 60, and with --wide (one line per row).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderCheckTable } from '../../src/cli/commands/check';
import type { CheckResult, LiveFinding } from '../../src/live/checks/types';
import type { TopicRow } from '../../src/live/checks/topics';
import type { ClientsResults } from '../../src/live/checks/clients';
import type { GroupLag } from '../../src/live/checks/lag';
import { overlong, readingOrder } from '../helpers/fit';

const ROOT = '/work/grid-platform';
const range = (line: number, column: number) => ({ start: { line, column }, end: { line, column: column + 10 } });
const shape = (partitions: number, replicationFactor: number) => ({ partitions, replicationFactor, configs: {} });

const topics: CheckResult<TopicRow[]> = {
  check: 'topics',
  environment: 'prod',
  results: [
    { topic: 'meter.readings.raw', declared: true, target: shape(12, 3), source: shape(12, 3), drift: [] },
    {
      topic: 'billing-settlement.settlements.dead-letter-0',
      declared: true,
      target: shape(3, 2),
      source: shape(6, 3),
      drift: [
        'partitions: declared 6, target 3',
        'replication factor: declared 3, target 2',
        'retention.ms: declared 604800000, target 86400000',
      ],
    },
    { topic: 'grid-operations.dispatch.commands.priority-high', declared: false, target: null, source: shape(8, 3), drift: [] },
  ],
  findings: [
    {
      check: 'topics',
      severity: 'warning',
      environment: 'prod',
      cluster: 'target',
      topic: 'billing-settlement.settlements.dead-letter-0',
      message:
        'topic billing-settlement.settlements.dead-letter-0 on the target differs from Terraform: partitions: declared 6, target 3; replication factor: declared 3, target 2; retention.ms: declared 604800000, target 86400000',
      file: 'infra/terraform/modules/kafka-topics/billing-settlement/dead-letter.tf',
      range: range(14, 3),
    },
    {
      check: 'topics',
      severity: 'error',
      environment: 'prod',
      cluster: 'target',
      topic: 'grid-operations.dispatch.commands.priority-high',
      message:
        'topic grid-operations.dispatch.commands.priority-high does not exist on the target in prod (used by dispatch-planner, dr-event-coordinator), and the target does not auto-create topics: declare it (kafka_topic) or let MirrorMaker 2 create it',
      file: 'services/dispatch-planner/src/main/resources/application-prod.yml',
      range: range(22, 17),
    },
  ],
};

const member = (clientId: string, host: string) => ({ clientId, host, topics: [] });
const clients: CheckResult<ClientsResults> = {
  check: 'clients',
  environment: 'prod',
  results: {
    groups: [
      {
        cluster: 'source',
        group: 'billing-settlement',
        state: 'Stable',
        protocolType: 'consumer',
        service: 'billing-settlement',
        members: [member('billing-settlement-0', '10.20.4.17'), member('billing-settlement-1', '10.20.4.18')],
        topics: ['billing.settlements', 'billing-settlement.settlements.dead-letter-0', 'tariff.updates'],
        committed: {},
      },
      {
        cluster: 'source',
        group: 'fraud-analytics.nightly-batch.meter-readings-consumer',
        state: 'Stable',
        protocolType: 'consumer',
        service: null,
        members: [
          member('spark-executor-1', '10.31.7.201'),
          member('spark-executor-2', '10.31.7.201'),
          member('spark-executor-3', '10.31.7.202'),
        ],
        topics: ['meter.readings.raw', 'meter.readings.enriched', 'grid-operations.dispatch.commands.priority-high'],
        committed: {},
      },
    ],
  },
  findings: [
    {
      check: 'clients',
      rule: 'unknown-consumer',
      severity: 'error',
      environment: 'prod',
      cluster: 'source',
      group: 'fraud-analytics.nightly-batch.meter-readings-consumer',
      topic: 'meter.readings.raw',
      hosts: ['10.31.7.201', '10.31.7.202'],
      message:
        'group fraud-analytics.nightly-batch.meter-readings-consumer (3 members on 10.31.7.201, 10.31.7.202, client id spark-executor-1, spark-executor-2, spark-executor-3) reads meter.readings.raw on the source in prod, and no scanned service owns it: meter-gateway, meter-replay must not move to the target before it does (it would stop seeing their records)',
    },
  ],
};

const render = (results: Array<CheckResult<unknown>>, width?: number) => renderCheckTable(results, ROOT, ROOT, width).trimEnd().split('\n');
/** The table lines: from a check's title line to its first finding or the blank line after it. */
const tableLines = (lines: readonly string[]) => {
  const table = new Set<number>();
  let inside = false;
  lines.forEach((line, i) => {
    if (line === '' || /^  (error|warning|info): /.test(line)) inside = false;
    else if (inside) table.add(i);
    else if (/^\S.*: \w+$/.test(line) && !/ errors, /.test(line)) inside = true;
  });
  return (_: string, i: number) => table.has(i);
};
const read = (lines: readonly string[]) => readingOrder(lines, tableLines(lines));

test('check (table) fits 120 and 60 columns: table cells and findings wrap, nothing is lost against --wide', () => {
  const results = [topics, clients] as Array<CheckResult<unknown>>;
  const wide = render(results);
  assert.equal(wide.length, 15);
  assert.deepEqual(
    wide.map((l) => l.length).filter((n) => n > 120),
    [204, 302, 322, 129, 202, 213, 360],
  );
  for (const width of [120, 60]) {
    const lines = render(results, width);
    assert.deepEqual(overlong(lines, width), [], `width ${width}`);
    assert.ok(
      lines.some((l) => l.length > width - 4),
      `width ${width}: the room is used`,
    );
    assert.equal(read(lines), read(wide), `width ${width}`);
  }
  // 120 columns: the drift column gives way first; the topic names, the identifiers, stay whole.
  const at120 = render(results, 120);
  assert.deepEqual(at120.slice(0, 11), [
    'prod: topics',
    '  topic                                            declared  target   source   drift',
    '  meter.readings.raw                               yes       12p rf3  12p rf3  -',
    '  billing-settlement.settlements.dead-letter-0     yes       3p rf2   6p rf3   partitions: declared 6, target 3;',
    '                                                                               replication factor: declared 3, target 2;',
    '                                                                               retention.ms: declared 604800000, target',
    '                                                                               86400000',
    '  grid-operations.dispatch.commands.priority-high  no        MISSING  8p rf3   -',
    // A finding keeps its place and message; continuation lines hang under the severity.
    '  warning: infra/terraform/modules/kafka-topics/billing-settlement/dead-letter.tf:14:3: topic',
    '    billing-settlement.settlements.dead-letter-0 on the target differs from Terraform: partitions: declared 6, target 3;',
    '    replication factor: declared 3, target 2; retention.ms: declared 604800000, target 86400000',
  ]);
  // The clients table has three long columns: the list wraps first, then group and members narrow; a list
  // breaks after its commas, a group name after its dots.
  const clientsAt = at120.indexOf('prod: clients');
  assert.deepEqual(at120.slice(clientsAt, clientsAt + 10), [
    'prod: clients',
    '  cluster  group                    state   service             members                   topics',
    '  source   billing-settlement       Stable  billing-settlement  1@10.20.4.17              billing.settlements,',
    '                                                                1@10.20.4.18              billing-settlement.',
    '                                                                                          settlements.dead-letter-0,',
    '                                                                                          tariff.updates',
    '  source   fraud-analytics.         Stable  UNKNOWN             2@10.31.7.201             meter.readings.raw,',
    '           nightly-batch.                                       1@10.31.7.202             meter.readings.enriched,',
    '           meter-readings-consumer                                                        grid-operations.dispatch.',
    '                                                                                          commands.priority-high',
  ]);
  assert.equal(render(results, 60).at(-1), '2 errors, 1 warnings, 0 notes');
});

test('check (table), a small case exactly: the lag table at 60 columns and with --wide', () => {
  const lag: CheckResult<GroupLag[]> = {
    check: 'lag',
    environment: 'dev',
    results: [
      {
        service: 'reading-enricher',
        group: 'reading-enricher.meter-readings',
        cluster: 'source',
        committed: true,
        partitions: [{ topic: 'meter.readings.raw', partition: 0, endOffset: 40_210, committed: 27_998, lag: 12_212 }],
        totalLag: 12_212,
        targetPartitionsWithOffsets: 0,
      },
    ],
    findings: [
      {
        check: 'lag',
        rule: 'consumer-lagging',
        severity: 'warning',
        environment: 'dev',
        cluster: 'source',
        group: 'reading-enricher.meter-readings',
        message: 'group reading-enricher.meter-readings is 12212 records behind on the source (threshold 10000)',
        file: 'services/reading-enricher/deploy/values-dev.yaml',
        range: range(9, 14),
      } satisfies LiveFinding,
    ],
  };
  const wide = render([lag]);
  assert.deepEqual(wide, [
    'dev: lag',
    '  service           group                            cluster  partitions  lag    offsets on target',
    '  reading-enricher  reading-enricher.meter-readings  source   1           12212  none',
    '  warning: services/reading-enricher/deploy/values-dev.yaml:9:14: group reading-enricher.meter-readings is 12212 records behind on the source (threshold 10000)',
    '',
    '0 errors, 1 warnings, 0 notes',
  ]);
  // 120 columns hold the table; the finding wraps under its severity.
  assert.deepEqual(render([lag], 120).slice(1, 5), [
    wide[1],
    wide[2],
    '  warning: services/reading-enricher/deploy/values-dev.yaml:9:14: group reading-enricher.meter-readings is 12212 records',
    '    behind on the source (threshold 10000)',
  ]);
  // 60: the names break after their hyphens and dots, never inside a word; the numbers keep their column.
  const narrow = render([lag], 60);
  assert.deepEqual(narrow, [
    'dev: lag',
    '  service   group      cluster  partitions  lag    offsets',
    '                                                   on target',
    '  reading-  reading-   source   1           12212  none',
    '  enricher  enricher.',
    '            meter-',
    '            readings',
    '  warning: services/reading-enricher/deploy/values-dev.',
    '    yaml:9:14: group reading-enricher.meter-readings is',
    '    12212 records behind on the source (threshold 10000)',
    '',
    '0 errors, 1 warnings, 0 notes',
  ]);
  assert.equal(read(narrow), read(wide));
});
