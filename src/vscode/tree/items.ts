// Tree items shared by the views: what a click opens and which icon a status gets.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Finding, Range, ServiceStatus } from '../../core';
import { toRange } from '../edits';
import type { Session } from '../session';

const STATUS_ICONS: Record<ServiceStatus, [string, string]> = {
  moved: ['pass-filled', 'charts.green'],
  'moved-at-risk': ['pass', 'editorWarning.foreground'],
  ready: ['arrow-circle-right', 'charts.blue'],
  'ready-after-fixes': ['tools', 'charts.blue'],
  blocked: ['debug-pause', 'charts.yellow'],
  mixed: ['warning', 'charts.orange'],
  hazard: ['error', 'errorForeground'],
  absent: ['circle-outline', 'disabledForeground'],
  unknown: ['question', 'charts.purple'],
};

export function statusIcon(status: ServiceStatus): vscode.ThemeIcon {
  const [id, colour] = STATUS_ICONS[status];
  return new vscode.ThemeIcon(id, new vscode.ThemeColor(colour));
}

export function statusLabel(status: ServiceStatus): string {
  switch (status) {
    case 'moved':
      return vscode.l10n.t('moved');
    case 'moved-at-risk':
      return vscode.l10n.t('moved, at risk');
    case 'ready':
      return vscode.l10n.t('ready');
    case 'ready-after-fixes':
      return vscode.l10n.t('ready after fixes');
    case 'blocked':
      return vscode.l10n.t('blocked');
    case 'mixed':
      return vscode.l10n.t('names both clusters');
    case 'hazard':
      return vscode.l10n.t('data-loss hazard');
    case 'absent':
      return vscode.l10n.t('not in this environment');
    case 'unknown':
      return vscode.l10n.t('unknown');
  }
}

/** A click that opens a file with the range selected. */
export function revealCommand(session: Session, file: string, range: Range): vscode.Command {
  return {
    title: vscode.l10n.t('Reveal'),
    command: 'vscode.open',
    arguments: [session.uriOf(file), { selection: toRange(range) } satisfies vscode.TextDocumentShowOptions],
  };
}

export class FindingItem extends vscode.TreeItem {
  readonly kind = 'finding';
  constructor(
    readonly session: Session,
    readonly finding: Finding,
  ) {
    super(finding.message, vscode.TreeItemCollapsibleState.None);
    this.description = `${path.posix.basename(finding.file)}:${finding.range.start.line}`;
    this.tooltip = `${finding.rule}: ${finding.message}`;
    this.iconPath = new vscode.ThemeIcon(
      finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'info',
      new vscode.ThemeColor(
        finding.severity === 'error'
          ? 'errorForeground'
          : finding.severity === 'warning'
            ? 'editorWarning.foreground'
            : 'editorInfo.foreground',
      ),
    );
    this.command = revealCommand(session, finding.file, finding.range);
    this.contextValue = 'finding';
  }
}

export class MessageItem extends vscode.TreeItem {
  readonly kind = 'message';
  constructor(label: string, icon?: string, command?: vscode.Command) {
    super(label, vscode.TreeItemCollapsibleState.None);
    if (icon) this.iconPath = new vscode.ThemeIcon(icon);
    if (command) this.command = command;
  }
}
