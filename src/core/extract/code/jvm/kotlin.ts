// Kotlin, read with tree-sitter: the same Spring, Spring Cloud Stream, Kafka Streams and plain-client
// constructs as Java, in Kotlin's syntax (`mapOf(K to V)`, `props[K] = V`, `?:` defaults, `const val`,
// companion objects, string templates, `["a", "b"]` annotation arrays).
import type { Tree } from 'web-tree-sitter';
import { isBrokerKey } from '../../text';
import { TreeReader, withFallback, type Handlers } from './reader';
import { unescapeBackslashes, unknownAt, type Expr, type JvmRecorder, type StrExpr } from './record';
import {
  callMatters,
  callNameMatters,
  isTemplateType,
  onAnnotation,
  onBean,
  onCall,
  type Arg,
  type CallSite,
  type FileContext,
} from './sites';
import { hasToken, kids, type Node } from './tree';

const HANDLED: Readonly<Record<string, string>> = {
  string_literal: 'string',
  multiline_string_literal: 'string',
  call_expression: 'call',
  annotation: 'annotation',
  property_declaration: 'property',
  class_parameter: 'param',
  infix_expression: 'infix',
  assignment: 'assign',
  function_declaration: 'function',
  class_declaration: 'class',
};

const LIST_FUNCTIONS =
  /^(?:listOf|mutableListOf|arrayOf|setOf|mutableSetOf|arrayListOf|(?:List|Set|Arrays|Collections|Stream)\.(?:of|asList|singletonList|singleton|copyOf))$/;
