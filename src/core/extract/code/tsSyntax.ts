// How TypeScript/JavaScript (tree-sitter-typescript / -tsx / -javascript) spells the expression shapes
// the code extractors read: strings, template literals, regexes, arrays, `process.env.X` (with `??`/`||`
// defaults), object entries, calls.
import type { CodeLanguage } from './grammars';
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

const ENV_MEMBER = /^(?:process\.env|import\.meta\.env)\.([A-Za-z_$][\w$]*)$/;
const ENV_SUBSCRIPT = /^(?:process\.env|import\.meta\.env)$/;
const WRAPPERS = new Set([
  'parenthesized_expression',
  'non_null_expression',
  'as_expression',
  'satisfies_expression',
  'type_assertion',
  'await_expression',
]);
const DECLARATION_FIELDS: Record<string, [string, string]> = {
  assignment_expression: ['left', 'right'],
  assignment_pattern: ['left', 'right'],
  field_definition: ['property', 'value'],
  required_parameter: ['pattern', 'value'],
  optional_parameter: ['pattern', 'value'],
  pair: ['key', 'value'],
};
const ENV_CALL = /(?:getenv|Getenv|environ\.get|getOrDefault|[A-Za-z_]*[Ee]nv[A-Za-z_]*|[A-Za-z_]*ENV[A-Za-z_]*)$/;

export function tsSyntax(lang: CodeLanguage): LanguageSyntax {
  const fieldDefinition = lang === 'javascript' ? 'field_definition' : 'public_field_definition';
  const parameter = lang === 'javascript' ? [] : ['required_parameter', 'optional_parameter'];
  const syntax: LanguageSyntax = {
    lang,
    stringTypes: ['string', 'template_string'],
    // Parameter defaults and object fields count too: `function connect(brokers = 'h:9092')`, `cfg.brokers`.
    declarationTypes: ['variable_declarator', fieldDefinition, 'assignment_expression', 'assignment_pattern', ...parameter, 'pair'],
    nodeTypes: [
      'string',
      'template_string',
      'variable_declarator',
      fieldDefinition,
      'assignment_expression',
      'assignment_pattern',
      ...parameter,
      'pair',
      'shorthand_property_identifier',
      'call_expression',
    ],
    declaration(node) {
      const [nameField, valueField] = DECLARATION_FIELDS[node.type] ?? ['name', 'value'];
      const name = node.childForFieldName(nameField);
      const value = node.childForFieldName(valueField);
      if (!name || !value || !/^(identifier|property_identifier|member_expression)$/.test(name.type)) return undefined;
      if (node.type !== 'pair') return { name: name.text.replace(/\s+/g, ''), value };
      // A field of an object literal declared to a name: `const cfg = { brokers }` declares `cfg.brokers`;
      // `const TOPICS = { orders: { created: 'x' } } as const` declares `TOPICS.orders.created`.
      const owned = ownerPath(node);
      return owned ? { name: `${owned}.${name.text}`, value } : undefined;
    },
    value: (node) => readValue(node, syntax),
    context: (node) => context(node, syntax),
    entries: (nodes) => objectEntries(nodes),
    isList: (node) => node.type === 'array',
    listItems: (node) => kids(node).filter((n) => n.type !== 'comment'),
    unwrap,
    call(node) {
      const type = node.type;
      if (type !== 'call_expression' && type !== 'new_expression') return undefined;
      const calleeNode = node.childForFieldName(type === 'new_expression' ? 'constructor' : 'function');
      const argsNode = node.childForFieldName('arguments');
      if (!calleeNode || !argsNode) return undefined;
      return callShape(calleeNode, argsNode);
    },
    fallback(node) {
      if (node.type !== 'binary_expression') return undefined;
      const op = node.childForFieldName('operator')?.type;
      if (op !== '??' && op !== '||') return undefined;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      return left && right ? { left, right } : undefined;
    },
  };
  return syntax;
}

/** The dotted name of the object literal a pair belongs to (`TOPICS`, `TOPICS.orders`), through `as const`. */
function ownerPath(pair: Node): string | undefined {
  const path: string[] = [];
  let obj = pair.parent;
  for (let depth = 0; obj?.type === 'object' && depth < 4; depth++) {
    let up = obj.parent;
    while (up && WRAPPERS.has(up.type)) up = up.parent;
    if (up?.type === 'variable_declarator') {
      const owner = up.childForFieldName('name');
      return owner?.type === 'identifier' ? [owner.text, ...path].join('.') : undefined;
    }
    const key = up?.type === 'pair' ? up.childForFieldName('key') : null;
    if (!key || key.type !== 'property_identifier') return undefined;
    path.unshift(key.text);
    obj = up!.parent;
  }
  return undefined;
}

function unwrap(node: Node): Node {
  return unwrapTyped(node).node;
}

/** unwrap() with the type of the node it ends at (each read of a node's type is a call into the wasm). */
function unwrapTyped(node: Node): { node: Node; type: string } {
  let n = node;
  let type = n.type;
  while (WRAPPERS.has(type)) {
    const inner =
      type === 'parenthesized_expression' || type === 'await_expression' || type === 'non_null_expression'
        ? n.namedChild(0)
        : n.namedChild(type === 'type_assertion' ? 1 : 0);
    if (!inner) break;
    n = inner;
    type = n.type;
  }
  return { node: n, type };
}

function stringValue(node: Node, type = node.type): Value {
  const start = node.startIndex + 1;
  const end = Math.max(start, node.endIndex - 1);
  const interpolated = type === 'template_string' && kids(node).some((k) => k.type === 'template_substitution');
  const text = node.text;
  const raw = text.slice(1, Math.max(1, text.length - 1));
  return { kind: 'string', value: decodeEscapes(raw), start, end, node, interpolated, regex: false };
}

