// Go: kafka-go (ReaderConfig/Writer/WriterConfig/Message, Dialer/Transport TLS and SASLMechanism),
// sarama (NewSyncProducer/NewAsyncProducer/NewConsumerGroup(brokers, ...), ProducerMessage,
// ConsumePartition, ConsumerGroup.Consume, Consumer.Offsets.Initial, Net.TLS/Net.SASL), franz-go
// (kgo.SeedBrokers/ConsumeTopics/ConsumerGroup/DefaultProduceTopic/ConsumeResetOffset, kgo.Record,
// DialTLSConfig, SASL) and confluent-kafka-go (ConfigMap, SubscribeTopics, Produce with TopicPartition).
// Read from the tree-sitter tree.
import type { FileFacts } from '../../model/types';
import { isBrokerKey } from '../text';
import type { ExtractOptions } from '../options';
import { CodeFacts, eolOf, extractWith, indentAt } from './facts';
import { fieldsOf, goSyntax } from './goSyntax';
import type { Entry } from './syntax';
import type { Node } from './tsQuery';

const CONFLUENT_KEYS = /^(group\.id|auto\.offset\.reset|security\.protocol|sasl\.mechanisms?|ssl\.(certificate|key|keystore)\.location)$/;

export function extractGo(file: string, text: string, opts: ExtractOptions): FileFacts {
  return extractWith(file, text, 'go', goSyntax, opts, (scan) => {
    scan.literalBrokerRefs();
    const entries = scan.entries();
    scan.keyedSettings(entries, (key) => (key === 'GroupID' ? 'kafka-go' : CONFLUENT_KEYS.test(key) ? 'confluent-kafka-go' : undefined));
    for (const e of entries) if (isBrokerKey(e.key)) scan.brokerParam(e.value, e.key);

    for (const lit of scan.of('composite_literal')) {
      const type = lit.childForFieldName('type');
      const body = lit.childForFieldName('body');
      if (type?.type !== 'qualified_type' || !body) continue;
      const pkg = type.childForFieldName('package')?.text;
      const name = type.childForFieldName('name')?.text;
      if (pkg && name) structLiteral(scan, pkg, name, body, lit);
    }

    const usesSarama = /\bsarama\b/.test(text);
    const usesConfluent = /confluent-kafka-go/.test(text);
    let consumerGroupAt: Node | undefined;
    const kgo = { group: undefined as Node | undefined, reset: false };
    for (const node of scan.of('call_expression')) {
      const fn = node.childForFieldName('function');
      if (fn?.type !== 'selector_expression') continue;
      const recv = fn.childForFieldName('operand')?.text ?? '';
      const method = fn.childForFieldName('field')?.text ?? '';
      // The arguments only of the calls read below (each argument read is a few calls into the wasm).
      const read =
        recv === 'sarama' ||
        recv === 'kgo' ||
        (usesSarama && (method === 'ConsumePartition' || method === 'Consume')) ||
        (usesConfluent && (method === 'SubscribeTopics' || method === 'Subscribe'));
      if (!read) continue;
      const m = { call: node };
      const args = goSyntax.call(node)?.args ?? [];
      if (recv === 'sarama') {
        if (/^(NewSyncProducer|NewAsyncProducer|NewConsumer|NewConsumerGroup|NewClient|NewClusterAdmin)$/.test(method) && args[0])
          scan.brokerParam(args[0], 'brokers');
        if (/^NewConsumerGroup(FromClient)?$/.test(method)) {
          if (args[1]) scan.addGroup(args[1], 'sarama');
          consumerGroupAt ??= m.call;
        }
        continue;
      }
      if (recv === 'kgo') {
        franzOption(scan, method, args, m.call, kgo);
        continue;
      }
      if (method === 'ConsumePartition' && usesSarama && args[0]) {
        scan.addTopics(args[0], 'consume', 'sarama');
      } else if (method === 'Consume' && usesSarama && args.length >= 3) {
        // `strings.Split(topics, ",")` names what `topics` names.
        const split = goSyntax.call(goSyntax.unwrap(args[1]));
        const v = scan.value(split && /^strings\.(Split|SplitN|Fields)$/.test(split.callee) && split.args[0] ? split.args[0] : args[1]);
        if (v.kind === 'list' || v.kind === 'ident') scan.addTopics(v, 'consume', 'sarama');
      } else if ((method === 'SubscribeTopics' || method === 'Subscribe') && usesConfluent && args[0]) {
        scan.addTopics(args[0], 'consume', 'confluent-kafka-go');
      }
    }
    if (kgo.group && !kgo.reset) {
      // franz-go starts a new group at the start of the log unless ConsumeResetOffset says otherwise.
      scan.facts.offsetResets.push({
        file: scan.file,
        client: 'franz-go',
        value: 'earliest',
        explicit: false,
        range: scan.nodeRange(kgo.group),
      });
    }
    saramaSettings(scan, consumerGroupAt);
  });
}

