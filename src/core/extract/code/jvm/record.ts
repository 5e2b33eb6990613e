// What the Java, Kotlin and C# readers share once a tree is read into values: the value shapes a
// topic, group or connection string is written with, the file's constants, and turning values into
// facts (broker refs literal or indirect, topic uses, groups, offset resets with their fix, security hints).
import {
  emptyFacts,
  type BrokerRefText,
  type FileFacts,
  type FileFormat,
  type Indirection,
  type Range,
  type SecurityHint,
  type TopicDirection,
  type TopicUse,
} from '../../../model/types';
import type { ExtractOptions } from '../../options';
import { LineIndex, listRef, placeholderDefault, scalarRef } from '../../text';
import { envVia, offsetWord } from '../scan';
import { enumValue, keyMentions, looksConstant, type ClientKey } from './keys';
import { HOSTISH, namedLiteral, placeholderIn, PLACEHOLDER, type Named, type Via } from '../named';

/** A string literal: `value` decoded; content offsets exclude the quotes (raw text there is what is edited). */
export interface StrExpr {
  kind: 'string';
  value: string;
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
  /** Holds `${x}` / `$x` / `{x}` interpolation: not one literal. */
  interpolated: boolean;
  /** Wrapped in `Pattern.compile(...)` / `Regex(...)`. */
  pattern?: boolean;
}

export type Expr =
  | StrExpr
  | { kind: 'list'; items: Expr[]; start: number; end: number }
  /** A read through a name the model resolves: env var, Spring property, .NET configuration key. */
  | { kind: 'read'; read: Indirection; fallback?: StrExpr; start: number; end: number }
  /** A (dotted) name: a constant, a field, an enum member (`SecurityProtocol.Ssl`); `memberStart` is its last segment. */
  | { kind: 'ident'; name: string; memberStart: number; start: number; end: number }
  | { kind: 'concat'; parts: Expr[]; start: number; end: number }
  | { kind: 'unknown'; start: number; end: number };

export const unknownAt = (start: number, end: number): Expr => ({ kind: 'unknown', start, end });

export class JvmRecorder {
  readonly facts: FileFacts;
  readonly index: LineIndex;
  /**
   * Names -> the value first assigned to them in this file (fields, locals, `@Value` fields, consts).
   * Read lazily: most variables of a file are never used where a topic or broker is.
   */
  private readonly consts = new Map<string, Expr | (() => Expr)>();
  /** `@ConfigurationProperties` fields -> the Spring property they bind (`app.kafka.topic`), with its default. */
  readonly configProps = new Map<string, { name: string; fallback?: string }>();
  private readonly refOffsets = new Set<number>();
  private readonly appIds: Expr[] = [];
  private readonly internals: Array<{ suffix: 'repartition' | 'changelog'; name: string; start: number; end: number }> = [];

  constructor(
    readonly file: string,
    readonly text: string,
    format: FileFormat,
    private readonly opts: ExtractOptions,
  ) {
    this.facts = emptyFacts(file, format);
    this.index = new LineIndex(text);
  }

  range(start: number, end: number): Range {
    return this.index.range(start, end - start);
  }

  source(e: { start: number; end: number }): string {
    return this.text.slice(e.start, e.end);
  }

  /** Records a name's value, read when first needed (first declaration wins). */
  declare(name: string, value: Expr | (() => Expr)): void {
    if (!this.consts.has(name)) this.consts.set(name, value);
  }

  /** A string constant of a class (`static final`, `const val`, `const string`): also a Setting of the service. */
  declareConstant(name: string, value: Expr): void {
    this.declare(name, value);
    if (value.kind === 'string' && !value.interpolated) {
      this.facts.settings.push({ file: this.file, key: name, value: value.value, range: this.range(value.contentStart, value.contentEnd) });
    }
  }

  private constant(name: string): Expr | undefined {
    const v = this.consts.get(name);
    if (typeof v !== 'function') return v;
    const read = v();
    this.consts.set(name, read);
    return read;
  }

  /** Whether the text between two offsets names a client setting key (`GROUP_ID_CONFIG`, `"group.id"`, `GroupId`). */
  mentionsKey(start: number, end: number): boolean {
    this.keyAt ??= keyMentions(this.text);
    const at = this.keyAt;
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < at.length && at[lo] < end;
  }

