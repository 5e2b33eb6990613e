import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** PEM material for the target's TLS listeners and for clients, including deliberately bad kinds. */
export interface HarnessCertificates {
  dir: string;
  caPem: string;
  caFile: string;
  /** Broker certificate + key in one PEM file, the shape a PEM keystore `location` expects. */
  brokerKeystoreFile: string;
  clientCertPem: string;
  clientKeyPem: string;
  /** A CA the broker does not trust, and a client certificate it signed: for wrong-CA tests. */
  otherCaPem: string;
  otherClientCertPem: string;
  otherClientKeyPem: string;
  /** Signed by the trusted CA but already past its notAfter. */
  expiredClientCertPem: string;
  expiredClientKeyPem: string;
}

async function openssl(cwd: string, args: string[]): Promise<void> {
  try {
    await run('openssl', args, { cwd });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || String(error)}`);
  }
}

async function makeCa(dir: string, name: string): Promise<void> {
  await openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
}

async function makeLeaf(dir: string, ca: string, name: string, extensions: string, days: number, serial: number): Promise<void> {
  // `-newkey ... -nodes` writes an unencrypted PKCS#8 key ("BEGIN PRIVATE KEY"), the form
  // Kafka's PEM keystore loader reads without `ssl.key.password`.
  await openssl(dir, [
    'req',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${name}`,
  ]);
  await fs.writeFile(path.join(dir, `${name}.ext`), extensions);
  // A negative day count is how OpenSSL 3.0 (no -not_after yet) makes a certificate that is already expired.
  await openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.pem`,
    '-CAkey',
    `${ca}.key`,
    '-set_serial',
    String(serial),
    '-days',
    String(days),
    '-out',
    `${name}.pem`,
    '-extfile',
    `${name}.ext`,
  ]);
}

/** Generates fresh certificates with `openssl` into `dir` (created if missing). */
export async function generateCertificates(dir: string): Promise<HarnessCertificates> {
  await fs.mkdir(dir, { recursive: true });
  await Promise.all([makeCa(dir, 'ca'), makeCa(dir, 'other-ca')]);
  const clientExtensions = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n';
  await Promise.all([
    makeLeaf(
      dir,
      'ca',
      'broker',
      'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n',
      2,
      1,
    ),
    makeLeaf(dir, 'ca', 'client', clientExtensions, 2, 2),
    makeLeaf(dir, 'other-ca', 'other-client', clientExtensions, 2, 3),
    makeLeaf(dir, 'ca', 'expired-client', clientExtensions, -1, 4),
  ]);
  const read = (name: string) => fs.readFile(path.join(dir, name), 'utf8');
  const brokerKeystoreFile = path.join(dir, 'broker-keystore.pem');
  await fs.writeFile(brokerKeystoreFile, (await read('broker.key')) + (await read('broker.pem')));
  return {
    dir,
    caPem: await read('ca.pem'),
    caFile: path.join(dir, 'ca.pem'),
    brokerKeystoreFile,
    clientCertPem: await read('client.pem'),
    clientKeyPem: await read('client.key'),
    otherCaPem: await read('other-ca.pem'),
    otherClientCertPem: await read('other-client.pem'),
    otherClientKeyPem: await read('other-client.key'),
    expiredClientCertPem: await read('expired-client.pem'),
    expiredClientKeyPem: await read('expired-client.key'),
  };
}
