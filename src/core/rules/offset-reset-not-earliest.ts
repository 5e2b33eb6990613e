import type { Finding } from '../model/types';
import type { Rule } from './context';
import { fileEnvironment } from '../model/build';
import { Classifier } from '../classify';

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
    const classifier = new Classifier(model.manifest);
    const byName = new Map(model.services.map((s) => [s.name, s]));
    const out: Finding[] = [];
    for (const reset of model.offsetResets) {
      if (reset.value !== 'latest' || !reset.service) continue;
      const service = byName.get(reset.service);
      if (!service || service.consumes.length === 0 && service.role !== 'consumer' && service.role !== 'producer-consumer') continue;
      const fileEnv = fileEnvironment(classifier, reset.file);
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
    return out;
  },
};