  private keyAt?: number[];

  /** Follows names through this file's constants (a few hops); the value itself when it names nothing known. */
  resolve(expr: Expr, hops = 0): Expr {
    if (expr.kind !== 'ident' || hops > 3) return expr;
    const last = expr.name.slice(expr.name.lastIndexOf('.') + 1);
    const target = this.constant(expr.name) ?? this.constant(last);
    if (!target || target === expr) return expr;
    return this.resolve(target, hops + 1);
  }

  // -- topics and groups ---------------------------------------------------------------------------

  /** The topic names (or indirections) a value stands for; a constant's value is reported at the use. */
  named(expr: Expr): Named[] {
    const resolved = this.resolve(expr);
    const out = this.namedDirect(resolved);
    return resolved === expr ? out : out.map((n) => ({ ...n, start: expr.start, end: expr.end }));
  }

  private namedDirect(expr: Expr): Named[] {
    switch (expr.kind) {
      case 'string': {
        const start = expr.contentStart;
        const end = expr.contentEnd;
        if (expr.interpolated || expr.value.startsWith('#{')) return [{ start, end }];
        return [namedLiteral(expr.value, expr.pattern, start, end)];
      }
      case 'list':
        return expr.items.flatMap((i) => this.named(i));
      case 'read': {
        const { read } = expr;
        const fallback = read.fallback;
        const via: Via =
          read.kind === 'env'
            ? envVia(read.name, fallback)
            : fallback !== undefined
              ? { kind: 'placeholder', name: read.name, fallback }
              : { kind: 'placeholder', name: read.name };
        return [{ via, start: expr.start, end: expr.end }];
      }
      case 'ident':
        // A constant this file does not define: the model resolves it against the service's other files.
        if (looksConstant(expr.name))
          return [{ via: { kind: 'constant', name: lastSegment(expr.name) }, start: expr.start, end: expr.end }];
        return [{ start: expr.start, end: expr.end }];
      case 'concat':
      case 'unknown':
        return [{ start: expr.start, end: expr.end }];
    }
  }

  addTopics(expr: Expr, direction: TopicDirection, client: string, pattern = false): void {
    for (const n of this.named(expr)) {
      const use: TopicUse = { file: this.file, direction, client, range: this.range(n.start, n.end) };
      if (n.topic !== undefined) use.topic = n.topic;
      if (n.via) use.via = n.via;
      if ((n.pattern || pattern) && n.topic !== undefined) use.pattern = true;
      this.facts.topicUses.push(use);
    }
  }

  addGroup(expr: Expr, client: string): void {
    for (const n of this.named(expr)) {
      const group: FileFacts['groups'][number] = { file: this.file, client, range: this.range(n.start, n.end) };
      if (n.topic !== undefined) group.group = n.topic;
      if (n.via) group.via = n.via;
      this.facts.groups.push(group);
    }
  }

  // -- client settings -----------------------------------------------------------------------------

  /** One `key -> value` client setting (`put(GROUP_ID_CONFIG, g)`, `GroupId = g`, `"group.id" to g`). */
  setting(key: ClientKey, keyText: string, value: Expr, client: string): void {
    switch (key) {
      case 'brokers':
        return this.brokerSetting(keyText, value);
      case 'group':
        return this.addGroup(value, client);
      case 'app-id':
        // Kafka Streams: the application id is the consumer group and names the internal topics.
        this.appIds.push(value);
        return this.addGroup(value, 'kafka-streams');
      case 'offset':
        return this.addOffset(value, client);
      case 'protocol':
        return this.addSecurity('protocol', keyText, value, client);
      case 'sasl':
        return this.addSecurity('sasl-mechanism', keyText, value, client);
      case 'client-cert':
        return this.addSecurity('client-cert', keyText, value, client);
    }
  }

