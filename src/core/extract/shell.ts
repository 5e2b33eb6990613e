// Shell scripts, Dockerfiles, Makefiles and Procfiles: broker addresses inside commands
// (`--bootstrap-server X`, `kcat -b X`, `docker run -e KAFKA_BROKERS=X`), and variable assignments
// (`export KAFKA_BROKERS=...`, Dockerfile `ENV`, Makefile `KAFKA ?= ...`).
import * as path from 'node:path';
import { emptyFacts, type FileFacts } from '../model/types';
import type { ExtractOptions } from './options';
import { ConfigRecorder } from './config/record';
import { LineIndex, refOffset } from './text';
import { commandRefs } from './commandRefs';
import { commandTopicUses } from './commandTopics';

type ShellDialect = 'shell' | 'dockerfile' | 'makefile';

function dialectOf(file: string): ShellDialect {
  const base = path.posix.basename(file.replace(/\\/g, '/')).toLowerCase();
  if (base === 'dockerfile' || base.startsWith('dockerfile.') || base.endsWith('.dockerfile') || base === 'containerfile')
    return 'dockerfile';
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
const ASSIGN =
  /^[ \t]*(?:(?:export|readonly|local|declare(?:[ \t]+-[A-Za-z]+)?|override)[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?:\?|\+|!|:{1,3})?=[ \t]*/;

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
