// The cutover tree: a summary row, then services by wave with their status in the chosen environment;
// under a service its connection strings, topics and findings.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  type Blocker,
  blockersOf,
  type BrokerRef,
  findingsOfService,
  progressIn,
  type Readiness,
  type Service,
  serviceStatus,
  type ServiceStatus,
  WAVE_TITLES,
} from '../../core';
import { COMMANDS } from '../commands';
import type { CutoverRequest } from '../cutover';
import type { Session } from '../session';
import { FindingItem, MessageItem, revealCommand, statusIcon, statusLabel } from './items';
import { appendLiveTooltip, withLive, type LiveBadge } from './live';
import { SessionTreeProvider } from './sessionTree';

export type CutoverNode =
  FolderItem | SummaryItem | WaveItem | ServiceItem | BlockerItem | RefItem | TopicUseItem | FindingItem | MessageItem;

export class FolderItem extends vscode.TreeItem {
  readonly kind = 'folder';
  constructor(readonly session: Session) {
    super(session.folder.name, vscode.TreeItemCollapsibleState.Expanded);
    this.iconPath = vscode.ThemeIcon.Folder;
    this.id = `folder:${session.folder.uri}`;
  }
}

export class SummaryItem extends vscode.TreeItem {
  readonly kind = 'summary';
  constructor(
    readonly session: Session,
    readonly env: string,
    moved: number,
    present: number,
  ) {
    super(vscode.l10n.t('{0} / {1} on MSK · {2}', moved, present, env), vscode.TreeItemCollapsibleState.None);
    this.iconPath = new vscode.ThemeIcon('dashboard');
    this.tooltip = vscode.l10n.t('Services moved to MSK in {0}. Click to pick another environment.', env);
    this.command = {
      title: vscode.l10n.t('Select Environment'),
      command: COMMANDS.selectEnvironment,
      arguments: [{ folder: session.folder.uri.toString() }],
    };
    this.contextValue = 'summary';
    this.id = `summary:${session.folder.uri}`;
  }
}

/** Waves with more services than this start collapsed. */
export const OPEN_WAVE_MAX = 200;

/** A service of a wave before its row is made: what the wave's count needs. */
export interface WaveMember {
  service: Service;
  status: ServiceStatus;
}

export class WaveItem extends vscode.TreeItem {
  readonly kind = 'wave';
  private rows: ServiceItem[] | undefined;
  constructor(
    readonly session: Session,
    readonly wave: number,
    private readonly members: readonly WaveMember[],
    private readonly makeRow: (member: WaveMember) => ServiceItem,
  ) {
    // A wave of hundreds of services starts closed: a list that long is read through the filter or the plan,
    // and VS Code would ask for every row of every open wave at once.
    super(
      WAVE_TITLES[wave] ?? `Wave ${wave}`,
      members.length > OPEN_WAVE_MAX ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded,
    );
    // Moved at risk is on the target too: it counts, its row says what is wrong.
    const moved = members.filter((m) => m.status === 'moved' || m.status === 'moved-at-risk').length;
    this.description = `${moved} / ${members.length}`;
    this.contextValue = 'wave';
    this.id = `wave:${session.folder.uri}:${wave}`;
  }

  /** Its services' rows, made when the wave is first shown (a 1,000-service tree makes none it does not show). */
  get services(): ServiceItem[] {
    this.rows ??= this.members.map(this.makeRow);
    return this.rows;
  }
}