  /** `auto.offset.reset` written as a value: classify it and, when it is a literal or enum, offer the fix. */
  addOffset(expr: Expr, client: string): void {
    const r = this.resolve(expr);
    if (r.kind === 'string' && !r.interpolated) {
      const value = offsetWord(r.value);
      const reset: FileFacts['offsetResets'][number] = {
        file: this.file,
        client,
        value,
        explicit: true,
        range: this.range(r.contentStart, r.contentEnd),
      };
      if (value !== 'earliest') reset.fix = this.index.edit(this.file, r.contentStart, r.contentEnd - r.contentStart, 'earliest');
      this.facts.offsetResets.push(reset);
      return;
    }
    const member = r.kind === 'ident' ? enumValue(r.name) : undefined;
    if (r.kind === 'ident' && member) {
      // `AutoOffsetReset.Latest` (.NET) / `OffsetResetStrategy.LATEST`: replace the member, keep its case style.
      const value = offsetWord(member);
      const written = r.name.slice(r.name.lastIndexOf('.') + 1);
      const reset: FileFacts['offsetResets'][number] = {
        file: this.file,
        client,
        value,
        explicit: true,
        range: this.range(r.memberStart, r.end),
      };
      if (value !== 'earliest')
        reset.fix = this.index.edit(
          this.file,
          r.memberStart,
          r.end - r.memberStart,
          written === written.toUpperCase() ? 'EARLIEST' : 'Earliest',
        );
      this.facts.offsetResets.push(reset);
      return;
    }
    this.facts.offsetResets.push({ file: this.file, client, value: 'unknown', explicit: true, range: this.range(expr.start, expr.end) });
  }

  private addSecurity(kind: SecurityHint['kind'], key: string, expr: Expr, client: string): void {
    const r = this.resolve(expr);
    let value: string | undefined;
    let start = r.start;
    let end = r.end;
    if (r.kind === 'string' && !r.interpolated) {
      value = kind === 'client-cert' ? 'present' : r.value.trim().toUpperCase();
      start = r.contentStart;
      end = r.contentEnd;
    } else if (r.kind === 'ident' && kind !== 'client-cert') {
      value = enumValue(r.name);
      start = r.memberStart;
    } else if (kind === 'client-cert') {
      value = 'present';
    }
    if (!value) return;
    if (r !== expr) {
      start = expr.start;
      end = expr.end;
    }
    this.facts.security.push({ file: this.file, client, kind, value, key, range: this.range(start, end) });
  }

  /**
   * A connection-string setting. A literal (here or in a constant of this file) is a keyed ref where it is
   * written; anything else is an `indirect` ref whose reads the model resolves (env vars, properties,
   * constants of other files), with the expression as written.
   */
  brokerSetting(key: string, value: Expr, requireReads = false): void {
    const r = this.resolve(value);
    if (r.kind === 'string' && !r.interpolated) {
      this.literalRef(r, key, false, true);
      return;
    }
    if (r.kind === 'list' && r.items.every((i) => i.kind === 'string' && !i.interpolated)) {
      this.listRefOf(r.items as StrExpr[], key, true);
      return;
    }
    const reads = this.readsOf(r);
    if (requireReads && reads.length === 0) return;
    // Each setting that reads a name is a ref of its own, where it is written (`BootstrapServers =
    // brokerList` in every method that builds a config), with what that name reads: an indirect ref has
    // no edit, so nothing is rewritten twice.
    if (this.refOffsets.has(value.start)) return;
    this.refOffsets.add(value.start);
    const ref: BrokerRefText = {
      file: this.file,
      format: this.facts.format,
      key,
      kind: 'indirect',
      expression: this.source(value),
      reads,
      range: this.range(value.start, value.end),
      parts: [],
      hosts: [],
    };
    this.facts.brokerRefs.push(ref);
  }

  /** What a value reads, in order: env vars and properties (with literal defaults), constants it does not define. */
  readsOf(expr: Expr): Indirection[] {
    const r = this.resolve(expr);
    switch (r.kind) {
      case 'read':
        return [r.read];
      case 'ident':
        return [{ kind: 'constant', name: lastSegment(r.name) }];
      case 'list':
        return r.items.flatMap((i) => this.readsOf(i));
      case 'concat':
        return r.parts.flatMap((p) => this.readsOf(p));
      case 'string': {
        const via = placeholderIn(r.value);
        return via ? [via] : [];
      }
      case 'unknown':
        return [];
    }
  }

  // -- connection strings in literals --------------------------------------------------------------

