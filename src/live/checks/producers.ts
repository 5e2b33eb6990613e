// Who still writes where. The protocol lists no producers, but in active/passive mirroring nothing
// else writes to the source: a source topic whose every known producer moved and whose end offsets
// still grow has a producer the repository does not show (an old deployment, a script, another team).
// The reverse: a topic whose producer moved that receives nothing new on the target.
import type { EndOffsets } from '../client';
import type { ClusterSide } from '../secrets';
import { producePlace } from './places';
import { ClusterReach, pause } from './reach';
import type { CheckContext, CheckResult, LiveFinding } from './types';

export const DEFAULT_WINDOW_MS = 30_000;

export interface ProducerTopic {
  topic: string;
  /** The scanned producers of the topic; all of them are on the target in this environment. */
  producers: string[];
  /** Partitions whose end offset grew on the source during the window, with by how much. */
  sourceGrowth: Record<string, number>;
  /** The same on the target; null when the target could not be read. */
  targetGrowth: Record<string, number> | null;
}

export interface ProducersResults {
  windowMs: number;
  topics: ProducerTopic[];
}

export interface WindowOptions {
  /** How long to watch the end offsets (default 30 s). */
  windowMs?: number;
}

function growth(before: EndOffsets | undefined, after: EndOffsets | undefined, topic: string): Record<string, number> | null {
  const a = before?.[topic];
  const b = after?.[topic];
  if (!a || !b) return null;
  const out: Record<string, number> = {};
  for (const [p, end] of [...b.entries()].sort(([x], [y]) => x - y)) {
    const delta = end - (a.get(p) ?? 0);
    if (delta > 0) out[String(p)] = delta;
  }
  return out;
}

export async function checkProducers(context: CheckContext, options: WindowOptions = {}): Promise<CheckResult<ProducersResults>> {
  const { model, environment, signal } = context;
  const env = environment.name;
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const findings: LiveFinding[] = [];
  const reach = new ClusterReach(context, 'producers', findings, 'read end offsets');
  const stateOf = new Map(model.services.map((s) => [s.name, s.state[env]]));
  const moved = model.topics.filter((t) => t.producers.length > 0 && t.producers.every((p) => stateOf.get(p) === 'target'));
  const names = moved.map((t) => t.name);
  const results: ProducersResults = { windowMs, topics: [] };
  if (names.length === 0) return { check: 'producers', environment: env, results, findings };

  const sample = (side: ClusterSide) => reach.call(side, (c) => c.endOffsets(names, { signal }));
  const [sourceBefore, targetBefore] = [await sample('source'), await sample('target')];
  await pause(windowMs, signal);
  const [sourceAfter, targetAfter] = [await sample('source'), await sample('target')];

  const base = { check: 'producers' as const, environment: env };
  for (const t of moved) {
    const sourceGrowth = growth(sourceBefore, sourceAfter, t.name);
    const targetGrowth = growth(targetBefore, targetAfter, t.name);
    results.topics.push({ topic: t.name, producers: [...t.producers], sourceGrowth: sourceGrowth ?? {}, targetGrowth });
    const place = producePlace(model, t.name);
    const grown = Object.keys(sourceGrowth ?? {});
    if (grown.length) {
      const total = Object.values(sourceGrowth!).reduce((a, b) => a + b, 0);
      findings.push({
        ...base,
        ...(place ?? {}),
        rule: 'unrouted-producer',
        severity: 'error',
        cluster: 'source',
        topic: t.name,
        partitions: grown.map(Number),
        message: `${t.name} received ${total} new record${total === 1 ? '' : 's'} on the source in ${windowMs / 1000} s (partitions ${grown.join(', ')}) although its known producers (${t.producers.join(', ')}) are on the target in ${env}: something the repository does not show still writes to the old cluster`,
      });
    } else if (targetGrowth && Object.keys(targetGrowth).length === 0) {
      findings.push({
        ...base,
        ...(place ?? {}),
        rule: 'producer-silent',
        severity: 'warning',
        cluster: 'target',
        topic: t.name,
        message: `${t.name} received nothing new on the target in ${windowMs / 1000} s although its producers (${t.producers.join(', ')}) moved there in ${env}: are they running and pointed at the target?`,
      });
    }
  }
  return { check: 'producers', environment: env, results, findings };
}
