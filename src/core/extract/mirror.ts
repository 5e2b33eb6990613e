// MirrorMaker 2 configs, read from the settings a format reader already recorded (so one reader covers
// `mm2.properties`, a ConfigMap or job carrying it as a block, and Strimzi `KafkaMirrorMaker2` YAML).
// The clusters' bootstrap servers are the mirror's own connections, not a service's: they leave the
// file's broker refs and become mirror facts.
import type { FileFacts, MirrorCluster, MirrorDecl, MirrorFlow, Range, Setting } from '../model/types';
import { MM2_DEFAULT_EXCLUDE, MM2_DEFAULT_TOPICS } from '../domain/mirrorMaker';
import { LineIndex } from './text';

const FLOW_KEY = /^([A-Za-z0-9_-]+)->([A-Za-z0-9_-]+)\.(.+)$/;
const STRIMZI_CLUSTER = /^spec\.clusters\[(\d+)\]\.(alias|bootstrapServers)$/;
const STRIMZI_MIRROR = /^spec\.mirrors\[(\d+)\]\.(.+)$/;

/** Cheap test before looking: the text can hold an MM2 config. */
export function mayHoldMirror(text: string): boolean {
  return text.includes('KafkaMirrorMaker2') || (text.includes('clusters') && text.includes('->'));
}

// MM2 properties written inside another file (a Nomad `template` heredoc, a YAML block scalar under any
// key): readers of env-style lines don't take `->` in a key, and YAML reads a block as one string, so the
// MM2 lines (`key = value`, the properties separator YAML never uses) are read here, with exact ranges.
const EMBEDDED_LINE =
  /^[ \t]*(clusters|[A-Za-z0-9_-]+\.bootstrap\.servers|[A-Za-z0-9_-]+->[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+|topics(?:\.exclude|\.blacklist)?|sync\.group\.offsets\.enabled|emit\.checkpoints\.enabled|replication\.policy\.class)[ \t]*=[ \t]*(.*?)[ \t]*\r?$/dgm;

/** Adds the MM2 settings of properties embedded in a non-properties file that its reader did not record. */
function embeddedSettings(facts: FileFacts, text: string): void {
  if (facts.format === 'properties') return;
  const seen = new Set(facts.settings.map((s) => `${s.key}@${key(s.range)}`));
  let index: LineIndex | undefined;
  EMBEDDED_LINE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = EMBEDDED_LINE.exec(text))) {
    index ??= new LineIndex(text);
    const [start, end] = m.indices![2];
    const range = index.range(start, end - start);
    if (!seen.has(`${m[1]}@${key(range)}`)) facts.settings.push({ file: facts.file, key: m[1], value: m[2], range });
  }
}

/** Finds MM2 configs among the file's settings; moves their cluster bootstraps out of `brokerRefs`. */
export function readMirrors(facts: FileFacts, text: string): void {
  embeddedSettings(facts, text);
  const settings = facts.settings;
  for (const segment of documents(settings)) {
    const strimzi = segment.some((s) => s.key === 'kind' && s.value === 'KafkaMirrorMaker2');
    const decl = strimzi ? strimziMirror(facts.file, segment) : propertiesMirror(facts.file, segment);
    if (!decl) continue;
    facts.mirrors.push(decl);
    for (const flow of decl.flows) checkFlow(facts, flow);
    const bootstraps = new Set(decl.clusters.map((c) => key(c.range)));
    facts.brokerRefs = facts.brokerRefs.filter((r) => !bootstraps.has(key(r.range)));
  }
}

