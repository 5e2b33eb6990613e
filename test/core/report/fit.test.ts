// Wrapping for the terminal: exact lines, nothing lost, nothing wider than asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hangingLines, wrapPath, wrapWords } from '../../../src/core/report/fit';

test('wrapWords breaks after spaces, keeps a line that fits, splits a word longer than the line', () => {
  assert.deepEqual(wrapWords('prod: ready; dev: ready', 30), ['prod: ready; dev: ready']);
  assert.deepEqual(wrapWords('prod: blocked by load-aggregator; dev: blocked by load-aggregator', 40), [
    'prod: blocked by load-aggregator; dev:',
    'blocked by load-aggregator',
  ]);
  // Exactly the width fits; the space that would overflow is dropped at the break.
  assert.deepEqual(wrapWords('aaaa bbbb', 4), ['aaaa', 'bbbb']);
  // A word longer than the line breaks after its dots and slashes first; only a piece still too long is cut.
  assert.deepEqual(wrapWords('kafka1.prod.example.internal:9092', 10), ['kafka1.', 'prod.', 'example.', 'internal:9', '092']);
  assert.deepEqual(wrapWords('looked in services/meter-gateway/deploy/gateway.nomad, and', 24), [
    'looked in services/',
    'meter-gateway/deploy/',
    'gateway.nomad, and',
  ]);
  assert.deepEqual(wrapWords('', 10), ['']);
  assert.throws(() => wrapWords('x', 0), /width 0 leaves no room/);
});

test('wrapPath breaks after a `/`, so each piece is a whole directory name', () => {
  assert.deepEqual(wrapPath('services/alert-notifier/src/index.ts:27:30', 35), ['services/alert-notifier/src/', 'index.ts:27:30']);
  assert.deepEqual(wrapPath('services/customer-portal-feed/deploy/k8s/prod/deployment.yaml:21:23', 24), [
    'services/',
    'customer-portal-feed/',
    'deploy/k8s/prod/',
    'deployment.yaml:21:23',
  ]);
  assert.deepEqual(wrapPath('a/b.ts:1:1', 24), ['a/b.ts:1:1']);
});

test('hangingLines: the prefix on the first line, continuation indented, one line without a width', () => {
  const text = 'battery-telemetry-bridge: blocked by reading-validator; dev: blocked by reading-validator';
  assert.deepEqual(hangingLines('    - ', text, 50), [
    '    - battery-telemetry-bridge: blocked by',
    '      reading-validator; dev: blocked by',
    '      reading-validator',
  ]);
  assert.deepEqual(hangingLines('    - ', text, undefined), [`    - ${text}`]);
  assert.deepEqual(hangingLines('  ', 'short', 10, 4), ['  short']);
  for (const line of hangingLines('  error: ', 'x '.repeat(80), 40, 4)) assert.ok(line.length <= 40, line);
});