  /** Cheap first test: can this literal's text be a connection string at all? */
  hostish(s: StrExpr): boolean {
    return !s.interpolated && HOSTISH.test(this.text.slice(s.contentStart, s.contentEnd));
  }

  /** A literal that may be a connection string, under the key its context gives it. */
  literalRef(s: StrExpr, key: string | undefined, envDefault: boolean, keyed = false): void {
    if (s.interpolated || this.refOffsets.has(s.contentStart)) return;
    const content = this.text.slice(s.contentStart, s.contentEnd);
    if (!HOSTISH.test(content)) return;
    const knownHosts = this.opts.knownHosts;
    const fmt = this.facts.format;
    const ph = placeholderDefault(content);
    const ref = ph
      ? scalarRef(this.file, fmt, 'code-default', ph.name, ph.fallback, s.contentStart + ph.fallbackStart, this.index, { knownHosts })
      : scalarRef(this.file, fmt, envDefault ? 'code-default' : 'code-literal', key, content, s.contentStart, this.index, {
          knownHosts,
          ...(keyed ? { keyed } : {}),
        });
    if (!ref) return;
    this.refOffsets.add(s.contentStart);
    this.facts.brokerRefs.push(ref);
  }

  /** A list of literals (`List.of("a:9092", "b:9092")`, `{"a:9092"}`, `new[] { ... }`) as one ref. */
  listRefOf(items: StrExpr[], key: string | undefined, keyed = false, envDefault = false): boolean {
    if (items.length === 0 || items.some((i) => i.interpolated)) return false;
    if (this.refOffsets.has(items[0].contentStart)) return true;
    const ref = listRef(
      this.file,
      this.facts.format,
      envDefault ? 'code-default' : 'code-literal',
      key,
      items.map((i) => ({ text: this.text.slice(i.contentStart, i.contentEnd), offset: i.contentStart })),
      this.index,
      { knownHosts: this.opts.knownHosts, ...(keyed ? { keyed } : {}) },
    );
    for (const i of items) this.refOffsets.add(i.contentStart);
    if (ref) this.facts.brokerRefs.push(ref);
    return true;
  }

  // -- Kafka Streams internal topics ---------------------------------------------------------------

  /** `Repartitioned.as("n")` / `Materialized.as("store")`: named once the application id is known. */
  internalTopic(suffix: 'repartition' | 'changelog', name: Expr): void {
    const r = this.resolve(name);
    if (r.kind !== 'string' || r.interpolated) return;
    // A constant's value is reported at the use, as for any topic.
    const at = r === name ? { start: r.contentStart, end: r.contentEnd } : name;
    this.internals.push({ suffix, name: r.value, start: at.start, end: at.end });
  }

  /** The facts in file order; Streams internal topics named with the file's literal application id. */
  finish(): FileFacts {
    const appId = this.appIds
      .map((e) => this.resolve(e))
      .find((e): e is StrExpr => e.kind === 'string' && !e.interpolated && !PLACEHOLDER.test(e.value));
    if (appId) {
      for (const { suffix, name, start, end } of this.internals) {
        const topic = `${appId.value}-${name}-${suffix}`;
        const range = this.range(start, end);
        for (const direction of ['produce', 'consume'] as const) {
          this.facts.topicUses.push({ file: this.file, direction, client: 'kafka-streams', topic, internal: 'streams', range });
        }
      }
    }
    const byStart = (a: { range: Range }, b: { range: Range }): number =>
      a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column;
    const f = this.facts;
    f.brokerRefs.sort(byStart);
    f.topicUses.sort(byStart);
    f.groups.sort(byStart);
    f.offsetResets.sort(byStart);
    f.security.sort(byStart);
    return f;
  }
}

export function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', s: ' ', '0': '\0' };

/** Java/Kotlin/C# backslash escapes (`\\`, `\"`, `\$`, `\u0041`); a string's value as the program sees it. */
export function unescapeBackslashes(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(u+[0-9a-fA-F]{4}|.)/gs, (_, e: string) => {
    if (e[0] === 'u' && e.length > 1) return String.fromCharCode(parseInt(e.slice(-4), 16));
    return ESCAPES[e] ?? (e === '\n' ? '' : e);
  });
}
