import type { BrokerRef } from '../model/repository';
import type { Finding } from '../model/findings';
import { refsOfService, type Rule } from './context';

/**
 * With active/passive mirroring, records produced on the target never reach the source: a producer on
 * the target while a consumer of its topic still reads the source is losing that consumer's data.
 */
export const producerBeforeConsumers: Rule = {
  id: 'producer-before-consumers',
  defaultSeverity: 'error',
  run({ model, severity }) {
    if (model.manifest.mirror.mode === 'active-active') return [];
    const out: Finding[] = [];
    const byName = new Map(model.services.map((s) => [s.name, s]));
    const consumersOf = new Map(model.topics.map((t) => [t.name, t.consumers]));
    for (const s of model.services) {
      for (const env of model.environments) {
        const state = s.state[env];
        if (state !== 'target' && state !== 'mixed') continue;
        for (const topic of s.produces) {
          const behind = (consumersOf.get(topic) ?? []).filter((c) => {
            if (c === s.name) return false;
            const st = byName.get(c)?.state[env];
            return st === 'source' || st === 'mixed';
          });
          if (!behind.length) continue;
          const anchor = targetRefIn(refsOfService(model, s.name), env);
          if (!anchor) continue;
          out.push({
            rule: 'producer-before-consumers',
            severity,
            service: s.name,
            topic,
            environment: env,
            file: anchor.file,
            range: anchor.range,
            message: `${s.name} produces ${topic} on the target in ${env} while ${behind.join(', ')} still consume${behind.length === 1 ? 's' : ''} it on the source: their records are lost (the mirror only copies source -> target)`,
          });
        }
      }
    }
    return out;
  },
};

/** The service's first target ref that counts in `env` (the one to roll back). */
function targetRefIn(refs: BrokerRef[], env: string): BrokerRef | undefined {
  for (const r of refs) if (r.cluster === 'target' && (r.environment === env || r.environment === undefined)) return r;
  return undefined;
}
