// What every tree-sitter code extractor does the same way once a file is parsed: connection strings in
// literals (keyed or by shape) and behind indirection (env, flags, constants), consumer groups,
// `auto.offset.reset` and security settings under their well-known keys, local constants, and turning
// topic/group expressions into facts. The language adapters say how each language spells things.
import {
  emptyFacts,
  type BrokerRefText,
  type FileFacts,
  type FileFormat,
  type Indirection,
  type Range,
  type SecurityHint,
  type TextEdit,
  type TopicDirection,
  type TopicUse,
} from '../../model/types';
import type { ExtractOptions } from '../options';
import { hostTokens, isBrokerKey, isLookalikeKey, LineIndex, listRef, placeholderDefault, scalarRef } from '../text';
import { constantLike, lastSegment, nodesOf, type Entry, type LanguageSyntax, type NodesByType, type Value } from './syntax';
import { nodesByType, parseCode, sameNode, syntaxProblem, type Node, type Tree } from './tsQuery';
import { HOSTISH, namedLiteral, type Named, type Via } from './named';
import { isPlaceholderText } from '../config/indirect';

// Constants worth a Setting even when their value is no connection string: they name topics/groups.
// What a literal that hostTokens() can accept contains at least once (a cheap test on the raw text).
const MAYBE_HOSTS = /:\d|\.|localhost|kafka|broker|\$\{/i;
// Calls that split or join a connection string without changing what it names.
const SPLIT_JOIN = /(?:^|\.)(split|Split|SplitN|join|Join|strip|trim|TrimSpace|Fields)$/;
const TOPICISH_NAME = /topic|group|stream|queue|channel|destination/i;

export type Offset = FileFacts['offsetResets'][number];

/** Parses `text` and runs `read` over the tree; the facts are always returned, never a throw. */
export function extractWith(
  file: string,
  text: string,
  format: FileFormat,
  syntax: LanguageSyntax,
  opts: ExtractOptions,
  read: (scan: CodeFacts) => void,
): FileFacts {
  const parsed = parseCode(syntax.lang, text);
  if (!('tree' in parsed)) {
    const facts = emptyFacts(file, format);
    facts.problems.push({ file, line: 1, column: 1, severity: 'warning', message: parsed.problem });
    return facts;
  }
  try {
    const scan = new CodeFacts(file, text, format, syntax, opts, parsed.tree);
    read(scan);
    return scan.finish();
  } finally {
    // The tree lives in the wasm heap, which never shrinks: free it at once.
    parsed.tree.delete();
  }
}

export class CodeFacts {
  readonly facts: FileFacts;
  readonly index: LineIndex;
  readonly root: Node;
  /** The nodes every pass reads, by type (one query per file). */
  readonly nodes: NodesByType;
  /** Every value assigned to each name, in file order (read lazily: most are never looked up). */
  private readonly assigned = new Map<string, Node[]>();
  private readonly constCache = new Map<string, Node | null>();
  private readonly seenRefs = new Set<string>();

  constructor(
    readonly file: string,
    readonly text: string,
    format: FileFormat,
    readonly syntax: LanguageSyntax,
    private readonly opts: ExtractOptions,
    tree: Tree,
  ) {
    this.facts = emptyFacts(file, format);
    this.index = new LineIndex(text);
    this.root = tree.rootNode;
    this.nodes = nodesByType(this.root, syntax.nodeTypes);
    const problem = syntaxProblem(tree, file, this.index);
    if (problem) this.facts.problems.push(problem);
    this.collectConstants();
  }

  /** The facts in file order, whichever pass found them first. */
  finish(): FileFacts {
    return inFileOrder(this.facts);
  }

  range(start: number, end: number): Range {
    return this.index.range(start, end - start);
  }

  nodeRange(node: Node): Range {
    return this.range(node.startIndex, node.endIndex);
  }

  edit(offset: number, length: number, newText: string): TextEdit {
    return this.index.edit(this.file, offset, length, newText);
  }

  /** The nodes of these types, in document order. */
  of(...types: string[]): Node[] {
    return nodesOf(this.nodes, ...types);
  }

  /** Entries of object/dict/struct literals and named arguments, in file order. */
  entries(): Entry[] {
    return this.syntax.entries(this.nodes);
  }

  value(node: Node): Value {
    return this.syntax.value(node);
  }

  // ---- constants -------------------------------------------------------------------------------

  private collectConstants(): void {
    const strings = new Set(this.syntax.stringTypes);
    for (const node of this.of(...this.syntax.declarationTypes)) {
      const decl = this.syntax.declaration(node);
      if (!decl) continue;
      const name = decl.name;
      let list = this.assigned.get(name);
      if (!list) this.assigned.set(name, (list = []));
      list.push(decl.value);
      // Only top-level names are settings: a field assigned later (`cfg.topic = …`) is no name another
      // file can read, but a field of a declared object literal (`TOPICS.ordersCreated`) is.
      const field = name.includes('.');
      if (list.length === 1 && (!field || node.type === 'pair') && strings.has(decl.value.type)) {
        const v = this.value(decl.value);
        if (v.kind === 'string' && !v.interpolated && !v.regex) this.constantSetting(name, v, field);
      }
    }
  }

  /** The first value assigned to `name` (`conf = {...}` for `Consumer(conf)`), whatever it is. */
  declared(name: string): Node | undefined {
    return this.assigned.get(name)?.[0];
  }

  /**
   * The value assigned to `name` that the readers understand (literal, env, list, name, call). A name
   * assigned more than once (`topic := a` in one block, `topic := b` in another) means, at `at`, the
   * last assignment before it whose block holds it; otherwise (or with no `at`) the first.
   */
  constant(name: string, at?: Node): Node | undefined {
    let found = this.constCache.get(name);
    if (found === undefined) {
      found = null;
      for (const node of this.assigned.get(name) ?? []) {
        if (this.understood(node)) {
          found = node;
          break;
        }
      }
      this.constCache.set(name, found);
    }
    if (!found || !at) return found ?? undefined;
    const all = this.assigned.get(name)!;
    if (all.length < 2) return found;
    let scoped: Node | undefined;
    for (const node of all) {
      if (node.startIndex >= at.startIndex) break;
      const block = enclosingBlock(node);
      if (block && (block.startIndex > at.startIndex || block.endIndex < at.endIndex)) continue;
      scoped = node;
    }
    return scoped && this.understood(scoped) ? scoped : found;
  }

  private understood(node: Node): boolean {
    const inner = this.syntax.unwrap(node);
    return this.value(node).kind !== 'unknown' || !!this.syntax.call(inner) || !!this.syntax.flag?.(inner);
  }

  private constantOf(name: string, at?: Node): Node | undefined {
    return this.constant(name, at) ?? this.constant(lastSegment(name), at);
  }

  /** A string constant that looks like brokers or names a topic: a Setting other files can resolve. */
  private constantSetting(name: string, v: Extract<Value, { kind: 'string' }>, field = false): void {
    // A field keeps its owner (`TOPICS.ordersCreated`): its last segment alone would name too little.
    const key = field ? name : lastSegment(name);
    const hosts = hostTokens(v.value, v.start, this.index, { keyed: isBrokerKey(key), knownHosts: this.opts.knownHosts });
    if (hosts.length === 0 && !TOPICISH_NAME.test(key)) return;
    this.facts.settings.push({ file: this.file, key, value: v.value, range: this.range(v.start, v.end) });
  }

  /** Follows a local constant (two hops at most); the value itself when it names nothing known. */
  resolve(v: Value, hops = 0): Value {
    if (v.kind !== 'ident' || hops > 2) return v;
    const target = this.constantOf(v.name, v.node);
    if (!target || sameNode(target, v.node)) return v;
    return this.resolve(this.value(target), hops + 1);
  }

  // ---- topics and groups -----------------------------------------------------------------------

  /** The topic names (or indirections) an expression stands for. */
  named(v: Value): Named[] {
    // A flag with a literal default (`flag.String("topic", "orders", …)`) names that topic when none is passed.
    const flagged = this.flagDefault(v);
    if (flagged) return [{ topic: flagged, start: v.start, end: v.end }];
    const resolved = this.resolve(v);
    // A constant's value is reported at the use site, where a reader looks for it.
    const out = this.namedDirect(resolved);
    return resolved === v ? out : out.map((n) => ({ ...n, start: v.start, end: v.end }));
  }

  private flagDefault(v: Value): string | undefined {
    if (v.kind !== 'ident' || !this.syntax.flag) return undefined;
    const target = this.constant(v.name, v.node);
    const flag = target && this.syntax.flag(this.syntax.unwrap(target));
    const fallback = flag?.fallback ? this.value(flag.fallback) : undefined;
    return fallback?.kind === 'string' && !fallback.interpolated && fallback.value ? fallback.value : undefined;
  }

  private namedDirect(v: Value): Named[] {
    switch (v.kind) {
      case 'string': {
        const { start, end } = v;
        // An empty literal (`topics = ""`, set later by a flag) names nothing.
        if (!v.value && !v.interpolated) return [{ start, end }];
        if (v.interpolated || v.value.startsWith('#{')) return [{ start, end }];
        return [namedLiteral(v.value, v.regex, start, end)];
      }
      case 'list':
        return v.items.flatMap((i) => this.named(i));
      case 'env':
        return [{ via: envVia(v.name, v.fallback), start: v.start, end: v.end }];
      case 'ident':
        // Declared in another file of the service (or a settings file): the model resolves the name.
        if (constantLike(v.name)) return [{ via: { kind: 'constant', name: lastSegment(v.name) }, start: v.start, end: v.end }];
        // A field of an imported or constant object (`TOPICS.ordersCreated`): that file's Setting has the whole name.
        if (this.foreignField(v.name)) return [{ via: { kind: 'constant', name: v.name }, start: v.start, end: v.end }];
        return [{ start: v.start, end: v.end }];
      case 'unknown':
        return [{ start: v.start, end: v.end }];
    }
  }

  /** `A.b` whose owner `A` is imported into this file or named like a constant, and not declared here. */
  private foreignField(name: string): boolean {
    const dot = name.indexOf('.');
    if (dot <= 0 || !/^[\w$]+(?:\.[\w$]+)+$/.test(name)) return false;
    const owner = name.slice(0, dot);
    if (owner === 'this' || owner === 'self' || this.assigned.has(owner)) return false;
    return /^[A-Z][A-Z0-9_]*$/.test(owner) || this.imports().has(owner);
  }

  private importedNames?: Set<string>;

  /** The names an `import`/`require`/`from … import` statement brings into the file. */
  private imports(): Set<string> {
    if (this.importedNames) return this.importedNames;
    const names = new Set<string>();
    const add = (list: string | undefined): void => {
      for (const part of (list ?? '').split(',')) {
        const m = /([\w$]+)\s*$/.exec(part.trim());
        if (m) names.add(m[1]);
      }
    };
    for (const m of this.text.matchAll(/\bimport\s+(?:type\s+)?([\w$]+)?\s*,?\s*(?:\{([^}]*)\}|\*\s*as\s+([\w$]+))?\s*from\b/g)) {
      add(m[1]);
      add(m[2]?.replace(/\s+as\s+/g, ' '));
      add(m[3]);
    }
    for (const m of this.text.matchAll(/\b(?:const|let|var)\s+(?:\{([^}]*)\}|([\w$]+))\s*=\s*require\s*\(/g)) {
      add(m[1]?.replace(/[\w$]+\s*:\s*/g, ''));
      add(m[2]);
    }
    for (const m of this.text.matchAll(/^[ \t]*from\s+[\w.]+\s+import\s+\(?([\w\s,]+)\)?/gm)) add(m[1].replace(/\s+as\s+/g, ' '));
    this.importedNames = names;
    return names;
  }

  addTopics(node: Node | Value, direction: TopicDirection, client: string, pattern = false): void {
    const v = 'kind' in node ? node : this.value(node);
    for (const n of this.named(v)) {
      const use: TopicUse = { file: this.file, direction, client, range: this.range(n.start, n.end) };
      if (n.topic !== undefined) use.topic = n.topic;
      if (n.via) use.via = n.via;
      if (n.pattern || (pattern && n.topic !== undefined)) use.pattern = true;
      this.facts.topicUses.push(use);
    }
  }

  addGroup(node: Node | Value, client: string): void {
    const v = 'kind' in node ? node : this.value(node);
    for (const n of this.named(v)) {
      const group: FileFacts['groups'][number] = { file: this.file, client, range: this.range(n.start, n.end) };
      if (n.topic !== undefined) group.group = n.topic;
      if (n.via) group.via = n.via;
      this.facts.groups.push(group);
    }
  }

  /** `auto.offset.reset` written as a value: classify it and, when it is a literal, offer the fix. */
  addOffsetValue(node: Node, client: string): void {
    const v = this.value(node);
    const resolved = this.resolve(v);
    if (resolved.kind === 'string' && !resolved.interpolated) {
      const value = offsetWord(resolved.value);
      const reset: Offset = { file: this.file, client, value, explicit: true, range: this.range(resolved.start, resolved.end) };
      if (value !== 'earliest') reset.fix = this.edit(resolved.start, resolved.end - resolved.start, 'earliest');
      this.facts.offsetResets.push(reset);
      return;
    }
    this.facts.offsetResets.push({ file: this.file, client, value: 'unknown', explicit: true, range: this.range(v.start, v.end) });
  }

  addSecurity(kind: SecurityHint['kind'], value: string, node: Node | { start: number; end: number }, client: string, key?: string): void {
    const [start, end] = 'startIndex' in node ? [node.startIndex, node.endIndex] : [node.start, node.end];
    const hint: SecurityHint = { file: this.file, client, kind, value, range: this.range(start, end) };
    if (key !== undefined) hint.key = key;
    this.facts.security.push(hint);
  }

  /**
   * Security settings in config maps and named arguments, spelled the librdkafka way
   * (`security.protocol`, `sasl.mechanism`, `ssl.certificate.location`) or kafka-python's
   * (`security_protocol`, `sasl_mechanism`, `ssl_certfile`).
   */
  securityEntry(key: string, valueNode: Node, client: string): boolean {
    const k = key.toLowerCase().replace(/_/g, '.');
    const v = this.resolve(this.value(valueNode));
    const literal = v.kind === 'string' && !v.interpolated ? v : undefined;
    const at = literal ? { start: literal.start, end: literal.end } : valueNode;
    if (k === 'security.protocol') {
      this.addSecurity('protocol', literal ? literal.value.toUpperCase() : 'unknown', at, client, key);
    } else if (k === 'sasl.mechanism' || k === 'sasl.mechanisms') {
      this.addSecurity('sasl-mechanism', literal ? literal.value.toUpperCase() : 'unknown', at, client, key);
    } else if (/^ssl\.(certificate\.(location|pem)|certfile|keystore\.location|key\.location)$/.test(k)) {
      this.addSecurity('client-cert', 'present', valueNode, client, key);
    } else return false;
    return true;
  }

  /** Groups, `auto.offset.reset` and security settings under their well-known keys. */
  keyedSettings(entries: Entry[], clientFor: (key: string) => string | undefined): void {
    for (const e of entries) {
      const client = clientFor(e.key);
      if (!client) continue;
      if (/^(group\.id|group_id|groupId|GroupID|GROUP_ID_CONFIG)$/.test(e.key)) this.addGroup(e.value, client);
      else if (/^(auto\.offset\.reset|auto_offset_reset|AUTO_OFFSET_RESET_CONFIG)$/.test(e.key)) this.addOffsetValue(e.value, client);
      else this.securityEntry(e.key, e.value, client);
    }
  }

  // ---- connection strings ----------------------------------------------------------------------

  /** Connection strings in literals: lists of literals first (one ref per list), then single literals. */
  literalBrokerRefs(): void {
    const { syntax } = this;
    const doneLists = new Set<number>();
    for (const str of this.of(...syntax.stringTypes)) {
      // Most literals in code are messages and names: skip, before reading the tree around them, every
      // literal that holds no port, dot, placeholder or Kafka-ish word (hostTokens would reject it).
      // Manifest hosts do not widen this: hostTokens accepts one unkeyed only as `host:port`.
      if (!MAYBE_HOSTS.test(str.text)) continue;
      const v = this.value(str);
      if (v.kind !== 'string' || v.regex) continue;
      const list = this.enclosingList(str);
      if (list) {
        if (doneLists.has(list.startIndex)) continue;
        doneLists.add(list.startIndex);
        const items = syntax.listItems(list).map((n) => this.value(n));
        if (items.every((i) => i.kind === 'string' && !i.regex)) {
          const lits = items as Array<Extract<Value, { kind: 'string' }>>;
          if (lits.some((i) => i.interpolated)) continue;
          const ctx = syntax.context(list);
          const ref = listRef(
            this.file,
            this.facts.format,
            ctx.envDefault ? 'code-default' : 'code-literal',
            ctx.key,
            lits.map((i) => ({ text: this.text.slice(i.start, i.end), offset: i.start })),
            this.index,
            { knownHosts: this.opts.knownHosts },
          );
          if (ref) this.pushRef(ref);
          continue;
        }
      }
      if (v.interpolated) continue;
      const content = this.text.slice(v.start, v.end);
      if (!HOSTISH.test(content)) continue;
      const ph = placeholderDefault(content);
      const knownHosts = this.opts.knownHosts;
      if (ph) {
        const ref = scalarRef(this.file, this.facts.format, 'code-default', ph.name, ph.fallback, v.start + ph.fallbackStart, this.index, {
          knownHosts,
        });
        if (ref) this.pushRef(ref);
        continue;
      }
      const ctx = syntax.context(str);
      if (ctx.isKey) continue;
      const ref = scalarRef(
        this.file,
        this.facts.format,
        ctx.envDefault ? 'code-default' : 'code-literal',
        ctx.key,
        content,
        v.start,
        this.index,
        { knownHosts },
      );
      if (ref) this.pushRef(ref);
    }
  }

  /** The list a string literal is an element of, when it is a direct element. */
  private enclosingList(node: Node): Node | undefined {
    let n: Node | null = node.parent;
    // Go wraps elements in `literal_element`; a list may be wrapped in parentheses.
    while (n && sameNode(this.syntax.unwrap(n), node)) n = n.parent;
    return n && this.syntax.isList(n) ? n : undefined;
  }

  private pushRef(ref: BrokerRefText): void {
    const id = `${ref.range.start.line}:${ref.range.start.column}:${ref.kind}`;
    if (this.seenRefs.has(id)) return;
    this.seenRefs.add(id);
    this.facts.brokerRefs.push(ref);
  }

  /**
   * A client's brokers parameter (`brokers:`, `bootstrap_servers=`, `Brokers:`, `SeedBrokers(...)`):
   * a connection string whatever its shape. Literals (also behind a local constant) are refs of their
   * own; otherwise the value is an `indirect` ref naming what it reads, for the model to resolve.
   */
  brokerParam(node: Node, key: string | undefined): void {
    if (isLookalikeKey(key)) return;
    const reads: Indirection[] = [];
    const state = { literal: false };
    this.collectReads(node, reads, state, 0);
    const v = this.value(node);
    const placeholder = v.kind === 'string' && !v.interpolated && isPlaceholderText(v.value);
    if (state.literal || (reads.length === 0 && !placeholder)) return;
    const start = node.startIndex;
    const end = node.endIndex;
    const ref: BrokerRefText = {
      file: this.file,
      format: this.facts.format,
      kind: 'indirect',
      expression: this.text.slice(start, end),
      reads,
      range: this.range(start, end),
      parts: [],
      hosts: [],
    };
    if (key !== undefined) ref.key = key;
    this.pushRef(ref);
  }

  /**
   * The env vars, flags and constants an expression reads, in order. `state.literal` is set when the
   * value as a whole is a literal connection string (directly, through local constants, an env default
   * or a split/join of one): that literal is a ref of its own and the parameter needs no indirect ref.
   * Inside a template or a concatenation a literal is only a part (`${host}:9094`), so `whole` drops.
   */
  private collectReads(raw: Node, reads: Indirection[], state: { literal: boolean }, depth: number, whole = true): void {
    if (depth > 6) return;
    const { syntax } = this;
    const node = syntax.unwrap(raw);
    const push = (r: Indirection): void => {
      if (!reads.some((x) => x.kind === r.kind && x.name === r.name)) reads.push(r);
    };
    const literalHosts = (text: string): void => {
      if (whole && this.hostsIn(text)) state.literal = true;
    };
    const flag = syntax.flag?.(node);
    if (flag) {
      const fallback = flag.fallback ? this.value(flag.fallback) : undefined;
      if (fallback?.kind === 'string' && !fallback.interpolated) {
        push({ kind: 'flag', name: flag.name, fallback: fallback.value });
        literalHosts(fallback.value);
      } else {
        push({ kind: 'flag', name: flag.name });
        if (flag.fallback) this.collectReads(flag.fallback, reads, state, depth + 1, whole);
      }
      return;
    }
    const v = this.value(node);
    switch (v.kind) {
      case 'string':
        if (!v.interpolated) {
          literalHosts(v.value);
          return;
        }
        whole = false;
        break; // a template: read its substitutions
      case 'env':
        push(v.fallback !== undefined ? { kind: 'env', name: v.name, fallback: v.fallback } : { kind: 'env', name: v.name });
        if (v.fallback !== undefined) literalHosts(v.fallback);
        return;
      case 'list':
        for (const item of v.items) this.collectReads(item.node, reads, state, depth + 1, whole);
        return;
      case 'ident': {
        const target = this.constant(v.name, node) ?? this.declared(v.name) ?? this.constant(lastSegment(v.name), node);
        if (!target || sameNode(target, node)) {
          push({ kind: 'constant', name: v.name });
          return;
        }
        const t = this.value(target);
        if (t.kind === 'string' && !t.interpolated && !(whole && this.hostsIn(t.value))) {
          // A part such as `PORT = '9094'`: the name is read, and its value is a setting to resolve it by.
          push({ kind: 'constant', name: v.name });
          this.ensureSetting(v.name, t);
          return;
        }
        this.collectReads(target, reads, state, depth + 1, whole);
        return;
      }
    }
    const fb = syntax.fallback(node);
    if (fb) {
      const before = reads.length;
      this.collectReads(fb.left, reads, state, depth + 1, whole);
      const right = this.value(fb.right);
      if (right.kind === 'string' && !right.interpolated && reads.length > before) {
        reads[reads.length - 1] = { ...reads[reads.length - 1], fallback: right.value };
        literalHosts(right.value);
      } else this.collectReads(fb.right, reads, state, depth + 1, whole);
      return;
    }
    const call = syntax.call(node);
    if (call) {
      // `BROKERS.split(',')`, `strings.Split(b, ",")`, `",".join(hosts)`: read the receiver and arguments,
      // never the function's own name. Splitting or joining a literal keeps it whole.
      const keeps = whole && SPLIT_JOIN.test(call.callee);
      const receiver = call.calleeNode.childForFieldName('object') ?? call.calleeNode.childForFieldName('operand');
      if (receiver && this.isValueReceiver(receiver)) this.collectReads(receiver, reads, state, depth + 1, keeps);
      for (const a of call.args) this.collectReads(a, reads, state, depth + 1, keeps);
      return;
    }
    for (let i = 0; i < node.namedChildCount; i++) {
      const child = node.namedChild(i);
      if (child) this.collectReads(child, reads, state, depth + 1, false);
    }
  }

  /** The Setting of a string constant that an indirect ref reads, once. */
  private ensureSetting(name: string, v: Extract<Value, { kind: 'string' }>): void {
    const key = lastSegment(name);
    if (this.facts.settings.some((s) => s.key === key && s.range.start.line === this.index.position(v.start).line)) return;
    this.facts.settings.push({ file: this.file, key, value: v.value, range: this.range(v.start, v.end) });
  }

  /** A call's receiver is a value (not a package such as Go's `strings`) when it is declared or is a literal/env. */
  private isValueReceiver(receiver: Node): boolean {
    const v = this.value(receiver);
    if (v.kind !== 'ident') return v.kind !== 'unknown' || this.syntax.lang !== 'go';
    return this.constant(v.name) !== undefined || this.syntax.lang !== 'go';
  }

  private hostsIn(text: string): boolean {
    return hostTokens(text, 0, this.index, { keyed: true }).length > 0;
  }

  // ---- edits -----------------------------------------------------------------------------------

  /**
   * Inserting a new `key: value` entry as the last one of an object/dict/struct literal or argument
   * list whose items are `items` and which closes at `close`, in the literal's own style: one line or
   * one entry per line, with or without a trailing comma.
   */
  appendEntry(items: Node[], close: number, entry: string): TextEdit {
    const text = this.text;
    const last = items[items.length - 1];
    const comma = last.nextSibling?.type === ',' ? last.nextSibling : undefined;
    const multiline = text.slice(last.endIndex, close).includes('\n');
    if (!multiline) {
      if (comma) return this.edit(comma.endIndex, 0, ` ${entry},`);
      return this.edit(last.endIndex, 0, `, ${entry}`);
    }
    const indent = indentAt(text, last.startIndex);
    const eol = eolOf(text, last.startIndex);
    if (comma) return this.edit(comma.endIndex, 0, `${eol}${indent}${entry},`);
    return this.edit(last.endIndex, 0, `,${eol}${indent}${entry}`);
  }
}

