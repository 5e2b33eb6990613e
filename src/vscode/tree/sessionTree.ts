// What the cutover and topics trees share: they redraw whole when any folder's session changes or new
// live results arrive, and their nodes are their own tree items.
import * as vscode from 'vscode';
import type { Sessions } from '../sessions';
import type { LiveTreeSource } from './live';

export abstract class SessionTreeProvider<Node extends vscode.TreeItem> implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private liveSubscription: vscode.Disposable | undefined;
  protected live: LiveTreeSource | undefined;

  constructor(protected readonly sessions: Sessions) {
    this.subscription = sessions.onDidChange(() => this.changed.fire(undefined));
  }

  /** Shows live results beside the nodes; a later source replaces the earlier one. */
  setLive(source: LiveTreeSource): void {
    this.liveSubscription?.dispose();
    this.live = source;
    this.liveSubscription = source.onDidChange(() => this.changed.fire(undefined));
  }

  /** Redraws the whole tree (something besides the sessions changed what it shows). */
  redraw(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    return node;
  }

  /** On hover: a node that makes its tooltip late (see ServiceItem) makes it now. */
  resolveTreeItem(item: vscode.TreeItem, node: Node): Node {
    (node as { resolve?: () => void }).resolve?.();
    return node;
  }

  abstract getChildren(node?: Node): Node[];

  dispose(): void {
    this.subscription.dispose();
    this.liveSubscription?.dispose();
    this.changed.dispose();
  }
}
