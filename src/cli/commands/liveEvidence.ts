// `scan --live` / `plan --live`: run the checks that confirm the plan (clients, and producers with
// --window) and hand their findings to the plan as neutral evidence. Loaded only with --live (kafkajs).
import type { Analysis, LiveEvidence } from '../../core';
import { LiveError } from '../../live/client';
import { connectionSettings } from '../../live/connection';
import { envSecrets } from '../../live/secrets';
import { runLiveChecks } from '../../live/run';
import { liveEvidenceOf } from '../../live/evidence';
import type { CheckName } from '../../live/checks/types';
import { UsageError } from '../args';
import type { Io } from '../main';

export async function gatherLiveEvidence(
  analysis: Analysis,
  env: string | undefined,
  io: Io,
  options: { timeoutMs: number; windowMs?: number },
): Promise<LiveEvidence[]> {
  const { model } = analysis;
  if (model.zeroConfig || model.manifest.environments.length === 0) {
    throw new UsageError('--live needs a kafka-cutover.yaml with environments (source and target brokers)');
  }
  const secrets = envSecrets(io.env);
  const checks: CheckName[] = options.windowMs ? ['clients', 'producers'] : ['clients'];
  const out: LiveEvidence[] = [];
  for (const environment of model.manifest.environments.filter((e) => !env || e.name === env)) {
    for (const side of ['source', 'target'] as const) {
      try {
        await connectionSettings(environment.name, side, environment[side], secrets);
      } catch (error) {
        if (error instanceof LiveError) throw new UsageError(error.message);
        throw error;
      }
    }
    const at = new Date().toISOString();
    const results = await runLiveChecks({ model, environment, secrets, checks, timeoutMs: options.timeoutMs, windowMs: options.windowMs });
    out.push(liveEvidenceOf(environment.name, at, results));
  }
  return out;
}
