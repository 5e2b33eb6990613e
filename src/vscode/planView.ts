// The cutover plan in a webview: the plan graph of one folder and environment, laid out by ELK inside the
// page (a web worker: the extension host never waits for a layout) and drawn there (webview/planView.ts).
// This side only sends the graph and the page's strings, and turns the page's requests into commands.
import * as vscode from 'vscode';
import { planGraph, type PlanGraph, type Verdict, WAVE_TITLES } from '../core';
import { COMMANDS } from './commands';
import type { HostMessage, LaidOutSummary, PageMessage, PlanStrings } from './planProtocol';
import type { Session } from './session';
import type { Sessions } from './sessions';
import { statusLabel } from './tree/items';

/** All the panel needs of a folder: its plan as a graph, and word when it changed. */
export interface PlanSource {
  readonly folderUri: string;
  readonly folderName: string;
  /**
   * The plan of the environment shown; undefined before the first scan or without an environment. May be a
   * promise, for an engine that plans away from the extension host's thread.
   */
  graph(): PlanGraph | undefined | Promise<PlanGraph | undefined>;
  readonly onDidChange: vscode.Event<unknown>;
}

/** A session's plan; `sessions` tells of its changes, the environment picked included (the session alone does not). */
export function planSourceOf(session: Session, sessions: Sessions): PlanSource {
  return {
    folderUri: session.folder.uri.toString(),
    folderName: session.folder.name,
    graph: () => {
      const env = session.environment;
      return session.analysis && env ? planGraph(session.analysis.model, session.analysis.plan, env) : undefined;
    },
    onDidChange: (listener, thisArg, disposables) =>
      sessions.onDidChange((s) => s === session && listener.call(thisArg, s), undefined, disposables),
  };
}

export const PLAN_VIEW_TYPE = 'kafkaCutover.plan';

export class PlanPanel implements vscode.Disposable {
  private static current: PlanPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly panel: vscode.WebviewPanel;
  private readonly laidOutEmitter = new vscode.EventEmitter<LaidOutSummary>();
  /** Fires each time the page has laid out and drawn a graph. */
  readonly onDidLayOut = this.laidOutEmitter.event;
  /** What the page drew last (positions, edge labels, ELK's time), for tests. */
  lastLayout: LaidOutSummary | undefined;
  /** The graph last sent to the page. */
  lastGraph: PlanGraph | undefined;
  private ready = false;
  /** Graphs asked of the source: only the latest one asked for is sent. */
  private posts = 0;
  private disposed = false;

  static show(extensionUri: vscode.Uri, source: PlanSource): PlanPanel {
    const current = PlanPanel.current;
    if (current && current.source.folderUri === source.folderUri) {
      current.panel.reveal();
      current.post();
      return current;
    }
    current?.dispose();
    PlanPanel.current = new PlanPanel(extensionUri, source);
    return PlanPanel.current;
  }

  /** The open panel, if any (for the page's context-menu commands). */
  static get open(): PlanPanel | undefined {
    return PlanPanel.current;
  }