function envOf(node: Node): string | undefined {
  if (node.type === 'member_expression') return ENV_MEMBER.exec(node.text.replace(/\s+/g, ''))?.[1];
  if (node.type === 'subscript_expression') {
    const obj = node.childForFieldName('object');
    const index = node.childForFieldName('index');
    if (obj && index && ENV_SUBSCRIPT.test(obj.text.replace(/\s+/g, '')) && index.type === 'string') return index.text.slice(1, -1);
  }
  return undefined;
}

function readValue(raw: Node, syntax: LanguageSyntax): Value {
  const { node, type } = unwrapTyped(raw);
  const span = { start: node.startIndex, end: node.endIndex, node };
  switch (type) {
    case 'string':
    case 'template_string':
      return stringValue(node, type);
    case 'regex': {
      const pattern = node.childForFieldName('pattern');
      if (!pattern) return { kind: 'unknown', ...span };
      return {
        kind: 'string',
        value: pattern.text,
        start: pattern.startIndex,
        end: pattern.endIndex,
        node,
        interpolated: false,
        regex: true,
      };
    }
    case 'array':
      return { kind: 'list', items: syntax.listItems(node).map((n) => readValue(n, syntax)), ...span };
    case 'identifier':
    case 'property_identifier':
    case 'shorthand_property_identifier':
      return { kind: 'ident', name: node.text, ...span };
    case 'member_expression':
    case 'subscript_expression': {
      const env = envOf(node);
      if (env) return { kind: 'env', name: env, ...span };
      if (node.type === 'member_expression' && /^[\w$.]+$/.test(node.text.replace(/\s+/g, '')))
        return { kind: 'ident', name: node.text.replace(/\s+/g, ''), ...span };
      return { kind: 'unknown', ...span };
    }
    case 'binary_expression': {
      const fb = syntax.fallback(node);
      if (fb) {
        const left = readValue(fb.left, syntax);
        const right = readValue(fb.right, syntax);
        if (left.kind === 'env' && right.kind === 'string' && !right.interpolated)
          return { kind: 'env', name: left.name, fallback: right.value, ...span };
      }
      return { kind: 'unknown', ...span };
    }
  }
  return { kind: 'unknown', ...span };
}

function keyText(key: Node): string {
  return key.type === 'string' ? decodeEscapes(key.text.slice(1, -1)) : key.text;
}

/** Where a value is written: an object key, a declared name, an assignment target, an env default. */
function context(node: Node, syntax: LanguageSyntax): ValueContext {
  let child = node;
  let p = node.parent;
  const inner = syntax.unwrap(node);
  while (p && sameNode(syntax.unwrap(p), inner)) {
    child = p;
    p = p.parent;
  }
  if (!p) return { envDefault: false };
  switch (p.type) {
    case 'pair': {
      const key = p.childForFieldName('key');
      if (key?.startIndex === child.startIndex) return { envDefault: false, isKey: true };
      return { key: key ? keyText(key) : undefined, envDefault: false };
    }
    case 'variable_declarator':
    case 'public_field_definition':
      return { key: p.childForFieldName('name')?.text, envDefault: false };
    case 'required_parameter':
    case 'optional_parameter':
      return { key: p.childForFieldName('pattern')?.text, envDefault: false };
    case 'assignment_pattern':
      return { key: p.childForFieldName('left')?.text, envDefault: false };
    case 'assignment_expression': {
      const left = p.childForFieldName('left');
      return { key: left?.text.replace(/\s+/g, ''), envDefault: false };
    }
    case 'binary_expression': {
      const fb = syntax.fallback(p);
      if (fb && fb.right.startIndex === child.startIndex) {
        const left = syntax.value(fb.left);
        if (left.kind === 'env') return { key: left.name, envDefault: true };
        // `x?.split(',') ?? ['h:9092']`: the default is written under whatever names the whole expression.
        return context(p, syntax);
      }
      return { envDefault: false };
    }
    case 'arguments': {
      // `put("bootstrap.servers", "h:9092")`, `getEnv("BROKERS", "h:9092")`: the second argument's key is the first.
      const args = kids(p).filter((n) => n.type !== 'comment');
      if (args.length < 2 || args[1].startIndex !== child.startIndex) return { envDefault: false };
      const first = syntax.value(args[0]);
      const key = first.kind === 'string' ? first.value : first.kind === 'ident' ? first.name : undefined;
      const call = p.parent ? syntax.call(p.parent) : undefined;
      return { key, envDefault: !!call && ENV_CALL.test(call.callee) };
    }
  }
  return { envDefault: false };
}

/** `key: value` pairs and shorthand `{ brokers }` of every object literal. */
function objectEntries(nodes: NodesByType): Entry[] {
  const out: Entry[] = [];
  for (const item of nodesOf(nodes, 'pair', 'shorthand_property_identifier')) {
    if (item.parent?.type === 'object') {
      const e = entryOf(item);
      if (e) out.push(e);
    }
  }
  return out;
}

function entryOf(item: Node): Entry | undefined {
  if (item.type === 'shorthand_property_identifier') return { key: item.text, keyNode: item, value: item, item };
  if (item.type !== 'pair') return undefined;
  const keyNode = item.childForFieldName('key');
  const value = item.childForFieldName('value');
  if (!keyNode || !value || (keyNode.type !== 'property_identifier' && keyNode.type !== 'string')) return undefined;
  return { key: keyText(keyNode), keyNode, value, item };
}

/** The entries of one object literal (nested objects not included). */
export function pairsOf(obj: Node): Entry[] {
  return kids(obj)
    .map(entryOf)
    .filter((e): e is Entry => e !== undefined);
}
