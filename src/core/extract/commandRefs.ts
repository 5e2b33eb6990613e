// Broker addresses named in CLI tool invocations (`--bootstrap-server X`, `kcat -b X`,
// `docker run -e KAFKA_BROKERS=X`): shared by every reader whose files hold commands (shell scripts,
// YAML `command:`, HCL `args`).
import type { BrokerRefText, FileFormat } from '../model/types';
import type { ExtractOptions } from './options';
import { isBrokerKey, type LineIndex, refOffset, scalarRef } from './text';
import { indirectRef } from './config/indirect';
// A flag's value: "double quoted", 'single quoted', or a bare word.
const VALUE = `(?:"([^"\\n]*)"|'([^'\\n]*)'|([^\\s"'\`;|&)\\\\]+))`;
// Between a flag and its value: blanks, `=`, or `", "` in an exec-form array (`["cmd", "--flag", "value"]`).
const SEP = `(?:["']?[ \\t]*,[ \\t]*|[ \\t]+|=)`;
const FLAG = new RegExp(`(?:^|[\\s"'\`(=;|&,\\[])(?:--bootstrap-servers?|--broker-list|--brokers)${SEP}${VALUE}`, 'dg');
// kcat's `-b` may come after other flags, also on a continued line; it counts when `kcat` is earlier in
// the same command (looked up backwards, so a line full of `kcat` words costs no more than one).
const KCAT_B = new RegExp(`[ \\t"']-b(?:["']?[ \\t]*,[ \\t]*|[ \\t]*)${VALUE}`, 'dg');
// Confluent images' `cub kafka-ready -b X` waits for the brokers a container then talks to: a client too.
const KCAT = /\b(?:kcat|kafkacat|cub[ \t]+kafka-ready)\b/;
const MAX_COMMAND_LOOKBACK = 4000;
const PROPERTY = new RegExp(`(?:^|[\\s"'=])(bootstrap\\.servers|metadata\\.broker\\.list)=${VALUE}`, 'dg');
const NAME = '([A-Za-z_][A-Za-z0-9_]*)';
const ENV_FLAG = new RegExp(`(?:^|\\s)(?:-e|--env)(?:[ \\t]+|=)(?:"${NAME}=([^"\\n]*)"|'${NAME}=([^'\\n]*)'|${NAME}=${VALUE})`, 'dg');

interface Found {
  key?: string;
  value: string;
  offset: number;
}

function valueOf(m: RegExpExecArray, firstGroup: number, base: number): Found | undefined {
  for (let g = firstGroup; g < firstGroup + 3; g++) {
    const at = m.indices?.[g];
    if (at && m[g] !== undefined) return { value: m[g], offset: base + at[0] };
  }
  return undefined;
}

/**
 * Broker refs inside command text[start, end) (a shell line, a YAML `command:` string, an HCL `args`
 * element). Values are keyed by their flag's meaning, so `localhost:9092` counts; `$VAR` does not.
 */
export function commandRefs(
  file: string,
  format: FileFormat,
  text: string,
  start: number,
  end: number,
  index: LineIndex,
  opts: ExtractOptions,
): BrokerRefText[] {
  const slice = text.slice(start, end);
  const found: Found[] = [];
  const scan = (re: RegExp, each: (m: RegExpExecArray) => void) => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(slice))) each(m);
  };
  if (slice.includes('--b')) {
    scan(FLAG, (m) => {
      const v = valueOf(m, 1, start);
      if (v) found.push(v);
    });
  }
  if (slice.includes('kcat') || slice.includes('kafkacat') || slice.includes('kafka-ready')) {
    scan(KCAT_B, (m) => {
      const from = Math.max(0, m.index - MAX_COMMAND_LOOKBACK);
      if (!KCAT.test(currentCommand(slice, from, m.index))) return;
      const v = valueOf(m, 1, start);
      if (v) found.push(v);
    });
  }
  if (slice.includes('.servers=') || slice.includes('broker.list=')) {
    scan(PROPERTY, (m) => {
      const v = valueOf(m, 2, start);
      if (v) found.push({ ...v, key: m[1] });
    });
  }
  if (slice.includes('-e') || slice.includes('--env')) {
    scan(ENV_FLAG, (m) => {
      const quoted = m[1] !== undefined ? 1 : m[3] !== undefined ? 3 : undefined;
      if (quoted !== undefined) {
        const at = m.indices?.[quoted + 1];
        if (at) found.push({ key: m[quoted], value: m[quoted + 1], offset: start + at[0] });
        return;
      }
      const v = valueOf(m, 6, start);
      if (v) found.push({ ...v, key: m[5] });
    });
  }
  const refs: BrokerRefText[] = [];
  for (const f of found) {
    // A flag says "this is a broker list"; an env var name must say so itself (or the value's shape must).
    const keyed = f.key === undefined || f.key === 'bootstrap.servers' || f.key === 'metadata.broker.list' ? true : undefined;
    const ref =
      scalarRef(file, format, 'command', f.key, f.value, f.offset, index, { ...opts, keyed }) ??
      // `--bootstrap-server $BROKERS`: the flag says it is a connection string, the value reads another.
      (keyed || isBrokerKey(f.key) ? indirectRef(file, format, f.key, f.value, f.offset, f.value.length, index) : undefined);
    if (ref) refs.push(ref);
  }
  return refs.sort((a, b) => refOffset(a) - refOffset(b));
}

/** The text of the command that `at` is in, back to the previous `;`, `|`, `&` or unescaped line end. */
function currentCommand(slice: string, from: number, at: number): string {
  let i = at - 1;
  for (; i >= from; i--) {
    const c = slice.charCodeAt(i);
    if (c === 59 || c === 124 || c === 38) break;
    if (c === 10) {
      const prev = slice.charCodeAt(i - 1) === 13 ? i - 2 : i - 1;
      if (slice.charCodeAt(prev) !== 92) break;
    }
  }
  return slice.slice(i + 1, at);
}
