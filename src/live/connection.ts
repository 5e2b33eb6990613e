// From a manifest endpoint and a secret source to everything a client needs to connect, with the
// files read. Missing files and secrets are configuration errors that name what to set, never the value.
import * as fs from 'node:fs/promises';
import { type AuthMode, type ClusterEndpoint, mskRegion, parseBroker } from '../core';
import { LiveError } from './client';
import type { ClusterSide, SecretSource } from './secrets';

export interface TlsMaterial {
  ca?: string;
  cert?: string;
  key?: string;
  passphrase?: string;
}

export type SaslSettings = { mechanism: 'scram-sha-512'; username: string; password: string } | { mechanism: 'msk-iam'; region: string };

export interface ConnectionSettings {
  /** `source (prod)`, for messages. */
  label: string;
  brokers: string[];
  auth: AuthMode;
  /** Present when the connection uses TLS; server verification is always on. */
  tls?: TlsMaterial;
  sasl?: SaslSettings;
}

export interface ConnectionDefaults {
  /** Auth when the manifest gives none: plaintext, as the manifest schema documents. */
  auth?: AuthMode;
  /** For messages, instead of `<side> (<environment>)` and `the manifest's <side> endpoint` (the fleet cluster). */
  label?: string;
  place?: string;
}

async function readPem(path: string, what: string, label: string): Promise<string> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LiveError(
      'config',
      `${label}: cannot read the ${what} file ${path} (${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')})`,
    );
  }
}

export async function connectionSettings(
  environment: string,
  side: ClusterSide,
  endpoint: ClusterEndpoint,
  secrets: SecretSource,
  defaults: ConnectionDefaults = {},
): Promise<ConnectionSettings> {
  const label = defaults.label ?? `${side} (${environment})`;
  const place = defaults.place ?? `the manifest's ${side} endpoint`;
  const auth = endpoint.auth ?? defaults.auth ?? 'plaintext';
  if (endpoint.brokers.length === 0) throw new LiveError('config', `${label}: the manifest lists no brokers`);
  const settings: ConnectionSettings = { label, brokers: endpoint.brokers, auth };
  if (auth === 'plaintext') return settings;

  const tls: TlsMaterial = {};
  // Without a CA file Node's own trust store applies (right for MSK, whose certificates chain to Amazon's public CAs).
  if (endpoint.ca) tls.ca = await readPem(endpoint.ca, 'CA', label);
  if (auth === 'mtls') {
    if (!endpoint.cert || !endpoint.key) {
      throw new LiveError('config', `${label}: mutual TLS needs \`cert\` and \`key\` in ${place}`);
    }
    tls.cert = await readPem(endpoint.cert, 'client certificate', label);
    tls.key = await readPem(endpoint.key, 'client key', label);
    const passphrase = await secrets.get(environment, side, 'KEY_PASSPHRASE');
    if (passphrase !== undefined) tls.passphrase = passphrase;
  }
  settings.tls = tls;

  if (auth === 'sasl_scram') {
    if (!endpoint.username) throw new LiveError('config', `${label}: SASL/SCRAM needs \`username\` in ${place}`);
    const password = await secrets.get(environment, side, 'PASSWORD');
    if (password === undefined) {
      throw new LiveError(
        'config',
        `${label}: SASL/SCRAM needs the password of ${endpoint.username}: set ${secrets.describe(environment, side, 'PASSWORD')}`,
      );
    }
    settings.sasl = { mechanism: 'scram-sha-512', username: endpoint.username, password };
  } else if (auth === 'iam') {
    const region = endpoint.region ?? mskRegion(parseBroker(endpoint.brokers[0] ?? '').host);
    if (!region) throw new LiveError('config', `${label}: IAM auth needs \`region\` in ${place}`);
    settings.sasl = { mechanism: 'msk-iam', region };
  }
  return settings;
}
