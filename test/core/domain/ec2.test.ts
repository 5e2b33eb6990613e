import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isEc2Host } from '../../../src/core/domain/ec2';

describe('isEc2Host', () => {
  it('private names: ec2.internal (us-east-1) and <region>.compute.internal', () => {
    assert.deepEqual(['ip-10-0-0-1.ec2.internal', 'ip-10-0-0-1.eu-west-1.compute.internal', 'IP-10-0-0-1.EC2.INTERNAL'].map(isEc2Host), [
      true,
      true,
      true,
    ]);
  });

  it('public names: four octets, then compute-1 (us-east-1) or <region>.compute', () => {
    assert.deepEqual(['ec2-203-0-113-25.compute-1.amazonaws.com', 'ec2-203-0-113-25.eu-west-1.compute.amazonaws.com'].map(isEc2Host), [
      true,
      true,
    ]);
  });

  it('not EC2: three octets, a name that only contains the suffix, MSK brokers, plain hosts', () => {
    assert.deepEqual(
      [
        'ec2-203-0-113.compute-1.amazonaws.com',
        'ec2-203-0-113-25.compute-1.amazonaws.com.evil.example',
        'kafka.ec2.internal.example.com',
        'b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com',
        'kafka1.prod.example.internal',
        'ec2.internal',
        '',
      ].map(isEc2Host),
      [false, false, false, false, false, false, false],
    );
  });
});
