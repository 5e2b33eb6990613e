// The port an MSK client uses, per auth mode and network (domain notes, "Amazon MSK"): one listener per
// auth mode, in the VPC, on the public endpoints (`b-N-public.…`, none for plaintext) and over IPv6.
import type { AuthMode } from '../model/manifest';
import { isMskPublicHost } from './msk';

export type EndpointKind = 'vpc' | 'public' | 'ipv6';

export const MSK_PORTS: Record<AuthMode, { vpc: number; public?: number; ipv6: number }> = {
  plaintext: { vpc: 9092, ipv6: 20092 },
  tls: { vpc: 9094, public: 9194, ipv6: 20094 },
  mtls: { vpc: 9094, public: 9194, ipv6: 20094 },
  sasl_scram: { vpc: 9096, public: 9196, ipv6: 20096 },
  iam: { vpc: 9098, public: 9198, ipv6: 20098 },
};

const AUTH_MODES = Object.keys(MSK_PORTS) as AuthMode[];

/** Which network a host is reached over: public endpoints by their name, bracketed literals are IPv6. */
export function endpointKind(host: string): EndpointKind {
  if (host.startsWith('[')) return 'ipv6';
  return isMskPublicHost(host) ? 'public' : 'vpc';
}

/** The port for an auth mode (`plaintext` when none is known) on a network. MSK has no public plaintext listener: it keeps the VPC port. */
export function portFor(auth: AuthMode | undefined, kind: EndpointKind = 'vpc'): number {
  const ports = MSK_PORTS[auth ?? 'plaintext'];
  return (kind === 'public' ? ports.public : kind === 'ipv6' ? ports.ipv6 : ports.vpc) ?? ports.vpc;
}

/** The port a client of an auth mode should use for a host (`b-1-public.…` takes the public port). */
export function portForHost(auth: AuthMode | undefined, host: string): number {
  return portFor(auth, endpointKind(host));
}

/** Every port that is right for an auth mode (in the VPC, public, over IPv6). */
export function portsForAuth(auth: AuthMode): number[] {
  const p = MSK_PORTS[auth];
  return [p.vpc, p.public, p.ipv6].filter((x): x is number => x !== undefined);
}

/** The auth modes whose MSK listeners use a port (9094 serves both `tls` and `mtls`); [] for any other port. */
export function authModesOnPort(port: number): AuthMode[] {
  return AUTH_MODES.filter((a) => portsForAuth(a).includes(port));
}

/** Every MSK client port, sorted. */
export function allMskPorts(): number[] {
  return [...new Set(AUTH_MODES.flatMap(portsForAuth))].sort((a, b) => a - b);
}
