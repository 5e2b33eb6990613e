// HOCON (`application.conf`, `reference.conf`, `*.hocon`; Akka/Alpakka Kafka, Play, Lightbend config):
// `kafka { bootstrap-servers = "k:9092" }`, dotted keys, `:`/`=`/`{` separators, `#` and `//` comments,
// arrays, and `${?KAFKA_BROKERS}` substitutions (the common override idiom writes a literal first and the
// optional variable after it). Keys are flattened (`kafka.bootstrap-servers`) and read like any config key.
// A `.conf` without braces that has `[section]` lines is INI, and goes to the INI reader.
import { emptyFacts, type FileFacts } from '../model/types';
import type { ExtractOptions } from './options';
import { ConfigRecorder } from './config/record';
import { TextCursor } from './config/cursor';
import { scanIni } from './config/iniLines';
import { isBrokerKey, LineIndex } from './text';

const INI_SECTION = /^[ \t]*\[[^\]\n]+\][ \t]*\r?$/m;
const SUBSTITUTION = /^\$\{(\?)?([A-Za-z0-9_.-]+)\}$/;

export function extractHocon(file: string, text: string, opts: ExtractOptions): FileFacts {
  const facts = emptyFacts(file, 'hocon');
  const index = new LineIndex(text);
  const recorder = new ConfigRecorder(file, text, index, opts, facts);
  if (!text.includes('{') && INI_SECTION.test(text)) {
    scanIni(recorder);
    return facts;
  }
  new HoconReader(recorder).read();
  return facts;
}

class HoconReader extends TextCursor {
  constructor(recorder: ConfigRecorder) {
    super(recorder, 'HOCON');
  }

  protected commentAt(pos: number): boolean {
    return this.text[pos] === '#' || (this.text[pos] === '/' && this.text[pos + 1] === '/');
  }

  read(): void {
    this.object('', false);
    this.skipBlank('\n,');
    if (this.pos < this.text.length) this.problem(this.pos, `unexpected '${this.text[this.pos]}'`);
  }

  /** Fields until `}` (nested) or the end; `braced` when the `{` was already consumed. */
  private object(path: string, braced: boolean): void {
    const t = this.text;
    const open = this.pos - 1;
    for (;;) {
      this.skipBlank('\n,');
      if (this.pos >= t.length) {
        if (braced) this.problem(open, "'{' is never closed");
        return;
      }
      if (t[this.pos] === '}') {
        if (braced) this.pos++;
        else {
          this.problem(this.pos, "'}' closes nothing");
          this.pos++;
          continue;
        }
        return;
      }
      if (t[this.pos] === '{' && !path && !braced) {
        // A root object written in braces.
        this.pos++;
        this.object('', true);
        continue;
      }
      if (t.startsWith('include', this.pos) && /\s/.test(t[this.pos + 7] ?? '')) {
        this.skipLine();
        continue;
      }
      const key = this.key();
      if (!key) {
        this.problem(this.pos, `expected a key, found '${t[this.pos]}'`);
        this.skipLine();
        continue;
      }
      const full = path ? `${path}.${key}` : key;
      this.skipBlank();
      if (t[this.pos] === '{') {
        this.pos++;
        this.object(full, true);
        continue;
      }
      if (t[this.pos] === '=' || t[this.pos] === ':') this.pos++;
      else if (t.startsWith('+=', this.pos)) this.pos += 2;
      else {
        this.problem(this.pos, `expected '=', ':' or '{' after ${key}`);
        this.skipLine();
        continue;
      }
      this.skipBlank();
      this.value(full);
    }
  }

  /** A key path: unquoted segments and quoted strings joined by dots. */
  private key(): string | undefined {
    const t = this.text;
    let key = '';
    for (;;) {
      if (t[this.pos] === '"') {
        const s = this.quoted();
        if (!s) return undefined;
        key += s.value;
      } else {
        const m = /^[A-Za-z0-9_\-$]+/.exec(t.slice(this.pos, this.pos + 200));
        if (!m) break;
        key += m[0];
        this.pos += m[0].length;
      }
      if (t[this.pos] === '.') {
        key += '.';
        this.pos++;
        continue;
      }
      break;
    }
    return key || undefined;
  }

  /** A `"…"` string at pos: its value, the offset of its content, and whether the content is verbatim. */
  private quoted(): { value: string; offset: number; length: number; exact: boolean } | undefined {
    const t = this.text;
    const start = this.pos;
    if (t.startsWith('"""', start)) {
      const close = t.indexOf('"""', start + 3);
      if (close < 0) {
        this.problem(start, 'unterminated """ string');
        this.pos = t.length;
        return undefined;
      }
      this.pos = close + 3;
      return { value: t.slice(start + 3, close), offset: start + 3, length: close - start - 3, exact: true };
    }
    let value = '';
    let exact = true;
    let i = start + 1;
    while (i < t.length && t[i] !== '"' && t[i] !== '\n') {
      if (t[i] === '\\' && i + 1 < t.length) {
        value += t[i + 1] === 'n' ? '\n' : t[i + 1] === 't' ? '\t' : t[i + 1];
        exact = false;
        i += 2;
        continue;
      }
      value += t[i++];
    }
    if (t[i] !== '"') {
      this.problem(start, 'unterminated string');
      this.pos = i;
      return undefined;
    }
    this.pos = i + 1;
    return { value, offset: start + 1, length: i - start - 1, exact };
  }

