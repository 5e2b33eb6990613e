// Cached per-file facts -> the repository model: services with roles and topic edges, classified
// broker references, topics. Pure and cheap: it runs after every change.
import type { Classifier } from '../classify';
import { overrideOf, type ServiceIndex } from '../discover/services';
import { isTestCode } from '../discover/scope';
import { classifiedRef } from './refShape';
import { applyInferred, countsForState, inferSource, scopeRef, type InferredSource } from './scope';
import { effectiveMirror } from './mirror';
import type { Problem } from './common';
import type { Manifest } from './manifest';
import type { FileFacts, TopicDecl, TopicUse } from './facts';
import type { BrokerRef, Cluster, Model, Role, Service, ServiceState, TopicInfo } from './repository';
import { normalizeKey } from './keys';
import { resolutionsIn, resolveIndirect } from './resolve';

export interface BuildInput {
  root: string;
  manifest: Manifest;
  zeroConfig: boolean;
  facts: ReadonlyMap<string, FileFacts>;
  services: ServiceIndex;
  classifier: Classifier;
  topicDecls: TopicDecl[];
  skipped: Array<{ file: string; reason: string }>;
  problems?: Problem[];
  /** Derivations kept from the previous analysis of the same scan. */
  cache?: ModelCache;
}

/** The environment a file's path tells (`.env.prod`, `values-dev.yaml`, `deploy/k8s/prod/`). */
export function fileEnvironment(classifier: Classifier, file: string): string | undefined {
  return classifier.envFromName(file);
}

export function buildModel(input: BuildInput): Model {
  const { facts, services: index, classifier } = input;
  const cache = input.cache ?? new ModelCache();
  const problems: Problem[] = [...(input.problems ?? [])];
  const mskClusters: Model['mskClusters'] = [];
  const mirrors: Model['mirrors'] = [];
  const factsByService = new Map<string, FileFacts[]>();
  const fileDerived: FileDerived[] = [];

  for (const [file, f] of facts) {
    if (f.problems.length) problems.push(...f.problems);
    if (f.mskClusters.length) mskClusters.push(...f.mskClusters);
    if (f.mirrors.length) mirrors.push(...f.mirrors);
    const empty = !f.brokerRefs.length && !f.topicUses.length && !f.settings.length && !f.offsetResets.length && !f.groups.length;
    if (empty) continue;
    const d = cache.derived(f) ?? cache.derive(f, () => deriveFile(f, index.serviceOf(file), classifier));
    const key = d.service ?? '';
    const group = factsByService.get(key);
    if (group) group.push(f);
    else factsByService.set(key, [f]);
    fileDerived.push(d);
  }
  // Zero-config: the hosts deploy configs name per environment that no pattern knows are the source.
  const inferred = input.manifest.environments.length ? NO_INFERENCE : inferSource(refsOf(fileDerived));
  // Refs as each file states them; the service blocks below resolve the indirect ones.
  const fileRefs: BrokerRef[] = [];
  for (const d of fileDerived) for (const r of cache.inferred(d, inferred)) fileRefs.push(r);

  // The repository's MM2 config fills in what the manifest leaves unsaid; rules read it from the manifest.
  const mirror = effectiveMirror(input.manifest, mirrors, classifier);
  const manifest =
    mirror.from === 'repository'
      ? {
          ...input.manifest,
          mirror: {
            mode: mirror.mode,
            offsetSync: mirror.offsetSync,
            offsetSyncExplicit: mirror.offsetSyncExplicit,
            modeExplicit: mirror.modeExplicit,
          },
        }
      : input.manifest;

  // Per service: indirection and topic resolution, role and state, redone only for services whose files changed.
  const envNames = environmentNames(manifest, fileRefs);
  const envKey = `${envNames.join(',')}|${inferred.key}`;
  const brokerRefs: BrokerRef[] = [];
  const topicUses: Model['topicUses'] = [];
  const offsetResets: Model['offsetResets'] = [];
  const byName = new Map<string, Service>();
  const refsByService = new Map<string, BrokerRef[]>();
  for (const [service, list] of factsByService) {
    const block =
      cache.cachedBlock(service, list, envKey) ??
      cache.block(service, list, envKey, () => {
        const derived = list.map((f) =>
          withRefs(
            cache.derive(f, () => deriveFile(f, index.serviceOf(f.file), classifier)),
            cache,
            inferred,
          ),
        );
        return serviceBlock(service || undefined, list, derived, envNames, manifest, index, classifier, inferred);
      });
    for (const r of block.refs) brokerRefs.push(r);
    for (const u of block.uses) topicUses.push(u);
    for (const p of block.problems) problems.push(p);
    for (const r of block.offsetResets) offsetResets.push(r);
    if (block.service) {
      byName.set(service, block.service);
      refsByService.set(service, block.refs);
    }
  }
  const services = index.roots.map(({ name, root }) => byName.get(name) ?? describeService(name, root, [], [], [], [], envNames, manifest));

  const topics = buildTopics(input.topicDecls, services, cache);
  return {
    root: input.root,
    manifest,
    zeroConfig: input.zeroConfig,
    environments: envNames,
    services,
    brokerRefs,
    topics,
    topicUses,
    refsByService,
    offsetResets,
    facts,
    mskClusters,
    mirrors,
    mirror,
    problems,
    skipped: input.skipped,
  };
}

