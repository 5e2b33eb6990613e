// The shared reading of structured config (YAML and JSON parse into this shape): flattened keys, env maps
// and env lists (compose, Kubernetes, ECS), command lines, broker lists, ConfigMap data, Strimzi topics.
import { commandRefs } from '../commandRefs';
import { commandTopicUses } from '../commandTopics';
import { scanEnvLines } from './envLines';
import { scanProperties } from './propertiesLines';
import { scalarRef } from '../text';
import type { ConfigRecorder, ValuePart } from './record';

export interface ScalarNode {
  kind: 'scalar';
  /** The value as the format reads it; null for an empty YAML value or JSON null. */
  value: string | null;
  /** Where the value's content is (inside quotes); `exact` when text there is the value verbatim. */
  offset: number;
  length: number;
  exact: boolean;
  /** The whole node as written (quotes, block header included), for scanning commands inside. */
  sourceStart: number;
  sourceEnd: number;
  /** A block scalar (`|`, `>`): its content lines, verbatim but indented, start after the header line. */
  block?: { contentStart: number };
}

export interface MapNode {
  kind: 'map';
  entries: Array<{ key: string; keyOffset: number; value: TreeNode | null }>;
}

export interface SeqNode {
  kind: 'seq';
  items: TreeNode[];
}

export type TreeNode = ScalarNode | MapNode | SeqNode;

// Maps whose keys are environment variable names, not nested config: compose `environment:`, Helm `env:`;
// as lists, compose `- KEY=value` and Kustomize `configMapGenerator` `literals: [KEY=value]`.
const ENV_MAP_KEY = /^(?:env|environment|extraEnv|extraEnvVars|envVars|environmentVariables|envs|literals)$/i;
const COMMAND_KEY = /^(?:command|args|entrypoint|entryPoint|test|cmd|script|run|healthcheck|exec|before_script|after_script)$/i;
const COMMAND_HINT = /--b|kcat|kafkacat|-e |--env|\.servers=|console-(?:producer|consumer)/;
const BROKER_FLAG = /^(?:--bootstrap-servers?|--broker-list|--brokers)$/;
const COMPOSE_ENTRY = /^([A-Za-z_][A-Za-z0-9_.-]*)(?:=|$)/;

/** Reads one parsed document (YAML) or the whole file (JSON). */
export function readTree(recorder: ConfigRecorder, root: TreeNode | null): void {
  if (!root) return;
  const kind = root.kind === 'map' ? scalarText(entry(root, 'kind')) : undefined;
  if (kind === 'KafkaTopic') readKafkaTopic(recorder, root as MapNode);
  visit(recorder, root, '', kind);
}

function entry(map: MapNode, key: string): TreeNode | null | undefined {
  for (const e of map.entries) if (e.key === key) return e.value;
  return undefined;
}

