// Java, read with tree-sitter: Spring Kafka (`@KafkaListener`, `@SendTo`, `kafkaTemplate.send`, `@Value`
// and `@ConfigurationProperties` fields), Spring Cloud Stream functional beans, Kafka Streams, and the
// plain clients (`Properties.put(...)`, `new ProducerRecord<>(...)`, `subscribe(...)`, `System.getenv`).
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
import { field, kids, type Node } from './tree';

const HANDLED: Readonly<Record<string, string>> = {
  string_literal: 'string',
  method_invocation: 'call',
  object_creation_expression: 'new',
  annotation: 'annotation',
  variable_declarator: 'declarator',
  assignment_expression: 'assign',
  method_declaration: 'method',
  class_declaration: 'class',
  record_declaration: 'class',
  formal_parameter: 'param',
};

const ANNOTATIONS = /^@\s*(?:[\w.]+\.)?(?:KafkaListener|SendTo)\b/;
const LIST_CALLS = /^(?:List|Set|Arrays|Collections|Stream)$/;
const LIST_NAMES = new Set(['of', 'asList', 'singletonList', 'singleton', 'copyOf']);

export function readJava(tree: Tree, rec: JvmRecorder, ctx: FileContext): void {
  new JavaReader(rec, ctx).read(tree.rootNode);
}

class JavaReader extends TreeReader {
  protected readonly handled = HANDLED;
  protected readonly declarations: Handlers = {
    declarator: (n) => this.declarator(n),
    class: (n) => this.configurationClass(n),
    param: (n) => this.parameter(n),
  };
  protected readonly uses: Handlers = {
    new: (n) => this.call(n),
    annotation: (n) => this.annotation(n),
    declarator: (n) => this.brokerDeclaration(n),
    method: (n) => this.bean(n),
  };

  // -- values ----------------------------------------------------------------------------------

  value(n: Node): Expr {
    switch (n.type) {
      case 'string_literal':
        return this.str(n);
      case 'parenthesized_expression':
      case 'cast_expression':
        return this.inner(n);
      case 'identifier':
        return { kind: 'ident', name: n.text, memberStart: n.startIndex, start: n.startIndex, end: n.endIndex };
      case 'field_access':
        return this.fieldAccess(n);
      case 'method_invocation':
        return this.invocation(n);
      case 'array_creation_expression': {
        const init = field(n, 'value');
        return init ? this.list(init, n) : unknownAt(n.startIndex, n.endIndex);
      }
      case 'array_initializer':
      case 'element_value_array_initializer':
        return this.list(n, n);
      case 'object_creation_expression': {
        // `new TopicPartition("t", 0)` names its topic.
        const first = this.argNodes(n)[0];
        if (typeName(field(n, 'type')) === 'TopicPartition' && first) return this.value(first);
        break;
      }
      case 'binary_expression': {
        const left = field(n, 'left');
        const right = field(n, 'right');
        const joined = left && right && this.binary(n, left, right, false, field(n, 'operator')?.type === '+');
        if (joined) return joined;
        break;
      }
    }
    return unknownAt(n.startIndex, n.endIndex);
  }

  str(n: Node): StrExpr {
    const raw = n.text;
    const q = raw.startsWith('"""') ? 3 : 1;
    const contentStart = n.startIndex + q;
    const contentEnd = Math.max(contentStart, n.endIndex - (raw.length >= 2 * q && raw.endsWith(q === 3 ? '"""' : '"') ? q : 0));
    return {
      kind: 'string',
      value: unescapeBackslashes(this.rec.text.slice(contentStart, contentEnd)),
      start: n.startIndex,
      end: n.endIndex,
      contentStart,
      contentEnd,
      interpolated: false,
    };
  }

  private list(init: Node, whole: Node): Expr {
    return {
      kind: 'list',
      items: kids(init)
        .filter((k) => k.type !== 'line_comment' && k.type !== 'block_comment')
        .map(this.expr),
      start: whole.startIndex,
      end: whole.endIndex,
    };
  }

  private fieldAccess(n: Node): Expr {
    const object = field(n, 'object');
    const member = field(n, 'field');
    if (!object || !member) return unknownAt(n.startIndex, n.endIndex);
    const prop = this.rec.configProps.get(member.text);
    if (prop && object.type !== 'this' && !/^[A-Z]/.test(object.text)) return this.propertyRead(prop, n);
    if (!/^[\w$.\s]+$/.test(n.text)) return unknownAt(n.startIndex, n.endIndex);
    const name = n.text.replace(/\s+/g, '').replace(/^this\./, '');
    return { kind: 'ident', name, memberStart: member.startIndex, start: n.startIndex, end: n.endIndex };
  }

