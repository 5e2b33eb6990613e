// The lexer-based reader of Java and Kotlin, kept for when the tree-sitter grammars are not loaded (a
// synchronous caller that never awaited ensureCodeGrammarsReady()) and for files too large to parse.
// Java and Kotlin: Spring Kafka (`@KafkaListener`, `@SendTo`, `kafkaTemplate.send`) and the plain
// clients (`consumer.subscribe(List.of(...))`, `new ProducerRecord<>(topic, ...)`, config maps).
import type { FileFacts } from '../../../model/types';
import type { ExtractOptions } from '../../options';
import { splitArgs } from '../expr';
import { CodeScan, matches, type LanguageSpec } from '../scan';

const STRING_ARG = '"([^"\\\\]*)"';
const JAVA_ENV = [
  new RegExp(`System\\s*\\.\\s*getenv\\(\\s*\\)\\s*\\.\\s*getOrDefault\\(\\s*${STRING_ARG}\\s*,\\s*${STRING_ARG}\\s*\\)`, 'y'),
  new RegExp(
    `Optional\\s*\\.\\s*ofNullable\\(\\s*System\\s*\\.\\s*getenv\\(\\s*${STRING_ARG}\\s*\\)\\s*\\)\\s*\\.\\s*orElse\\(\\s*${STRING_ARG}\\s*\\)`,
    'y',
  ),
  new RegExp(`System\\s*\\.\\s*getenv\\(\\s*${STRING_ARG}\\s*\\)`, 'y'),
];
const LIST_CALL = '(?:List|Set|Arrays|Collections|Stream)\\s*\\.\\s*(?:of|asList|singletonList|singleton)\\s*\\(';

const JAVA: LanguageSpec = {
  lang: 'java',
  syntax: {
    envLookups: JAVA_ENV,
    fallbackOp: /(?!)/y,
    listHead: new RegExp(`(?:${LIST_CALL}|new\\s+String\\s*\\[\\s*\\]\\s*\\{|\\{)`, 'y'),
    patternHead: /Pattern\s*\.\s*compile\(\s*/y,
  },
  declaration: /\b([A-Za-z_]\w*)\s*=(?![=>])/g,
};

const KOTLIN: LanguageSpec = {
  lang: 'kotlin',
  syntax: {
    envLookups: JAVA_ENV,
    fallbackOp: /\s*\?:/y,
    listHead: new RegExp(`(?:${LIST_CALL}|(?:listOf|mutableListOf|arrayOf|setOf)\\s*\\(|\\[)`, 'y'),
    patternHead: /(?:Pattern\s*\.\s*compile|Regex)\(\s*/y,
  },
  declaration: /\b([A-Za-z_]\w*)\s*(?::\s*[\w.<>?]+\s*)?=(?![=>])/g,
};

export function extractJavaLexed(file: string, text: string, opts: ExtractOptions): FileFacts {
  const kotlin = /\.kts?$/i.test(file);
  const scan = new CodeScan(file, text, kotlin ? 'kotlin' : 'java', kotlin ? KOTLIN : JAVA, opts);
  const code = scan.code;
  scan.scanBrokerRefs();
  scan.scanKeyedSettings((key) => (/group|offset/i.test(key) && key !== 'groupId' ? 'java' : undefined));

  for (const m of matches(/@\s*(?:[\w.]+\.)?KafkaListener\s*\(/g, code)) {
    const { entries } = scan.entries(m.index + m[0].length - 1);
    for (const e of entries) {
      if (e.value.start === e.start) continue;
      if (e.key === 'topics') scan.addTopics(e.value, 'consume', 'spring');
      else if (e.key === 'topicPattern') {
        const before = scan.facts.topicUses.length;
        scan.addTopics(e.value, 'consume', 'spring');
        for (const use of scan.facts.topicUses.slice(before)) if (use.topic !== undefined) use.pattern = true;
      }
    }
    // Spring uses `id` as the group when no `groupId` is given (idIsGroup defaults to true).
    const group = entries.find((e) => e.key === 'groupId') ?? entries.find((e) => e.key === 'id');
    if (group) scan.addGroup(group.value, 'spring');
  }

  for (const m of matches(/@\s*SendTo\s*\(/g, code)) {
    const { items } = splitArgs(code, m.index + m[0].length - 1);
    if (items[0]) scan.addTopics(scan.reader.parse(items[0].start, items[0].end), 'produce', 'spring');
  }

  for (const m of matches(/\b\w*[Tt]emplate\s*\.\s*send\s*\(/g, code)) {
    const { items } = splitArgs(code, m.index + m[0].length - 1);
    // `send(record)` / `send(message)` carry the topic inside; ProducerRecord is read on its own.
    if (items.length >= 2) scan.addTopics(scan.reader.parse(items[0].start, items[0].end), 'produce', 'spring');
  }

  for (const m of matches(/(?<![\w.])ProducerRecord\s*(?:<[^()]*?>)?\s*\(/g, code)) {
    const { items } = splitArgs(code, m.index + m[0].length - 1);
    if (items[0]) scan.addTopics(scan.reader.parse(items[0].start, items[0].end), 'produce', 'java');
  }

  for (const m of matches(/\.\s*subscribe\s*\(/g, code)) {
    const { items } = splitArgs(code, m.index + m[0].length - 1);
    if (!items[0]) continue;
    const value = scan.reader.parse(items[0].start, items[0].end);
    const resolved = scan.resolve(value);
    // Reactive `subscribe(x -> ...)` and the like name no topic.
    if (resolved.kind === 'list' || resolved.kind === 'env' || (resolved.kind === 'string' && resolved.pattern)) {
      scan.addTopics(value, 'consume', 'java');
    }
  }
  return scan.finish();
}
