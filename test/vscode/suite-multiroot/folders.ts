// Helpers for the multi-root suite: the three folders scripts/vscode/multiroot-workspace.sh builds, their
// sessions, and diagnostics read per folder in the engine's 1-based terms.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Session } from '../../../src/vscode/session';
import type { TestApi } from '../../../src/vscode/testApi';
import { codeOf, span } from '../suite/fleet';

export const FLEET = 'fleet';
export const ZERO_CONFIG = 'zero-config';
export const BROKEN_MANIFEST = 'broken-manifest';

export function folderNamed(name: string): vscode.WorkspaceFolder {
  const found = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  assert.ok(found, `no workspace folder named ${name}`);
  return found;
}

export function uriIn(folderName: string, rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folderNamed(folderName).uri, ...rel.split('/'));
}

export function diskTextIn(folderName: string, rel: string): string {
  return fs.readFileSync(uriIn(folderName, rel).fsPath, 'utf8');
}

export function sessionOf(api: TestApi, folderName: string): Session {
  const session = api.sessions.all.find((s) => s.folder.name === folderName);
  assert.ok(session, `no session for ${folderName}`);
  return session;
}

function ours(diagnostics: readonly vscode.Diagnostic[]): vscode.Diagnostic[] {
  return diagnostics.filter((d) => d.source === 'Kafka Cutover');
}

/** Our diagnostics on one file as `rule@line:col-line:col`, in position order. */
export function diagnosticsIn(folderName: string, rel: string): string[] {
  return ours(vscode.languages.getDiagnostics(uriIn(folderName, rel)))
    .sort((a, b) => a.range.start.compareTo(b.range.start) || String(codeOf(a)).localeCompare(String(codeOf(b))))
    .map((d) => `${codeOf(d)}@${span(d.range)}`);
}

/** Every diagnostic of ours, as `file:rule@line:col` keyed by the name of the folder holding the file. */
export function diagnosticsByFolder(): Map<string, string[]> {
  const byFolder = new Map<string, string[]>();
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of ours(diagnostics)) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      const key = folder?.name ?? `(outside every folder) ${uri.fsPath}`;
      const rel = folder ? vscode.workspace.asRelativePath(uri, false) : uri.fsPath;
      const list = byFolder.get(key) ?? [];
      list.push(`${rel}:${codeOf(d) ?? 'problem'}@${d.range.start.line + 1}:${d.range.start.character + 1}`);
      byFolder.set(key, list);
    }
  }
  for (const list of byFolder.values()) list.sort();
  return byFolder;
}

/** What a session's own analysis says should be published, in the same shape as diagnosticsByFolder. */
export function expectedDiagnostics(session: Session): string[] {
  const manifestRel = session.workspace.relative(session.workspace.manifestPath) ?? session.workspace.manifestPath;
  const keys = [
    ...session.manifestProblems.map((p) => `${manifestRel}:problem@${p.line}:${p.column}`),
    ...(session.analysis?.findings ?? []).map((f) => `${f.file}:${f.rule}@${f.range.start.line}:${f.range.start.column}`),
    ...(session.analysis?.model.problems ?? []).map((p) => `${p.file}:problem@${p.line}:${p.column}`),
  ];
  return keys.sort();
}
