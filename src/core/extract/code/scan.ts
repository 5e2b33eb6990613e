// What every source-code extractor does the same way once a file is lexed: connection strings in
// literals (keyed or by shape), consumer groups and `auto.offset.reset` under their well-known keys,
// and turning topic/group expressions into facts (literal, env var, placeholder, local constant).
import { emptyFacts, type FileFacts, type FileFormat, type Range, type TopicDirection, type TopicUse } from '../../model/types';
import type { ExtractOptions } from '../options';
import { LineIndex, listRef, placeholderDefault, scalarRef } from '../text';
import { collectConstants, ExprReader, skipWs, skipWsBack, splitArgs, stickyAt, type ExprSyntax, type ValueExpr } from './expr';
import { lex, type Lang, type Lexed, type StringLit } from './lexer';
import { envVia, eolOf, indentAt, inFileOrder, offsetWord } from './facts';

export interface LanguageSpec {
  lang: Lang;
  syntax: ExprSyntax;
  /** On `code`, global: group 1 is the declared name; the match ends at the `=` before the value. */
  declaration: RegExp;
}

type Via = NonNullable<TopicUse['via']>;

export interface Entry {
  key: string;
  keyStart: number;
  /** The whole `key: value` item. */
  start: number;
  end: number;
  value: ValueExpr;
}

interface Named {
  topic?: string;
  via?: Via;
  pattern?: boolean;
  /** Offsets of the literal content, or of the expression. */
  start: number;
  end: number;
}

