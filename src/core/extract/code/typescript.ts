// TypeScript / JavaScript: kafkajs (and node-rdkafka's config maps). Topics from `subscribe`/`send`/
// `sendBatch` objects, groups from `consumer({ groupId })`, `fromBeginning` per subscription.
import type { FileFacts } from '../../model/types';
import type { ExtractOptions } from '../options';
import { skipWs } from './expr';
import { appendEntryEdit, CodeScan, matches, type Entry, type LanguageSpec } from './scan';

const TS: LanguageSpec = {
  lang: 'ts',
  syntax: {
    envLookups: [
      /process\.env\.([A-Za-z_$][\w$]*)/y,
      /process\.env\[\s*['"`]([^'"`]+)['"`]\s*\]/y,
      /import\.meta\.env\.([A-Za-z_$][\w$]*)/y,
    ],
    fallbackOp: /\s*(?:\?\?|\|\|)/y,
    listHead: /\[/y,
  },
  declaration: /(?:\b(?:const|let|var|readonly|private|public|protected|static)\s+|\bthis\.)([A-Za-z_$][\w$]*)\s*(?::[^=;\n]*)?=(?![=>])/g,
};

const RDKAFKA = /node-rdkafka|@confluentinc\/kafka-javascript/;

export function extractTypeScript(file: string, text: string, opts: ExtractOptions): FileFacts {
  const scan = new CodeScan(file, text, 'typescript', TS, opts);
  const code = scan.code;
  scan.scanBrokerRefs();
  const rdkafka = RDKAFKA.test(scan.lx.plain);
  scan.scanKeyedSettings((key) => (key === 'groupId' ? 'kafkajs' : key === 'group.id' || key === 'auto.offset.reset' ? 'node-rdkafka' : undefined));

  for (const m of matches(/\.\s*(subscribe|send|sendBatch)\s*\(\s*\{/g, code)) {
    const open = m.index + m[0].length - 1;
    const { close, items, entries } = scan.entries(open);
    const get = (k: string): Entry | undefined => entries.find((e) => e.key === k);
    if (m[1] === 'subscribe') {
      const topics = get('topic') ?? get('topics');
      if (!topics) continue;
      scan.addTopics(topics.value, 'consume', 'kafkajs');
      if (close > 0) addFromBeginning(scan, get('fromBeginning'), items, close);
    } else if (m[1] === 'send') {
      const topic = get('topic');
      if (topic) scan.addTopics(topic.value, 'produce', 'kafkajs');
    } else {
      const batch = get('topicMessages');
      if (!batch) continue;
      const listOpen = skipWs(code, batch.value.start);
      if (code[listOpen] !== '[') continue;
      for (const obj of matches(/\{/g, code.slice(listOpen, batch.end))) {
        const at = listOpen + obj.index;
        // Only the message objects directly in the list, not the `messages` inside them.
        if (depthBetween(code, listOpen + 1, at) !== 0) continue;
        const topic = scan.entries(at).entries.find((e) => e.key === 'topic');
        if (topic) scan.addTopics(topic.value, 'produce', 'kafkajs');
      }
    }
  }

  if (rdkafka) {
    for (const m of matches(/\.\s*(subscribe|produce)\s*\(/g, code)) {
      const args = scan.entries(m.index + m[0].length - 1);
      const first = args.items[0];
      if (!first || code[first.start] === '{') continue;
      const value = scan.reader.parse(first.start, first.end);
      if (m[1] === 'subscribe' && value.kind !== 'list' && value.kind !== 'ident') continue;
      scan.addTopics(value, m[1] === 'subscribe' ? 'consume' : 'produce', 'node-rdkafka');
    }
  }
  return scan.finish();
}

function depthBetween(code: string, from: number, to: number): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = code[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return depth;
}

/** kafkajs starts a new group at the end of the topic unless `fromBeginning: true` (default false). */
function addFromBeginning(scan: CodeScan, entry: Entry | undefined, items: Array<{ start: number; end: number }>, close: number): void {
  const base = { file: scan.file, client: 'kafkajs' };
  if (!entry) {
    const anchor = items[items.length - 1];
    scan.facts.offsetResets.push({
      ...base,
      value: 'latest',
      explicit: false,
      range: scan.range(anchor.start, anchor.end),
      fix: appendEntryEdit(scan, items, close, 'fromBeginning: true'),
    });
    return;
  }
  const { start, end } = entry.value;
  const written = scan.lx.text.slice(start, end).trim();
  const value = written === 'true' ? 'earliest' : written === 'false' ? 'latest' : 'unknown';
  const reset: FileFacts['offsetResets'][number] = { ...base, value, explicit: true, range: scan.range(start, end) };
  if (value !== 'earliest') reset.fix = scan.index.edit(scan.file, start, end - start, 'true');
  scan.facts.offsetResets.push(reset);
}
