// Reading the few expression shapes that name brokers, topics and groups in source code: a literal, a
// list of literals, an environment lookup (with its fallback), a local constant. Works on the lexed
// views (comment-free, literals blanked), so brackets inside strings never confuse the matching.
import type { Lexed, StringLit } from './lexer';

export type ValueExpr =
  | { kind: 'string'; lit: StringLit; pattern: boolean; start: number; end: number }
  | { kind: 'list'; items: ValueExpr[]; start: number; end: number }
  | { kind: 'env'; name: string; fallback?: string; start: number; end: number }
  | { kind: 'ident'; name: string; fallback?: string; start: number; end: number }
  | { kind: 'unknown'; start: number; end: number };

/** What each language spells differently. Sticky regexes are tried at the expression's start. */
export interface ExprSyntax {
  /** On `plain`: group 1 = variable name, group 2 or 3 = fallback content (optional). */
  envLookups: RegExp[];
  /** On `code`: an operator that gives a fallback to what precedes it (`??`, `||`, `?:`, `or`). */
  fallbackOp: RegExp;
  /** On `code`: a list constructor ending with its opening bracket (`[`, `[]string{`, `List.of(`). */
  listHead: RegExp;
  /** On `plain`: a pattern constructor ending right before its literal (`Pattern.compile(`). */
  patternHead?: RegExp;
}

const OPENERS = '([{';
const CLOSERS = ')]}';

