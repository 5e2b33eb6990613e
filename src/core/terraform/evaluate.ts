// A deliberately small evaluator for the Terraform expressions that name Kafka topics: literals,
// collections, `local.*` / `var.*` (variable defaults), `each.key` / `each.value`, string templates,
// and the functions toset, tolist, keys, values, concat and merge.
// Not evaluated (the result is `unknown`, with the reason): other functions, conditionals, operations,
// for expressions with an `if` filter, splats, references to resources/data/modules. A variable is its
// `default`, the value an auto-loaded `.tfvars` gives it, or a module call's input (`EvalContext.inputs`). Escapes inside strings are kept as written.
import type { Range } from '../model/common';
import type { HclValue } from './hclValue';

/** Where a string was written: the string literal's content. */
export interface Origin {
  file: string;
  range: Range;
}

export type Val =
  | { t: 'string'; v: string; origin?: Origin }
  | { t: 'number'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'null' }
  | { t: 'list'; items: Val[] }
  | { t: 'map'; entries: Array<{ key: string; keyOrigin?: Origin; value: Val }> }
  /** `missing` names a local or variable that is not declared in what the scope knows. */
  | { t: 'unknown'; why: string; missing?: string };

export interface Declared {
  file: string;
  value: HclValue;
}

/** What an HCL expression is evaluated against: its file, the names in sight and the instance being expanded. */
export interface EvalContext {
  /** The file the expression being evaluated was written in. */
  file: string;
  locals: ReadonlyMap<string, Declared>;
  variables: ReadonlyMap<string, Declared>;
  each?: { key: Val; value: Val };
  /** `count.index` of a resource instance with `count`. */
  countIndex?: number;
  /** Variables already evaluated elsewhere (a module call's inputs, evaluated in the caller): they win over `variables`. */
  inputs?: ReadonlyMap<string, Val>;
  /** Names bound by enclosing `for` expressions. */
  bound?: ReadonlyMap<string, Val>;
}

// Locals may refer to each other; this bounds the depth so a cycle ends as `unknown`.
const MAX_DEPTH = 32;

export function evaluate(value: HclValue, scope: EvalContext, depth = 0): Val {
  if (depth > MAX_DEPTH) return { t: 'unknown', why: 'locals refer to each other in a cycle' };
  switch (value.kind) {
    case 'string':
      return { t: 'string', v: value.value, origin: { file: scope.file, range: value.range } };
    case 'number':
      return { t: 'number', v: value.value };
    case 'bool':
      return { t: 'bool', v: value.value };
    case 'null':
      return { t: 'null' };
    case 'tuple':
      return { t: 'list', items: value.items.map((item) => evaluate(item, scope, depth + 1)) };
    case 'object': {
      const entries: Array<{ key: string; keyOrigin?: Origin; value: Val }> = [];
      for (const entry of value.entries) {
        const key = evaluate(entry.key, scope, depth + 1);
        const keyText = scalarText(key);
        if (keyText === undefined) return unknownFrom(key, 'an object key that is not a string');
        entries.push({
          key: keyText,
          keyOrigin: key.t === 'string' ? key.origin : undefined,
          value: evaluate(entry.value, scope, depth + 1),
        });
      }
      return { t: 'map', entries };
    }
    case 'template':
      return template(value.parts, scope, depth);
    case 'ref':
      return reference(value, scope, depth);
    case 'call':
      return call(
        value.name,
        value.args.map((arg) => evaluate(arg, scope, depth + 1)),
      );
    case 'for':
      return forExpression(value, scope, depth);
    case 'unsupported':
      return { t: 'unknown', why: `${value.what} is not evaluated` };
  }
}

