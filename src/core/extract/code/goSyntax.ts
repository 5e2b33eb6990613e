// How Go (tree-sitter-go) spells the expression shapes the code extractors read: interpreted and raw
// strings, `[]string{...}`, env helpers (`os.Getenv("X")`, `os.LookupEnv`, `getEnv("X", "d")`),
// `flag.String("name", default, usage)`, struct literal fields, `&x` / `*x`.
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

const ENV_HELPER = /^(?:[A-Za-z_]\w*\.)?[A-Za-z_]*(?:[Ee]nv|ENV)[A-Za-z_]*$/;
const FLAG_FN = /^(?:flag|pflag)\.(String|StringVar|StringP|StringVarP|StringSlice|StringSliceVar)$/;
const TRANSPARENT = new Set(['literal_element', 'parenthesized_expression', 'variadic_argument']);

export const goSyntax: LanguageSyntax = {
  lang: 'go',
  stringTypes: ['interpreted_string_literal', 'raw_string_literal'],
  // Struct fields count too: `cfg := Config{Brokers: "h:9092"}` resolves `cfg.Brokers`.
  declarationTypes: ['const_spec', 'var_spec', 'short_var_declaration', 'assignment_statement', 'keyed_element'],
  nodeTypes: [
    'interpreted_string_literal',
    'raw_string_literal',
    'const_spec',
    'var_spec',
    'short_var_declaration',
    'assignment_statement',
    'keyed_element',
    'call_expression',
    'composite_literal',
  ],
  declaration(node) {
    const type = node.type;
    if (type === 'keyed_element') {
      const key = unwrap(node.childForFieldName('key') ?? node.namedChild(0)!);
      const value = node.childForFieldName('value') ?? node.namedChild(1);
      // A field of a struct literal declared to a name: `cfg := Config{Brokers: b}` declares `cfg.Brokers`.
      let owner = node.parent?.parent?.parent ?? null; // keyed_element < literal_value < composite_literal < ...
      while (owner && (owner.type === 'unary_expression' || owner.type === 'expression_list')) owner = owner.parent;
      const ownerName =
        owner?.type === 'short_var_declaration' || owner?.type === 'assignment_statement'
          ? owner.childForFieldName('left')?.namedChild(0)
          : owner?.type === 'var_spec'
            ? owner.childForFieldName('name')
            : null;
      return key.type === 'identifier' && value && ownerName ? { name: `${ownerName.text}.${key.text}`, value } : undefined;
    }
    const spec = type === 'const_spec' || type === 'var_spec';
    const name = spec ? node.childForFieldName('name') : node.childForFieldName('left')?.namedChild(0);
    const value = node.childForFieldName(spec ? 'value' : 'right')?.namedChild(0);
    const nameType = name?.type;
    if (!name || !value || !(nameType === 'identifier' || (type === 'assignment_statement' && nameType === 'selector_expression')))
      return undefined;
    return { name: name.text.replace(/\s+/g, ''), value };
  },
  value: (node) => readValue(node),
  context: (node) => context(node),
  entries: (nodes) => goEntries(nodes),
  isList: (node) =>
    node.type === 'literal_value' &&
    node.parent?.type === 'composite_literal' &&
    node.parent.childForFieldName('type')?.type === 'slice_type',
  listItems: (node) =>
    (node.type === 'composite_literal' ? kids(node.childForFieldName('body') ?? node) : kids(node))
      .filter((n) => n.type === 'literal_element')
      .map(unwrap),
  unwrap,
  call: callOf,
  flag(node) {
    // Most calls are none: the callee is tested before the arguments are read.
    const fn = FLAG_FN.exec(calleeOf(node) ?? '');
    const call = fn ? callOf(node) : undefined;
    if (!call || !fn) return undefined;
    const at = /Var/.test(fn[1]) ? 1 : 0;
    const name = call.args[at] ? readValue(call.args[at]) : undefined;
    if (name?.kind !== 'string') return undefined;
    // StringP/StringVarP put a shorthand letter between the name and the default.
    const fallback = call.args[at + (/P$/.test(fn[1]) ? 2 : 1)];
    return { name: name.value, fallback };
  },
  fallback: () => undefined,
};

function unwrap(node: Node): Node {
  return unwrapTyped(node).node;
}

/** unwrap() with the type of the node it ends at (each read of a node's type is a call into the wasm). */
function unwrapTyped(node: Node): { node: Node; type: string } {
  let n = node;
  let type = n.type;
  for (;;) {
    if (TRANSPARENT.has(type) && n.namedChildCount >= 1) n = n.namedChild(0)!;
    else if (type === 'unary_expression' && /^[&*]$/.test(n.child(0)?.type ?? '')) n = n.childForFieldName('operand') ?? n;
    else return { node: n, type };
    type = n.type;
    if (type === 'unary_expression' && !/^[&*]$/.test(n.child(0)?.type ?? '')) return { node: n, type };
  }
}

/** A call's callee, whitespace-free (`os.Getenv`), without reading its arguments. */
function calleeOf(node: Node, type = node.type): string | undefined {
  if (type !== 'call_expression') return undefined;
  return node.childForFieldName('function')?.text.replace(/\s+/g, '');
}

function callOf(node: Node): ReturnType<LanguageSyntax['call']> {
  if (node.type !== 'call_expression') return undefined;
  const calleeNode = node.childForFieldName('function');
  const argsNode = node.childForFieldName('arguments');
  if (!calleeNode || !argsNode) return undefined;
  return callShape(calleeNode, argsNode);
}

