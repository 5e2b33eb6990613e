// A starting kafka-cutover.yaml from what a zero-config scan found (`kafka-cutover init`, the extension's
// Create Manifest): every environment with the brokers seen for each side, TODO lines where the scan
// could not tell.
import { Classifier } from '../classify';
import { FIXTURE_IGNORES } from '../discover/scope';
import { parseBroker } from '../domain/brokers';
import { BOOTSTRAP_OUTPUT } from '../domain/msk';
import { authModesOnPort, MSK_PORTS } from '../domain/ports';
import type { AuthMode } from '../model/manifest';
import type { MskClusterDecl } from '../model/facts';
import type { BrokerRef, Cluster, Model } from '../model/repository';
import { zeroConfigManifest } from './load';

export function manifestText(model: Model): string {
  const lines = [
    '# Kafka Cutover manifest: which cluster is the source (self-managed) and which the target (MSK).',
    '# Written by `kafka-cutover init` from what the scan found; review every line.',
    'version: 1',
    'environments:',
  ];
  const envOf = new Classifier(zeroConfigManifest());
  for (const env of model.environments) {
    const refs = model.brokerRefs.filter(
      (r) => r.kind !== 'test' && (r.environment === env || (!r.environment && model.environments.length === 1)),
    );
    const sourceRefs = refs.filter((r) => r.cluster === 'source');
    const source = brokersOf(sourceRefs, 'source');
    const target = brokersOf(refs, 'target');
    const msk = clusterFor(model.mskClusters, env, envOf);
    const tfAuth = msk && msk.authModes.length === 1 ? msk.authModes[0] : undefined;
    const auth = tfAuth ?? authFromPorts(target);
    lines.push(`  ${env}:`);
    const offsets = 'add version: "x.y.z" (below 2.7, MirrorMaker 2 syncs no consumer offsets)';
    lines.push(
      !source.length
        ? // A reserved TLD, so the placeholder can never match a real host of the repository.
          `    source: { brokers: [kafka1.${env}.example.invalid:9092] }   # TODO: no source brokers found; list yours, and ${offsets}`
        : sourceRefs.some((r) => r.inferred)
          ? `    source: { brokers: [${source.join(', ')}] }   # TODO: inferred (the services' deploy configs name these for ${env}; no MSK host pattern): confirm, and ${offsets}`
          : `    source: { brokers: [${source.join(', ')}] }   # TODO: ${offsets}`,
    );
    const authTodo = auth
      ? tfAuth
        ? ''
        : `   # TODO: auth from the port; check it (plaintext|tls|mtls|sasl_scram|iam)`
      : msk && msk.authModes.length > 1
        ? `   # TODO: ${mskName(msk)} enables ${msk.authModes.join(', ')}: keep the one the services use`
        : '   # TODO: check auth (plaintext|tls|mtls|sasl_scram|iam)';
    const shownAuth = auth ?? msk?.authModes[0] ?? 'mtls';
    lines.push(
      target.length
        ? `    target: { brokers: "${target.join(',')}", auth: ${shownAuth} }${authTodo}`
        : `    target: { brokers: "b-1.CLUSTER.ID.c1.kafka.REGION.amazonaws.com:${MSK_PORTS[shownAuth].vpc}", auth: ${shownAuth} }   # TODO: no target brokers found; ${msk ? `the ${BOOTSTRAP_OUTPUT[shownAuth]} output of ${mskName(msk)} (${msk.file}:${msk.range.start.line})` : 'your MSK bootstrap'}${authTodo ? `; ${authTodo.replace(/^ +# TODO: /, '')}` : ''}`,
    );
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
  return [...portCounts].map(([host, ports]) => `${host}:${[...ports].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0]}`).sort();
}

/** The auth mode every target broker's port tells; none when the ports differ or serve several modes (9094: tls or mtls). */
function authFromPorts(brokers: string[]): AuthMode | undefined {
  const ports = new Set(brokers.map((b) => parseBroker(b).port));
  if (ports.size !== 1) return undefined;
  const port = [...ports][0];
  const modes = port === undefined ? [] : authModesOnPort(port);
  return modes.length === 1 ? modes[0] : undefined;
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
