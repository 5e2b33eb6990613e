// Can we reach each cluster of an environment, finish TLS and authenticate? Each broker is probed
// step by step (DNS, TCP, TLS or plaintext Kafka, then the client's own login) so the finding names
// the step that failed and the usual mistake behind it, in plain words.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type AuthMode,
  brokerRange,
  type ClusterEndpoint,
  DEFAULT_KAFKA_PORT,
  isMskHost,
  parseBroker,
  portForHost,
  type Range,
  socketHost,
} from '../../core';
import { LiveError } from '../client';
import type { ConnectionSettings } from '../connection';
import { explain } from '../explain';
import { probeDns, probePlainKafka, probeTcp, probeTls, type ProbeOutcome } from '../probe';
import type { ClusterSide } from '../secrets';
import type { CheckContext, CheckResult, LiveFinding } from './types';

export type ConnectStep = 'config' | 'certificate' | 'dns' | 'tcp' | 'tls' | 'kafka' | 'auth';

export interface BrokerReach {
  broker: string;
  ok: boolean;
  /** The step that failed, when one did. */
  failedAt?: ConnectStep;
  explanation?: string;
}

export interface SideReach {
  side: ClusterSide;
  auth: AuthMode;
  brokers: BrokerReach[];
  /** The Kafka client's own login and metadata request (SASL happens here). */
  login: { ok: boolean; explanation?: string; brokersInCluster?: number };
  ok: boolean;
}

export interface ConnectContext extends CheckContext {
  /** The settings the clients were made from (read files and secrets); errors here are config errors. */
  settings(side: ClusterSide): Promise<ConnectionSettings>;
  timeoutMs: number;
}

const UNKNOWN_CA = /SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/;
const NOT_TLS = /ECONNRESET|EPROTO|WRONG_VERSION_NUMBER|CLOSED|NO_KAFKA_ANSWER|ETIMEDOUT|ERR_SSL_PACKET_LENGTH_TOO_LONG/;
const CLIENT_CERT_REJECTED =
  /ALERT_CERTIFICATE_REQUIRED|ALERT_BAD_CERTIFICATE|ALERT_UNKNOWN_CA|ALERT_CERTIFICATE_UNKNOWN|ALERT_CERTIFICATE_EXPIRED|ALERT_HANDSHAKE_FAILURE|ALERT_ACCESS_DENIED/;

/** The host to open sockets to (an IPv6 literal unbracketed) and the port, the client's default if none is written. */
function splitBroker(broker: string): { host: string; port: number } {
  const { host, port } = parseBroker(broker);
  return { host: socketHost(host), port: port ?? DEFAULT_KAFKA_PORT };
}

function portHint(auth: AuthMode, host: string, port: number): string {
  if (!isMskHost(host)) return '';
  const expected = portForHost(auth, host);
  return expected === port ? '' : ` (on MSK, ${auth} uses port ${expected}, not ${port})`;
}

/** Problems with the client certificate and key that need no network to see. */
export function localCertificateProblems(settings: ConnectionSettings, now = new Date()): string[] {
  const problems: string[] = [];
  const tls = settings.tls;
  if (!tls) return problems;
  if (tls.cert) {
    try {
      const cert = new X509Certificate(tls.cert);
      if (new Date(cert.validTo) < now)
        problems.push(
          `the client certificate (${cert.subject.replace(/\n/g, ', ')}) expired on ${new Date(cert.validTo).toISOString()}: the broker will refuse it`,
        );
      else if (new Date(cert.validFrom) > now)
        problems.push(`the client certificate is not valid before ${new Date(cert.validFrom).toISOString()} (check the clock)`);
      if (tls.ca) {
        const ca = new X509Certificate(tls.ca);
        if (!cert.checkIssued(ca))
          problems.push(
            `the client certificate was not issued by the CA in \`ca\` (issuer: ${cert.issuer.replace(/\n/g, ', ')}): the broker may not trust it`,
          );
      }
    } catch {
      problems.push('the client certificate is not a readable PEM certificate');
    }
  }
  if (tls.key) {
    try {
      const key = createPrivateKey({ key: tls.key, ...(tls.passphrase !== undefined ? { passphrase: tls.passphrase } : {}) });
      if (tls.cert && !new X509Certificate(tls.cert).checkPrivateKey(key))
        problems.push('the client key does not belong to the client certificate');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      problems.push(
        /PASSPHRASE|BAD_DECRYPT|DECRYPT/i.test(code + String((error as Error).message))
          ? 'the client key is encrypted and the passphrase is missing or wrong'
          : 'the client key is not a readable PEM private key',
      );
    }
  }
  return problems;
}

