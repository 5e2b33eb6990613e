// The fleet's records and its org-wide plan: decoding never throws, and readiness accounts for
// consumers in other repositories and for consumer groups no repository owns.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planFleet } from '../../../src/core/fleet/plan';
import { decodeRecord, type FleetEntry, type FleetServiceRecord } from '../../../src/core/fleet/record';
import { renderFleet } from '../../../src/core/fleet/render';
import { originUrl, repoIdFromRemote } from '../../../src/core/fleet/repository';
import { overlong, readingOrder } from '../../helpers/fit';

function svc(
  repo: string,
  service: string,
  role: FleetServiceRecord['role'],
  produces: string[],
  consumes: string[],
  prod: FleetServiceRecord['state'][string],
  extra: Partial<FleetServiceRecord> = {},
): FleetEntry {
  return {
    kind: 'service',
    record: {
      version: 1,
      repo,
      service,
      root: `services/${service}`,
      role,
      produces,
      consumes,
      groups: [],
      state: { prod },
      readiness: { prod: { status: 'ready', ready: true, blockedBy: [], unknown: [] } },
      findings: { error: 0, warning: 0, info: 0 },
      commit: null,
      at: '2026-12-01T00:00:00.000Z',
      ...extra,
    },
  };
}

describe('fleet records', () => {
  test('decode: a record, a tombstone, a newer schema, and bytes that are not a record', () => {
    const record = (svc('acme/pay', 'billing', 'consumer', [], ['orders'], 'source') as { record: FleetServiceRecord }).record;
    assert.deepEqual(decodeRecord('acme/pay/billing', JSON.stringify(record)), {
      kind: 'entry',
      key: 'acme/pay/billing',
      entry: { kind: 'service', record },
    });
    assert.deepEqual(decodeRecord('acme/pay/billing', null), { kind: 'tombstone', key: 'acme/pay/billing' });
    assert.deepEqual(decodeRecord('acme/pay/billing', JSON.stringify({ ...record, version: 2 })), {
      kind: 'newer',
      key: 'acme/pay/billing',
      version: 2,
    });
    assert.equal((decodeRecord('k', '{not json') as { reason: string }).reason.startsWith('not JSON'), true);
    assert.deepEqual(decodeRecord('k', '[]'), { kind: 'invalid', key: 'k', reason: 'no `version` field' });
    assert.deepEqual(decodeRecord('other/key', JSON.stringify(record)), {
      kind: 'invalid',
      key: 'other/key',
      reason: 'the key does not match repo/service (acme/pay/billing)',
    });
    assert.deepEqual(decodeRecord('acme/pay/billing', JSON.stringify({ ...record, produces: 'orders' })), {
      kind: 'invalid',
      key: 'acme/pay/billing',
      reason: '`produces`, `consumes` and `groups` must be lists of names',
    });
    assert.deepEqual(decodeRecord('acme/pay/billing', JSON.stringify({ ...record, readiness: null })), {
      kind: 'invalid',
      key: 'acme/pay/billing',
      reason: 'no `readiness`',
    });
  });

  test('repository id from the git remote', () => {
    assert.equal(repoIdFromRemote('git@github.com:acme/payments.git'), 'acme/payments');
    assert.equal(repoIdFromRemote('https://github.com/acme/payments'), 'acme/payments');
    assert.equal(repoIdFromRemote('ssh://git@git.acme.net:2222/platform/orders.git'), 'platform/orders');
    assert.equal(
      originUrl('[core]\n\tbare = false\n[remote "upstream"]\n\turl = x\n[remote "origin"]\n\turl = git@github.com:acme/payments.git\n'),
      'git@github.com:acme/payments.git',
    );
  });
});

