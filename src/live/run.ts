// Runs live checks for one environment: makes the clients on first use, closes them at the end.
// The CLI and the extension both call this; neither touches kafkajs.
import type { EnvironmentConfig, Model } from '../core/model/types';
import { DEFAULT_TIMEOUT_MS, type ClusterClient } from './client';
import { connectionSettings, type ConnectionSettings } from './connection';
import { kafkaJsClient, type LiveLogEntry } from './kafkajs';
import type { ClusterSide, SecretSource } from './secrets';
import { checkConnect } from './checks/connect';
import { checkLag } from './checks/lag';
import { checkMirror } from './checks/mirror';
import { checkTopics } from './checks/topics';
import type { CheckContext, CheckName, CheckResult } from './checks/types';

export const CHECKS: readonly CheckName[] = ['connect', 'topics', 'mirror', 'lag'];

export interface LiveCheckOptions {
  model: Model;
  environment: EnvironmentConfig;
  secrets: SecretSource;
  checks: readonly CheckName[];
  timeoutMs?: number;
  lagThreshold?: number;
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
      c = settingsOf(side).then((s) => (options.makeClient ? options.makeClient(s, timeoutMs) : kafkaJsClient(s, { timeoutMs, log: options.log })));
      clients.set(side, c);
    }
    return c;
  };
  const context: CheckContext = { model: options.model, environment: env, client: clientOf, signal: options.signal };
  const results: Array<CheckResult<unknown>> = [];
  try {
    for (const check of CHECKS.filter((c) => options.checks.includes(c))) {
      if (check === 'connect') results.push(await checkConnect({ ...context, settings: settingsOf, timeoutMs }));
      else if (check === 'topics') results.push(await checkTopics(context));
      else if (check === 'mirror') results.push(await checkMirror(context));
      else results.push(await checkLag(context, { threshold: options.lagThreshold }));
    }
  } finally {
    await Promise.all([...clients.values()].map((c) => c.then((client) => client.close()).catch(() => undefined)));
  }
  return results;
}
