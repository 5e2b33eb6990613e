// kafka_topic and kafka_acl resources expanded over count and for_each, from HclValues written by hand.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Declared } from '../../../src/core/terraform/evaluate';
import type { HclValue } from '../../../src/core/terraform/hclValue';
import type { PendingResource } from '../../../src/core/terraform/module';
import {
  autoCreateTopicsIn,
  expandResource,
  isModuleCallProblem,
  isRootReadingProblem,
  type Declarations,
} from '../../../src/core/terraform/resources';

const at = (line: number, column: number) => ({ start: { line, column }, end: { line, column: column + 4 } });
const str = (value: string, line = 2, column = 11): HclValue => ({ kind: 'string', value, range: at(line, column) });
const num = (value: number): HclValue => ({ kind: 'number', value });
const ref = (root: string, ...path: Array<string | number>): HclValue => ({ kind: 'ref', root, path, range: at(3, 5) });
const tuple = (...items: HclValue[]): HclValue => ({ kind: 'tuple', items });
const template = (...parts: HclValue[]): HclValue => ({ kind: 'template', parts, range: at(2, 10) });
const obj = (entries: Record<string, HclValue>): HclValue => ({
  kind: 'object',
  entries: Object.entries(entries).map(([k, value]) => ({ key: str(k), value })),
});
const call = (name: string, ...args: HclValue[]): HclValue => ({ kind: 'call', name, args, range: at(4, 1) });

const HEADER = at(1, 1);
const topic = (attributes: PendingResource['attributes'], name = 't'): PendingResource => ({
  type: 'kafka_topic',
  name,
  file: 'infra/topics.tf',
  header: HEADER,
  attributes,
});
const declarations = (locals: Record<string, HclValue> = {}, variables: Record<string, HclValue> = {}): Declarations => ({
  locals: new Map(Object.entries(locals).map(([k, value]): [string, Declared] => [k, { file: 'infra/locals.tf', value }])),
  variables: new Map(Object.entries(variables).map(([k, value]): [string, Declared] => [k, { file: 'infra/variables.tf', value }])),
});

