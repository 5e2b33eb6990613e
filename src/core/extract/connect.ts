// Kafka Connect connectors, read from the settings a format reader already recorded: a REST payload
// (`{"name": ..., "config": {"connector.class": ...}}` or flat), a `.properties` connector file, a Strimzi
// `KafkaConnector` (`spec.class`, `spec.config`). A sink consumes its `topics` / `topics.regex`; a source
// produces to `topic` / `kafka.topic`, or to topics named by a prefix (recorded as a pattern).
// The worker's `bootstrap.servers` (and Strimzi `KafkaConnect.spec.bootstrapServers`) is a plain
// connection-string key the format reader already reports.
import type { FileFacts, MirrorCluster, MirrorFlow, Setting, TopicDirection } from '../model/types';
import { MM2_DEFAULT_EXCLUDE, MM2_DEFAULT_TOPICS } from '../domain/mirrorMaker';
import { LineIndex } from './text';

export type ConnectorKind = 'sink' | 'source' | 'mirror' | 'unknown';

const CLIENT = 'connect';
const TOPIC_NAME = /^[A-Za-z0-9._-]+$/;

/** Cheap test before looking: the text can hold a connector. */
export function mayHoldConnector(text: string): boolean {
  return text.includes('connector.class') || text.includes('KafkaConnector');
}

/**
 * Sink or source from the class name: Debezium's connectors are sources whatever their name; MirrorMaker's
 * connectors are the mirror (read by mirror.ts, not a service's edges); otherwise Connect's naming
 * convention (`…SinkConnector`, `…SourceConnector`, `…Sink`, `…Source`).
 */
export function connectorKind(className: string): ConnectorKind {
  const name = className.trim();
  if (/^org\.apache\.kafka\.connect\.mirror\.|(?:^|\.)Mirror(?:Source|Checkpoint|Heartbeat)Connector$/.test(name)) return 'mirror';
  if (/^io\.debezium\.connector\./.test(name)) return 'source';
  const simple = name.slice(name.lastIndexOf('.') + 1);
  if (/Sink(?:Connector|Task)?$/i.test(simple)) return 'sink';
  if (/Source(?:Connector|Task)?$/i.test(simple)) return 'source';
  return 'unknown';
}

interface Connector {
  className: Setting;
  /** The prefix of its config keys (`config.`, `spec.config.`, `` for a flat file). */
  prefix: string;
  /** The settings of the file that belong to it. */
  settings: Setting[];
  name?: Setting;
}

/** Adds the topic uses and the sink's group of every connector among the file's settings. */
export function readConnectors(facts: FileFacts, text: string): void {
  const connectors = findConnectors(facts.settings);
  if (!connectors.length) return;
  const index = new LineIndex(text);
  for (const c of connectors) {
    const kind = connectorKind(c.className.value);
    if (kind === 'mirror') {
      mirrorConnector(facts, c);
      continue;
    }
    if (kind === 'unknown') continue;
    const own = new Set(c.settings.map((s) => at(s)));
    // The generic key reading may have guessed a direction (`errors.deadletterqueue.topic.name`); the class decides here.
    facts.topicUses = facts.topicUses.filter((u) => !own.has(`${u.range.start.line}:${u.range.start.column}`));
    const get = (k: string) => c.settings.find((s) => s.key === c.prefix + k);
    if (kind === 'sink') {
      const topics = get('topics');
      if (topics) names(facts, index, text, topics, 'consume');
      const regex = get('topics.regex');
      if (regex) pattern(facts, regex, 'consume', regex.value.trim());
      const dlq = get('errors.deadletterqueue.topic.name');
      if (dlq) names(facts, index, text, dlq, 'produce');
      sinkGroup(facts, c, get('consumer.override.group.id'));
    } else {
      for (const k of ['topic', 'kafka.topic', 'topics']) {
        const s = get(k);
        if (s) names(facts, index, text, s, 'produce');
      }
      const debezium = /^io\.debezium\./.test(c.className.value.trim());
      const prefix = get('topic.prefix') ?? (debezium ? get('database.server.name') : undefined);
      // Debezium names topics `<prefix>.<schema>.<table>`; JDBC and most others `<prefix><table>`.
      const tables = debezium ? undefined : (get('table.whitelist') ?? get('table.include.list') ?? get('tables'));
      const named = prefix && tables && TOPIC_NAME.test(prefix.value.trim()) && prefixedTables(facts, prefix, tables);
      if (prefix && !named && TOPIC_NAME.test(prefix.value.trim()))
        pattern(facts, prefix, 'produce', escape(prefix.value.trim()) + (debezium ? '\\..*' : '.*'));
      for (const k of ['schema.history.internal.kafka.topic', 'database.history.kafka.topic']) {
        const s = get(k);
        if (s) names(facts, index, text, s, 'produce');
      }
    }
  }
}

function at(s: Setting): string {
  return `${s.range.start.line}:${s.range.start.column}`;
}

function findConnectors(settings: Setting[]): Connector[] {
  const out: Connector[] = [];
  let strimzi = false;
  settings.forEach((s, i) => {
    if (s.key === 'kind') strimzi = s.value === 'KafkaConnector';
    let prefix: string | undefined;
    if (s.key === 'connector.class' || s.key.endsWith('.connector.class')) prefix = s.key.slice(0, s.key.length - 'connector.class'.length);
    else if (strimzi && s.key === 'spec.class') prefix = 'spec.config.';
    if (prefix === undefined) return;
    // Its settings: those under the prefix, within the same document (until the next connector of that prefix).
    const start = documentStart(settings, i);
    const end = nextConnector(settings, i, prefix);
    const mine = settings.slice(start, end).filter((t) => t.key.startsWith(prefix!));
    const parent = prefix.replace(/(?:^|\.)config\.$/, (m) => (m.startsWith('.') ? '.' : ''));
    const name =
      settings.slice(start, end).find((t) => t.key === `${prefix}name` || t.key === `${parent}name`) ??
      (strimzi ? settings.slice(start, end).find((t) => t.key === 'metadata.name') : undefined);
    out.push(name ? { className: s, prefix, settings: mine, name } : { className: s, prefix, settings: mine });
  });
  return out;
}

