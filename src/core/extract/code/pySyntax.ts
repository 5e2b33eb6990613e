// How Python (tree-sitter-python) spells the expression shapes the code extractors read: strings with
// prefixes and triple quotes, f-strings, lists/tuples, `os.environ.get('X', 'd')` / `os.environ['X']` /
// `os.getenv`, `x or 'd'`, dict entries and keyword arguments.
import {
  callShape,
  decodeEscapes,
  nodesOf,
  type Entry,
  type LanguageSyntax,
  type NodesByType,
  type Value,
  type ValueContext,
} from './syntax';
import { kids, sameNode, type Node } from './tsQuery';

// os.environ.get / os.getenv / decouple's config / environs' env: name first, then an optional default.
const ENV_GET = /^(?:os\.)?(?:environ\.get|getenv)$|^(?:[A-Za-z_]\w*\.)?(?:config|env(?:\.str)?)$/;
const ENV_MAP = /^(?:os\.)?environ$/;
const ENV_CALL = /(?:getenv|environ\.get|[A-Za-z_]*[Ee]nv[A-Za-z_]*|[A-Za-z_]*ENV[A-Za-z_]*|config)$/;

export const pySyntax: LanguageSyntax = {
  lang: 'python',
  stringTypes: ['string'],
  // Parameter defaults count too: `def connect(bootstrap='h:9092')`.
  declarationTypes: ['assignment', 'default_parameter', 'typed_default_parameter'],
  nodeTypes: ['string', 'assignment', 'default_parameter', 'typed_default_parameter', 'pair', 'keyword_argument', 'call'],
  declaration(node) {
    const assignment = node.type === 'assignment';
    const name = node.childForFieldName(assignment ? 'left' : 'name');
    const value = node.childForFieldName(assignment ? 'right' : 'value');
    return name && value && (name.type === 'identifier' || name.type === 'attribute') ? { name: name.text, value } : undefined;
  },
  value: (node) => readValue(node),
  context: (node) => context(node),
  entries: (nodes) => pyEntries(nodes),
  isList: (node) => node.type === 'list' || node.type === 'tuple',
  listItems: (node) => kids(node).filter((n) => n.type !== 'comment'),
  unwrap,
  call: callOf,
  fallback(node) {
    if (node.type !== 'boolean_operator' || node.childForFieldName('operator')?.type !== 'or') return undefined;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    return left && right ? { left, right } : undefined;
  },
};

function unwrap(node: Node): Node {
  return unwrapTyped(node).node;
}

/** unwrap() with the type of the node it ends at (each read of a node's type is a call into the wasm). */
function unwrapTyped(node: Node): { node: Node; type: string } {
  let n = node;
  let type = n.type;
  while (type === 'parenthesized_expression' && n.namedChildCount === 1) {
    n = n.namedChild(0)!;
    type = n.type;
  }
  return { node: n, type };
}

function callOf(node: Node): ReturnType<LanguageSyntax['call']> {
  if (node.type !== 'call') return undefined;
  const calleeNode = node.childForFieldName('function');
  const argsNode = node.childForFieldName('arguments');
  if (!calleeNode || !argsNode || argsNode.type !== 'argument_list') return undefined;
  return callShape(calleeNode, argsNode);
}

