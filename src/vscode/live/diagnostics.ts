// Live findings that have a place in the repository (a kafka_topic block, a group id, a broker in the
// manifest) as diagnostics, in a collection of their own so a rescan never clears them.
import * as vscode from 'vscode';
import type { LiveFinding } from '../../live/checks/types';
import { toRange } from '../edits';
import type { Session } from '../session';

export const LIVE_DIAGNOSTIC_SOURCE = 'Kafka Cutover (live)';

export class LiveDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(LIVE_DIAGNOSTIC_SOURCE);
  private readonly published = new Map<Session, vscode.Uri[]>();

  update(session: Session, findings: readonly LiveFinding[]): void {
    for (const uri of this.published.get(session) ?? []) this.collection.delete(uri);
    const byFile = new Map<string, { uri: vscode.Uri; list: vscode.Diagnostic[] }>();
    for (const f of findings) {
      if (!f.file || !f.range) continue;
      const uri = session.uriOf(f.file);
      const entry = byFile.get(uri.toString()) ?? { uri, list: [] };
      entry.list.push(toDiagnostic(f));
      byFile.set(uri.toString(), entry);
    }
    for (const { uri, list } of byFile.values()) this.collection.set(uri, list);
    this.published.set(
      session,
      [...byFile.values()].map((e) => e.uri),
    );
  }

  forget(session: Session): void {
    for (const uri of this.published.get(session) ?? []) this.collection.delete(uri);
    this.published.delete(session);
  }

  dispose(): void {
    this.collection.dispose();
  }
}

function toDiagnostic(f: LiveFinding): vscode.Diagnostic {
  const severity =
    f.severity === 'error'
      ? vscode.DiagnosticSeverity.Error
      : f.severity === 'warning'
        ? vscode.DiagnosticSeverity.Warning
        : vscode.DiagnosticSeverity.Information;
  const d = new vscode.Diagnostic(toRange(f.range!), f.message, severity);
  d.source = LIVE_DIAGNOSTIC_SOURCE;
  d.code = `live-${f.check}`;
  return d;
}
