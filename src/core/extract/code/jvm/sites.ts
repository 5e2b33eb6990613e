// The Kafka meaning of calls and annotations, the same in Java, Kotlin and C#: each reader turns its
// syntax into these sites (a call with its receiver and arguments, an annotation with its arguments,
// a functional bean) and this module decides what they produce, consume, or configure.
import type { TopicDirection } from '../../../model/types';
import { clientKey } from './keys';
import type { Expr, JvmRecorder } from './record';

export interface Arg<N> {
  /** Named arguments: Java `topics = ...`, Kotlin `topics = ...`, C# `topic: ...`. */
  name?: string;
  node: N;
  /** The key this argument is when it is used as one: a string's value or a name as written. */
  key?: { text: string; quoted: boolean };
}

export interface CallSite<N> {
  /** The method (or, for `ctor`, the type) name, without type arguments or backticks. */
  name: string;
  /** The receiver as written (`kafkaTemplate`, `builder`, `Repartitioned`), '' when none. */
  receiver: string;
  args: Array<Arg<N>>;
  /** `new X(...)` in Java/C#, or a Kotlin call whose callee is a capitalised type name. */
  ctor: boolean;
  /** Reads an argument's value (done lazily: most calls of a file are not about Kafka). */
  expr: (node: N) => Expr;
}

const CALL_NAMES = new Set([
  'send',
  'subscribe',
  'Subscribe',
  'assign',
  'Assign',
  'Produce',
  'ProduceAsync',
  'stream',
  'table',
  'globalTable',
  'to',
  'through',
  'as',
  'withName',
]);

/**
 * Whether a call can mean anything by its name alone (its arguments may still hold a setting key:
 * callers test `JvmRecorder.mentionsKey` for those), so most calls of a file are never read further.
 */
export function callNameMatters(name: string, ctor: boolean, ctx: FileContext): boolean {
  if (ctor) return name === 'ProducerRecord';
  return CALL_NAMES.has(name) || (ctx.streams && /Store$/.test(name));
}

/** Whether a call can mean anything here, before its arguments are read. */
export function callMatters<N>(call: CallSite<N>, ctx: FileContext): boolean {
  if (call.args.some((a) => a.key)) return true;
  if (call.ctor) return call.name === 'ProducerRecord';
  return CALL_NAMES.has(call.name) || (ctx.streams && call.receiver === 'Stores');
}

export interface FileContext {
  /** The client a plain consumer/producer/config belongs to (`java`, `confluent-kafka-dotnet`). */
  client: string;
  /** The file uses the Kafka Streams DSL (`StreamsBuilder`, `KStream`): `to`/`through` mean topics. */
  streams: boolean;
  /** The file can hold Spring Cloud Stream functional beans. */
  cloudStream: boolean;
  /** Names declared as a `StreamsBuilder` (besides names that say `builder`). */
  builders: Set<string>;
  /** Names declared as a Spring `KafkaTemplate` / `KafkaOperations` (besides names that say `template`). */
  templates: Set<string>;
}

const TEMPLATE_TYPES =
  /^(?:[\w.]+\.)?(?:KafkaTemplate|KafkaOperations|RoutingKafkaTemplate|ReplyingKafkaTemplate|ReactiveKafkaProducerTemplate)\b/;

/** Whether a declared type is a Spring Kafka template (`KafkaTemplate<String, Order>`, `KafkaOperations<…>?`). */
export function isTemplateType(type: string | undefined): boolean {
  return !!type && TEMPLATE_TYPES.test(type.trim());
}

const STREAMS_SOURCES = new Set(['stream', 'table', 'globalTable']);
const STREAMS_WORDS = /\b(?:StreamsBuilder|KStream|KTable|KGroupedStream)\b/;

// Functional beans bind topics only in Spring Cloud Stream apps (or its Kafka Streams binder).
const CLOUD_STREAM_WORDS = /cloud\.stream|cloud\.function|StreamBridge|KStream|Message</;

export function fileContext(text: string, client: string): FileContext {
  return {
    client,
    streams: STREAMS_WORDS.test(text),
    cloudStream: CLOUD_STREAM_WORDS.test(text),
    builders: new Set(),
    templates: new Set(),
  };
}

export function onCall<N>(rec: JvmRecorder, call: CallSite<N>, ctx: FileContext): void {
  const { name, receiver, args } = call;
  keyedArguments(rec, call, ctx.client);
  const first = args[0] && !args[0].name ? call.expr(args[0].node) : undefined;
  if (!first) return;

  if (call.ctor) {
    if (name === 'ProducerRecord') rec.addTopics(first, 'produce', 'java');
    return;
  }
  switch (name) {
    case 'send':
      // `send(record)` / `send(message)` carry the topic inside; ProducerRecord is read on its own.
      if (args.length >= 2 && isTemplate(receiver, ctx)) rec.addTopics(first, 'produce', 'spring');
      else if (args.length >= 2 && /streamBridge$/i.test(receiver)) bindingSend(rec, first);
      return;
    case 'subscribe':
    case 'Subscribe':
    case 'assign':
    case 'Assign':
      if (namesTopics(rec, first, ctx.client === 'java')) rec.addTopics(first, 'consume', ctx.client);
      return;
    case 'Produce':
    case 'ProduceAsync':
      if (args.length >= 2) rec.addTopics(first, 'produce', ctx.client);
      return;
  }
  if (!ctx.streams) return;
  if (STREAMS_SOURCES.has(name) && isBuilder(receiver, ctx)) {
    rec.addTopics(first, 'consume', 'kafka-streams');
  } else if ((name === 'to' || name === 'through') && isTopicValue(rec, first)) {
    rec.addTopics(first, 'produce', 'kafka-streams');
    // `through` writes the topic and reads it back.
    if (name === 'through') rec.addTopics(first, 'consume', 'kafka-streams');
  } else if (/^Repartitioned\b/.test(receiver) && (name === 'as' || name === 'withName')) {
    rec.internalTopic('repartition', first);
  } else if (/^Materialized\b/.test(receiver) && name === 'as') {
    rec.internalTopic('changelog', first);
  } else if (receiver === 'Stores' && /Store$/.test(name)) {
    rec.internalTopic('changelog', first);
  }
}