const NO_INFERENCE: InferredSource = { hosts: new Map(), key: '' };

function* refsOf(derived: FileDerived[]): Iterable<BrokerRef> {
  for (const d of derived) yield* d.refs;
}

function withRefs(d: FileDerived, cache: ModelCache, inferred: InferredSource): FileDerived {
  const refs = cache.inferred(d, inferred);
  return refs === d.refs ? d : { ...d, refs };
}

interface FileDerived {
  service?: string;
  refs: BrokerRef[];
  offsetResets: Model['offsetResets'];
  groups: string[];
}

/**
 * What the model derives per file and per service, kept between analyses: a changed file is a new
 * FileFacts object, so only its own derivation and its service's block are redone.
 * Valid for one manifest and one set of service roots (the RepositoryIndex makes a new one per scan).
 */
export class ModelCache {
  private readonly files = new WeakMap<FileFacts, FileDerived>();
  private readonly withInferred = new WeakMap<FileDerived, { key: string; refs: BrokerRef[] }>();
  private readonly services = new Map<string, { facts: FileFacts[]; envKey: string; value: ServiceBlock }>();

  private topicOrder: string[] = [];

  /** The keys sorted; the previous order is reused when the set of names did not change (most edits). */
  sortedNames(byName: ReadonlyMap<string, unknown>): string[] {
    const prev = this.topicOrder;
    if (prev.length !== byName.size || !prev.every((n) => byName.has(n))) this.topicOrder = [...byName.keys()].sort(cmp);
    return this.topicOrder;
  }

  derived(f: FileFacts): FileDerived | undefined {
    return this.files.get(f);
  }

  cachedBlock(service: string, facts: FileFacts[], envKey: string): ServiceBlock | undefined {
    const hit = this.services.get(service);
    if (!hit || hit.envKey !== envKey || hit.facts.length !== facts.length) return undefined;
    for (let i = 0; i < facts.length; i++) if (hit.facts[i] !== facts[i]) return undefined;
    return hit.value;
  }

  /** A file's refs with the zero-config inference applied; recomputed only when the inferred hosts change. */
  inferred(d: FileDerived, inferred: InferredSource): BrokerRef[] {
    if (!inferred.hosts.size || !d.refs.length) return d.refs;
    const hit = this.withInferred.get(d);
    if (hit && hit.key === inferred.key) return hit.refs;
    const refs = d.refs.map((r) => applyInferred(r, inferred));
    this.withInferred.set(d, { key: inferred.key, refs });
    return refs;
  }

  derive(f: FileFacts, compute: () => FileDerived): FileDerived {
    let d = this.files.get(f);
    if (!d) this.files.set(f, (d = compute()));
    return d;
  }

  block(service: string, facts: FileFacts[], envKey: string, compute: () => ServiceBlock): ServiceBlock {
    const hit = this.services.get(service);
    if (hit && hit.envKey === envKey && hit.facts.length === facts.length && hit.facts.every((f, i) => f === facts[i])) return hit.value;
    const value = compute();
    this.services.set(service, { facts, envKey, value });
    return value;
  }
}