  private invocation(n: Node): Expr {
    const name = field(n, 'name')?.text ?? '';
    const object = field(n, 'object');
    const args = this.argNodes(n);
    const objectText = object?.text ?? '';
    const whole = unknownAt(n.startIndex, n.endIndex);
    const firstStr = args[0]?.type === 'string_literal' ? this.str(args[0]) : undefined;
    const secondStr = args[1]?.type === 'string_literal' ? this.str(args[1]) : undefined;
    const at = { start: n.startIndex, end: n.endIndex };
    if (name === 'getenv' && objectText === 'System' && firstStr && args.length === 1) {
      return { kind: 'read', read: { kind: 'env', name: firstStr.value }, ...at };
    }
    if (
      name === 'getOrDefault' &&
      object?.type === 'method_invocation' &&
      /^System\s*\.\s*getenv\s*\(\s*\)$/.test(objectText) &&
      firstStr &&
      secondStr
    ) {
      return { kind: 'read', read: { kind: 'env', name: firstStr.value, fallback: secondStr.value }, fallback: secondStr, ...at };
    }
    if (name === 'getProperty' && (objectText === 'System' || /env(?:ironment)?$/i.test(objectText)) && firstStr) {
      // A JVM system property or Spring `Environment` property: resolved like a `${name}` placeholder.
      const read = secondStr
        ? { kind: 'placeholder' as const, name: firstStr.value, fallback: secondStr.value }
        : { kind: 'placeholder' as const, name: firstStr.value };
      return { kind: 'read', read, fallback: secondStr, ...at };
    }
    if (
      name === 'orElse' &&
      object?.type === 'method_invocation' &&
      field(object, 'name')?.text === 'ofNullable' &&
      secondStr === undefined &&
      firstStr
    ) {
      const inner = this.argNodes(object)[0];
      return withFallback(inner && this.value(inner), firstStr, at.start, at.end) ?? whole;
    }
    if (name === 'requireNonNullElse' && objectText === 'Objects' && args.length === 2 && secondStr) {
      return withFallback(this.value(args[0]), secondStr, at.start, at.end) ?? whole;
    }
    if (LIST_NAMES.has(name) && LIST_CALLS.test(objectText)) {
      return { kind: 'list', items: args.map(this.expr), ...at };
    }
    if (name === 'compile' && objectText === 'Pattern' && firstStr) {
      return { ...firstStr, pattern: true, start: n.startIndex, end: n.endIndex };
    }
    if ((name === 'format' || name === 'join') && objectText === 'String') {
      return { kind: 'concat', parts: args.map(this.expr), ...at };
    }
    if (object && args.length === 0) {
      // A `@ConfigurationProperties` getter (`props.getTopic()`) or record accessor (`props.topic()`).
      const prop =
        this.rec.configProps.get(name.replace(/^(?:get|is)([A-Z])/, (_, c: string) => c.toLowerCase())) ?? this.rec.configProps.get(name);
      if (prop && !/^[A-Z]/.test(objectText)) return this.propertyRead(prop, n);
    }
    return whole;
  }

  private argNodes(call: Node): Node[] {
    const list = field(call, 'arguments');
    return list ? kids(list).filter((k) => k.type !== 'line_comment' && k.type !== 'block_comment') : [];
  }

  // -- declarations ----------------------------------------------------------------------------

  declarator(n: Node): void {
    const name = field(n, 'name')?.text;
    const decl = n.parent;
    if (!name || !decl) return;
    const annotated = this.valueFields ? this.valueAnnotation(decl) : undefined;
    if (annotated) return this.rec.declare(name, annotated);
    if (isTemplateType(field(decl, 'type')?.text)) this.ctx.templates.add(name);
    const value = field(n, 'value');
    if (this.ctx.streams && field(decl, 'type')?.text === 'StreamsBuilder') this.ctx.builders.add(name);
    if (!value) return;
    if (value.type === 'string_literal' && decl.type === 'field_declaration' && isConstantField(decl))
      this.rec.declareConstant(name, this.str(value));
    else this.rec.declare(name, () => this.value(value));
  }

