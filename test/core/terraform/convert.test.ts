// HCL expressions turned into plain HclValues by the real grammar: what is kept, and what is
// marked unsupported (with its place) instead of guessed.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { blockAttributes, blockBody, blockHeader, childBlocks } from '../../../src/core/terraform/convert';
import type { HclValue } from '../../../src/core/terraform/hclValue';
import { blocksOf } from './hclTree';

/** The attributes of the first block of `body` (wrapped in `locals { … }`). */
async function attributes(body: string): Promise<Record<string, HclValue>> {
  const { blocks, index } = await blocksOf(`locals {\n${body}\n}\n`);
  return blockAttributes(blocks[0]!, index);
}

/** An HclValue without ranges, for comparing shapes. */
function shape(v: HclValue): unknown {
  return JSON.parse(JSON.stringify(v, (k, x) => (k === 'range' ? undefined : x)));
}

const span = (v: HclValue): string =>
  'range' in v ? `${v.range.start.line}:${v.range.start.column}-${v.range.end.line}:${v.range.end.column}` : '-';

describe('toHclValue (through blockAttributes)', () => {
  it('literals: strings as written (escapes kept), numbers, bools, null, the empty string', async () => {
    const a = await attributes('s = "a\\\\nb"\nn = 12.5\nt = true\nf = false\nz = null\ne = ""');
    assert.deepEqual(Object.fromEntries(Object.entries(a).map(([k, v]) => [k, shape(v)])), {
      s: { kind: 'string', value: 'a\\\\nb' },
      n: { kind: 'number', value: 12.5 },
      t: { kind: 'bool', value: true },
      f: { kind: 'bool', value: false },
      z: { kind: 'null' },
      e: { kind: 'string', value: '' },
    });
  });

  it('a string’s range covers its content without the quotes; an empty one is just after the quote', async () => {
    const a = await attributes('name = "orders"\ne = ""');
    assert.deepEqual([span(a.name!), span(a.e!)], ['2:9-2:15', '3:6-3:6']);
  });

  it('references keep their root and steps: attributes, literal indexes, legacy .0 indexes', async () => {
    const a = await attributes('a = local.topics.orders\nb = var.list[2]\nc = var.m["k"]\nd = each.value.0');
    assert.deepEqual(Object.values(a).map(shape), [
      { kind: 'ref', root: 'local', path: ['topics', 'orders'] },
      { kind: 'ref', root: 'var', path: ['list', 2] },
      { kind: 'ref', root: 'var', path: ['m', 'k'] },
      { kind: 'ref', root: 'each', path: ['value', 0] },
    ]);
  });

  it('templates, tuples, objects (bare keys are names) and calls', async () => {
    const a = await attributes('t = "${var.env}-orders"\nl = ["a", 1]\no = { orders = 3, "x.y" = "z" }\nc = toset(["a"])');
    assert.deepEqual(Object.values(a).map(shape), [
      {
        kind: 'template',
        parts: [
          { kind: 'ref', root: 'var', path: ['env'] },
          { kind: 'string', value: '-orders' },
        ],
      },
      {
        kind: 'tuple',
        items: [
          { kind: 'string', value: 'a' },
          { kind: 'number', value: 1 },
        ],
      },
      {
        kind: 'object',
        entries: [
          { key: { kind: 'string', value: 'orders' }, value: { kind: 'number', value: 3 } },
          { key: { kind: 'string', value: 'x.y' }, value: { kind: 'string', value: 'z' } },
        ],
      },
      { kind: 'call', name: 'toset', args: [{ kind: 'tuple', items: [{ kind: 'string', value: 'a' }] }] },
    ]);
  });

  it('for expressions keep their names, collection and whether an if filters them', async () => {
    const a = await attributes('l = [for t in var.ts : upper(t)]\nm = { for k, v in local.m : k => v.p if v.on }');
    assert.deepEqual(shape(a.l!), {
      kind: 'for',
      valueName: 't',
      collection: { kind: 'ref', root: 'var', path: ['ts'] },
      valueExpr: { kind: 'call', name: 'upper', args: [{ kind: 'ref', root: 't', path: [] }] },
      filtered: false,
    });
    assert.deepEqual(shape(a.m!), {
      kind: 'for',
      keyName: 'k',
      valueName: 'v',
      collection: { kind: 'ref', root: 'local', path: ['m'] },
      keyExpr: { kind: 'ref', root: 'k', path: [] },
      valueExpr: { kind: 'ref', root: 'v', path: ['p'] },
      filtered: true,
    });
  });

  it('what it does not evaluate is unsupported, named, at its place', async () => {
    const a = await attributes(
      'c = var.on ? "a" : "b"\no = var.n + 1\ns = var.list[*].id\ni = var.m[var.k]\ng = { for k, v in var.m : k => v... }\nh = <<EOT\nx\nEOT\nd = "%{ if true }x%{ endif }"\nx = f(var.l...)',
    );
    assert.deepEqual(
      Object.entries(a).map(([k, v]) => `${k} ${v.kind === 'unsupported' ? v.what : v.kind} ${span(v)}`),
      [
        'c a conditional 2:5-2:23',
        'o an operation 3:5-3:14',
        's a splat 4:5-4:19',
        'i an index that is not a literal 5:5-5:17',
        'g a grouping for expression (...) 6:5-6:38',
        'h a heredoc 7:5-9:4',
        'd a template directive 10:6-10:29',
        'x f(...) with an expanded argument 11:5-11:16',
      ],
    );
  });

  it('a malformed attribute is unsupported where the parser recovered, never a throw; the one before it still reads', async () => {
    const a = await attributes('ok = "fine"\nbad = = 3\nworse = [1, \n');
    assert.deepEqual(shape(a.ok!), { kind: 'string', value: 'fine' });
    // The grammar recovers from `= = 3` by reading the rest as a heredoc missing its `<<`: unsupported, so
    // nothing that depends on it is guessed (extractHcl reports the parse error at its line and column).
    assert.deepEqual([a.bad!.kind, a.bad!.kind === 'unsupported' && a.bad!.what, span(a.bad!)], ['unsupported', 'a heredoc', '3:7-7:1']);
    assert.deepEqual(Object.keys(a), ['ok', 'bad']);
  });
});

