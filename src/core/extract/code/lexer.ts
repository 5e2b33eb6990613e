// One linear pass per source file: finds every string literal (with exact offsets and its decoded
// value) and every comment, so the targeted regexes that follow never match commented-out code or
// text inside strings. No parser: extractors run over tens of thousands of files.

export type Lang = 'ts' | 'go' | 'python' | 'java' | 'kotlin';

export interface StringLit {
  /** The whole literal: prefix (Python `f`), quotes, content. */
  start: number;
  end: number;
  /** The content only (no quotes): what ranges and edits point at. */
  contentStart: number;
  contentEnd: number;
  /** The content with escapes decoded. */
  value: string;
  /** Template/f-string with `${}` / `{}` / `$name` parts: its value is not known statically. */
  interpolated: boolean;
  /** A JavaScript regex literal (`/orders\..*\/`): content is the pattern. */
  regex: boolean;
}

export interface Lexed {
  text: string;
  /** Same length as `text`: comments blanked; every literal becomes `"` + spaces + `"`. */
  code: string;
  /** Same length as `text`: comments blanked, literals kept. */
  plain: string;
  strings: StringLit[];
  byStart: Map<number, StringLit>;
  problems: Array<{ offset: number; message: string }>;
}

const REGEX_AFTER_WORDS = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

const PY_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

function decode(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(\r\n|[\s\S])/g, (_m, c: string) => (c === '\n' || c === '\r\n' ? '' : (ESCAPES[c] ?? c)));
}

class Lexer {
  readonly strings: StringLit[] = [];
  readonly comments: Array<[number, number]> = [];
  readonly problems: Array<{ offset: number; message: string }> = [];
  private readonly n: number;

  constructor(
    private readonly text: string,
    private readonly lang: Lang,
  ) {
    this.n = text.length;
  }

