import { before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureHclReady, extractHcl, hclWasmFiles } from '../../../src/core/extract/hcl';
import type { Range } from '../../../src/core/model/types';

const rng = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, column: c1 }, end: { line: l2, column: c2 } });
const lines = (...l: string[]) => l.join('\n') + '\n';

before(async () => {
  await ensureHclReady();
});

describe('hclWasmFiles', () => {
  it('names the runtime and the terraform grammar, both present on disk', () => {
    const files = hclWasmFiles();
    assert.deepEqual(
      files.map((f) => path.basename(f)),
      ['tree-sitter.wasm', 'tree-sitter-terraform.wasm'],
    );
    for (const f of files) {
      assert.ok(path.isAbsolute(f));
      assert.ok(fs.statSync(f).size > 10_000);
    }
  });
});

describe('extractHcl: connection strings', () => {
  it('reads a string attribute, a string list, a variable default and an object element', () => {
    const text = lines(
      'kafka_brokers = "b-1.x.kafka.eu-west-1.amazonaws.com:9094"',
      'brokers = ["k1.ec2.internal:9092", "k2.ec2.internal:9092"]',
      'variable "bootstrap_servers" {',
      '  default = "k3:9092"',
      '}',
      'locals {',
      '  kafka = { "bootstrap.servers" = "k4.kafka:9092" }',
      '}',
    );
    const facts = extractHcl('infra/main.tf', text, {});
    assert.deepEqual(facts.problems, []);
    const refs = facts.brokerRefs.map((r) => ({
      key: r.key,
      range: r.range,
      parts: r.parts.map((p) => p.text),
      hosts: r.hosts.map((h) => `${h.host}:${h.port}`),
    }));
    assert.deepEqual(refs, [
      {
        key: 'kafka_brokers',
        range: rng(1, 18, 1, 58),
        parts: ['b-1.x.kafka.eu-west-1.amazonaws.com:9094'],
        hosts: ['b-1.x.kafka.eu-west-1.amazonaws.com:9094'],
      },
      {
        key: 'brokers',
        range: rng(2, 13, 2, 57),
        parts: ['k1.ec2.internal:9092', 'k2.ec2.internal:9092'],
        hosts: ['k1.ec2.internal:9092', 'k2.ec2.internal:9092'],
      },
      { key: 'bootstrap_servers', range: rng(4, 14, 4, 21), parts: ['k3:9092'], hosts: ['k3:9092'] },
      { key: 'bootstrap.servers', range: rng(7, 36, 7, 49), parts: ['k4.kafka:9092'], hosts: ['k4.kafka:9092'] },
    ]);
    const list = facts.brokerRefs[1];
    assert.deepEqual(
      list.parts.map((p) => [p.offset, p.length, p.range]),
      [
        [text.indexOf('k1.ec2'), 20, rng(2, 13, 2, 33)],
        [text.indexOf('k2.ec2'), 20, rng(2, 37, 2, 57)],
      ],
    );
    assert.equal(facts.format, 'hcl');
  });

  it('keeps only literal parts of interpolated strings that are whole host lists', () => {
    const text = lines(
      'a = "${var.host}:9092"',
      'kafka_brokers = "${var.first}, k2.kafka:9092,k3.kafka:9092"',
      'b = "kafka.${var.domain}:9092"',
    );
    const facts = extractHcl('x.tf', text, {});
    assert.deepEqual(
      facts.brokerRefs.map((r) => [r.key, r.kind, r.parts.map((p) => p.text), r.range]),
      [
        // The whole value reads var.first: an indirect ref over the string's content, beside its literal part.
        ['kafka_brokers', 'indirect', [], rng(2, 18, 2, 59)],
        ['kafka_brokers', 'config', ['k2.kafka:9092,k3.kafka:9092'], rng(2, 32, 2, 59)],
      ],
    );
    assert.deepEqual(facts.brokerRefs[0].reads, [{ kind: 'terraform', name: 'var.first' }]);
    assert.equal(facts.brokerRefs[0].expression, '${var.first}, k2.kafka:9092,k3.kafka:9092');
  });

  it('reads a connection setting that is a Terraform reference: var, local, an SSM parameter; not inside locals', () => {
    const text = lines(
      'locals {',
      '  kafka_brokers = var.brokers',
      '}',
      'provider "kafka" {',
      '  bootstrap_servers = local.kafka_brokers',
      '}',
      'module "app" {',
      '  kafka_bootstrap = data.aws_ssm_parameter.kafka.value',
      '  name            = var.name',
      '}',
    );
    const facts = extractHcl('x.tf', text, {});
    assert.deepEqual(
      facts.brokerRefs.map((r) => [r.key, r.kind, r.expression, r.reads, r.range]),
      [
        ['bootstrap_servers', 'indirect', 'local.kafka_brokers', [{ kind: 'terraform', name: 'local.kafka_brokers' }], rng(5, 23, 5, 42)],
        [
          'kafka_bootstrap',
          'indirect',
          'data.aws_ssm_parameter.kafka.value',
          [{ kind: 'ssm', name: 'data.aws_ssm_parameter.kafka.value' }],
          rng(8, 21, 8, 55),
        ],
      ],
    );
    // The local is a definition a reference can follow: `local.kafka_brokers` reads `${var.brokers}`.
    assert.deepEqual(
      facts.settings.filter((s) => s.key.startsWith('local.')).map((s) => [s.key, s.value, s.range]),
      [['local.kafka_brokers', '${var.brokers}', rng(2, 19, 2, 30)]],
    );
  });

  it('reads ECS-style { name, value } entries and a broker flag followed by its value in args', () => {
    const text = lines(
      'resource "aws_ecs_task_definition" "app" {',
      '  container_definitions = jsonencode([{',
      '    environment = [',
      '      { name = "KAFKA_BOOTSTRAP_SERVERS", value = var.kafka_bootstrap_servers },',
      '      { name = "KAFKA_BROKERS", value = "k1.kafka:9092" },',
      '      { name = "AUDIT_KAFKA_BROKERS", value = "${var.audit}" },',
      '    ]',
      '  }])',
      '}',
      'args = ["-brokers", "kafka-a.prod.internal:9092", "--bootstrap-server", "${var.brokers}", "-topic", "orders"]',
    );
    const facts = extractHcl('x.tf', text, {});
    assert.deepEqual(facts.problems, []);
    assert.deepEqual(
      facts.brokerRefs.map((r) => [r.key, r.kind, r.expression ?? r.parts[0].text, r.range]),
      [
        ['KAFKA_BOOTSTRAP_SERVERS', 'indirect', 'var.kafka_bootstrap_servers', rng(4, 51, 4, 78)],
        ['KAFKA_BROKERS', 'config', 'k1.kafka:9092', rng(5, 42, 5, 55)],
        ['AUDIT_KAFKA_BROKERS', 'indirect', '${var.audit}', rng(6, 48, 6, 60)],
        [undefined, 'command', 'kafka-a.prod.internal:9092', rng(10, 22, 10, 48)],
        [undefined, 'indirect', '${var.brokers}', rng(10, 74, 10, 88)],
      ],
    );
    assert.deepEqual(
      facts.settings.filter((s) => /KAFKA/.test(s.key)).map((s) => [s.key, s.value]),
      [
        ['KAFKA_BROKERS', 'k1.kafka:9092'],
        ['AUDIT_KAFKA_BROKERS', '${var.audit}'],
      ],
    );
  });

  it('ignores look-alikes: broker listeners, ZooKeeper, URLs, non-host strings', () => {
    const text = lines(
      'advertised_listeners = "PLAINTEXT://k1.kafka:9092"',
      'zookeeper_connect = "zk1:2181,zk2:2181"',
      'schema_registry_url = "http://registry:8081"',
      'kafka_brokers = "true"',
      'name = "orders"',
      'endpoint = "https://api.example.com:9092"',
    );
    assert.deepEqual(extractHcl('x.tf', text, {}).brokerRefs, []);
  });

  it('reads .tfvars values but records no module data from them', () => {
    const facts = extractHcl('env/prod.tfvars', lines('kafka_bootstrap = "k1.kafka:9092,k2.kafka:9092"', 'topics = ["a"]'), {});
    assert.deepEqual(
      facts.brokerRefs.map((r) => [r.key, r.range]),
      [['kafka_bootstrap', rng(1, 20, 1, 47)]],
    );
    assert.equal((facts as { terraform?: unknown }).terraform, undefined);
  });
});

