// A small fleet for report tests: three services, two environments, a few refs and findings.
import type { Finding, Model, Plan, Range, Readiness } from '../../../src/core/model/types';
import { model as emptyModel } from '../../helpers/model';
import { settleVerdicts } from '../../../src/core/plan/verdicts';

export const r = (line: number, column: number, endLine: number, endColumn: number): Range => ({
  start: { line, column },
  end: { line: endLine, column: endColumn },
});

export function fixture(): { model: Model; plan: Plan; findings: Finding[] } {
  const model: Model = emptyModel(
    [
      {
        name: 'orders-api',
        root: 'services/orders-api',
        role: 'producer',
        produces: ['orders'],
        consumes: [],
        state: { prod: 'source' },
        files: [],
        groups: [],
      },
      {
        name: 'billing',
        root: 'services/billing',
        role: 'producer-consumer',
        produces: ['invoices'],
        consumes: ['orders'],
        state: { prod: 'source', staging: 'mixed' },
        files: [],
        groups: [],
      },
      {
        name: 'audit',
        root: 'services/audit',
        role: 'consumer',
        produces: [],
        consumes: ['orders', 'invoices'],
        state: { prod: 'target', staging: 'source' },
        files: [],
        groups: [],
      },
    ],
    {
      environments: ['prod', 'staging'],
      brokerRefs: [
        {
          file: 'services/billing/src/kafka.ts',
          format: 'typescript',
          kind: 'code-default',
          key: 'KAFKA_BROKERS',
          range: r(4, 40, 4, 70),
          parts: [{ text: 'kafka1.old:9092, kafka2.old:9092', range: r(4, 40, 4, 70), offset: 100, length: 30 }],
          hosts: [],
          cluster: 'source',
          environment: undefined,
          service: 'billing',
        },
        {
          file: 'services/audit/values.yaml',
          format: 'yaml',
          kind: 'config',
          key: 'brokers',
          range: r(3, 7, 4, 20),
          parts: [
            { text: 'b-1.msk:9094', range: r(3, 7, 3, 19), offset: 20, length: 12 },
            { text: 'b-2.msk:9094', range: r(4, 7, 4, 20), offset: 40, length: 12 },
          ],
          hosts: [],
          cluster: 'target',
          environment: 'prod',
          service: 'audit',
        },
      ],
      topics: [
        {
          name: 'orders',
          declared: true,
          decl: { name: 'orders', file: 'infra/topics.tf', range: r(3, 1, 7, 2) },
          producers: ['orders-api'],
          consumers: ['billing', 'audit'],
        },
        { name: 'invoices', declared: false, producers: ['billing'], consumers: ['audit'] },
      ],
      problems: [{ file: 'deploy/broken.yaml', line: 2, column: 5, severity: 'warning', message: 'bad indentation' }],
      skipped: [{ file: 'dump.bin', reason: 'binary' }],
    },
  );
  const plan: Plan = {
    wave: { audit: 1, billing: 2, 'orders-api': 3 },
    order: [['billing']],
    cycles: [],
    readiness: {
      prod: { billing: readiness([]), 'orders-api': readiness(['billing']) },
      staging: { audit: readiness([]), billing: readiness(['audit']) },
    },
    verdicts: {},
  };
  const findings: Finding[] = [
    {
      rule: 'topic-not-in-terraform',
      severity: 'error',
      service: 'billing',
      topic: 'invoices',
      file: 'services/billing/src/kafka.ts',
      range: r(9, 3, 9, 13),
      message: 'topic "invoices" is not declared',
    },
    {
      rule: 'legacy-broker',
      severity: 'warning',
      service: 'billing',
      file: 'services/billing/src/kafka.ts',
      range: r(4, 40, 4, 70),
      message: 'names the old cluster, a|b',
    },
    {
      rule: 'mixed-clusters',
      severity: 'warning',
      service: 'billing',
      environment: 'staging',
      file: 'services/billing/.env.staging',
      range: r(1, 15, 1, 30),
      message: 'billing names both clusters in staging',
    },
  ];
  // As runRules does: the verdicts settle on every finding but legacy-broker's.
  settleVerdicts(
    model,
    plan,
    findings.filter((f) => f.rule !== 'legacy-broker'),
  );
  return { model, plan, findings };
}

/** A readiness blocked by `blockedBy` (through `t`), or ready. */
function readiness(blockedBy: string[]): Readiness {
  const blockers = blockedBy.map((service) => ({ service, topic: 't', state: 'source' as const, evidence: [] }));
  const status = blockers.length ? 'blocked' : 'ready';
  return { status, ready: status === 'ready', blockedBy, blockers, unknown: [], fixes: [] };
}
