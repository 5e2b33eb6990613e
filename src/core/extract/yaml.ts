// YAML (`.yml`/`.yaml`): Spring application.yml, docker-compose, Kubernetes manifests, Helm values,
// Strimzi resources. Multi-document streams; broken YAML still yields what its partial tree holds.
// Helm templates (`{{ ... }}`) are not YAML: they are read line by line instead.
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node as YamlNode, Scalar, type ScalarTag, type Tags } from 'yaml';
import { emptyFacts, type FileFacts } from '../model/types';
import type { ExtractOptions } from './options';
import { ConfigRecorder } from './config/record';
import { readTree, type ScalarNode, type TreeNode } from './config/tree';
import { scanTemplateLines } from './config/template';
import { LineIndex } from './text';

const MAX_PROBLEMS = 10;
const TEMPLATE_LINE = /(?:^|\n)[ \t]*\{\{/;

export function extractYaml(file: string, text: string, opts: ExtractOptions): FileFacts {
  const facts = emptyFacts(file, 'yaml');
  const index = new LineIndex(text);
  const recorder = new ConfigRecorder(file, text, index, opts, facts);
  const templated = text.includes('{{');
  if (templated && (TEMPLATE_LINE.test(text) || /(?:^|\/)templates\//.test(file))) {
    scanTemplateLines(recorder, 0, text.length);
    return facts;
  }
  // uniqueKeys off: the library's duplicate-key check is quadratic in a map's size, and a repeated key
  // is not what this scan is for.
  const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, customTags: withPlainStringFirst });
  const list = Array.isArray(docs) ? docs : [];
  if (templated && list.some((d) => d.errors.length > 0)) {
    scanTemplateLines(recorder, 0, text.length);
    return facts;
  }
  for (const doc of list) {
    for (const err of doc.errors) {
      if (facts.problems.length >= MAX_PROBLEMS) break;
      const at = index.position(Math.min(err.pos[0], text.length));
      facts.problems.push({ file, line: at.line, column: at.column, severity: 'warning', message: `invalid YAML: ${err.message}` });
    }
    readTree(recorder, toTree(doc.contents as YamlNode | null, text));
  }
  return facts;
}

// The library resolves every plain scalar by trying each default tag's regex in turn (null, bool, int…,
// ~10% of a YAML file's cost) before falling back to a string. Most plain scalars (keys, names, hosts)
// start with a character none of those tags (YAML 1.2 core or 1.1) can start with: a string tag that
// claims exactly those, tried first, resolves them the same without the other tests.
const MAYBE_TYPED_FIRST = /[-+.0-9~<eE]/; // numbers (1.1 also `e5`), `.inf`, `~`, `<<`
const MAYBE_TYPED_WORD = /[nNtTfFyYoO]/; // null/true/false/yes/no/on/off/y/n: at most 5 characters
function certainlyString(value: string): boolean {
  if (value === '') return false;
  const first = value[0];
  if (MAYBE_TYPED_FIRST.test(first)) return false;
  return value.length > 5 || !MAYBE_TYPED_WORD.test(first);
}

function withPlainStringFirst(tags: Tags): Tags {
  const str = tags.find(
    (t): t is ScalarTag => typeof t === 'object' && t.tag === 'tag:yaml.org,2002:str' && !('collection' in t && t.collection),
  );
  if (!str) return tags;
  const plain: ScalarTag = { tag: str.tag, default: true, resolve: str.resolve, test: { test: certainlyString } as unknown as RegExp };
  return [plain, ...tags];
}

function toTree(node: YamlNode | null | undefined, text: string): TreeNode | null {
  if (!node) return null;
  if (isScalar(node)) return scalarNode(node, text);
  if (isMap(node)) {
    const entries: Array<{ key: string; keyOffset: number; value: TreeNode | null }> = [];
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || pair.key.value === null || !pair.key.range) continue;
      const key = String(pair.key.value);
      const keyOffset = pair.key.range[0] + (isQuoted(pair.key) ? 1 : 0);
      entries.push({ key, keyOffset, value: toTree(pair.value as YamlNode | null, text) });
    }
    return { kind: 'map', entries };
  }
  if (isSeq(node)) {
    const items: TreeNode[] = [];
    for (const item of node.items) {
      const t = toTree(item as YamlNode | null, text);
      if (t) items.push(t);
    }
    return { kind: 'seq', items };
  }
  // Aliases are not followed: the anchored value was read where it is written.
  return null;
}

function isQuoted(node: Scalar): boolean {
  return node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
}

function scalarNode(node: Scalar, text: string): ScalarNode | null {
  const range = node.range;
  if (!range) return null;
  const [start, valueEnd] = range;
  const base = { sourceStart: start, sourceEnd: valueEnd };
  if (node.value === null || node.value === undefined) {
    return { kind: 'scalar', value: null, offset: start, length: 0, exact: false, ...base };
  }
  if (isQuoted(node)) {
    const value = String(node.value);
    const offset = start + 1;
    const length = Math.max(0, valueEnd - start - 2);
    return { kind: 'scalar', value, offset, length, exact: length === value.length && text.startsWith(value, offset), ...base };
  }
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
    const nl = text.indexOf('\n', start);
    const contentStart = nl < 0 || nl >= valueEnd ? valueEnd : nl + 1;
    return {
      kind: 'scalar',
      value: String(node.value),
      offset: start,
      length: valueEnd - start,
      exact: false,
      block: { contentStart },
      ...base,
    };
  }
  // Plain: the source keeps numbers as written (`1.10`, `0x1F`); a folded multi-line plain is not verbatim.
  const source = text.slice(start, valueEnd);
  const verbatim = !source.includes('\n');
  const value = verbatim ? source : String(node.value);
  return { kind: 'scalar', value, offset: start, length: valueEnd - start, exact: verbatim, ...base };
}