describe('extractHcl: Nomad jobs', () => {
  const job = lines(
    'job "billing" {',
    '  group "api" {',
    '    task "api" {',
    '      env {',
    '        KAFKA_BROKERS = "kafka1.ec2.internal:9092,kafka2.ec2.internal:9092"',
    '        INPUT_TOPIC   = "orders"',
    '        PORT          = 8080',
    '      }',
    '      template {',
    '        data = <<EOH',
    'KAFKA_BOOTSTRAP={{ key "kafka/brokers" }}',
    '  OUTPUT_TOPIC=invoices',
    'BROKERS="b-1.c.kafka.eu-west-1.amazonaws.com:9094"',
    'EOH',
    '        destination = "secrets/app.env"',
    '        env         = true',
    '      }',
    '      template {',
    '        data = "KAFKA_ADDR=k9.kafka:9092\\nGROUP=billing"',
    '      }',
    '    }',
    '  }',
    '}',
  );

  it('reads env blocks and template data as KEY=value lines, with ranges in the job file', () => {
    const facts = extractHcl('jobs/billing.nomad', job, {});
    assert.deepEqual(facts.problems, []);
    assert.deepEqual(
      facts.brokerRefs.map((r) => [r.key, r.kind === 'indirect' ? r.expression : r.parts[0].text, r.range]),
      [
        ['KAFKA_BROKERS', 'kafka1.ec2.internal:9092,kafka2.ec2.internal:9092', rng(5, 26, 5, 75)],
        // Consul holds the value: an indirect ref the model reports as set outside the repository.
        ['KAFKA_BOOTSTRAP', '{{ key "kafka/brokers" }}', rng(11, 17, 11, 42)],
        ['BROKERS', 'b-1.c.kafka.eu-west-1.amazonaws.com:9094', rng(13, 10, 13, 50)],
        ['KAFKA_ADDR', 'k9.kafka:9092', rng(19, 28, 19, 41)],
      ],
    );
    assert.deepEqual(facts.brokerRefs[1].reads, [{ kind: 'consul', name: 'kafka/brokers' }]);
    assert.deepEqual(
      facts.brokerRefs[0].hosts.map((h) => [h.host, h.port, h.range]),
      [
        ['kafka1.ec2.internal', 9092, rng(5, 26, 5, 50)],
        ['kafka2.ec2.internal', 9092, rng(5, 51, 5, 75)],
      ],
    );
    assert.deepEqual(
      facts.settings.map((s) => [s.key, s.value, s.range]),
      [
        ['KAFKA_BROKERS', 'kafka1.ec2.internal:9092,kafka2.ec2.internal:9092', rng(5, 26, 5, 75)],
        ['INPUT_TOPIC', 'orders', rng(6, 26, 6, 32)],
        ['PORT', '8080', rng(7, 25, 7, 29)],
        ['KAFKA_BOOTSTRAP', '{{ key "kafka/brokers" }}', rng(11, 17, 11, 42)],
        ['OUTPUT_TOPIC', 'invoices', rng(12, 16, 12, 24)],
        ['BROKERS', 'b-1.c.kafka.eu-west-1.amazonaws.com:9094', rng(13, 10, 13, 50)],
        ['KAFKA_ADDR', 'k9.kafka:9092', rng(19, 28, 19, 41)],
        ['GROUP', 'billing', rng(19, 49, 19, 56)],
      ],
    );
    assert.deepEqual(
      facts.topicUses.map((u) => [u.direction, u.topic, u.range]),
      [
        ['consume', 'orders', rng(6, 26, 6, 32)],
        ['produce', 'invoices', rng(12, 16, 12, 24)],
      ],
    );
  });

  it('reads provider-style env { name, value } blocks under the name', () => {
    const text = lines('env {', '  name  = "KAFKA_PEERS"', '  value = "k1:9092"', '}');
    const facts = extractHcl('k8s.tf', text, {});
    assert.deepEqual(
      facts.settings.map((s) => [s.key, s.value, s.range]),
      [['KAFKA_PEERS', 'k1:9092', rng(3, 12, 3, 19)]],
    );
    assert.deepEqual(
      facts.brokerRefs.map((r) => [r.key, r.range]),
      [['KAFKA_PEERS', rng(3, 12, 3, 19)]],
    );
  });
});