function structLiteral(scan: CodeFacts, pkg: string, type: string, body: Node, lit: Node): void {
  const fields = fieldsOf(body);
  const field = (k: string): Entry | undefined => fields.find((e) => e.key === k);
  const topic = field('Topic');
  if (type === 'ReaderConfig') {
    if (topic) scan.addTopics(topic.value, 'consume', 'kafka-go');
    const groupTopics = field('GroupTopics');
    if (groupTopics) scan.addTopics(groupTopics.value, 'consume', 'kafka-go');
    const start = field('StartOffset');
    if (start) offsetConstant(scan, start.value, 'kafka-go', { LastOffset: 'FirstOffset' }, 'FirstOffset', 'LastOffset');
    else if (field('GroupID')) {
      // kafka-go: a group reader without StartOffset starts at FirstOffset.
      scan.facts.offsetResets.push({
        file: scan.file,
        client: 'kafka-go',
        value: 'earliest',
        explicit: false,
        range: scan.range(lit.startIndex, body.startIndex),
      });
    }
  } else if (type === 'ProducerMessage' && pkg === 'sarama') {
    if (topic) scan.addTopics(topic.value, 'produce', 'sarama');
  } else if (type === 'Record' && pkg === 'kgo') {
    if (topic) scan.addTopics(topic.value, 'produce', 'franz-go');
  } else if (type === 'TopicPartition') {
    if (topic && producedMessage(lit)) scan.addTopics(topic.value, 'produce', 'confluent-kafka-go');
  } else if ((type === 'Writer' || type === 'WriterConfig' || type === 'Message') && pkg !== 'sarama') {
    if (topic) scan.addTopics(topic.value, 'produce', 'kafka-go');
    const addr = field('Addr');
    const tcp = addr ? goSyntax.call(goSyntax.unwrap(addr.value)) : undefined;
    if (tcp && /\.TCP$/.test(tcp.callee)) for (const a of tcp.args) scan.brokerParam(a, 'Addr');
    else if (addr) scan.brokerParam(addr.value, 'Addr');
  }
  if (type === 'Dialer' || type === 'Transport' || type === 'Writer' || type === 'ReaderConfig' || type === 'WriterConfig') {
    const tls = field('TLS');
    if (tls) scan.addSecurity('tls', goSyntax.unwrap(tls.value).type === 'nil' ? 'false' : 'true', tls.value, 'kafka-go', 'TLS');
    const sasl = field('SASLMechanism') ?? field('SASL');
    if (sasl) scan.addSecurity('sasl-mechanism', mechanismOf(sasl.value.text), sasl.value, 'kafka-go', sasl.key);
  }
}

