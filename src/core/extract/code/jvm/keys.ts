// The client settings the JVM and .NET readers look for, under every name they are written with:
// Java constants (`ConsumerConfig.GROUP_ID_CONFIG`), property strings (`"group.id"`) and the
// Confluent.Kafka (.NET) config properties (`GroupId`), plus the .NET enum members' wire values.

export type ClientKey = 'brokers' | 'group' | 'app-id' | 'offset' | 'protocol' | 'sasl' | 'client-cert';

const KEYS: Record<string, ClientKey> = {
  BOOTSTRAP_SERVERS_CONFIG: 'brokers',
  'bootstrap.servers': 'brokers',
  'metadata.broker.list': 'brokers',
  BootstrapServers: 'brokers',
  GROUP_ID_CONFIG: 'group',
  'group.id': 'group',
  GroupId: 'group',
  APPLICATION_ID_CONFIG: 'app-id',
  'application.id': 'app-id',
  ApplicationId: 'app-id',
  AUTO_OFFSET_RESET_CONFIG: 'offset',
  'auto.offset.reset': 'offset',
  AutoOffsetReset: 'offset',
  SECURITY_PROTOCOL_CONFIG: 'protocol',
  'security.protocol': 'protocol',
  SecurityProtocol: 'protocol',
  SASL_MECHANISM: 'sasl',
  'sasl.mechanism': 'sasl',
  'sasl.mechanisms': 'sasl',
  SaslMechanism: 'sasl',
  SSL_KEYSTORE_LOCATION_CONFIG: 'client-cert',
  'ssl.keystore.location': 'client-cert',
  'ssl.certificate.location': 'client-cert',
  SslKeystoreLocation: 'client-cert',
  SslCertificateLocation: 'client-cert',
  SslCertificatePem: 'client-cert',
};

// Every key as it can be written in source: `"group.id"` quoted, `GROUP_ID_CONFIG` / `GroupId` as a word.
const KEY_MENTION = new RegExp(
  Object.keys(KEYS)
    .map((k) => (/^[a-z]/.test(k) ? `"${k.replace(/\./g, '\\.')}"` : `\\b${k}\\b`))
    .join('|'),
  'g',
);

/** Offsets (ascending) where the text names a client setting key: a cheap test before reading a call's arguments. */
export function keyMentions(text: string): number[] {
  const out: number[] = [];
  KEY_MENTION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KEY_MENTION.exec(text))) out.push(m.index);
  return out;
}

/**
 * Which client setting a key names. `quoted` keys are property strings; a bare name is a constant
 * (only its last segment counts: `ConsumerConfig.GROUP_ID_CONFIG`, `StreamsConfig.APPLICATION_ID_CONFIG`)
 * or, in .NET initializers, a config property. A variable that happens to be called `groupId` is not a key.
 */
export function clientKey(key: string, quoted: boolean): ClientKey | undefined {
  if (quoted) return /^[a-z]/.test(key) ? KEYS[key] : undefined;
  const last = key.slice(key.lastIndexOf('.') + 1);
  return /^[A-Z]/.test(last) ? KEYS[last] : undefined;
}

// Confluent.Kafka enums, member -> the librdkafka value.
const DOTNET_ENUMS: Record<string, Record<string, string>> = {
  SecurityProtocol: { Plaintext: 'PLAINTEXT', Ssl: 'SSL', SaslPlaintext: 'SASL_PLAINTEXT', SaslSsl: 'SASL_SSL' },
  SaslMechanism: {
    Plain: 'PLAIN',
    ScramSha256: 'SCRAM-SHA-256',
    ScramSha512: 'SCRAM-SHA-512',
    Gssapi: 'GSSAPI',
    OAuthBearer: 'OAUTHBEARER',
  },
  AutoOffsetReset: { Earliest: 'earliest', Latest: 'latest', Error: 'error' },
};

/** `SecurityProtocol.SaslSsl` -> `SASL_SSL`; Java's `SecurityProtocol.SASL_SSL` is its own name. */
export function enumValue(qualified: string): string | undefined {
  const dot = qualified.lastIndexOf('.');
  if (dot < 0) return undefined;
  const type = qualified.slice(qualified.lastIndexOf('.', dot - 1) + 1, dot);
  const member = qualified.slice(dot + 1);
  const dotnet = DOTNET_ENUMS[type]?.[member];
  if (dotnet) return dotnet;
  if ((type === 'SecurityProtocol' || type === 'OffsetResetStrategy') && /^[A-Z_]+$/.test(member)) return member;
  return undefined;
}

/** A name written the way constants are: `ORDERS_TOPIC`, `Topics.ORDERS`, .NET `Topics.Orders`. */
export function looksConstant(name: string): boolean {
  const parts = name.split('.');
  const last = parts[parts.length - 1];
  if (/^[A-Z][A-Z0-9_]*$/.test(last) && /[A-Z]/.test(last)) return true;
  return parts.length >= 2 && /^[A-Z]/.test(parts[parts.length - 2]) && /^[A-Z]/.test(last);
}

/** Spring's canonical (kebab-case) form of a `@ConfigurationProperties` field: `outputTopic` -> `output-topic`. */
export function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