  private value(key: string): void {
    const t = this.text;
    const c = t[this.pos];
    if (c === '{') {
      this.pos++;
      this.object(key, true);
      return;
    }
    if (c === '[') {
      this.array(key);
      return;
    }
    if (c === '"') {
      const s = this.quoted();
      if (s) this.scalar(key, s.value, s.offset, s.length);
      return;
    }
    // Unquoted: to the end of the line, a comma, a `}`/`]` or a comment.
    const start = this.pos;
    let end = start;
    while (end < t.length && !/[\n,}\]#]/.test(t[end]) && !(t[end] === '/' && t[end + 1] === '/')) {
      // A substitution's braces are part of the value.
      if (t[end] === '$' && t[end + 1] === '{') {
        const close = t.indexOf('}', end);
        const nl = t.indexOf('\n', end);
        if (close < 0 || (nl >= 0 && nl < close)) {
          this.problem(end, 'unterminated substitution');
          this.pos = nl < 0 ? t.length : nl;
          return;
        }
        end = close + 1;
        continue;
      }
      end++;
    }
    let stop = end;
    while (stop > start && /[ \t\r]/.test(t[stop - 1])) stop--;
    this.pos = end;
    if (stop > start) this.scalar(key, t.slice(start, stop), start, stop - start);
  }

  private array(key: string): void {
    const t = this.text;
    const open = this.pos;
    this.pos++;
    const parts: Array<{ text: string; offset: number }> = [];
    let allExact = true;
    for (;;) {
      this.skipBlank('\n,');
      if (this.pos >= t.length) {
        this.problem(open, "'[' is never closed");
        return;
      }
      if (t[this.pos] === ']') {
        this.pos++;
        break;
      }
      if (t[this.pos] === '"') {
        const s = this.quoted();
        if (!s) return;
        if (!s.exact) allExact = false;
        parts.push({ text: s.value, offset: s.offset });
      } else if (t[this.pos] === '{' || t[this.pos] === '[') {
        // Nested structures in arrays hold no connection settings worth a key path; skip them.
        allExact = false;
        this.skipNested();
      } else {
        const start = this.pos;
        while (this.pos < t.length && !/[\n,\]#]/.test(t[this.pos])) this.pos++;
        const raw = t.slice(start, this.pos).trimEnd();
        if (raw) parts.push({ text: raw, offset: start });
      }
    }
    if (parts.length && allExact) this.recorder.list(key, parts);
  }

  private skipNested(): void {
    const t = this.text;
    let depth = 0;
    for (; this.pos < t.length; this.pos++) {
      const c = t[this.pos];
      if (c === '"') {
        this.quoted();
        this.pos--;
      } else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) {
          this.pos++;
          return;
        }
      }
    }
  }

  /** A scalar; a `${?X}` / `${X}` substitution is a setting that reads X (and an indirect connection string under a broker key). */
  private scalar(key: string, value: string, offset: number, length: number): void {
    const { recorder } = this;
    const sub = SUBSTITUTION.exec(value);
    if (!sub) {
      // The recorder edits only values whose source text is the value itself (no escapes).
      recorder.scalar(key, value, offset, length);
      return;
    }
    const name = sub[2];
    const range = recorder.index.range(offset, value.length);
    // The setting's value in the placeholder form the model resolves (`${X}`); not verbatim, so nothing edits it.
    recorder.scalar(key, `\${${name}}`, offset, value.length);
    if (isBrokerKey(key)) {
      const env = /^[A-Z0-9_]+$/.test(name);
      // The recorder already reads `${X}` under a broker key as an indirect ref: give it the text as written.
      const same = recorder.facts.brokerRefs.find(
        (r) => r.kind === 'indirect' && r.range.start.line === range.start.line && r.range.start.column === range.start.column,
      );
      if (same) {
        same.expression = value;
        same.reads = [{ kind: env ? 'env' : 'placeholder', name }];
        return;
      }
      recorder.facts.brokerRefs.push({
        file: recorder.file,
        format: 'hocon',
        key,
        kind: 'indirect',
        expression: value,
        reads: [{ kind: env ? 'env' : 'placeholder', name }],
        range,
        parts: [],
        hosts: [],
      });
    }
  }
}