/** What a reader of the file must know: a pattern the scan can't read, policies that disagree. */
function checkFlow(facts: FileFacts, flow: MirrorFlow): void {
  const at = flow.range.start;
  const problem = (message: string) =>
    facts.problems.push({ file: facts.file, line: at.line, column: at.column, severity: 'warning', message });
  if (!patternMatcher(flow.topics) || !patternMatcher(flow.topicsExclude)) {
    problem(`mirror ${flow.source}->${flow.target}: a topics pattern is not a readable regex, so which topics it copies is unknown`);
  }
  if (
    separateConnectors.has(flow) &&
    flow.emitCheckpoints &&
    simpleName(flow.replicationPolicy) !== simpleName(flow.checkpointReplicationPolicy)
  ) {
    problem(
      `mirror ${flow.source}->${flow.target}: replication.policy.class is ${flow.replicationPolicy ?? 'the default'} on the source connector but ${flow.checkpointReplicationPolicy ?? 'the default'} on the checkpoint connector; they must be the same or checkpoints name the wrong topics`,
    );
  }
}

const simpleName = (policy: string | undefined) => (policy ?? 'DefaultReplicationPolicy').trim().replace(/^.*\./, '');
/** Flows whose source and checkpoint connectors are configured apart (Strimzi), so their policies can differ. */
const separateConnectors = new WeakSet<MirrorFlow>();

function key(r: Range): string {
  return `${r.start.line}:${r.start.column}`;
}

/** Settings split at each top-level `kind` (one YAML document each); a properties file is one segment. */
function documents(settings: Setting[]): Setting[][] {
  const out: Setting[][] = [[]];
  for (const s of settings) {
    if (s.key === 'kind' && out[out.length - 1].some((p) => p.key === 'kind')) out.push([]);
    out[out.length - 1].push(s);
  }
  return out;
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  const v = value.trim().toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : fallback;
}

/** `clusters = old, msk` + `old.bootstrap.servers` + `old->msk.enabled = true` (Kafka's MirrorMakerConfig). */
function propertiesMirror(file: string, settings: Setting[]): MirrorDecl | undefined {
  const clustersSetting = settings.find((s) => s.key === 'clusters');
  if (!clustersSetting) return undefined;
  const aliases = list(clustersSetting.value);
  if (aliases.length < 2) return undefined;
  const get = (k: string) => settings.find((s) => s.key === k);
  const clusters: MirrorCluster[] = aliases.map((alias) => {
    const b = get(`${alias}.bootstrap.servers`);
    return b ? { alias, bootstrap: b.value, range: b.range } : { alias, range: clustersSetting.range };
  });
  const global = (k: string) => get(k)?.value;
  const pairs = new Map<string, { source: string; target: string; own: Map<string, Setting> }>();
  for (const s of settings) {
    const m = FLOW_KEY.exec(s.key);
    if (!m) continue;
    const id = `${m[1]}->${m[2]}`;
    let pair = pairs.get(id);
    if (!pair) pairs.set(id, (pair = { source: m[1], target: m[2], own: new Map() }));
    pair.own.set(m[3], s);
  }
  const flows: MirrorFlow[] = [];
  for (const { source, target, own } of pairs.values()) {
    const at = (k: string) => own.get(k)?.value ?? global(k);
    const topics = at('topics');
    const exclude = at('topics.exclude') ?? at('topics.blacklist');
    const policy = at('replication.policy.class');
    const flow: MirrorFlow = {
      source,
      target,
      enabled: bool(own.get('enabled')?.value, false),
      topics: topics !== undefined ? list(topics) : MM2_DEFAULT_TOPICS,
      topicsExclude: exclude !== undefined ? list(exclude) : MM2_DEFAULT_EXCLUDE,
      syncGroupOffsets: bool(at('sync.group.offsets.enabled'), false),
      emitCheckpoints: bool(at('emit.checkpoints.enabled'), true),
      range: (own.get('enabled') ?? [...own.values()][0]).range,
    };
    if (policy) flow.replicationPolicy = policy.trim();
    flows.push(flow);
  }
  return { file, range: clustersSetting.range, clusters, flows };
}