/** `key, value` argument pairs that are client settings: `put(GROUP_ID_CONFIG, g)`, `Map.of("group.id", g, ...)`. */
function keyedArguments<N>(rec: JvmRecorder, call: CallSite<N>, client: string): void {
  const { args } = call;
  for (let i = 0; i + 1 < args.length; i += 2) {
    const key = args[i].key;
    const kind = key && clientKey(key.text, key.quoted);
    if (key && kind) rec.setting(kind, key.text, call.expr(args[i + 1].node), client);
  }
}

/** What `subscribe(x)` takes that names topics; a lambda or an unknown call (reactive `subscribe`) does not. */
function namesTopics(rec: JvmRecorder, expr: Expr, java: boolean): boolean {
  const r = rec.resolve(expr);
  if (r.kind === 'list') return r.items.some((i) => rec.resolve(i).kind !== 'unknown');
  if (r.kind === 'read') return true;
  if (r.kind === 'string') return !java || !!r.pattern || r !== expr;
  return r.kind === 'ident' && !java;
}

function isTopicValue(rec: JvmRecorder, expr: Expr): boolean {
  const r = rec.resolve(expr);
  return r.kind === 'string' || r.kind === 'read' || (r.kind === 'ident' && r === expr);
}

function isTemplate(receiver: string, ctx: FileContext): boolean {
  return /template$/i.test(receiver) || ctx.templates.has(receiver.replace(/^this\./, ''));
}

function isBuilder(receiver: string, ctx: FileContext): boolean {
  return /builder$/i.test(receiver) || ctx.builders.has(receiver) || /^(?:new\s+)?StreamsBuilder\s*\(\s*\)$/.test(receiver);
}

/** `streamBridge.send("binding", msg)`: the binding's destination, or the binding name when none is configured. */
function bindingSend(rec: JvmRecorder, binding: Expr): void {
  const r = rec.resolve(binding);
  if (r.kind !== 'string' || r.interpolated) return;
  rec.facts.topicUses.push({
    file: rec.file,
    direction: 'produce',
    client: 'spring-cloud-stream',
    via: { kind: 'placeholder', name: `spring.cloud.stream.bindings.${r.value}.destination`, fallback: r.value },
    range: rec.range(binding.start === r.start ? r.contentStart : binding.start, binding.start === r.start ? r.contentEnd : binding.end),
  });
}

/** An annotation's argument, read. */
export interface AnnotationArg {
  name?: string;
  expr: Expr;
}

/** `@KafkaListener(...)` and `@SendTo(...)`, by their (last) name. */
export function onAnnotation(rec: JvmRecorder, name: string, args: AnnotationArg[]): void {
  if (name === 'KafkaListener') {
    for (const a of args) {
      if (a.name === 'topics') rec.addTopics(a.expr, 'consume', 'spring');
      else if (a.name === 'topicPattern') rec.addTopics(a.expr, 'consume', 'spring', true);
    }
    // Spring uses `id` as the group when no `groupId` is given (idIsGroup defaults to true).
    const group = args.find((a) => a.name === 'groupId') ?? args.find((a) => a.name === 'id');
    if (group) rec.addGroup(group.expr, 'spring');
  } else if (name === 'SendTo' && args[0] && !args[0].name) {
    rec.addTopics(args[0].expr, 'produce', 'spring');
  }
}

const FUNCTIONAL: Record<string, TopicDirection[]> = {
  Function: ['consume', 'produce'],
  BiFunction: ['consume', 'produce'],
  Consumer: ['consume'],
  BiConsumer: ['consume'],
  Supplier: ['produce'],
};

/**
 * Spring Cloud Stream functional beans: `@Bean Function<..> name()` binds `name-in-0` and `name-out-0`,
 * whose topics are `spring.cloud.stream.bindings.<binding>.destination`, or the binding name when unset.
 */
export function onBean(rec: JvmRecorder, name: string, type: string, typeArgs: number, start: number, end: number): void {
  const base = type.replace(/^java\.util\.function\./, '');
  const directions = FUNCTIONAL[base];
  // A Kafka `Consumer<K, V>` bean is a client, not a function.
  if (!directions || (base === 'Consumer' && typeArgs !== 1)) return;
  for (const direction of directions) {
    const binding = `${name}-${direction === 'consume' ? 'in' : 'out'}-0`;
    rec.facts.topicUses.push({
      file: rec.file,
      direction,
      client: 'spring-cloud-stream',
      via: { kind: 'placeholder', name: `spring.cloud.stream.bindings.${binding}.destination`, fallback: binding },
      range: rec.range(start, end),
    });
  }
}
