// What the trees show of the live checks: a short text beside a service or topic, and its tooltip. The
// trees read it through this interface so they never import the live checks themselves.
import type * as vscode from 'vscode';
import type { Session } from '../session';

export interface LiveBadge {
  text: string;
  tooltip: string;
  level: 'ok' | 'info' | 'warning' | 'error';
}

export interface LiveTreeSource {
  readonly onDidChange: vscode.Event<unknown>;
  service(session: Session, env: string, service: string): LiveBadge | undefined;
  topic(session: Session, env: string, topic: string): LiveBadge | undefined;
}

/**
 * Appends the live text to an item's description and its explanation to the tooltip. An item whose tooltip
 * is made on hover (`tooltipLater`) keeps the badge in `live` and appends it then (liveTooltip).
 */
export function withLive(item: vscode.TreeItem & { live?: LiveBadge }, badge: LiveBadge | undefined, tooltipLater = false): void {
  if (!badge) return;
  item.live = badge;
  item.description = [item.description, badge.text].filter((d) => typeof d === 'string' && d).join(' · ');
  if (!tooltipLater) appendLiveTooltip(item, badge);
}

/** The live explanation after what the tooltip already says. */
export function appendLiveTooltip(item: vscode.TreeItem, badge: LiveBadge): void {
  const tooltip = item.tooltip;
  if (tooltip === undefined) item.tooltip = badge.tooltip;
  else if (typeof tooltip === 'string') item.tooltip = `${tooltip}\n\n${badge.tooltip}`;
  else tooltip.appendText(`\n\n${badge.tooltip}`);
}