export class ServiceItem extends vscode.TreeItem {
  readonly kind = 'service';
  readonly request: CutoverRequest;
  /** What the last live lag check says about the service's consumer groups. */
  live?: LiveBadge;
  constructor(
    readonly session: Session,
    readonly service: Service,
    readonly env: string,
    readonly status: ServiceStatus,
    readonly blockers: string[],
  ) {
    super(service.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.request = { folder: session.folder.uri.toString(), service: service.name, env };
    this.iconPath = statusIcon(status);
    // State and a count only: names would be cut at the default sidebar width; they are in the tooltip
    // and the children.
    this.description = serviceDescription(status, session.analysis?.plan.readiness[env]?.[service.name], blockers);
    // The tooltip is made on hover (resolveTreeItem): most rows are never hovered.
    // `service-moved`, `service-ready`, ...: the menus show Migrate or Roll back by state.
    this.contextValue = `service-${status}`;
    this.id = `service:${session.folder.uri}:${service.name}`;
  }

  resolve(): void {
    if (this.tooltip !== undefined) return;
    this.tooltip = serviceTooltip(this.session, this.service, this.env, this.status, this.blockers);
    if (this.live) appendLiveTooltip(this, this.live);
  }
}

/** A consumer a service waits for, with the topics it reads from it; a click opens where it consumes. */
export class BlockerItem extends vscode.TreeItem {
  readonly kind = 'blocker';
  constructor(
    readonly session: Session,
    blocker: string,
    blocks: readonly Blocker[],
    env: string,
  ) {
    super(blocker, vscode.TreeItemCollapsibleState.None);
    const topics = [...new Set(blocks.map((b) => b.topic))];
    this.description = vscode.l10n.t('waits for it: {0}', topics.join(', '));
    this.tooltip = vscode.l10n.t('{0} consumes {1}, still on the old cluster in {2}', blocker, topics.join(', '), env);
    this.iconPath = new vscode.ThemeIcon('debug-pause', new vscode.ThemeColor('charts.yellow'));
    const at = blocks.find((b) => b.evidence[0])?.evidence[0];
    if (at)
      this.command = revealCommand(session, at.file, {
        start: { line: at.line, column: at.column },
        end: { line: at.line, column: at.column },
      });
    this.contextValue = 'blocker';
  }
}

export class RefItem extends vscode.TreeItem {
  readonly kind = 'ref';
  constructor(
    readonly session: Session,
    readonly ref: BrokerRef,
  ) {
    super(`${path.posix.basename(ref.file)}:${ref.range.start.line}`, vscode.TreeItemCollapsibleState.None);
    const cluster =
      ref.cluster === 'source'
        ? ref.inferred
          ? vscode.l10n.t('EC2 (inferred)')
          : 'EC2'
        : ref.cluster === 'target'
          ? 'MSK'
          : ref.cluster === 'local'
            ? vscode.l10n.t('local')
            : vscode.l10n.t('unknown');
    this.description = [cluster, ref.environment ?? vscode.l10n.t('no environment'), ref.key].filter(Boolean).join(' · ');
    this.tooltip = `${ref.file}:${ref.range.start.line}:${ref.range.start.column}\n${ref.parts.map((p) => p.text).join(',')}`;
    this.iconPath = new vscode.ThemeIcon(
      'plug',
      new vscode.ThemeColor(ref.cluster === 'target' ? 'charts.green' : ref.cluster === 'source' ? 'charts.yellow' : 'disabledForeground'),
    );
    this.command = revealCommand(session, ref.file, ref.range);
    this.resourceUri = session.uriOf(ref.file);
    this.contextValue = 'ref';
  }
}

export class TopicUseItem extends vscode.TreeItem {
  readonly kind = 'topic';
  constructor(
    readonly topic: string,
    readonly direction: 'in' | 'out',
  ) {
    super(topic, vscode.TreeItemCollapsibleState.None);
    this.description = direction === 'in' ? vscode.l10n.t('consumes') : vscode.l10n.t('produces');
    this.iconPath = new vscode.ThemeIcon(direction === 'in' ? 'arrow-left' : 'arrow-right');
    this.contextValue = 'topic';
  }
}

/** Live results show lag and groups without commits beside the services. */
export class CutoverTreeProvider extends SessionTreeProvider<CutoverNode> {
  private isQuiet: (session: Session) => boolean = () => false;

  /** Folders looked at and found without a Kafka client (relevance.ts): shown as such, not as scanning. */
  setQuiet(isQuiet: (session: Session) => boolean): void {
    this.isQuiet = isQuiet;
  }