  /** `@Value("${x}") String topic` on a field or parameter: the name stands for the placeholder. */
  private valueAnnotation(decl: Node): StrExpr | undefined {
    const mods = kids(decl).find((k) => k.type === 'modifiers');
    if (!mods) return undefined;
    for (const a of kids(mods)) {
      if (a.type !== 'annotation' || lastName(field(a, 'name')) !== 'Value') continue;
      const arg = kids(field(a, 'arguments') ?? a).find((k) => k.type === 'string_literal');
      if (arg) return this.str(arg);
    }
    return undefined;
  }

  parameter(n: Node): void {
    const name = field(n, 'name')?.text;
    const type = field(n, 'type')?.text;
    if (!name) return;
    if (isTemplateType(type)) this.ctx.templates.add(name);
    if (!this.valueFields && !this.ctx.streams) return;
    if (type === 'StreamsBuilder') this.ctx.builders.add(name);
    const v = this.valueAnnotation(n);
    if (v) this.rec.declare(name, v);
  }

  /** `@ConfigurationProperties(prefix = "app.kafka")` classes: their fields are `app.kafka.<field>` properties. */
  configurationClass(n: Node): void {
    if (!this.propertiesClasses) return;
    const mods = kids(n).find((k) => k.type === 'modifiers');
    const ann = mods && kids(mods).find((a) => a.type === 'annotation' && lastName(field(a, 'name')) === 'ConfigurationProperties');
    if (!ann) return;
    const args = kids(field(ann, 'arguments') ?? ann);
    const prefixNode =
      args.find((a) => a.type === 'string_literal') ??
      args.find((a) => a.type === 'element_value_pair' && /^(?:prefix|value)$/.test(field(a, 'key')?.text ?? ''));
    const prefixValue = prefixNode?.type === 'element_value_pair' ? field(prefixNode, 'value') : prefixNode;
    if (prefixValue?.type !== 'string_literal') return;
    const prefix = this.str(prefixValue).value;
    const add = (name: string, init: Node | undefined): void => this.bindProperty(prefix, name, init);
    const params = field(n, 'parameters');
    if (params) for (const p of kids(params)) if (p.type === 'formal_parameter') add(field(p, 'name')?.text ?? '', undefined);
    const body = field(n, 'body');
    for (const f of body ? kids(body) : []) {
      if (f.type !== 'field_declaration') continue;
      for (const d of kids(f)) if (d.type === 'variable_declarator') add(field(d, 'name')?.text ?? '', field(d, 'value'));
    }
  }

  /** `String brokers = System.getenv("BROKERS")`: a broker-named variable set from a reference. */
  brokerDeclaration(n: Node): void {
    const name = field(n, 'name')?.text;
    if (!name || !isBrokerKey(name)) return;
    const value = field(n, 'value');
    if (value && value.type !== 'string_literal') this.rec.brokerSetting(name, this.value(value), true);
  }

  assignment(n: Node): void {
    const left = field(n, 'left');
    const right = field(n, 'right');
    if (!left || !right || right.type === 'string_literal') return;
    const name = left.text.replace(/^this\./, '');
    if (isBrokerKey(name)) this.rec.brokerSetting(name, this.value(right), true);
  }

  // -- uses ------------------------------------------------------------------------------------

  call(n: Node): void {
    const ctor = n.type === 'object_creation_expression';
    const name = ctor ? typeName(field(n, 'type')) : (field(n, 'name')?.text ?? '');
    if (!callNameMatters(name, ctor, this.ctx) && !this.rec.mentionsKey(n.startIndex, n.endIndex)) return;
    const receiver = ctor ? '' : (field(n, 'object')?.text ?? '');
    const args: Array<Arg<Node>> = this.argNodes(n).map((node) => ({ node, key: keyOf(node, this.rec) }));
    const site: CallSite<Node> = { name, receiver, args, ctor, expr: this.expr };
    if (callMatters(site, this.ctx)) onCall(this.rec, site, this.ctx);
  }

  annotation(n: Node): void {
    if (!ANNOTATIONS.test(n.text)) return;
    const name = lastName(field(n, 'name'));
    if (name !== 'KafkaListener' && name !== 'SendTo') return;
    const list = field(n, 'arguments');
    const args = (list ? kids(list) : []).map((a) => {
      if (a.type !== 'element_value_pair') return { expr: this.value(a) };
      const value = field(a, 'value');
      return { name: field(a, 'key')?.text, expr: value ? this.value(value) : unknownAt(a.endIndex, a.endIndex) };
    });
    onAnnotation(this.rec, name, args);
  }