describe('block helpers', () => {
  it('blockHeader: the type, the labels (quoted or bare), and where the header ends', async () => {
    const text = 'resource "kafka_topic" "orders" {\n  name = "orders"\n}\nmodule topics {\n}\nresource "x" "" {}\n';
    const { blocks } = await blocksOf(text);
    assert.deepEqual(
      blocks.map((b) => blockHeader(b)),
      [
        { type: 'resource', labels: ['kafka_topic', 'orders'], end: 31 },
        { type: 'module', labels: ['topics'], end: text.indexOf('topics') + 6 },
        { type: 'resource', labels: ['x', ''], end: text.lastIndexOf('""') + 2 },
      ],
    );
  });

  it('blockBody and childBlocks: what sits directly inside, nested blocks by type', async () => {
    const { blocks } = await blocksOf(
      'resource "aws_msk_cluster" "c" {\n  cluster_name = "c"\n  encryption_info {\n    encryption_in_transit { client_broker = "TLS" }\n  }\n  tags = {}\n}\n',
    );
    const c = blocks[0]!;
    assert.deepEqual(
      blockBody(c).map((n) => `${n.type} ${n.namedChild(0)?.text}`),
      ['attribute cluster_name', 'block encryption_info', 'attribute tags'],
    );
    assert.equal(childBlocks(c, 'encryption_info').length, 1);
    assert.equal(childBlocks(c, 'encryption_in_transit').length, 0);
    assert.equal(childBlocks(childBlocks(c, 'encryption_info')[0]!, 'encryption_in_transit').length, 1);
  });
});