  getChildren(node?: CutoverNode): CutoverNode[] {
    if (!node) {
      const sessions = this.sessions.all;
      return sessions.length > 1 ? sessions.map((s) => new FolderItem(s)) : sessions.length ? this.rootOf(sessions[0]) : [];
    }
    switch (node.kind) {
      case 'folder':
        return this.rootOf(node.session);
      case 'wave':
        return node.services;
      case 'service':
        return serviceChildren(node);
      default:
        return [];
    }
  }

  /** Top level of one folder: summary and waves, or why there is nothing to show yet. */
  rootOf(session: Session): CutoverNode[] {
    if (this.isQuiet(session)) {
      // One folder: empty, so the view's welcome content (noKafka) speaks.
      return this.sessions.all.length > 1
        ? [
            new MessageItem(vscode.l10n.t('No Kafka client found: not scanned. Scan anyway…'), 'search', {
              title: vscode.l10n.t('Rescan'),
              command: COMMANDS.rescan,
            }),
          ]
        : [];
    }
    // Empty lets the view's welcome content speak (scanning, no manifest) in multi-folder-free workspaces.
    if (session.state === 'scanning' && !session.analysis)
      return this.sessions.all.length > 1 ? [new MessageItem(vscode.l10n.t('Scanning…'), 'loading~spin')] : [];
    if (session.manifestProblems.length) {
      return [
        new MessageItem(vscode.l10n.t('The manifest has errors: see the Problems panel.'), 'error', {
          title: vscode.l10n.t('Open'),
          command: 'vscode.open',
          arguments: [session.manifestUri],
        }),
      ];
    }
    const analysis = session.analysis;
    const env = session.environment;
    if (!analysis) return [];
    if (!env) return [];
    const { model, plan } = analysis;
    const progress = progressIn(model, env);
    const items: CutoverNode[] = [new SummaryItem(session, env, progress.moved, progress.present)];
    if (session.workspace.zeroConfig) {
      items.push(
        new MessageItem(vscode.l10n.t('No manifest: clusters guessed from host names. Create one…'), 'new-file', {
          title: vscode.l10n.t('Create Manifest'),
          command: COMMANDS.createManifest,
          arguments: [{ folder: session.folder.uri.toString() }],
        }),
      );
    }
    const byWave = new Map<number, WaveMember[]>();
    for (const service of model.services) {
      const wave = plan.wave[service.name] ?? 4;
      const members = byWave.get(wave) ?? [];
      if (!members.length) byWave.set(wave, members);
      members.push({ service, status: serviceStatus(service, env, plan) });
    }
    const makeRow = ({ service, status }: WaveMember) => {
      const item = new ServiceItem(session, service, env, status, blockersOf(plan, service.name, env));
      withLive(item, this.live?.service(session, env, service.name), true);
      return item;
    };
    for (const wave of [...byWave.keys()].sort((a, b) => a - b)) {
      const members = byWave.get(wave)!.sort((a, b) => (a.service.name < b.service.name ? -1 : 1));
      items.push(new WaveItem(session, wave, members, makeRow));
    }
    return items;
  }

