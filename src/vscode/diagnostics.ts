// Findings and manifest problems as diagnostics, one collection for every folder.
import * as vscode from 'vscode';
import { type Finding, type Problem, RULE_DOCS, type RuleId, type Severity } from '../core';
import type { Session } from './session';
import type { SeveritySetting } from './settings';
import { toRange } from './edits';

export const DIAGNOSTIC_SOURCE = 'Kafka Cutover';
const LINE_END = 10_000;
/** Files per batch when a session publishes many (a window message each batch). */
const PUBLISH_BATCH = 100;

export class Diagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('kafkaCutover');
  /** Files each session last published to, so a session clears only its own. */
  private readonly published = new Map<Session, Map<string, vscode.Uri>>();
  /** Bumped per update of a session: batches of an older one stop. */
  private readonly generations = new Map<Session, number>();

  constructor(private readonly docsUri: vscode.Uri) {}

  update(session: Session): void {
    // Grouped by file as data first; Uris and Diagnostics are built batch by batch (on a fleet of a thousand
    // services that is thousands of each: built at once they hold the extension host for a while).
    const manifestKey = `manifest:${session.manifestUri.toString()}`;
    const byFile = new Map<string, Array<Finding | Problem>>();
    const add = (key: string, item: Finding | Problem) => {
      const list = byFile.get(key);
      if (list) list.push(item);
      else byFile.set(key, [item]);
    };
    for (const p of session.manifestProblems) add(manifestKey, p);
    const analysis = session.state === 'scanning' ? undefined : session.analysis;
    if (analysis) {
      for (const f of analysis.findings) add(f.file, f);
      const manifestRel = session.workspace.relative(session.workspace.manifestPath);
      for (const p of analysis.model.problems) add(p.file === manifestRel ? manifestKey : p.file, p);
    }
    const uriOf = (key: string) => (key === manifestKey ? session.manifestUri : session.uriOf(key));
    const previous = this.published.get(session) ?? new Map<string, vscode.Uri>();
    const now = new Map<string, vscode.Uri>();
    this.published.set(session, now);
    const stale: Array<[vscode.Uri, undefined]> = [...previous].filter(([key]) => !byFile.has(key)).map(([, uri]) => [uri, undefined]);
    const files = [...byFile];
    this.publish(session, stale, files.length, (from, to) =>
      files.slice(from, to).map(([key, items]) => {
        const uri = uriOf(key);
        now.set(key, uri);
        const list = items.map((item) =>
          'rule' in item ? this.findingDiagnostic(item, session.settings.rules[item.rule]) : this.problemDiagnostic(item),
        );
        // The engine's findings are unordered; give each file's list a stable reading order.
        list.sort((a, b) => a.range.start.compareTo(b.range.start) || String(codeOf(a)).localeCompare(String(codeOf(b))));
        return [uri, list] as [vscode.Uri, vscode.Diagnostic[]];
      }),
    );
  }

  /**
   * Clears `stale`, then sets the files `build` makes: a small set at once, a large one (a fleet of a
   * thousand services) a batch of files per turn of the event loop, so publishing never holds the
   * extension host. A newer update of the session drops the rest.
   */
  private publish(
    session: Session,
    stale: Array<[vscode.Uri, undefined]>,
    count: number,
    build: (from: number, to: number) => Array<[vscode.Uri, vscode.Diagnostic[]]>,
  ): void {
    const generation = (this.generations.get(session) ?? 0) + 1;
    this.generations.set(session, generation);
    if (stale.length) this.collection.set(stale);
    const next = (from: number) => {
      if (this.generations.get(session) !== generation) return;
      this.collection.set(build(from, Math.min(count, from + PUBLISH_BATCH)));
      if (from + PUBLISH_BATCH < count) setImmediate(() => next(from + PUBLISH_BATCH));
    };
    if (count) next(0);
  }

  forget(session: Session): void {
    this.publish(
      session,
      [...(this.published.get(session)?.values() ?? [])].map((uri) => [uri, undefined]),
      0,
      () => [],
    );
    this.published.delete(session);
  }

  findingDiagnostic(f: Finding, setting: SeveritySetting | undefined): vscode.Diagnostic {
    const d = new vscode.Diagnostic(
      toRange(f.range),
      f.message,
      setting === 'hint' ? vscode.DiagnosticSeverity.Hint : toSeverity(f.severity),
    );
    d.source = DIAGNOSTIC_SOURCE;
    d.code = { value: f.rule, target: ruleDocUri(this.docsUri, f.rule) };
    return d;
  }

  private problemDiagnostic(p: Problem): vscode.Diagnostic {
    const at = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
    // Problems carry a point; marking the rest of the line makes them visible (VS Code clamps the end).
    const d = new vscode.Diagnostic(new vscode.Range(at, at.with({ character: LINE_END })), p.message, toSeverity(p.severity));
    d.source = DIAGNOSTIC_SOURCE;
    return d;
  }

  dispose(): void {
    this.collection.dispose();
  }
}

/** The rule's section in the bundled docs/rules.md (the fragment is the heading's anchor). */
export function ruleDocUri(docsUri: vscode.Uri, rule: RuleId): vscode.Uri {
  return docsUri.with({ fragment: rule });
}

export function ruleTitle(rule: RuleId): string {
  return RULE_DOCS[rule]?.title ?? rule;
}

function toSeverity(severity: Severity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
  }
}

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}