function deriveFile(f: FileFacts, service: string | undefined, classifier: Classifier): FileDerived {
  const fileEnv = fileEnvironment(classifier, f.file);
  const refs = f.brokerRefs.map((ref): BrokerRef => {
    let cluster: Cluster = 'unknown';
    let environment: string | undefined;
    for (const h of ref.hosts) {
      const c = classifier.host(h.host);
      if (cluster === 'unknown') cluster = c.cluster;
      environment ??= c.environment;
    }
    const indirect = ref.kind === 'indirect';
    return classifiedRef({
      file: ref.file,
      format: ref.format,
      key: ref.key,
      kind: ref.kind,
      range: ref.range,
      parts: ref.parts,
      hosts: ref.hosts,
      list: ref.list,
      ...(indirect && { expression: ref.expression, reads: ref.reads, offset: ref.offset }),
      cluster,
      environment: environment ?? fileEnv,
      service,
    });
  });
  return {
    service,
    refs: refs.map((r) => scopeRef(r, f, classifier)),
    offsetResets: f.offsetResets.map((r) => ({ ...r, service, fileEnvironment: fileEnv })),
    groups: f.groups.filter((g) => g.group).map((g) => g.group!),
  };
}

interface ServiceBlock {
  service?: Service;
  /** Every ref of the service's files, any cluster. */
  refs: BrokerRef[];
  uses: Model['topicUses'];
  offsetResets: Model['offsetResets'];
  problems: Problem[];
}

function serviceBlock(
  service: string | undefined,
  facts: FileFacts[],
  derived: FileDerived[],
  envNames: string[],
  manifest: Manifest,
  index: ServiceIndex,
  classifier: Classifier,
  inferred: InferredSource,
): ServiceBlock {
  const lookup = new Map<string, string[]>();
  if (service) for (const f of facts) for (const s of f.settings) push(lookup, normalizeKey(s.key), s.value);
  const uses: Model['topicUses'] = [];
  const problems: Problem[] = [];
  for (const f of facts) {
    // Test code exercises topics; its uses are no edges of the service's graph.
    if (isTestCode(f.file)) continue;
    for (const use of f.topicUses) {
      const names = resolveTopic(use, lookup);
      // One object shape for every use (extractors differ in which optional fields they set): keeps the
      // model's hot loops monomorphic, measured ~3 ms of a 15 ms re-analysis on 1,000 services.
      for (const resolved of names) {
        uses.push({
          file: use.file,
          direction: use.direction,
          topic: use.topic,
          via: use.via,
          pattern: use.pattern,
          internal: use.internal,
          client: use.client,
          range: use.range,
          service,
          resolved,
        });
      }
      if (use.via && !names.some(Boolean)) {
        problems.push({
          file: use.file,
          line: use.range.start.line,
          column: use.range.start.column,
          severity: 'info',
          message: `topic name from ${VIA_WORDS[use.via.kind]} ${use.via.name} is not set in ${service ? `${service}'s` : 'this'} config files`,
        });
      }
    }
  }
  const offsetResets = derived.flatMap((d) => d.offsetResets);
  const resolved = resolveIndirect({
    service,
    facts,
    refs: derived.flatMap((d) => d.refs),
    classifier,
    envOf: (file) => fileEnvironment(classifier, file),
    inferredHosts: inferred.hosts,
  });
  for (const p of resolved.problems) problems.push(p);
  const all = resolved.refs;
  if (!service) return { refs: all, uses, offsetResets, problems };
  const root = index.roots.find((r) => r.name === service)?.root ?? '';
  // Indirect refs count by what they resolve to in each environment, or as unknown when they resolve to nothing.
  const refs = all.filter((r) => countsForState(r) || r.kind === 'indirect');
  const files = facts.map((f) => f.file);
  const groups = derived.flatMap((d) => d.groups);
  return {
    service: describeService(service, root, uses, refs, files, groups, envNames, manifest),
    refs: all,
    uses,
    offsetResets,
    problems,
  };
}

/** A service's role from its edges (manifest overrides win) and its state per environment. */
function describeService(
  name: string,
  root: string,
  uses: Model['topicUses'],
  refs: BrokerRef[],
  files: string[],
  groups: string[],
  envNames: string[],
  manifest: Manifest,
): Service {
  const produces = uniqSorted(uses.filter((u) => u.direction === 'produce' && u.resolved && !u.pattern).map((u) => u.resolved!));
  const consumes = uniqSorted(uses.filter((u) => u.direction === 'consume' && u.resolved && !u.pattern).map((u) => u.resolved!));
  const doesProduce = uses.some((u) => u.direction === 'produce');
  const doesConsume = uses.some((u) => u.direction === 'consume');
  const role: Role =
    overrideOf(manifest, root)?.role ??
    manifest.services.overrides[name]?.role ??
    (doesProduce && doesConsume ? 'producer-consumer' : doesProduce ? 'producer' : doesConsume ? 'consumer' : 'unknown');
  const state: Record<string, ServiceState> = {};
  for (const env of envNames)
    state[env] = stateOf(
      refs.filter((r) => r.environment === env || r.environment === undefined),
      env,
    );
  return { name, root, role, produces, consumes, state, files: [...files].sort(), groups: uniqSorted(groups) };
}

