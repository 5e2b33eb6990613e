// Raw socket probes that tell apart what the Kafka client reports as one vague failure: the name
// does not resolve, nothing listens, the port speaks TLS (or doesn't), the certificate is refused.
// A Kafka ApiVersions request proves the far end is a Kafka listener that accepted us.
import * as dns from 'node:dns/promises';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { TlsMaterial } from './connection';

export type ProbeOutcome = { ok: true; detail?: string } | { ok: false; code: string; message: string };

/** ApiVersions v0 with client id `kafka-cutover-probe`: the one request every Kafka listener answers first. */
function apiVersionsRequest(correlationId: number): Buffer {
  const clientId = Buffer.from('kafka-cutover-probe');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  body.writeInt16BE(18, 0);
  body.writeInt16BE(0, 2);
  body.writeInt32BE(correlationId, 4);
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  return Buffer.concat([size, body]);
}

const CORRELATION_ID = 0x6b63;

/** Sends ApiVersions on an open socket; ok when a response with our correlation id comes back. */
function kafkaHandshake(socket: net.Socket, timeoutMs: number): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    const finish = (outcome: ProbeOutcome) => {
      clearTimeout(timer);
      socket.removeAllListeners('data');
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ ok: false, code: 'NO_KAFKA_ANSWER', message: 'no Kafka answer in time' }), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 8) {
        const correlation = received.readInt32BE(4);
        finish(
          correlation === CORRELATION_ID ? { ok: true } : { ok: false, code: 'NOT_KAFKA', message: 'the answer is not a Kafka response' },
        );
      }
    });
    socket.once('error', (error: NodeJS.ErrnoException) => finish({ ok: false, code: error.code ?? 'ERROR', message: error.message }));
    socket.once('close', () => finish({ ok: false, code: 'CLOSED', message: 'the broker closed the connection' }));
    socket.write(apiVersionsRequest(CORRELATION_ID));
  });
}

export async function probeDns(host: string, timeoutMs: number): Promise<ProbeOutcome> {
  if (net.isIP(host)) return { ok: true, detail: host };
  let timer: NodeJS.Timeout | undefined;
  try {
    const address = await Promise.race([
      dns.lookup(host),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('DNS lookup timed out'), { code: 'ETIMEDOUT' })), timeoutMs);
      }),
    ]);
    return { ok: true, detail: address.address };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { ok: false, code: e.code ?? 'ENOTFOUND', message: e.message };
  } finally {
    clearTimeout(timer);
  }
}

function openTcp(
  host: string,
  port: number,
  timeoutMs: number,
): Promise<{ socket: net.Socket } | { ok: false; code: string; message: string }> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ ok: false, code: 'ETIMEDOUT', message: `no TCP answer within ${timeoutMs} ms` });
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve({ socket });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, code: error.code ?? 'ERROR', message: error.message });
    });
  });
}

export async function probeTcp(host: string, port: number, timeoutMs: number): Promise<ProbeOutcome> {
  const opened = await openTcp(host, port, timeoutMs);
  if (!('socket' in opened)) return opened;
  opened.socket.destroy();
  return { ok: true };
}

/** Plaintext Kafka: a TCP connection and an ApiVersions round trip. */
export async function probePlainKafka(host: string, port: number, timeoutMs: number): Promise<ProbeOutcome> {
  const opened = await openTcp(host, port, timeoutMs);
  if (!('socket' in opened)) return opened;
  return kafkaHandshake(opened.socket, timeoutMs);
}

export interface TlsProbeOptions {
  material: TlsMaterial;
  /** False only to learn whether a port speaks TLS at all; nothing is sent over such a socket. */
  verify: boolean;
  /** Send ApiVersions after the handshake, which is when a TLS 1.3 server rejects a client certificate. */
  kafka: boolean;
}

export async function probeTls(host: string, port: number, timeoutMs: number, options: TlsProbeOptions): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const { ca, cert, key, passphrase } = options.material;
    let socket: tls.TLSSocket;
    try {
      socket = tls.connect({
        host,
        port,
        ...(net.isIP(host) ? {} : { servername: host }),
        ...(ca ? { ca } : {}),
        ...(cert ? { cert } : {}),
        ...(key ? { key } : {}),
        ...(passphrase !== undefined ? { passphrase } : {}),
        rejectUnauthorized: options.verify,
      });
    } catch (error) {
      // Bad key material (wrong passphrase, unreadable PEM) throws before any I/O.
      const e = error as NodeJS.ErrnoException;
      resolve({ ok: false, code: e.code ?? 'TLS_SETUP', message: e.message });
      return;
    }
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ ok: false, code: 'ETIMEDOUT', message: `no TLS handshake within ${timeoutMs} ms` });
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      if (!options.kafka) {
        socket.destroy();
        resolve({ ok: true, detail: socket.getProtocol() ?? undefined });
        return;
      }
      void kafkaHandshake(socket, timeoutMs).then(resolve);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok: false, code: error.code ?? 'ERROR', message: error.message });
    });
  });
}
