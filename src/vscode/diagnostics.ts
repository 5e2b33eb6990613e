// Findings and manifest problems as diagnostics, one collection for every folder.
import * as vscode from 'vscode';
import type { Finding, Problem, RuleId, Severity } from '../core/model/types';
import { RULE_DOCS } from '../core/report';
import type { Session } from './session';
import type { SeveritySetting } from './settings';
import { toRange } from './edits';

export const DIAGNOSTIC_SOURCE = 'Kafka Cutover';
const LINE_END = 10_000;
/** Files per batch when a session publishes many (a window message each batch). */
const PUBLISH_BATCH = 200;

export class Diagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('kafkaCutover');
  /** Files each session last published to, so a session clears only its own. */
  private readonly published = new Map<Session, vscode.Uri[]>();
  /** Bumped per update of a session: batches of an older one stop. */
  private readonly generations = new Map<Session, number>();

  constructor(private readonly docsUri: vscode.Uri) {}

  update(session: Session): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    const add = (uri: vscode.Uri, d: vscode.Diagnostic) => {
      const key = uri.toString();
      const list = byFile.get(key) ?? [];
      list.push(d);
      byFile.set(key, list);
    };
    for (const p of session.manifestProblems) add(session.manifestUri, this.problemDiagnostic(p));
    const analysis = session.state === 'scanning' ? undefined : session.analysis;
    if (analysis) {
      for (const f of analysis.findings) add(session.uriOf(f.file), this.findingDiagnostic(f, session.settings.rules[f.rule]));
      for (const p of analysis.model.problems) {
        add(p.file === session.workspace.relative(session.workspace.manifestPath) ? session.manifestUri : session.uriOf(p.file), this.problemDiagnostic(p));
      }
    }
    const uris: vscode.Uri[] = [];
    // One batch: a set() per file is a message to the window each (thousands on a large fleet).
    const entries: Array<[vscode.Uri, vscode.Diagnostic[] | undefined]> = [];
    for (const uri of this.published.get(session) ?? []) if (!byFile.has(uri.toString())) entries.push([uri, undefined]);
    for (const [key, list] of byFile) {
      const uri = vscode.Uri.parse(key);
      uris.push(uri);
      // The engine's findings are unordered; give each file's list a stable reading order.
      list.sort((a, b) => a.range.start.compareTo(b.range.start) || String(codeOf(a)).localeCompare(String(codeOf(b))));
      entries.push([uri, list]);
    }
    this.published.set(session, uris);
    this.publish(session, entries);
  }

  /**
   * A small set goes out at once; a large one (a fleet of a thousand services) a batch of files per turn
   * of the event loop, so publishing never holds the extension host. A newer update drops the rest.
   */
  private publish(session: Session, entries: Array<[vscode.Uri, vscode.Diagnostic[] | undefined]>): void {
    const generation = (this.generations.get(session) ?? 0) + 1;
    this.generations.set(session, generation);
    const next = (from: number) => {
      if (this.generations.get(session) !== generation) return;
      this.collection.set(entries.slice(from, from + PUBLISH_BATCH));
      if (from + PUBLISH_BATCH < entries.length) setImmediate(() => next(from + PUBLISH_BATCH));
    };
    next(0);
  }

  forget(session: Session): void {
    this.publish(session, (this.published.get(session) ?? []).map((uri) => [uri, undefined]));
    this.published.delete(session);
  }

  findingDiagnostic(f: Finding, setting: SeveritySetting | undefined): vscode.Diagnostic {
    const d = new vscode.Diagnostic(toRange(f.range), f.message, setting === 'hint' ? vscode.DiagnosticSeverity.Hint : toSeverity(f.severity));
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
