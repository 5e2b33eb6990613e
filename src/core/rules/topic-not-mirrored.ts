import type { Finding, Model } from '../model/types';
import { copies, keepsNames } from '../extract/mirror';
import type { Rule } from './context';

/**
 * A consumer on (or moving to) the target reads a topic the repository's MirrorMaker 2 config does not
 * bring there under that name: the topic is outside `topics`/`topics.exclude`, or the default replication
 * policy renames it `<source-alias>.<topic>`. Either way the consumer reads nothing of what is produced
 * on the source. Only when an MM2 config is in the repository (no config, no claim).
 */
export const topicNotMirrored: Rule = {
  id: 'topic-not-mirrored',
  defaultSeverity: 'error',
  run({ model, severity }) {
    const flow = model.mirror.flow;
    // A flow known only from its checkpoint connector says nothing about which topics are copied.
    if (!model.mirrors.length || !flow || flow.connector === 'checkpoint') return [];
    const where = model.mirror.file ? ` (${model.mirror.file})` : '';
    const mirror = `the mirror ${flow.source}->${flow.target}${where}`;
    const producedOnTarget = onTargetOnly(model);
    const out: Finding[] = [];
    for (const use of model.topicUses) {
      const topic = use.resolved;
      if (use.direction !== 'consume' || !use.service || use.pattern || !topic) continue;
      // Already the mirrored name (`old.orders`), or written on the target by every producer it has.
      if (topic.startsWith(`${flow.source}.`) || producedOnTarget.has(topic)) continue;
      const copied = copies(flow, topic);
      if (copied === undefined) continue;
      let message: string | undefined;
      if (!copied) {
        message = `${use.service} consumes ${topic}, which ${mirror} does not copy (topics: ${flow.topics.join(', ')}; exclude: ${flow.topicsExclude.join(', ') || 'none'}): on the target it reads nothing produced on the source`;
      } else if (!keepsNames(flow)) {
        message = `${mirror} copies ${topic} as ${flow.source}.${topic} (the default replication policy prefixes the source alias): ${use.service} reading ${topic} on the target gets nothing produced on the source; set replication.policy.class to IdentityReplicationPolicy (Kafka 3.0+) on the source and checkpoint connectors, or consume ${flow.source}.${topic}`;
      }
      if (!message) continue;
      out.push({ rule: 'topic-not-mirrored', severity, service: use.service, topic, file: use.file, range: use.range, message });
    }
    return out;
  },
};

/** Topics whose every producer is on the target wherever it names a cluster: nothing of theirs needs the mirror. */
function onTargetOnly(model: Model): Set<string> {
  const byName = new Map(model.services.map((s) => [s.name, s]));
  const out = new Set<string>();
  for (const t of model.topics) {
    if (!t.producers.length) continue;
    const all = t.producers.every((p) => {
      // Environments where it names no cluster don't count; any other state means it may still write on the source.
      const states = Object.values(byName.get(p)?.state ?? {}).filter((s) => s !== 'none');
      return states.length > 0 && states.every((s) => s === 'target');
    });
    if (all) out.add(t.name);
  }
  return out;
}
