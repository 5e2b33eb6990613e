import type { MirrorFlow } from '../model/facts';
import type { Model } from '../model/repository';
import type { Finding } from '../model/findings';
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
    // A flow known only from its checkpoint connector says nothing about which topics are copied.
    const usable = (f: MirrorFlow | undefined) => !!f && f.connector !== 'checkpoint';
    if (!model.mirrors.length) return [];
    const producedOnTarget = onTargetOnly(model);
    const out: Finding[] = [];
    const seen = new Set<string>();
    // Each environment has its own mirror when the repository holds one per environment (mm2-prod, mm2-dev).
    const perEnv = model.mirror.byEnvironment ?? {};
    const envs = Object.keys(perEnv).length ? model.environments : [undefined];
    for (const env of envs) {
      const chosen =
        env !== undefined && perEnv[env]
          ? perEnv[env]!
          : model.mirror.flow
            ? { flow: model.mirror.flow, file: model.mirror.file }
            : undefined;
      if (!chosen || !usable(chosen.flow)) continue;
      const flow = chosen.flow;
      const mirror = `the mirror ${flow.source}->${flow.target}${chosen.file ? ` (${chosen.file})` : ''}`;
      for (const use of model.topicUses) {
        const topic = use.resolved;
        if (use.direction !== 'consume' || !use.service || use.pattern || use.internal || !topic) continue;
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
        const key = `${use.file}:${use.range.start.line}:${use.range.start.column}\0${message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const finding: Finding = {
          rule: 'topic-not-mirrored',
          severity,
          service: use.service,
          topic,
          file: use.file,
          range: use.range,
          message,
        };
        if (env !== undefined && perEnv[env]) finding.environment = env;
        out.push(finding);
      }
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
