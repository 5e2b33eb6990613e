import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_FILE, parseManifest } from '../../core/manifest/load';
import type { BrokerRef, Cluster, Model } from '../../core/model/types';
import { writeAtomically } from '../../core/rewrite/writeFiles';
import { Workspace } from '../../core/workspace';
import { parseArgs, UsageError } from '../args';
import type { Io } from '../main';
import { repoDir } from './common';

/** `init`: a starting manifest from what a zero-config scan finds. Refuses to overwrite without --force. */
export async function runInit(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { values: [], booleans: ['force'] });
  if (args.positionals.length > 1) throw new UsageError('expected at most one directory');
  const dir = repoDir(args.positionals[0], io);
  const target = path.join(dir, MANIFEST_FILE);
  if (fs.existsSync(target) && args.flags.get('force') !== true) {
    throw new UsageError(`${path.relative(io.cwd, target) || MANIFEST_FILE} already exists (use --force to replace it)`);
  }
  // Scan as if there were no manifest, so the result reflects the repository alone.
  const { model } = await new Workspace(dir, { ignoreManifest: true }).scan();
  const text = manifestText(model);
  parseManifest(text, MANIFEST_FILE); // never write a manifest we would reject
  await writeAtomically(target, text);
  io.out(`Wrote ${path.relative(io.cwd, target) || MANIFEST_FILE}: ${model.environments.length} environment(s), ${model.services.length} service(s). Review the TODO lines.\n`);
  return 0;
}

export function manifestText(model: Model): string {
  const lines = [
    '# Kafka Cutover manifest: which cluster is the source (self-managed) and which the target (MSK).',
    '# Written by `kafka-cutover init` from what the scan found; review every line.',
    'version: 1',
    'environments:',
  ];
  const tfAuth = model.mskClusters.length === 1 && model.mskClusters[0].authModes.length === 1 ? model.mskClusters[0].authModes[0] : undefined;
  for (const env of model.environments) {
    const refs = model.brokerRefs.filter((r) => r.environment === env || (!r.environment && model.environments.length === 1));
    const source = brokersOf(refs, 'source');
    // Self-managed brokers often have names no pattern recognises (`kafka1.prod.corp`): in a repository
    // mid-move, the hosts of this environment's connection strings that are not MSK are the likely source.
    const inferred = source.length ? [] : brokersOf(refs.filter((r) => r.environment === env), 'unknown');
    const target = brokersOf(refs, 'target');
    const auth = tfAuth ?? authFromPorts(target);
    lines.push(`  ${env}:`);
    lines.push(source.length
      ? `    source: { brokers: [${source.join(', ')}] }   # TODO: add version: "x.y.z" (below 2.7, MirrorMaker 2 syncs no consumer offsets)`
      : inferred.length
        ? `    source: { brokers: [${inferred.join(', ')}] }   # TODO: guessed from connection strings that name no MSK host: confirm, and add version: "x.y.z"`
        // A reserved TLD, so the placeholder can never match a real host of the repository.
        : `    source: { brokers: [kafka1.${env}.example.invalid:9092] }   # TODO: no source brokers found; list yours`);
    lines.push(target.length
      ? `    target: { brokers: "${target.join(',')}", auth: ${auth ?? 'mtls'} }${auth ? '' : '   # TODO: check auth (plaintext|tls|mtls|sasl_scram|iam)'}`
      : `    target: { brokers: "b-1.CLUSTER.ID.c1.kafka.REGION.amazonaws.com:9094", auth: ${auth ?? 'mtls'} }   # TODO: no target brokers found; your MSK bootstrap`);
  }
  lines.push('mirror: { mode: active-passive }');
  const roots = rootGlobs(model.services.map((s) => s.root));
  lines.push(`services: { roots: [${roots.map((r) => JSON.stringify(r)).join(', ')}] }`);
  lines.push('ignore: []');
  return lines.join('\n') + '\n';
}

/**
 * One `host:port` per host, sorted. A host seen with several ports keeps its most frequent one: a single
 * misconfigured reference (auth-port-mismatch) must not put the host in the bootstrap list twice.
 */
function brokersOf(refs: BrokerRef[], cluster: Cluster): string[] {
  const portCounts = new Map<string, Map<number, number>>();
  for (const r of refs) {
    if (r.cluster !== cluster) continue;
    for (const h of r.hosts) {
      if (h.port === undefined) continue;
      const ports = portCounts.get(h.host) ?? new Map<number, number>();
      ports.set(h.port, (ports.get(h.port) ?? 0) + 1);
      portCounts.set(h.host, ports);
    }
  }
  return [...portCounts]
    .map(([host, ports]) => `${host}:${[...ports].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0]}`)
    .sort();
}

function authFromPorts(brokers: string[]): 'plaintext' | 'mtls' | 'sasl_scram' | 'iam' | undefined {
  const ports = new Set(brokers.map((b) => Number(b.slice(b.lastIndexOf(':') + 1))));
  if (ports.size !== 1) return undefined;
  const port = [...ports][0];
  return ({ 9092: 'plaintext', 9096: 'sasl_scram', 9098: 'iam' } as const)[port as 9092 | 9096 | 9098];
}

/** `services/a`, `services/b` -> `services/*`; lone roots stay as they are. */
function rootGlobs(roots: string[]): string[] {
  const parents = new Map<string, number>();
  for (const r of roots) {
    const parent = r.includes('/') ? r.slice(0, r.lastIndexOf('/')) : '';
    parents.set(parent, (parents.get(parent) ?? 0) + 1);
  }
  const out = new Set<string>();
  for (const r of roots) {
    const parent = r.includes('/') ? r.slice(0, r.lastIndexOf('/')) : '';
    out.add((parents.get(parent) ?? 0) > 1 ? (parent ? `${parent}/*` : '*') : r);
  }
  return [...out].sort();
}
