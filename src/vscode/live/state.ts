// The last live results per folder, environment and check: what the diagnostics, the trees and the lag
// refresh read. Results belong to the manifest they were computed from and are dropped when it changes.
import * as vscode from 'vscode';
import type { CheckName, CheckResult, LiveFinding } from '../../live/checks/types';
import type { GroupLag } from '../../live/checks/lag';
import type { MirrorResults } from '../../live/checks/mirror';
import type { TopicRow } from '../../live/checks/topics';
import type { Session } from '../session';
import type { LiveBadge, LiveTreeSource } from '../tree/live';

interface SessionResults {
  manifestPath: string;
  /** env -> check -> result */
  byEnv: Map<string, Map<CheckName, CheckResult<unknown>>>;
  /** env -> when the last clients check ran (what "confirmed live" stands on). */
  clientsAt: Map<string, Date>;
  lagThreshold: number;
}

export class LiveState implements LiveTreeSource, vscode.Disposable {
  private readonly bySession = new Map<Session, SessionResults>();
  private readonly changed = new vscode.EventEmitter<Session>();
  readonly onDidChange = this.changed.event;

  record(session: Session, env: string, results: Array<CheckResult<unknown>>, lagThreshold: number): void {
    const manifestPath = session.workspace.manifestPath;
    let entry = this.bySession.get(session);
    if (!entry || entry.manifestPath !== manifestPath) {
      entry = { manifestPath, byEnv: new Map(), clientsAt: new Map(), lagThreshold };
      this.bySession.set(session, entry);
    }
    entry.lagThreshold = lagThreshold;
    const checks = entry.byEnv.get(env) ?? new Map<CheckName, CheckResult<unknown>>();
    for (const r of results) checks.set(r.check, r);
    entry.byEnv.set(env, checks);
    if (results.some((r) => r.check === 'clients')) entry.clientsAt.set(env, new Date());
    this.changed.fire(session);
  }

  /** Drops results computed from another manifest than the session's current one. */
  revalidate(session: Session): void {
    const entry = this.bySession.get(session);
    if (entry && entry.manifestPath !== session.workspace.manifestPath) this.forget(session);
  }

  forget(session: Session): void {
    if (this.bySession.delete(session)) this.changed.fire(session);
  }

  result<T>(session: Session, env: string, check: CheckName): CheckResult<T> | undefined {
    return this.bySession.get(session)?.byEnv.get(env)?.get(check) as CheckResult<T> | undefined;
  }

  findings(session: Session): LiveFinding[] {
    const entry = this.bySession.get(session);
    if (!entry) return [];
    return [...entry.byEnv.values()].flatMap((checks) => [...checks.values()].flatMap((r) => r.findings));
  }

  /** Environments of a session that have lag results (what the periodic refresh re-reads). */
  lagEnvironments(session: Session): string[] {
    const entry = this.bySession.get(session);
    return entry ? [...entry.byEnv].filter(([, checks]) => checks.has('lag')).map(([env]) => env) : [];
  }

  service(session: Session, env: string, service: string): LiveBadge | undefined {
    const lag = this.lagBadge(session, env, service);
    const confirmed = this.confirmedBadge(session, env, service);
    if (!lag || !confirmed) return lag ?? confirmed;
    return { text: `${lag.text} · ${confirmed.text}`, tooltip: `${lag.tooltip}\n${confirmed.tooltip}`, level: lag.level };
  }

  /**
   * Ready, and the last clients check (merged into the verdicts) contradicted nothing: no group the
   * repository does not know reads what it produces.
   */
  private confirmedBadge(session: Session, env: string, service: string): LiveBadge | undefined {
    const at = this.bySession.get(session)?.clientsAt.get(env);
    if (!at || !this.result(session, env, 'clients')) return undefined;
    if (session.analysis?.plan.readiness[env]?.[service]?.status !== 'ready') return undefined;
    return {
      text: vscode.l10n.t('confirmed live'),
      tooltip: vscode.l10n.t(
        'Ready, and the clients check at {0} found nothing on the clusters that contradicts it.',
        at.toLocaleTimeString(),
      ),
      level: 'ok',
    };
  }