  private constructor(
    private readonly extensionUri: vscode.Uri,
    readonly source: PlanSource,
  ) {
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel(
      PLAN_VIEW_TYPE,
      vscode.l10n.t('Cutover Plan · {0}', source.folderName),
      vscode.ViewColumn.Active,
      {
        enableScripts: true,
        localResourceRoots: [dist],
        retainContextWhenHidden: true,
      },
    );
    this.panel.webview.html = this.page();
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((m: PageMessage) => void this.receive(m)),
      source.onDidChange(() => this.post()),
      this.laidOutEmitter,
    );
  }

  /** Resolves with the next layout the page reports (or the last one, when `fresh` is false and there is one). */
  whenLaidOut(fresh = false): Promise<LaidOutSummary> {
    if (!fresh && this.lastLayout) return Promise.resolve(this.lastLayout);
    return new Promise((resolve) => {
      const once = this.onDidLayOut((summary) => {
        once.dispose();
        resolve(summary);
      });
    });
  }

  /** Asks the page to draw only `service` and its neighbours. */
  focus(service: string): void {
    void this.panel.webview.postMessage({ type: 'focus', service } satisfies HostMessage);
  }

  private async receive(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post();
        return;
      case 'open':
        await vscode.commands.executeCommand(COMMANDS.revealService, {
          folder: this.source.folderUri,
          service: message.service,
          env: this.lastGraph?.environment,
          beside: true,
        });
        return;
      case 'laidOut': {
        const { type: _type, ...summary } = message;
        this.lastLayout = summary;
        this.laidOutEmitter.fire(summary);
        return;
      }
      case 'layoutFailed':
        void vscode.window.showErrorMessage(vscode.l10n.t('Kafka Cutover: the plan could not be laid out: {0}', message.message));
        return;
    }
  }

  private post(): void {
    if (!this.ready) return; // the page asks once its script runs
    const asked = ++this.posts;
    void Promise.resolve(this.source.graph()).then(
      (graph) => {
        // A newer change was asked for meanwhile, or the panel was closed.
        if (asked === this.posts && !this.disposed) this.send(graph);
      },
      (error: unknown) =>
        void vscode.window.showErrorMessage(vscode.l10n.t('Kafka Cutover: {0}', error instanceof Error ? error.message : String(error))),
    );
  }

  private send(graph: PlanGraph | undefined): void {
    this.lastGraph = graph;
    const env = this.lastGraph?.environment;
    this.panel.title = env
      ? vscode.l10n.t('Cutover Plan · {0} · {1}', this.source.folderName, env)
      : vscode.l10n.t('Cutover Plan · {0}', this.source.folderName);
    void this.panel.webview.postMessage({ type: 'graph', graph: this.lastGraph, strings: pageStrings() } satisfies HostMessage);
  }

  private page(): string {
    const webview = this.panel.webview;
    const nonce = makeNonce();
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'planView.js'));
    const worker = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'elk-worker.min.js'));
    // Scripts only with the nonce; the ELK worker is fetched from the extension and started from a blob.
    const csp = [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      `connect-src ${webview.cspSource}`,
      'worker-src blob:',
      `img-src ${webview.cspSource}`,
    ].join('; ');
    const attr = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    return `<!DOCTYPE html>
<html lang="${attr(vscode.env.language)}"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${STYLE}</style></head>
<body><div id="plan" data-worker="${attr(worker.toString())}" data-folder="${attr(this.source.folderUri)}"></div>
<script nonce="${nonce}" src="${attr(script.toString())}"></script></body></html>`;
  }

  /** The HTML of the page (its shell; the drawing is made inside the page), for tests. */
  get html(): string {
    return this.panel.webview.html;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (PlanPanel.current === this) PlanPanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

const VERDICTS: Verdict[] = ['moved', 'moved-at-risk', 'ready', 'ready-after-fixes', 'blocked', 'unknown', 'mixed', 'absent', 'hazard'];

function waveTitle(wave: number): string {
  switch (wave) {
    case 1:
      return vscode.l10n.t('Wave 1 · consumers');
    case 2:
      return vscode.l10n.t('Wave 2 · producer-consumers');
    case 3:
      return vscode.l10n.t('Wave 3 · producers');
    case 4:
      return vscode.l10n.t('Unknown role');
    default:
      return WAVE_TITLES[wave] ?? vscode.l10n.t('Wave {0}', wave);
  }
}

function pageStrings(): PlanStrings {
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, statusLabel(v)])) as Record<Verdict, string>;
  return {
    title: vscode.l10n.t('Cutover Plan'),
    empty: vscode.l10n.t('Nothing to show yet: the workspace has not been scanned or names no environment.'),
    laying: vscode.l10n.t('Laying out {0} services…'),
    layoutFailed: vscode.l10n.t('The plan could not be laid out: {0}'),
    filter: vscode.l10n.t('Filter services'),
    matches: vscode.l10n.t('{0} found'),
    zoomIn: vscode.l10n.t('Zoom in (+)'),
    zoomOut: vscode.l10n.t('Zoom out (-)'),
    fit: vscode.l10n.t('Fit to window (0)'),
    showAll: vscode.l10n.t('Show the whole plan'),
    neighbourhoodOf: vscode.l10n.t('{0} and its neighbours (Esc: the whole plan)'),
    legend: vscode.l10n.t('Verdicts:'),
    cycle: vscode.l10n.t('cycle: these services move together'),
    selfLoop: vscode.l10n.t('reads a topic it writes itself'),
    summary: vscode.l10n.t('{0} services, {1} producer → consumer links'),
    hint: vscode.l10n.t(
      'Consumers move first (left), producers last (right); arrows point from producer to consumer. Click a service to open its configuration, double-click for its neighbours, right-click to migrate or explain it.',
    ),
    verdicts,
    waves: { 1: waveTitle(1), 2: waveTitle(2), 3: waveTitle(3), 4: waveTitle(4) },
  };
}

function makeNonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars[Math.floor(Math.random() * chars.length)];
  return out;
}

// Theme colours only (VS Code's CSS variables), so the drawing follows light, dark and high-contrast themes.
const STYLE = `
html, body { height: 100%; margin: 0; padding: 0; overflow: hidden; }
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); }
#plan { display: flex; flex-direction: column; height: 100vh; }
.toolbar { display: flex; gap: 6px; align-items: center; padding: 6px 10px; border-bottom: 1px solid var(--vscode-panel-border); }
.toolbar input { flex: 0 1 260px; background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: 3px 6px; }
.toolbar button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: none; padding: 3px 9px; cursor: pointer; min-width: 28px; }
.toolbar button:hover { background: var(--vscode-button-secondaryHoverBackground); }
.matches { color: var(--vscode-descriptionForeground); min-width: 5em; }
.status { padding: 4px 10px; color: var(--vscode-descriptionForeground); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; padding: 2px 10px 6px; align-items: center; }
.legend-title { font-weight: 600; }
.legend-item { display: inline-flex; align-items: center; gap: 5px; }
.swatch { width: 12px; height: 12px; border-radius: 3px; background: color-mix(in srgb, var(--verdict) 30%, var(--vscode-editor-background)); border: 2px solid var(--verdict); }
.dash { width: 18px; border-top: 2px dashed var(--vscode-errorForeground); }
.canvas { flex: 1; width: 100%; min-height: 0; cursor: grab; user-select: none; }
.canvas.panning { cursor: grabbing; }
.v-moved { --verdict: var(--vscode-charts-green); }
.v-moved-at-risk { --verdict: var(--vscode-editorWarning-foreground); }
.v-ready { --verdict: var(--vscode-charts-blue); }
.v-ready-after-fixes { --verdict: var(--vscode-terminal-ansiCyan); }
.v-blocked { --verdict: var(--vscode-charts-yellow); }
.v-unknown { --verdict: var(--vscode-charts-purple); }
.v-mixed { --verdict: var(--vscode-charts-orange); }
.v-hazard { --verdict: var(--vscode-errorForeground); }
.v-absent { --verdict: var(--vscode-disabledForeground); }
.node { cursor: pointer; }
.node .box { fill: color-mix(in srgb, var(--verdict) 28%, var(--vscode-editor-background)); stroke: var(--verdict); stroke-width: 1.5; }
.node.v-hazard .box { stroke-width: 3; }
.node.in-cycle .box { stroke-dasharray: 5 3; }
.node .name { fill: var(--vscode-foreground); font-size: 12px; pointer-events: none; }
.edge-line { fill: none; stroke: var(--vscode-editorLineNumber-foreground); stroke-width: 1.3; opacity: 0.75; }
.edge.cycle .edge-line { stroke: var(--vscode-errorForeground); stroke-dasharray: 6 4; opacity: 1; }
.arrow-head { fill: var(--vscode-editorLineNumber-foreground); }
.edge-label { fill: var(--vscode-descriptionForeground); font-size: 10.5px; }
.wave-title { fill: var(--vscode-foreground); font-weight: 600; font-size: var(--wave-font, 13px); }
.wave-rule { stroke: var(--vscode-panel-border); stroke-width: 1; }
.canvas.far .edge-label, .canvas.far .name { display: none; }
.canvas.hovering .node:not(.lit), .canvas.hovering .edge:not(.lit), .canvas.hovering .edge-label:not(.lit) { opacity: 0.15; }
.canvas.hovering .edge.lit .edge-line { stroke: var(--vscode-focusBorder); stroke-width: 2.5; opacity: 1; }
.canvas.hovering .edge-label.lit { fill: var(--vscode-foreground); font-weight: 600; }
.canvas.filtering:not(.hovering) .node:not(.match) { opacity: 0.2; }
.canvas.filtering .node.match .box { stroke: var(--vscode-focusBorder); stroke-width: 3; }
`;