function forExpression(expr: Extract<HclValue, { kind: 'for' }>, scope: EvalContext, depth: number): Val {
  if (expr.filtered) return { t: 'unknown', why: 'a for expression with an if filter is not evaluated' };
  const collection = evaluate(expr.collection, scope, depth + 1);
  let pairs: Array<[Val, Val]>;
  if (collection.t === 'map') pairs = collection.entries.map((e) => [{ t: 'string', v: e.key, origin: e.keyOrigin }, e.value]);
  else if (collection.t === 'list') pairs = collection.items.map((item, i) => [{ t: 'number', v: i }, item]);
  else return unknownFrom(collection, 'a for expression over something that is not a collection');
  const items: Val[] = [];
  const entries: Array<{ key: string; keyOrigin?: Origin; value: Val }> = [];
  for (const [key, value] of pairs) {
    const bound = new Map(scope.bound);
    if (expr.keyName) bound.set(expr.keyName, key);
    bound.set(expr.valueName, value);
    const inner: EvalContext = { ...scope, bound };
    const result = evaluate(expr.valueExpr, inner, depth + 1);
    if (!expr.keyExpr) {
      items.push(result);
      continue;
    }
    const keyValue = evaluate(expr.keyExpr, inner, depth + 1);
    const keyText = scalarText(keyValue);
    if (keyText === undefined) return unknownFrom(keyValue, 'a for expression key that is not a string');
    entries.push({ key: keyText, keyOrigin: keyValue.t === 'string' ? keyValue.origin : undefined, value: result });
  }
  return expr.keyExpr ? { t: 'map', entries } : { t: 'list', items };
}

/** A string, number or bool as text; undefined for anything else. */
export function scalarText(value: Val): string | undefined {
  if (value.t === 'string') return value.v;
  if (value.t === 'number') return String(value.v);
  if (value.t === 'bool') return String(value.v);
  return undefined;
}

function unknownFrom(value: Val, why: string): Val {
  return value.t === 'unknown' ? value : { t: 'unknown', why };
}

function template(parts: HclValue[], scope: EvalContext, depth: number): Val {
  // HCL gives a template made of one interpolation the interpolated value itself (`"${each.key}"`).
  if (parts.length === 1 && parts[0].kind !== 'string') return evaluate(parts[0], scope, depth + 1);
  let text = '';
  for (const part of parts) {
    const value = evaluate(part, scope, depth + 1);
    const piece = scalarText(value);
    if (piece === undefined) return unknownFrom(value, 'an interpolation that is not a string');
    text += piece;
  }
  return { t: 'string', v: text };
}

function reference(ref: Extract<HclValue, { kind: 'ref' }>, scope: EvalContext, depth: number): Val {
  const [first, ...rest] = ref.path;
  const dotted = [ref.root, ...ref.path.filter((p): p is string => typeof p === 'string')].slice(0, 2).join('.');
  if (ref.root === 'local' || ref.root === 'var') {
    if (typeof first !== 'string') return { t: 'unknown', why: `${ref.root} needs a name` };
    const input = ref.root === 'var' ? scope.inputs?.get(first) : undefined;
    if (input) return walk(input, rest, `var.${first}`);
    const table = ref.root === 'local' ? scope.locals : scope.variables;
    const declared = table.get(first);
    if (!declared) return { t: 'unknown', why: `${ref.root}.${first} is not declared in this folder`, missing: `${ref.root}.${first}` };
    // A declaration is evaluated where it was written: its strings point into its own file.
    const inner = evaluate(
      declared.value,
      { file: declared.file, locals: scope.locals, variables: scope.variables, inputs: scope.inputs },
      depth + 1,
    );
    return walk(inner, rest, `${ref.root}.${first}`);
  }
  const boundValue = scope.bound?.get(ref.root);
  if (boundValue) return walk(boundValue, ref.path, ref.root);
  if (ref.root === 'count') {
    if (scope.countIndex === undefined) return { t: 'unknown', why: 'count is used outside a resource with count' };
    if (first === 'index') return { t: 'number', v: scope.countIndex };
    return { t: 'unknown', why: `count.${String(first)} does not exist` };
  }
  if (ref.root === 'each') {
    if (!scope.each) return { t: 'unknown', why: 'each is used outside for_each' };
    if (first === 'key') return walk(scope.each.key, rest, 'each.key');
    if (first === 'value') return walk(scope.each.value, rest, 'each.value');
    return { t: 'unknown', why: `each.${String(first)} does not exist` };
  }
  return { t: 'unknown', why: `a reference to ${dotted} is not evaluated` };
}

