import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { evaluate, forEachInstances, type Declared, type EvalContext } from '../../../src/core/terraform/evaluate';
import type { HclValue } from '../../../src/core/terraform/hclValue';

const at = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };
const str = (value: string): HclValue => ({ kind: 'string', value, range: at });
const ref = (root: string, ...path: Array<string | number>): HclValue => ({ kind: 'ref', root, path, range: at });
const call = (name: string, ...args: HclValue[]): HclValue => ({ kind: 'call', name, args, range: at });
const obj = (entries: Record<string, HclValue>): HclValue => ({
  kind: 'object',
  entries: Object.entries(entries).map(([k, value]) => ({ key: str(k), value })),
});
const scope = (locals: Record<string, HclValue>): EvalContext => ({
  file: 'main.tf',
  locals: new Map(Object.entries(locals).map(([k, value]): [string, Declared] => [k, { file: 'locals.tf', value }])),
  variables: new Map(),
});
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (k, x) => (k === 'origin' || k === 'keyOrigin' ? undefined : x)));

describe('evaluate', () => {
  it('keys() sorts and keeps where each key was written; merge() lets later maps win', () => {
    const s = scope({ a: obj({ z: str('1'), b: str('2') }), c: obj({ b: str('3') }) });
    const keys = evaluate(call('keys', ref('local', 'a')), s);
    assert.deepEqual(plain(keys), {
      t: 'list',
      items: [
        { t: 'string', v: 'b' },
        { t: 'string', v: 'z' },
      ],
    });
    assert.equal(keys.t === 'list' && keys.items[0].t === 'string' ? keys.items[0].origin?.file : undefined, 'locals.tf');
    assert.deepEqual(plain(evaluate(call('merge', ref('local', 'a'), ref('local', 'c')), s)), {
      t: 'map',
      entries: [
        { key: 'z', value: { t: 'string', v: '1' } },
        { key: 'b', value: { t: 'string', v: '3' } },
      ],
    });
  });

  it('indexes maps and lists, and says what does not exist', () => {
    const s = scope({ m: obj({ list: { kind: 'tuple', items: [str('x'), str('y')] } }) });
    assert.deepEqual(plain(evaluate(ref('local', 'm', 'list', 1), s)), { t: 'string', v: 'y' });
    assert.deepEqual(evaluate(ref('local', 'm', 'nope'), s), { t: 'unknown', why: 'local.m.nope does not exist' });
  });

  it('ends a cycle of locals as unknown', () => {
    const s = scope({ a: ref('local', 'b'), b: ref('local', 'a') });
    assert.deepEqual(evaluate(ref('local', 'a'), s), { t: 'unknown', why: 'locals refer to each other in a cycle' });
  });

  it('marks undeclared names as missing, and other references as not evaluated', () => {
    assert.deepEqual(evaluate(ref('var', 'x'), scope({})), { t: 'unknown', why: 'var.x is not declared in this folder', missing: 'var.x' });
    assert.deepEqual(evaluate(ref('aws_msk_cluster', 'c', 'arn'), scope({})), {
      t: 'unknown',
      why: 'a reference to aws_msk_cluster.c is not evaluated',
    });
  });

  it('for_each over a set drops duplicates; over numbers it uses their text', () => {
    const set = evaluate(call('toset', { kind: 'tuple', items: [str('a'), str('b'), str('a')] }), scope({}));
    assert.deepEqual(
      (forEachInstances(set) as Array<{ key: string }>).map((i) => i.key),
      ['a', 'b'],
    );
    const numbers = forEachInstances({ t: 'list', items: [{ t: 'number', v: 1 }] });
    assert.deepEqual(plain(numbers), [{ key: '1', each: { key: { t: 'string', v: '1' }, value: { t: 'string', v: '1' } } }]);
    assert.deepEqual(forEachInstances({ t: 'string', v: 'x' }), {
      t: 'unknown',
      why: 'for_each over something that is not a map or a set',
    });
  });
});
