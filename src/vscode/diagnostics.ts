// Findings and manifest problems as diagnostics, one collection for every folder.
import * as vscode from 'vscode';
import { type Finding, type Problem, RULE_DOCS, type RuleId, type Severity } from '../core';
import type { Session } from './session';
import type { SeveritySetting } from './settings';
import { toRange } from './edits';

export const DIAGNOSTIC_SOURCE = 'Kafka Cutover';
const LINE_END = 10_000;

export class Diagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('kafkaCutover');
  /** Files each session last published to, so a session clears only its own. */
  private readonly published = new Map<Session, vscode.Uri[]>();

  constructor(private readonly docsUri: vscode.Uri) {}

  update(session: Session): void {
    for (const uri of this.published.get(session) ?? []) this.collection.delete(uri);
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
    for (const [key, list] of byFile) {
      const uri = vscode.Uri.parse(key);
      uris.push(uri);
      // The engine's findings are unordered; give each file's list a stable reading order.
      list.sort((a, b) => a.range.start.compareTo(b.range.start) || String(codeOf(a)).localeCompare(String(codeOf(b))));
      this.collection.set(uri, list);
    }
    this.published.set(session, uris);
  }

  forget(session: Session): void {
    for (const uri of this.published.get(session) ?? []) this.collection.delete(uri);
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
