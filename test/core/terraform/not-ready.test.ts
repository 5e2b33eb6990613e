// Runs in its own process (node --test), so the parser is never loaded here.
import { it } from 'node:test';
import * as assert from 'node:assert/strict';
import { extractHcl } from '../../../src/core/extract/hcl';

it('extractHcl before ensureHclReady() reports a problem instead of throwing', () => {
  const facts = extractHcl('main.tf', 'kafka_brokers = "k1:9092"\n', {});
  assert.deepEqual(facts.brokerRefs, []);
  assert.deepEqual(facts.problems, [
    {
      file: 'main.tf',
      line: 1,
      column: 1,
      severity: 'warning',
      message: 'the HCL parser is not loaded (ensureHclReady() was not awaited); this file was not read',
    },
  ]);
});
