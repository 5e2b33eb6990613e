// Which client settings decide how a client talks to its brokers (plaintext, TLS, SASL), read from a
// config key and value: the config-side `SecurityHint`s. Code readers emit their own from client calls.
import type { Range, SecurityHint } from '../model/types';
import { placeholderDefault } from './text';

// `security.protocol`, `spring.kafka.security.protocol`, `spring.kafka.properties.security.protocol`,
// `KAFKA_SECURITY_PROTOCOL`, `CONNECT_SECURITY_PROTOCOL`, ... (any prefix).
const PROTOCOL_KEY = /(?:^|[._-])security[._-]protocol$/i;
const PROTOCOLS = /^(?:PLAINTEXT|SSL|SASL_SSL|SASL_PLAINTEXT)$/i;
// `KAFKA_TLS`, `KAFKA_SSL`, `KAFKA_TLS_ENABLED`, `KAFKA_USE_SSL`, `kafka.tls.enabled`, `BROKER_TLS`: a Kafka
// key, or a nested `ssl.enabled` under a Kafka section. Other services' TLS flags (REDIS_TLS) are not the client's.
const TLS_KEY = /(?:kafka|broker)\w*?[._-](?:use[._-]?)?(?:tls|ssl)(?:[._-]?enabled?)?$/i;
const BOOLEAN = /^(?:true|false|yes|no|on|off|1|0)$/i;
const SASL_KEY = /(?:^|[._-])sasl[._-]mechanisms?$/i;
// Keystore or client certificate: what mutual TLS needs (a truststore alone is only the CA).
const CLIENT_CERT_KEY =
  /(?:^|[._-])ssl[._-](?:key[._-]?store[._-](?:location|certificate[._-]chain|key)|certificate[._-](?:location|pem)|key[._-](?:location|pem))$/i;

/** The hint a setting gives, or undefined. `offset` is the value's place when written verbatim. */
export function securityHintOfSetting(
  file: string,
  key: string,
  value: string,
  offset: number | undefined,
  range: Range,
  client: string,
): SecurityHint | undefined {
  // `${KAFKA_SECURITY_PROTOCOL:SSL}`: the default decides unless the variable is set, so read (and fix) it.
  const ph = placeholderDefault(value);
  if (ph?.fallback) {
    const at = ph.fallbackStart;
    const shifted: Range = {
      start: { line: range.start.line, column: range.start.column + at },
      end: { line: range.start.line, column: range.start.column + at + ph.fallback.length },
    };
    return securityHintOfSetting(file, key, ph.fallback, offset === undefined ? undefined : offset + at, shifted, client);
  }
  const trimmed = value.trim();
  if (trimmed.includes('\n')) return undefined;
  if (!trimmed) return undefined;
  let kind: SecurityHint['kind'] | undefined;
  if (PROTOCOL_KEY.test(key) && PROTOCOLS.test(trimmed)) kind = 'protocol';
  else if (TLS_KEY.test(key) && BOOLEAN.test(trimmed)) kind = 'tls';
  else if (SASL_KEY.test(key) && /^[A-Za-z0-9_-]+$/.test(trimmed)) kind = 'sasl-mechanism';
  else if (CLIENT_CERT_KEY.test(key)) kind = 'client-cert';
  if (!kind) return undefined;
  const hint: SecurityHint = { file, client, kind, value: kind === 'client-cert' ? 'present' : trimmed, range, key };
  if (offset !== undefined && kind !== 'client-cert') {
    const lead = value.length - value.trimStart().length;
    hint.offset = offset + lead;
    hint.length = trimmed.length;
    // The range names the value itself, where the fix goes.
    hint.range = {
      start: { line: range.start.line, column: range.start.column + lead },
      end: { line: range.start.line, column: range.start.column + lead + trimmed.length },
    };
  }
  return hint;
}