function brief(result: ReturnType<typeof expandResource>): unknown {
  if (result.kind === 'missing') return result;
  return {
    topics: result.topics.map(
      (d) =>
        `${d.address} ${d.name} @${d.file}:${d.range.start.line}:${d.range.start.column} p=${d.partitions} rf=${d.replicationFactor} ${JSON.stringify(d.config ?? {})}`,
    ),
    acls: result.acls.map((a) => `${a.resourceType}:${a.resourceName} ${a.principal} ${a.operation}`),
    problems: result.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.message}`),
  };
}

describe('expandResource: one topic', () => {
  it('reads name, partitions, replication factor and config, located at the name literal', () => {
    const r = topic({
      name: str('orders'),
      partitions: num(6),
      replication_factor: num(3),
      config: obj({ 'cleanup.policy': str('compact'), 'retention.ms': num(1000) }),
    });
    assert.deepEqual(brief(expandResource(r, declarations())), {
      topics: ['kafka_topic.t orders @infra/topics.tf:2:11 p=6 rf=3 {"cleanup.policy":"compact","retention.ms":"1000"}'],
      acls: [],
      problems: [],
    });
  });

  it('partitions that are no whole number are left out, not guessed', () => {
    const r = topic({ name: str('orders'), partitions: num(2.5), replication_factor: str('three') });
    assert.deepEqual(brief(expandResource(r, declarations())), {
      topics: ['kafka_topic.t orders @infra/topics.tf:2:11 p=undefined rf=undefined {}'],
      acls: [],
      problems: [],
    });
  });

  it('a topic without a name is an info at its header, no topic', () => {
    assert.deepEqual(brief(expandResource(topic({ partitions: num(3) }), declarations())), {
      topics: [],
      acls: [],
      problems: ['infra/topics.tf:1:1 info could not compute the topic name of kafka_topic.t: it has no name'],
    });
  });

  it('a name from a local in the folder is found; one the file set does not declare is missing', () => {
    const r = topic({ name: ref('local', 'topic') });
    assert.deepEqual(brief(expandResource(r, declarations({ topic: str('payments', 7, 3) }))), {
      topics: ['kafka_topic.t payments @infra/locals.tf:7:3 p=undefined rf=undefined {}'],
      acls: [],
      problems: [],
    });
    const missing = expandResource(r, declarations());
    assert.equal(missing.kind, 'missing');
    assert.equal(missing.kind === 'missing' && missing.name, 'local.topic');
  });
});

describe('expandResource: count', () => {
  it('makes one topic per index, count.index in the name', () => {
    const r = topic({ count: num(3), name: template(str('shard-'), ref('count', 'index')) });
    assert.deepEqual(
      (brief(expandResource(r, declarations())) as { topics: string[] }).topics.map((t) => t.split(' ').slice(0, 2).join(' ')),
      ['kafka_topic.t[0] shard-0', 'kafka_topic.t[1] shard-1', 'kafka_topic.t[2] shard-2'],
    );
  });

  it('count 0 makes none; a negative or fractional count is an info, no topic', () => {
    assert.deepEqual(brief(expandResource(topic({ count: num(0), name: str('x') }), declarations())), {
      topics: [],
      acls: [],
      problems: [],
    });
    for (const n of [-1, 1.5]) {
      // A number literal keeps no range: the info points at the resource's header.
      assert.deepEqual(
        (brief(expandResource(topic({ count: num(n), name: str('x') }), declarations())) as { problems: string[] }).problems,
        ['infra/topics.tf:1:1 info could not compute the count of kafka_topic.t: count is not a whole number'],
      );
    }
  });

  it('a count from a variable default', () => {
    const r = topic({ count: ref('var', 'n'), name: template(str('p'), ref('count', 'index')) });
    const result = expandResource(r, declarations({}, { n: num(2) }));
    assert.deepEqual(result.kind === 'done' && result.topics.map((t) => t.name), ['p0', 'p1']);
  });
});

describe('expandResource: for_each', () => {
  it('over a set of strings: each.key names the topic, located at the set element', () => {
    const r = topic({ for_each: call('toset', tuple(str('a', 9, 4), str('b', 9, 9))), name: ref('each', 'key') });
    assert.deepEqual((brief(expandResource(r, declarations())) as { topics: string[] }).topics, [
      'kafka_topic.t["a"] a @infra/topics.tf:9:4 p=undefined rf=undefined {}',
      'kafka_topic.t["b"] b @infra/topics.tf:9:9 p=undefined rf=undefined {}',
    ]);
  });

  it('over a map from a local: each.value’s attributes set partitions', () => {
    const topics = obj({ orders: obj({ partitions: num(12) }), audit: obj({ partitions: num(1) }) });
    const r = topic({ for_each: ref('local', 'topics'), name: ref('each', 'key'), partitions: ref('each', 'value', 'partitions') });
    const result = expandResource(r, declarations({ topics }));
    assert.deepEqual(
      result.kind === 'done' && result.topics.map((t) => [t.address, t.name, t.partitions]),
      // In the order the map is written.
      [
        ['kafka_topic.t["orders"]', 'orders', 12],
        ['kafka_topic.t["audit"]', 'audit', 1],
      ],
    );
  });

  it('for_each over something it cannot read is one info at the resource, no topic', () => {
    const r = topic({ for_each: { kind: 'unsupported', what: 'a conditional', range: at(4, 14) }, name: ref('each', 'key') });
    const result = brief(expandResource(r, declarations())) as { topics: string[]; problems: string[] };
    assert.deepEqual(result.topics, []);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0]!, /^infra\/topics\.tf:4:14 info could not compute the for_each of kafka_topic\.t: /);
  });

  it('in a module: addressed under module.x and located at the resource, inputs for variables', () => {
    const r = topic({ for_each: call('toset', ref('var', 'names')), name: ref('each', 'key') });
    const inputs = new Map([['names', { t: 'list' as const, items: [{ t: 'string' as const, v: 'm1' }] }]]);
    const result = expandResource(r, declarations(), { inputs, prefix: 'module.topics.' });
    assert.deepEqual((brief(result) as { topics: string[] }).topics, [
      'module.topics.kafka_topic.t["m1"] m1 @infra/topics.tf:1:1 p=undefined rf=undefined {}',
    ]);
  });
});

describe('expandResource: kafka_acl', () => {
  const acl = (attributes: PendingResource['attributes']): PendingResource => ({
    type: 'kafka_acl',
    name: 'a',
    file: 'infra/acl.tf',
    header: HEADER,
    attributes,
  });

  it('reads resource type and name, principal and operation', () => {
    const r = acl({
      resource_name: str('orders'),
      resource_type: str('Topic'),
      acl_principal: str('User:svc'),
      acl_operation: str('Read'),
    });
    assert.deepEqual((brief(expandResource(r, declarations())) as { acls: string[] }).acls, ['Topic:orders User:svc Read']);
  });

  it('without a resource_type it is an info naming the attribute', () => {
    const r = acl({ resource_name: str('orders') });
    assert.deepEqual((brief(expandResource(r, declarations())) as { problems: string[] }).problems, [
      'infra/acl.tf:1:1 info could not compute the resource_type of kafka_acl.a: it is not set',
    ]);
  });
});

describe('problem filters and server properties', () => {
  const r = topic({}, 'orders');
  const problem = (message: string, file = 'infra/topics.tf') => ({ file, line: 1, column: 1, severity: 'info' as const, message });

  it('isRootReadingProblem: about this resource as a root or from a module call, in its file', () => {
    assert.equal(isRootReadingProblem(problem('could not compute the topic name of kafka_topic.orders: x'), r), true);
    assert.equal(isRootReadingProblem(problem('could not compute the count of module.a-b.kafka_topic.orders: x'), r), true);
    assert.equal(isRootReadingProblem(problem('could not compute the topic name of kafka_topic.orders_v2: x'), r), false);
    assert.equal(isRootReadingProblem(problem('could not compute the topic name of kafka_topic.orders: x', 'other.tf'), r), false);
  });

  it('isModuleCallProblem: about the call’s topics, at the call', () => {
    assert.equal(
      isModuleCallProblem(problem('could not compute the topic name of module.t.kafka_topic.x: y', 'main.tf'), 'main.tf', 't'),
      true,
    );
    assert.equal(isModuleCallProblem(problem('the topics of module.t are not read: y', 'main.tf'), 'main.tf', 't'), true);
    assert.equal(isModuleCallProblem(problem('the topics of module.tt are not read', 'main.tf'), 'main.tf', 't'), false);
  });

  it('autoCreateTopicsIn: true only when set to true, either separator, any case', () => {
    assert.deepEqual(
      [
        'auto.create.topics.enable=true',
        '  auto.create.topics.enable : TRUE',
        'auto.create.topics.enable=false',
        'x=1\nlog.retention.hours=1',
        '# auto.create.topics.enable=true',
      ].map(autoCreateTopicsIn),
      [true, true, false, false, false],
    );
  });
});
