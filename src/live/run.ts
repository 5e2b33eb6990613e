// Runs live checks for one environment: makes the clients on first use, closes them at the end.
// The CLI and the extension both call this; neither touches kafkajs.
import type { EnvironmentConfig, Model } from '../core';
import { DEFAULT_TIMEOUT_MS, type ClusterClient } from './client';
import { connectionSettings, type ConnectionSettings } from './connection';
import { kafkaJsClient, type LiveLogEntry } from './kafkajs';
import type { ClusterSide, SecretSource } from './secrets';
import { checkConnect } from './checks/connect';
import { checkLag } from './checks/lag';
import { checkMirror } from './checks/mirror';
import { checkTopics } from './checks/topics';
import { checkClients } from './checks/clients';
import { checkProducers } from './checks/producers';
import { checkHealth } from './checks/health';
import { checkOffsets } from './checks/offsets';
import { CHECKS, type CheckContext, type CheckName, type CheckResult } from './checks/types';

export { CHECKS };

const WINDOWED = new Set<CheckName>(['producers', 'health']);

export interface LiveCheckOptions {
  model: Model;
  environment: EnvironmentConfig;
  secrets: SecretSource;
  checks: readonly CheckName[];
  timeoutMs?: number;
  lagThreshold?: number;
  /** How long `producers` and `health` watch the clusters (default 30 s). */
  windowMs?: number;
  signal?: AbortSignal;
  log?: (entry: LiveLogEntry) => void;
  /** Replaces the kafkajs client (tests, another client library). */
  makeClient?: (settings: ConnectionSettings, timeoutMs: number) => ClusterClient;
}

export async function runLiveChecks(options: LiveCheckOptions): Promise<Array<CheckResult<unknown>>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const env = options.environment;
  const settings = new Map<ClusterSide, Promise<ConnectionSettings>>();
  const clients = new Map<ClusterSide, Promise<ClusterClient>>();
  const settingsOf = (side: ClusterSide) => {
    let s = settings.get(side);
    if (!s) settings.set(side, (s = connectionSettings(env.name, side, env[side], options.secrets)));
    return s;
  };
  const clientOf = (side: ClusterSide) => {
    let c = clients.get(side);
    if (!c) {
      c = settingsOf(side).then((s) =>
        options.makeClient ? options.makeClient(s, timeoutMs) : kafkaJsClient(s, { timeoutMs, log: options.log }),
      );
      clients.set(side, c);
    }
    return c;
  };
  const context: CheckContext = { model: options.model, environment: env, client: clientOf, signal: options.signal };
  const results: Array<CheckResult<unknown>> = [];
  try {
    const one = (check: CheckName): Promise<CheckResult<unknown>> => {
      if (check === 'connect') return checkConnect({ ...context, settings: settingsOf, timeoutMs });
      if (check === 'topics') return checkTopics(context);
      if (check === 'mirror') return checkMirror(context);
      if (check === 'lag') return checkLag(context, { threshold: options.lagThreshold });
      if (check === 'clients') return checkClients(context);
      if (check === 'offsets') return checkOffsets(context);
      if (check === 'producers') return checkProducers(context, { windowMs: options.windowMs });
      return checkHealth(context, { windowMs: options.windowMs });
    };
    const wanted = CHECKS.filter((c) => options.checks.includes(c));
    const byCheck = new Map<CheckName, CheckResult<unknown>>();
    for (const check of wanted.filter((c) => !WINDOWED.has(c))) byCheck.set(check, await one(check));
    // The checks that watch the clusters over a window share it instead of waiting one after the other.
    const watching = wanted.filter((c) => WINDOWED.has(c));
    (await Promise.all(watching.map(one))).forEach((result, i) => byCheck.set(watching[i]!, result));
    for (const check of wanted) results.push(byCheck.get(check)!);
  } finally {
    await Promise.all([...clients.values()].map((c) => c.then((client) => client.close()).catch(() => undefined)));
  }
  return results;
}
