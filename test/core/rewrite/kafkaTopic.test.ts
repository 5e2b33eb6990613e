import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../../src/core/rewrite/brokers';
import { indentUnit, kafkaTopicBlock, sanitiseResourceName } from '../../../src/core/rewrite/kafkaTopic';

const add = (text: string, topic: string, opts = {}) => applyEdits(text, [kafkaTopicBlock(topic, opts, text, 'infra/topics.tf')]);

describe('kafkaTopicBlock', () => {
  it('appends an aligned block after exactly one blank line, with MSK defaults', () => {
    const before = 'resource "kafka_topic" "orders" {\n  name = "orders"\n}\n\n\n';
    const edit = kafkaTopicBlock('billing.invoices-v2', {}, before, 'infra/topics.tf');
    assert.deepEqual(
      { offset: edit.offset, length: edit.length, range: edit.range, file: edit.file },
      { offset: 53, length: 3, range: { start: { line: 3, column: 2 }, end: { line: 6, column: 1 } }, file: 'infra/topics.tf' },
    );
    assert.equal(
      applyEdits(before, [edit]),
      `resource "kafka_topic" "orders" {
  name = "orders"
}

resource "kafka_topic" "billing_invoices_v2" {
  name               = "billing.invoices-v2"
  partitions         = 3
  replication_factor = 3
}
`,
    );
  });

  it('adds the blank line when the file ends without a newline, and writes into an empty file without one', () => {
    assert.equal(
      add('locals {}', 'a', { partitions: 12, replicationFactor: 2 }),
      'locals {}\n\nresource "kafka_topic" "a" {\n  name               = "a"\n  partitions         = 12\n  replication_factor = 2\n}\n',
    );
    assert.equal(
      add('', 'a'),
      'resource "kafka_topic" "a" {\n  name               = "a"\n  partitions         = 3\n  replication_factor = 3\n}\n',
    );
  });

  it('follows the file’s indentation and line endings', () => {
    assert.equal(
      add('x {\r\n    y = 1\r\n}\r\n', 'orders'),
      'x {\r\n    y = 1\r\n}\r\n\r\nresource "kafka_topic" "orders" {\r\n    name               = "orders"\r\n    partitions         = 3\r\n    replication_factor = 3\r\n}\r\n',
    );
    assert.equal(indentUnit('a {\n\tb = 1\n}\n'), '\t');
    assert.equal(indentUnit('a = 1\n'), '  ');
  });

  it('picks a resource name not yet used in the file', () => {
    const text = 'resource "kafka_topic" "orders" {}\nresource "kafka_topic" "orders_2" {}\n';
    assert.match(add(text, 'orders'), /resource "kafka_topic" "orders_3" \{\n {2}name {15}= "orders"/);
    assert.match(add(text, 'x', { resourceName: 'Orders' }), /"orders_3"/);
  });

  it('makes Terraform identifiers and HCL strings of any topic name', () => {
    assert.deepEqual(['orders', 'Orders.Created', '3ds', '...', 'a--b'].map(sanitiseResourceName), [
      'orders',
      'orders_created',
      'topic_3ds',
      'topic',
      'a_b',
    ]);
    assert.match(add('', 'a"${b}'), /name {15}= "a\\"\$\$\{b\}"/);
  });
});
