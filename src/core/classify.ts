// Host names -> cluster and environment. The manifest is the authority (a proxy address can be the
// target); patterns are only the zero-configuration fallback.
import type { Manifest } from './model/manifest';
import type { Cluster } from './model/repository';
import { hostsOf } from './manifest/load';
import { isEc2Host } from './domain/ec2';
import { isMskHost } from './domain/msk';

/** Private IPv4 ranges (RFC 1918): in the story's world, self-managed brokers on EC2. */
function isPrivateIp(host: string): boolean {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/**
 * Development addresses: loopback and Docker's names for the host. Not `*.local`: companies name real
 * brokers in `.local` domains, and a host wrongly called local would drop out of a service's state.
 */
const LOCAL =
  /^(localhost|(.+\.)?localhost|127\.\d+\.\d+\.\d+|::1|\[::1\]|0\.0\.0\.0|(host|gateway)\.docker\.internal|host\.containers\.internal)$/i;

export function isLocalHost(host: string): boolean {
  return LOCAL.test(host);
}

export function clusterByPattern(host: string): Cluster {
  if (isLocalHost(host)) return 'local';
  if (isMskHost(host)) return 'target';
  if (isEc2Host(host) || isPrivateIp(host)) return 'source';
  return 'unknown';
}

const COMMON_ENVS = ['prod', 'production', 'staging', 'stage', 'stg', 'qa', 'uat', 'test', 'dev', 'development', 'sandbox'];
const SYNONYMS: Record<string, string[]> = {
  prod: ['prod', 'production', 'prd'],
  dev: ['dev', 'development'],
  staging: ['staging', 'stage', 'stg'],
};

/** Classifies hosts and tells environments from names, for one manifest. Built once per scan. */
export class Classifier {
  private readonly byHost = new Map<string, { cluster: Cluster; environment: string }>();
  private readonly envWords: Array<{ word: string; env: string }>;

  constructor(manifest: Manifest) {
    for (const env of manifest.environments) {
      for (const host of hostsOf(env.source)) this.byHost.set(host, { cluster: 'source', environment: env.name });
      for (const host of hostsOf(env.target)) this.byHost.set(host, { cluster: 'target', environment: env.name });
    }
    const names = manifest.environments.length ? manifest.environments.map((e) => e.name) : COMMON_ENVS;
    this.envWords = [];
    for (const env of names) {
      const canonical = manifest.environments.length ? env : canonicalEnv(env);
      for (const word of SYNONYMS[env] ?? [env]) this.envWords.push({ word, env: canonical });
    }
  }

  /** Hosts the manifest names, lower-cased: extractors accept these anywhere. */
  knownHosts(): Set<string> {
    return new Set(this.byHost.keys());
  }

  host(host: string): { cluster: Cluster; environment?: string } {
    const known = this.byHost.get(host.toLowerCase());
    if (known) return known;
    return { cluster: clusterByPattern(host), environment: this.envFromName(host) };
  }

  /** The environment a name (host, file path) tells, if it names exactly one. */
  envFromName(name: string): string | undefined {
    const words = name.toLowerCase().split(/[^a-z0-9]+/);
    let found: string | undefined;
    for (const { word, env } of this.envWords) {
      if (words.includes(word)) {
        if (found && found !== env) return undefined;
        found = env;
      }
    }
    return found;
  }
}

function canonicalEnv(name: string): string {
  for (const [canonical, words] of Object.entries(SYNONYMS)) if (words.includes(name)) return canonical;
  return name;
}
