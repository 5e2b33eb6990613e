// looksBinary: NUL bytes or more than 10% control characters in the first 8 KB, whatever the bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { looksBinary } from '../../../src/core/extract/text';

/** The rule as a plain byte loop: the reference the fast version must agree with. */
function reference(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) return true;
    if (b < 7 || (b > 13 && b < 32)) odd++;
  }
  return n > 0 && odd / n > 0.1;
}

test('looksBinary agrees with the byte rule on any bytes, and on slices of a larger buffer', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 9000 }), (bytes) => assert.equal(looksBinary(bytes), reference(bytes))),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 10, maxLength: 400 }), fc.nat(9), (bytes, start) => {
      const view = bytes.subarray(start);
      assert.equal(looksBinary(view), reference(view));
    }),
    { numRuns: 200 },
  );
  assert.equal(looksBinary(Buffer.from('KAFKA_BROKERS=a:9092\n\tb\r\n')), false);
  assert.equal(looksBinary(Buffer.from([0x41, 0x00, 0x42])), true);
  assert.equal(looksBinary(Buffer.from('\x01\x02\x03abcdefgh')), true);
  assert.equal(looksBinary(new Uint8Array()), false);
});
