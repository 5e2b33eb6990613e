// XML configs: Spring XML beans (`<property name="bootstrap.servers" value="…"/>`, `<entry key="…" value="…"/>`),
// .NET `app.config`/`web.config` (`<add key="Kafka:BootstrapServers" value="…"/>`), and leaf elements whose
// name is the key (`<bootstrap.servers>…</bootstrap.servers>` in Maven properties, `<kafka.topic>`).
// A light scanner, not a full XML parser: comments and CDATA are skipped, entities make a value inexact
// (recorded, never edited). An unterminated comment, tag or CDATA is a positioned problem.
import { emptyFacts, type FileFacts } from '../model/types';
import type { ExtractOptions } from './options';
import { ConfigRecorder } from './config/record';
import { scanIni } from './config/iniLines';
import { LineIndex } from './text';

const ATTRIBUTE = /([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/dg;
const NAME_ATTRIBUTES = ['name', 'key'];
const LEAF_NAME = /^[A-Za-z_][\w.:-]*$/;
// Maven coordinates (`<groupId>com.example</groupId>`) are not config, whatever their names suggest.
const MAVEN_COORDINATES = /^(?:groupId|artifactId|version|packaging|scope|type|classifier|module|name|id|phase|goal)$/;

export function extractXml(file: string, text: string, opts: ExtractOptions): FileFacts {
  const facts = emptyFacts(file, 'xml');
  const recorder = new ConfigRecorder(file, text, new LineIndex(text), opts, facts);
  // A `.config` that is not XML is usually INI-like (`key = value`).
  if (!/^\uFEFF?\s*</.test(text)) scanIni(recorder);
  else scanXml(recorder, /(?:^|\/)pom\.xml$/i.test(file));
  return facts;
}

function problem(recorder: ConfigRecorder, offset: number, message: string): void {
  const at = recorder.index.position(offset);
  recorder.facts.problems.push({
    file: recorder.file,
    line: at.line,
    column: at.column,
    severity: 'warning',
    message: `invalid XML: ${message}`,
  });
}

function decode(raw: string): string {
  return raw.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) =>
    e === 'lt'
      ? '<'
      : e === 'gt'
        ? '>'
        : e === 'amp'
          ? '&'
          : e === 'quot'
            ? '"'
            : e === 'apos'
              ? "'"
              : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
}

/** `maven`: a pom.xml, whose only settings are the leaves of `<properties>`. */
function scanXml(recorder: ConfigRecorder, maven: boolean): void {
  const t = recorder.text;
  let pos = 0;
  let inProperties = 0;
  // The last start tag seen, for `<name>text</name>` leaves.
  let open: { name: string; end: number } | undefined;
  while (pos < t.length) {
    const lt = t.indexOf('<', pos);
    if (lt < 0) return;
    if (t.startsWith('<!--', lt)) {
      const close = t.indexOf('-->', lt + 4);
      if (close < 0) return problem(recorder, lt, 'unterminated comment');
      pos = close + 3;
      continue;
    }
    if (t.startsWith('<![CDATA[', lt)) {
      const close = t.indexOf(']]>', lt + 9);
      if (close < 0) return problem(recorder, lt, 'unterminated CDATA section');
      pos = close + 3;
      open = undefined;
      continue;
    }
    const gt = tagEnd(t, lt + 1);
    if (gt < 0) return problem(recorder, lt, 'unterminated tag');
    const body = t.slice(lt + 1, gt);
    if (body.startsWith('?') || body.startsWith('!')) {
      pos = gt + 1;
      continue;
    }
    if (body.startsWith('/')) {
      const name = body.slice(1).trim();
      if (name === 'properties') inProperties = Math.max(0, inProperties - 1);
      if (open && open.name === name && (!maven || inProperties > 0)) leaf(recorder, name, open.end, lt);
      open = undefined;
      pos = gt + 1;
      continue;
    }
    const name = /^[^\s/>]+/.exec(body)?.[0] ?? '';
    if (name === 'properties' && !body.endsWith('/')) inProperties++;
    attributes(recorder, body, lt + 1);
    open = body.endsWith('/') ? undefined : { name, end: gt + 1 };
    pos = gt + 1;
  }
}

/** The `>` closing a tag that starts at `from`, skipping quoted attribute values. */
function tagEnd(t: string, from: number): number {
  let quote = '';
  for (let i = from; i < t.length; i++) {
    const c = t[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
    else if (c === '<') return -1;
  }
  return -1;
}

/** `name="k" value="v"` / `key="k" value="v"` on one element: setting k = v. */
function attributes(recorder: ConfigRecorder, body: string, base: number): void {
  if (!body.includes('value')) return;
  const attrs = new Map<string, { value: string; offset: number }>();
  ATTRIBUTE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTRIBUTE.exec(body))) {
    const g = m[2] !== undefined ? 2 : 3;
    attrs.set(m[1], { value: m[g], offset: base + m.indices![g][0] });
  }
  const keyAttr = NAME_ATTRIBUTES.map((n) => attrs.get(n)).find(Boolean);
  const value = attrs.get('value');
  if (!keyAttr || !value) return;
  const decoded = decode(value.value);
  recorder.scalar(decode(keyAttr.value), decoded, value.offset, value.value.length);
}

/** `<bootstrap.servers>k:9092</bootstrap.servers>`: the element's name is the key, its text the value. */
function leaf(recorder: ConfigRecorder, name: string, start: number, end: number): void {
  if (!LEAF_NAME.test(name) || MAVEN_COORDINATES.test(name)) return;
  const raw = recorder.text.slice(start, end);
  const value = raw.trim();
  if (!value || value.includes('<')) return;
  const offset = start + raw.indexOf(value);
  const decoded = decode(value);
  recorder.scalar(name, decoded, offset, value.length);
}
