import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isMskHost, isMskPublicHost, mskRegion } from '../../../src/core/domain/msk';
import { isEc2Host } from '../../../src/core/domain/ec2';

describe('MSK host names', () => {
  it('knows provisioned, public and serverless brokers by their suffix', () => {
    const hosts = [
      'b-1.prod.abc123.c2.kafka.eu-west-1.amazonaws.com',
      'b-3.orders.x9y8z7.c11.kafka.us-east-1.amazonaws.com',
      'b-2-public.prod.abc123.c3.kafka.eu-central-1.amazonaws.com',
      'boot-abcd1234.c1.kafka-serverless.eu-west-1.amazonaws.com',
      'B-1.PROD.ABC.C2.KAFKA.EU-WEST-1.AMAZONAWS.COM',
    ];
    assert.deepEqual(hosts.map(isMskHost), [true, true, true, true, true]);
  });

  it('refuses look-alikes', () => {
    const hosts = [
      'kafka.eu-west-1.amazonaws.com.evil.example', // suffix not at the end
      'b-1.prod.abc.c2.kafka.eu-west-1.amazonaws.co',
      'ec2-1-2-3-4.compute-1.amazonaws.com',
      'kafka1.internal',
      'b-1.prod.abc.c2.kafkaa.eu-west-1.amazonaws.com',
    ];
    assert.deepEqual(hosts.map(isMskHost), [false, false, false, false, false]);
  });

  it('tells public endpoints and the region', () => {
    assert.equal(isMskPublicHost('b-2-public.prod.abc.c3.kafka.eu-central-1.amazonaws.com'), true);
    assert.equal(isMskPublicHost('b-2.prod.abc.c3.kafka.eu-central-1.amazonaws.com'), false);
    assert.equal(mskRegion('b-1.x.y.c2.kafka.eu-west-1.amazonaws.com'), 'eu-west-1');
    assert.equal(mskRegion('boot-1.c1.kafka-serverless.ap-southeast-2.amazonaws.com'), 'ap-southeast-2');
    assert.equal(mskRegion('B-1.X.Y.C2.KAFKA.US-EAST-1.AMAZONAWS.COM'), 'us-east-1');
    assert.equal(mskRegion('kafka1.internal'), undefined);
  });
});

describe('EC2 host names', () => {
  it('knows private and public EC2 names, with or without a region', () => {
    const hosts = [
      'ip-10-0-1-17.ec2.internal',
      'ip-10-0-1-17.eu-west-1.compute.internal',
      'ec2-203-0-113-25.compute-1.amazonaws.com',
      'ec2-203-0-113-25.eu-west-1.compute.amazonaws.com',
    ];
    assert.deepEqual(hosts.map(isEc2Host), [true, true, true, true]);
  });

  it('wants exactly four octets and a dot after the region (the looser copy in extract/text.ts took both)', () => {
    const hosts = [
      'ec2-203-0.compute-1.amazonaws.com',
      'ec2-203-0-113-25.eu-west-1compute.amazonaws.com',
      'ec2-203-0-113-25-7.compute-1.amazonaws.com',
      'b-1.prod.abc.c2.kafka.eu-west-1.amazonaws.com',
    ];
    assert.deepEqual(hosts.map(isEc2Host), [false, false, false, false]);
  });
});
