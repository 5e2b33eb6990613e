// TypeScript / JavaScript: kafkajs (`new Kafka({ brokers, ssl, sasl })`, `consumer({ groupId })`,
// `subscribe({ topic|topics, fromBeginning })`, `send`/`sendBatch`) and the librdkafka config maps of
// node-rdkafka and @confluentinc/kafka-javascript (`'metadata.broker.list'`, `'group.id'`,
// `subscribe([...])`, `produce(topic, ...)`). Read from the tree-sitter tree.
import { isBrokerKey } from '../text';
import type { FileFacts } from '../../model/types';
import type { ExtractOptions } from '../options';
import type { CodeLanguage } from './grammars';
import { CodeFacts, extractWith } from './facts';
import type { Entry, LanguageSyntax } from './syntax';
import { kids, type Node } from './tsQuery';
import { pairsOf, tsSyntax } from './tsSyntax';

const RDKAFKA = /node-rdkafka|@confluentinc\/kafka-javascript/;
const RDKAFKA_KEYS = /^(group\.id|auto\.offset\.reset|security\.protocol|sasl\.mechanisms?|ssl\.(certificate|key)\.location)$/;

const syntaxes = new Map<CodeLanguage, LanguageSyntax>();
function syntaxFor(file: string): LanguageSyntax {
  const lang: CodeLanguage = /\.tsx$/i.test(file) ? 'tsx' : /\.[mc]?tsx?$/i.test(file) ? 'typescript' : 'javascript';
  let s = syntaxes.get(lang);
  if (!s) syntaxes.set(lang, (s = tsSyntax(lang)));
  return s;
}

export function extractTypeScript(file: string, text: string, opts: ExtractOptions): FileFacts {
  return extractWith(file, text, 'typescript', syntaxFor(file), opts, (scan) => {
    scan.literalBrokerRefs();
    const rdkafka = RDKAFKA.test(text);
    const rdClient = /@confluentinc\/kafka-javascript/.test(text) ? 'confluent-kafka-javascript' : 'node-rdkafka';
    const entries = scan.entries();
    scan.keyedSettings(entries, (key) => (key === 'groupId' ? 'kafkajs' : RDKAFKA_KEYS.test(key) ? rdClient : undefined));
    for (const e of entries) {
      if (isBrokerKey(e.key)) scan.brokerParam(e.value, e.key);
      else if ((e.key === 'ssl' || e.key === 'sasl') && pairsOf(e.item.parent!).some((s) => s.key === 'brokers')) kafkajsSecurity(scan, e);
    }

    for (const node of scan.of('call_expression')) {
      const fn = node.childForFieldName('function');
      const argsNode = node.childForFieldName('arguments');
      if (fn?.type !== 'member_expression' || argsNode?.type !== 'arguments') continue;
      const method = fn.childForFieldName('property')?.text ?? '';
      if (!/^(subscribe|send|sendBatch|produce)$/.test(method)) continue;
      const args = kids(argsNode).filter((n) => n.type !== 'comment');
      const first = args[0] ? scan.syntax.unwrap(args[0]) : undefined;
      if (!first) continue;
      if (first.type === 'object') {
        if (method === 'subscribe' || method === 'send' || method === 'sendBatch') kafkajsCall(scan, method, first);
      } else if (rdkafka && (method === 'subscribe' || method === 'produce')) {
        const value = scan.value(first);
        if (method === 'subscribe' && value.kind !== 'list' && value.kind !== 'ident') continue;
        scan.addTopics(value, method === 'subscribe' ? 'consume' : 'produce', rdClient);
      }
    }
  });
}

function kafkajsCall(scan: CodeFacts, method: string, obj: Node): void {
  const entries = pairsOf(obj);
  const get = (k: string): Entry | undefined => entries.find((e) => e.key === k);
  if (method === 'subscribe') {
    const topics = get('topic') ?? get('topics');
    if (!topics) return;
    scan.addTopics(topics.value, 'consume', 'kafkajs');
    addFromBeginning(scan, get('fromBeginning'), obj);
  } else if (method === 'send') {
    const topic = get('topic');
    if (topic) scan.addTopics(topic.value, 'produce', 'kafkajs');
  } else {
    const batch = get('topicMessages');
    const list = batch ? scan.syntax.unwrap(batch.value) : undefined;
    if (!list || list.type !== 'array') return;
    // Only the message objects directly in the list, not the `messages` inside them.
    for (const item of kids(list)) {
      if (item.type !== 'object') continue;
      const topic = pairsOf(item).find((e) => e.key === 'topic');
      if (topic) scan.addTopics(topic.value, 'produce', 'kafkajs');
    }
  }
}

/** kafkajs starts a new group at the end of the topic unless `fromBeginning: true` (default false). */
function addFromBeginning(scan: CodeFacts, entry: Entry | undefined, obj: Node): void {
  const base = { file: scan.file, client: 'kafkajs' };
  if (!entry) {
    const items = kids(obj).filter((n) => n.type !== 'comment');
    const anchor = items[items.length - 1];
    if (!anchor || obj.lastChild?.type !== '}' || obj.lastChild.isMissing) return;
    scan.facts.offsetResets.push({
      ...base,
      value: 'latest',
      explicit: false,
      range: scan.nodeRange(anchor),
      fix: scan.appendEntry(items, obj.endIndex - 1, 'fromBeginning: true'),
    });
    return;
  }
  const node = entry.value;
  const written = node.text.trim();
  const value = written === 'true' ? 'earliest' : written === 'false' ? 'latest' : 'unknown';
  const reset: FileFacts['offsetResets'][number] = { ...base, value, explicit: true, range: scan.nodeRange(node) };
  if (value !== 'earliest') reset.fix = scan.edit(node.startIndex, node.endIndex - node.startIndex, 'true');
  scan.facts.offsetResets.push(reset);
}

/** kafkajs `ssl: true | { ca, cert, key }` and `sasl: { mechanism }` next to `brokers`. */
function kafkajsSecurity(scan: CodeFacts, e: Entry): void {
  const value = scan.syntax.unwrap(e.value);
  if (e.key === 'ssl') {
    if (value.type === 'true' || value.type === 'false') scan.addSecurity('tls', value.type, value, 'kafkajs', 'ssl');
    else if (value.type === 'object') {
      scan.addSecurity('tls', 'true', e.keyNode, 'kafkajs', 'ssl');
      const cert = pairsOf(value).find((p) => p.key === 'cert');
      if (cert) scan.addSecurity('client-cert', 'present', cert.value, 'kafkajs', 'ssl.cert');
    } else scan.addSecurity('tls', 'unknown', value, 'kafkajs', 'ssl');
    return;
  }
  if (value.type !== 'object') return;
  const mechanism = pairsOf(value).find((p) => p.key === 'mechanism');
  if (!mechanism) return;
  const v = scan.resolve(scan.value(mechanism.value));
  if (v.kind === 'string' && !v.interpolated) {
    scan.addSecurity(
      'sasl-mechanism',
      v.value === 'aws' ? 'aws' : v.value.toUpperCase(),
      { start: v.start, end: v.end },
      'kafkajs',
      'sasl.mechanism',
    );
  } else scan.addSecurity('sasl-mechanism', 'unknown', mechanism.value, 'kafkajs', 'sasl.mechanism');
}
