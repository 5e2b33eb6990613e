import type { Finding } from '../model/types';
import type { Rule } from './context';

/** MSK does not auto-create topics: a topic a service uses must be declared before the service moves. */
export const topicNotInTerraform: Rule = {
  id: 'topic-not-in-terraform',
  defaultSeverity: 'error',
  run({ model, severity }) {
    if (model.mskClusters.some((c) => c.autoCreateTopics)) return [];
    const undeclared = new Set(model.topics.filter((t) => !t.declared).map((t) => t.name));
    if (!undeclared.size) return [];
    const out: Finding[] = [];
    for (const use of model.topicUses) {
      if (!use.service || use.pattern || !use.resolved || !undeclared.has(use.resolved)) continue;
      out.push({
        rule: 'topic-not-in-terraform',
        severity,
        service: use.service,
        topic: use.resolved,
        file: use.file,
        range: use.range,
        message: `topic ${use.resolved} (${use.direction === 'produce' ? 'produced' : 'consumed'} by ${use.service}) is declared by no kafka_topic; MSK does not auto-create topics`,
      });
    }
    return out;
  },
};
