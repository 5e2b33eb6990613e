// Reads the extension's settings for one workspace folder (most are `resource` scoped: multi-root
// workspaces may have one manifest and one rule set per folder).
import * as vscode from 'vscode';
import { RULE_IDS, type RuleId, type Severity, type IndexOptions } from '../core';

export const SECTION = 'kafkaCutover';

/** What a user may pick per rule; `hint` exists only in the editor (the engine reports it as info). */
export type SeveritySetting = 'default' | 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface FolderSettings {
  manifestPath: string | undefined;
  environment: string | undefined;
  exclude: string[];
  rules: Partial<Record<RuleId, SeveritySetting>>;
  codeLensEnabled: boolean;
  /** The engine's scan cache in the user's cache folder (machine scope). */
  cacheEnabled: boolean;
}

export function readSettings(folder: vscode.WorkspaceFolder | undefined): FolderSettings {
  const config = vscode.workspace.getConfiguration(SECTION, folder?.uri);
  const rules: FolderSettings['rules'] = {};
  for (const id of RULE_IDS) {
    const value = config.get<SeveritySetting>(`rules.${id}`, 'default');
    if (value !== 'default') rules[id] = value;
  }
  return {
    manifestPath: config.get<string>('manifestPath')?.trim() || undefined,
    environment: config.get<string>('environment')?.trim() || undefined,
    exclude: config.get<string[]>('exclude', []),
    rules,
    codeLensEnabled: config.get<boolean>('codeLens.enabled', true),
    cacheEnabled: config.get<boolean>('cache.enabled', true),
  };
}

/** Editor severities in the engine's terms. */
export function engineSeverities(rules: FolderSettings['rules']): NonNullable<IndexOptions['severities']> {
  const out: NonNullable<IndexOptions['severities']> = {};
  for (const [id, value] of Object.entries(rules) as Array<[RuleId, SeveritySetting]>) {
    const mapped: Severity | 'off' | undefined =
      value === 'information' || value === 'hint' ? 'info' : value === 'default' ? undefined : value;
    if (mapped) out[id] = mapped;
  }
  return out;
}

export interface LiveSettings {
  /** Per call to a cluster; the checks answer within this whatever the client library retries. */
  timeoutMs: number;
  /** Records behind before a group's lag becomes a warning. */
  lagThreshold: number;
  /** Re-run the lag check this often while results are shown; 0 turns it off. */
  lagRefreshSeconds: number;
  /** How long the producers and health checks watch the clusters. */
  windowSeconds: number;
}

export const LIVE_DEFAULTS: LiveSettings = { timeoutMs: 10_000, lagThreshold: 10_000, lagRefreshSeconds: 0, windowSeconds: 30 };

export function readLiveSettings(folder: vscode.WorkspaceFolder | undefined): LiveSettings {
  const config = vscode.workspace.getConfiguration(`${SECTION}.live`, folder?.uri);
  const whole = (key: keyof LiveSettings, min: number) => {
    const value = config.get<number>(key, LIVE_DEFAULTS[key]);
    return Number.isFinite(value) && value >= min ? Math.floor(value) : LIVE_DEFAULTS[key];
  };
  return {
    timeoutMs: whole('timeoutMs', 1),
    lagThreshold: whole('lagThreshold', 0),
    lagRefreshSeconds: whole('lagRefreshSeconds', 0),
    windowSeconds: whole('windowSeconds', 1),
  };
}
