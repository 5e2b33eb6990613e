// The host's record of the views it holds (src/vscode/engine/viewDelta.ts): the latest view of each folder
// and any older one a request in flight named as its base stay until nothing can refer to them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReceivedViews, SentViews } from '../../src/vscode/engine/viewDelta';
import type { ViewPart } from '../../src/vscode/engine/protocol';

const parts = (tag: string): ViewPart[] => [0, 1, 2].map((i) => ({ path: [tag, String(i)], value: i }));

test('the host holds the latest view, and an older one while a request that named it is in flight', () => {
  const views = new ReceivedViews();
  assert.equal(views.pinLatest('a'), undefined, 'nothing held: the first request names no base');
  views.keep('a', 1, parts('one'));
  const base = views.pinLatest('a');
  assert.equal(base, 1);
  views.keep('a', 2, parts('two'));
  assert.deepEqual(views.held('a'), [1, 2], 'view 1 is pinned by the request in flight');
  assert.deepEqual(views.part('a', 1, 2), { path: ['one', '2'], value: 2 });
  views.unpin('a', base);
  assert.deepEqual(views.held('a'), [2]);
  assert.equal(views.part('a', 1, 0), undefined);
  // Two requests naming the same base: it stays until both settle.
  const x = views.pinLatest('a');
  const y = views.pinLatest('a');
  views.keep('a', 3, parts('three'));
  views.unpin('a', x);
  assert.deepEqual(views.held('a'), [2, 3]);
  views.unpin('a', y);
  assert.deepEqual(views.held('a'), [3]);
  // An older view finishing late does not replace the latest.
  views.keep('a', 2, parts('two again'));
  assert.equal(views.pinLatest('a'), 3);
});

test('folders are apart; a closed folder or a new worker leaves nothing to refer to', () => {
  const views = new ReceivedViews();
  views.keep('a', 1, parts('a'));
  views.keep('b', 2, parts('b'));
  assert.deepEqual([views.held('a'), views.held('b')], [[1], [2]]);
  views.forget('a');
  assert.deepEqual([views.held('a'), views.pinLatest('a')], [[], undefined]);
  views.clear();
  assert.deepEqual([views.held('b'), views.pinLatest('b')], [[], undefined]);
});

test('the worker numbers views across folders and keeps the digests of the last four of each', () => {
  const sent = new SentViews();
  const first = sent.begin('a', undefined);
  assert.deepEqual(first, { view: 1, baseDigests: undefined });
  sent.remember('a', first.view, ['d1']);
  assert.deepEqual(sent.begin('a', 1), { view: 2, baseDigests: ['d1'] });
  assert.deepEqual(sent.begin('b', 1), { view: 3, baseDigests: undefined }, 'another folder never shares a base');
  for (const view of [4, 5, 6, 7]) sent.remember('a', view, [`d${view}`]);
  assert.equal(sent.begin('a', 1).baseDigests, undefined, 'view 1 is the fifth oldest: forgotten');
  assert.deepEqual(sent.begin('a', 4).baseDigests, ['d4']);
  sent.forget('a');
  assert.equal(sent.begin('a', 7).baseDigests, undefined);
});