  private lagBadge(session: Session, env: string, service: string): LiveBadge | undefined {
    const lag = this.result<GroupLag[]>(session, env, 'lag');
    if (!lag) return undefined;
    const rows = lag.results.filter((g) => g.service === service);
    if (!rows.length) return undefined;
    const threshold = this.bySession.get(session)?.lagThreshold ?? Infinity;
    const silent = rows.filter((g) => !g.committed);
    const total = rows.filter((g) => g.committed).reduce((sum, g) => sum + g.totalLag, 0);
    const lines = rows.map((g) => {
      const onTarget =
        g.targetPartitionsWithOffsets === null
          ? ''
          : g.targetPartitionsWithOffsets > 0
            ? vscode.l10n.t(', offsets on the target for {0} partition(s)', g.targetPartitionsWithOffsets)
            : vscode.l10n.t(', no offsets on the target yet');
      return g.committed
        ? vscode.l10n.t('{0} on the {1}: lag {2}{3}', g.group, g.cluster, g.totalLag, onTarget)
        : vscode.l10n.t('{0} on the {1}: no committed offsets{2}', g.group, g.cluster, onTarget);
    });
    if (silent.length) {
      return { text: vscode.l10n.t('no commits'), tooltip: lines.join('\n'), level: 'warning' };
    }
    return {
      text: vscode.l10n.t('lag {0}', total.toLocaleString('en-US')),
      tooltip: lines.join('\n'),
      level: total > threshold ? 'warning' : 'ok',
    };
  }

  topic(session: Session, env: string, topic: string): LiveBadge | undefined {
    const parts: LiveBadge[] = [];
    const row = this.result<TopicRow[]>(session, env, 'topics')?.results.find((r) => r.topic === topic);
    if (row) {
      if (!row.target)
        parts.push({
          text: vscode.l10n.t('missing on target'),
          tooltip: vscode.l10n.t('{0} does not exist on the target in {1}.', topic, env),
          level: 'error',
        });
      else if (row.drift.length) parts.push({ text: vscode.l10n.t('differs on target'), tooltip: row.drift.join('\n'), level: 'warning' });
      else
        parts.push({
          text: vscode.l10n.t('on target'),
          tooltip: vscode.l10n.t(
            '{0} partitions, replication factor {1} on the target.',
            row.target.partitions,
            row.target.replicationFactor,
          ),
          level: 'ok',
        });
    }
    const mirror = this.result<MirrorResults>(session, env, 'mirror')?.results.topics.find((t) => t.topic === topic);
    if (mirror) {
      if (!mirror.mirrored)
        parts.push({
          text: vscode.l10n.t('not mirrored'),
          tooltip: vscode.l10n.t('{0} is on the source but not on the target.', topic),
          level: 'error',
        });
      else {
        const behind = mirror.partitions
          .filter((p) => p.lag > 0)
          .map((p) => `p${p.partition}: ${p.lag}`)
          .join(', ');
        parts.push({
          text: vscode.l10n.t('mirror lag {0}', mirror.lag.toLocaleString('en-US')),
          tooltip: behind
            ? vscode.l10n.t('The target is behind the source: {0}', behind)
            : vscode.l10n.t('The target has every record of the source.'),
          level: mirror.lag > 0 ? 'info' : 'ok',
        });
      }
    }
    if (!parts.length) return undefined;
    const order: LiveBadge['level'][] = ['ok', 'info', 'warning', 'error'];
    return {
      text: parts.map((p) => p.text).join(' · '),
      tooltip: parts.map((p) => p.tooltip).join('\n'),
      level: parts.reduce<LiveBadge['level']>((worst, p) => (order.indexOf(p.level) > order.indexOf(worst) ? p.level : worst), 'ok'),
    };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