function documentStart(settings: Setting[], i: number): number {
  for (let j = i; j >= 0; j--) if (settings[j].key === 'kind') return j;
  return 0;
}

function nextConnector(settings: Setting[], i: number, prefix: string): number {
  for (let j = i + 1; j < settings.length; j++) {
    const k = settings[j].key;
    if (k === 'kind' || k === `${prefix}connector.class`) return j;
  }
  return settings.length;
}

/** A comma list of topic names, each ranged exactly when the value is written verbatim. */
function names(facts: FileFacts, index: LineIndex, text: string, s: Setting, direction: TopicDirection): void {
  const offset = index.offset(s.range.start);
  const verbatim = text.startsWith(s.value, offset);
  let pos = 0;
  for (const raw of s.value.split(',')) {
    const name = raw.trim();
    const lead = raw.length - raw.trimStart().length;
    if (name && TOPIC_NAME.test(name)) {
      const range = verbatim ? index.range(offset + pos + lead, name.length) : s.range;
      facts.topicUses.push({ file: facts.file, direction, topic: name, client: CLIENT, range });
    }
    pos += raw.length + 1;
  }
}

/**
 * The JDBC source (and the connectors that copy its naming) writes each listed table to `<prefix><table>`
 * (the table's own name, without its schema):
 * named topics, ranged at the prefix. False when a table entry is no plain name (a pattern), which then
 * leaves the prefix pattern.
 */
function prefixedTables(facts: FileFacts, prefix: Setting, tables: Setting): boolean {
  const list = tables.value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (!list.length || !list.every((t) => TOPIC_NAME.test(t))) return false;
  // A qualified entry (`public.activities`) names its table: the topic takes the table's own name.
  for (const table of list)
    facts.topicUses.push({
      file: facts.file,
      direction: 'produce',
      topic: prefix.value.trim() + table.slice(table.lastIndexOf('.') + 1),
      client: CLIENT,
      range: prefix.range,
    });
  return true;
}

function pattern(facts: FileFacts, s: Setting, direction: TopicDirection, regex: string): void {
  if (!regex) return;
  facts.topicUses.push({ file: facts.file, direction, topic: regex, pattern: true, client: CLIENT, range: s.range });
}

/** A sink's consumer group is `connect-<name>` unless `consumer.override.group.id` says otherwise. */
function sinkGroup(facts: FileFacts, c: Connector, override: Setting | undefined): void {
  if (override) {
    // The generic reading already recorded `…group.id`; nothing to add.
    if (facts.groups.some((g) => g.range.start.line === override.range.start.line)) return;
    facts.groups.push({ file: facts.file, group: override.value.trim(), client: CLIENT, range: override.range });
    return;
  }
  if (!c.name || !c.name.value.trim()) return;
  facts.groups.push({ file: facts.file, group: `connect-${c.name.value.trim()}`, client: CLIENT, range: c.name.range });
}

/**
 * MirrorMaker 2 deployed as Connect connectors (`MirrorSourceConnector`, `MirrorCheckpointConnector`):
 * one flow `source.cluster.alias -> target.cluster.alias`; the clusters' bootstraps are mirror facts.
 */
function mirrorConnector(facts: FileFacts, c: Connector): void {
  const simple = c.className.value.trim().replace(/^.*\./, '');
  const part = simple === 'MirrorSourceConnector' ? 'source' : simple === 'MirrorCheckpointConnector' ? 'checkpoint' : undefined;
  if (!part) return;
  const get = (k: string) => c.settings.find((s) => s.key === c.prefix + k);
  const list = (s: Setting | undefined, fallback: string[]) =>
    s
      ? s.value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
      : fallback;
  const bool = (s: Setting | undefined, fallback: boolean) => (s ? s.value.trim().toLowerCase() === 'true' : fallback);
  const sourceAlias = get('source.cluster.alias')?.value.trim() || 'source';
  const targetAlias = get('target.cluster.alias')?.value.trim() || 'target';
  const clusters: MirrorCluster[] = [];
  for (const [alias, side] of [
    [sourceAlias, 'source'],
    [targetAlias, 'target'],
  ] as const) {
    const b = get(`${side}.cluster.bootstrap.servers`);
    if (b) clusters.push({ alias, bootstrap: b.value, range: b.range });
  }
  const policy = get('replication.policy.class')?.value.trim();
  const flow: MirrorFlow = {
    source: sourceAlias,
    target: targetAlias,
    enabled: true,
    topics: list(get('topics'), MM2_DEFAULT_TOPICS),
    topicsExclude: list(get('topics.exclude') ?? get('topics.blacklist'), MM2_DEFAULT_EXCLUDE),
    syncGroupOffsets: bool(get('sync.group.offsets.enabled'), false),
    emitCheckpoints: bool(get('emit.checkpoints.enabled'), true),
    range: c.className.range,
    connector: part,
  };
  if (policy) {
    if (part === 'source') flow.replicationPolicy = policy;
    else flow.checkpointReplicationPolicy = policy;
  }
  facts.mirrors.push({ file: facts.file, range: c.className.range, clusters, flows: [flow] });
  const bootstraps = new Set(clusters.map((x) => `${x.range.start.line}:${x.range.start.column}`));
  facts.brokerRefs = facts.brokerRefs.filter((r) => !bootstraps.has(`${r.range.start.line}:${r.range.start.column}`));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
