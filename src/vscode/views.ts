// The tree views, their badge (hazard rows) and the context keys the welcome content and menus read.
import * as vscode from 'vscode';
import { hazardCount } from '../core';
import type { Relevance } from './relevance';
import type { Sessions } from './sessions';
import { TOPICS_VIEW_ID, TREE_VIEW_ID } from './statusBar';
import { CutoverTreeProvider, type CutoverNode } from './tree/cutoverTree';
import { TopicsTreeProvider, type TopicNode } from './tree/topicsView';

/** `kafkaCutover.state`: noFolder | noKafka | scanning | noManifest | manifestError | ready. */
export type ViewState = 'noFolder' | 'noKafka' | 'scanning' | 'noManifest' | 'manifestError' | 'ready';

export class CutoverViews implements vscode.Disposable {
  readonly tree: CutoverTreeProvider;
  readonly topics: TopicsTreeProvider;
  readonly treeView: vscode.TreeView<CutoverNode>;
  readonly topicsView: vscode.TreeView<TopicNode>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly sessions: Sessions,
    private readonly relevance?: Relevance,
  ) {
    this.tree = new CutoverTreeProvider(sessions);
    if (relevance) this.tree.setQuiet((s) => relevance.isQuiet(s));
    this.topics = new TopicsTreeProvider(sessions);
    this.treeView = vscode.window.createTreeView(TREE_VIEW_ID, { treeDataProvider: this.tree, showCollapseAll: true });
    this.topicsView = vscode.window.createTreeView(TOPICS_VIEW_ID, { treeDataProvider: this.topics, showCollapseAll: true });
    this.disposables.push(
      this.tree,
      this.topics,
      this.treeView,
      this.topicsView,
      sessions.onDidChange(() => this.refresh()),
    );
    if (relevance) {
      this.disposables.push(
        relevance.onDidChange(() => {
          this.tree.redraw();
          this.refresh();
        }),
      );
    }
    this.refresh();
  }

  get state(): ViewState {
    const all = this.sessions.all;
    if (!all.length) return 'noFolder';
    const looked = all.filter((s) => !this.relevance?.isQuiet(s));
    if (!looked.length) return 'noKafka';
    if (looked.some((s) => s.state === 'scanning' || s.state === 'idle') && !looked.some((s) => s.analysis)) return 'scanning';
    if (all.some((s) => s.manifestProblems.length)) return 'manifestError';
    if (all.every((s) => s.workspace.zeroConfig)) return 'noManifest';
    return 'ready';
  }

  private refresh(): void {
    void vscode.commands.executeCommand('setContext', 'kafkaCutover.state', this.state);
    // The badge counts the rows the tree shows as a data-loss hazard, in each folder's chosen environment.
    const hazards = this.sessions.all.reduce(
      (n, s) => n + (s.analysis && s.environment ? hazardCount(s.analysis.model, s.analysis.plan, s.environment) : 0),
      0,
    );
    this.treeView.badge = hazards
      ? { value: hazards, tooltip: vscode.l10n.t('{0} service(s) produce on MSK ahead of their consumers: data-loss hazard', hazards) }
      : undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
