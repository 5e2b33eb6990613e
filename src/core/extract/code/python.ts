// Python: confluent-kafka (`Consumer(conf)` + `.subscribe([...])`, `Producer(conf)` + `.produce(topic)`)
// and kafka-python / aiokafka (`KafkaConsumer('t', bootstrap_servers=..., group_id=..., auto_offset_reset=...)`,
// `.send(topic)` / `.send_and_wait(topic)`), security_protocol / sasl_mechanism / ssl settings. Read
// from the tree-sitter tree.
import type { FileFacts } from '../../model/types';
import { isBrokerKey } from '../text';
import type { ExtractOptions } from '../options';
import { CodeFacts, extractWith } from './facts';
import { dictPairs, pySyntax } from './pySyntax';
import type { Value } from './syntax';
import { kids, type Node } from './tsQuery';

// confluent_kafka.aio's AIOConsumer/AIOProducer take the same config dict as Consumer/Producer.
const CTOR =
  /^(?:[A-Za-z_]\w*\.)?(AIOKafkaConsumer|KafkaConsumer|AIOKafkaProducer|KafkaProducer|AIOConsumer|AIOProducer|DeserializingConsumer|SerializingProducer|Consumer|Producer)$/;
const CONFLUENT_KEYS = /^(group\.id|auto\.offset\.reset|security\.protocol|sasl\.mechanisms?|ssl\.(certificate|key|keystore)\.location)$/;
const KAFKA_PYTHON_KEYS = /^(group_id|auto_offset_reset|security_protocol|sasl_mechanism|ssl_certfile)$/;

export function extractPython(file: string, text: string, opts: ExtractOptions): FileFacts {
  return extractWith(file, text, 'python', pySyntax, opts, (scan) => {
    const confluent = /\bconfluent_kafka\b/.test(text);
    const kafkaPythonClient = /\baiokafka\b/.test(text) ? 'aiokafka' : 'kafka-python';
    scan.literalBrokerRefs();
    const entries = scan.entries();
    scan.keyedSettings(entries, (key) =>
      CONFLUENT_KEYS.test(key) ? 'confluent-kafka' : KAFKA_PYTHON_KEYS.test(key) ? kafkaPythonClient : undefined,
    );
    for (const e of entries) if (isBrokerKey(e.key)) scan.brokerParam(e.value, e.key);

    const calls: Array<{ fn: Node; args: Node }> = [];
    for (const call of scan.of('call')) {
      const fn = call.childForFieldName('function');
      const args = call.childForFieldName('arguments');
      if (fn && args?.type === 'argument_list') calls.push({ fn, args });
    }
    let hasConsumer = false;
    let hasProducer = false;
    for (const m of calls) {
      const ctor = CTOR.exec(m.fn.text);
      if (!ctor) continue;
      if (/Producer$/.test(ctor[1])) hasProducer = true;
      else {
        hasConsumer = true;
        consumerCtor(scan, ctor[1], m.fn, m.args);
      }
    }

    const consumeClient = confluent ? 'confluent-kafka' : kafkaPythonClient;
    for (const m of calls) {
      if (m.fn.type !== 'attribute') continue;
      const method = m.fn.childForFieldName('attribute')?.text ?? '';
      if (method !== 'subscribe' && method !== 'produce' && method !== 'send' && method !== 'send_and_wait' && method !== 'send_batch')
        continue;
      if (method === 'subscribe' ? !hasConsumer : !hasProducer) continue;
      if (method === 'produce' && !confluent) continue;
      const args = kids(m.args).filter((n) => n.type !== 'comment');
      const kw = args.find((a) => a.type === 'keyword_argument' && /^(topic|topics)$/.test(a.childForFieldName('name')?.text ?? ''));
      // aiokafka's `send_batch(batch, topic, partition=…)` names the topic second.
      const at = method === 'send_batch' ? 1 : 0;
      const first = args[at] && args[at].type !== 'keyword_argument' ? args[at] : undefined;
      const node = kw?.childForFieldName('value') ?? first;
      if (!node) continue;
      const value = scan.value(node);
      if (method === 'subscribe') {
        if (value.kind === 'unknown' && pySyntax.unwrap(node).type !== 'list') continue;
        scan.addTopics(value, 'consume', consumeClient);
      } else {
        scan.addTopics(value, 'produce', method === 'produce' ? 'confluent-kafka' : kafkaPythonClient);
      }
    }
  });
}

