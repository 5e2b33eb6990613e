// Helm templates and other `{{ }}`-templated YAML: not parseable as YAML, so read line by line.
// Keys are as written on their line (no nesting); `- name: X` then `value: Y` gives setting X = Y;
// `{{ ... | default "host:9092" }}` yields its literal default.
import { commandRefs } from '../commandRefs';
import { refOffset, scalarRef } from '../text';
import type { ConfigRecorder } from './record';

const KEY_VALUE = /^([ \t]*)(-[ \t]+)?(["']?)([A-Za-z0-9_./-]+)\3[ \t]*:(?:[ \t]+|$)/;
const LIST_ENTRY = /^[ \t]*-[ \t]+(["']?)([A-Za-z_][A-Za-z0-9_]*)=/;
const TEMPLATE_DEFAULT = /\bdefault[ \t]+(?:"([^"\n]*)"|'([^'\n]*)'|`([^`\n]*)`)/d;
const COMMAND_HINT = /--b|kcat|kafkacat|-e |--env|\.servers=/;

export function scanTemplateLines(recorder: ConfigRecorder, start: number, end: number): void {
  const { text } = recorder;
  let pendingName: { name: string; indent: number } | undefined;
  let pos = start;
  while (pos < end) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0 || eol > end) eol = end;
    const lineEnd = eol > pos && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
    const line = text.slice(pos, lineEnd);
    const trimmed = line.trimStart();
    if (trimmed && !trimmed.startsWith('#') && !trimmed.startsWith('{{')) {
      const before = recorder.facts.brokerRefs.length;
      pendingName = readLine(recorder, line, pos, pendingName);
      if (COMMAND_HINT.test(line)) {
        const { file, index, opts, facts } = recorder;
        const seen = new Set(facts.brokerRefs.slice(before).map(refOffset));
        for (const ref of commandRefs(file, facts.format, text, pos, lineEnd, index, opts)) {
          if (!seen.has(refOffset(ref))) facts.brokerRefs.push(ref);
        }
      }
    }
    pos = eol + 1;
  }
}

function readLine(
  recorder: ConfigRecorder,
  line: string,
  lineStart: number,
  pendingName: { name: string; indent: number } | undefined,
): { name: string; indent: number } | undefined {
  const kv = KEY_VALUE.exec(line);
  if (kv) {
    const indent = kv[1].length + (kv[2]?.length ?? 0);
    const valueStart = kv[0].length;
    const { value, offset } = valueOf(line, valueStart);
    const key = kv[4];
    if (key === 'name' && kv[2]) return value ? { name: value, indent } : undefined;
    const envName = key === 'value' && pendingName && pendingName.indent === indent ? pendingName.name : undefined;
    if (value) record(recorder, envName ?? key, value, lineStart + offset);
    // Other keys of the same list item (`valueFrom:`) keep the name pending; anything else ends the item.
    return pendingName && !envName && indent === pendingName.indent ? pendingName : undefined;
  }
  const entry = LIST_ENTRY.exec(line);
  if (entry) {
    const valueStart = entry[0].length;
    const quote = entry[1];
    let valueEnd = line.length;
    if (quote) {
      const close = line.indexOf(quote, valueStart);
      if (close >= 0) valueEnd = close;
    } else {
      const hash = line.search(/[ \t]#/);
      if (hash >= valueStart) valueEnd = hash;
    }
    const value = line.slice(valueStart, valueEnd).trimEnd();
    if (value) record(recorder, entry[2], value, lineStart + valueStart);
  }
  return pendingName;
}

/** The value text of `key: value` from `from`: quoted content, or the plain text before a ` #` comment. */
function valueOf(line: string, from: number): { value: string; offset: number } {
  const q = line[from];
  if (q === '"' || q === "'") {
    const close = line.indexOf(q, from + 1);
    if (close > from) return { value: line.slice(from + 1, close), offset: from + 1 };
  }
  let to = line.length;
  const hash = line.indexOf(' #', from);
  if (hash >= 0 && !line.slice(from, hash).includes('{{')) to = hash;
  return { value: line.slice(from, to).trimEnd(), offset: from };
}

function record(recorder: ConfigRecorder, key: string, value: string, offset: number): void {
  if (!value.includes('{{')) {
    recorder.scalar(key, value, offset);
    return;
  }
  const { file, index, opts, facts } = recorder;
  facts.settings.push({ file, key, value, range: index.range(offset, value.length), offset });
  recorder.indirect(key, value, offset);
  const m = TEMPLATE_DEFAULT.exec(value);
  if (!m) return;
  const g = m[1] !== undefined ? 1 : m[2] !== undefined ? 2 : 3;
  const at = m.indices?.[g];
  if (!at) return;
  const ref = scalarRef(file, facts.format, 'config', key, m[g], offset + at[0], index, opts);
  if (ref) facts.brokerRefs.push(ref);
}
