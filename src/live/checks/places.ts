// Where in the repository a topic or a group is written, so a live finding can point there.
import type { Model, Range } from '../../core';

export interface Place {
  file: string;
  range: Range;
}

/** The topic's `kafka_topic` declaration, else its first use in the repository. */
export function topicPlace(model: Model, topic: string): Place | undefined {
  const decl = model.topics.find((t) => t.name === topic)?.decl;
  if (decl) return { file: decl.file, range: decl.range };
  const use = model.topicUses.find((u) => u.resolved === topic && !u.pattern);
  return use ? { file: use.file, range: use.range } : undefined;
}

/** Where the topic is produced (the producer that must wait, or that moved), else topicPlace(). */
export function producePlace(model: Model, topic: string): Place | undefined {
  const use = model.topicUses.find((u) => u.resolved === topic && !u.pattern && u.direction === 'produce');
  return use ? { file: use.file, range: use.range } : topicPlace(model, topic);
}

/** The first place a consumer group id is written in the service's files (or anywhere, without a service). */
export function groupPlace(model: Model, group: string, service?: string): Place | undefined {
  const files = service ? new Set(model.services.find((s) => s.name === service)?.files ?? []) : undefined;
  for (const facts of model.facts.values()) {
    if (files && !files.has(facts.file)) continue;
    const use = facts.groups.find((g) => g.group === group);
    if (use) return { file: use.file, range: use.range };
  }
  return undefined;
}

/** Topic names the repository uses or declares, without patterns and Kafka's own internal topics. */
export function repositoryTopics(model: Model): string[] {
  const names = new Set<string>();
  for (const t of model.topics) names.add(t.name);
  for (const u of model.topicUses) if (u.resolved && !u.pattern) names.add(u.resolved);
  return [...names].filter((n) => !n.startsWith('__')).sort();
}