function consumerCtor(scan: CodeFacts, type: string, fn: Node, argsNode: Node): void {
  const args = kids(argsNode).filter((n) => n.type !== 'comment');
  const closed = argsNode.lastChild?.type === ')' && !argsNode.lastChild.isMissing;
  if (/KafkaConsumer$/.test(type)) {
    const client = type.startsWith('AIO') ? 'aiokafka' : 'kafka-python';
    const kwargs = new Map<string, Node>();
    for (const a of args) {
      if (a.type === 'keyword_argument') {
        const name = a.childForFieldName('name')?.text;
        const value = a.childForFieldName('value');
        if (name && value) kwargs.set(name, value);
      } else if (a.type !== 'list_splat' && a.type !== 'dictionary_splat') scan.addTopics(a, 'consume', client);
    }
    const topicsKw = kwargs.get('topics');
    if (topicsKw) scan.addTopics(topicsKw, 'consume', client);
    const spread = args.some((a) => a.type === 'dictionary_splat');
    if (!spread && !kwargs.has('auto_offset_reset') && closed && args.length > 0) {
      scan.facts.offsetResets.push({
        file: scan.file,
        client,
        value: 'latest',
        explicit: false,
        range: scan.nodeRange(fn),
        fix: scan.appendEntry(args, argsNode.endIndex - 1, "auto_offset_reset='earliest'"),
      });
    }
    return;
  }
  // confluent-kafka: one config dict, inline or by name.
  const first = args[0];
  if (!first) return;
  let dict: Node | undefined = first.type === 'dictionary' ? first : undefined;
  if (!dict) {
    const named = first.type === 'dictionary_splat' ? first.namedChild(0) : first;
    if (!named || named.type !== 'identifier' || setLater(scan, named.text)) return;
    const target = scan.declared(named.text);
    dict = target && pySyntax.unwrap(target).type === 'dictionary' ? pySyntax.unwrap(target) : undefined;
  }
  if (!dict || dict.lastChild?.type !== '}' || dict.lastChild.isMissing) return;
  const pairs = dictPairs(dict);
  if (pairs.some((e) => e.key === 'auto.offset.reset')) return;
  const items = kids(dict).filter((n) => n.type !== 'comment');
  if (items.some((i) => i.type === 'dictionary_splat')) return;
  const firstKey = pairs[0]?.keyNode;
  const quote = firstKey?.type === 'string' ? (/(['"])$/.exec(firstKey.firstChild?.text ?? "'")?.[1] ?? "'") : "'";
  const entry = `${quote}auto.offset.reset${quote}: ${quote}earliest${quote}`;
  scan.facts.offsetResets.push({
    file: scan.file,
    client: 'confluent-kafka',
    value: 'latest',
    explicit: false,
    range: scan.nodeRange(fn),
    fix: items.length > 0 ? scan.appendEntry(items, dict.endIndex - 1, entry) : scan.edit(dict.startIndex + 1, 0, entry),
  });
}

/** A config dict may get its reset later: `conf['auto.offset.reset'] = ...`, `conf.update(...)`. */
function setLater(scan: CodeFacts, name: string): boolean {
  for (const n of scan.of('assignment', 'call')) {
    if (n.type === 'assignment') {
      const left = n.childForFieldName('left');
      if (left?.type !== 'subscript' || left.childForFieldName('value')?.text !== name) continue;
      const key = left.childForFieldName('subscript');
      const v: Value | undefined = key ? scan.value(key) : undefined;
      if (v?.kind === 'string' && v.value === 'auto.offset.reset') return true;
    } else {
      const fn = n.childForFieldName('function');
      if (
        fn?.type === 'attribute' &&
        fn.childForFieldName('object')?.text === name &&
        /^(update|setdefault)$/.test(fn.childForFieldName('attribute')?.text ?? '')
      )
        return true;
    }
  }
  return false;
}
