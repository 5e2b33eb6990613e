// Topics: each with where it is declared (Terraform `kafka_topic` / Strimzi), who produces and consumes
// it, and the findings about it. Undeclared topics come first: they block a move to MSK.
import * as vscode from 'vscode';
import type { TopicInfo } from '../../core';
import type { Session } from '../session';
import { FindingItem, MessageItem, revealCommand } from './items';
import { withLive, type LiveBadge } from './live';
import { SessionTreeProvider } from './sessionTree';

export type TopicNode = TopicItem | PeerItem | FindingItem | MessageItem;

export class TopicItem extends vscode.TreeItem {
  readonly kind = 'topic';
  /** What the last live topics and mirror checks say about it on the target. */
  live?: LiveBadge;
  constructor(
    readonly session: Session,
    readonly topic: TopicInfo,
  ) {
    super(topic.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.description = topic.declared
      ? vscode.l10n.t('{0} producer(s) · {1} consumer(s)', topic.producers.length, topic.consumers.length)
      : vscode.l10n.t('not declared');
    this.iconPath = new vscode.ThemeIcon(
      topic.declared ? 'symbol-event' : 'warning',
      topic.declared ? undefined : new vscode.ThemeColor('editorWarning.foreground'),
    );
    if (topic.decl) {
      this.command = revealCommand(session, topic.decl.file, topic.decl.range);
      this.tooltip = `${topic.decl.address ?? topic.decl.file}${topic.decl.partitions ? ` · ${topic.decl.partitions} partitions` : ''}${topic.decl.replicationFactor ? ` · RF ${topic.decl.replicationFactor}` : ''}`;
    }
    this.contextValue = topic.declared ? 'topic-declared' : 'topic-undeclared';
    this.id = `topic:${session.folder.uri}:${topic.name}`;
  }
}

export class PeerItem extends vscode.TreeItem {
  readonly kind = 'peer';
  constructor(
    readonly service: string,
    readonly direction: 'producer' | 'consumer',
  ) {
    super(service, vscode.TreeItemCollapsibleState.None);
    this.description = direction === 'producer' ? vscode.l10n.t('produces') : vscode.l10n.t('consumes');
    this.iconPath = new vscode.ThemeIcon(direction === 'producer' ? 'arrow-right' : 'arrow-left');
  }
}

/** Live results show topics missing on the target and mirror lag beside the topics. */
export class TopicsTreeProvider extends SessionTreeProvider<TopicNode> {
  getChildren(node?: TopicNode): TopicNode[] {
    if (!node) {
      const items = this.sessions.all.flatMap((session) =>
        (session.analysis?.model.topics ?? [])
          .filter((t) => t.declared || t.producers.length || t.consumers.length)
          .sort((a, b) => Number(a.declared) - Number(b.declared) || (a.name < b.name ? -1 : 1))
          .map((t) => this.topicItem(session, t)),
      );
      return items.length || !this.sessions.all.some((s) => s.analysis) ? items : [new MessageItem(vscode.l10n.t('No topics found.'))];
    }
    if (node.kind !== 'topic') return [];
    const findings = (node.session.analysis?.findings ?? []).filter((f) => f.topic === node.topic.name);
    return [
      ...node.topic.producers.map((s) => new PeerItem(s, 'producer')),
      ...node.topic.consumers.map((s) => new PeerItem(s, 'consumer')),
      ...findings.map((f) => new FindingItem(node.session, f)),
    ];
  }

  private topicItem(session: Session, topic: TopicInfo): TopicItem {
    const item = new TopicItem(session, topic);
    const env = session.environment;
    if (env) withLive(item, this.live?.topic(session, env, topic.name));
    return item;
  }
}