function walk(value: Val, path: Array<string | number>, name: string): Val {
  let current = value;
  let where = name;
  for (const step of path) {
    if (current.t === 'unknown') return current;
    where += typeof step === 'number' ? `[${step}]` : `.${step}`;
    if (current.t === 'map') {
      const entry = current.entries.find((e) => e.key === String(step));
      if (!entry) return { t: 'unknown', why: `${where} does not exist` };
      current = entry.value;
    } else if (current.t === 'list' && Number.isInteger(Number(step))) {
      const item = current.items[Number(step)];
      if (!item) return { t: 'unknown', why: `${where} does not exist` };
      current = item;
    } else {
      return { t: 'unknown', why: `${where} does not exist` };
    }
  }
  return current;
}

function call(name: string, args: Val[]): Val {
  const failed = args.find((a) => a.t === 'unknown');
  if (failed) return failed;
  switch (name) {
    case 'toset':
    case 'tolist': {
      const list = args[0];
      if (args.length !== 1 || list?.t !== 'list') return { t: 'unknown', why: `${name}() of something that is not a list` };
      return name === 'toset' ? { t: 'list', items: distinct(list.items) } : list;
    }
    case 'keys':
    case 'values': {
      const map = args[0];
      if (args.length !== 1 || map?.t !== 'map') return { t: 'unknown', why: `${name}() of something that is not a map` };
      const sorted = [...map.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return {
        t: 'list',
        items: sorted.map((e) => (name === 'keys' ? { t: 'string', v: e.key, origin: e.keyOrigin } : e.value)),
      };
    }
    case 'concat': {
      const items: Val[] = [];
      for (const arg of args) {
        if (arg.t !== 'list') return { t: 'unknown', why: 'concat() of something that is not a list' };
        items.push(...arg.items);
      }
      return { t: 'list', items };
    }
    case 'merge': {
      const entries = new Map<string, { key: string; keyOrigin?: Origin; value: Val }>();
      for (const arg of args) {
        if (arg.t === 'null') continue;
        if (arg.t !== 'map') return { t: 'unknown', why: 'merge() of something that is not a map' };
        for (const entry of arg.entries) entries.set(entry.key, entry);
      }
      return { t: 'map', entries: [...entries.values()] };
    }
  }
  return { t: 'unknown', why: `the function ${name}() is not evaluated` };
}

function distinct(items: Val[]): Val[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item.t === 'string' ? item.v : stripOrigins(item));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function stripOrigins(value: Val): unknown {
  if (value.t === 'list') return value.items.map(stripOrigins);
  if (value.t === 'map') return value.entries.map((e) => [e.key, stripOrigins(e.value)]);
  return value.t === 'string' ? value.v : value;
}

/** One instance of a resource with for_each. */
export interface Instance {
  key: string;
  /** For `count` instances: the index (`each` is then unused). */
  countIndex?: number;
  keyOrigin?: Origin;
  each: { key: Val; value: Val };
}

/** The instances a for_each value makes: one per map entry or per distinct set element. */
export function forEachInstances(value: Val): Instance[] | Extract<Val, { t: 'unknown' }> {
  if (value.t === 'unknown') return value;
  if (value.t === 'map') {
    return value.entries.map((e) => ({
      key: e.key,
      keyOrigin: e.keyOrigin,
      each: { key: { t: 'string', v: e.key, origin: e.keyOrigin }, value: e.value },
    }));
  }
  if (value.t === 'list') {
    const instances: Instance[] = [];
    for (const item of distinct(value.items)) {
      const key = scalarText(item);
      if (key === undefined) return { t: 'unknown', why: 'for_each over a set of values that are not strings' };
      const origin = item.t === 'string' ? item.origin : undefined;
      const element: Val = item.t === 'string' ? item : { t: 'string', v: key };
      instances.push({ key, keyOrigin: origin, each: { key: element, value: element } });
    }
    return instances;
  }
  return { t: 'unknown', why: 'for_each over something that is not a map or a set' };
}
