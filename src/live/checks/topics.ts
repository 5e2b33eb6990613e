// Every topic the repository uses or declares must exist on the target (MSK does not auto-create),
// with the partitions, replication factor and configs Terraform declares. The source shows what
// MirrorMaker 2 would create differently when it creates a topic itself.
import type { TopicDecl } from '../../core';
import type { TopicDescription } from '../client';
import { explain } from '../explain';
import { repositoryTopics, topicPlace } from './places';
import type { CheckContext, CheckResult, LiveFinding } from './types';

export interface TopicShape {
  partitions: number;
  replicationFactor: number;
  /** Only the configs Terraform declares, as the cluster reports them. */
  configs: Record<string, string>;
}

export interface TopicRow {
  topic: string;
  declared: boolean;
  target: TopicShape | null;
  source: TopicShape | null;
  /** Human-readable differences, e.g. `partitions: declared 6, target 3`. */
  drift: string[];
}

function shapeOf(description: TopicDescription | undefined, decl: TopicDecl | undefined): TopicShape | null {
  if (!description) return null;
  const configs: Record<string, string> = {};
  for (const key of Object.keys(decl?.config ?? {}).sort()) {
    const value = description.configs[key];
    if (value !== undefined) configs[key] = value;
  }
  return { partitions: description.partitions, replicationFactor: description.replicationFactor, configs };
}

/** Config values compare as Kafka reads them: `"604800000"` and `604800000` are the same. */
function sameConfigValue(declared: string, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  return declared.trim().toLowerCase() === actual.trim().toLowerCase();
}

export async function checkTopics(context: CheckContext): Promise<CheckResult<TopicRow[]>> {
  const { model, environment } = context;
  const env = environment.name;
  const findings: LiveFinding[] = [];
  const names = repositoryTopics(model);
  const rows: TopicRow[] = [];
  const base = { check: 'topics' as const, environment: env };

  let target: Map<string, TopicDescription>;
  try {
    target = await (await context.client('target')).describeTopics(names, { signal: context.signal });
  } catch (error) {
    findings.push({
      ...base,
      cluster: 'target',
      severity: 'error',
      message: `cannot read topics from the target: ${explain(error, 'target').message}`,
    });
    return { check: 'topics', environment: env, results: rows, findings };
  }
  // The source is context, not a requirement: when it can't be read the target comparison still stands.
  let source: Map<string, TopicDescription> | undefined;
  try {
    source = await (await context.client('source')).describeTopics(names, { signal: context.signal });
  } catch (error) {
    findings.push({
      ...base,
      cluster: 'source',
      severity: 'warning',
      message: `cannot read topics from the source, so no comparison with it: ${explain(error, 'source').message}`,
    });
  }

  for (const topic of names) {
    const info = model.topics.find((t) => t.name === topic);
    const decl = info?.decl;
    const onTarget = target.get(topic);
    const onSource = source?.get(topic);
    const row: TopicRow = { topic, declared: Boolean(decl), target: shapeOf(onTarget, decl), source: shapeOf(onSource, decl), drift: [] };
    rows.push(row);
    const place = topicPlace(model, topic);
    const at = { ...base, topic, ...(place ?? {}) };

    if (!onTarget) {
      const users = [...(info?.producers ?? []), ...(info?.consumers ?? [])];
      const who = users.length ? ` (used by ${[...new Set(users)].join(', ')})` : '';
      findings.push({
        ...at,
        cluster: 'target',
        severity: 'error',
        message: decl
          ? `topic ${topic} is declared in Terraform but does not exist on the target in ${env}${who}: apply the Terraform before services move`
          : `topic ${topic} does not exist on the target in ${env}${who}, and the target does not auto-create topics: declare it (kafka_topic) or let MirrorMaker 2 create it`,
      });
      continue;
    }

    if (decl) {
      if (decl.partitions !== undefined && decl.partitions !== onTarget.partitions) {
        row.drift.push(`partitions: declared ${decl.partitions}, target ${onTarget.partitions}`);
      }
      if (decl.replicationFactor !== undefined && decl.replicationFactor !== onTarget.replicationFactor) {
        row.drift.push(`replication factor: declared ${decl.replicationFactor}, target ${onTarget.replicationFactor}`);
      }
      for (const [key, value] of Object.entries(decl.config ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
        const actual = onTarget.configs[key];
        if (!sameConfigValue(value, actual)) row.drift.push(`${key}: declared ${value}, target ${actual ?? '(not set)'}`);
      }
      if (row.drift.length) {
        findings.push({
          ...at,
          cluster: 'target',
          severity: 'warning',
          message: `topic ${topic} on the target differs from Terraform: ${row.drift.join('; ')}`,
        });
      }
    }

    if (onSource) {
      const differences: string[] = [];
      if (onSource.partitions !== onTarget.partitions)
        differences.push(`partitions: source ${onSource.partitions}, target ${onTarget.partitions}`);
      if (onSource.replicationFactor !== onTarget.replicationFactor) {
        differences.push(`replication factor: source ${onSource.replicationFactor}, target ${onTarget.replicationFactor}`);
      }
      if (differences.length) {
        row.drift.push(...differences);
        // Fewer partitions on the target reorders keys across partitions: consumers relying on per-key order notice.
        const severity = onSource.partitions > onTarget.partitions ? 'warning' : 'info';
        const why = decl ? '' : ' (MirrorMaker 2 creates topics with its own replication.factor unless Terraform declares them)';
        findings.push({
          ...at,
          cluster: 'target',
          severity,
          message: `topic ${topic} differs between source and target: ${differences.join('; ')}${why}`,
        });
      }
    }
  }
  return { check: 'topics', environment: env, results: rows, findings };
}
