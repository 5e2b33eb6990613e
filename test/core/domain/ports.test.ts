import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AuthMode } from '../../../src/core/model/types';
import { allMskPorts, authModesOnPort, endpointKind, portFor, portForHost, portsForAuth } from '../../../src/core/domain/ports';

const MODES: AuthMode[] = ['plaintext', 'tls', 'mtls', 'sasl_scram', 'iam'];

describe('MSK ports', () => {
  it('gives the port per auth mode and network (plaintext has no public listener)', () => {
    assert.deepEqual(
      MODES.map((a) => [portFor(a), portFor(a, 'public'), portFor(a, 'ipv6')]),
      [
        [9092, 9092, 20092],
        [9094, 9194, 20094],
        [9094, 9194, 20094],
        [9096, 9196, 20096],
        [9098, 9198, 20098],
      ],
    );
    assert.equal(portFor(undefined), 9092);
  });

  it('reads the network from the host', () => {
    assert.deepEqual(
      ['b-1.p.a.c2.kafka.eu-west-1.amazonaws.com', 'b-1-public.p.a.c2.kafka.eu-west-1.amazonaws.com', '[fd00::1]'].map(endpointKind),
      ['vpc', 'public', 'ipv6'],
    );
    assert.equal(portForHost('iam', 'b-1-public.p.a.c2.kafka.eu-west-1.amazonaws.com'), 9198);
    assert.equal(portForHost('sasl_scram', '[fd00::1]'), 20096);
    assert.equal(portForHost('tls', 'b-2.p.a.c2.kafka.eu-west-1.amazonaws.com'), 9094);
  });

  it('lists every right port of a mode, and the modes a port serves', () => {
    assert.deepEqual(portsForAuth('plaintext'), [9092, 20092]);
    assert.deepEqual(portsForAuth('iam'), [9098, 9198, 20098]);
    assert.deepEqual(authModesOnPort(9094), ['tls', 'mtls']);
    assert.deepEqual(authModesOnPort(9196), ['sasl_scram']);
    assert.deepEqual(authModesOnPort(20098), ['iam']);
    assert.deepEqual(authModesOnPort(9093), []);
    assert.deepEqual(allMskPorts(), [9092, 9094, 9096, 9098, 9194, 9196, 9198, 20092, 20094, 20096, 20098]);
  });
});
