import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HOSTISH, namedLiteral, PLACEHOLDER, placeholderIn } from '../../../../src/core/extract/code/named';

describe('placeholderIn', () => {
  it('a whole-literal ${NAME} or ${NAME:default}, the default kept as written (empty included)', () => {
    assert.deepEqual(['${app.topic}', '${app.topic:orders}', '${T:}', '${T:a:b}'].map(placeholderIn), [
      { kind: 'placeholder', name: 'app.topic' },
      { kind: 'placeholder', name: 'app.topic', fallback: 'orders' },
      { kind: 'placeholder', name: 'T', fallback: '' },
      { kind: 'placeholder', name: 'T', fallback: 'a:b' },
    ]);
  });

  it('anything else is no placeholder: text around it, two of them, an empty name, no braces', () => {
    assert.deepEqual(['prefix-${T}', '${A}${B}', '${}', '$T', 'orders', ''].map(placeholderIn), [
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('namedLiteral', () => {
  it('a placeholder names its indirection at the given place', () => {
    assert.deepEqual(namedLiteral('${t:orders}', true, 3, 14), {
      via: { kind: 'placeholder', name: 't', fallback: 'orders' },
      start: 3,
      end: 14,
    });
  });

  it('any other string names itself, a pattern only when it is one', () => {
    assert.deepEqual(namedLiteral('orders', undefined, 0, 6), { topic: 'orders', pattern: undefined, start: 0, end: 6 });
    assert.deepEqual(namedLiteral('orders\\..*', true, 0, 10), { topic: 'orders\\..*', pattern: true, start: 0, end: 10 });
    assert.deepEqual(namedLiteral('orders', false, 0, 6).pattern, undefined);
  });
});

describe('the shared patterns', () => {
  it('PLACEHOLDER captures the name and the default', () => {
    assert.deepEqual([...(PLACEHOLDER.exec('${a.b:c}') ?? [])], ['${a.b:c}', 'a.b', 'c']);
  });

  it('HOSTISH accepts what a connection string can hold and refuses the rest', () => {
    assert.deepEqual(
      ['kafka1:9092,kafka2:9092', 'PLAINTEXT://[::1]:9092', '${BROKERS:k:9092}', 'a; b', 'hello world!', '', ' ', 'k@9092'].map((s) =>
        HOSTISH.test(s),
      ),
      [true, true, true, true, false, false, false, false],
    );
  });
});