/** A `kafka.TopicPartition{...}` that is the TopicPartition of a `kafka.Message` passed to `Produce`. */
function producedMessage(lit: Node): boolean {
  let n: Node | null = lit.parent;
  // literal_element > keyed_element(TopicPartition) > literal_value > composite_literal(Message)
  while (n && n.type !== 'composite_literal') n = n.parent;
  if (!n || !/\bMessage$/.test(n.childForFieldName('type')?.text ?? '')) return false;
  let up: Node | null = n.parent;
  while (up && (up.type === 'unary_expression' || up.type === 'parenthesized_expression')) up = up.parent;
  if (up?.type !== 'argument_list') return false;
  const fn = up.parent?.childForFieldName('function');
  return !!fn && /\.Produce$/.test(fn.text);
}

/** The SASL mechanism a Go expression builds, from the constructor it names. */
function mechanismOf(text: string): string {
  const t = text.replace(/\s+/g, '');
  if (/SHA512|Sha512|SCRAMSHA512/.test(t)) return 'SCRAM-SHA-512';
  if (/SHA256|Sha256|SCRAMSHA256/.test(t)) return 'SCRAM-SHA-256';
  if (/aws_msk_iam|ManagedStreamingIAM|AWS_MSK_IAM|IAM/.test(t)) return 'AWS_MSK_IAM';
  if (/[Oo][Aa]uth/.test(t)) return 'OAUTHBEARER';
  if (/plain\.|PLAIN|Plain/.test(t)) return 'PLAIN';
  return 'unknown';
}

/** franz-go options: `kgo.NewClient(kgo.SeedBrokers(...), kgo.ConsumeTopics(...), ...)`. */
function franzOption(
  scan: CodeFacts,
  method: string,
  spread: Node[],
  call: Node,
  state: { group: Node | undefined; reset: boolean },
): void {
  // `kgo.SeedBrokers(hosts...)`: the expression is what is spread.
  const args = spread.map((a) => (a.type === 'variadic_argument' ? (a.namedChild(0) ?? a) : a));
  switch (method) {
    case 'SeedBrokers':
      for (const a of args) scan.brokerParam(a, 'SeedBrokers');
      return;
    case 'ConsumeTopics':
    case 'ConsumeRegex':
      for (const a of args) scan.addTopics(a, 'consume', 'franz-go');
      if (method === 'ConsumeRegex') {
        for (const u of scan.facts.topicUses.slice(-args.length)) if (u.topic !== undefined) u.pattern = true;
      }
      return;
    case 'ConsumerGroup':
      if (args[0]) scan.addGroup(args[0], 'franz-go');
      state.group ??= call;
      return;
    case 'DefaultProduceTopic':
      if (args[0]) scan.addTopics(args[0], 'produce', 'franz-go');
      return;
    case 'ConsumeResetOffset': {
      state.reset = true;
      const arg = args[0];
      if (!arg) return;
      const at = /\.(AtStart|AtEnd)\(\)/.exec(arg.text);
      if (!at) {
        scan.facts.offsetResets.push({ file: scan.file, client: 'franz-go', value: 'unknown', explicit: true, range: scan.nodeRange(arg) });
        return;
      }
      const nameAt = arg.startIndex + at.index + 1;
      const reset: FileFacts['offsetResets'][number] = {
        file: scan.file,
        client: 'franz-go',
        value: at[1] === 'AtStart' ? 'earliest' : 'latest',
        explicit: true,
        range: scan.nodeRange(arg),
      };
      if (at[1] === 'AtEnd') reset.fix = scan.edit(nameAt, 'AtEnd'.length, 'AtStart');
      scan.facts.offsetResets.push(reset);
      return;
    }
    case 'DialTLSConfig':
    case 'DialTLS':
      scan.addSecurity('tls', 'true', call, 'franz-go', method);
      return;
    case 'SASL':
      if (args[0]) scan.addSecurity('sasl-mechanism', mechanismOf(args[0].text), args[0], 'franz-go', 'SASL');
      return;
  }
}