// Statement blocks and function bodies of the tree-sitter grammars read here (TS/JS, Go, Python).
const BLOCKS = new Set(['statement_block', 'block', 'function_body', 'class_body', 'func_literal']);

/** The nearest block a declaration sits in; undefined at the top level (it holds the whole file). */
function enclosingBlock(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (BLOCKS.has(n.type)) return n;
  return undefined;
}

/** Sorts a file's facts by where they start, whichever pass found them first. */
export function inFileOrder(f: FileFacts): FileFacts {
  const byStart = (a: { range: Range }, b: { range: Range }): number =>
    a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column;
  f.brokerRefs.sort(byStart);
  f.topicUses.sort(byStart);
  f.groups.sort(byStart);
  f.offsetResets.sort(byStart);
  f.security.sort(byStart);
  f.settings.sort(byStart);
  return f;
}

export function envVia(name: string, fallback: string | undefined): Via {
  // An env var with a literal default behaves like a `${NAME:default}` placeholder: the model resolves
  // the name through the service's settings and falls back to the literal.
  return fallback !== undefined ? { kind: 'placeholder', name, fallback } : { kind: 'env', name };
}

export function offsetWord(value: string): 'earliest' | 'latest' | 'unknown' {
  const v = value.trim().toLowerCase();
  if (v === 'earliest' || v === 'smallest' || v === 'beginning') return 'earliest';
  if (v === 'latest' || v === 'largest' || v === 'end') return 'latest';
  return 'unknown';
}

/** The indentation of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset + 1))?.[0] ?? '';
}

/** The line ending in use where an edit goes: that of the line holding `offset`. */
export function eolOf(text: string, offset = 0): string {
  const nl = text.indexOf('\n', offset);
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}
