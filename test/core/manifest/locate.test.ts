import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brokerRange } from '../../../src/core/manifest/locate';

const TEXT = `version: 1
environments:
  prod:
    source: { brokers: [kafka1:9092, "kafka2:9092"] }
    target: { brokers: "b-1.x:9094,shared:9094" }
  dev:
    source: { brokers: [kafka1:9092] }
    target:
      brokers: "shared:9094"
`;

test('a broker is found in its own environment and side, inside lists and comma strings', () => {
  const at = (env: string, side: 'source' | 'target', broker: string) => {
    const r = brokerRange(TEXT, env, side, broker);
    return r && `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
  };
  assert.equal(at('prod', 'source', 'kafka1:9092'), '4:25-4:36');
  assert.equal(at('prod', 'source', 'kafka2:9092'), '4:39-4:50');
  assert.equal(at('prod', 'target', 'shared:9094'), '5:36-5:47');
  assert.equal(at('dev', 'source', 'kafka1:9092'), '7:25-7:36', 'the same broker in another environment');
  assert.equal(at('dev', 'target', 'shared:9094'), '9:17-9:28');
  assert.equal(at('dev', 'target', 'missing:1'), undefined);
  assert.equal(at('qa', 'target', 'shared:9094'), undefined);
});
