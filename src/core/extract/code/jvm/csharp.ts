// C#, read with tree-sitter: Confluent.Kafka (.NET) configs (`new ConsumerConfig { GroupId = ..., AutoOffsetReset =
// AutoOffsetReset.Earliest }`), `ProduceAsync`/`Produce`, `Subscribe`, and the values they are set from:
// `Environment.GetEnvironmentVariable("X") ?? "d"`, `configuration["Kafka:BootstrapServers"]` (an
// appsettings.json key, flattened as the JSON reader flattens it: `Kafka.BootstrapServers`), constants.
import type { Tree } from 'web-tree-sitter';
import { isBrokerKey } from '../../text';
import { clientKey } from './keys';
import { TreeReader, type Handlers } from './reader';
import { unescapeBackslashes, unknownAt, type Expr, type JvmRecorder, type StrExpr } from './record';
import { callMatters, callNameMatters, onCall, type Arg, type CallSite, type FileContext } from './sites';
import { field, hasToken, kids, type Node } from './tree';

const HANDLED: Readonly<Record<string, string>> = {
  string_literal: 'string',
  verbatim_string_literal: 'string',
  invocation_expression: 'call',
  object_creation_expression: 'new',
  variable_declarator: 'declarator',
  assignment_expression: 'assign',
};

const CONFIG_TYPES = /^(?:ProducerConfig|ConsumerConfig|ClientConfig|AdminClientConfig|StreamConfig)$/;
const CONFIG_RECEIVER = /(?:^|[._])(?:config|configuration|Configuration|Config|cfg)$/;

export function readCSharp(tree: Tree, rec: JvmRecorder, ctx: FileContext): void {
  new CSharpReader(rec, ctx).read(tree.rootNode);
}

class CSharpReader extends TreeReader {
  protected readonly handled = HANDLED;
  protected readonly declarations: Handlers = { declarator: (n) => this.declarator(n), assign: (n) => this.fieldAssignment(n) };
  protected readonly uses: Handlers = { new: (n) => this.creation(n), declarator: (n) => this.brokerDeclaration(n) };

  value(n: Node): Expr {
    const at = { start: n.startIndex, end: n.endIndex };
    switch (n.type) {
      case 'string_literal':
      case 'verbatim_string_literal':
      case 'raw_string_literal':
        return this.str(n);
      case 'interpolated_string_expression':
        return {
          kind: 'concat',
          parts: kids(n)
            .filter((k) => k.type === 'interpolation')
            .map((i) => this.value(kids(i).find((k) => k.type !== 'interpolation_brace') ?? i)),
          ...at,
        };
      case 'parenthesized_expression':
      case 'cast_expression':
        return this.inner(n);
      case 'identifier':
        return { kind: 'ident', name: n.text, memberStart: n.startIndex, ...at };
      case 'member_access_expression': {
        const name = field(n, 'name');
        if (!name || !/^[\w.\s]+$/.test(n.text)) break;
        return { kind: 'ident', name: n.text.replace(/\s+/g, '').replace(/^this\./, ''), memberStart: name.startIndex, ...at };
      }
      case 'binary_expression': {
        const left = field(n, 'left');
        const right = field(n, 'right');
        const read = left && right && this.binary(n, left, right, hasToken(n, '??'), hasToken(n, '+'));
        if (read) return read;
        break;
      }
      case 'invocation_expression':
        return this.invocation(n);
      case 'element_access_expression':
        return this.configIndex(n);
      case 'implicit_array_creation_expression':
      case 'array_creation_expression':
      case 'collection_expression':
      case 'initializer_expression': {
        const init =
          n.type === 'initializer_expression' || n.type === 'collection_expression'
            ? n
            : kids(n).find((k) => k.type === 'initializer_expression');
        if (!init) break;
        return { kind: 'list', items: kids(init).map((k) => this.value(k.type === 'expression_element' ? (kids(k)[0] ?? k) : k)), ...at };
      }
      case 'object_creation_expression': {
        const type = typeName(field(n, 'type'));
        const init = field(n, 'initializer');
        if ((type === 'List' || type === 'HashSet') && init) return { kind: 'list', items: kids(init).map(this.expr), ...at };
        if (type === 'TopicPartition' || type === 'TopicPartitionOffset') {
          const first = this.argNodes(n)[0];
          return first ? this.value(first) : unknownAt(at.start, at.end);
        }
        break;
      }
    }
    return unknownAt(at.start, at.end);
  }