function stringValue(node: Node, type = node.type): Value | undefined {
  if (type !== 'interpreted_string_literal' && type !== 'raw_string_literal') return undefined;
  const start = node.startIndex + 1;
  const end = Math.max(start, node.endIndex - 1);
  const text = node.text;
  const raw = text.slice(1, Math.max(1, text.length - 1));
  return {
    kind: 'string',
    value: type === 'raw_string_literal' ? raw : decodeEscapes(raw),
    start,
    end,
    node,
    interpolated: false,
    regex: false,
  };
}

function readValue(raw: Node): Value {
  const { node, type } = unwrapTyped(raw);
  const span = { start: node.startIndex, end: node.endIndex, node };
  switch (type) {
    case 'interpreted_string_literal':
    case 'raw_string_literal':
      return stringValue(node, type)!;
    case 'composite_literal': {
      const body = node.childForFieldName('body');
      if (node.childForFieldName('type')?.type !== 'slice_type' || !body) return { kind: 'unknown', ...span };
      return { kind: 'list', items: goSyntax.listItems(body).map(readValue), ...span };
    }
    case 'identifier':
      return { kind: 'ident', name: node.text, ...span };
    case 'selector_expression':
      return /^[\w.]+$/.test(node.text) ? { kind: 'ident', name: node.text, ...span } : { kind: 'unknown', ...span };
    case 'call_expression': {
      const call = ENV_HELPER.test(calleeOf(node, type) ?? '') ? callOf(node) : undefined;
      if (!call || call.args.length > 2) return { kind: 'unknown', ...span };
      const name = call.args[0] ? stringValue(call.args[0]) : undefined;
      if (name?.kind !== 'string') return { kind: 'unknown', ...span };
      const fallback = call.args[1] ? stringValue(call.args[1]) : undefined;
      if (call.args[1] && !fallback) return { kind: 'unknown', ...span };
      return { kind: 'env', name: name.value, fallback: fallback?.kind === 'string' ? fallback.value : undefined, ...span };
    }
  }
  return { kind: 'unknown', ...span };
}

function keyOf(node: Node): string | undefined {
  const { node: n, type } = unwrapTyped(node);
  const s = stringValue(n, type);
  if (s?.kind === 'string') return s.value;
  return type === 'identifier' || type === 'field_identifier' || type === 'selector_expression' ? n.text : undefined;
}

function context(list: Node): ValueContext {
  // A list is the body of its `[]string{...}` literal: the literal is what a key names.
  const node = list.type === 'literal_value' && list.parent ? list.parent : list;
  let child = node;
  let p = node.parent;
  const inner = unwrap(node);
  while (p && (sameNode(unwrap(p), inner) || p.type === 'expression_list')) {
    child = p;
    p = p.parent;
  }
  if (!p) return { envDefault: false };
  switch (p.type) {
    case 'keyed_element': {
      const keyNode = p.childForFieldName('key') ?? p.namedChild(0);
      if (keyNode?.startIndex === child.startIndex) return { envDefault: false, isKey: true };
      return { key: keyNode ? keyOf(keyNode) : undefined, envDefault: false };
    }
    case 'var_spec':
    case 'const_spec':
      return { key: p.childForFieldName('name')?.text, envDefault: false };
    case 'short_var_declaration':
    case 'assignment_statement': {
      const left = p.childForFieldName('left');
      return { key: left?.namedChild(0)?.text.replace(/\s+/g, ''), envDefault: false };
    }
    case 'argument_list': {
      const args = kids(p).filter((n) => n.type !== 'comment');
      const call = p.parent ? callOf(p.parent) : undefined;
      const flag = p.parent ? goSyntax.flag!(p.parent) : undefined;
      if (flag?.fallback?.startIndex === child.startIndex) return { key: flag.name, envDefault: false };
      if (args.length < 2 || args[1].startIndex !== child.startIndex) return { envDefault: false };
      return { key: keyOf(args[0]), envDefault: !!call && ENV_HELPER.test(call.callee) };
    }
  }
  return { envDefault: false };
}

/** Struct/map literal fields (`Brokers: ...`, `"group.id": ...`) and `cm.SetKey("k", v)` calls. */
function goEntries(nodes: NodesByType): Entry[] {
  const out: Entry[] = [];
  for (const n of nodesOf(nodes, 'keyed_element', 'call_expression')) {
    if (n.type === 'keyed_element') {
      const keyNode = n.childForFieldName('key') ?? n.namedChild(0);
      const value = n.childForFieldName('value') ?? n.namedChild(1);
      const key = keyNode ? keyOf(keyNode) : undefined;
      if (keyNode && value && key !== undefined) out.push({ key, keyNode, value, item: n });
    } else {
      const call = callOf(n);
      if (!call || !/\.SetKey$/.test(call.callee) || call.args.length !== 2) continue;
      const key = stringValue(call.args[0]);
      if (key?.kind === 'string') out.push({ key: key.value, keyNode: call.args[0], value: call.args[1], item: n });
    }
  }
  return out;
}

/** The direct fields of a struct literal's body. */
export function fieldsOf(body: Node): Entry[] {
  const out: Entry[] = [];
  for (const n of kids(body)) {
    if (n.type !== 'keyed_element') continue;
    const keyNode = n.childForFieldName('key') ?? n.namedChild(0);
    const value = n.childForFieldName('value') ?? n.namedChild(1);
    const key = keyNode ? keyOf(keyNode) : undefined;
    if (keyNode && value && key !== undefined) out.push({ key, keyNode, value, item: n });
  }
  return out;
}
