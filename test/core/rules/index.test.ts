import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../../src/core/model/types';
import { RULE_IDS, RULES, runRules } from '../../../src/core/rules';
import { envService, fleet, MANIFEST, SRC_PROD, TGT_PROD } from '../../helpers/repo';
import { findings, scanned } from './findings';

test('severity from the manifest; off disables a rule', async () => {
  const files = fleet({ reader: envService({ in: 'orders', prod: SRC_PROD }) });
  const manifest = MANIFEST + 'rules: { legacy-broker: info, mixed-clusters: off }\n';
  const got = await findings({ ...files, 'kafka-cutover.yaml': manifest }, 'legacy-broker');
  assert.equal(got.length, 1);
  assert.match(got[0], / info /);
});

test('editor overrides win over the manifest, which wins over the default; off silences only that rule', async () => {
  const files = fleet({
    svc: { ...envService({ in: 'orders', prod: TGT_PROD }), 'config/.env.prod-fallback': `BACKUP_KAFKA_BROKERS=${SRC_PROD}\n` },
  });
  const manifest = MANIFEST + 'rules: { legacy-broker: info, mixed-clusters: off }\n';
  const { analysis } = await scanned({ ...files, 'kafka-cutover.yaml': manifest });
  const rulesOf = (findings: Finding[]) => findings.map((f) => `${f.rule} ${f.severity}`).sort();
  // The manifest: legacy-broker at info, mixed-clusters off (it would fire: both clusters in prod).
  assert.deepEqual(rulesOf(analysis.findings.filter((f) => f.rule === 'legacy-broker' || f.rule === 'mixed-clusters')), [
    'legacy-broker info',
  ]);
  // Editor settings over the manifest: mixed-clusters back on as an error, legacy-broker off.
  const again = runRules(analysis.model, analysis.plan, { 'mixed-clusters': 'error', 'legacy-broker': 'off' });
  assert.deepEqual(rulesOf(again.filter((f) => f.rule === 'legacy-broker' || f.rule === 'mixed-clusters')), ['mixed-clusters error']);
});

test('every rule has an id of its own and a file named after it, and each has its own test file', () => {
  assert.equal(new Set(RULE_IDS).size, RULES.length);
  const srcDir = path.join(__dirname, '..', '..', '..', '..', 'src', 'core', 'rules');
  const testDir = path.join(__dirname, '..', '..', '..', '..', 'test', 'core', 'rules');
  const ruleFiles = fs
    .readdirSync(srcDir)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'context.ts')
    .map((f) => f.slice(0, -3));
  assert.deepEqual(ruleFiles.sort(), [...RULE_IDS].sort());
  for (const id of RULE_IDS) assert.ok(fs.existsSync(path.join(testDir, `${id}.test.ts`)), `test/core/rules/${id}.test.ts`);
  // legacy-broker states the service's verdict in its message, so it runs once verdicts are settled.
  assert.deepEqual(
    RULES.filter((r) => r.afterVerdicts).map((r) => r.id),
    ['legacy-broker'],
  );
});
