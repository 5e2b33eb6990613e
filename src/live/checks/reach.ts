// Calls one cluster for a check, turning failures into findings: a dead cluster fails every call the
// same way, so it is said once and the cluster is skipped for the rest of the check.
import type { ClusterClient } from '../client';
import { explain } from '../explain';
import type { ClusterSide } from '../secrets';
import type { CheckContext, CheckName, LiveFinding } from './types';

export class ClusterReach {
  private readonly unreachable = new Set<ClusterSide>();

  constructor(
    private readonly context: CheckContext,
    private readonly check: CheckName,
    private readonly findings: LiveFinding[],
    /** What the check was doing, for the message: `read consumer groups`. */
    private readonly doing: string,
  ) {}

  reachable(side: ClusterSide): boolean {
    return !this.unreachable.has(side);
  }

  async call<T>(side: ClusterSide, work: (client: ClusterClient) => Promise<T>): Promise<T | undefined> {
    if (this.unreachable.has(side)) return undefined;
    try {
      return await work(await this.context.client(side));
    } catch (error) {
      const live = explain(error, side);
      const base = { check: this.check, environment: this.context.environment.name, cluster: side, severity: 'error' as const };
      if (live.kind === 'broker') {
        this.findings.push({ ...base, message: live.message });
      } else {
        this.unreachable.add(side);
        this.findings.push({ ...base, message: `cannot ${this.doing} from the ${side}: ${live.message}` });
      }
      return undefined;
    }
  }
}

/** Waits `ms`, or less when the signal aborts (the caller then sees the abort on its next call). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
