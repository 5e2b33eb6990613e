import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseBroker, socketHost } from '../../../src/core/domain/brokers';

describe('parseBroker', () => {
  it('reads host, port, IPv6 and ignores a protocol prefix', () => {
    assert.deepEqual(parseBroker('kafka1:9092'), { host: 'kafka1', port: 9092 });
    assert.deepEqual(parseBroker('kafka1'), { host: 'kafka1' });
    assert.deepEqual(parseBroker('[fd00::1]:9094'), { host: '[fd00::1]', port: 9094 });
    assert.deepEqual(parseBroker('[fd00::1]'), { host: '[fd00::1]' });
    assert.deepEqual(parseBroker(' SSL://b-1.x:9094 '), { host: 'b-1.x', port: 9094 });
    assert.deepEqual(parseBroker('SASL_SSL://b-1.x'), { host: 'b-1.x' });
  });

  it('keeps text that is no address as the host, without a port', () => {
    assert.deepEqual(parseBroker('a:b:c'), { host: 'a:b:c' });
    assert.deepEqual(parseBroker('kafka1:123456'), { host: 'kafka1:123456' });
  });

  it('unbrackets IPv6 literals for sockets only', () => {
    assert.equal(socketHost('[fd00::1]'), 'fd00::1');
    assert.equal(socketHost('kafka1'), 'kafka1');
  });
});