describe('extractHcl: kafka_topic', () => {
  it('reads a literal topic', () => {
    const text = lines(
      'resource "kafka_topic" "orders" {',
      '  name               = "orders"',
      '  partitions         = 6',
      '  replication_factor = 3',
      '  config = {',
      '    "cleanup.policy" = "compact"',
      '    "retention.ms"   = 604800000',
      '  }',
      '}',
    );
    const facts = extractHcl('kafka/topics.tf', text, {});
    assert.deepEqual(facts.topicDecls, [
      {
        name: 'orders',
        file: 'kafka/topics.tf',
        range: rng(2, 25, 2, 31),
        address: 'kafka_topic.orders',
        partitions: 6,
        replicationFactor: 3,
        config: { 'cleanup.policy': 'compact', 'retention.ms': '604800000' },
      },
    ]);
    assert.deepEqual(facts.problems, []);
  });

  it('expands for_each over a locals map of objects, pointing at each name in the map', () => {
    const text = lines(
      'locals {',
      '  topics = {',
      '    orders   = { name = "shop.orders", partitions = 6 }',
      '    "events" = { name = "shop.events", partitions = 3 }',
      '  }',
      '}',
      'resource "kafka_topic" "t" {',
      '  for_each   = local.topics',
      '  name       = each.value.name',
      '  partitions = each.value.partitions',
      '}',
    );
    const facts = extractHcl('t.tf', text, {});
    assert.deepEqual(
      facts.topicDecls.map((t) => [t.address, t.name, t.range, t.partitions]),
      [
        ['kafka_topic.t["orders"]', 'shop.orders', rng(3, 26, 3, 37), 6],
        ['kafka_topic.t["events"]', 'shop.events', rng(4, 26, 4, 37), 3],
      ],
    );
  });

  it('expands for_each = each.key over a map, pointing at the keys', () => {
    const text = lines(
      'locals {',
      '  topics = { orders = 6, "pay.ments" = 3 }',
      '}',
      'resource "kafka_topic" "t" {',
      '  for_each   = local.topics',
      '  name       = each.key',
      '  partitions = each.value',
      '}',
    );
    const facts = extractHcl('t.tf', text, {});
    assert.deepEqual(
      facts.topicDecls.map((t) => [t.address, t.name, t.range, t.partitions]),
      [
        ['kafka_topic.t["orders"]', 'orders', rng(2, 14, 2, 20), 6],
        ['kafka_topic.t["pay.ments"]', 'pay.ments', rng(2, 27, 2, 36), 3],
      ],
    );
  });

  it('expands for_each over a toset of a variable default, with interpolated names', () => {
    const text = lines(
      'variable "streams" {',
      '  default = ["orders", "payments", "orders"]',
      '}',
      'locals {',
      '  prefix = "shop"',
      '}',
      'resource "kafka_topic" "events" {',
      '  for_each = toset(var.streams)',
      '  name     = "${local.prefix}.${each.key}-events"',
      '}',
    );
    const facts = extractHcl('t.tf', text, {});
    assert.deepEqual(
      facts.topicDecls.map((t) => [t.address, t.name, t.range]),
      [
        ['kafka_topic.events["orders"]', 'shop.orders-events', rng(2, 15, 2, 21)],
        ['kafka_topic.events["payments"]', 'shop.payments-events', rng(2, 25, 2, 33)],
      ],
    );
  });

  it('expands for_each over for expressions (list of objects to a map; list to a set)', () => {
    const text = lines(
      'variable "topics" {',
      '  default = [{ name = "orders", partitions = 6 }, { name = "payments", partitions = 3 }]',
      '}',
      'resource "kafka_topic" "t" {',
      '  for_each   = { for t in var.topics : t.name => t }',
      '  name       = each.key',
      '  partitions = each.value.partitions',
      '}',
      'resource "kafka_topic" "dlq" {',
      '  for_each = toset([for t in var.topics : "${t.name}.dlq"])',
      '  name     = each.value',
      '}',
      'resource "kafka_topic" "some" {',
      '  for_each = { for t in var.topics : t.name => t if t.partitions > 3 }',
      '  name     = each.key',
      '}',
    );
    const facts = extractHcl('t.tf', text, {});
    assert.deepEqual(
      facts.topicDecls.map((t) => [t.address, t.name, t.range, t.partitions]),
      [
        ['kafka_topic.t["orders"]', 'orders', rng(2, 24, 2, 30), 6],
        ['kafka_topic.t["payments"]', 'payments', rng(2, 61, 2, 69), 3],
        ['kafka_topic.dlq["orders.dlq"]', 'orders.dlq', rng(9, 1, 9, 29), undefined],
        ['kafka_topic.dlq["payments.dlq"]', 'payments.dlq', rng(9, 1, 9, 29), undefined],
      ],
    );
    assert.deepEqual(facts.problems, [
      {
        file: 't.tf',
        line: 14,
        column: 14,
        severity: 'info',
        message: 'could not compute the for_each of kafka_topic.some: a for expression with an if filter is not evaluated',
      },
    ]);
  });

  it('interpolates locals into a single topic name and points at the resource header', () => {
    const text = lines(
      'locals { prefix = "shop" }',
      'resource "kafka_topic" "orders" {',
      '  name = "${local.prefix}.orders"',
      '}',
      'resource "kafka_topic" "direct" {',
      '  name = local.prefix',
      '}',
    );
    const facts = extractHcl('t.tf', text, {});
    assert.deepEqual(
      facts.topicDecls.map((t) => [t.address, t.name, t.range]),
      [
        ['kafka_topic.orders', 'shop.orders', rng(2, 1, 2, 32)],
        ['kafka_topic.direct', 'shop', rng(1, 20, 1, 24)],
      ],
    );
  });

  it('reports a topic name it cannot compute as an info problem at the name', () => {
    const text = lines(
      'resource "kafka_topic" "t" {',
      '  name = format("%s-x", var.env == "prod" ? "a" : "b")',
      '}',
      'resource "kafka_topic" "u" {',
      '  name = upper("x")',
      '}',
    );
    const facts = extractHcl('t.tf', text, {});
    assert.deepEqual(facts.topicDecls, []);
    assert.deepEqual(facts.problems, [
      {
        file: 't.tf',
        line: 2,
        column: 10,
        severity: 'info',
        message: 'could not compute the topic name of kafka_topic.t: a conditional is not evaluated',
      },
      {
        file: 't.tf',
        line: 5,
        column: 10,
        severity: 'info',
        message: 'could not compute the topic name of kafka_topic.u: the function upper() is not evaluated',
      },
    ]);
  });

  it('leaves resources using locals from other files for resolveTerraform, and records its own locals', () => {
    const text = lines(
      'locals { mine = "x" }',
      'resource "kafka_topic" "t" {',
      '  for_each = local.elsewhere',
      '  name     = each.key',
      '}',
    );
    const facts = extractHcl('mod/topics.tf', text, {}) as {
      topicDecls: unknown[];
      problems: unknown[];
      terraform?: { pending: Array<{ name: string }>; locals: object };
    };
    assert.deepEqual(facts.topicDecls, []);
    assert.deepEqual(facts.problems, []);
    assert.deepEqual(
      facts.terraform?.pending.map((p) => p.name),
      ['t'],
    );
    assert.deepEqual(Object.keys(facts.terraform?.locals ?? {}), ['mine']);
  });

  it('reads resources in a file that starts with comments', () => {
    const text = lines('# Topics of the shop', '// owned by team-a', 'resource "kafka_topic" "o" { name = "orders" }');
    assert.deepEqual(
      extractHcl('t.tf', text, {}).topicDecls.map((t) => [t.name, t.range]),
      [['orders', rng(3, 38, 3, 44)]],
    );
  });

  it('does not take data sources or other resources for topics', () => {
    const text = lines('data "kafka_topic" "d" { name = "a" }', 'resource "kafka_topics" "x" { name = "b" }');
    assert.deepEqual(extractHcl('t.tf', text, {}).topicDecls, []);
  });
});