// An env lookup ending right before a fallback operator: `process.env.X ??`, `os.getenv("X") or`.
const ENV_TAIL =
  /(?:process\.env\.([A-Za-z_$][\w$]*)|process\.env\[\s*['"`]([^'"`]+)['"`]\s*\]|(?:getenv|Getenv|environ\.get)\(\s*['"]([^'"]+)['"]\s*\)|environ\[\s*['"]([^'"]+)['"]\s*\])\s*$/;
// Calls whose first argument names an env var and whose second is its default.
const ENV_CALL = /(?:getenv|Getenv|environ\.get|getOrDefault|[A-Za-z_]*[Ee]nv[A-Za-z_]*|[A-Za-z_]*ENV[A-Za-z_]*)\s*$/;
// Functions whose arguments form a list of strings.
const LIST_FUNCTION =
  /(?:^|[^\w$.])((?:List|Set|Arrays|Collections|Stream)\s*\.\s*(?:of|asList|singletonList|singleton)|listOf|mutableListOf|arrayOf|setOf|tuple|list|frozenset|set)\s*$/;

// Characters a connection string (or a `${NAME:default}` around one) can hold: a cheap first filter.
const HOSTISH = /^[\w.\-:/[\],;${} \t\r\n]*[\w][\w.\-:/[\],;${} \t\r\n]*$/;

const PLACEHOLDER = /^\$\{([^}:]+)(?::([^}]*))?\}$/;

export class CodeScan {
  readonly facts: FileFacts;
  readonly lx: Lexed;
  readonly index: LineIndex;
  readonly reader: ExprReader;
  readonly consts: Map<string, ValueExpr>;
  private byEndMap?: Map<number, StringLit>;

  constructor(
    readonly file: string,
    text: string,
    format: FileFormat,
    readonly spec: LanguageSpec,
    private readonly opts: ExtractOptions,
  ) {
    this.facts = emptyFacts(file, format);
    this.lx = lex(text, spec.lang);
    this.index = new LineIndex(text);
    this.reader = new ExprReader(this.lx, spec.syntax);
    this.consts = collectConstants(this.reader, spec.declaration);
    for (const p of this.lx.problems) {
      const pos = this.index.position(p.offset);
      this.facts.problems.push({ file, line: pos.line, column: pos.column, message: p.message, severity: 'warning' });
    }
  }

  /** The facts in file order, whichever scan found them first. */
  finish(): FileFacts {
    return inFileOrder(this.facts);
  }

  get code(): string {
    return this.lx.code;
  }

  range(start: number, end: number): Range {
    return this.index.range(start, end - start);
  }

  litEndingAt(end: number): StringLit | undefined {
    if (!this.byEndMap) {
      this.byEndMap = new Map();
      for (const s of this.lx.strings) this.byEndMap.set(s.end, s);
    }
    return this.byEndMap.get(end);
  }

  /** Follows a local constant (one or two hops); the expression itself when it names nothing known. */
  resolve(expr: ValueExpr, hops = 0): ValueExpr {
    if (expr.kind !== 'ident' || hops > 2) return expr;
    const last = expr.name.slice(expr.name.lastIndexOf('.') + 1);
    const target = this.consts.get(expr.name) ?? this.consts.get(last);
    if (!target || target === expr) return expr;
    return this.resolve(target, hops + 1);
  }

  /** The topic names (or indirections) an expression stands for. */
  named(expr: ValueExpr): Named[] {
    const resolved = this.resolve(expr);
    // A constant's value is reported at the use site, where a reader looks for it.
    const at = resolved === expr ? undefined : { start: expr.start, end: expr.end };
    const out = this.namedDirect(resolved);
    return at ? out.map((n) => ({ ...n, ...at })) : out;
  }

  private namedDirect(expr: ValueExpr): Named[] {
    switch (expr.kind) {
      case 'string': {
        const { lit } = expr;
        const start = lit.contentStart;
        const end = lit.contentEnd;
        if (lit.interpolated || lit.value.startsWith('#{')) return [{ start, end }];
        const ph = PLACEHOLDER.exec(lit.value);
        if (ph) {
          const via: Via =
            ph[2] !== undefined ? { kind: 'placeholder', name: ph[1], fallback: ph[2] } : { kind: 'placeholder', name: ph[1] };
          return [{ via, start, end }];
        }
        return [{ topic: lit.value, pattern: expr.pattern || undefined, start, end }];
      }
      case 'list':
        return expr.items.flatMap((i) => this.named(i));
      case 'env':
        return [{ via: envVia(expr.name, expr.fallback), start: expr.start, end: expr.end }];
      case 'ident':
      case 'unknown':
        return [{ start: expr.start, end: expr.end }];
    }
  }

  addTopics(expr: ValueExpr, direction: TopicDirection, client: string): void {
    for (const n of this.named(expr)) {
      const use: TopicUse = { file: this.file, direction, client, range: this.range(n.start, n.end) };
      if (n.topic !== undefined) use.topic = n.topic;
      if (n.via) use.via = n.via;
      if (n.pattern) use.pattern = true;
      this.facts.topicUses.push(use);
    }
  }

  addGroup(expr: ValueExpr, client: string): void {
    for (const n of this.named(expr)) {
      const group = { file: this.file, client, range: this.range(n.start, n.end) } as FileFacts['groups'][number];
      if (n.topic !== undefined) group.group = n.topic;
      if (n.via) group.via = n.via;
      this.facts.groups.push(group);
    }
  }

  /** `auto.offset.reset` written as a value: classify it and, when it is a literal, offer the fix. */
  addOffsetValue(expr: ValueExpr, client: string): void {
    const resolved = this.resolve(expr);
    if (resolved.kind === 'string' && !resolved.lit.interpolated) {
      const { lit } = resolved;
      const value = offsetWord(lit.value);
      const reset: FileFacts['offsetResets'][number] = {
        file: this.file,
        client,
        value,
        explicit: true,
        range: this.range(lit.contentStart, lit.contentEnd),
      };
      if (value !== 'earliest') reset.fix = this.index.edit(this.file, lit.contentStart, lit.contentEnd - lit.contentStart, 'earliest');
      this.facts.offsetResets.push(reset);
      return;
    }
    this.facts.offsetResets.push({ file: this.file, client, value: 'unknown', explicit: true, range: this.range(expr.start, expr.end) });
  }

  /**
   * Groups and `auto.offset.reset` under their well-known keys, in any map/call/named-argument shape:
   * `'group.id': 'g'`, `put(GROUP_ID_CONFIG, "g")`, `group_id='g'`, `GroupID: "g"`, `groupId: 'g'`.
   */
  scanKeyedSettings(clientFor: (key: string, offset: number) => string | undefined): void {
    const { code, plain } = this.lx;
    const KEY =
      /\b(GROUP_ID_CONFIG|AUTO_OFFSET_RESET_CONFIG|groupId|group_id|GroupID|auto_offset_reset)\b|(["'])(group\.id|auto\.offset\.reset)\2/g;
    const SEPARATOR = /\s*(?::(?![:=])|=(?![=>])|,|to\b|\]\s*=(?![=>]))\s*/y;
    let m: RegExpExecArray | null;
    while ((m = KEY.exec(plain))) {
      const quoted = m[3] !== undefined;
      if (quoted ? !this.lx.byStart.has(m.index) : code[m.index] !== plain[m.index]) continue;
      // `ConsumerConfig.GROUP_ID_CONFIG`: what precedes the qualified name decides.
      const keyStart = quoted ? m.index : nameStart(code, m.index);
      const before = code[skipWsBack(code, keyStart) - 1];
      if (!before || !'{(,['.includes(before)) continue;
      const sep = stickyAt(SEPARATOR, code, m.index + m[0].length);
      if (!sep) continue;
      if (before === '[' ? !sep[0].includes(']') : sep[0].includes(']')) continue;
      const key = quoted ? m[3] : m[1];
      const client = clientFor(key, m.index);
      if (!client) continue;
      const value = this.reader.parseAt(m.index + m[0].length + sep[0].length);
      if (/offset/i.test(key)) this.addOffsetValue(value, client);
      else this.addGroup(value, client);
    }
  }

  /** Connection strings in literals: lists of literals first, then single literals. */
  scanBrokerRefs(): void {
    const { code, strings } = this.lx;
    const inList = new Set<StringLit>();
    const fmt = this.facts.format;
    const knownHosts = this.opts.knownHosts;
    for (const lit of strings) {
      if (lit.regex || inList.has(lit)) continue;
      const openAt = skipWsBack(code, lit.start) - 1;
      const headStart = openAt >= 0 ? this.listHeadStart(openAt) : -1;
      if (headStart >= 0) {
        const items = this.literalItems(openAt);
        if (items) {
          for (const it of items) inList.add(it);
          if (items.some((i) => i.interpolated)) continue;
          const ctx = this.keyBefore(headStart);
          const ref = listRef(
            this.file,
            fmt,
            ctx.envDefault ? 'code-default' : 'code-literal',
            ctx.key,
            items.map((i) => ({ text: this.lx.text.slice(i.contentStart, i.contentEnd), offset: i.contentStart })),
            this.index,
            { knownHosts },
          );
          if (ref) this.facts.brokerRefs.push(ref);
          continue;
        }
      }
      if (lit.interpolated) continue;
      const content = this.lx.text.slice(lit.contentStart, lit.contentEnd);
      if (!HOSTISH.test(content)) continue;
      const ph = placeholderDefault(content);
      if (ph) {
        const ref = scalarRef(this.file, fmt, 'code-default', ph.name, ph.fallback, lit.contentStart + ph.fallbackStart, this.index, {
          knownHosts,
        });
        if (ref) this.facts.brokerRefs.push(ref);
        continue;
      }
      const ctx = this.keyBefore(lit.start);
      const ref = scalarRef(
        this.file,
        fmt,
        ctx.envDefault ? 'code-default' : 'code-literal',
        ctx.key,
        content,
        lit.contentStart,
        this.index,
        {
          knownHosts,
        },
      );
      if (ref) this.facts.brokerRefs.push(ref);
    }
  }

  /**
   * The entries of an object/dict/struct literal or of named arguments opening at `open`:
   * `key: value`, `'key': value`, `Key: value`, `key = value`, shorthand `key`.
   */
  entries(open: number): { close: number; items: Array<{ start: number; end: number }>; entries: Entry[] } {
    const { code } = this.lx;
    const { close, items } = splitArgs(code, open);
    const entries: Entry[] = [];
    for (const it of items) {
      const lit = this.lx.byStart.get(it.start);
      let keyEnd: number;
      let key: string;
      if (lit) {
        key = lit.value;
        keyEnd = lit.end;
      } else {
        const m = stickyAt(/[A-Za-z_$][\w$]*/y, code, it.start);
        if (!m) continue;
        key = m[0];
        keyEnd = it.start + m[0].length;
      }
      const sep = stickyAt(/\s*(?::(?!:)|=(?![=>]))\s*/y, code, keyEnd);
      if (sep) {
        const valueStart = keyEnd + sep[0].length;
        entries.push({ key, keyStart: it.start, start: it.start, end: it.end, value: this.reader.parse(valueStart, it.end) });
      } else if (!lit && keyEnd === it.end) {
        entries.push({ key, keyStart: it.start, start: it.start, end: it.end, value: this.reader.parse(it.start, it.end) });
      }
    }
    return { close, items, entries };
  }

  /** Where a list that opens at `open` starts (`[]string{`, `List.of(`), or -1 when it is no list. */
  private listHeadStart(open: number): number {
    const code = this.code;
    const c = code[open];
    const prevEnd = skipWsBack(code, open);
    const prev = code[prevEnd - 1] ?? '';
    if (c === '[') return /[\w$)\]"]/.test(prev) ? -1 : open;
    if (c === '{') {
      const goType = /\[\]\s*(?:string|\*?[A-Za-z_][\w.]*)\s*$/.exec(code.slice(Math.max(0, prevEnd - 40), prevEnd));
      if (goType) return prevEnd - goType[0].length;
      return prev === ')' ? -1 : open;
    }
    if (c === '(') {
      if (!/[\w$]/.test(prev)) return open;
      const fn = LIST_FUNCTION.exec(code.slice(Math.max(0, prevEnd - 60), prevEnd));
      return fn ? prevEnd - fn[1].length : -1;
    }
    return -1;
  }

  /** The literals of a list when every item is exactly one literal. */
  private literalItems(open: number): StringLit[] | undefined {
    const { close, items } = splitArgsLiteralsOnly(this.lx, open);
    if (close < 0 || items.length === 0) return undefined;
    return items;
  }

  /** The key a value is written under, looking back from the value's start. */
  keyBefore(pos: number): { key?: string; envDefault: boolean } {
    const { code, plain } = this.lx;
    const b = skipWsBack(code, pos);
    const c = code[b - 1];
    const two = code.slice(b - 2, b);
    if (two === '??' || two === '||' || two === '?:' || (/\bor$/.test(code.slice(b - 3, b)) && this.spec.lang === 'python')) {
      const opStart = b - 2;
      const env = ENV_TAIL.exec(plain.slice(Math.max(0, opStart - 300), opStart));
      if (env) return { key: env[1] ?? env[2] ?? env[3] ?? env[4], envDefault: true };
      return { envDefault: false };
    }
    if (c === ':' && code[b - 2] !== ':') return { key: this.keyTokenBefore(b - 1), envDefault: false };
    if (c === '=' && !'=!<>'.includes(code[b - 2] ?? '')) {
      if (code[b - 2] === ':') return { key: this.keyTokenBefore(b - 2), envDefault: false };
      const kb = skipWsBack(code, b - 1);
      if (code[kb - 1] === ']') {
        const open = code.lastIndexOf('[', kb - 1);
        return { key: open >= 0 ? this.keyTokenBefore(kb - 1, open + 1) : undefined, envDefault: false };
      }
      let key = this.keyTokenBefore(b - 1);
      // `const X: string = ...` / `val x: String = ...`: the name is before the type.
      const typeStart = skipWsBack(code, b - 1) - (key?.length ?? 0);
      const colon = skipWsBack(code, typeStart);
      if (key && code[colon - 1] === ':' && code[colon - 2] !== ':') key = this.keyTokenBefore(colon - 1) ?? key;
      return { key, envDefault: false };
    }
    if (c === ',') {
      const prevEnd = skipWsBack(code, b - 1);
      const prevLit = this.litEndingAt(prevEnd);
      const prevStart = prevLit ? prevLit.start : nameStart(code, prevEnd);
      if (code[skipWsBack(code, prevStart) - 1] !== '(') return { envDefault: false };
      const callee = code.slice(Math.max(0, skipWsBack(code, prevStart) - 61), skipWsBack(code, prevStart) - 1);
      return { key: this.keyTokenBefore(b - 1), envDefault: ENV_CALL.test(callee) };
    }
    if (/\bto$/.test(code.slice(b - 3, b))) return { key: this.keyTokenBefore(b - 2), envDefault: false };
    return { envDefault: false };
  }

  /** The literal or (dotted) name ending at `end` (whitespace before `end` skipped). */
  private keyTokenBefore(end: number, notBefore = 0): string | undefined {
    const code = this.code;
    const e = skipWsBack(code, end);
    const lit = this.litEndingAt(e);
    if (lit && lit.start >= notBefore) return lit.value;
    let start = Math.max(notBefore, nameStart(code, e));
    while (start < e && !/[A-Za-z_$]/.test(code[start])) start++;
    return start < e ? code.slice(start, e) : undefined;
  }
}

/** Where the dotted name (`a.b.C_D`) ending at `end` starts; `end` when there is none. */
function nameStart(code: string, end: number): number {
  let i = end;
  while (i > 0 && end - i < 200 && /[\w$.]/.test(code[i - 1])) i--;
  return i;
}

/** The literal items of the bracket at `open`, stopping at the first item that is not one literal. */
function splitArgsLiteralsOnly(lx: Lexed, open: number): { close: number; items: StringLit[] } {
  const { code, byStart } = lx;
  const closer = code[open] === '(' ? ')' : code[open] === '[' ? ']' : '}';
  const items: StringLit[] = [];
  let i = skipWs(code, open + 1);
  for (;;) {
    if (code[i] === closer) return { close: i, items };
    const lit = byStart.get(i);
    if (!lit) return { close: -1, items };
    items.push(lit);
    i = skipWs(code, lit.end);
    if (code[i] === ',') i = skipWs(code, i + 1);
    else if (code[i] !== closer) return { close: -1, items };
  }
}

// One home for these while java.ts still reads through this module (the tree-sitter extractors own them).
export { envVia, eolOf, indentAt, offsetWord } from './facts';

/** Every match of a global regex over the comment-free, literal-blanked code. */
export function* matches(re: RegExp, s: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}

/**
 * Inserting a new `key: value` entry as the last one of an object/dict/struct literal whose items are
 * `items` and which closes at `close`, in the literal's own style: one line or one entry per line,
 * with or without a trailing comma.
 */
export function appendEntryEdit(scan: CodeScan, items: Array<{ start: number; end: number }>, close: number, entry: string) {
  const text = scan.lx.text;
  const code = scan.code;
  const last = items[items.length - 1];
  const afterLast = skipWs(code, last.end);
  const trailingComma = code[afterLast] === ',';
  const multiline = text.slice(last.end, close).includes('\n');
  if (!multiline) {
    if (trailingComma) return scan.index.edit(scan.file, afterLast + 1, 0, ` ${entry},`);
    return scan.index.edit(scan.file, last.end, 0, `, ${entry}`);
  }
  const indent = indentAt(text, last.start);
  const eol = eolOf(text, last.start);
  if (trailingComma) return scan.index.edit(scan.file, afterLast + 1, 0, `${eol}${indent}${entry},`);
  return scan.index.edit(scan.file, last.end, 0, `,${eol}${indent}${entry}`);
}
