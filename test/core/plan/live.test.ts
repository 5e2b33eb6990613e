// Live evidence in the plan: a group no repository owns blocks the producers of what it reads; a moved
// producer ahead of it, and a moved service still connected on the source, are hazards; what the clusters
// did not contradict is confirmed.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { applyLiveEvidence, type LiveEvidence } from '../../../src/core/plan/live';
import { envService, fleet, removeRepo, scanRepo, SRC_PROD, TGT_PROD } from '../../helpers/repo';

const dirs: string[] = [];
after(() => dirs.forEach(removeRepo));

const TOPICS = 'resource "kafka_topic" "o" {\n  name = "orders"\n}\nresource "kafka_topic" "p" {\n  name = "payments"\n}\n';

test('an unknown consumer blocks the producers of its topic; a contradiction is a hazard; the rest is confirmed', async () => {
  const { dir, analysis } = await scanRepo(
    fleet(
      {
        writer: envService({ out: 'orders', prod: SRC_PROD }),
        payer: envService({ out: 'payments', prod: TGT_PROD }),
        reader: envService({ in: 'payments', prod: TGT_PROD }),
        idle: envService({ out: 'audit', prod: SRC_PROD }),
      },
      { 'infra/topics.tf': TOPICS + 'resource "kafka_topic" "a" {\n  name = "audit"\n}\n' },
    ),
  );
  dirs.push(dir);
  const { model, plan } = analysis;
  assert.equal(plan.readiness.prod!.writer!.status, 'ready');
  const evidence: LiveEvidence[] = [
    {
      at: '2026-12-01T12:00:00.000Z',
      environment: 'prod',
      checks: ['clients'],
      groups: [],
      findings: [
        {
          rule: 'unknown-consumer',
          severity: 'error',
          message: 'm',
          group: 'fraud-scanner',
          topic: 'orders',
          hosts: ['10.0.3.17'],
          file: 'services/writer/.env.prod',
          line: 2,
          column: 14,
        },
        { rule: 'consumer-left-on-source', severity: 'error', message: 'm', service: 'reader', group: 'reader' },
      ],
    },
  ];
  const confirmed = applyLiveEvidence(model, plan, evidence);
  const w = plan.readiness.prod!.writer!;
  assert.deepEqual([w.status, w.ready, w.blockedBy], ['blocked', false, ['group fraud-scanner']]);
  assert.deepEqual(w.blockers, [
    {
      service: 'group fraud-scanner',
      topic: 'orders',
      state: 'source',
      evidence: [
        {
          file: 'services/writer/.env.prod',
          line: 2,
          column: 14,
          note: 'live 2026-12-01T12:00:00.000Z: group fraud-scanner at 10.0.3.17 reads orders on the source',
        },
      ],
    },
  ]);
  assert.equal(plan.verdicts.prod!.writer, 'blocked');
  assert.equal(plan.verdicts.prod!.reader, 'hazard');
  assert.equal(plan.verdicts.prod!.payer, 'moved');
  assert.deepEqual(confirmed, { prod: ['idle'] });
  // Applying the same evidence again adds nothing twice.
  applyLiveEvidence(model, plan, evidence);
  assert.equal(plan.readiness.prod!.writer!.blockers.length, 1);
});