describe('extractHcl: kafka_acl', () => {
  it('reads the resource, type, principal and operation', () => {
    const text = lines(
      'resource "kafka_acl" "billing_reads_orders" {',
      '  resource_name       = "orders"',
      '  resource_type       = "Topic"',
      '  acl_principal       = "User:billing"',
      '  acl_host            = "*"',
      '  acl_operation       = "Read"',
      '  acl_permission_type = "Allow"',
      '}',
    );
    assert.deepEqual(extractHcl('acl.tf', text, {}).acls, [
      {
        file: 'acl.tf',
        range: rng(2, 26, 2, 32),
        resourceName: 'orders',
        resourceType: 'Topic',
        principal: 'User:billing',
        operation: 'Read',
      },
    ]);
  });
});

describe('extractHcl: aws_msk_cluster', () => {
  it('reads auth modes, client_broker, version and auto.create.topics.enable from the linked configuration', () => {
    const text = lines(
      'resource "aws_msk_configuration" "cfg" {',
      '  name              = "cfg"',
      '  server_properties = <<PROPERTIES',
      'auto.create.topics.enable = true',
      'PROPERTIES',
      '}',
      'resource "aws_msk_cluster" "main" {',
      '  cluster_name  = "main"',
      '  kafka_version = "3.6.0"',
      '  encryption_info {',
      '    encryption_in_transit { client_broker = "TLS" }',
      '  }',
      '  client_authentication {',
      '    unauthenticated = true',
      '    tls {}',
      '    sasl {',
      '      scram = true',
      '      iam   = true',
      '    }',
      '  }',
      '  configuration_info {',
      '    arn      = aws_msk_configuration.cfg.arn',
      '    revision = 1',
      '  }',
      '}',
    );
    assert.deepEqual(extractHcl('msk.tf', text, {}).mskClusters, [
      {
        file: 'msk.tf',
        range: rng(7, 1, 7, 34),
        name: 'main',
        clusterName: 'main',
        kafkaVersion: '3.6.0',
        authModes: ['tls', 'mtls', 'sasl_scram', 'iam'],
        clientBroker: 'TLS',
        autoCreateTopics: true,
      },
    ]);
  });

  it('plaintext with SASL/SCRAM only; no configuration means MSK default (false)', () => {
    const text = lines(
      'variable "kafka_version" { default = "3.9.x" }',
      'resource "aws_msk_cluster" "dev" {',
      '  cluster_name  = "dev"',
      '  kafka_version = var.kafka_version',
      '  encryption_info { encryption_in_transit { client_broker = "TLS_PLAINTEXT" } }',
      '  client_authentication {',
      '    sasl { scram = true }',
      '  }',
      '}',
    );
    assert.deepEqual(extractHcl('msk.tf', text, {}).mskClusters, [
      {
        file: 'msk.tf',
        range: rng(2, 1, 2, 33),
        name: 'dev',
        clusterName: 'dev',
        kafkaVersion: '3.9.x',
        authModes: ['plaintext', 'sasl_scram'],
        clientBroker: 'TLS_PLAINTEXT',
        autoCreateTopics: false,
      },
    ]);
  });

  it('without client_authentication the cluster takes unauthenticated TLS clients (client_broker defaults to TLS)', () => {
    const text = lines('resource "aws_msk_cluster" "bare" {', '  cluster_name = "bare"', '}');
    assert.deepEqual(extractHcl('msk.tf', text, {}).mskClusters, [
      { file: 'msk.tf', range: rng(1, 1, 1, 34), name: 'bare', clusterName: 'bare', authModes: ['tls'], autoCreateTopics: false },
    ]);
  });

  it('IAM only over PLAINTEXT client_broker; a configuration linked elsewhere is left open', () => {
    const text = lines(
      'resource "aws_msk_cluster" "iam" {',
      '  encryption_info { encryption_in_transit { client_broker = "PLAINTEXT" } }',
      '  client_authentication { sasl { iam = true } }',
      '  configuration_info { arn = aws_msk_configuration.shared.arn }',
      '}',
    );
    const facts = extractHcl('msk.tf', text, {}) as ReturnType<typeof extractHcl> & { terraform?: { mskLinks: object } };
    assert.deepEqual(facts.mskClusters, [
      { file: 'msk.tf', range: rng(1, 1, 1, 33), name: 'iam', authModes: ['plaintext', 'iam'], clientBroker: 'PLAINTEXT' },
    ]);
    assert.deepEqual(facts.terraform?.mskLinks, { iam: 'shared' });
  });
});

