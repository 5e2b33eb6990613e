// Topic edges of the console tools inside commands (a shell line, a compose `command:`, a CI step):
// `kafka-console-producer --topic t` produces, `kafka-console-consumer --topic t` consumes (`--include`/
// `--whitelist` is a pattern), `kcat -P -t t` produces and `kcat -C -t t` consumes. A `$VAR` value is
// the variable's topic, resolved by the model like any other. kcat without `-P`/`-C` says no direction.
import type { TopicDirection, TopicUse } from '../model/types';
import type { LineIndex } from './text';

const TOOL = /(?:^|[\s"'`/;|&(])(kafka-(?:avro-|protobuf-|json-schema-)?console-(producer|consumer)(?:\.sh)?|kcat|kafkacat)(?=[\s"'`]|$)/g;
// A flag's value: "double quoted", 'single quoted', or a bare word.
const VALUE = `(?:"([^"\\n]*)"|'([^'\\n]*)'|([^\\s"'\`;|&)]+))`;
// Between a flag and its value: blanks or `=`, `", "` in an exec-form array, or the next item of a YAML block list.
const SEP = `(?:["']?,\\s*|\\s+-\\s+|[ \\t]+|=)`;
// The tools' option parser also takes a long option with one dash (`-topic t`).
const TOPIC_FLAG = new RegExp(`(?:^|[\\s"'])(--?topic|--include|--whitelist)${SEP}${VALUE}`, 'dg');
const KCAT_TOPIC = new RegExp(`(?:^|[\\s"'])-t(?:${SEP}|)${VALUE}`, 'dg');
const KCAT_MODE = /(?:^|[\s"'])-([PC])(?=[\s"']|$)/;
const TOPIC_NAME = /^[A-Za-z0-9._-]+$/;
const ENV_REF = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/;

/** Topic uses of console producers/consumers in text[start, end), ranged exactly on the value; `list`: the text is one command's items. */
export function commandTopicUses(file: string, text: string, start: number, end: number, index: LineIndex, list = false): TopicUse[] {
  const slice = text.slice(start, end);
  if (!/console-(?:producer|consumer)|kcat|kafkacat/.test(slice)) return [];
  const out: TopicUse[] = [];
  const tools: Array<{ at: number; name: string; role?: string }> = [];
  TOOL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOOL.exec(slice))) tools.push({ at: m.index + m[0].length - m[1].length, name: m[1], role: m[2] });
  tools.forEach((tool, i) => {
    const limit = i + 1 < tools.length ? tools[i + 1].at : slice.length;
    // A list (`command: [kcat, -C, -t, x]`) is one command whatever its line breaks.
    const segment = list ? limit : commandSegment(slice, tool.at, limit);
    const body = slice.slice(tool.at, segment);
    const kcat = tool.role === undefined;
    let direction: TopicDirection | undefined = tool.role === 'producer' ? 'produce' : tool.role === 'consumer' ? 'consume' : undefined;
    if (kcat) {
      const mode = KCAT_MODE.exec(body);
      direction = mode ? (mode[1] === 'P' ? 'produce' : 'consume') : undefined;
    }
    if (!direction) return;
    const re = kcat ? KCAT_TOPIC : TOPIC_FLAG;
    re.lastIndex = 0;
    let f: RegExpExecArray | null;
    while ((f = re.exec(body))) {
      const first = kcat ? 1 : 2;
      const g = [first, first + 1, first + 2].find((k) => f![k] !== undefined);
      if (g === undefined) continue;
      const value = f[g];
      const offset = start + tool.at + f.indices![g][0];
      const range = index.range(offset, value.length);
      const pattern = !kcat && !f[1].endsWith('-topic');
      const env = ENV_REF.exec(value);
      if (env) out.push({ file, direction, via: { kind: 'env', name: env[1] }, client: 'cli', range });
      else if (pattern) out.push({ file, direction, topic: value, pattern: true, client: 'cli', range });
      else if (TOPIC_NAME.test(value)) out.push({ file, direction, topic: value, client: 'cli', range });
    }
  });
  return out;
}

/** Where the command that starts at `from` ends: an unquoted `;`, `|`, `&`, or a newline not continued by `\`. */
function commandSegment(s: string, from: number, limit: number): number {
  let quote = '';
  for (let i = from; i < limit; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ';' || c === '|' || c === '&') return i;
    else if (c === '\n' && s[i - 1] !== '\\' && !(s[i - 1] === '\r' && s[i - 2] === '\\')) return i;
  }
  return limit;
}
