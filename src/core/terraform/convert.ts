// Turns tree-sitter expression nodes into HclValues. Only called for the few attributes that
// Terraform evaluation needs (locals, variable defaults, Kafka resources), so a JS walk is cheap here.
import type { Node } from 'web-tree-sitter';
import type { LineIndex } from '../extract/text';
import type { HclAttributes, HclValue } from './hclValue';

export function nodeRange(node: Node, index: LineIndex) {
  return index.range(node.startIndex, node.endIndex - node.startIndex);
}

export function toHclValue(expression: Node, index: LineIndex): HclValue {
  const children = expression.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  const base = children[0];
  if (!base) return unsupported('an empty expression', expression, index);
  const steps = children.slice(1);
  if (base.type === 'variable_expr') return reference(base, steps, expression, index);
  if (steps.length > 0) return unsupported('an index into a value', expression, index);
  switch (base.type) {
    case 'expression':
      return toHclValue(base, index);
    case 'literal_value':
      return literal(base, index);
    case 'template_expr':
      return template(base, index);
    case 'collection_value':
      return collection(base, index);
    case 'function_call':
      return call(base, index);
    case 'conditional':
      return unsupported('a conditional', expression, index);
    case 'for_expr':
      return forExpression(base, index);
    case 'operation':
      return unsupported('an operation', expression, index);
    default:
      return unsupported(base.type.replace(/_/g, ' '), expression, index);
  }
}

function forExpression(node: Node, index: LineIndex): HclValue {
  const inner = node.namedChild(0);
  const intro = inner?.namedChildren.find((c) => c?.type === 'for_intro');
  if (!inner || !intro) return unsupported('a for expression', node, index);
  const names = intro.namedChildren.filter((c) => c?.type === 'identifier').map((c) => c?.text ?? '');
  const collection = intro.namedChildren.find((c) => c?.type === 'expression');
  const results = inner.namedChildren.filter((c): c is Node => c?.type === 'expression');
  if (!collection || names.length === 0) return unsupported('a for expression', node, index);
  if (inner.namedChildren.some((c) => c?.type === 'ellipsis')) return unsupported('a grouping for expression (...)', node, index);
  const isObject = inner.type === 'for_object_expr';
  if (results.length !== (isObject ? 2 : 1)) return unsupported('a for expression', node, index);
  return {
    kind: 'for',
    keyName: names.length === 2 ? names[0] : undefined,
    valueName: names[names.length - 1],
    collection: toHclValue(collection, index),
    keyExpr: isObject ? toHclValue(results[0], index) : undefined,
    valueExpr: toHclValue(results[isObject ? 1 : 0], index),
    filtered: inner.namedChildren.some((c) => c?.type === 'for_cond'),
    range: nodeRange(node, index),
  };
}

function unsupported(what: string, node: Node, index: LineIndex): HclValue {
  return { kind: 'unsupported', what, range: nodeRange(node, index) };
}

function literal(node: Node, index: LineIndex): HclValue {
  const inner = node.namedChild(0);
  if (!inner) return unsupported('a literal', node, index);
  switch (inner.type) {
    case 'numeric_lit':
      return { kind: 'number', value: Number(inner.text) };
    case 'bool_lit':
      return { kind: 'bool', value: inner.text === 'true' };
    case 'null_lit':
      return { kind: 'null' };
    case 'string_lit':
      return stringLiteral(inner, index);
  }
  return unsupported('a literal', node, index);
}

/** A `string_lit`: its content is the `template_literal` child, absent for `""`. */
export function stringLiteral(node: Node, index: LineIndex): HclValue {
  const content = node.namedChildren.find((c) => c?.type === 'template_literal');
  if (content) return { kind: 'string', value: content.text, range: nodeRange(content, index) };
  const afterQuote = node.startIndex + 1;
  return { kind: 'string', value: '', range: index.range(afterQuote, 0) };
}

function template(node: Node, index: LineIndex): HclValue {
  const body = node.namedChild(0);
  if (!body || body.type !== 'quoted_template') return unsupported('a heredoc', node, index);
  const parts: HclValue[] = [];
  for (const part of body.namedChildren) {
    if (!part) continue;
    if (part.type === 'template_literal') {
      parts.push({ kind: 'string', value: part.text, range: nodeRange(part, index) });
    } else if (part.type === 'template_interpolation') {
      const inner = part.namedChildren.find((c) => c?.type === 'expression');
      if (!inner) return unsupported('an empty interpolation', part, index);
      parts.push(toHclValue(inner, index));
    } else if (part.type === 'template_directive') {
      return unsupported('a template directive', part, index);
    }
  }
  return { kind: 'template', parts, range: nodeRange(body, index) };
}