  str(n: Node): StrExpr {
    const raw = n.text;
    let open = 1;
    let close = 1;
    if (n.type === 'verbatim_string_literal') open = 2;
    else if (n.type === 'raw_string_literal') {
      const quotes = /^"+/.exec(raw)?.[0].length ?? 3;
      open = quotes;
      close = quotes;
    }
    const closed = raw.length >= open + close && raw.endsWith('"');
    const contentStart = n.startIndex + open;
    const contentEnd = Math.max(contentStart, n.endIndex - (closed ? close : 0));
    const content = this.rec.text.slice(contentStart, contentEnd);
    const value =
      n.type === 'string_literal'
        ? unescapeBackslashes(content)
        : n.type === 'verbatim_string_literal'
          ? content.replace(/""/g, '"')
          : content;
    return { kind: 'string', value, start: n.startIndex, end: n.endIndex, contentStart, contentEnd, interpolated: false };
  }

  private argNodes(call: Node): Node[] {
    const list = field(call, 'arguments');
    return (list ? kids(list) : []).filter((a) => a.type === 'argument').flatMap((a) => kids(a).slice(-1));
  }

  private callParts(n: Node): { name: string; receiver?: Node } {
    const fn = field(n, 'function');
    if (fn?.type === 'member_access_expression')
      return { name: stripGeneric(field(fn, 'name')?.text ?? ''), receiver: field(fn, 'expression') };
    return { name: stripGeneric(fn?.text ?? '') };
  }

  private invocation(n: Node): Expr {
    const { name, receiver } = this.callParts(n);
    const recv = receiver?.text ?? '';
    const args = this.argNodes(n);
    const at = { start: n.startIndex, end: n.endIndex };
    const first = args[0] && /string_literal$/.test(args[0].type) ? this.str(args[0]) : undefined;
    const second = args[1] && /string_literal$/.test(args[1].type) ? this.str(args[1]) : undefined;
    if (name === 'GetEnvironmentVariable' && recv === 'Environment' && first)
      return { kind: 'read', read: { kind: 'env', name: first.value }, ...at };
    if (name === 'Select' && args[0]?.type === 'lambda_expression') {
      // `partitions.Select(p => new TopicPartitionOffset(Topic, p, …))`: the topic every element names.
      const body = field(args[0], 'body');
      const type = body?.type === 'object_creation_expression' ? typeName(field(body, 'type')) : '';
      if (body && (type === 'TopicPartition' || type === 'TopicPartitionOffset')) return this.value(body);
    }
    if (!first) return unknownAt(at.start, at.end);
    if (name === 'GetValue' && CONFIG_RECEIVER.test(recv)) {
      const key = configKey(this.sectionPrefix(receiver), first.value);
      return {
        kind: 'read',
        read: second ? { kind: 'placeholder', name: key, fallback: second.value } : { kind: 'placeholder', name: key },
        fallback: second,
        ...at,
      };
    }
    if (name === 'GetConnectionString' && CONFIG_RECEIVER.test(recv))
      return { kind: 'read', read: { kind: 'placeholder', name: `ConnectionStrings.${first.value}` }, ...at };
    return unknownAt(at.start, at.end);
  }

