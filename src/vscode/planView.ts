// The cutover plan in a webview: waves as columns, services coloured by status, producer -> consumer
// arrows. The drawing is the engine's SVG; this only frames it and maps its colours to the theme.
import * as vscode from 'vscode';
import { blockersOf, escapeXml, planSvg, progressIn, serviceStatus, STATUS_COLOURS, VERDICT_LABELS, WAVE_TITLES } from '../core';
import type { Session } from './session';

export class PlanPanel implements vscode.Disposable {
  private static current: PlanPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static show(session: Session): PlanPanel {
    if (PlanPanel.current && PlanPanel.current.session === session) {
      PlanPanel.current.panel.reveal();
      PlanPanel.current.render();
      return PlanPanel.current;
    }
    PlanPanel.current?.dispose();
    PlanPanel.current = new PlanPanel(session);
    return PlanPanel.current;
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(readonly session: Session) {
    this.panel = vscode.window.createWebviewPanel('kafkaCutover.plan', vscode.l10n.t('Cutover Plan'), vscode.ViewColumn.Active, {
      enableScripts: false,
      localResourceRoots: [],
    });
    this.disposables.push(this.panel.onDidDispose(() => this.dispose()), session.onDidChange(() => this.render()));
    this.render();
  }

  /** The HTML last rendered, for tests. */
  get html(): string {
    return this.panel.webview.html;
  }

  render(): void {
    const analysis = this.session.analysis;
    const env = this.session.environment;
    if (!analysis || !env) {
      this.panel.webview.html = page(this.panel.webview, `<p>${escapeXml(vscode.l10n.t('Nothing to show yet: the workspace has not been scanned or names no environment.'))}</p>`);
      return;
    }
    const { model, plan } = analysis;
    const { moved, present } = progressIn(model, env);
    const waves = [...new Set(Object.values(plan.wave))].sort((a, b) => a - b);
    const lists = waves.map((wave) => {
      const rows = model.services
        .filter((s) => plan.wave[s.name] === wave)
        .map((s) => {
          const verdict = serviceStatus(s, env, plan);
          const blockers = blockersOf(plan, s.name, env);
          const r = plan.readiness[env]?.[s.name];
          const why = verdict === 'blocked'
            ? `blocked by ${blockers.join(', ')}`
            : verdict === 'unknown' && r
              ? `unknown: ${r.unknown.map((u) => u.code).join(', ')}`
              : verdict === 'ready-after-fixes' && r
                ? `ready after fixes: ${r.fixes.map((f) => `${f.rule} (${f.file}:${f.line})`).join(', ')}`
                : VERDICT_LABELS[verdict];
          return `<li class="status-${verdict}"><strong>${escapeXml(s.name)}</strong> — ${escapeXml(why)}</li>`;
        });
      return `<h3>${escapeXml(WAVE_TITLES[wave] ?? `Wave ${wave}`)}</h3><ul>${rows.join('')}</ul>`;
    });
    const order = plan.order.filter((g) => g.length).map((g) => escapeXml(g.join(' + '))).join(' → ');
    this.panel.webview.html = page(
      this.panel.webview,
      `<h1>${escapeXml(vscode.l10n.t('Cutover plan · {0}', env))}</h1>
<p>${escapeXml(vscode.l10n.t('{0} / {1} services on MSK. Consumers move first, producers last; arrows point from producer to consumer.', moved, present))}</p>
<div class="legend">${legend()}</div>
<div class="drawing">${planSvg(model, plan, env)}</div>
${order ? `<p>${escapeXml(vscode.l10n.t('Wave 2 order:'))} ${order}</p>` : ''}
${lists.join('\n')}`,
    );
  }

  dispose(): void {
    if (PlanPanel.current === this) PlanPanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function page(webview: vscode.Webview, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource} 'unsafe-inline'; img-src ${webview.cspSource} data:;">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 16px; }
.drawing { overflow-x: auto; }
svg text { font-family: var(--vscode-font-family); font-size: 12px; }
svg .service text { fill: #fff; }
svg .wave-title { fill: var(--vscode-foreground); font-weight: 600; }
svg .link { fill: none; stroke: var(--vscode-editorLineNumber-foreground); stroke-width: 1.2; opacity: 0.7; }
svg .arrow-head { fill: var(--vscode-editorLineNumber-foreground); }
.legend span { display: inline-block; margin-right: 12px; padding: 2px 8px; border-radius: 4px; color: #fff; }
</style></head><body>${body}</body></html>`;
}

function legend(): string {
  return Object.entries(STATUS_COLOURS)
    .map(([status, colour]) => `<span style="background:${colour}">${escapeXml(status)}</span>`)
    .join('');
}