// `$name` / `${...}` in a string template (an escaped `\$` is not one).
const TEMPLATE = /(?:^|[^\\])\$[{A-Za-z_]/;

export function readKotlin(tree: Tree, rec: JvmRecorder, ctx: FileContext): void {
  new KotlinReader(rec, ctx).read(tree.rootNode);
}

/** A call's parts: callee name, receiver, arguments (with names), type arguments. */
interface KCall {
  name: string;
  receiver?: Node;
  args: Array<{ name?: string; node: Node }>;
}

class KotlinReader extends TreeReader {
  protected readonly handled = HANDLED;
  protected readonly declarations: Handlers = {
    property: (n) => this.property(n),
    param: (n) => this.parameter(n),
    class: (n) => this.configurationClass(n),
  };
  protected readonly uses: Handlers = {
    annotation: (n) => this.annotation(n),
    property: (n) => this.brokerProperty(n),
    infix: (n) => this.infix(n),
    function: (n) => this.bean(n),
  };

  value(n: Node): Expr {
    const at = { start: n.startIndex, end: n.endIndex };
    switch (n.type) {
      case 'string_literal':
      case 'multiline_string_literal':
        return this.str(n);
      case 'parenthesized_expression':
        return this.inner(n);
      case 'as_expression':
      case 'postfix_expression': {
        // `x as String`, `x!!`: the value is unchanged (the first child; the type comes last).
        const first = kids(n)[0];
        return first ? this.value(first) : unknownAt(at.start, at.end);
      }
      case 'identifier':
        return { kind: 'ident', name: n.text, memberStart: n.startIndex, ...at };
      case 'navigation_expression':
        return this.navigation(n);
      case 'call_expression':
        return this.invocation(n);
      case 'collection_literal':
        return { kind: 'list', items: kids(n).map(this.expr), ...at };
      case 'binary_expression': {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        const read = left && right && this.binary(n, left, right, hasToken(n, '?:'), hasToken(n, '+'));
        if (read) return read;
        break;
      }
    }
    return unknownAt(at.start, at.end);
  }

  str(n: Node): StrExpr {
    const raw = n.text;
    const q = n.type === 'multiline_string_literal' ? 3 : 1;
    const contentStart = n.startIndex + q;
    const closed = raw.length >= 2 * q && raw.endsWith(q === 3 ? '"""' : '"');
    const contentEnd = Math.max(contentStart, n.endIndex - (closed ? q : 0));
    const content = this.rec.text.slice(contentStart, contentEnd);
    return {
      kind: 'string',
      // Raw (`"""`) strings have no escapes.
      value: q === 3 ? content : unescapeBackslashes(content),
      start: n.startIndex,
      end: n.endIndex,
      contentStart,
      contentEnd,
      interpolated: TEMPLATE.test(content) || kids(n).some((k) => k.type === 'interpolation'),
    };
  }

  private navigation(n: Node): Expr {
    const parts = kids(n);
    const member = parts[parts.length - 1];
    const receiver = parts[0];
    if (!member || !receiver) return unknownAt(n.startIndex, n.endIndex);
    const prop = this.rec.configProps.get(member.text);
    if (prop && parts.length === 2 && !/^[A-Z]/.test(receiver.text) && receiver.text !== 'this') return this.propertyRead(prop, n);
    if (!/^[\w.\s]+$/.test(n.text)) return unknownAt(n.startIndex, n.endIndex);
    return {
      kind: 'ident',
      name: n.text.replace(/\s+/g, '').replace(/^this\./, ''),
      memberStart: member.startIndex,
      start: n.startIndex,
      end: n.endIndex,
    };
  }

  private parts(n: Node): KCall {
    const callee = kids(n)[0];
    let name = '';
    let receiver: Node | undefined;
    if (callee?.type === 'navigation_expression') {
      const p = kids(callee);
      name = p[p.length - 1]?.text ?? '';
      receiver = p.length >= 2 ? p[0] : undefined;
    } else if (callee?.type === 'identifier') {
      name = callee.text;
    }
    const list = kids(n).find((k) => k.type === 'value_arguments');
    const args = (list ? kids(list) : [])
      .filter((a) => a.type === 'value_argument')
      .flatMap((a) => {
        const parts = kids(a);
        if (parts.length >= 2 && parts[0].type === 'identifier' && hasToken(a, '='))
          return [{ name: parts[0].text, node: parts[parts.length - 1] }];
        return parts.length ? [{ node: parts[parts.length - 1] }] : [];
      });
    return { name: name.replace(/`/g, ''), receiver, args };
  }

  private invocation(n: Node): Expr {
    const { name, receiver, args } = this.parts(n);
    const at = { start: n.startIndex, end: n.endIndex };
    const recv = receiver?.text ?? '';
    const str = (i: number): StrExpr | undefined => {
      const a = args[i]?.node;
      return a && (a.type === 'string_literal' || a.type === 'multiline_string_literal') ? this.str(a) : undefined;
    };
    const first = str(0);
    const second = str(1);
    if (name === 'getenv' && recv === 'System' && first && !first.interpolated && args.length === 1)
      return { kind: 'read', read: { kind: 'env', name: first.value }, ...at };
    if (name === 'getOrDefault' && /^System\s*\.\s*getenv\s*\(\s*\)$/.test(recv) && first && second) {
      return { kind: 'read', read: { kind: 'env', name: first.value, fallback: second.value }, fallback: second, ...at };
    }
    if (name === 'getProperty' && (recv === 'System' || /env(?:ironment)?$/i.test(recv)) && first) {
      const read = second
        ? { kind: 'placeholder' as const, name: first.value, fallback: second.value }
        : { kind: 'placeholder' as const, name: first.value };
      return { kind: 'read', read, fallback: second, ...at };
    }
    if (name === 'orElse' && receiver?.type === 'call_expression' && first) {
      const inner = this.parts(receiver);
      const read = inner.name === 'ofNullable' && inner.args[0] ? this.value(inner.args[0].node) : undefined;
      return withFallback(read, first, at.start, at.end) ?? unknownAt(at.start, at.end);
    }
    if (LIST_FUNCTIONS.test(recv ? `${recv}.${name}` : name)) return { kind: 'list', items: args.map((a) => this.value(a.node)), ...at };
    if (name === 'TopicPartition' && !receiver && args[0]) return this.value(args[0].node);
    if (((name === 'compile' && recv === 'Pattern') || (name === 'Regex' && !receiver)) && first) return { ...first, pattern: true, ...at };
    return unknownAt(at.start, at.end);
  }

  // -- declarations ----------------------------------------------------------------------------

  /** `val`/`const val` with a value; `@Value("\${x}") lateinit var topic: String`. */
  property(n: Node): void {
    const name = this.propertyName(n);
    if (!name) return;
    const annotated = this.valueFields ? this.valueAnnotation(n) : undefined;
    if (annotated) return this.rec.declare(name, annotated);
    const decl = kids(n).find((k) => k.type === 'variable_declaration');
    if (isTemplateType(declaredType(decl))) this.ctx.templates.add(name);
    const value = this.propertyValue(n);
    if (!value) return;
    if (this.ctx.streams && value.type === 'call_expression' && this.parts(value).name === 'StreamsBuilder') this.ctx.builders.add(name);
    if (value.type.endsWith('string_literal') && isConstantProperty(n)) this.rec.declareConstant(name, this.str(value));
    else this.rec.declare(name, () => this.value(value));
  }

  private propertyName(n: Node): string | undefined {
    const decl = kids(n).find((k) => k.type === 'variable_declaration');
    return decl ? kids(decl).find((k) => k.type === 'identifier')?.text : undefined;
  }

  private propertyValue(n: Node): Node | undefined {
    const all = kids(n);
    const i = all.findIndex((k) => k.type === 'variable_declaration');
    const v = i >= 0 ? all[i + 1] : undefined;
    return v && v.type !== 'property_delegate' && v.type !== 'getter' && v.type !== 'setter' ? v : undefined;
  }

  private valueAnnotation(n: Node): StrExpr | undefined {
    const mods = kids(n).find((k) => k.type === 'modifiers');
    for (const a of mods ? kids(mods) : []) {
      if (a.type !== 'annotation') continue;
      const inv = kids(a).find((k) => k.type === 'constructor_invocation');
      if (!inv || annotationName(inv) !== 'Value') continue;
      const call = this.annotationArgs(inv);
      const s = call[0]?.node;
      if (s && (s.type === 'string_literal' || s.type === 'multiline_string_literal')) return this.str(s);
    }
    return undefined;
  }

  parameter(n: Node): void {
    const name = kids(n).find((k) => k.type === 'identifier')?.text;
    if (!name) return;
    if (isTemplateType(declaredType(n))) this.ctx.templates.add(name);
    if (!this.valueFields && !this.ctx.streams) return;
    const type = kids(n).find((k) => k.type === 'user_type')?.text;
    if (type === 'StreamsBuilder') this.ctx.builders.add(name);
    const v = this.valueAnnotation(n);
    if (v) this.rec.declare(name, v);
  }

  configurationClass(n: Node): void {
    if (!this.propertiesClasses) return;
    const mods = kids(n).find((k) => k.type === 'modifiers');
    let prefix: string | undefined;
    for (const a of mods ? kids(mods) : []) {
      const inv = a.type === 'annotation' ? kids(a).find((k) => k.type === 'constructor_invocation') : undefined;
      if (!inv || annotationName(inv) !== 'ConfigurationProperties') continue;
      const args = this.annotationArgs(inv);
      const arg = args.find((x) => !x.name || x.name === 'prefix' || x.name === 'value')?.node;
      if (arg?.type === 'string_literal') prefix = this.str(arg).value;
    }
    if (prefix === undefined) return;
    const add = (name: string | undefined, init: Node | undefined): void => {
      if (name) this.bindProperty(prefix, name, init);
    };
    const ctor = kids(n).find((k) => k.type === 'primary_constructor');
    const params = ctor && kids(ctor).find((k) => k.type === 'class_parameters');
    for (const p of params ? kids(params) : []) {
      if (p.type !== 'class_parameter') continue;
      const parts = kids(p);
      add(parts.find((k) => k.type === 'identifier')?.text, parts[parts.length - 1]);
    }
    const body = kids(n).find((k) => k.type === 'class_body');
    for (const prop of body ? kids(body) : [])
      if (prop.type === 'property_declaration') add(this.propertyName(prop), this.propertyValue(prop));
  }

  brokerProperty(n: Node): void {
    const name = this.propertyName(n);
    if (!name || !isBrokerKey(name)) return;
    const value = this.propertyValue(n);
    if (value && !value.type.endsWith('string_literal')) this.rec.brokerSetting(name, this.value(value), true);
  }

  // -- uses ------------------------------------------------------------------------------------

  call(n: Node): void {
    const callee = n.firstNamedChild;
    const calleeName = (callee?.type === 'navigation_expression' ? callee.lastNamedChild : callee)?.text.replace(/`/g, '') ?? '';
    const looksCtor = callee?.type === 'identifier' && /^[A-Z]/.test(calleeName);
    if (!callNameMatters(calleeName, looksCtor, this.ctx) && !this.rec.mentionsKey(n.startIndex, n.endIndex)) return;
    const { name, receiver, args } = this.parts(n);
    if (!name) return;
    const ctor = !receiver && /^[A-Z]/.test(name);
    const site: CallSite<Node> = {
      name,
      receiver: receiver?.text ?? '',
      ctor,
      args: args.map((a): Arg<Node> => ({ name: a.name, node: a.node, key: a.name ? undefined : keyOf(a.node, this.rec) })),
      expr: this.expr,
    };
    if (callMatters(site, this.ctx)) onCall(this.rec, site, this.ctx);
  }

  private annotationArgs(inv: Node): Array<{ name?: string; node: Node }> {
    const list = kids(inv).find((k) => k.type === 'value_arguments');
    return (list ? kids(list) : []).flatMap((a) => {
      const parts = kids(a);
      if (parts.length >= 2 && parts[0].type === 'identifier' && hasToken(a, '='))
        return [{ name: parts[0].text, node: parts[parts.length - 1] }];
      return parts.length ? [{ node: parts[parts.length - 1] }] : [];
    });
  }

  annotation(n: Node): void {
    if (!/^@\s*(?:\w+:)?(?:[\w.]+\.)?(?:KafkaListener|SendTo)\b/.test(n.text)) return;
    const inv = kids(n).find((k) => k.type === 'constructor_invocation');
    if (!inv) return;
    const name = annotationName(inv);
    if (name !== 'KafkaListener' && name !== 'SendTo') return;
    onAnnotation(
      this.rec,
      name,
      this.annotationArgs(inv).map((a) => ({ name: a.name, expr: this.value(a.node) })),
    );
  }

  /** `K to V` in `mapOf(...)` / `propertiesOf(...)`. */
  infix(n: Node): void {
    if (!this.rec.mentionsKey(n.startIndex, n.endIndex)) return;
    const [left, op, right] = kids(n);
    if (!left || !right || op?.text !== 'to') return;
    this.keyed(left, right);
  }

  /** `props[K] = V` and `brokers = System.getenv(...)`. */
  assignment(n: Node): void {
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (!left || !right) return;
    if (left.type === 'index_expression') {
      if (!this.rec.mentionsKey(left.startIndex, left.endIndex)) return;
      const key = kids(left)[1];
      if (key) this.keyed(key, right);
      return;
    }
    const name = left.text.replace(/^this\./, '');
    if (!right.type.endsWith('string_literal') && isBrokerKey(name)) this.rec.brokerSetting(name, this.value(right), true);
  }

  private keyed(keyNode: Node, valueNode: Node): void {
    const key = keyOf(keyNode, this.rec);
    if (!key) return;
    const site: CallSite<Node> = {
      name: '',
      receiver: '',
      ctor: false,
      args: [{ node: keyNode, key }, { node: valueNode }],
      expr: this.expr,
    };
    onCall(this.rec, site, this.ctx);
  }

  bean(n: Node): void {
    if (!this.ctx.cloudStream) return;
    const mods = kids(n).find((k) => k.type === 'modifiers');
    const isBean = mods && kids(mods).some((a) => a.type === 'annotation' && /(?:^|\.)Bean$/.test(kids(a)[0]?.text ?? ''));
    if (!isBean) return;
    const nameNode = n.childForFieldName('name');
    const all = kids(n);
    const params = all.findIndex((k) => k.type === 'function_value_parameters');
    const type = params >= 0 ? all[params + 1] : undefined;
    if (!nameNode || type?.type !== 'user_type') return;
    const base = kids(type).find((k) => k.type === 'identifier')?.text ?? '';
    const typeArgs = kids(kids(type).find((k) => k.type === 'type_arguments') ?? type).length;
    onBean(this.rec, nameNode.text, base, typeArgs, nameNode.startIndex, nameNode.endIndex);
  }

  literal(n: Node): void {
    const s = this.str(n);
    if (!this.rec.hostish(s)) return;
    const parent = n.parent;
    if (!parent) return this.rec.literalRef(s, undefined, false);
    if (parent.type === 'binary_expression' && hasToken(parent, '?:') && this.literalDefault(s, parent)) return;
    if (parent.type === 'collection_literal' && this.literalList(kids(parent), parent)) return;
    if (parent.type === 'value_argument') {
      const list = parent.parent;
      const call = list?.parent;
      if (call?.type === 'call_expression') {
        const parts = this.parts(call);
        const full = parts.receiver ? `${parts.receiver.text}.${parts.name}` : parts.name;
        if (
          LIST_FUNCTIONS.test(full) &&
          this.literalList(
            parts.args.map((a) => a.node),
            call,
          )
        )
          return;
        if (this.literalDefault(s, call)) return;
        const named = kids(parent);
        if (named.length >= 2 && named[0].type === 'identifier' && hasToken(parent, '='))
          return this.rec.literalRef(s, named[0].text, false);
        const i = parts.args.findIndex((a) => a.node.equals(n));
        if (i % 2 === 1) return this.rec.literalRef(s, keyOf(parts.args[i - 1].node, this.rec)?.text, false);
      }
    }
    return this.rec.literalRef(s, this.contextKey(n), false);
  }

  private literalList(items: Node[], list: Node): boolean {
    if (!items.every((i) => i.type === 'string_literal')) return false;
    return this.rec.listRefOf(
      items.map((i) => this.str(i)),
      this.contextKey(list),
    );
  }

  private contextKey(n: Node): string | undefined {
    const parent = n.parent;
    if (!parent) return undefined;
    switch (parent.type) {
      case 'property_declaration':
        return this.propertyName(parent);
      case 'class_parameter':
        return kids(parent).find((k) => k.type === 'identifier')?.text;
      case 'assignment':
        return parent.childForFieldName('left')?.text.replace(/^this\./, '');
      case 'infix_expression': {
        const [left, op] = kids(parent);
        return op?.text === 'to' && left && !left.equals(n) ? keyOf(left, this.rec)?.text : undefined;
      }
      case 'value_argument': {
        const named = kids(parent);
        return named.length >= 2 && named[0].type === 'identifier' && hasToken(parent, '=') ? named[0].text : undefined;
      }
    }
    return undefined;
  }
}

function annotationName(inv: Node): string {
  const t = kids(inv).find((k) => k.type === 'user_type')?.text ?? '';
  return t.slice(t.lastIndexOf('.') + 1);
}

function keyOf(n: Node, rec: JvmRecorder): { text: string; quoted: boolean } | undefined {
  if (n.type === 'string_literal') {
    const raw = n.text;
    return raw.length >= 2 && !raw.includes('$') ? { text: rec.text.slice(n.startIndex + 1, n.endIndex - 1), quoted: true } : undefined;
  }
  if (n.type === 'identifier' || n.type === 'navigation_expression')
    return /^[\w.]+$/.test(n.text) ? { text: n.text, quoted: false } : undefined;
  return undefined;
}

/** `const val`, and `val`s of an `object` / `companion object` or at the top level: constants of the service. */
function isConstantProperty(n: Node): boolean {
  const mods = kids(n).find((k) => k.type === 'modifiers')?.text ?? '';
  if (/\bconst\b/.test(mods)) return true;
  if (!/^\s*(?:[\w@]+\s+)*val\b/.test(n.text)) return false;
  const owner = n.parent?.type === 'class_body' ? n.parent.parent : n.parent;
  return owner?.type === 'object_declaration' || owner?.type === 'companion_object' || owner?.type === 'source_file';
}

/** The type written after `name:` (`KafkaTemplate<String, Order>`, nullable or not). */
function declaredType(n: Node | undefined): string | undefined {
  const t = n && kids(n).find((k) => k.type === 'user_type' || k.type === 'nullable_type');
  return t?.text;
}