  /** `configuration["Kafka:BootstrapServers"]`, `configuration.GetSection("Kafka")["BootstrapServers"]`. */
  private configIndex(n: Node): Expr {
    const target = field(n, 'expression');
    const sub = field(n, 'subscript');
    const key = sub && kids(kids(sub)[0] ?? sub)[0];
    if (!target || !key || !/string_literal$/.test(key.type)) return unknownAt(n.startIndex, n.endIndex);
    const prefix = this.sectionPrefix(target);
    if (prefix === undefined && !CONFIG_RECEIVER.test(target.text)) return unknownAt(n.startIndex, n.endIndex);
    return {
      kind: 'read',
      read: { kind: 'placeholder', name: configKey(prefix, this.str(key).value) },
      start: n.startIndex,
      end: n.endIndex,
    };
  }

  /** The section a `GetSection("A:B")` receiver narrows to, or undefined for the configuration root. */
  private sectionPrefix(n: Node | undefined): string | undefined {
    if (n?.type !== 'invocation_expression') return undefined;
    const { name, receiver } = this.callParts(n);
    const arg = this.argNodes(n)[0];
    if (name !== 'GetSection' || !arg || !/string_literal$/.test(arg.type)) return undefined;
    return configKey(this.sectionPrefix(receiver), this.str(arg).value);
  }

  // -- declarations ----------------------------------------------------------------------------

  private declaratorValue(n: Node): Node | undefined {
    const name = field(n, 'name');
    return name ? kids(n).find((k) => !k.equals(name) && k.type !== 'bracketed_argument_list') : undefined;
  }

  declarator(n: Node): void {
    const name = field(n, 'name')?.text;
    const value = this.declaratorValue(n);
    if (!name || !value) return;
    const decl = n.parent?.parent;
    const mods =
      decl?.type === 'field_declaration' || decl?.type === 'local_declaration_statement'
        ? kids(decl)
            .filter((k) => k.type === 'modifier')
            .map((k) => k.text)
        : [];
    const constant = mods.includes('const') || (mods.includes('static') && mods.includes('readonly'));
    if (constant && decl?.type === 'field_declaration' && /string_literal$/.test(value.type))
      this.rec.declareConstant(name, this.str(value));
    else this.rec.declare(name, () => this.value(value));
  }

  brokerDeclaration(n: Node): void {
    const name = field(n, 'name')?.text;
    if (!name || !isBrokerKey(name)) return;
    const value = this.declaratorValue(n);
    if (value && !/string_literal$/.test(value.type)) this.rec.brokerSetting(name, this.value(value), true);
  }

  /** `config.BootstrapServers = ...` outside an initializer, `brokers = Environment...`. */
  /**
   * `this.topic = config.GetValue<string>("Kafka:Topic")` in a constructor: the field's value where it
   * is read (`Subscribe(this.topic)`). A field assigned without a declared value; the first assignment wins.
   */
  fieldAssignment(n: Node): void {
    const left = field(n, 'left');
    const right = field(n, 'right');
    if (!left || !right || n.parent?.type === 'initializer_expression' || !hasToken(n, '=')) return;
    const name =
      left.type === 'identifier'
        ? left.text
        : left.type === 'member_access_expression' && /^this\s*\./.test(left.text)
          ? field(left, 'name')?.text
          : undefined;
    if (name) this.rec.declare(name, () => this.value(right));
  }

  assignment(n: Node): void {
    const left = field(n, 'left');
    const right = field(n, 'right');
    if (!left || !right || n.parent?.type === 'initializer_expression') return;
    if (left.type === 'member_access_expression') {
      const member = field(left, 'name')?.text ?? '';
      const key = clientKey(member, false);
      if (key) this.rec.setting(key, member, this.value(right), this.ctx.client);
      return;
    }
    if (left.type === 'element_access_expression') {
      // `config["group.id"] = "g"` on a dictionary of librdkafka properties.
      const sub = field(left, 'subscript');
      const k = sub && kids(kids(sub)[0] ?? sub)[0];
      const kind = k && /string_literal$/.test(k.type) ? clientKey(this.str(k).value, true) : undefined;
      if (k && kind) this.rec.setting(kind, this.str(k).value, this.value(right), this.ctx.client);
      return;
    }
    if (!/string_literal$/.test(right.type) && isBrokerKey(left.text)) this.rec.brokerSetting(left.text, this.value(right), true);
  }

