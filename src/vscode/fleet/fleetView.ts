// The Fleet view: every repository's services as the fleet topic holds them, with the org-wide
// verdicts (a producer here blocked by a consumer in another repository). Shown when a folder's
// manifest names a fleet; read on demand and on an interval, never in an untrusted workspace.
import * as vscode from 'vscode';
import {
  type FleetConfig,
  type FleetPlan,
  type FleetService,
  type FleetStatus,
  fleetSummaryLine,
  type FleetVerdict,
  planFleet,
} from '../../core';
import type { ClusterClient } from '../../live/client';
import type { ConnectionSettings } from '../../live/connection';
import { registerCommand, type CommandDeps } from '../commands';
import type { ClusterSecrets } from '../live/secrets';
import { loadLive } from '../live/load';
import { FLEET_SECRET_ENV } from '../live/commands';
import { readLiveSettings } from '../settings';

export const FLEET_VIEW_ID = 'kafkaCutover.fleet';
export const FLEET_REFRESH_COMMAND = 'kafkaCutover.fleet.refresh';

const ICONS: Record<FleetStatus, [string, string]> = {
  moved: ['pass-filled', 'charts.green'],
  hazard: ['error', 'errorForeground'],
  ready: ['arrow-circle-right', 'charts.blue'],
  'ready-after-fixes': ['tools', 'charts.blue'],
  blocked: ['debug-pause', 'charts.yellow'],
  unknown: ['question', 'charts.purple'],
  absent: ['circle-outline', 'disabledForeground'],
};

function statusText(status: FleetStatus): string {
  switch (status) {
    case 'moved':
      return vscode.l10n.t('moved');
    case 'hazard':
      return vscode.l10n.t('data-loss hazard');
    case 'ready':
      return vscode.l10n.t('ready');
    case 'ready-after-fixes':
      return vscode.l10n.t('ready after fixes');
    case 'blocked':
      return vscode.l10n.t('blocked');
    case 'unknown':
      return vscode.l10n.t('unknown');
    case 'absent':
      return vscode.l10n.t('not in this environment');
  }
}

type FleetNode =
  { kind: 'message'; text: string } | { kind: 'repo'; repo: string } | { kind: 'service'; service: FleetService; verdict: FleetVerdict };

export interface FleetTestHooks {
  makeClient?: (settings: ConnectionSettings, timeoutMs: number) => ClusterClient;
  trusted?: boolean;
}

export type FleetOutcome = { status: 'read'; plan: FleetPlan; warnings: string[] } | { status: 'refused'; reason: string };

export class FleetView implements vscode.TreeDataProvider<FleetNode>, vscode.Disposable {
  readonly testHooks: FleetTestHooks = {};
  private plan: FleetPlan | undefined;
  private message: string | undefined;
  private readAt: Date | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly view: vscode.TreeView<FleetNode>;

  constructor(
    private readonly deps: CommandDeps,
    private readonly secrets: ClusterSecrets,
  ) {
    this.view = vscode.window.createTreeView(FLEET_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.changed,
      deps.sessions.onDidChange(() => this.configure()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('kafkaCutover.fleet.refreshSeconds') && this.configure()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.configure()),
    );
    registerCommand(deps, FLEET_REFRESH_COMMAND, () => this.refresh());
    this.configure();
  }

  /** The first folder whose manifest names a fleet. */
  private fleet(): FleetConfig | undefined {
    for (const s of this.deps.sessions.all) if (s.analysis?.model.manifest.fleet) return s.analysis.model.manifest.fleet;
    return undefined;
  }

  private get trusted(): boolean {
    return this.testHooks.trusted ?? vscode.workspace.isTrusted;
  }

  private configure(): void {
    const fleet = this.fleet();
    void vscode.commands.executeCommand('setContext', 'kafkaCutover.hasFleet', !!fleet);
    const seconds = vscode.workspace.getConfiguration('kafkaCutover.fleet').get<number>('refreshSeconds', 300);
    const wanted = fleet && this.trusted && Number.isFinite(seconds) && seconds > 0 ? Math.max(30, Math.floor(seconds)) : 0;
    if (this.timer) clearInterval(this.timer);
    this.timer = wanted
      ? setInterval(() => void this.refresh().catch((e) => this.deps.log.warn(`fleet refresh: ${String(e)}`)), wanted * 1000)
      : undefined;
  }