async function probeBroker(settings: ConnectionSettings, broker: string, timeoutMs: number): Promise<BrokerReach> {
  const { host, port } = splitBroker(broker);
  const where = `${settings.label} ${host}:${port}`;
  const fail = (failedAt: ConnectStep, explanation: string): BrokerReach => ({
    broker,
    ok: false,
    failedAt,
    explanation: `${where}: ${explanation}`,
  });

  const resolved = await probeDns(host, timeoutMs);
  if (!resolved.ok) {
    return fail(
      'dns',
      `the host name does not resolve (${resolved.code}): check the spelling, the VPN, or whether the name only resolves inside the VPC`,
    );
  }
  const tcp = await probeTcp(host, port, timeoutMs);
  if (!tcp.ok) {
    if (tcp.code === 'ECONNREFUSED')
      return fail(
        'tcp',
        `connection refused: nothing listens on port ${port} (broker down, or wrong port)${portHint(settings.auth, host, port)}`,
      );
    if (tcp.code === 'ETIMEDOUT')
      return fail('tcp', `no answer within ${timeoutMs} ms: a firewall or security group drops the traffic, or the host is down`);
    return fail('tcp', `cannot open a TCP connection (${tcp.code})`);
  }

  if (settings.auth === 'plaintext') {
    const kafka = await probePlainKafka(host, port, timeoutMs);
    if (kafka.ok) return { broker, ok: true };
    const speaksTls = await probeTls(host, port, timeoutMs, { material: {}, verify: false, kafka: false });
    if (speaksTls.ok || CLIENT_CERT_REJECTED.test(speaksTls.code)) {
      return fail(
        'tls',
        `this port speaks TLS, but the manifest says plaintext: a plaintext client to a TLS port fails; set \`auth\` (tls, mtls, sasl_scram, iam) for this cluster, or use its plaintext port${isMskHost(host) ? ' (MSK: 9092)' : ''}`,
      );
    }
    return fail('kafka', `the port accepts connections but does not answer as a Kafka listener (${kafka.code})`);
  }

  const tls = await probeTls(host, port, timeoutMs, { material: settings.tls ?? {}, verify: true, kafka: true });
  if (tls.ok) return { broker, ok: true };
  return fail('tls', await explainTlsFailure(settings, host, port, tls as Extract<ProbeOutcome, { ok: false }>, timeoutMs));
}

