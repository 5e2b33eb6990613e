import type { Finding } from '../model/types';
import type { Rule } from './context';

/** MSK does not auto-create topics: a topic a service uses must be declared before the service moves. */
export const topicNotInTerraform: Rule = {
  id: 'topic-not-in-terraform',
  defaultSeverity: 'error',
  run({ model, severity }) {
    if (model.mskClusters.some((c) => c.autoCreateTopics)) return [];
    const out: Finding[] = [];
    for (const topic of model.topics) {
      if (topic.declared) continue;
      for (const use of model.usesByTopic.get(topic.name) ?? []) {
        if (!use.service) continue;
        out.push({
          rule: 'topic-not-in-terraform',
          severity,
          service: use.service,
          topic: topic.name,
          file: use.file,
          range: use.range,
          message: `topic ${topic.name} (${use.direction === 'produce' ? 'produced' : 'consumed'} by ${use.service}) is declared by no kafka_topic; MSK does not auto-create topics`,
        });
      }
    }
    return out;
  },
};