  /** Service items of every folder, for the test API and the badge. */
  allServices(): ServiceItem[] {
    return this.sessions.all.flatMap((s) => this.rootOf(s)).flatMap((n) => (n instanceof WaveItem ? n.services : []));
  }
}

/** `blocked · 2`, `ready after fixes · 1`, `moved`: what fits beside the name at the default width. */
export function serviceDescription(status: ServiceStatus, readiness: Readiness | undefined, blockers: readonly string[]): string {
  const count =
    status === 'blocked'
      ? blockers.length
      : status === 'ready-after-fixes'
        ? readiness?.fixes.length
        : status === 'unknown'
          ? readiness?.unknown.length
          : undefined;
  return count ? `${statusLabel(status)} · ${count}` : statusLabel(status);
}

/**
 * What stands between the service and its move (its blockers), then the connection strings, topics and
 * findings of the environment the view shows (a prod view lists prod's strings, not dev's).
 */
function serviceChildren(node: ServiceItem): CutoverNode[] {
  const analysis = node.session.analysis;
  if (!analysis) return [];
  const { env } = node;
  const readiness = analysis.plan.readiness[env]?.[node.service.name];
  const refs = analysis.model.brokerRefs
    // Strings of another environment are that environment's business; those without one (a code
    // fallback, a value resolved elsewhere) may be used in any and stay.
    .filter((r) => r.service === node.service.name && (r.environment === undefined || r.environment === env))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line));
  return [
    ...node.blockers.map((b) => new BlockerItem(node.session, b, readiness?.blockers.filter((x) => x.service === b) ?? [], env)),
    ...refs.map((r) => new RefItem(node.session, r)),
    ...node.service.consumes.map((t) => new TopicUseItem(t, 'in')),
    ...node.service.produces.map((t) => new TopicUseItem(t, 'out')),
    ...findingsOfService(node.service, analysis.findings)
      .filter((f) => f.environment === undefined || f.environment === env)
      .map((f) => new FindingItem(node.session, f)),
  ];
}

function serviceTooltip(session: Session, service: Service, env: string, status: ServiceStatus, blockers: string[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  const analysis = session.analysis;
  const wave = analysis?.plan.wave[service.name];
  md.appendMarkdown(`**${service.name}** · ${service.role}${wave ? ` · wave ${wave}` : ''}\n\n`);
  md.appendMarkdown(`${env}: ${statusLabel(status)}\n\n`);
  const states = Object.entries(service.state)
    .map(([e, s]) => `${e}: ${s}`)
    .join(', ');
  if (states) md.appendMarkdown(`${vscode.l10n.t('Clusters')}: ${states}\n\n`);
  const r = analysis?.plan.readiness[env]?.[service.name];
  if (blockers.length && r) {
    md.appendMarkdown(vscode.l10n.t('Blocked: these consumers of what it produces still read from EC2 in {0}:', env) + '\n\n');
    // One line per blocker with its topics, then where it consumes them.
    for (const b of blockers) {
      const mine = r.blockers.filter((x) => x.service === b);
      md.appendMarkdown(
        `- ${b} (${mine.map((x) => x.topic).join(', ')})${mine.map((x) => (x.evidence[0] ? ` ${place(x.evidence[0])}` : '')).join('')}\n`,
      );
    }
    md.appendMarkdown('\n');
  }
  if (r?.unknown.length) {
    md.appendMarkdown(vscode.l10n.t('Unknown: the verdict cannot see') + '\n\n');
    for (const u of r.unknown) md.appendMarkdown(`- ${u.code}: ${u.message}${u.evidence[0] ? ` ${place(u.evidence[0])}` : ''}\n`);
    md.appendMarkdown('\n');
  }
  if (r?.fixes.length) {
    md.appendMarkdown(vscode.l10n.t('Fixes needed before it moves:') + '\n\n');
    for (const f of r.fixes) md.appendMarkdown(`- ${f.rule} ${place(f)}${f.flag && f.flag !== 'migrate' ? ` (${f.flag})` : ''}\n`);
    md.appendMarkdown('\n');
  }
  if (status === 'moved-at-risk' && analysis) {
    md.appendMarkdown(vscode.l10n.t('Moved, but its own errors put it at risk:') + '\n\n');
    for (const f of findingsOfService(service, analysis.findings)) {
      if (f.severity === 'error' && f.rule !== 'producer-before-consumers' && (f.environment === undefined || f.environment === env)) {
        md.appendMarkdown(`- ${f.rule} ${f.file}:${f.range.start.line}:${f.range.start.column}\n`);
      }
    }
  }
  if (status === 'hazard')
    md.appendMarkdown(
      '\n' + vscode.l10n.t('Produces on MSK while a consumer of its topics is still on EC2: that consumer misses these records.'),
    );
  return md;
}

function place(p: { file: string; line: number; column: number }): string {
  return `\`${p.file}:${p.line}:${p.column}\``;
}
