// Python: confluent-kafka (`Consumer(conf)` + `.subscribe([...])`, `Producer(conf)` + `.produce(topic)`)
// and kafka-python / aiokafka (`KafkaConsumer('t', group_id=..., auto_offset_reset=...)`, `.send(topic)`).
import type { FileFacts } from '../../model/types';
import type { ExtractOptions } from '../options';
import { skipWs, type ValueExpr } from './expr';
import { appendEntryEdit, CodeScan, matches, type LanguageSpec } from './scan';

const STR = `(?:'([^'\\\\]*)'|"([^"\\\\]*)")`;
const NAME = `['"]([^'"]+)['"]`;

const PYTHON: LanguageSpec = {
  lang: 'python',
  syntax: {
    envLookups: [
      // os.environ.get / os.getenv / decouple's config / environs' env: name, then an optional default.
      new RegExp(`(?:os\\.)?(?:environ\\.get|getenv)\\(\\s*${NAME}\\s*(?:,\\s*(?:default\\s*=\\s*)?${STR}\\s*)?\\)`, 'y'),
      new RegExp(`(?:os\\.)?environ\\[\\s*${NAME}\\s*\\]`, 'y'),
      new RegExp(`(?:[A-Za-z_]\\w*\\.)?(?:config|env(?:\\.str)?)\\(\\s*${NAME}\\s*(?:,\\s*(?:default\\s*=\\s*)?${STR}\\s*)?\\)`, 'y'),
    ],
    fallbackOp: /\s+or\b/y,
    listHead: /[[(]/y,
  },
  declaration: /^[ \t]*((?:self\.)?[A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=(?!=)/gm,
};

export function extractPython(file: string, text: string, opts: ExtractOptions): FileFacts {
  const scan = new CodeScan(file, text, 'python', PYTHON, opts);
  const code = scan.code;
  const plain = scan.lx.plain;
  const confluent = /\bconfluent_kafka\b/.test(plain);
  const kafkaPythonClient = /\baiokafka\b/.test(plain) ? 'aiokafka' : 'kafka-python';
  scan.scanBrokerRefs();
  scan.scanKeyedSettings((key) =>
    key === 'group.id' || key === 'auto.offset.reset' ? 'confluent-kafka' : key === 'group_id' || key === 'auto_offset_reset' ? kafkaPythonClient : undefined,
  );
  // A config dict may get its reset later: `conf['auto.offset.reset'] = ...`.
  const laterCache = new Map<string, boolean>();
  const setLater = (name: string): boolean => {
    let known = laterCache.get(name);
    if (known === undefined) laterCache.set(name, (known = setLaterIn(plain, name)));
    return known;
  };

  // Dicts assigned to a name, for `Consumer(conf)`.
  const dicts = new Map<string, number>();
  for (const m of matches(/^[ \t]*([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*\{/gm, code)) {
    if (!dicts.has(m[1])) dicts.set(m[1], m.index + m[0].length - 1);
  }

  let hasConsumer = false;
  let hasProducer = false;
  for (const m of matches(/(?<![\w.])(?:[A-Za-z_]\w*\.)?(AIOKafkaConsumer|KafkaConsumer|AIOKafkaProducer|KafkaProducer|DeserializingConsumer|SerializingProducer|Consumer|Producer)\s*\(/g, code)) {
    const type = m[1];
    const open = m.index + m[0].length - 1;
    const args = scan.entries(open);
    if (/Producer$/.test(type)) {
      hasProducer = true;
      continue;
    }
    hasConsumer = true;
    if (/KafkaConsumer$/.test(type)) {
      const clientName = type.startsWith('AIO') ? 'aiokafka' : 'kafka-python';
      for (const item of args.items) {
        if (args.entries.some((e) => e.start === item.start && e.value.start !== item.start)) continue; // keyword argument
        if (code.startsWith('*', item.start)) continue;
        scan.addTopics(scan.reader.parse(item.start, item.end), 'consume', clientName);
      }
      const topicsKw = args.entries.find((e) => e.key === 'topics' && e.value.start !== e.start);
      if (topicsKw) scan.addTopics(topicsKw.value, 'consume', clientName);
      const spread = args.items.some((i) => code.startsWith('**', i.start));
      if (!spread && !args.entries.some((e) => e.key === 'auto_offset_reset') && args.close > 0 && args.items.length > 0) {
        scan.facts.offsetResets.push({
          file: scan.file,
          client: clientName,
          value: 'latest',
          explicit: false,
          range: scan.range(m.index, open),
          fix: appendEntryEdit(scan, args.items, args.close, "auto_offset_reset='earliest'"),
        });
      }
      continue;
    }
    // confluent-kafka: one config dict, inline or by name.
    const first = args.items[0];
    if (!first) continue;
    let dictOpen = code[first.start] === '{' ? first.start : -1;
    if (dictOpen < 0) {
      const name = /^(?:\*\*)?([A-Za-z_]\w*)$/.exec(code.slice(first.start, first.end));
      if (!name || setLater(name[1])) continue;
      dictOpen = dicts.get(name[1]) ?? -1;
    }
    if (dictOpen < 0) continue;
    const dict = scan.entries(dictOpen);
    if (dict.close < 0 || dict.entries.some((e) => e.key === 'auto.offset.reset')) continue;
    if (dict.items.some((i) => code.startsWith('**', i.start))) continue;
    const keyLit = scan.lx.byStart.get(dict.items[0]?.start ?? -1);
    const quote = keyLit ? scan.lx.text[keyLit.start] : "'";
    const entry = `${quote}auto.offset.reset${quote}: ${quote}earliest${quote}`;
    scan.facts.offsetResets.push({
      file: scan.file,
      client: 'confluent-kafka',
      value: 'latest',
      explicit: false,
      range: scan.range(m.index, open),
      fix:
        dict.items.length > 0
          ? appendEntryEdit(scan, dict.items, dict.close, entry)
          : scan.index.edit(scan.file, dictOpen + 1, 0, entry),
    });
  }

  const consumeClient = confluent ? 'confluent-kafka' : kafkaPythonClient;
  for (const m of matches(/\.\s*(subscribe|produce|send|send_and_wait)\s*\(/g, code)) {
    const call = m[1];
    if (call === 'subscribe' ? !hasConsumer : !hasProducer) continue;
    if (call === 'produce' && !confluent) continue;
    const args = scan.entries(m.index + m[0].length - 1);
    const kw = args.entries.find((e) => (e.key === 'topic' || e.key === 'topics') && e.value.start !== e.start);
    const first = args.items[0];
    let value: ValueExpr | undefined = kw?.value;
    if (!value && first && !args.entries.some((e) => e.start === first.start && e.value.start !== first.start)) {
      value = scan.reader.parse(first.start, first.end);
    }
    if (!value) continue;
    if (call === 'subscribe') {
      if (value.kind === 'unknown' && code[skipWs(code, value.start)] !== '[') continue;
      scan.addTopics(value, 'consume', consumeClient);
    } else {
      scan.addTopics(value, 'produce', call === 'produce' ? 'confluent-kafka' : kafkaPythonClient);
    }
  }
  return scan.finish();
}

function setLaterIn(plain: string, name: string): boolean {
  return new RegExp(
    `\\b${name}\\s*\\[\\s*['"]auto\\.offset\\.reset['"]\\s*\\]\\s*=|\\b${name}\\s*\\.\\s*(?:update|setdefault)\\s*\\(`
  ).test(plain);
}
