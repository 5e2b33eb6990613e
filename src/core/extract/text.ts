// Shared helpers for extractors: positions, host tokens, and the "is this a connection string" test.
import type { BrokerRefText, FileFormat, HostToken, Position, Range, TextEdit } from '../model/types';
import { isEc2Host } from '../domain/ec2';
import { isMskHost } from '../domain/msk';
import { allMskPorts } from '../domain/ports';

/** Maps 0-based UTF-16 offsets to 1-based line/column positions. Built once per file. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }
  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
  range(offset: number, length: number): Range {
    return { start: this.position(offset), end: this.position(offset + length) };
  }
  /** 0-based offset of a 1-based position. */
  offset(pos: Position): number {
    return (this.starts[pos.line - 1] ?? this.text.length) + pos.column - 1;
  }
  edit(file: string, offset: number, length: number, newText: string): TextEdit {
    return { file, offset, length, newText, range: this.range(offset, length) };
  }
}

// Ports that Kafka clients use: MSK's per-auth ports (VPC, public, IPv6), the other 909x listeners
// self-managed clusters number alike, and common dev ports.
const KAFKA_PORTS = new Set([...allMskPorts(), 9091, 9093, 9095, 9097, 9192, 19092, 29092, 39092]);

const NON_KAFKA_PROTOCOLS = /^(https?|zk|zookeeper|jdbc|redis|postgres(ql)?|mysql|mongodb|amqp|nats|s3|file|ws|wss):\/\//i;

// host:port, with an optional PROTOCOL:// prefix. Hosts: names, IPv4, bracketed IPv6.
const HAS_PORT = /:\d/;
const TOKEN =
  /(?:([A-Za-z_][A-Za-z0-9_+.-]*):\/\/)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)(?::(\d{1,5}))?/g;

/** Keys that hold a client connection string. */
const BROKER_KEY =
  /(bootstrap[._-]?servers?|bootstrapservers|brokers?(?:[._-]?(?:list|urls?|addr(?:ess)?(?:es)?|hosts?))?$|kafka[._-]?(?:addr(?:ess)?(?:es)?|peers|url|urls|hosts?|servers?|brokers?|bootstrap|endpoints?|cluster)|^kafkaurl$|metadata[._-]broker[._-]list)/i;

/**
 * Keys whose values are never a client's connection string, though they hold broker-ish host names: the
 * broker's own listeners and advertised names (`advertised.listeners`, `KAFKA_ADVERTISED_HOST_NAME`, Redpanda's
 * `REDPANDA_ADVERTISE_KAFKA_ADDRESS`,
 * `KAFKA_LISTENERS`), KRaft voters, ZooKeeper, the schema registry's URL; and the names a deployment gives
 * a host (compose `hostname`/`container_name`/`depends_on`/`links`/`networks`, a TLS `servername`/SNI,
 * an image). Matched on the whole key path, so `services.kafka.hostname` is one too.
 */
const LOOKALIKE_KEY =
  /(^|[._-])(advertised?|listeners|controller[._-]?quorum[._-]?voters|quorum[._-]?voters|zookeeper|zk[._-]?connect|inter[._-]?broker)|schema[._-]?registry[._-]?url/i;
const DEPLOYMENT_NAME_KEY =
  /(^|[._-])(host[._-]?name|container[._-]?name|depends[._-]?on|(external[._-]?)?links|networks?|aliases|server[._-]?name|sni|image|extra[._-]?hosts|service[._-]?name)([._[-]|$)/i;

export function isBrokerKey(key: string | undefined): boolean {
  if (!key) return false;
  if (LOOKALIKE_KEY.test(key)) return false;
  return BROKER_KEY.test(key);
}

export function isLookalikeKey(key: string | undefined): boolean {
  return !!key && (LOOKALIKE_KEY.test(key) || DEPLOYMENT_NAME_KEY.test(key));
}

/** A host whose name alone says it is a Kafka broker (MSK or EC2 patterns, or `kafka` in the name). */
export function isKafkaishHost(host: string): boolean {
  return isMskHost(host) || isEc2Host(host) || /(^|[.-])(kafka|broker)[0-9-]*([.-]|$)/i.test(host);
}

export interface TokenScanOptions {
  /** The key says this is a connection string: accept any host, with or without port. */
  keyed?: boolean;
  /**
   * Hosts named in the manifest: accepted with any port (a proxy may listen on 7000), but only as
   * `host:port`. A bare name (`kafka`) is a connection string only under a connection key: unkeyed, it is
   * as likely a compose service name, a container name or a TLS server name.
   */
  knownHosts?: ReadonlySet<string>;
}

/**
 * Finds the host tokens of a connection string in `text` (a scalar's content, starting at `base` in the
 * file). Returns [] when the text is not a connection string: the whole text must be a list of
 * host[:port] separated by commas/semicolons/spaces, and either keyed, or every token Kafka-shaped.
 */
export function hostTokens(text: string, base: number, index: Pick<LineIndex, 'range'>, opts: TokenScanOptions = {}): HostToken[] {
  // Unkeyed, every token needs a port (see the end): most config values and literals have none.
  if (!opts.keyed && !HAS_PORT.test(text)) return [];
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 4000) return [];
  if (NON_KAFKA_PROTOCOLS.test(trimmed)) return [];
  const tokens: HostToken[] = [];
  TOKEN.lastIndex = 0;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text))) {
    const between = text.slice(last, m.index);
    if (!/^[\s,;]*$/.test(between)) return [];
    const protocol = m[1];
    const host = m[2];
    const port = m[3] !== undefined ? Number(m[3]) : undefined;
    const hostStart = m.index + (protocol ? protocol.length + 3 : 0);
    const len = m[0].length - (protocol ? protocol.length + 3 : 0);
    tokens.push({
      host,
      port,
      protocol,
      range: index.range(base + hostStart, len),
      offset: base + hostStart,
      length: len,
    });
    last = m.index + m[0].length;
    if (m[0].length === 0) TOKEN.lastIndex++;
  }
  if (!/^[\s,;]*$/.test(text.slice(last))) return [];
  if (tokens.length === 0) return [];
  if (tokens.some((t) => t.port === 2181 || t.port === 2888 || t.port === 3888)) return [];
  if (tokens.some((t) => t.port !== undefined && (t.port < 1 || t.port > 65535))) return [];
  if (opts.keyed) {
    // A keyed value still has to look like hosts: `true`, `3` or a sentence are not connection strings.
    return tokens.every((t) => t.port !== undefined || t.host.includes('.') || /^[a-z][a-z0-9-]*$/i.test(t.host)) &&
      tokens.some((t) => t.port !== undefined || t.host.includes('.') || isKafkaishHost(t.host) || t.host === 'localhost')
      ? tokens
      : [];
  }
  const known = opts.knownHosts;
  const accepted = tokens.every(
    (t) =>
      t.port !== undefined &&
      ((known !== undefined && known.has(t.host.toLowerCase())) ||
        ((KAFKA_PORTS.has(t.port) || isKafkaishHost(t.host)) && /[a-z.\]]/i.test(t.host))),
  );
  return accepted ? tokens : [];
}