async function explainTlsFailure(
  settings: ConnectionSettings,
  host: string,
  port: number,
  failure: { code: string; message: string },
  timeoutMs: number,
): Promise<string> {
  const code = failure.code;
  const text = `${code} ${failure.message}`;
  if (UNKNOWN_CA.test(code)) {
    return `the broker's certificate is signed by a CA we do not trust (${code}, e.g. a self-signed or private CA): set \`ca\` in the manifest to the CA file that signed the brokers' certificates`;
  }
  if (code === 'CERT_HAS_EXPIRED') return "the broker's certificate has expired (the cluster must renew it)";
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return "the broker's certificate does not name this host: connect by a name the certificate lists";
  if (/BAD_DECRYPT|PASSPHRASE/i.test(text)) return 'the client key could not be decrypted: the key passphrase is missing or wrong';
  if (CLIENT_CERT_REJECTED.test(code) || /alert/i.test(failure.message)) {
    if (settings.auth !== 'mtls') {
      return `the broker wants a client certificate here: this is a mutual-TLS listener, the wrong port for ${settings.auth}${portHint(settings.auth, host, port)}`;
    }
    const local = localCertificateProblems(settings);
    if (/EXPIRED/i.test(text) || local.some((p) => p.includes('expired'))) {
      return `the broker refused our client certificate: ${local.find((p) => p.includes('expired')) ?? 'it has expired'}`;
    }
    return `the broker refused our client certificate (${code}): ${local[0] ?? 'it is not signed by a CA the cluster trusts'}`;
  }
  if (NOT_TLS.test(code)) {
    const plain = await probePlainKafka(host, port, timeoutMs);
    if (plain.ok)
      return `this port is a plaintext listener: TLS to it fails; use the cluster's ${settings.auth} port${isMskHost(host) ? ` (MSK: ${portForHost(settings.auth, host)})` : ''}, or set \`auth: plaintext\``;
    if (code === 'ETIMEDOUT') return `no TLS answer within ${timeoutMs} ms: the port accepts connections but does not answer`;
    return `the TLS connection failed (${code}): ${failure.message}`;
  }
  return `the TLS connection failed (${code}): ${failure.message}`;
}

/** Where a broker of this side is written in the manifest, for the finding's place. */
function manifestPlace(
  manifestPath: string | undefined,
  root: string,
  env: string,
  side: 'source' | 'target',
  broker: string,
): { file: string; range: Range } | undefined {
  if (!manifestPath) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(manifestPath, 'utf8');
  } catch {
    return undefined;
  }
  const range = brokerRange(text, env, side, broker);
  return range && { file: path.relative(root, manifestPath).split(path.sep).join('/'), range };
}

export async function checkConnect(context: ConnectContext): Promise<CheckResult<SideReach[]>> {
  const { model, environment } = context;
  const env = environment.name;
  const findings: LiveFinding[] = [];
  const rows: SideReach[] = [];
  for (const side of ['source', 'target'] as const) {
    const endpoint: ClusterEndpoint = environment[side];
    const at = (broker?: string) => ({
      check: 'connect' as const,
      environment: env,
      cluster: side,
      ...(manifestPlace(model.manifest.path, model.root, env, side, broker ?? endpoint.brokers[0] ?? '') ?? {}),
    });
    let settings: ConnectionSettings;
    try {
      settings = await context.settings(side);
    } catch (error) {
      const message = error instanceof LiveError ? error.message : explain(error, `${side} (${env})`).message;
      rows.push({ side, auth: endpoint.auth ?? 'plaintext', brokers: [], login: { ok: false, explanation: message }, ok: false });
      findings.push({ ...at(), severity: 'error', message });
      continue;
    }
    for (const problem of localCertificateProblems(settings))
      findings.push({ ...at(), severity: 'error', message: `${settings.label}: ${problem}` });

    const brokers = await Promise.all(settings.brokers.map((broker) => probeBroker(settings, broker, context.timeoutMs)));
    for (const b of brokers) if (!b.ok) findings.push({ ...at(b.broker), severity: 'error', message: b.explanation! });

    const row: SideReach = { side, auth: settings.auth, brokers, login: { ok: false }, ok: false };
    if (brokers.some((b) => b.ok)) {
      try {
        const cluster = await (await context.client(side)).describeCluster({ signal: context.signal });
        row.login = { ok: true, brokersInCluster: cluster.brokers.length };
      } catch (error) {
        const explanation = explain(error, settings.label).message;
        row.login = { ok: false, explanation };
        findings.push({ ...at(), severity: 'error', message: explanation });
      }
    } else {
      row.login = { ok: false, explanation: 'not attempted: no broker could be reached' };
    }
    row.ok = row.login.ok && brokers.every((b) => b.ok);
    rows.push(row);
  }
  return { check: 'connect', environment: env, results: rows, findings };
}
