// Runs live checks for a folder and environment: refuses in an untrusted workspace, loads the live bundle
// on first use, asks for nothing secret in clear, shows cancellable progress, and spreads the results to
// the diagnostics, the trees, the output channel and one summary notification.
import * as vscode from 'vscode';
import type { ClusterClient } from '../../live/client';
import type { ConnectionSettings } from '../../live/connection';
import type { ClusterSide } from '../../live/secrets';
import type { CheckName, CheckResult, LiveFinding } from '../../live/checks/types';
import type { CommandDeps } from '../commands';
import { freshAnalysis, sessionFor } from '../cutover';
import type { Session } from '../session';
import { readLiveSettings } from '../settings';
import { LiveDiagnostics } from './diagnostics';
import { countFindings, type FindingCounts } from '../../live/render';
import { formatResults } from './format';
import { loadLive } from './load';
import { ClusterSecrets } from './secrets';
import { LiveState } from './state';
import { applyLiveEvidence, type LiveEvidence } from '../../core';
import { liveEvidenceOf } from '../../live/evidence';

export interface LiveRequest {
  /** Workspace folder URI (string); the only or a picked one when absent. */
  folder?: string;
  env?: string;
}

export type LiveOutcome =
  | { status: 'refused'; reason: string }
  | { status: 'cancelled' }
  | {
      status: 'done';
      env: string;
      results: Array<CheckResult<unknown>>;
      findings: LiveFinding[];
      counts: FindingCounts;
      durationMs: number;
    };

export interface RunOptions {
  /** Progress in the status bar, no summary notification (Refresh Lag). */
  quiet?: boolean;
  /** The timer's refresh: refusals are only logged. */
  background?: boolean;
}

/** Replaceable parts for the in-host tests (there are no brokers in the test host). */
export interface LiveTestHooks {
  /** Overrides `workspace.isTrusted`. */
  trusted?: boolean;
  makeClient?: (settings: ConnectionSettings, timeoutMs: number) => ClusterClient;
}

export const CHECK_TITLES: Record<CheckName, string> = {
  connect: 'connectivity',
  topics: 'topics',
  mirror: 'mirror progress',
  lag: 'consumer lag',
  clients: 'connected clients',
  offsets: 'translated offsets',
  producers: 'unrouted producers',
  health: 'consumer health',
};