/** Strimzi `KafkaMirrorMaker2`: `spec.clusters[]` and `spec.mirrors[]` with their connectors' config. */
function strimziMirror(file: string, settings: Setting[]): MirrorDecl | undefined {
  const clusterRows = new Map<number, { alias?: Setting; bootstrap?: Setting }>();
  const mirrorRows = new Map<number, Map<string, Setting>>();
  for (const s of settings) {
    const c = STRIMZI_CLUSTER.exec(s.key);
    if (c) {
      const row = clusterRows.get(Number(c[1])) ?? {};
      if (c[2] === 'alias') row.alias = s;
      else row.bootstrap = s;
      clusterRows.set(Number(c[1]), row);
      continue;
    }
    const m = STRIMZI_MIRROR.exec(s.key);
    if (m) {
      const row = mirrorRows.get(Number(m[1])) ?? new Map<string, Setting>();
      row.set(m[2], s);
      mirrorRows.set(Number(m[1]), row);
    }
  }
  const clusters: MirrorCluster[] = [];
  for (const row of clusterRows.values()) {
    if (!row.alias) continue;
    clusters.push(
      row.bootstrap
        ? { alias: row.alias.value, bootstrap: row.bootstrap.value, range: row.bootstrap.range }
        : { alias: row.alias.value, range: row.alias.range },
    );
  }
  const flows: MirrorFlow[] = [];
  for (const row of mirrorRows.values()) {
    const source = row.get('sourceCluster');
    const target = row.get('targetCluster');
    if (!source || !target) continue;
    const v = (k: string) => row.get(k)?.value;
    const topics = v('topicsPattern');
    const exclude = v('topicsExcludePattern') ?? v('topicsBlacklistPattern');
    const sourcePolicy = v('sourceConnector.config.replication.policy.class');
    const checkpointPolicy = v('checkpointConnector.config.replication.policy.class');
    const flow: MirrorFlow = {
      source: source.value,
      target: target.value,
      // A mirror listed in a Strimzi resource runs.
      enabled: true,
      topics: topics !== undefined ? list(topics) : MM2_DEFAULT_TOPICS,
      topicsExclude: exclude !== undefined ? list(exclude) : MM2_DEFAULT_EXCLUDE,
      syncGroupOffsets: bool(v('checkpointConnector.config.sync.group.offsets.enabled'), false),
      emitCheckpoints: bool(v('checkpointConnector.config.emit.checkpoints.enabled'), true),
      range: source.range,
    };
    if (sourcePolicy) flow.replicationPolicy = sourcePolicy.trim();
    if (checkpointPolicy) flow.checkpointReplicationPolicy = checkpointPolicy.trim();
    separateConnectors.add(flow);
    flows.push(flow);
  }
  if (!clusters.length && !flows.length) return undefined;
  const kind = settings.find((s) => s.key === 'kind')!;
  return { file, range: kind.range, clusters, flows };
}

/** True when the flow keeps topic names on the target (`IdentityReplicationPolicy`, Kafka 3.0+). */
export function keepsNames(flow: MirrorFlow): boolean {
  return /IdentityReplicationPolicy$/.test(flow.replicationPolicy ?? '');
}

/** The pattern list as one whole-name matcher (MM2 joins the list with `|`), or undefined when not a JS-readable regex. */
export function patternMatcher(patterns: string[]): ((topic: string) => boolean) | undefined {
  if (!patterns.length) return () => false;
  try {
    const re = new RegExp(`^(?:${patterns.join('|')})$`);
    return (topic) => re.test(topic);
  } catch {
    return undefined;
  }
}

/** Whether the flow copies `topic`: matches `topics`, not `topics.exclude`. Undefined when a pattern can't be read. */
export function copies(flow: MirrorFlow, topic: string): boolean | undefined {
  const include = patternMatcher(flow.topics);
  const exclude = patternMatcher(flow.topicsExclude);
  if (!include || !exclude) return undefined;
  return include(topic) && !exclude(topic);
}