describe('the fleet plan', () => {
  const entries: FleetEntry[] = [
    // Repository A: a producer of orders, ready on its own.
    svc('acme/checkout', 'checkout', 'producer', ['orders'], [], 'source'),
    // Repository B: a consumer of orders still on the source, and one already moved.
    svc('acme/fulfilment', 'shipping', 'consumer', [], ['orders'], 'source'),
    svc('acme/fulfilment', 'invoicing', 'consumer', [], ['payments'], 'target'),
    // Repository C: a moved producer of payments (its only consumer moved: fine), and one of audit
    // whose consumer elsewhere is still on the source (a hazard).
    svc('acme/pay', 'payments-api', 'producer', ['payments'], [], 'target'),
    svc('acme/pay', 'audit-writer', 'producer', ['audit'], [], 'target'),
    svc('acme/compliance', 'audit-reader', 'consumer', [], ['audit'], 'source'),
    // Repository D: a producer whose consumer connects through a value set outside its repository.
    svc('acme/geo', 'geo-feed', 'producer', ['geo'], [], 'source'),
    svc('acme/maps', 'map-tiles', 'consumer', [], ['geo'], 'unknown'),
    // A group no repository owns, found live, reads events.
    svc('acme/events', 'events-api', 'producer', ['events'], [], 'source'),
    {
      kind: 'live',
      record: {
        version: 1,
        repo: 'acme/events',
        environment: 'prod',
        unknownConsumers: [{ group: 'fraud-scanner', topic: 'events', hosts: ['10.0.3.17'] }],
        at: '2026-12-01T00:00:00.000Z',
      },
    },
  ];
  const plan = planFleet(entries);

  test('readiness across repositories: blocked by a consumer elsewhere, hazard, unknown, an unknown consumer blocks', () => {
    const v = plan.verdicts.prod!;
    assert.deepEqual(v['acme/checkout/checkout'], {
      status: 'blocked',
      state: 'source',
      blockers: [{ topic: 'orders', by: 'acme/fulfilment/shipping', kind: 'service' }],
      unknown: [],
    });
    assert.equal(v['acme/fulfilment/shipping']!.status, 'ready');
    assert.equal(v['acme/pay/payments-api']!.status, 'moved');
    assert.deepEqual(v['acme/pay/audit-writer'], {
      status: 'hazard',
      state: 'target',
      blockers: [{ topic: 'audit', by: 'acme/compliance/audit-reader', kind: 'service' }],
      unknown: [],
    });
    assert.deepEqual(v['acme/geo/geo-feed'], {
      status: 'unknown',
      state: 'source',
      blockers: [],
      unknown: ['acme/maps/map-tiles consumes geo and its connection is set outside its repository'],
    });
    assert.deepEqual(v['acme/events/events-api'], {
      status: 'blocked',
      state: 'source',
      blockers: [{ topic: 'events', by: 'fraud-scanner', kind: 'unknown-consumer', hosts: ['10.0.3.17'] }],
      unknown: [],
    });
    assert.deepEqual(plan.summary.prod, { onTarget: 3, total: 9, hazards: 1, blocked: 2, unknown: 2 });
    assert.deepEqual(plan.repos, [
      'acme/checkout',
      'acme/compliance',
      'acme/events',
      'acme/fulfilment',
      'acme/geo',
      'acme/maps',
      'acme/pay',
    ]);
  });

  test('a service not moved whose readiness was not published is unknown, never ready', () => {
    const bare = planFleet([svc('a/r', 'x', 'producer', ['t'], [], 'source', { readiness: {} })]);
    assert.deepEqual(bare.verdicts.prod!['a/r/x'], {
      status: 'unknown',
      state: 'source',
      blockers: [],
      unknown: ['a/r: no readiness was published for x in prod'],
    });
  });

  test('a service the repository itself calls unknown stays unknown in the fleet', () => {
    const local = planFleet([
      svc('a/r', 'x', 'producer', ['t'], [], 'source', {
        readiness: { prod: { status: 'unknown', ready: false, blockedBy: [], unknown: ['a file of x failed to parse'] } },
      }),
    ]);
    assert.deepEqual(local.verdicts.prod!['a/r/x'], {
      status: 'unknown',
      state: 'source',
      blockers: [],
      unknown: ['a/r: a file of x failed to parse'],
    });
  });

  test('a cycle across repositories waits for the consumers outside it and moves as one', () => {
    const cyc = planFleet([
      svc('a/one', 'p', 'producer-consumer', ['x'], ['y'], 'source'),
      svc('b/two', 'q', 'producer-consumer', ['y'], ['x'], 'source'),
      svc('c/three', 'r', 'consumer', [], ['y'], 'source'),
    ]);
    assert.deepEqual(cyc.cycles, [['a/one/p', 'b/two/q']]);
    assert.deepEqual(cyc.verdicts.prod!['a/one/p']!.blockers, [{ topic: 'y', by: 'c/three/r', kind: 'service' }]);
    assert.equal(cyc.verdicts.prod!['b/two/q']!.status, 'blocked');
  });

  test('a chain of 20,000 services across repositories plans without running out of stack', () => {
    const chain: FleetEntry[] = Array.from({ length: 20_000 }, (_, i) =>
      svc(`r/${i}`, 's', 'producer-consumer', [`t${i}`], i ? [`t${i - 1}`] : [], 'source'),
    );
    const deep = planFleet(chain);
    assert.equal(deep.order.length, 20_000);
    // The last consumer moves first: dependencies come first in the order.
    assert.deepEqual(deep.order[0], ['r/19999/s']);
    assert.deepEqual(deep.verdicts.prod!['r/0/s']!.blockers, [{ topic: 't0', by: 'r/1/s', kind: 'service' }]);
  });

  test('renders the summary line, the table, CSV and Markdown', () => {
    const table = renderFleet(plan, 'table');
    assert.equal(table.split('\n')[0], '3 / 9 on MSK · prod · 7 repositories · 1 hazard, 2 blocked, 2 unknown');
    assert.match(
      table,
      /\n  acme\/checkout\n    checkout\s+producer\s+w3  source   blocked · waits for acme\/fulfilment\/shipping \(orders\)\n/,
    );
    assert.match(
      table,
      /audit-writer\s+producer\s+w3  target   HAZARD: moved before its consumers · ahead of acme\/compliance\/audit-reader \(audit\)/,
    );
    assert.match(table, /events-api\s+producer\s+w3  source   blocked · waits for group fraud-scanner at 10\.0\.3\.17 \(events\)/);
    const csv = renderFleet(plan, 'csv').split('\n');
    assert.equal(csv[0], 'repository,service,environment,role,wave,state,status,blockers,commit,at');
    assert.equal(
      csv[1],
      'acme/checkout,checkout,prod,producer,3,source,blocked,waits for acme/fulfilment/shipping (orders),,2026-12-01T00:00:00.000Z',
    );
    assert.match(renderFleet(plan, 'markdown'), /^## 3 \/ 9 on MSK · prod/);
    assert.deepEqual(JSON.parse(renderFleet(plan, 'json', ['w'])).warnings, ['w']);
  });
});

describe('the fleet table fits the width', () => {
  // Long repository and service names, a group no repository owns, a warning: the table `fleet` prints.
  const plan = planFleet([
    svc(
      'grid-operations/dispatch-and-demand-response',
      'dispatch-planner',
      'producer-consumer',
      ['dispatch.commands.priority-high'],
      ['der.telemetry.battery-state'],
      'source',
    ),
    svc('grid-operations/der-integration', 'battery-telemetry-bridge', 'producer', ['der.telemetry.battery-state'], [], 'source'),
    svc('metering/meter-data-platform', 'reading-validator', 'consumer', [], ['dispatch.commands.priority-high'], 'source'),
    svc('customer/customer-portal', 'customer-portal-feed', 'consumer', [], ['dispatch.commands.priority-high'], 'unknown'),
    svc('billing/settlement', 'billing-settlement', 'consumer', [], ['billing.settlements'], 'target'),
    {
      kind: 'live',
      record: {
        version: 1,
        repo: 'grid-operations/der-integration',
        environment: 'prod',
        unknownConsumers: [
          {
            group: 'fraud-analytics.nightly-batch.meter-readings-consumer',
            topic: 'der.telemetry.battery-state',
            hosts: ['10.31.7.201', '10.31.7.202'],
          },
        ],
        at: '2026-12-01T00:00:00.000Z',
      },
    },
  ]);
  const warnings = [
    'a record of metering/legacy-meter-importer/meter-importer has schema version 2, newer than this kafka-cutover reads: skipped',
  ];
  const render = (width?: number) => renderFleet(plan, 'table', warnings, width).trimEnd().split('\n');
  /** Service rows (and their continuation lines) are indented by four; repositories by two. */
  const read = (lines: readonly string[]) => readingOrder(lines, (line) => line.startsWith('    '));

  test('at 120 and 60 columns no line is longer, and nothing of the --wide table is lost', () => {
    const wide = render();
    assert.deepEqual(
      wide.map((l) => l.length).filter((n) => n > 120),
      [163, 261, 162, 133],
    );
    for (const width of [120, 60]) {
      const lines = render(width);
      assert.deepEqual(overlong(lines, width), [], `width ${width}`);
      assert.equal(read(lines), read(wide), `width ${width}`);
    }
    // 120: the why wraps in its column; the columns before it keep their width.
    const at120 = render(120);
    const der = at120.indexOf('  grid-operations/der-integration');
    assert.deepEqual(at120.slice(der, der + 6), [
      '  grid-operations/der-integration',
      '    battery-telemetry-bridge  producer           w3  source   blocked · waits for group',
      '                                                              fraud-analytics.nightly-batch.meter-readings-consumer at',
      '                                                              10.31.7.201,10.31.7.202, grid-operations/',
      '                                                              dispatch-and-demand-response/dispatch-planner',
      '                                                              (der.telemetry.battery-state)',
    ]);
    assert.deepEqual(at120.slice(-2), [
      'warning: a record of metering/legacy-meter-importer/meter-importer has schema version 2, newer than this kafka-cutover',
      '  reads: skipped',
    ]);
    // 60: names break after their hyphens, the why keeps 20 columns.
    const at60 = render(60);
    const dispatch = at60.indexOf('  grid-operations/dispatch-and-demand-response');
    assert.deepEqual(at60.slice(dispatch, dispatch + 7), [
      '  grid-operations/dispatch-and-demand-response',
      '    dispatch-   producer-  w2  source   blocked · waits for',
      '    planner     consumer                metering/',
      '                                        meter-data-platform/',
      '                                        reading-validator',
      '                                        (dispatch.commands.',
      '                                        priority-high)',
    ]);
    // CSV, JSON and Markdown are not for a terminal: the width changes nothing.
    for (const format of ['csv', 'json', 'markdown'] as const)
      assert.equal(renderFleet(plan, format, warnings, 60), renderFleet(plan, format, warnings), format);
  });

  test('a small case exactly, at 60 columns', () => {
    const small = planFleet([
      svc('acme/checkout', 'checkout', 'producer', ['orders'], [], 'source'),
      svc('acme/fulfilment', 'shipping', 'consumer', [], ['orders'], 'source'),
    ]);
    assert.deepEqual(renderFleet(small, 'table', [], 60).split('\n'), [
      '0 / 2 on MSK · prod · 2 repositories · 1 blocked',
      '',
      '  acme/checkout',
      '    checkout  producer  w3  source  blocked · waits for',
      '                                    acme/fulfilment/shipping',
      '                                    (orders)',
      '',
      '  acme/fulfilment',
      '    shipping  consumer  w1  source  ready',
      '',
    ]);
    assert.equal(
      renderFleet(small, 'table').split('\n')[3],
      '    checkout  producer  w3  source  blocked · waits for acme/fulfilment/shipping (orders)',
    );
  });
});
