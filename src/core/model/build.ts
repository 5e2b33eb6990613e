// Cached per-file facts -> the repository model: services with roles and topic edges, classified
// broker references, topics. Pure and cheap: it runs after every change.
import type { Classifier } from '../classify';
import type { ServiceIndex } from '../discover/services';
import type {
  BrokerRef,
  Cluster,
  FileFacts,
  Manifest,
  Model,
  Problem,
  Role,
  Service,
  ServiceState,
  Setting,
  TopicDecl,
  TopicInfo,
  TopicUse,
} from './types';

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
}

/** The environment a file's path tells (`.env.prod`, `values-dev.yaml`, `deploy/k8s/prod/`). */
export function fileEnvironment(classifier: Classifier, file: string): string | undefined {
  return classifier.envFromName(file);
}

export function buildModel(input: BuildInput): Model {
  const { facts, services: index, classifier, manifest } = input;
  const problems: Problem[] = [...(input.problems ?? [])];
  const brokerRefs: BrokerRef[] = [];
  const settingsByService = new Map<string, Setting[]>();
  const filesByService = new Map<string, string[]>();
  const rawUses: Array<{ use: TopicUse; service?: string }> = [];
  const offsetResets: Model['offsetResets'] = [];
  const groupsByService = new Map<string, Set<string>>();
  const mskClusters: Model['mskClusters'] = [];

  for (const [file, f] of facts) {
    problems.push(...f.problems);
    mskClusters.push(...f.mskClusters);
    const empty = !f.brokerRefs.length && !f.topicUses.length && !f.settings.length && !f.offsetResets.length && !f.groups.length;
    if (empty) continue;
    const service = index.serviceOf(file);
    if (service) push(filesByService, service, file);
    if (service && f.settings.length) push(settingsByService, service, ...f.settings);
    const fileEnv = fileEnvironment(classifier, file);
    for (const ref of f.brokerRefs) {
      let cluster: Cluster = 'unknown';
      let environment: string | undefined;
      for (const h of ref.hosts) {
        const c = classifier.host(h.host);
        if (cluster === 'unknown') cluster = c.cluster;
        environment ??= c.environment;
      }
      brokerRefs.push({ ...ref, cluster, environment: environment ?? fileEnv, service });
    }
    for (const use of f.topicUses) rawUses.push({ use, service });
    for (const r of f.offsetResets) offsetResets.push({ ...r, service });
    for (const g of f.groups) if (service && g.group) setAdd(groupsByService, service, g.group);
  }

  // Resolve topic names through the same service's settings.
  const lookups = new Map<string, Map<string, string[]>>();
  const lookupOf = (service: string | undefined) => {
    const key = service ?? '';
    let m = lookups.get(key);
    if (!m) {
      m = new Map();
      for (const s of (service && settingsByService.get(service)) || []) push(m, normalizeKey(s.key), s.value);
      lookups.set(key, m);
    }
    return m;
  };
  const topicUses: Model['topicUses'] = [];
  for (const { use, service } of rawUses) {
    for (const resolved of resolveTopic(use, lookupOf(service))) topicUses.push({ ...use, service, resolved });
    if (use.via && !resolveTopic(use, lookupOf(service)).some(Boolean)) {
      problems.push({
        file: use.file,
        line: use.range.start.line,
        column: use.range.start.column,
        severity: 'info',
        message: `topic name from ${use.via.kind === 'env' ? 'environment variable' : 'placeholder'} ${use.via.name} is not set in ${service ? `${service}'s` : 'this'} config files`,
      });
    }
  }

  // Services: roles from edges, manifest overrides win.
  const envNames = environmentNames(manifest, brokerRefs);
  const usesByService = new Map<string, Model['topicUses']>();
  for (const u of topicUses) if (u.service) push(usesByService, u.service, u);
  const refsByService = new Map<string, BrokerRef[]>();
  for (const r of brokerRefs) if (r.service && r.cluster !== 'unknown') push(refsByService, r.service, r);
  const services: Service[] = index.roots.map(({ name, root }) => {
    const mine = usesByService.get(name) ?? [];
    const produces = uniqSorted(mine.filter((u) => u.direction === 'produce' && u.resolved && !u.pattern).map((u) => u.resolved!));
    const consumes = uniqSorted(mine.filter((u) => u.direction === 'consume' && u.resolved && !u.pattern).map((u) => u.resolved!));
    const doesProduce = mine.some((u) => u.direction === 'produce');
    const doesConsume = mine.some((u) => u.direction === 'consume');
    const folder = root.slice(root.lastIndexOf('/') + 1);
    const role: Role =
      manifest.services.overrides[folder]?.role ??
      manifest.services.overrides[name]?.role ??
      (doesProduce && doesConsume ? 'producer-consumer' : doesProduce ? 'producer' : doesConsume ? 'consumer' : 'unknown');
    const refs = refsByService.get(name) ?? [];
    const state: Record<string, ServiceState> = {};
    for (const env of envNames) state[env] = stateOf(refs.filter((r) => r.environment === env || r.environment === undefined));
    return {
      name,
      root,
      role,
      produces,
      consumes,
      state,
      files: (filesByService.get(name) ?? []).sort(),
      groups: [...(groupsByService.get(name) ?? [])].sort(),
    };
  });

  const topics = buildTopics(input.topicDecls, services);
  return {
    root: input.root,
    manifest,
    zeroConfig: input.zeroConfig,
    environments: envNames,
    services,
    brokerRefs,
    topics,
    topicUses,
    offsetResets,
    facts,
    mskClusters,
    problems,
    skipped: input.skipped,
  };
}

function stateOf(refs: BrokerRef[]): ServiceState {
  const source = refs.some((r) => r.cluster === 'source');
  const target = refs.some((r) => r.cluster === 'target');
  return source && target ? 'mixed' : source ? 'source' : target ? 'target' : 'none';
}

/** The manifest's environments; in zero-config mode the ones names told, or `default`. */
function environmentNames(manifest: Manifest, refs: BrokerRef[]): string[] {
  if (manifest.environments.length) return manifest.environments.map((e) => e.name);
  const seen = uniqSorted(refs.filter((r) => r.cluster !== 'unknown' && r.environment).map((r) => r.environment!));
  return seen.length ? seen : ['default'];
}

function buildTopics(decls: TopicDecl[], services: Service[]): TopicInfo[] {
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
  return [...byName.values()].sort((a, b) => cmp(a.name, b.name));
}

/** `APP_TOPICS_IN`, `app.topics.in` and `app-topics-in` are one key (Spring's relaxed binding). */
export function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[._-]/g, '');
}

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

function setAdd<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function uniqSorted(values: string[]): string[] {
  return [...new Set(values)].sort(cmp);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