/** Builds a single-scalar broker ref, or undefined when the scalar is not a connection string. */
export function scalarRef(
  file: string,
  format: FileFormat,
  kind: BrokerRefText['kind'],
  key: string | undefined,
  text: string,
  offset: number,
  index: LineIndex,
  opts: TokenScanOptions = {},
): BrokerRefText | undefined {
  if (isLookalikeKey(key)) return undefined;
  const keyed = opts.keyed ?? isBrokerKey(key);
  const hosts = hostTokens(text, offset, index, keyed === !!opts.keyed ? opts : { ...opts, keyed });
  if (hosts.length === 0) return undefined;
  const range = index.range(offset, text.length);
  return { file, format, key, kind, range, parts: [{ text, range, offset, length: text.length }], hosts };
}

/** Builds a list ref from several scalars (array elements), or undefined when they are not all hosts. */
export function listRef(
  file: string,
  format: FileFormat,
  kind: BrokerRefText['kind'],
  key: string | undefined,
  items: Array<{ text: string; offset: number }>,
  index: LineIndex,
  opts: TokenScanOptions = {},
): BrokerRefText | undefined {
  if (items.length === 0 || isLookalikeKey(key)) return undefined;
  const keyed = opts.keyed ?? isBrokerKey(key);
  const hosts: HostToken[] = [];
  for (const item of items) {
    const found = hostTokens(item.text, item.offset, index, { ...opts, keyed });
    if (found.length === 0) return undefined;
    hosts.push(...found);
  }
  const first = items[0];
  const lastItem = items[items.length - 1];
  return {
    file,
    format,
    key,
    kind,
    range: { start: index.position(first.offset), end: index.position(lastItem.offset + lastItem.text.length) },
    parts: items.map((i) => ({ text: i.text, offset: i.offset, length: i.text.length, range: index.range(i.offset, i.text.length) })),
    hosts,
    list: true,
  };
}

/** Where a ref's text starts in its file: its first part, or for an indirect ref (no parts) its expression. */
export function refOffset(ref: BrokerRefText): number {
  return ref.parts[0]?.offset ?? ref.offset ?? 0;
}

/** `${VAR:default}` / `${VAR:-default}` / `${VAR}`: the placeholder's name and default, with the default's offset. */
export function placeholderDefault(text: string): { name: string; fallback: string; fallbackStart: number } | undefined {
  const m = /^\$\{([A-Za-z0-9_.-]+)(?:(:-?)([^}]*))?\}$/.exec(text.trim());
  if (!m) return undefined;
  const lead = text.indexOf('${');
  return { name: m[1], fallback: m[3] ?? '', fallbackStart: lead + 2 + m[1].length + (m[2]?.length ?? 0) };
}

// Control characters other than tab, newline, vertical tab, form feed and carriage return.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x01-\x06\x0e-\x1f]/g;

/** True for NUL bytes or a high share of control characters in the first 8 KB. */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  // Native passes over a latin1 view: a byte loop in JS over 8 KB of every config file measured ~650 ms of a
  // 1,000-service scan.
  const head = Buffer.from(buf.buffer, buf.byteOffset, n).toString('latin1');
  if (head.includes('\0')) return true;
  const odd = head.match(CONTROL)?.length ?? 0;
  return n > 0 && odd / n > 0.1;
}

/**
 * The direction a config key implies for the topic it names (`INPUT_TOPIC` consumes, `OUTPUT_TOPIC`
 * produces), or undefined when the key names a topic without saying which way (`ORDERS_TOPIC`) or no
 * topic at all. Such keys still resolve indirections as plain settings.
 */
export function topicDirectionOfKey(key: string): 'produce' | 'consume' | undefined {
  const k = key.toLowerCase();
  if (!/topic|destination/.test(k)) return undefined;
  if (/(^|[._-])(input|in|source|subscribe|subscription|consumer|consume|listen|from|inbound|read)([._-]|$)|input|consumer/.test(k))
    return 'consume';
  if (
    /(^|[._-])(output|out|sink|publish|producer|produce|to|outbound|write|dlq|dead[._-]?letter)([._-]|$)|output|producer|deadletter/.test(k)
  )
    return 'produce';
  return undefined;
}
