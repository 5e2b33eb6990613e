// Which formats parse with a code grammar, and which grammars each needs: the scan splits its work by
// the first (code files to the workers first) and loads only the second.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grammarsForFormats, needsCodeGrammar } from '../../../../src/core/extract/code/grammars';

test('code formats need a code grammar; config formats and HCL (its own runtime) do not', () => {
  for (const format of ['typescript', 'go', 'python', 'java', 'kotlin', 'csharp']) assert.equal(needsCodeGrammar(format), true, format);
  for (const format of ['yaml', 'hcl', 'json', 'properties', 'dotenv', 'sql', 'toml', 'other', 'constructor'])
    assert.equal(needsCodeGrammar(format), false, format);
});

test('the grammars a set of formats needs, each once', () => {
  assert.deepEqual(grammarsForFormats(['typescript', 'kotlin', 'java', 'yaml']), ['typescript', 'tsx', 'javascript', 'java', 'kotlin']);
  assert.deepEqual(grammarsForFormats(['hcl', 'yaml']), []);
});