  // -- uses ------------------------------------------------------------------------------------

  call(n: Node): void {
    const { name, receiver } = this.callParts(n);
    if (!callNameMatters(name, false, this.ctx) && !this.rec.mentionsKey(n.startIndex, n.endIndex)) return;
    const args: Array<Arg<Node>> = this.argNodes(n).map((node) => ({ node, key: this.keyOf(node) }));
    const site: CallSite<Node> = { name, receiver: receiver?.text ?? '', args, ctor: false, expr: this.expr };
    if (callMatters(site, this.ctx)) onCall(this.rec, site, this.ctx);
  }

  /** `new ConsumerConfig { ... }` and dictionaries of librdkafka properties. */
  creation(n: Node): void {
    const type = typeName(field(n, 'type'));
    const init = field(n, 'initializer');
    if (!init) return;
    if (CONFIG_TYPES.test(type)) return this.clientConfig(n, type, init);
    if (!this.rec.mentionsKey(init.startIndex, init.endIndex)) return;
    for (const item of kids(init)) {
      // `{ "bootstrap.servers", "h:9092" }` and `["group.id"] = "g"` in a dictionary initializer.
      let keyNode: Node | undefined;
      let valueNode: Node | undefined;
      if (item.type === 'initializer_expression') [keyNode, valueNode] = kids(item);
      else if (item.type === 'assignment_expression') {
        const left = field(item, 'left');
        const arg =
          left && (left.type === 'element_binding_expression' || left.type === 'implicit_element_access') ? kids(left)[0] : undefined;
        keyNode =
          arg?.type === 'argument' ? kids(arg)[0] : arg?.type === 'bracketed_argument_list' ? kids(kids(arg)[0] ?? arg)[0] : undefined;
        valueNode = field(item, 'right');
      }
      const kind = keyNode && /string_literal$/.test(keyNode.type) ? clientKey(this.str(keyNode).value, true) : undefined;
      if (keyNode && valueNode && kind) this.rec.setting(kind, this.str(keyNode).value, this.value(valueNode), this.ctx.client);
    }
  }

