import { before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ensureHclReady, extractHcl } from '../../../src/core/extract/hcl';
import { resolveTerraform } from '../../../src/core/terraform/resolve';
import type { Range } from '../../../src/core/model/types';

const rng = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, column: c1 }, end: { line: l2, column: c2 } });
const lines = (...l: string[]) => l.join('\n') + '\n';

before(async () => {
  await ensureHclReady();
});

const localsTf = lines(
  'locals {',
  '  topics = {',
  '    orders   = 6',
  '    payments = 3',
  '  }',
  '  prefix = "shop"',
  '}',
  'variable "acl_user" { default = "User:billing" }',
);
const topicsTf = lines(
  'resource "kafka_topic" "t" {',
  '  for_each   = local.topics',
  '  name       = "${local.prefix}.${each.key}"',
  '  partitions = each.value',
  '}',
  'resource "kafka_topic" "plain" {',
  '  name = local.prefix',
  '}',
  'resource "kafka_acl" "a" {',
  '  resource_name = "orders"',
  '  resource_type = "Topic"',
  '  acl_principal = var.acl_user',
  '  acl_operation = "Read"',
  '}',
);

describe('resolveTerraform', () => {
  it('completes for_each over locals declared in another file of the folder', () => {
    const input = [
      extractHcl('kafka/locals.tf', localsTf, {}),
      extractHcl('kafka/topics.tf', topicsTf, {}),
      extractHcl('other/x.tf', 'locals { topics = {} }\n', {}),
    ];
    assert.deepEqual(
      input.flatMap((f) => f.topicDecls),
      [],
    );
    const [locals, topics, other] = resolveTerraform(input);
    // Names computed from each.key point at the key in the locals file; a name that is a local points at it.
    assert.deepEqual(
      locals.topicDecls.map((t) => [t.file, t.address, t.name, t.range, t.partitions]),
      [
        ['kafka/locals.tf', 'kafka_topic.t["orders"]', 'shop.orders', rng(3, 5, 3, 11), 6],
        ['kafka/locals.tf', 'kafka_topic.t["payments"]', 'shop.payments', rng(4, 5, 4, 13), 3],
        ['kafka/locals.tf', 'kafka_topic.plain', 'shop', rng(6, 13, 6, 17), undefined],
      ],
    );
    assert.deepEqual(topics.topicDecls, []);
    assert.deepEqual(topics.acls, [
      {
        file: 'kafka/topics.tf',
        range: rng(10, 20, 10, 26),
        resourceName: 'orders',
        resourceType: 'Topic',
        principal: 'User:billing',
        operation: 'Read',
      },
    ]);
    assert.deepEqual([...locals.problems, ...topics.problems], []);
    assert.equal(other, input[2]);
    // Inputs are left as they were.
    assert.deepEqual(input[1].acls, []);
  });

  it('is idempotent', () => {
    const once = resolveTerraform([extractHcl('m/locals.tf', localsTf, {}), extractHcl('m/topics.tf', topicsTf, {})]);
    const twice = resolveTerraform(once);
    assert.deepEqual(
      twice.map((f) => f.topicDecls.length + f.acls.length),
      [3, 1],
    );
  });

  it('does not look into other folders, and says what is missing', () => {
    const [, topics] = resolveTerraform([extractHcl('a/locals.tf', localsTf, {}), extractHcl('b/topics.tf', topicsTf, {})]);
    assert.deepEqual(topics.topicDecls, []);
    assert.deepEqual(topics.problems, [
      {
        file: 'b/topics.tf',
        line: 1,
        column: 1,
        severity: 'info',
        message: 'could not compute the topic names of kafka_topic.t: local.topics is not declared in this folder',
      },
      {
        file: 'b/topics.tf',
        line: 6,
        column: 1,
        severity: 'info',
        message: 'could not compute the topic names of kafka_topic.plain: local.prefix is not declared in this folder',
      },
      {
        file: 'b/topics.tf',
        line: 9,
        column: 1,
        severity: 'info',
        message: 'could not compute the ACLs of kafka_acl.a: var.acl_user is not declared in this folder',
      },
    ]);
  });

  it('follows an MSK cluster to its configuration in another file', () => {
    const cluster = lines('resource "aws_msk_cluster" "c" {', '  configuration_info { arn = aws_msk_configuration.shared.arn }', '}');
    const configuration = lines(
      'resource "aws_msk_configuration" "shared" {',
      '  server_properties = <<-EOT',
      '    auto.create.topics.enable=true',
      '  EOT',
      '}',
    );
    const [resolved] = resolveTerraform([extractHcl('msk/cluster.tf', cluster, {}), extractHcl('msk/config.tf', configuration, {})]);
    assert.equal(resolved.mskClusters[0].autoCreateTopics, true);
    const [alone] = resolveTerraform([extractHcl('msk/cluster.tf', cluster, {})]);
    assert.equal(alone.mskClusters[0].autoCreateTopics, undefined);
  });
});
