// Go: kafka-go (ReaderConfig/Writer/Message), sarama (ConsumePartition, ConsumerGroup.Consume,
// ProducerMessage, Consumer.Offsets.Initial) and confluent-kafka-go (ConfigMap, SubscribeTopics, Produce).
import type { FileFacts } from '../../model/types';
import type { ExtractOptions } from '../options';
import { skipWs, splitArgs, valueEnd, type ValueExpr } from './expr';
import { CodeScan, eolOf, indentAt, matches, type Entry, type LanguageSpec } from './scan';

const ENV_HELPER = '(?:[A-Za-z_]\\w*\\.)?[A-Za-z_]*(?:[Ee]nv|ENV)[A-Za-z_]*';

const GO: LanguageSpec = {
  lang: 'go',
  syntax: {
    envLookups: [
      new RegExp(`${ENV_HELPER}\\(\\s*"([^"\\\\]*)"\\s*,\\s*"([^"\\\\]*)"\\s*\\)`, 'y'),
      new RegExp(`${ENV_HELPER}\\(\\s*"([^"\\\\]*)"\\s*\\)`, 'y'),
    ],
    fallbackOp: /(?!)/y,
    listHead: /\[\]\s*string\s*\{/y,
  },
  declaration: /(?<![\w.])(?!(?:var|const|func|type|return|if|for|range)\b)([A-Za-z_]\w*)(?:[ \t]+[\w.*[\]]+)?[ \t]*:?=(?!=)/g,
};

export function extractGo(file: string, text: string, opts: ExtractOptions): FileFacts {
  const scan = new CodeScan(file, text, 'go', GO, opts);
  const code = scan.code;
  scan.scanBrokerRefs();
  scan.scanKeyedSettings((key) => (key === 'GroupID' ? 'kafka-go' : key === 'group.id' || key === 'auto.offset.reset' ? 'confluent-kafka-go' : undefined));

  const fields = (open: number) => scan.entries(open).entries;
  const field = (entries: Entry[], k: string) => entries.find((e) => e.key === k);

  for (const m of matches(/\b\w+\s*\.\s*(ReaderConfig|WriterConfig|Writer|Message|ProducerMessage|TopicPartition)\s*\{/g, code)) {
    const type = m[1];
    const entries = fields(m.index + m[0].length - 1);
    const topic = field(entries, 'Topic');
    const sarama = /^sarama\b/.test(m[0]);
    if (type === 'ReaderConfig') {
      if (topic) scan.addTopics(topic.value, 'consume', 'kafka-go');
      const groupTopics = field(entries, 'GroupTopics');
      if (groupTopics) scan.addTopics(groupTopics.value, 'consume', 'kafka-go');
      addStartOffset(scan, field(entries, 'StartOffset'), !!field(entries, 'GroupID'), m.index, m.index + m[0].length - 1);
    } else if (type === 'ProducerMessage') {
      if (topic) scan.addTopics(topic.value, 'produce', 'sarama');
    } else if (type === 'TopicPartition') {
      // confluent-kafka-go names the topic of a produced message inside its TopicPartition.
      const before = code.slice(Math.max(0, m.index - 300), m.index);
      if (topic && /\.Produce\s*\(\s*&?\w+\s*\.\s*Message\s*\{[^}]*TopicPartition\s*:\s*$/.test(before)) {
        scan.addTopics(topic.value, 'produce', 'confluent-kafka-go');
      }
    } else if (topic && !sarama) {
      scan.addTopics(topic.value, 'produce', 'kafka-go');
    }
  }

  const usesSarama = /\bsarama\b/.test(code);
  const usesConfluent = /confluent-kafka-go/.test(scan.lx.plain);
  for (const m of matches(/\.\s*(ConsumePartition|Consume|SubscribeTopics|Subscribe)\s*\(/g, code)) {
    const { items } = splitArgs(code, m.index + m[0].length - 1);
    const which = m[1];
    if (which === 'ConsumePartition' && usesSarama && items[0]) {
      scan.addTopics(scan.reader.parse(items[0].start, items[0].end), 'consume', 'sarama');
    } else if (which === 'Consume' && usesSarama && items.length >= 3) {
      const value = scan.reader.parse(items[1].start, items[1].end);
      if (value.kind === 'list' || value.kind === 'ident') scan.addTopics(value, 'consume', 'sarama');
    } else if ((which === 'SubscribeTopics' || which === 'Subscribe') && usesConfluent && items[0]) {
      scan.addTopics(scan.reader.parse(items[0].start, items[0].end), 'consume', 'confluent-kafka-go');
    }
  }

  let consumerGroupAt = -1;
  for (const m of matches(/\bsarama\s*\.\s*NewConsumerGroup(?:FromClient)?\s*\(/g, code)) {
    const { items } = splitArgs(code, m.index + m[0].length - 1);
    if (items[1]) scan.addGroup(scan.reader.parse(items[1].start, items[1].end), 'sarama');
    if (consumerGroupAt < 0) consumerGroupAt = m.index;
  }
  addSaramaInitial(scan, consumerGroupAt);
  return scan.finish();
}

/** kafka-go: `StartOffset` decides where a new group starts; its default is FirstOffset. */
function addStartOffset(scan: CodeScan, entry: Entry | undefined, hasGroup: boolean, typeStart: number, open: number): void {
  const base = { file: scan.file, client: 'kafka-go' };
  if (!entry) {
    if (hasGroup) scan.facts.offsetResets.push({ ...base, value: 'earliest', explicit: false, range: scan.range(typeStart, open) });
    return;
  }
  offsetConstant(scan, entry.value, base.client, { LastOffset: 'FirstOffset' }, 'FirstOffset', 'LastOffset', ['-2', '-1']);
}

/** sarama: `Consumer.Offsets.Initial` (default OffsetNewest) for consumer groups. */
function addSaramaInitial(scan: CodeScan, consumerGroupAt: number): void {
  const code = scan.code;
  let seen = false;
  for (const m of matches(/\bConsumer\s*\.\s*Offsets\s*\.\s*Initial\s*=(?!=)\s*/g, code)) {
    seen = true;
    const at = m.index + m[0].length;
    offsetConstant(scan, scan.reader.parse(at, valueEnd(code, at)), 'sarama', { OffsetNewest: 'OffsetOldest' }, 'OffsetOldest', 'OffsetNewest', ['-2', '-1']);
  }
  if (seen || consumerGroupAt < 0) return;
  const base = { file: scan.file, client: 'sarama', value: 'latest' as const, explicit: false };
  const config = /\b([A-Za-z_]\w*)\s*:?=\s*sarama\s*\.\s*NewConfig\s*\(\s*\)/.exec(code);
  if (!config) {
    scan.facts.offsetResets.push({ ...base, range: scan.range(consumerGroupAt, consumerGroupAt + 'sarama.NewConsumerGroup'.length) });
    return;
  }
  const text = scan.lx.text;
  const statementEnd = config.index + config[0].length;
  let lineEnd = text.indexOf('\n', statementEnd);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const line = `${eolOf(text, config.index)}${indentAt(text, config.index)}${config[1]}.Consumer.Offsets.Initial = sarama.OffsetOldest`;
  scan.facts.offsetResets.push({
    ...base,
    range: scan.range(config.index, statementEnd),
    fix: scan.index.edit(scan.file, lineEnd, 0, line),
  });
}

/** A Go constant selector (`kafka.LastOffset`, `sarama.OffsetNewest`) or its numeric value. */
function offsetConstant(
  scan: CodeScan,
  value: ValueExpr,
  client: string,
  replace: Record<string, string>,
  earliestName: string,
  latestName: string,
  [earliestNumber, latestNumber]: [string, string],
): void {
  const start = skipWs(scan.code, value.start);
  const written = scan.lx.text.slice(start, value.end).trim();
  const name = written.slice(written.lastIndexOf('.') + 1);
  const kind = name === earliestName || written === earliestNumber ? 'earliest' : name === latestName || written === latestNumber ? 'latest' : 'unknown';
  const reset: FileFacts['offsetResets'][number] = { file: scan.file, client, value: kind, explicit: true, range: scan.range(start, value.end) };
  if (kind === 'latest') {
    reset.fix = replace[name]
      ? scan.index.edit(scan.file, value.end - name.length, name.length, replace[name])
      : scan.index.edit(scan.file, start, value.end - start, earliestNumber);
  }
  scan.facts.offsetResets.push(reset);
}