describe('extractHcl: malformed files', () => {
  it('reports the first error with its place and keeps what parsed', () => {
    const text = lines('kafka_brokers = "k1.kafka:9092"', 'resource "kafka_topic" "a" {', '  name = "orders"', '  partitions = = 3', '}');
    const facts = extractHcl('bad.tf', text, {});
    assert.deepEqual(facts.problems, [
      { file: 'bad.tf', line: 4, column: 16, severity: 'warning', message: 'could not parse HCL here: unexpected "= 3"' },
    ]);
    assert.deepEqual(
      facts.brokerRefs.map((r) => r.range),
      [rng(1, 18, 1, 31)],
    );
    assert.deepEqual(
      facts.topicDecls.map((t) => [t.name, t.range]),
      [['orders', rng(3, 11, 3, 17)]],
    );
  });

  it('names a missing closing brace', () => {
    const facts = extractHcl('bad.tf', 'x = "k1.kafka:9092"\ny = {\n', {});
    assert.deepEqual(facts.problems, [
      { file: 'bad.tf', line: 3, column: 1, severity: 'warning', message: 'could not parse HCL here: missing "}"' },
    ]);
    assert.equal(facts.brokerRefs.length, 1);
  });

  it('never throws on garbage', () => {
    const facts = extractHcl('bad.tf', '}}} = = "\n{{{ <<EOT\n', {});
    assert.equal(facts.problems.length, 1);
    assert.match(facts.problems[0].message, /^could not parse HCL here: /);
  });
});