  /** Scans code from `i`; when `nested`, stops at the `}` closing a `${` and returns its offset. */
  code(i: number, nested: boolean): number {
    const { text, n, lang } = this;
    let depth = 0;
    // What came before a `/`, to tell a regex literal from a division (JS only).
    let prevPunct = -1;
    let prevWord = '';
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        i++;
        continue;
      }
      if (lang === 'python' ? c === 35 /* # */ : c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
        let e = text.indexOf('\n', i);
        if (e < 0) e = n;
        this.comments.push([i, e]);
        i = e;
        continue;
      }
      if (lang !== 'python' && c === 47 && text.charCodeAt(i + 1) === 42) {
        i = this.blockComment(i);
        continue;
      }
      if (lang === 'ts' && c === 47) {
        const regexAllowed = prevWord ? REGEX_AFTER_WORDS.has(prevWord) : prevPunct !== 41 && prevPunct !== 93 && prevPunct !== 125;
        if (regexAllowed) {
          const e = this.regex(i);
          if (e > 0) {
            i = e;
            prevPunct = 34;
            prevWord = '';
            continue;
          }
        }
      }
      if (c === 34 || c === 39 || c === 96) {
        i = this.quoted(i, i);
        prevPunct = 34;
        prevWord = '';
        continue;
      }
      if (isIdentStart(c)) {
        let e = i + 1;
        while (e < n && isIdentPart(text.charCodeAt(e))) e++;
        const q = text.charCodeAt(e);
        if (lang === 'python' && (q === 34 || q === 39) && PY_PREFIX.test(text.slice(i, e))) {
          i = this.quoted(i, e);
          prevPunct = 34;
          prevWord = '';
          continue;
        }
        // Only JS needs the word (regex after `return`); keywords are short, so skip the copy otherwise.
        prevWord = lang === 'ts' && e - i <= 10 ? text.slice(i, e) : 'x';
        prevPunct = -1;
        i = e;
        continue;
      }
      if (c >= 48 && c <= 57) {
        // Numbers end like identifiers for the regex test: `2 / 3` is a division.
        let e = i + 1;
        while (e < n && (isIdentPart(text.charCodeAt(e)) || text.charCodeAt(e) === 46)) e++;
        prevWord = '0';
        prevPunct = -1;
        i = e;
        continue;
      }
      if (c === 123) depth++;
      else if (c === 125) {
        if (depth === 0 && nested) return i;
        depth--;
      }
      prevPunct = c;
      prevWord = '';
      i++;
    }
    return n;
  }

  private blockComment(i: number): number {
    const { text, n } = this;
    // Kotlin block comments nest; the other languages end at the first `*/`.
    let depth = 1;
    let j = i + 2;
    while (j < n) {
      if (text.charCodeAt(j) === 42 && text.charCodeAt(j + 1) === 47) {
        depth--;
        j += 2;
        if (depth === 0) {
          this.comments.push([i, j]);
          return j;
        }
        continue;
      }
      if (this.lang === 'kotlin' && text.charCodeAt(j) === 47 && text.charCodeAt(j + 1) === 42) {
        depth++;
        j += 2;
        continue;
      }
      j++;
    }
    this.problems.push({ offset: i, message: 'unterminated block comment: it runs to the end of the file' });
    this.comments.push([i, n]);
    return n;
  }

  /** A JS regex literal at `i`, or -1 when the `/` is not one (no closing `/` on the line). */
  private regex(i: number): number {
    const { text, n } = this;
    let j = i + 1;
    let inClass = false;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 10 || c === 13) return -1;
      if (c === 92) {
        j += 2;
        continue;
      }
      if (c === 91) inClass = true;
      else if (c === 93) inClass = false;
      else if (c === 47 && !inClass) break;
      j++;
    }
    if (j >= n || j === i + 1) return -1;
    let e = j + 1;
    while (e < n && isIdentPart(text.charCodeAt(e))) e++;
    const raw = text.slice(i + 1, j);
    this.strings.push({ start: i, end: e, contentStart: i + 1, contentEnd: j, value: raw, interpolated: false, regex: true });
    return e;
  }

  /** A string literal whose prefix starts at `start` and whose opening quote is at `q`. */
  private quoted(start: number, q: number): number {
    const { text, n, lang } = this;
    const quote = text.charCodeAt(q);
    const prefix = text.slice(start, q).toLowerCase();
    const triple =
      (lang === 'python' || lang === 'java' || lang === 'kotlin') &&
      quote !== 96 &&
      text.charCodeAt(q + 1) === quote &&
      text.charCodeAt(q + 2) === quote;
    const open = triple ? 3 : 1;
    // Go raw strings, Python r-strings and Kotlin raw strings take backslashes literally.
    const raw = (lang === 'go' && quote === 96) || prefix.includes('r') || (lang === 'kotlin' && triple);
    const multiline = triple || quote === 96;
    const templating = (lang === 'ts' && quote === 96) || (lang === 'kotlin' && quote === 34);
    let interpolated = lang === 'python' && prefix.includes('f');
    let j = q + open;
    let closed = -1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 92 && !raw) {
        j += 2;
        continue;
      }
      if (c === quote && (!triple || (text.charCodeAt(j + 1) === quote && text.charCodeAt(j + 2) === quote))) {
        closed = j;
        break;
      }
      if ((c === 10 || c === 13) && !multiline) break;
      if (templating && c === 36 /* $ */) {
        const next = text.charCodeAt(j + 1);
        if (next === 123) {
          interpolated = true;
          j = this.code(j + 2, true) + 1;
          continue;
        }
        if (lang === 'kotlin' && isIdentStart(next)) interpolated = true;
      }
      j++;
    }
    if (closed < 0) {
      const where = multiline ? 'the end of the file' : 'the end of the line';
      this.problems.push({ offset: start, message: `unterminated string literal: it runs to ${where}` });
    }
    const contentEnd = closed < 0 ? Math.min(j, n) : closed;
    const end = closed < 0 ? contentEnd : closed + open;
    const content = text.slice(q + open, contentEnd);
    if (lang === 'python' && interpolated) interpolated = /\{(?!\{)/.test(content.replace(/\{\{/g, ''));
    this.strings.push({
      start,
      end,
      contentStart: q + open,
      contentEnd,
      value: raw ? content : decode(content),
      interpolated,
      regex: false,
    });
    return end;
  }
}

function blank(s: string): string {
  if (!s.includes('\n')) return ' '.repeat(s.length);
  return s.replace(/[^\r\n]/g, ' ');
}

export function lex(text: string, lang: Lang): Lexed {
  const lexer = new Lexer(text, lang);
  lexer.code(0, false);
  // Literals found inside `${}` of an outer literal are recorded after it; keep file order.
  const strings = lexer.strings.sort((a, b) => a.start - b.start);
  const byStart = new Map<number, StringLit>();
  for (const s of strings) byStart.set(s.start, s);

  const plainParts: string[] = [];
  let at = 0;
  for (const [s, e] of lexer.comments) {
    plainParts.push(text.slice(at, s), blank(text.slice(s, e)));
    at = e;
  }
  plainParts.push(text.slice(at));
  const plain = plainParts.join('');

  const codeParts: string[] = [];
  at = 0;
  for (const s of strings) {
    if (s.start < at) continue; // inside an outer template, already blanked
    codeParts.push(plain.slice(at, s.start));
    const len = s.end - s.start;
    codeParts.push(len >= 2 ? '"' + blank(text.slice(s.start + 1, s.end - 1)) + '"' : '"');
    at = s.end;
  }
  codeParts.push(plain.slice(at));
  return { text, code: codeParts.join(''), plain, strings, byStart, problems: lexer.problems };
}
