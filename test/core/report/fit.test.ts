// Wrapping for the terminal: exact lines, nothing lost, nothing wider than asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitColumns, fitTable, hangingLines, placedLines, wrapPath, wrapWords } from '../../../src/core/report/fit';

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
  // A list breaks after its commas before its dots; a name still too long after its hyphens, not mid-letter.
  assert.deepEqual(wrapWords('meter.readings.raw,meter.readings.enriched', 24), ['meter.readings.raw,', 'meter.readings.enriched']);
  assert.deepEqual(wrapWords('risk: offset-reset-not-earliest', 18), ['risk: offset-', 'reset-not-earliest']);
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

test('placedLines: place and text on one line when they fit; else the place alone (broken at `/`), the text below', () => {
  assert.deepEqual(placedLines('  ', 'svc/app.yaml:3:5', 'produces orders', 40), ['  svc/app.yaml:3:5  produces orders']);
  assert.deepEqual(placedLines('  ', 'svc/app.yaml:3:5', 'produces orders', undefined), ['  svc/app.yaml:3:5  produces orders']);
  assert.deepEqual(placedLines('    ', 'services/meter-replay/src/main/resources/application.conf:5:25', 'source  akka.kafka', 40), [
    '    services/meter-replay/src/main/',
    '    resources/application.conf:5:25',
    '      source  akka.kafka',
  ]);
});

test('fitColumns: the last column gives way first, then the widest others, none below its floor while they fit', () => {
  // Fits: unchanged.
  assert.deepEqual(fitColumns([10, 20, 30], 60), [10, 20, 30]);
  // The last column alone gives way while it keeps 30.
  assert.deepEqual(fitColumns([47, 8, 7, 7, 120], 110), [47, 8, 7, 7, 41]);
  // Then the widest others, capped alike (what the cap leaves over to the last of them); the last keeps 30.
  assert.deepEqual(fitColumns([7, 53, 6, 18, 27, 92], 108, [7, 10, 6, 10, 7, 12]), [7, 23, 6, 18, 24, 30]);
  // Narrow: the last goes down to 20 so the others keep their floors (no word is cut).
  assert.deepEqual(fitColumns([24, 17, 2, 7, 190], 48, [10, 9, 2, 7, 13]), [10, 9, 2, 7, 20]);
  // Floors that cannot all hold: every column is capped; the leftover goes to the last one narrowed.
  assert.deepEqual(fitColumns([16, 31, 7, 10, 5, 17], 40, [8, 9, 7, 10, 5, 7]), [7, 7, 7, 7, 5, 7]);
  assert.equal(
    fitColumns([16, 31, 7, 10, 5, 17], 40).reduce((a, b) => a + b),
    40,
  );
});

test('fitTable: aligned columns, the last unpadded; cells wrap in their column when the width asks', () => {
  const rows = [
    ['topic', 'drift'],
    ['billing.settlements.dead-letter-0', 'partitions: declared 6, target 3'],
    ['orders', '-'],
  ];
  assert.deepEqual(fitTable(rows, undefined), [
    ['  topic                              drift'],
    ['  billing.settlements.dead-letter-0  partitions: declared 6, target 3'],
    ['  orders                             -'],
  ]);
  // The last column keeps 30 columns; the first gives up the rest and breaks after its dots.
  assert.deepEqual(fitTable(rows, 50, '    '), [
    ['    topic           drift'],
    ['    billing.        partitions: declared 6, target', '    settlements.    3', '    dead-letter-0'],
    ['    orders          -'],
  ]);
  for (const line of fitTable(rows, 30).flat()) assert.ok(line.length <= 30, line);
});