  async refresh(): Promise<FleetOutcome> {
    const refuse = (reason: string): FleetOutcome => {
      this.message = reason;
      this.changed.fire();
      return { status: 'refused', reason };
    };
    if (!this.trusted) return refuse(vscode.l10n.t('The fleet is read from a Kafka cluster: trust the workspace to read it.'));
    const fleet = this.fleet();
    if (!fleet) return refuse(vscode.l10n.t('No manifest names a fleet (`fleet:` in kafka-cutover.yaml).'));
    const live = loadLive();
    const timeoutMs = readLiveSettings(undefined).timeoutMs;
    let client: ClusterClient | undefined;
    try {
      const settings = await live.connectionSettings(FLEET_SECRET_ENV, 'target', fleet.cluster, this.secrets, {
        label: 'fleet cluster',
        place: "the manifest's fleet:",
      });
      client = this.testHooks.makeClient ? this.testHooks.makeClient(settings, timeoutMs) : live.kafkaJsClient(settings, { timeoutMs });
      const read = await live.readFleet(client, fleet.topic);
      this.plan = planFleet(read.entries);
      this.readAt = new Date();
      this.message = undefined;
      for (const w of read.warnings) this.deps.log.warn(`fleet: ${w}`);
      this.changed.fire();
      return { status: 'read', plan: this.plan, warnings: read.warnings };
    } catch (error) {
      return refuse(error instanceof Error ? error.message : String(error));
    } finally {
      await client?.close();
    }
  }

  private environment(): string | undefined {
    const chosen = this.deps.sessions.all[0]?.environment;
    return chosen && this.plan?.environments.includes(chosen) ? chosen : this.plan?.environments[0];
  }

  getTreeItem(node: FleetNode): vscode.TreeItem {
    if (node.kind === 'message') return new vscode.TreeItem(node.text);
    if (node.kind === 'repo') {
      const env = this.environment()!;
      const mine = this.plan!.services.filter((s) => s.repo === node.repo);
      const moved = mine.filter((s) => this.plan!.verdicts[env]![s.id]!.status === 'moved').length;
      const item = new vscode.TreeItem(node.repo, vscode.TreeItemCollapsibleState.Expanded);
      item.description = vscode.l10n.t('{0} / {1} moved', moved, mine.length);
      item.iconPath = new vscode.ThemeIcon('repo');
      item.id = `fleet-repo:${node.repo}`;
      return item;
    }
    const { service: s, verdict: v } = node;
    const item = new vscode.TreeItem(s.service, vscode.TreeItemCollapsibleState.None);
    item.description = v.blockers.length ? `${statusText(v.status)} · ${v.blockers.length}` : statusText(v.status);
    const [icon, colour] = ICONS[v.status];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(colour));
    item.id = `fleet-service:${s.id}`;
    const tip = new vscode.MarkdownString();
    tip.appendMarkdown(`**${s.id}** · ${s.role} · ${statusText(v.status)} (${v.state})\n\n`);
    for (const b of v.blockers)
      tip.appendMarkdown(
        `- ${b.kind === 'unknown-consumer' ? vscode.l10n.t('group {0} (no repository owns it)', b.by) : b.by} · ${b.topic}${b.hosts?.length ? ` · ${b.hosts.join(', ')}` : ''}\n`,
      );
    for (const u of v.unknown) tip.appendMarkdown(`- ${vscode.l10n.t('unknown')}: ${u}\n`);
    tip.appendMarkdown(`\n${s.commit ? s.commit.slice(0, 12) + ' · ' : ''}${s.at}`);
    item.tooltip = tip;
    item.contextValue = `fleet-${v.status}`;
    return item;
  }

  getChildren(node?: FleetNode): FleetNode[] {
    if (!node) {
      if (this.message) return [{ kind: 'message', text: this.message }];
      if (!this.plan) return [{ kind: 'message', text: vscode.l10n.t('Refresh to read the fleet topic.') }];
      this.view.description = this.environment() ? fleetSummaryLine(this.plan, this.environment()!) : undefined;
      this.view.message = this.readAt ? vscode.l10n.t('Read at {0}', this.readAt.toLocaleTimeString()) : undefined;
      return this.plan.repos.map((repo) => ({ kind: 'repo', repo }));
    }
    if (node.kind !== 'repo') return [];
    const env = this.environment()!;
    return this.plan!.services.filter((s) => s.repo === node.repo).map((service) => ({
      kind: 'service',
      service,
      verdict: this.plan!.verdicts[env]![service.id]!,
    }));
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