  private clientConfig(n: Node, type: string, init: Node): void {
    const items = kids(init).filter((k) => k.type === 'assignment_expression');
    let offsetSet = false;
    for (const item of items) {
      const left = field(item, 'left');
      const right = field(item, 'right');
      const key = left?.type === 'identifier' ? clientKey(left.text, false) : undefined;
      if (!left || !right || !key) continue;
      if (key === 'offset') offsetSet = true;
      this.rec.setting(key, left.text, this.value(right), this.ctx.client);
    }
    if (type !== 'ConsumerConfig' || offsetSet || this.argNodes(n).length > 0) return;
    // Bound from configuration, or set elsewhere in the file: not ours to insert.
    if (
      /AutoOffsetReset\s*=|auto\.offset\.reset|\.Bind\s*\(/.test(
        this.rec.text.replace(this.rec.text.slice(init.startIndex, init.endIndex), ''),
      )
    )
      return;
    const typeNode = field(n, 'type');
    if (!typeNode) return;
    this.rec.facts.offsetResets.push({
      file: this.rec.file,
      client: this.ctx.client,
      value: 'latest',
      explicit: false,
      range: this.rec.range(typeNode.startIndex, typeNode.endIndex),
      fix: this.insertEntry(init, items, 'AutoOffsetReset = AutoOffsetReset.Earliest'),
    });
  }

  /** Inserting `entry` as the last item of an initializer, in its own style (one line, or one item per line). */
  private insertEntry(init: Node, items: Node[], entry: string) {
    const { text, index, file } = this.rec;
    const last = items[items.length - 1] ?? kids(init).at(-1);
    if (!last) return index.edit(file, init.startIndex + 1, 0, ` ${entry} `);
    const after = init.children.find((c) => c && !c.isNamed && c.type === ',' && c.startIndex >= last.endIndex);
    const closeAt = init.endIndex - 1;
    const multiline = text.slice(last.endIndex, closeAt).includes('\n');
    if (!multiline) return after ? index.edit(file, after.endIndex, 0, ` ${entry},`) : index.edit(file, last.endIndex, 0, `, ${entry}`);
    const lineStart = text.lastIndexOf('\n', last.startIndex - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return after
      ? index.edit(file, after.endIndex, 0, `${eol}${indent}${entry},`)
      : index.edit(file, last.endIndex, 0, `,${eol}${indent}${entry}`);
  }

  literal(n: Node): void {
    const s = this.str(n);
    if (!this.rec.hostish(s)) return;
    let at = n.parent;
    if (at?.type === 'argument') at = at.parent;
    if (!at) return this.rec.literalRef(s, undefined, false);
    if (at.type === 'binary_expression' && hasToken(at, '??') && this.literalDefault(s, at)) return;
    if (at.type === 'argument_list' && at.parent?.type === 'invocation_expression') {
      if (this.literalDefault(s, at.parent)) return;
      const args = this.argNodes(at.parent);
      const i = args.findIndex((a) => a.equals(n));
      if (i % 2 === 1) return this.rec.literalRef(s, this.keyOf(args[i - 1])?.text, false);
    }
    if (at.type === 'initializer_expression') {
      const items = kids(at);
      // `{ "bootstrap.servers", "h:9092" }` in a dictionary; `new[] { "a:9092", "b:9092" }` is a list.
      if (items.length === 2 && items[1].equals(n) && at.parent?.type === 'initializer_expression')
        return this.rec.literalRef(s, this.keyOf(items[0])?.text, false);
      if (
        items.every((i) => /string_literal$/.test(i.type)) &&
        this.rec.listRefOf(
          items.map((i) => this.str(i)),
          this.contextKey(at.parent ?? at),
        )
      )
        return;
    }
    return this.rec.literalRef(s, this.contextKey(n), false);
  }

  private contextKey(n: Node): string | undefined {
    const parent = n.parent;
    if (!parent) return undefined;
    if (parent.type === 'variable_declarator') return field(parent, 'name')?.text;
    if (parent.type === 'assignment_expression') {
      const left = field(parent, 'left');
      return left?.type === 'member_access_expression' ? field(left, 'name')?.text : left?.text;
    }
    if (parent.type === 'argument')
      return kids(parent).length === 2 && kids(parent)[0].type === 'identifier' ? kids(parent)[0].text : undefined;
    return undefined;
  }

  private keyOf(n: Node): { text: string; quoted: boolean } | undefined {
    if (n.type === 'string_literal' || n.type === 'verbatim_string_literal') return { text: this.str(n).value, quoted: true };
    if (n.type === 'identifier' || n.type === 'member_access_expression')
      return /^[\w.]+$/.test(n.text) ? { text: n.text, quoted: false } : undefined;
    return undefined;
  }
}

/** appsettings.json `Kafka:BootstrapServers` as the JSON reader flattens it: `Kafka.BootstrapServers`. */
function configKey(prefix: string | undefined, key: string): string {
  const k = key.replace(/:/g, '.');
  return prefix ? `${prefix}.${k}` : k;
}

function stripGeneric(name: string): string {
  return name.replace(/<[\s\S]*$/, '');
}

function typeName(n: Node | undefined): string {
  if (!n) return '';
  const t = n.type === 'generic_name' ? (kids(n).find((k) => k.type === 'identifier')?.text ?? '') : n.text;
  return t.slice(t.lastIndexOf('.') + 1);
}