function stringValue(node: Node, type = node.type): Value | undefined {
  if (type !== 'string') return undefined;
  const open = node.firstChild;
  const close = node.lastChild;
  if (!open || !close || open.type !== 'string_start' || close.type !== 'string_end') return undefined;
  const start = open.endIndex;
  const end = Math.max(start, close.startIndex);
  const prefix = open.text.replace(/['"]+$/, '');
  // Only f- and t-strings have interpolations (the grammar's scanner reads `{` as one after an f/F/t/T prefix only).
  const interpolated = /[fFtT]/.test(prefix) && kids(node).some((k) => k.type === 'interpolation');
  const raw = node.text.slice(start - node.startIndex, end - node.startIndex);
  return { kind: 'string', value: /[rR]/.test(prefix) ? raw : decodeEscapes(raw), start, end, node, interpolated, regex: false };
}

function readValue(raw: Node): Value {
  const { node, type } = unwrapTyped(raw);
  const span = { start: node.startIndex, end: node.endIndex, node };
  switch (type) {
    case 'string':
      return stringValue(node, type) ?? { kind: 'unknown', ...span };
    case 'list':
    case 'tuple':
      return { kind: 'list', items: pySyntax.listItems(node).map(readValue), ...span };
    case 'identifier':
      return { kind: 'ident', name: node.text, ...span };
    case 'attribute':
      return /^[\w.]+$/.test(node.text) ? { kind: 'ident', name: node.text, ...span } : { kind: 'unknown', ...span };
    case 'subscript': {
      const map = node.childForFieldName('value');
      const key = node.childForFieldName('subscript');
      const name = key ? stringValue(key) : undefined;
      if (map && ENV_MAP.test(map.text) && name?.kind === 'string' && !name.interpolated) return { kind: 'env', name: name.value, ...span };
      return { kind: 'unknown', ...span };
    }
    case 'call': {
      const call = callOf(node);
      if (!call || !ENV_GET.test(call.callee)) return { kind: 'unknown', ...span };
      const name = call.args[0] ? stringValue(call.args[0]) : undefined;
      if (name?.kind !== 'string' || name.interpolated) return { kind: 'unknown', ...span };
      const second = call.args[1];
      const defaultNode =
        second?.type === 'keyword_argument'
          ? second.childForFieldName('name')?.text === 'default'
            ? second.childForFieldName('value')
            : null
          : second;
      const fallback = defaultNode ? stringValue(defaultNode) : undefined;
      if (defaultNode && (fallback?.kind !== 'string' || fallback.interpolated)) return { kind: 'env', name: name.value, ...span };
      return { kind: 'env', name: name.value, fallback: fallback?.kind === 'string' ? fallback.value : undefined, ...span };
    }
    case 'boolean_operator': {
      const fb = pySyntax.fallback(node);
      if (fb) {
        const left = readValue(fb.left);
        const right = readValue(fb.right);
        if (left.kind === 'env' && left.fallback === undefined && right.kind === 'string' && !right.interpolated)
          return { kind: 'env', name: left.name, fallback: right.value, ...span };
      }
      return { kind: 'unknown', ...span };
    }
  }
  return { kind: 'unknown', ...span };
}

function keyOf(node: Node): string | undefined {
  const s = stringValue(node);
  if (s?.kind === 'string') return s.interpolated ? undefined : s.value;
  return node.type === 'identifier' || node.type === 'attribute' ? node.text : undefined;
}

function context(node: Node): ValueContext {
  let child = node;
  let p = node.parent;
  const inner = unwrap(node);
  while (p && sameNode(unwrap(p), inner)) {
    child = p;
    p = p.parent;
  }
  if (!p) return { envDefault: false };
  switch (p.type) {
    case 'pair': {
      const keyNode = p.childForFieldName('key');
      if (keyNode?.startIndex === child.startIndex) return { envDefault: false, isKey: true };
      return { key: keyNode ? keyOf(keyNode) : undefined, envDefault: false };
    }
    case 'default_parameter':
    case 'typed_default_parameter':
      return { key: p.childForFieldName('name')?.text, envDefault: false };
    case 'keyword_argument': {
      const name = p.childForFieldName('name')?.text;
      const call = p.parent?.parent ? callOf(p.parent.parent) : undefined;
      if (name === 'default' && call && ENV_CALL.test(call.callee)) {
        const first = call.args[0] ? stringValue(call.args[0]) : undefined;
        if (first?.kind === 'string') return { key: first.value, envDefault: true };
      }
      return { key: name, envDefault: false };
    }
    case 'assignment': {
      const left = p.childForFieldName('left');
      if (!left) return { envDefault: false };
      if (left.type === 'subscript') {
        const k = left.childForFieldName('subscript');
        return { key: k ? keyOf(k) : undefined, envDefault: false };
      }
      return { key: left.text, envDefault: false };
    }
    case 'boolean_operator': {
      const fb = pySyntax.fallback(p);
      if (fb && fb.right.startIndex === child.startIndex) {
        const left = readValue(fb.left);
        if (left.kind === 'env') return { key: left.name, envDefault: true };
        return context(p);
      }
      return { envDefault: false };
    }
    case 'argument_list': {
      const args = kids(p).filter((n) => n.type !== 'comment');
      if (args.length < 2 || args[1].startIndex !== child.startIndex) return { envDefault: false };
      const call = p.parent ? callOf(p.parent) : undefined;
      return { key: keyOf(args[0]), envDefault: !!call && ENV_CALL.test(call.callee) };
    }
  }
  return { envDefault: false };
}

/** Dict entries, keyword arguments, and `conf['key'] = value` assignments. */
function pyEntries(nodes: NodesByType): Entry[] {
  const out: Entry[] = [];
  for (const n of nodesOf(nodes, 'pair', 'keyword_argument', 'assignment')) {
    if (n.type === 'pair' && n.parent?.type === 'dictionary') {
      const keyNode = n.childForFieldName('key');
      const value = n.childForFieldName('value');
      const key = keyNode ? keyOf(keyNode) : undefined;
      if (keyNode && value && key !== undefined) out.push({ key, keyNode, value, item: n });
    } else if (n.type === 'keyword_argument') {
      const keyNode = n.childForFieldName('name');
      const value = n.childForFieldName('value');
      if (keyNode && value) out.push({ key: keyNode.text, keyNode, value, item: n });
    } else if (n.type === 'assignment') {
      const left = n.childForFieldName('left');
      const value = n.childForFieldName('right');
      const keyNode = left?.type === 'subscript' ? left.childForFieldName('subscript') : undefined;
      const key = keyNode ? keyOf(keyNode) : undefined;
      if (keyNode && value && key !== undefined && keyNode.type === 'string') out.push({ key, keyNode, value, item: n });
    }
  }
  return out;
}

/** The direct entries of one dict literal. */
export function dictPairs(dict: Node): Entry[] {
  const out: Entry[] = [];
  for (const n of kids(dict)) {
    if (n.type !== 'pair') continue;
    const keyNode = n.childForFieldName('key');
    const value = n.childForFieldName('value');
    const key = keyNode ? keyOf(keyNode) : undefined;
    if (keyNode && value && key !== undefined) out.push({ key, keyNode, value, item: n });
  }
  return out;
}
