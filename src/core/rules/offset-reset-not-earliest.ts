import type { Model } from '../model/repository';
import type { Finding } from '../model/findings';
import type { Rule } from './context';

// Java clients and Spring default auto.offset.reset to latest; a consumer that sets it nowhere (no
// property, no YAML key, no ConsumerConfig entry) has no OffsetReset fact to point at, so the rule
// points at its listener or subscribe call instead.
const LATEST_BY_DEFAULT = new Set(['spring', 'java']);
const SETS_RESET = new Set(['spring', 'java', 'config']);

/**
 * When MirrorMaker 2 does not sync group offsets (source older than 2.7, or sync off), a consumer that
 * moves has no committed offset on the target and starts from its reset policy: `latest` silently
 * skips every record produced before it connected.
 */
export const offsetResetNotEarliest: Rule = {
  id: 'offset-reset-not-earliest',
  defaultSeverity: 'error',
  run({ model, severity }) {
    if (model.manifest.mirror.offsetSync) return [];
    const byName = new Map(model.services.map((s) => [s.name, s]));
    const out: Finding[] = [];
    for (const reset of model.offsetResets) {
      if (reset.value !== 'latest' || !reset.service) continue;
      const service = byName.get(reset.service);
      if (!service || (service.consumes.length === 0 && service.role !== 'consumer' && service.role !== 'producer-consumer')) continue;
      const fileEnv = reset.fileEnvironment;
      const envs = model.environments.filter(
        (e) => (!fileEnv || fileEnv === e) && (service.state[e] === 'target' || service.state[e] === 'mixed'),
      );
      if (!envs.length) continue;
      const how = reset.explicit ? 'is set to latest' : `defaults to latest (${reset.client})`;
      out.push({
        rule: 'offset-reset-not-earliest',
        severity,
        service: service.name,
        environment: envs.length === 1 ? envs[0] : undefined,
        file: reset.file,
        range: reset.range,
        message: `${service.name} is on the target in ${envs.join(', ')} and its offset reset ${how}, while the mirror does not sync group offsets: records produced before it connected are skipped; use earliest for the move`,
      });
    }
    for (const missing of unsetDefaults(model)) {
      const service = byName.get(missing.service!)!;
      const envs = model.environments.filter((e) => service.state[e] === 'target' || service.state[e] === 'mixed');
      if (!envs.length) continue;
      out.push({
        rule: 'offset-reset-not-earliest',
        severity,
        service: service.name,
        environment: envs.length === 1 ? envs[0] : undefined,
        file: missing.file,
        range: missing.range,
        message: `${service.name} is on the target in ${envs.join(', ')} and sets no auto.offset.reset, so its ${missing.client === 'spring' ? 'Spring' : 'Java'} consumer defaults to latest, while the mirror does not sync group offsets: records produced before it connected are skipped; set earliest for the move`,
      });
    }
    return out;
  },
};

/** The first consume call of each service whose Java/Spring consumer sets no offset reset anywhere. */
function unsetDefaults(model: Model): Model['topicUses'] {
  const configured = new Set(model.offsetResets.filter((r) => r.service && SETS_RESET.has(r.client)).map((r) => r.service!));
  const first = new Map<string, Model['topicUses'][number]>();
  for (const use of model.topicUses) {
    if (use.direction !== 'consume' || !use.service || !LATEST_BY_DEFAULT.has(use.client) || configured.has(use.service)) continue;
    if (!first.has(use.service)) first.set(use.service, use);
  }
  return [...first.values()];
}
