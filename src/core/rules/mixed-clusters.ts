import type { Finding } from '../model/findings';
import { refsIn, type Rule } from './context';

/** A service that names both clusters in one environment is not moved: one of its paths still reads or writes the source. */
export const mixedClusters: Rule = {
  id: 'mixed-clusters',
  defaultSeverity: 'warning',
  run({ model, severity }) {
    const out: Finding[] = [];
    for (const s of model.services) {
      for (const env of model.environments) {
        if (s.state[env] !== 'mixed') continue;
        const refs = refsIn(model, s.name, env);
        const target = refs.find((r) => r.cluster === 'target' && r.kind !== 'indirect') ?? refs.find((r) => r.cluster === 'target');
        if (!target) continue;
        // Indirect refs have no hosts; the literals they resolve to are refs of their own and carry the finding.
        for (const r of refs.filter((x) => x.cluster === 'source' && x.kind !== 'indirect')) {
          out.push({
            rule: 'mixed-clusters',
            severity,
            service: s.name,
            environment: env,
            file: r.file,
            range: r.range,
            message: `${s.name} names both clusters in ${env}: this names the source while ${target!.file}:${target!.range.start.line} names the target`,
          });
        }
      }
    }
    return out;
  },
};
