// The HCL runtime: loaded once, found in node_modules when no copy sits beside the code, and its
// error query finds where a malformed file goes wrong.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GRAMMAR_WASM, hclRuntime, hclWasmFiles, loadHclRuntime, RUNTIME_WASM } from '../../../src/core/terraform/parser';

describe('HCL runtime', () => {
  it('the runtime and grammar wasm files exist where the build copies them from', () => {
    const files = hclWasmFiles();
    assert.deepEqual(
      files.map((f) => path.basename(f)),
      [RUNTIME_WASM, GRAMMAR_WASM],
    );
    for (const f of files) assert.ok(fs.statSync(f).size > 0, f);
  });

  it('loads once: every call shares one runtime, which hclRuntime() then returns', async () => {
    const [a, b] = await Promise.all([loadHclRuntime(), loadHclRuntime()]);
    assert.equal(a, b);
    assert.equal(hclRuntime(), a);
  });

  it('the error query finds where a malformed block stops parsing', async () => {
    const { parser, queries } = await loadHclRuntime();
    const tree = parser.parse('a = "x"\nb {\n  c = = 1\n')!;
    const found = queries.errors
      .captures(tree.rootNode)
      .map((c) => `${c.name} ${c.node.startPosition.row + 1}:${c.node.startPosition.column + 1}`);
    tree.delete();
    // One ERROR node: the block from where it stops parsing (extractHcl narrows it to the token).
    assert.deepEqual(found, ['error 2:1']);
  });

  it('the values query captures keyed strings, templates and tuples', async () => {
    const { parser, queries } = await loadHclRuntime();
    const tree = parser.parse('a = "k1:9092"\nb = "${var.x}:9092"\nc = ["k2:9092"]\nd = 3\n')!;
    const caps = queries.values.captures(tree.rootNode).map((c) => `${c.name}=${c.node.text}`);
    tree.delete();
    assert.deepEqual(caps, ['key=a', 'string=k1:9092', 'key=b', 'template="${var.x}:9092"', 'key=c', 'tuple=["k2:9092"]']);
  });
});
