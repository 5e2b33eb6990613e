// Shell scripts, Dockerfiles, Makefiles and Procfiles: broker addresses inside commands
// (`--bootstrap-server X`, `kcat -b X`, `docker run -e KAFKA_BROKERS=X`), and variable assignments
// (`export KAFKA_BROKERS=...`, Dockerfile `ENV`, Makefile `KAFKA ?= ...`).
// `commandRefs` is shared with extractors whose files embed commands (YAML `command:`, HCL `args`).
import * as path from 'node:path';
import { emptyFacts, type BrokerRefText, type FileFacts, type FileFormat } from '../model/types';
import type { ExtractOptions } from './options';
import { ConfigRecorder } from './config/record';
import { isBrokerKey, LineIndex, refOffset, scalarRef } from './text';
import { indirectRef } from './config/indirect';
import { commandTopicUses } from './commandTopics';

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
const ENV_FLAG = new RegExp(
  `(?:^|\\s)(?:-e|--env)(?:[ \\t]+|=)(?:"${NAME}=([^"\\n]*)"|'${NAME}=([^'\\n]*)'|${NAME}=${VALUE})`,
  'dg',
);

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

type ShellDialect = 'shell' | 'dockerfile' | 'makefile';

function dialectOf(file: string): ShellDialect {
  const base = path.posix.basename(file.replace(/\\/g, '/')).toLowerCase();
  if (base === 'dockerfile' || base.startsWith('dockerfile.') || base.endsWith('.dockerfile') || base === 'containerfile') return 'dockerfile';
  if (base === 'makefile' || base === 'gnumakefile' || base.endsWith('.mk')) return 'makefile';
  return 'shell';
}

export function extractShell(file: string, text: string, opts: ExtractOptions): FileFacts {
  const facts = emptyFacts(file, 'shell');
  const index = new LineIndex(text);
  const recorder = new ConfigRecorder(file, text, index, opts, facts);
  const dialect = dialectOf(file);
  let logicalStart = -1;
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const physEnd = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    let first = pos;
    while (first < physEnd && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
    const isComment = text.charCodeAt(first) === 35;
    if (isComment) {
      // A comment ends any command being continued; its own text is never read.
      if (logicalStart >= 0) readLogicalLine(recorder, dialect, logicalStart, pos > 0 ? pos - 1 : pos);
      logicalStart = -1;
    } else {
      const cut = dialect === 'dockerfile' ? physEnd : commentStart(text, first, physEnd);
      if (logicalStart < 0) logicalStart = pos;
      const continued = cut === physEnd && cut > first && text.charCodeAt(cut - 1) === 92;
      if (!continued) {
        readLogicalLine(recorder, dialect, logicalStart, cut);
        logicalStart = -1;
      }
    }
    pos = nl + 1;
  }
  if (logicalStart >= 0) readLogicalLine(recorder, dialect, logicalStart, text.length);
  return facts;
}

/** Where a `#` comment starts on a line (a `#` at a word start outside quotes), or `end`. */
function commentStart(text: string, from: number, end: number): number {
  const hash = text.indexOf('#', from);
  if (hash < 0 || hash >= end) return end;
  let quote = 0;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
      else if (c === 92 && quote === 34) i++;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 92) i++;
    else if (c === 35 && (i === from || /\s/.test(text[i - 1]))) return i;
  }
  return end;
}

const DOCKER_ENV = /^[ \t]*(?:ENV|ARG)[ \t]+/i;
const DOCKER_PAIR = /([A-Za-z_][A-Za-z0-9_.-]*)=(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|((?:[^\s\\]|\\[^\n\r])*))/dg;
const DOCKER_LEGACY = /^([A-Za-z_][A-Za-z0-9_.-]*)[ \t]+(\S.*?)[ \t]*$/d;
const ASSIGN = /^[ \t]*(?:(?:export|readonly|local|declare(?:[ \t]+-[A-Za-z]+)?|override)[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?:\?|\+|!|:{1,3})?=[ \t]*/;

function readLogicalLine(recorder: ConfigRecorder, dialect: ShellDialect, start: number, end: number): void {
  const { text, facts, file, index, opts } = recorder;
  if (end <= start) return;
  const line = text.slice(start, end);
  const before = facts.brokerRefs.length;
  if (dialect === 'dockerfile') {
    const env = DOCKER_ENV.exec(line);
    if (env) readDockerEnv(recorder, start + env[0].length, line.slice(env[0].length));
  } else {
    const assign = ASSIGN.exec(line);
    if (assign && !line.startsWith('==', assign[0].length)) readAssignment(recorder, dialect, assign[1], start + assign[0].length, end);
  }
  for (const use of commandTopicUses(file, text, start, end, index)) facts.topicUses.push(use);
  const seen = new Set(facts.brokerRefs.slice(before).map(refOffset));
  for (const ref of commandRefs(file, 'shell', text, start, end, index, opts)) {
    if (!seen.has(refOffset(ref))) facts.brokerRefs.push(ref);
  }
}

function readDockerEnv(recorder: ConfigRecorder, base: number, rest: string): void {
  const firstWord = /^\S*/.exec(rest)?.[0] ?? '';
  if (firstWord.includes('=')) {
    DOCKER_PAIR.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = DOCKER_PAIR.exec(rest))) {
      const g = m[2] !== undefined ? 2 : m[3] !== undefined ? 3 : 4;
      const at = m.indices?.[g];
      if (!at) continue;
      const raw = m[g];
      const value = g === 3 ? raw : raw.replace(/\\(.)/g, '$1');
      recorder.scalar(m[1], value, base + at[0], raw.length);
      if (m[0].length === 0) DOCKER_PAIR.lastIndex++;
    }
    return;
  }
  // `ENV KEY value with spaces` (the legacy form): the rest of the line is the value.
  const legacy = DOCKER_LEGACY.exec(rest.replace(/\r?\n[\s\S]*$/, ''));
  const at = legacy?.indices?.[2];
  if (legacy && at) recorder.scalar(legacy[1], legacy[2], base + at[0]);
}

function readAssignment(recorder: ConfigRecorder, dialect: ShellDialect, key: string, valueStart: number, end: number): void {
  const text = recorder.text;
  const q = text.charCodeAt(valueStart);
  if (q === 34 || q === 39) {
    const close = text.indexOf(String.fromCharCode(q), valueStart + 1);
    if (close > 0 && close < end) {
      recorder.scalar(key, text.slice(valueStart + 1, close), valueStart + 1);
      return;
    }
  }
  let valueEnd = valueStart;
  if (dialect === 'makefile') {
    valueEnd = end;
    while (valueEnd > valueStart && /\s/.test(text[valueEnd - 1])) valueEnd--;
  } else {
    // A bare shell word ends at a blank or `;`, except inside `${...}` (`${X:-a:9092}` has no blanks anyway).
    let depth = 0;
    while (valueEnd < end) {
      const c = text[valueEnd];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (depth <= 0 && (c === ' ' || c === '\t' || c === ';' || c === '\n' || c === '\r' || c === '&' || c === '|')) break;
      valueEnd++;
    }
  }
  recorder.scalar(key, text.slice(valueStart, valueEnd), valueStart);
}
