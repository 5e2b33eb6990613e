import type { Severity } from '../model/common';
import type { Model } from '../model/repository';
import type { Finding } from '../model/findings';
import type { Rule } from './context';

/** MSK does not auto-create topics: a topic a service uses must be declared before the service moves. */
export const topicNotInTerraform: Rule = {
  id: 'topic-not-in-terraform',
  defaultSeverity: 'error',
  run({ model, severity }) {
    if (model.mskClusters.some((c) => c.autoCreateTopics)) return [];
    // Kafka Streams creates and manages its internal topics (repartition, changelog) itself.
    const streamsOnly = new Set(model.topics.map((t) => t.name));
    for (const u of model.topicUses) if (u.resolved && !u.internal) streamsOnly.delete(u.resolved);
    const undeclared = new Set(model.topics.filter((t) => !t.declared && !streamsOnly.has(t.name)).map((t) => t.name));
    if (!undeclared.size) return [];
    const uses = model.topicUses.filter((u) => u.service && !u.pattern && !u.internal && u.resolved && undeclared.has(u.resolved));
    if (!uses.length) return [];
    // A repository that declares no topic at all manages them elsewhere (or not yet): one hint, not an
    // error per topic that repeats the same news.
    if (!model.topics.some((t) => t.declared)) return [noDeclarations(uses, undeclared.size, severity)];
    return uses.map((use): Finding => ({
      rule: 'topic-not-in-terraform',
      severity,
      service: use.service,
      topic: use.resolved,
      file: use.file,
      range: use.range,
      message: `topic ${use.resolved} (${use.direction === 'produce' ? 'produced' : 'consumed'} by ${use.service}) is declared by no kafka_topic; MSK does not auto-create topics`,
    }));
  },
};

type Use = Model['topicUses'][number];

/** The one finding for a repository without any topic declaration: a warning at most, at the first use. */
function noDeclarations(uses: Use[], topics: number, severity: Severity): Finding {
  const first = [...uses].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column,
  )[0];
  const services = new Set(uses.map((u) => u.service)).size;
  return {
    rule: 'topic-not-in-terraform',
    severity: severity === 'error' ? 'warning' : severity,
    file: first.file,
    range: first.range,
    message: `no topic is declared anywhere in this repository (no Terraform kafka_topic, no Strimzi KafkaTopic): ${topics} topic(s) used by ${services} service(s); MSK does not auto-create topics, so declare them where you manage MSK before the services move`,
  };
}
