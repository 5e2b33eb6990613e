// TOML (`.toml`: service configs, `config.toml` of Go/Rust/Python services): `[table]`, `[[array.of.tables]]`,
// `key = value` with dotted and quoted keys, basic and literal strings (also multi-line), arrays (which may
// span lines) and inline tables. Keys are flattened (`kafka.brokers`); arrays of strings are lists.
import { emptyFacts, type FileFacts } from '../model/types';
import type { ExtractOptions } from './options';
import { ConfigRecorder, type ValuePart } from './config/record';
import { TextCursor } from './config/cursor';
import { LineIndex } from './text';

const BARE_KEY = /^[A-Za-z0-9_-]+/;

export function extractToml(file: string, text: string, opts: ExtractOptions): FileFacts {
  const facts = emptyFacts(file, 'toml');
  new TomlReader(new ConfigRecorder(file, text, new LineIndex(text), opts, facts)).read();
  return facts;
}

interface Str {
  value: string;
  /** The content's offset and length in the file. */
  offset: number;
  length: number;
}

class TomlReader extends TextCursor {
  constructor(recorder: ConfigRecorder) {
    super(recorder, 'TOML');
  }

  protected commentAt(pos: number): boolean {
    return this.text[pos] === '#';
  }

  read(): void {
    const t = this.text;
    let table = '';
    for (;;) {
      this.skipBlank('\n');
      if (this.pos >= t.length) return;
      if (t[this.pos] === '[') {
        const start = this.pos;
        const array = t[this.pos + 1] === '[';
        this.pos += array ? 2 : 1;
        this.skipBlank();
        const key = this.key();
        this.skipBlank();
        if (key === undefined || !t.startsWith(array ? ']]' : ']', this.pos)) {
          this.problem(start, 'a table header must be [name] or [[name]]');
          this.skipLine();
          continue;
        }
        this.pos += array ? 2 : 1;
        table = key;
        this.endOfLine();
        continue;
      }
      const start = this.pos;
      const key = this.key();
      this.skipBlank();
      if (key === undefined || t[this.pos] !== '=') {
        this.problem(start, 'expected key = value');
        this.skipLine();
        continue;
      }
      this.pos++;
      this.skipBlank();
      this.value(table ? `${table}.${key}` : key);
      this.endOfLine();
    }
  }

  private endOfLine(): void {
    this.skipBlank();
    if (this.pos < this.text.length && this.text[this.pos] !== '\n') {
      this.problem(this.pos, 'unexpected text after the value');
      this.skipLine();
    }
  }

  /** A dotted key of bare and quoted parts. */
  private key(): string | undefined {
    const t = this.text;
    const parts: string[] = [];
    for (;;) {
      this.skipBlank();
      if (t[this.pos] === '"' || t[this.pos] === "'") {
        const s = this.string();
        if (!s) return undefined;
        parts.push(s.value);
      } else {
        const m = BARE_KEY.exec(t.slice(this.pos, this.pos + 200));
        if (!m) return undefined;
        parts.push(m[0]);
        this.pos += m[0].length;
      }
      this.skipBlank();
      if (t[this.pos] !== '.') return parts.join('.');
      this.pos++;
    }
  }

  /** A basic or literal string (single- or multi-line) at pos. */
  private string(): Str | undefined {
    const t = this.text;
    const start = this.pos;
    const q = t[start];
    const triple = t.startsWith(q.repeat(3), start);
    if (triple) {
      const close = t.indexOf(q.repeat(3), start + 3);
      if (close < 0) {
        this.problem(start, 'unterminated multi-line string');
        this.pos = t.length;
        return undefined;
      }
      this.pos = close + 3;
      // A newline right after the opening delimiter is trimmed.
      const from = t[start + 3] === '\n' ? start + 4 : t.startsWith('\r\n', start + 3) ? start + 5 : start + 3;
      return { value: t.slice(from, close), offset: from, length: close - from };
    }
    let value = '';
    let i = start + 1;
    while (i < t.length && t[i] !== q && t[i] !== '\n') {
      if (q === '"' && t[i] === '\\' && i + 1 < t.length) {
        const e = t[i + 1];
        value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
        i += 2;
        continue;
      }
      value += t[i++];
    }
    if (t[i] !== q) {
      this.problem(start, 'unterminated string');
      this.pos = i;
      return undefined;
    }
    this.pos = i + 1;
    return { value, offset: start + 1, length: i - start - 1 };
  }

  private value(key: string): void {
    const t = this.text;
    const c = t[this.pos];
    if (c === '"' || c === "'") {
      const s = this.string();
      if (s) this.recorder.scalar(key, s.value, s.offset, s.length);
      return;
    }
    if (c === '[') {
      this.array(key);
      return;
    }
    if (c === '{') {
      this.inlineTable(key);
      return;
    }
    const m = /^[^\s,\]}#]+/.exec(t.slice(this.pos, this.pos + 200));
    if (!m) {
      this.problem(this.pos, `expected a value for ${key}`);
      return;
    }
    this.recorder.scalar(key, m[0], this.pos);
    this.pos += m[0].length;
  }

  private array(key: string): void {
    const t = this.text;
    const open = this.pos++;
    const parts: ValuePart[] = [];
    let verbatim = true;
    for (;;) {
      this.skipBlank('\n');
      if (this.pos >= t.length) {
        this.problem(open, "'[' is never closed");
        return;
      }
      const c = t[this.pos];
      if (c === ']') {
        this.pos++;
        break;
      }
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '"' || c === "'") {
        const s = this.string();
        if (!s) return;
        if (s.length !== s.value.length) verbatim = false;
        parts.push({ text: s.value, offset: s.offset });
      } else if (c === '[' || c === '{') {
        verbatim = false;
        if (c === '[') this.array(`${key}[]`);
        else this.inlineTable(`${key}[]`);
      } else {
        const m = /^[^\s,\]#]+/.exec(t.slice(this.pos, this.pos + 200));
        if (!m) {
          this.problem(this.pos, 'unexpected character in array');
          this.pos++;
          continue;
        }
        verbatim = false;
        this.pos += m[0].length;
      }
    }
    if (parts.length && verbatim) this.recorder.list(key, parts);
  }

  private inlineTable(key: string): void {
    const t = this.text;
    const open = this.pos++;
    for (;;) {
      this.skipBlank();
      if (this.pos >= t.length || t[this.pos] === '\n') {
        this.problem(open, "'{' is never closed on its line");
        return;
      }
      if (t[this.pos] === '}') {
        this.pos++;
        return;
      }
      if (t[this.pos] === ',') {
        this.pos++;
        continue;
      }
      const start = this.pos;
      const inner = this.key();
      this.skipBlank();
      if (inner === undefined || t[this.pos] !== '=') {
        this.problem(start, 'expected key = value in an inline table');
        while (this.pos < t.length && t[this.pos] !== '}' && t[this.pos] !== '\n') this.pos++;
        continue;
      }
      this.pos++;
      this.skipBlank();
      this.value(`${key}.${inner}`);
    }
  }
}