  bean(n: Node): void {
    if (!this.ctx.cloudStream) return;
    const mods = kids(n).find((k) => k.type === 'modifiers');
    if (
      !mods ||
      !kids(mods).some((a) => (a.type === 'marker_annotation' || a.type === 'annotation') && lastName(field(a, 'name')) === 'Bean')
    )
      return;
    const type = field(n, 'type');
    const nameNode = field(n, 'name');
    if (type?.type !== 'generic_type' || !nameNode) return;
    const base = kids(type).find((k) => k.type === 'type_identifier' || k.type === 'scoped_type_identifier')?.text ?? '';
    const typeArgs = kids(kids(type).find((k) => k.type === 'type_arguments') ?? type).length;
    onBean(this.rec, nameNode.text, base, typeArgs, nameNode.startIndex, nameNode.endIndex);
  }

  /** A string that may be a connection string: its key and whether it is an env var's default come from where it sits. */
  literal(n: Node): void {
    const s = this.str(n);
    if (!this.rec.hostish(s)) return;
    const parent = n.parent;
    if (!parent) return this.rec.literalRef(s, undefined, false);
    if (parent.type === 'array_initializer' || parent.type === 'element_value_array_initializer') {
      if (this.literalList(kids(parent), this.contextKey(parent.parent?.type === 'array_creation_expression' ? parent.parent : parent)))
        return;
    }
    if (parent.type === 'argument_list' && parent.parent?.type === 'method_invocation') {
      const call = parent.parent;
      const name = field(call, 'name')?.text ?? '';
      const objectText = field(call, 'object')?.text ?? '';
      const args = this.argNodes(call);
      if (LIST_NAMES.has(name) && LIST_CALLS.test(objectText)) {
        if (this.literalList(args, this.contextKey(call))) return;
      }
      if (this.literalDefault(s, call)) return;
    }
    return this.rec.literalRef(s, this.contextKey(n).key, false);
  }

  private literalList(items: Node[], key: { key?: string }): boolean {
    if (!items.every((i) => i.type === 'string_literal')) return false;
    return this.rec.listRefOf(
      items.map((i) => this.str(i)),
      key.key,
    );
  }

  /** The key a value is written under: the variable, the assigned field, the preceding map key. */
  private contextKey(n: Node): { key?: string } {
    const parent = n.parent;
    if (!parent) return {};
    switch (parent.type) {
      case 'variable_declarator':
        return { key: field(parent, 'name')?.text };
      case 'assignment_expression':
        return { key: field(parent, 'left')?.text.replace(/^this\./, '') };
      case 'element_value_pair':
        return { key: field(parent, 'key')?.text };
      case 'argument_list': {
        const args = kids(parent);
        const i = args.findIndex((a) => a.equals(n));
        if (i % 2 === 1) return { key: keyOf(args[i - 1], this.rec)?.text };
        return {};
      }
    }
    return {};
  }
}

/** A map/config key as written: a string's value or a (dotted) constant name. */
function keyOf(n: Node, rec: JvmRecorder): { text: string; quoted: boolean } | undefined {
  if (n.type === 'string_literal') {
    const raw = n.text;
    return raw.length >= 2 && !raw.startsWith('"""') ? { text: rec.text.slice(n.startIndex + 1, n.endIndex - 1), quoted: true } : undefined;
  }
  if (n.type === 'identifier' || n.type === 'field_access') return /^[\w$.]+$/.test(n.text) ? { text: n.text, quoted: false } : undefined;
  return undefined;
}

function lastName(n: Node | undefined): string {
  const t = n?.text ?? '';
  return t.slice(t.lastIndexOf('.') + 1);
}

function typeName(n: Node | undefined): string {
  if (!n) return '';
  if (n.type === 'generic_type') return lastName(kids(n).find((k) => k.type === 'type_identifier' || k.type === 'scoped_type_identifier'));
  return lastName(n);
}

/** `static final` fields and interface fields are constants; their strings are settings of the service. */
function isConstantField(decl: Node): boolean {
  const mods = kids(decl).find((k) => k.type === 'modifiers')?.text ?? '';
  if (/\bstatic\b/.test(mods) && /\bfinal\b/.test(mods)) return true;
  return decl.parent?.type === 'interface_body';
}
