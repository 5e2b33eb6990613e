// One broker address as written: `host:port`, `host`, `[v6]:port`, with an optional `PROTOCOL://` prefix
// (`SASL_SSL://b-1…:9096`). The only parser of a single address; lists of them in files are found by
// extract/text.ts, which knows where each token starts.

/** The port a client implies when an address names none. */
export const DEFAULT_KAFKA_PORT = 9092;

export interface BrokerAddress {
  /** As written, brackets of an IPv6 literal kept (`[::1]`). */
  host: string;
  /** Undefined when the address names none. */
  port?: number;
}

const PROTOCOL = /^[A-Za-z_][A-Za-z0-9_+.-]*:\/\//;
const ADDRESS = /^(\[[^\]]*\]|[^:]+)(?::(\d{1,5}))?$/;

export function parseBroker(text: string): BrokerAddress {
  const bare = text.trim().replace(PROTOCOL, '');
  const m = ADDRESS.exec(bare);
  if (!m) return { host: bare };
  return m[2] === undefined ? { host: m[1] } : { host: m[1], port: Number(m[2]) };
}

/** The host to open a socket to: an IPv6 literal without its brackets. */
export function socketHost(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
