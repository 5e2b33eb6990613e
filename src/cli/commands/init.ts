import * as fs from 'node:fs';
import * as path from 'node:path';
import { Classifier } from '../../core/classify';
import { FIXTURE_IGNORES } from '../../core/discover/scope';
import { BOOTSTRAP_OUTPUT, MSK_PORTS } from '../../core/msk';
import { MANIFEST_FILE, parseManifest, zeroConfigManifest } from '../../core/manifest/load';
import type { BrokerRef, Cluster, MskClusterDecl, Model } from '../../core/model/types';
import { writeAtomically } from '../../core/rewrite/writeFiles';
import { Workspace } from '../../core/workspace';
import { parseArgs, UsageError } from '../args';
import type { Io } from '../main';
import { cacheOption, COMMON_BOOLEANS, repoDir } from './common';

/** `init`: a starting manifest from what a zero-config scan finds. Refuses to overwrite without --force. */
export async function runInit(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { values: [], booleans: [...COMMON_BOOLEANS, 'force'] });
  if (args.positionals.length > 1) throw new UsageError('expected at most one directory');
  const dir = repoDir(args.positionals[0], io);
  const target = path.join(dir, MANIFEST_FILE);
  if (fs.existsSync(target) && args.flags.get('force') !== true) {
    throw new UsageError(`${path.relative(io.cwd, target) || MANIFEST_FILE} already exists (use --force to replace it)`);
  }
  // Scan as if there were no manifest, so the result reflects the repository alone.
  const { model } = await new Workspace(dir, { ignoreManifest: true, cache: cacheOption(args, io), oneShot: true }).scan();
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
  const envOf = new Classifier(zeroConfigManifest());
  for (const env of model.environments) {
    const refs = model.brokerRefs.filter((r) => r.kind !== 'test' && (r.environment === env || (!r.environment && model.environments.length === 1)));
    const sourceRefs = refs.filter((r) => r.cluster === 'source');
    const source = brokersOf(sourceRefs, 'source');
    const target = brokersOf(refs, 'target');
    const msk = clusterFor(model.mskClusters, env, envOf);
    const tfAuth = msk && msk.authModes.length === 1 ? msk.authModes[0] : undefined;
    const auth = tfAuth ?? authFromPorts(target);
    lines.push(`  ${env}:`);
    const offsets = 'add version: "x.y.z" (below 2.7, MirrorMaker 2 syncs no consumer offsets)';
    lines.push(!source.length
      // A reserved TLD, so the placeholder can never match a real host of the repository.
      ? `    source: { brokers: [kafka1.${env}.example.invalid:9092] }   # TODO: no source brokers found; list yours, and ${offsets}`
      : sourceRefs.some((r) => r.inferred)
        ? `    source: { brokers: [${source.join(', ')}] }   # TODO: inferred (the services' deploy configs name these for ${env}; no MSK host pattern): confirm, and ${offsets}`
        : `    source: { brokers: [${source.join(', ')}] }   # TODO: ${offsets}`);
    const authTodo = auth
      ? tfAuth ? '' : `   # TODO: auth from the port; check it (plaintext|tls|mtls|sasl_scram|iam)`
      : msk && msk.authModes.length > 1
        ? `   # TODO: ${mskName(msk)} enables ${msk.authModes.join(', ')}: keep the one the services use`
        : '   # TODO: check auth (plaintext|tls|mtls|sasl_scram|iam)';
    const shownAuth = auth ?? msk?.authModes[0] ?? 'mtls';
    lines.push(target.length
      ? `    target: { brokers: "${target.join(',')}", auth: ${shownAuth} }${authTodo}`
      : `    target: { brokers: "b-1.CLUSTER.ID.c1.kafka.REGION.amazonaws.com:${MSK_PORTS[shownAuth].vpc}", auth: ${shownAuth} }   # TODO: no target brokers found; ${msk ? `the ${BOOTSTRAP_OUTPUT[shownAuth]} output of ${mskName(msk)} (${msk.file}:${msk.range.start.line})` : 'your MSK bootstrap'}${authTodo ? `; ${authTodo.replace(/^ +# TODO: /, '')}` : ''}`);
  }
  lines.push('mirror: { mode: active-passive }');
  const roots = rootGlobs(model.services.map((s) => s.root));
  lines.push(`services: { roots: [${roots.map((r) => JSON.stringify(r)).join(', ')}] }`);
  lines.push('# Test fixtures are skipped even without these lines; `!<glob>` re-includes one. Test code is read, as `test` refs.');
  lines.push(`ignore: [${FIXTURE_IGNORES.map((g) => JSON.stringify(g)).join(', ')}]`);
  return lines.join('\n') + '\n';
}

function mskName(c: MskClusterDecl): string {
  return `aws_msk_cluster.${c.name}`;
}

/** The repository's MSK cluster for an environment: the one named for it, else the only one. */
function clusterFor(clusters: MskClusterDecl[], env: string, names: Classifier): MskClusterDecl | undefined {
  const named = clusters.filter((c) => names.envFromName(`${c.name} ${c.clusterName ?? ''}`) === env);
  if (named.length === 1) return named[0];
  return clusters.length === 1 ? clusters[0] : undefined;
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

/**
 * `services/a`, `services/b` -> `services/*`; lone roots stay as they are. Nomad jobs rooted at their
 * files (`deploy/jobs/a.nomad`, `deploy/jobs/b.nomad`) -> `deploy/jobs/*.nomad`.
 */
function rootGlobs(roots: string[]): string[] {
  const groupOf = (r: string) => {
    const parent = r.includes('/') ? r.slice(0, r.lastIndexOf('/')) : '';
    const job = /\.nomad(\.hcl)?$/.exec(r)?.[0];
    return { key: `${parent}|${job ?? ''}`, glob: `${parent ? `${parent}/` : ''}*${job ?? ''}` };
  };
  const counts = new Map<string, number>();
  for (const r of roots) counts.set(groupOf(r).key, (counts.get(groupOf(r).key) ?? 0) + 1);
  const out = new Set<string>();
  for (const r of roots) {
    const g = groupOf(r);
    out.add((counts.get(g.key) ?? 0) > 1 ? g.glob : r);
  }
  return [...out].sort();
}
