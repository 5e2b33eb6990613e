// The text tables shared by `kafka-cutover check` and the editor's output channel. Pure rendering:
// no cluster is started.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CheckResult, LiveFinding } from '../../src/live/checks/types';
import type { MirrorResults } from '../../src/live/checks/mirror';
import type { GroupLag } from '../../src/live/checks/lag';
import type { SideReach } from '../../src/live/checks/connect';
import { countFindings, findingLine, resultTable } from '../../src/live/render';

const result = <T>(check: CheckResult<T>['check'], results: T): CheckResult<unknown> => ({
  check,
  environment: 'prod',
  results,
  findings: [],
});

test('resultTable: mirror shows end offsets per side, a topic not mirrored, and the MM2 topics', () => {
  const mirror: MirrorResults = {
    topics: [
      {
        topic: 'orders',
        mirrored: true,
        inRepository: true,
        lag: 3,
        partitions: [
          { partition: 0, sourceEnd: 10, targetEnd: 8, lag: 2 },
          { partition: 1, sourceEnd: 5, targetEnd: 4, lag: 1 },
        ],
      },
      {
        topic: 'audit',
        mirrored: false,
        inRepository: true,
        lag: 7,
        partitions: [{ partition: 0, sourceEnd: 7, targetEnd: null, lag: 7 }],
      },
    ],
    internals: {
      heartbeatsOnTarget: true,
      checkpointTopicsOnTarget: ['old.checkpoints.internal'],
      offsetSyncTopicsOnSource: [],
      misplaced: [],
    },
    totalLag: 10,
  };
  assert.deepEqual(resultTable(result('mirror', mirror)), [
    '  topic   partitions  source end  target end    lag',
    '  orders  2           15          12            3',
    '  audit   1           7           NOT MIRRORED  7',
    '  MM2 topics: heartbeats on target yes; checkpoints on target: old.checkpoints.internal; offset syncs on source: none',
  ]);
});

test('resultTable: lag counts partitions and says when a group has no commits or no offsets on the target', () => {
  const lag: GroupLag[] = [
    {
      service: 'billing',
      group: 'billing-svc',
      cluster: 'source',
      committed: true,
      partitions: [{ topic: 'orders', partition: 0, endOffset: 9, committed: 4, lag: 5 }],
      totalLag: 5,
      targetPartitionsWithOffsets: 1,
    },
    {
      service: 'reporting',
      group: 'reporting-svc',
      cluster: 'source',
      committed: false,
      partitions: [],
      totalLag: 0,
      targetPartitionsWithOffsets: 0,
    },
  ];
  assert.deepEqual(resultTable(result('lag', lag)), [
    '  service    group          cluster  partitions  lag         offsets on target',
    '  billing    billing-svc    source   1           5           1 partitions',
    '  reporting  reporting-svc  source   0           NO COMMITS  none',
  ]);
});

test('resultTable: connect shows brokers reached and a failed login in capitals', () => {
  const connect: SideReach[] = [
    {
      side: 'target',
      auth: 'iam',
      ok: false,
      brokers: [
        { broker: 'b-1:9098', ok: true },
        { broker: 'b-2:9098', ok: false },
      ],
      login: { ok: false },
    },
  ];
  assert.deepEqual(resultTable(result('connect', connect)), [
    '  cluster  auth  brokers reached  login',
    '  target   iam   1/2              FAILED',
  ]);
});

test('findingLine: the location only when the finding has a file and a range; the caller may show the file its own way', () => {
  const range = { start: { line: 3, column: 5 }, end: { line: 3, column: 9 } };
  const placed: LiveFinding = {
    check: 'lag',
    severity: 'warning',
    environment: 'prod',
    message: 'no commits',
    file: 'svc/app.yaml',
    range,
  };
  assert.equal(findingLine(placed), '  warning: svc/app.yaml:3:5: no commits');
  assert.equal(findingLine(placed, 'repo/svc/app.yaml'), '  warning: repo/svc/app.yaml:3:5: no commits');
  assert.equal(findingLine({ ...placed, range: undefined }), '  warning: no commits');
  assert.equal(findingLine(placed, undefined), '  warning: svc/app.yaml:3:5: no commits');
  assert.deepEqual(countFindings([placed, { ...placed, severity: 'error' }, { ...placed, severity: 'info' }, placed]), {
    errors: 1,
    warnings: 2,
    notes: 1,
  });
});