/** sarama: `Consumer.Offsets.Initial` (default OffsetNewest) for consumer groups; `Net.TLS` / `Net.SASL`. */
function saramaSettings(scan: CodeFacts, consumerGroupAt: Node | undefined): void {
  let seen = false;
  let saslEnabled: Node | undefined;
  let mechanism = false;
  for (const stmt of scan.of('assignment_statement')) {
    const left = stmt.childForFieldName('left')?.namedChild(0);
    const value = stmt.childForFieldName('right')?.namedChild(0);
    if (left?.type !== 'selector_expression' || !value) continue;
    const m = { value };
    const target = left.text.replace(/\s+/g, '');
    if (/(^|\.)Consumer\.Offsets\.Initial$/.test(target)) {
      seen = true;
      offsetConstant(scan, m.value, 'sarama', { OffsetNewest: 'OffsetOldest' }, 'OffsetOldest', 'OffsetNewest');
    } else if (/(^|\.)Net\.TLS\.Enable$/.test(target)) {
      scan.addSecurity('tls', /^(true|false)$/.test(m.value.text) ? m.value.text : 'unknown', m.value, 'sarama', 'Net.TLS.Enable');
    } else if (/(^|\.)Net\.SASL\.Mechanism$/.test(target)) {
      mechanism = true;
      const name = /SASLType(\w+)/.exec(m.value.text)?.[1];
      const value =
        name === 'SCRAMSHA512'
          ? 'SCRAM-SHA-512'
          : name === 'SCRAMSHA256'
            ? 'SCRAM-SHA-256'
            : name === 'OAuth'
              ? 'OAUTHBEARER'
              : name === 'Plaintext'
                ? 'PLAIN'
                : mechanismOf(m.value.text);
      scan.addSecurity('sasl-mechanism', value, m.value, 'sarama', 'Net.SASL.Mechanism');
    } else if (/(^|\.)Net\.SASL\.Enable$/.test(target) && m.value.text === 'true') saslEnabled ??= m.value;
  }
  // SASL enabled with no mechanism: sarama's default is PLAIN.
  if (saslEnabled && !mechanism) scan.addSecurity('sasl-mechanism', 'PLAIN', saslEnabled, 'sarama', 'Net.SASL.Enable');
  if (seen || !consumerGroupAt) return;
  const base = { file: scan.file, client: 'sarama', value: 'latest' as const, explicit: false };
  const config = scan
    .of('short_var_declaration')
    .find((d) => /^sarama\s*\.\s*NewConfig\s*\(\s*\)$/.test(d.childForFieldName('right')?.text ?? ''));
  const callee = consumerGroupAt.childForFieldName('function')!;
  if (!config) {
    scan.facts.offsetResets.push({ ...base, range: scan.nodeRange(callee) });
    return;
  }
  const text = scan.text;
  const name = config.childForFieldName('left')!.text;
  let lineEnd = text.indexOf('\n', config.endIndex);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const line = `${eolOf(text, config.startIndex)}${indentAt(text, config.startIndex)}${name}.Consumer.Offsets.Initial = sarama.OffsetOldest`;
  scan.facts.offsetResets.push({ ...base, range: scan.nodeRange(config), fix: scan.edit(lineEnd, 0, line) });
}

/** A Go constant selector (`kafka.LastOffset`, `sarama.OffsetNewest`) or its numeric value (-2 oldest, -1 newest). */
function offsetConstant(
  scan: CodeFacts,
  raw: Node,
  client: string,
  replace: Record<string, string>,
  earliestName: string,
  latestName: string,
): void {
  const node = goSyntax.unwrap(raw);
  const written = node.text.trim();
  const name = written.slice(written.lastIndexOf('.') + 1);
  const kind = name === earliestName || written === '-2' ? 'earliest' : name === latestName || written === '-1' ? 'latest' : 'unknown';
  const reset: FileFacts['offsetResets'][number] = { file: scan.file, client, value: kind, explicit: true, range: scan.nodeRange(node) };
  if (kind === 'latest') {
    reset.fix = replace[name]
      ? scan.edit(node.endIndex - name.length, name.length, replace[name])
      : scan.edit(node.startIndex, node.endIndex - node.startIndex, '-2');
  }
  scan.facts.offsetResets.push(reset);
}
