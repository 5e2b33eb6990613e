import type { AuthMode } from '../model/manifest';
import type { BrokerRef } from '../model/repository';
import type { Finding } from '../model/findings';
import { parseBroker } from '../domain/brokers';
import { portForHost, portsForAuth } from '../domain/ports';
import { PerObject, type Rule } from './context';

const cache = new PerObject<BrokerRef, Finding[]>();
// Interned cache keys: one string per severity and auth mode, not one per ref per analysis.
const keys = new Map<string, string>();
function keyOf(severity: string, auth: string | undefined): string {
  const k = `${severity}|${auth}`;
  let interned = keys.get(k);
  if (!interned) keys.set(k, (interned = k));
  return interned;
}

const AUTH_NAMES: Record<AuthMode, string> = {
  plaintext: 'plaintext',
  tls: 'TLS',
  mtls: 'mutual TLS',
  sasl_scram: 'SASL/SCRAM',
  iam: 'IAM',
};

/** A target connection on a port that does not serve the target's auth mode fails to connect (or talks plaintext to TLS). */
export const authPortMismatch: Rule = {
  id: 'auth-port-mismatch',
  defaultSeverity: 'error',
  run({ model, severity }) {
    const out: Finding[] = [];
    const authByEnv = new Map<string, AuthMode>();
    const portByHost = new Map<string, number>();
    for (const env of model.manifest.environments) {
      if (env.target.auth) authByEnv.set(env.name, env.target.auth);
      for (const b of env.target.brokers) {
        const { host, port } = parseBroker(b);
        if (port !== undefined) portByHost.set(host.toLowerCase(), port);
      }
    }
    // Zero-config: one MSK cluster in Terraform with one auth mode tells the port for every target.
    const tfModes = model.mskClusters.length === 1 ? model.mskClusters[0].authModes : [];
    for (const ref of model.brokerRefs) {
      if (ref.cluster !== 'target') continue;
      const auth = (ref.environment && authByEnv.get(ref.environment)) || (tfModes.length === 1 ? tfModes[0] : undefined);
      for (const f of cache.get(ref, keyOf(severity, auth), () => check(ref, auth, portByHost, severity))) out.push(f);
    }
    return out;
  },
};

function check(ref: BrokerRef, auth: AuthMode | undefined, portByHost: Map<string, number>, severity: Finding['severity']): Finding[] {
  const out: Finding[] = [];
  for (const h of ref.hosts) {
    if (h.port === undefined) continue;
    const pinned = portByHost.get(h.host.toLowerCase());
    // The manifest is the authority on a host it lists (a proxy may listen anywhere).
    const allowed = pinned !== undefined ? [pinned] : auth ? portsForAuth(auth) : [];
    if (!allowed.length || allowed.includes(h.port)) continue;
    const want = pinned ?? portForHost(auth, h.host);
    const why = auth
      ? `${AUTH_NAMES[auth]} on the target${ref.environment ? ` in ${ref.environment}` : ''} uses port ${want}`
      : `the manifest lists ${h.host}:${want}`;
    out.push({
      rule: 'auth-port-mismatch',
      severity,
      service: ref.service,
      environment: ref.environment,
      file: ref.file,
      // Only the port is wrong: point at its digits (the token ends with them).
      range: { start: { line: h.range.end.line, column: h.range.end.column - String(h.port).length }, end: h.range.end },
      message: `port ${h.port} does not match the target's auth: ${why}`,
    });
  }
  return out;
}