function scalarText(node: TreeNode | null | undefined): string | undefined {
  return node && node.kind === 'scalar' && node.value !== null ? node.value : undefined;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function visit(recorder: ConfigRecorder, node: TreeNode, path: string, docKind: string | undefined): void {
  if (node.kind === 'scalar') {
    if (path) scalar(recorder, path, node, -1);
    return;
  }
  if (node.kind === 'seq') {
    sequence(recorder, node, path, docKind);
    return;
  }
  const top = path === '';
  for (const e of node.entries) {
    const key = join(path, e.key);
    const value = e.value;
    if (!value || (value.kind === 'scalar' && value.value === null)) {
      recorder.valueless(key, e.keyOffset);
      continue;
    }
    if (
      value.kind === 'map' &&
      (ENV_MAP_KEY.test(e.key) || (top && (e.key === 'data' || e.key === 'stringData') && isConfigMap(docKind)))
    ) {
      envMap(recorder, value, docKind);
    } else if (value.kind === 'seq' && ENV_MAP_KEY.test(e.key)) {
      envList(recorder, value, key, docKind);
    } else if (value.kind === 'scalar') {
      scalar(recorder, key, value, e.keyOffset, COMMAND_KEY.test(e.key));
    } else if (value.kind === 'seq' && COMMAND_KEY.test(e.key)) {
      commandList(recorder, value);
    } else if (path === 'services' && value.kind === 'map' && isBrokerService(value)) {
      brokerService(recorder, value, key, docKind);
    } else {
      visit(recorder, value, key, docKind);
    }
  }
}

// A compose service that runs a broker: its own settings and its self health check name the broker's
// address, but no client of it connects there, so nothing in it is a connection string to move.
const BROKER_IMAGE = /(?:^|\/)(?:cp-kafka|cp-server|kafka|redpanda)(?::|@|$)/i;
const BROKER_SETTING = /^KAFKA_(?:CFG_)?(?:ADVERTISED_LISTENERS|LISTENERS|BROKER_ID|NODE_ID|PROCESS_ROLES|ZOOKEEPER_CONNECT)$/;

function isBrokerService(service: MapNode): boolean {
  const env = entry(service, 'environment');
  const image = scalarText(entry(service, 'image'));
  // The broker's image with its own command is a client: an init container creating topics, a console producer.
  const ownCommand = entry(service, 'command') !== undefined || entry(service, 'entrypoint') !== undefined;
  if (image && BROKER_IMAGE.test(image) && !ownCommand) return true;
  if (env?.kind === 'map') return env.entries.some((e) => BROKER_SETTING.test(e.key));
  if (env?.kind === 'seq')
    return env.items.some((i) => i.kind === 'scalar' && i.value !== null && BROKER_SETTING.test(COMPOSE_ENTRY.exec(i.value)?.[1] ?? ''));
  return false;
}

function brokerService(recorder: ConfigRecorder, service: MapNode, path: string, docKind: string | undefined): void {
  const refs = recorder.facts.brokerRefs;
  const before = refs.length;
  visit(recorder, service, path, docKind);
  refs.splice(before);
}

function isConfigMap(kind: string | undefined): boolean {
  return kind === 'ConfigMap' || kind === 'Secret';
}

function scalar(recorder: ConfigRecorder, key: string, node: ScalarNode, keyOffset: number, isCommand = false): void {
  if (node.value === null) {
    if (keyOffset >= 0) recorder.valueless(key, keyOffset);
    return;
  }
  const before = recorder.facts.brokerRefs.length;
  recorder.scalar(key, node.value, node.offset, node.length);
  if ((isCommand || COMMAND_HINT.test(node.value)) && recorder.facts.brokerRefs.length === before) {
    commands(recorder, node);
  }
}

function commands(recorder: ConfigRecorder, node: ScalarNode): void {
  const { file, text, index, opts, facts } = recorder;
  facts.brokerRefs.push(...commandRefs(file, facts.format, text, node.sourceStart, node.sourceEnd, index, opts));
  facts.topicUses.push(...commandTopicUses(file, text, node.sourceStart, node.sourceEnd, index));
}

/** `environment:`/`env:` as a map, or a ConfigMap's `data:`: keys are variable names (or file names). */
function envMap(recorder: ConfigRecorder, map: MapNode, docKind: string | undefined): void {
  for (const e of map.entries) {
    const value = e.value;
    if (!value || (value.kind === 'scalar' && value.value === null)) {
      recorder.valueless(e.key, e.keyOffset);
    } else if (value.kind === 'scalar') {
      if (value.block && embedded(recorder, e.key, value)) continue;
      scalar(recorder, e.key, value, e.keyOffset);
    } else {
      visit(recorder, value, e.key, docKind);
    }
  }
}

/** A ConfigMap entry holding a whole config file (`application.properties: |`): read it in place. */
function embedded(recorder: ConfigRecorder, name: string, node: ScalarNode): boolean {
  const start = node.block?.contentStart;
  if (start === undefined) return false;
  const lower = name.toLowerCase();
  if (lower.endsWith('.properties')) {
    scanProperties(recorder, start, node.sourceEnd);
    return true;
  }
  if (lower === '.env' || lower.endsWith('.env')) {
    const { file, text, index, opts, facts } = recorder;
    scanEnvLines(file, text, start, node.sourceEnd, index, opts, facts, 'config');
    return true;
  }
  return false;
}

/** A list under an env key: compose `- KEY=value` / `- KEY`, or Kubernetes `- name: X` + `value: Y`. */
function envList(recorder: ConfigRecorder, seq: SeqNode, path: string, docKind: string | undefined): void {
  seq.items.forEach((item, i) => {
    if (item.kind === 'scalar') composeEntry(recorder, item);
    else if (item.kind === 'map') {
      if (!namedValue(recorder, item)) visit(recorder, item, `${path}[${i}]`, docKind);
    } else visit(recorder, item, `${path}[${i}]`, docKind);
  });
}

function composeEntry(recorder: ConfigRecorder, item: ScalarNode): void {
  if (item.value === null) return;
  const m = COMPOSE_ENTRY.exec(item.value);
  if (!m) return;
  const key = m[1];
  if (m[0].length === key.length) {
    if (item.exact) recorder.valueless(key, item.offset);
    else recorder.facts.settings.push({ file: recorder.file, key, value: '', range: recorder.index.range(item.offset, item.length) });
    return;
  }
  const value = item.value.slice(key.length + 1);
  if (item.exact) recorder.scalar(key, value, item.offset + key.length + 1);
  else recorder.scalar(key, value, item.offset, item.length);
}

/** `{ name: X, value: Y }` (Kubernetes env, ECS environment): setting X = Y. False when not that shape. */
function namedValue(recorder: ConfigRecorder, map: MapNode): boolean {
  const name = scalarText(entry(map, 'name'));
  if (name === undefined) return false;
  const value = entry(map, 'value');
  if (value && value.kind === 'scalar' && value.value !== null) {
    scalar(recorder, name, value, -1);
    return true;
  }
  // `valueFrom:` (a secret or field ref) has no literal; the name alone is still a setting.
  return entry(map, 'valueFrom') !== undefined;
}

function sequence(recorder: ConfigRecorder, seq: SeqNode, path: string, docKind: string | undefined): void {
  const scalars = seq.items.every((i) => i.kind === 'scalar');
  if (scalars && seq.items.length > 0) {
    const items = seq.items as ScalarNode[];
    if (path && items.every((i) => i.exact && i.value !== null)) {
      const parts: ValuePart[] = items.map((i) => ({ text: i.value as string, offset: i.offset }));
      const before = recorder.facts.brokerRefs.length;
      recorder.list(path, parts);
      if (recorder.facts.brokerRefs.length > before) return;
    }
    if (items.some((i) => i.value !== null && COMMAND_HINT.test(i.value))) commandList(recorder, seq);
    return;
  }
  seq.items.forEach((item, i) => {
    if (item.kind === 'map' && namedValue(recorder, item)) return;
    visit(recorder, item, `${path}[${i}]`, docKind);
  });
}

/** `command: [kafka-topics, --bootstrap-server, kafka:9092]`: a flag's value may be the next item. */
function commandList(recorder: ConfigRecorder, seq: SeqNode): void {
  const { file, index, opts, facts } = recorder;
  let kcat = false;
  seq.items.forEach((item, i) => {
    if (item.kind !== 'scalar' || item.value === null) return;
    const value = item.value;
    if (/(?:^|\/)(?:kcat|kafkacat)$/.test(value)) kcat = true;
    const next = seq.items[i + 1];
    if ((BROKER_FLAG.test(value) || (kcat && value === '-b')) && next && next.kind === 'scalar' && next.exact && next.value) {
      const ref = scalarRef(file, facts.format, 'command', undefined, next.value, next.offset, index, { ...opts, keyed: true });
      if (ref) facts.brokerRefs.push(ref);
      return;
    }
    if (COMMAND_HINT.test(value)) commands(recorder, item);
  });
  const first = seq.items[0];
  const last = seq.items[seq.items.length - 1];
  if (first?.kind === 'scalar' && last?.kind === 'scalar') {
    facts.topicUses.push(...commandTopicUses(file, recorder.text, first.sourceStart, last.sourceEnd, index, true));
  }
}

/** A Strimzi `KafkaTopic`: the topic is `spec.topicName`, else `metadata.name`. */
function readKafkaTopic(recorder: ConfigRecorder, root: MapNode): void {
  const spec = entry(root, 'spec');
  const metadata = entry(root, 'metadata');
  const specMap = spec && spec.kind === 'map' ? spec : undefined;
  const nameNode = (specMap && entry(specMap, 'topicName')) || (metadata && metadata.kind === 'map' ? entry(metadata, 'name') : undefined);
  if (!nameNode || nameNode.kind !== 'scalar' || !nameNode.value) return;
  const { file, index, facts } = recorder;
  const decl: (typeof facts.topicDecls)[number] = { name: nameNode.value, file, range: index.range(nameNode.offset, nameNode.length) };
  const partitions = Number(scalarText(specMap && entry(specMap, 'partitions')));
  const replicas = Number(scalarText(specMap && entry(specMap, 'replicas')));
  if (Number.isInteger(partitions)) decl.partitions = partitions;
  if (Number.isInteger(replicas)) decl.replicationFactor = replicas;
  const config = specMap && entry(specMap, 'config');
  if (config && config.kind === 'map') {
    decl.config = {};
    for (const e of config.entries) {
      const v = scalarText(e.value);
      if (v !== undefined) decl.config[e.key] = v;
    }
  }
  facts.topicDecls.push(decl);
}
