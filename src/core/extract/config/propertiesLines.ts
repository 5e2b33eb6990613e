// Java properties syntax (`key=value`, `key: value`, `key value`, `#`/`!` comments, `\` continuations)
// over a slice of text: the `.properties` reader's, and that of properties text embedded in other files
// (a ConfigMap's `application.properties: |`).
import type { ConfigRecorder, ValuePart } from './record';

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 12;
}

/** End of the physical line that starts at `from` (the `\n`, or `\r` of `\r\n`, or `end`). */
function lineEnd(text: string, from: number, end: number): number {
  let nl = text.indexOf('\n', from);
  if (nl < 0 || nl > end) nl = end;
  return nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
}

/** A line continues when it ends in an odd number of backslashes. */
function continues(text: string, start: number, end: number): boolean {
  let n = 0;
  for (let i = end - 1; i >= start && text.charCodeAt(i) === 92; i--) n++;
  return n % 2 === 1;
}

const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function unescape(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(u[0-9A-Fa-f]{4}|.)/g, (_m, c: string) =>
    c.length === 5 ? String.fromCharCode(parseInt(c.slice(1), 16)) : (ESCAPES[c] ?? c),
  );
}

/** Reads the properties in text[start, end) into the recorder's facts. */
export function scanProperties(recorder: ConfigRecorder, start: number, end: number): void {
  const text = recorder.text;
  let pos = start;
  while (pos < end) {
    let first = pos;
    while (first < end && isBlank(text.charCodeAt(first))) first++;
    let eol = lineEnd(text, first, end);
    const c = text.charCodeAt(first);
    if (first >= eol || c === 35 /* # */ || c === 33 /* ! */) {
      pos = nextLine(text, eol, end);
      continue;
    }
    // The key ends at the first unescaped separator: `=`, `:` or blank.
    let k = first;
    while (k < eol) {
      const ch = text.charCodeAt(k);
      if (ch === 92 /* \ */) {
        k += 2;
        continue;
      }
      if (ch === 61 || ch === 58 || isBlank(ch)) break;
      k++;
    }
    if (k > eol) k = eol;
    const key = unescape(text.slice(first, k));
    let v = k;
    while (v < eol && isBlank(text.charCodeAt(v))) v++;
    if (v < eol && (text.charCodeAt(v) === 61 || text.charCodeAt(v) === 58)) v++;
    while (v < eol && isBlank(text.charCodeAt(v))) v++;
    // Collect the value's physical segments, without continuation backslashes and leading blanks.
    const segments: ValuePart[] = [];
    let segStart = v;
    for (;;) {
      const more = continues(text, segStart, eol);
      const segEnd = more ? eol - 1 : eol;
      segments.push({ text: text.slice(segStart, segEnd), offset: segStart });
      if (!more) break;
      let next = nextLine(text, eol, end);
      if (next >= end) break;
      while (next < end && isBlank(text.charCodeAt(next))) next++;
      segStart = next;
      eol = lineEnd(text, next, end);
    }
    if (key) record(recorder, key, segments);
    pos = nextLine(text, eol, end);
  }
}

function nextLine(text: string, eol: number, end: number): number {
  if (eol < end && text.charCodeAt(eol) === 13) eol++;
  return eol + 1;
}

function record(recorder: ConfigRecorder, key: string, segments: ValuePart[]): void {
  const trimmed = segments.map((s) => ({ text: s.text.trimEnd(), offset: s.offset })).filter((s, i) => i === 0 || s.text.length > 0);
  if (trimmed.length === 1) {
    const only = trimmed[0];
    const value = unescape(only.text);
    recorder.scalar(key, value, only.offset, only.text.length);
    return;
  }
  const joined = unescape(trimmed.map((s) => s.text).join(''));
  if (trimmed.some((s) => s.text.includes('\\'))) {
    const last = trimmed[trimmed.length - 1];
    recorder.scalar(key, joined, trimmed[0].offset, last.offset + last.text.length - trimmed[0].offset);
    return;
  }
  // `a:9092,\` + `b:9092`: each line is one part of the list; separators stay outside the parts.
  const parts = trimmed
    .map((s) => {
      const lead = s.text.length - s.text.replace(/^[\s,;]+/, '').length;
      const body = s.text.slice(lead).replace(/[\s,;]+$/, '');
      return { text: body, offset: s.offset + lead };
    })
    .filter((p) => p.text.length > 0);
  if (parts.length === 0) {
    recorder.scalar(key, joined, trimmed[0].offset, 0);
    return;
  }
  recorder.list(key, parts, 'config', joined);
}