/**
 * A service's state in one environment. Literal refs count by their cluster; an indirect ref by the
 * clusters it resolves to there (that environment's own values, else the base ones). `unknown` when no
 * ref names a cluster there and at least one indirect ref resolves to nothing (a CI secret, Consul, a
 * variable set nowhere): never `none`, which would read as "not connected, nothing to move". A service
 * with a resolved ref and an unresolved one takes its state from the resolved one (at least `source`).
 */
function stateOf(refs: BrokerRef[], env: string): ServiceState {
  let source = false;
  let target = false;
  let unresolved = false;
  for (const r of refs) {
    if (r.kind !== 'indirect') {
      source ||= r.cluster === 'source';
      target ||= r.cluster === 'target';
      continue;
    }
    const here = resolutionsIn(r, env);
    // Nothing this ref reads is set for this environment in the repository.
    if (!here.length) unresolved = true;
    for (const v of here) {
      source ||= v.cluster === 'source';
      target ||= v.cluster === 'target';
    }
  }
  return source && target ? 'mixed' : source ? 'source' : target ? 'target' : unresolved ? 'unknown' : 'none';
}

/** The manifest's environments; in zero-config mode the ones names told, or `default`. */
function environmentNames(manifest: Manifest, refs: BrokerRef[]): string[] {
  if (manifest.environments.length) return manifest.environments.map((e) => e.name);
  const seen = uniqSorted(refs.filter((r) => countsForState(r) && r.environment).map((r) => r.environment!));
  return seen.length ? seen : ['default'];
}

function buildTopics(decls: TopicDecl[], services: Service[], cache: ModelCache): TopicInfo[] {
  const byName = new Map<string, TopicInfo>();
  const get = (name: string) => {
    let t = byName.get(name);
    if (!t) byName.set(name, (t = { name, declared: false, producers: [], consumers: [] }));
    return t;
  };
  for (const d of decls) {
    const t = get(d.name);
    if (!t.declared) {
      t.declared = true;
      t.decl = d;
    }
  }
  for (const s of services) {
    for (const p of s.produces) get(p).producers.push(s.name);
    for (const c of s.consumes) get(c).consumers.push(s.name);
  }
  return cache.sortedNames(byName).map((name) => byName.get(name)!);
}

export { normalizeKey };

const VIA_WORDS: Record<NonNullable<TopicUse['via']>['kind'], string> = {
  env: 'environment variable',
  placeholder: 'placeholder',
  constant: 'constant',
};

function resolveTopic(use: TopicUse, settings: Map<string, string[]>): Array<string | undefined> {
  if (use.topic !== undefined) return [resolveValue(use.topic, settings, 0) ?? use.topic];
  if (!use.via) return [undefined];
  const values = settings.get(normalizeKey(use.via.name));
  if (values?.length) {
    const out = uniqSorted(values.map((v) => resolveValue(v, settings, 0)).filter((v): v is string => !!v));
    if (out.length) return out;
  }
  if (use.via.kind === 'placeholder' && use.via.fallback) return [use.via.fallback];
  return [undefined];
}

/** Follows `${x}` / `${x:default}` in a setting's value, a few levels deep. */
function resolveValue(value: string, settings: Map<string, string[]>, depth: number): string | undefined {
  const m = /^\$\{([^}:]+)(?::-?([^}]*))?\}$/.exec(value.trim());
  if (!m) return value.trim() || undefined;
  if (depth > 4) return undefined;
  const next = settings.get(normalizeKey(m[1]))?.[0];
  if (next !== undefined) return resolveValue(next, settings, depth + 1);
  return m[2] || undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, ...values: V[]): void {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, [...values]);
}

function uniqSorted(values: string[]): string[] {
  return [...new Set(values)].sort(cmp);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
