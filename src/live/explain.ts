// Turns what a socket, TLS or the Kafka client threw into one plain sentence about the likely
// mistake. Messages name hosts, ports and files, never a password or key material.
import { LiveError, type LiveErrorKind } from './client';

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  type?: string;
  cause?: unknown;
  originalError?: unknown;
  retriableError?: unknown;
}

/** The chain of causes kafkajs and Node wrap around the error that actually happened. */
export function causes(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && chain.length < 8) {
    const e = current as ErrorLike;
    chain.push(e);
    current = e.originalError ?? e.cause ?? e.retriableError;
  }
  return chain;
}

const UNKNOWN_CA = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
]);

export interface Explanation {
  kind: LiveErrorKind;
  message: string;
}

/** Explains an error met while talking to `where` (`target (prod) 127.0.0.1:9094`). */
export function explain(error: unknown, where: string): Explanation {
  if (error instanceof LiveError) return { kind: error.kind, message: error.message };
  const chain = causes(error);
  const codes = chain.map((e) => e.code).filter((c): c is string => typeof c === 'string');
  const text = chain.map((e) => `${e.name ?? ''} ${e.type ?? ''} ${e.message ?? ''}`).join(' | ');
  const has = (code: string) => codes.includes(code);

  if (has('ENOTFOUND') || has('EAI_AGAIN') || /getaddrinfo/.test(text)) {
    return {
      kind: 'dns',
      message: `${where}: the host name does not resolve (DNS failure): check the spelling, the VPN, or whether the name only resolves inside the VPC`,
    };
  }
  if (has('ECONNREFUSED')) {
    return { kind: 'refused', message: `${where}: connection refused: nothing listens on that port (broker down, or wrong port)` };
  }
  const caCode = codes.find((c) => UNKNOWN_CA.has(c));
  if (caCode) {
    return {
      kind: 'tls',
      message: `${where}: the broker's certificate is signed by a CA we do not trust (${caCode}): set \`ca\` in the manifest to the CA that signed the brokers' certificates`,
    };
  }
  if (has('CERT_HAS_EXPIRED')) return { kind: 'tls', message: `${where}: the broker's certificate has expired` };
  if (has('ERR_TLS_CERT_ALTNAME_INVALID')) {
    return {
      kind: 'tls',
      message: `${where}: the broker's certificate is not valid for this host name (connect by the name in the certificate)`,
    };
  }
  if (has('ERR_OSSL_BAD_DECRYPT') || /bad decrypt/i.test(text)) {
    return { kind: 'tls', message: `${where}: the client key could not be decrypted: wrong key passphrase` };
  }
  if (/alert certificate expired|CERTIFICATE_EXPIRED/i.test(text)) {
    return { kind: 'tls', message: `${where}: the broker rejected our client certificate: it has expired` };
  }
  if (
    /alert (?:certificate required|handshake failure|bad certificate|unknown ca|certificate unknown)|CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN/i.test(
      text,
    )
  ) {
    return {
      kind: 'tls',
      message: `${where}: the broker rejected the TLS handshake: it wants a client certificate it trusts (mutual TLS): check \`cert\`/\`key\` and that their CA is the one the cluster trusts`,
    };
  }
  if (/wrong version number|WRONG_VERSION_NUMBER|packet length too long|unknown protocol/i.test(text)) {
    return { kind: 'protocol', message: `${where}: TLS was refused: this port speaks plaintext, not TLS (wrong port for the auth mode)` };
  }
  if (/SASL.*(authentication failed|Authentication failed)|KafkaJSSASLAuthenticationError|SASL_AUTHENTICATION_FAILED/i.test(text)) {
    return {
      kind: 'auth',
      message: `${where}: SASL authentication failed: wrong user name or password (or the user has no SCRAM credentials on this cluster)`,
    };
  }
  if (/UnsupportedSaslMechanism|UNSUPPORTED_SASL_MECHANISM|not enabled SASL|ILLEGAL_SASL_STATE/i.test(text)) {
    return { kind: 'auth', message: `${where}: the listener does not accept this SASL mechanism: wrong port for the auth mode` };
  }
  if (has('ETIMEDOUT') || /Connection timeout|KafkaJSRequestTimeoutError|Request .* timed out|timed out/i.test(text)) {
    return {
      kind: 'timeout',
      message: `${where}: no answer in time: a firewall or security group may drop the traffic, or the port speaks another protocol`,
    };
  }
  if (
    has('ECONNRESET') ||
    has('EPIPE') ||
    /Connection closed|socket disconnected|KafkaJSConnectionClosedError|Closed connection/i.test(text)
  ) {
    return {
      kind: 'protocol',
      message: `${where}: the broker closed the connection: usually a client/listener mismatch (plaintext to a TLS port, TLS to a plaintext port, or a port that needs SASL or a client certificate)`,
    };
  }
  if (/TOPIC_AUTHORIZATION_FAILED|GROUP_AUTHORIZATION_FAILED|CLUSTER_AUTHORIZATION_FAILED|not authorized/i.test(text)) {
    return {
      kind: 'auth',
      message: `${where}: not authorized: the user or certificate lacks an ACL for this read (Describe on topics/groups)`,
    };
  }
  const first = chain[chain.length - 1] ?? chain[0];
  return { kind: 'broker', message: `${where}: ${first?.message ?? String(error)}` };
}

export function toLiveError(error: unknown, where: string): LiveError {
  if (error instanceof LiveError) return error;
  const { kind, message } = explain(error, where);
  return new LiveError(kind, message);
}