export class LiveChecks implements vscode.Disposable {
  readonly state = new LiveState();
  readonly diagnostics = new LiveDiagnostics();
  readonly secrets: ClusterSecrets;
  readonly testHooks: LiveTestHooks = {};
  private outputChannel: vscode.LogOutputChannel | undefined;
  private readonly running = new Map<Session, AbortController>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly evidence = new Map<Session, Map<string, LiveEvidence>>();
  private readonly applied = new WeakMap<Session, object>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: CommandDeps) {
    this.secrets = new ClusterSecrets(deps.context.secrets, deps.context.globalState);
    this.disposables.push(
      this.state,
      this.diagnostics,
      this.state.onDidChange((session) => this.diagnostics.update(session, this.state.findings(session))),
      deps.sessions.onDidChange((session) => {
        this.state.revalidate(session);
        this.applyEvidence(session);
      }),
      deps.sessions.onDidRemove((session) => this.forget(session)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        deps.log.info('workspace trusted: live checks are available');
        this.configureRefresh();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kafkaCutover.live.lagRefreshSeconds')) this.configureRefresh();
      }),
    );
    this.configureRefresh();
  }

  /** A removed folder: its checks stop and its results and diagnostics go. */
  forget(session: Session): void {
    this.running.get(session)?.abort();
    this.running.delete(session);
    this.evidence.delete(session);
    this.state.forget(session);
    this.diagnostics.forget(session);
  }

  get trusted(): boolean {
    return this.testHooks.trusted ?? vscode.workspace.isTrusted;
  }

  /** Results, diagnostics and progress; secrets and kafkajs' own log lines never reach it. */
  get output(): vscode.LogOutputChannel {
    this.outputChannel ??= vscode.window.createOutputChannel('Kafka Cutover (live)', { log: true });
    return this.outputChannel;
  }

  async run(request: LiveRequest, checks: CheckName[], options: RunOptions = {}): Promise<LiveOutcome> {
    const refuse = (reason: string, ...actions: Array<{ title: string; run: () => unknown }>): LiveOutcome => {
      this.deps.log.warn(`live checks refused: ${reason}`);
      if (!options.background) {
        void vscode.window
          .showWarningMessage(reason, ...actions.map((a) => a.title))
          .then((picked) => actions.find((a) => a.title === picked)?.run());
      }
      return { status: 'refused', reason };
    };
    if (!this.trusted) {
      return refuse(
        vscode.l10n.t(
          'Live checks are off in an untrusted workspace: they connect to the clusters this workspace names. Trust the workspace to run them.',
        ),
        {
          title: vscode.l10n.t('Manage Workspace Trust'),
          run: () => vscode.commands.executeCommand('workbench.trust.manage'),
        },
      );
    }
    const session = await sessionFor(this.deps, request, vscode.l10n.t('Folder to check'));
    if (!session) return { status: 'cancelled' };
    const analysis = await freshAnalysis(session);
    const model = analysis.model;
    if (session.workspace.zeroConfig || model.manifest.environments.length === 0) {
      return refuse(vscode.l10n.t('Live checks need a kafka-cutover.yaml with environments (source and target brokers).'), {
        title: vscode.l10n.t('Create Manifest'),
        run: () => vscode.commands.executeCommand('kafkaCutover.createManifest', { folder: session.folder.uri.toString() }),
      });
    }
    const envName = request.env ?? session.environment;
    const environment = model.manifest.environments.find((e) => e.name === envName);
    if (!environment) return refuse(vscode.l10n.t('There is no environment named {0} in the manifest.', String(envName)));
    if (this.running.has(session)) return refuse(vscode.l10n.t('Live checks are already running for {0}.', session.folder.name));

    const live = loadLive();
    // A missing password or unreadable certificate is a configuration mistake: say so before any traffic.
    const problems: string[] = [];
    let missingSecret: ClusterSide | undefined;
    for (const side of ['source', 'target'] as const) {
      try {
        await live.connectionSettings(environment.name, side, environment[side], this.secrets);
      } catch (error) {
        if (!(error instanceof live.LiveError)) throw error;
        problems.push(error.message);
        if (
          environment[side].auth === 'sasl_scram' &&
          environment[side].username &&
          !(await this.secrets.get(environment.name, side, 'PASSWORD'))
        )
          missingSecret ??= side;
      }
    }
    if (problems.length) {
      const actions = missingSecret
        ? [
            {
              title: vscode.l10n.t('Set Cluster Secret…'),
              run: () =>
                vscode.commands.executeCommand('kafkaCutover.live.setSecret', {
                  folder: session.folder.uri.toString(),
                  env: environment.name,
                  side: missingSecret,
                }),
            },
          ]
        : [];
      return refuse(problems.join(' '), ...actions);
    }

    const settings = readLiveSettings(session.folder);
    const controller = new AbortController();
    this.running.set(session, controller);
    const started = Date.now();
    const names = checks.map((c) => CHECK_TITLES[c]).join(', ');
    let results: Array<CheckResult<unknown>>;
    try {
      results = await vscode.window.withProgress(
        {
          location: options.quiet ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('Kafka Cutover: checking {0} in {1}', names, environment.name),
          cancellable: !options.quiet,
        },
        (_progress, token) => {
          token.onCancellationRequested(() => controller.abort());
          return live.runLiveChecks({
            model,
            environment,
            secrets: this.secrets,
            checks,
            timeoutMs: settings.timeoutMs,
            lagThreshold: settings.lagThreshold,
            windowMs: settings.windowSeconds * 1000,
            signal: controller.signal,
            ...(this.testHooks.makeClient ? { makeClient: this.testHooks.makeClient } : {}),
          });
        },
      );
    } finally {
      this.running.delete(session);
    }
    const durationMs = Date.now() - started;
    if (controller.signal.aborted) {
      this.output.info(`${session.folder.name} · ${environment.name}: ${names} cancelled after ${durationMs} ms`);
      if (!options.quiet) void vscode.window.showInformationMessage(vscode.l10n.t('Live checks cancelled.'));
      return { status: 'cancelled' };
    }

    this.state.record(session, environment.name, results, settings.lagThreshold);
    if (checks.includes('clients')) {
      // What the clusters said joins the verdicts (tree, lenses, status bar) until the next clients check.
      // Recorded first (the state keeps the results the evidence belongs to); the views redraw lazily after.
      const evidence = this.evidence.get(session) ?? new Map<string, LiveEvidence>();
      evidence.set(environment.name, liveEvidenceOf(environment.name, new Date(started).toISOString(), results));
      this.evidence.set(session, evidence);
      this.applyEvidence(session, true);
    }
    const findings = results.flatMap((r) => r.findings);
    const counts = countFindings(findings);
    for (const line of formatResults(session.folder.name, results)) this.output.info(line);
    this.output.info(
      `${session.folder.name} · ${environment.name}: ${names} in ${durationMs} ms: ${counts.errors} errors, ${counts.warnings} warnings, ${counts.notes} notes`,
    );
    if (!options.quiet) this.notify(environment.name, names, counts);
    return { status: 'done', env: environment.name, results, findings, counts, durationMs };
  }

  /**
   * Merges the stored live evidence into the session's current analysis, once per analysis (every
   * re-analysis builds a fresh plan from the repository alone).
   */
  private applyEvidence(session: Session, force = false): void {
    const analysis = session.analysis;
    // Evidence lives as long as its clients results: the state drops those when the manifest changes.
    const evidence = [...(this.evidence.get(session)?.values() ?? [])].filter((e) => this.state.result(session, e.environment, 'clients'));
    if (!analysis || !evidence.length || (!force && this.applied.get(session) === analysis)) return;
    this.applied.set(session, analysis);
    applyLiveEvidence(analysis.model, analysis.plan, evidence);
  }

  /** Cancels what runs for every folder (deactivation, tests). */
  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  private notify(env: string, names: string, counts: FindingCounts): void {
    const showOutput = vscode.l10n.t('Show Results');
    const showProblems = vscode.l10n.t('Show Problems');
    const clean = counts.errors + counts.warnings === 0;
    const text = clean
      ? vscode.l10n.t('Kafka Cutover ({0}): {1}: nothing needs attention ({2} notes).', env, names, counts.notes)
      : vscode.l10n.t(
          'Kafka Cutover ({0}): {1}: {2} errors, {3} warnings, {4} notes.',
          env,
          names,
          counts.errors,
          counts.warnings,
          counts.notes,
        );
    const show = clean
      ? vscode.window.showInformationMessage
      : counts.errors
        ? vscode.window.showErrorMessage
        : vscode.window.showWarningMessage;
    void show(text, showOutput, showProblems).then((picked) => {
      if (picked === showOutput) this.output.show(true);
      else if (picked === showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }

  /** Re-reads lag on a timer for the folders and environments that show lag results. */
  private configureRefresh(): void {
    clearInterval(this.refreshTimer);
    this.refreshTimer = undefined;
    const seconds = readLiveSettings(undefined).lagRefreshSeconds;
    if (seconds <= 0 || !this.trusted) return;
    this.refreshTimer = setInterval(() => void this.refreshLagNow(), seconds * 1000);
  }

  /** One round of the periodic refresh: quiet, skipping folders with a check in flight. */
  async refreshLagNow(): Promise<void> {
    if (!this.trusted) return;
    for (const session of this.deps.sessions.all) {
      if (this.running.has(session)) continue;
      for (const env of this.state.lagEnvironments(session)) {
        try {
          await this.run({ folder: session.folder.uri.toString(), env }, ['lag'], { quiet: true, background: true });
        } catch (error) {
          this.deps.log.warn(
            `lag refresh of ${session.folder.name} (${env}) failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    }
  }

  dispose(): void {
    clearInterval(this.refreshTimer);
    this.cancelAll();
    this.outputChannel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
