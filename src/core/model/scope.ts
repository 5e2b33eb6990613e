// What a broker ref counts for: test code and local development addresses are reported but never
// decide a service's state; in zero-config mode, the hosts deploy configs name per environment that
// are not MSK are the inferred source.
import type { Classifier } from '../classify';
import { isComposeFile, isTestCode } from '../discover/scope';
import type { FileFacts } from './facts';
import type { BrokerRef } from './repository';

const COMPOSE_SERVICE_KEY = /^services\.([^.]+)\./;

/**
 * A ref's kind and cluster once its file is taken into account: `test` in test code; a development
 * address is `local` unless another host of the same ref names a real cluster; in a compose file, a
 * dotless host that is a service of the same file (`kafka:29092`) is that stack's own broker: `local`.
 */
export function scopeRef(ref: BrokerRef, facts: FileFacts, classifier: Classifier): BrokerRef {
  const test = isTestCode(facts.file);
  let cluster = ref.cluster;
  if (cluster === 'local') {
    const real = ref.hosts.map((h) => classifier.host(h.host).cluster).find((c) => c === 'source' || c === 'target');
    if (real) cluster = real;
  } else if (cluster === 'unknown' && ref.hosts.length && isComposeFile(facts.file)) {
    const own = composeServices(facts);
    if (ref.hosts.every((h) => !h.host.includes('.') && own.has(h.host.toLowerCase()))) cluster = 'local';
  }
  if (!test && cluster === ref.cluster) return ref;
  return { ...ref, kind: test ? 'test' : ref.kind, cluster };
}

/** Service names of a compose file, from its flattened settings (`services.kafka.image`). */
function composeServices(facts: FileFacts): Set<string> {
  const out = new Set<string>();
  for (const s of facts.settings) {
    const m = COMPOSE_SERVICE_KEY.exec(s.key);
    if (m) out.add(m[1].toLowerCase());
  }
  return out;
}

/** Refs that count toward a service's state: not test code, not a development address. */
export function countsForState(ref: BrokerRef): boolean {
  return ref.kind !== 'test' && ref.cluster !== 'local' && ref.cluster !== 'unknown';
}

/**
 * Zero-config inference: host (lower-cased) -> the environment it was named for, or null when named
 * for several. `key` changes exactly when the map does (the model cache keys on it).
 */
export interface InferredSource {
  hosts: Map<string, string | null>;
  key: string;
}

/**
 * The hosts a service's deploy configs (not code, not tests) name for a known environment that no
 * pattern classifies: with no manifest, these are the self-managed cluster's.
 */
export function inferSource(refs: Iterable<BrokerRef>): InferredSource {
  const hosts = new Map<string, string | null>();
  for (const r of refs) {
    if (r.cluster !== 'unknown' || !r.service || !r.environment || (r.kind !== 'config' && r.kind !== 'command')) continue;
    for (const h of r.hosts) {
      const host = h.host.toLowerCase();
      const prev = hosts.get(host);
      hosts.set(host, prev === undefined || prev === r.environment ? r.environment : null);
    }
  }
  const key = [...hosts]
    .map(([h, e]) => `${h}=${e ?? ''}`)
    .sort()
    .join(',');
  return { hosts, key };
}

/** A ref naming an inferred host is the source (`inferred: true`), in the host's environment if it has one. */
export function applyInferred(ref: BrokerRef, inferred: InferredSource): BrokerRef {
  if (ref.cluster !== 'unknown' || !inferred.hosts.size) return ref;
  const hit = ref.hosts.find((h) => inferred.hosts.has(h.host.toLowerCase()));
  if (!hit) return ref;
  return {
    ...ref,
    cluster: 'source',
    inferred: true,
    environment: ref.environment ?? inferred.hosts.get(hit.host.toLowerCase()) ?? undefined,
  };
}