function collection(node: Node, index: LineIndex): HclValue {
  const inner = node.namedChild(0);
  if (inner?.type === 'tuple') {
    const items = inner.namedChildren.filter((c): c is Node => c?.type === 'expression').map((c) => toHclValue(c, index));
    return { kind: 'tuple', items };
  }
  if (inner?.type === 'object') {
    const entries: Array<{ key: HclValue; value: HclValue }> = [];
    for (const elem of inner.namedChildren) {
      if (elem?.type !== 'object_elem') continue;
      const key = elem.childForFieldName('key');
      const value = elem.childForFieldName('val');
      if (!key || !value) continue;
      entries.push({ key: objectKey(key, index), value: toHclValue(value, index) });
    }
    return { kind: 'object', entries };
  }
  return unsupported('a collection', node, index);
}

// A bare identifier as an object key is the key's name, not a variable (`{ orders = 3 }`).
function objectKey(key: Node, index: LineIndex): HclValue {
  const children = key.namedChildren;
  const only = children.length === 1 ? children[0] : undefined;
  if (only?.type === 'variable_expr') {
    return { kind: 'string', value: only.text, range: nodeRange(only, index) };
  }
  return toHclValue(key, index);
}

function call(node: Node, index: LineIndex): HclValue {
  const name = node.namedChild(0)?.text ?? '';
  const argsNode = node.namedChildren.find((c) => c?.type === 'function_arguments');
  if (argsNode?.namedChildren.some((c) => c?.type === 'ellipsis'))
    return unsupported(`${name}(...) with an expanded argument`, node, index);
  const args = (argsNode?.namedChildren ?? []).filter((c): c is Node => c?.type === 'expression').map((c) => toHclValue(c, index));
  return { kind: 'call', name, args, range: nodeRange(node, index) };
}

function reference(base: Node, steps: Node[], expression: Node, index: LineIndex): HclValue {
  const path: Array<string | number> = [];
  for (const step of steps) {
    if (step.type === 'get_attr') {
      const id = step.namedChild(0);
      if (!id) return unsupported('an attribute access', expression, index);
      path.push(id.text);
    } else if (step.type === 'index') {
      const inner = step.namedChild(0);
      if (inner?.type === 'legacy_index') {
        path.push(Number(inner.text.slice(1)));
        continue;
      }
      const keyExpr = inner?.namedChildren.find((c) => c?.type === 'expression');
      const key = keyExpr ? toHclValue(keyExpr, index) : undefined;
      if (key?.kind === 'string' || key?.kind === 'number') path.push(key.value);
      else return unsupported('an index that is not a literal', expression, index);
    } else {
      return unsupported('a splat', expression, index);
    }
  }
  return { kind: 'ref', root: base.text, path, range: nodeRange(expression, index) };
}

/** The attributes directly in a block's body. */
export function blockAttributes(block: Node, index: LineIndex): HclAttributes {
  const attributes: HclAttributes = {};
  for (const attribute of blockBody(block)) {
    if (attribute.type !== 'attribute') continue;
    const name = attribute.namedChild(0)?.text;
    const expression = attribute.namedChildren.find((c) => c?.type === 'expression');
    if (name && expression) attributes[name] = toHclValue(expression, index);
  }
  return attributes;
}

/** The attributes and blocks directly inside a block. */
export function blockBody(block: Node): Node[] {
  const body = block.namedChildren.find((c) => c?.type === 'body');
  return (body?.namedChildren ?? []).filter((c): c is Node => !!c && (c.type === 'attribute' || c.type === 'block'));
}

/** Nested blocks of a given type. */
export function childBlocks(block: Node, type: string): Node[] {
  return blockBody(block).filter((c) => c.type === 'block' && c.namedChild(0)?.text === type);
}

/** A block's type and labels: `resource "kafka_topic" "orders"` => ['resource', 'kafka_topic', 'orders']. */
export function blockHeader(block: Node): { type: string; labels: string[]; end: number } {
  let end = block.startIndex;
  const labels: string[] = [];
  let type = '';
  // namedChild(i) stops at the `{`, where namedChildren would marshal the whole body too.
  for (let i = 0; ; i++) {
    const child = block.namedChild(i);
    if (!child || child.type === 'block_start') break;
    if (child.type === 'identifier' && !type) type = child.text;
    else if (child.type === 'identifier') labels.push(child.text);
    else if (child.type === 'string_lit')
      labels.push(child.namedChild(1)?.type === 'template_literal' ? (child.namedChild(1)?.text ?? '') : '');
    end = child.endIndex;
  }
  return { type, labels, end };
}