export function skipWs(s: string, i: number, end = s.length): number {
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

export function skipWsBack(s: string, i: number): number {
  while (i > 0) {
    const c = s.charCodeAt(i - 1);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i--;
  }
  return i;
}

/**
 * The comma-separated items between the bracket at `open` and its match, trimmed, empty items
 * (trailing commas) dropped. `close` is the matching bracket's offset, or -1 when unbalanced.
 */
export function splitArgs(code: string, open: number): { close: number; items: Array<{ start: number; end: number }> } {
  const items: Array<{ start: number; end: number }> = [];
  let depth = 0;
  let itemStart = open + 1;
  const push = (e: number): void => {
    const s = skipWs(code, itemStart, e);
    const t = skipWsBack(code, e);
    if (t > s) items.push({ start: s, end: t });
  };
  for (let i = open + 1; i < code.length; i++) {
    const c = code[i];
    if (OPENERS.includes(c)) depth++;
    else if (CLOSERS.includes(c)) {
      if (depth === 0) {
        push(i);
        return { close: i, items };
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      push(i);
      itemStart = i + 1;
    }
  }
  return { close: -1, items };
}

// A continuation on the next line keeps a value going: `process.env.X\n  ?? 'h:9092'`.
const CONTINUES = /[ \t]*(?:\?\?|\|\||\?:|\?\.|\.|\+|or\b|and\b)/y;

/** The end of the value starting at `pos`: the first top-level `,;)]}` or end of statement. */
export function valueEnd(code: string, pos: number): number {
  let depth = 0;
  for (let i = pos; i < code.length; i++) {
    const c = code[i];
    if (OPENERS.includes(c)) depth++;
    else if (CLOSERS.includes(c)) {
      if (depth === 0) return skipWsBack(code, i);
      depth--;
    } else if (depth === 0 && (c === ',' || c === ';')) return skipWsBack(code, i);
    else if (depth === 0 && c === '\n') {
      CONTINUES.lastIndex = skipWs(code, i);
      if (CONTINUES.test(code)) continue;
      return skipWsBack(code, i);
    }
  }
  return skipWsBack(code, code.length);
}

const IDENT = /&?([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)(?:\(\))?/y;

export class ExprReader {
  constructor(
    readonly lx: Lexed,
    private readonly syntax: ExprSyntax,
  ) {}

  /** Parses `[start, end)` (end from valueEnd or splitArgs). Anything else is `unknown`. */
  parse(start: number, end: number, depth = 0): ValueExpr {
    const { code, plain, byStart } = this.lx;
    const s = skipWs(code, start, end);
    const unknown: ValueExpr = { kind: 'unknown', start: s, end };
    // A TypeScript non-null `x!`, Kotlin's `x!!` or a cast `x as string` does not change the value.
    const whole = (at: number): boolean => skipWs(code, skipAssertion(code, at, end), end) >= end;

    const lit = byStart.get(s);
    if (lit) return whole(lit.end) ? { kind: 'string', lit, pattern: lit.regex, start: s, end: lit.end } : unknown;

    if (this.syntax.patternHead) {
      const m = stickyAt(this.syntax.patternHead, plain, s);
      if (m) {
        const litAt = byStart.get(skipWs(code, s + m[0].length, end));
        const open = code.indexOf('(', s);
        if (litAt && open >= 0) {
          const { close } = splitArgs(code, open);
          if (close > 0 && whole(close + 1)) return { kind: 'string', lit: litAt, pattern: true, start: s, end: close + 1 };
        }
      }
    }

    for (const re of this.syntax.envLookups) {
      const m = stickyAt(re, plain, s);
      if (!m) continue;
      let fallback = m[2] ?? m[3];
      let at = s + m[0].length;
      if (fallback === undefined) {
        const fb = this.fallbackAt(at, end);
        if (fb) {
          fallback = fb.lit.value;
          at = fb.end;
        }
      }
      if (whole(at)) return { kind: 'env', name: m[1], fallback, start: s, end: at };
      return unknown;
    }

    const head = stickyAt(this.syntax.listHead, code, s);
    if (head && depth < 2) {
      const open = s + head[0].length - 1;
      const { close, items } = splitArgs(code, open);
      if (close > 0 && close < end && whole(close + 1)) {
        return { kind: 'list', items: items.map((it) => this.parse(it.start, it.end, depth + 1)), start: s, end: close + 1 };
      }
      return unknown;
    }

    const id = stickyAt(IDENT, code, s);
    if (id) {
      const name = id[1].replace(/\s+/g, '');
      let at = s + id[0].length;
      const fb = this.fallbackAt(at, end);
      if (fb) at = fb.end;
      if (whole(at)) return { kind: 'ident', name, fallback: fb?.lit.value, start: s, end: at };
    }
    return unknown;
  }

  /** Parses the value that starts at `pos` and runs to the end of its item or statement. */
  parseAt(pos: number): ValueExpr {
    return this.parse(pos, valueEnd(this.lx.code, pos));
  }

  private fallbackAt(at: number, end: number): { lit: StringLit; end: number } | undefined {
    const op = stickyAt(this.syntax.fallbackOp, this.lx.code, at);
    if (!op) return undefined;
    const lit = this.lx.byStart.get(skipWs(this.lx.code, at + op[0].length, end));
    return lit && !lit.interpolated ? { lit, end: lit.end } : undefined;
  }
}

const ASSERTION = /\s*(?:!!?(?!=)|\s+as\s+[A-Za-z_$][\w$.<>[\]|\s]*?(?=\s*$|\s*[,)\]};]))/y;

function skipAssertion(code: string, at: number, end: number): number {
  ASSERTION.lastIndex = at;
  const m = ASSERTION.exec(code);
  return m && at + m[0].length <= end ? at + m[0].length : at;
}

export function stickyAt(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(s);
}

/** Local constants: name -> the value assigned first (literal, env lookup, list, other name). */
export function collectConstants(reader: ExprReader, declaration: RegExp): Map<string, ValueExpr> {
  const { code } = reader.lx;
  const consts = new Map<string, ValueExpr>();
  declaration.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = declaration.exec(code))) {
    const name = m[1];
    // `f(a = 1)` / `@KafkaListener(topics = "x")` are named arguments, not declarations.
    const before = code[skipWsBack(code, m.index) - 1];
    if (before === '(' || before === ',') continue;
    if (consts.has(name)) continue;
    const value = reader.parseAt(skipWs(code, m.index + m[0].length));
    if (value.kind !== 'unknown') consts.set(name, value);
  }
  return consts;
}
