// The mirror the analysis uses: the manifest where it says so, else the repository's MirrorMaker 2 config.
// The manifest stays the authority; the repository only fills in what the manifest leaves unsaid.
import type { Classifier } from '../classify';
import type { Manifest } from './manifest';
import type { MirrorDecl, MirrorFlow } from './facts';
import type { Cluster, Model } from './repository';

/** The cluster (and its environment) an MM2 alias stands for, by classifying the hosts of its bootstrap servers. */
function classifyAlias(decl: MirrorDecl, alias: string, classifier: Classifier): { cluster: Cluster; environment?: string } {
  const c = decl.clusters.find((x) => x.alias === alias);
  if (!c?.bootstrap) return { cluster: 'unknown' };
  for (const part of c.bootstrap.split(/[\s,;]+/)) {
    const host = part
      .replace(/^[A-Za-z_]+:\/\//, '')
      .replace(/:\d+$/, '')
      .trim();
    if (!host) continue;
    const found = classifier.host(host);
    if (found.cluster !== 'unknown') return found;
  }
  return { cluster: 'unknown' };
}

function clusterOfAlias(decl: MirrorDecl, alias: string, classifier: Classifier): Cluster {
  return classifyAlias(decl, alias, classifier).cluster;
}

/** Per environment, the enabled flow whose source alias is that environment's source and target alias its target. */
function flowsByEnvironment(mirrors: MirrorDecl[], classifier: Classifier): Record<string, { flow: MirrorFlow; file: string }> {
  const out: Record<string, { flow: MirrorFlow; file: string }> = {};
  for (const { flow, decl } of mergeConnectorFlows(
    mirrors.flatMap((d) => d.flows.filter((f) => f.enabled).map((flow) => ({ flow, decl: d }))),
  )) {
    const source = classifyAlias(decl, flow.source, classifier);
    const target = classifyAlias(decl, flow.target, classifier);
    if (source.cluster !== 'source' || target.cluster !== 'target' || !source.environment) continue;
    out[source.environment] ??= { flow, file: decl.file };
  }
  return out;
}

/**
 * The enabled flow that copies source -> target: the one whose aliases classify so, else the only
 * enabled flow of the repository (zero-config: aliases often name no host the classifier knows).
 */
export function forwardFlow(mirrors: MirrorDecl[], classifier: Classifier): { flow: MirrorFlow; decl: MirrorDecl } | undefined {
  const enabled = mergeConnectorFlows(mirrors.flatMap((decl) => decl.flows.filter((f) => f.enabled).map((flow) => ({ flow, decl }))));
  const classified = enabled.find(
    ({ flow, decl }) =>
      clusterOfAlias(decl, flow.source, classifier) === 'source' && clusterOfAlias(decl, flow.target, classifier) === 'target',
  );
  if (classified) return classified;
  const unclassified = enabled.filter(
    ({ flow, decl }) =>
      clusterOfAlias(decl, flow.source, classifier) !== 'target' && clusterOfAlias(decl, flow.target, classifier) !== 'source',
  );
  return unclassified.length === 1 ? unclassified[0] : undefined;
}

/**
 * MM2 run as Connect connectors states one flow in two places: the source connector (topics, policy)
 * and the checkpoint connector (offset sync, its policy). One flow per alias pair, from both.
 */
function mergeConnectorFlows(flows: Array<{ flow: MirrorFlow; decl: MirrorDecl }>): Array<{ flow: MirrorFlow; decl: MirrorDecl }> {
  const out: Array<{ flow: MirrorFlow; decl: MirrorDecl }> = [];
  const byPair = new Map<string, { flow: MirrorFlow; decl: MirrorDecl }>();
  for (const entry of flows) {
    const { flow } = entry;
    if (!flow.connector) {
      out.push(entry);
      continue;
    }
    const id = `${flow.source}->${flow.target}`;
    const seen = byPair.get(id);
    if (!seen) {
      const copy = { flow: { ...flow }, decl: entry.decl };
      byPair.set(id, copy);
      out.push(copy);
      continue;
    }
    const [source, checkpoint] = flow.connector === 'source' ? [flow, seen.flow] : [seen.flow, flow];
    const merged: MirrorFlow = {
      ...source,
      syncGroupOffsets: checkpoint.syncGroupOffsets,
      emitCheckpoints: checkpoint.emitCheckpoints,
      connector: 'source',
    };
    if (checkpoint.checkpointReplicationPolicy) merged.checkpointReplicationPolicy = checkpoint.checkpointReplicationPolicy;
    else delete merged.checkpointReplicationPolicy;
    seen.flow = merged;
    if (flow.connector === 'source') seen.decl = entry.decl;
  }
  // Aliases: a decl per connector file; the clusters of all of them name the pair's bootstraps.
  return out.map((e) =>
    e.flow.connector
      ? {
          flow: e.flow,
          decl: {
            ...e.decl,
            clusters: flows
              .filter((f) => f.flow.source === e.flow.source && f.flow.target === e.flow.target)
              .flatMap((f) => f.decl.clusters),
          },
        }
      : e,
  );
}

/** Both directions between the same two aliases are enabled. */
function bothWays(mirrors: MirrorDecl[], flow: MirrorFlow): boolean {
  return mirrors.some((d) => d.flows.some((f) => f.enabled && f.source === flow.target && f.target === flow.source));
}

export function effectiveMirror(manifest: Manifest, mirrors: MirrorDecl[], classifier: Classifier): Model['mirror'] {
  const declared = manifest.mirror;
  const found = mirrors.length ? forwardFlow(mirrors, classifier) : undefined;
  if (!found) return { ...declared, from: declared.offsetSyncExplicit || declared.modeExplicit ? 'manifest' : 'default' };
  const { flow, decl } = found;
  const offsetSync = declared.offsetSyncExplicit ? declared.offsetSync : flow.syncGroupOffsets && flow.emitCheckpoints;
  const mode = declared.modeExplicit ? declared.mode : bothWays(mirrors, flow) ? 'active-active' : 'active-passive';
  const fromRepo = !declared.offsetSyncExplicit || !declared.modeExplicit;
  return {
    ...declared,
    mode,
    offsetSync,
    from: fromRepo ? 'repository' : 'manifest',
    flow,
    file: decl.file,
    byEnvironment: flowsByEnvironment(mirrors, classifier),
  };
}
