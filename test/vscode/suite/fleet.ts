// Helpers for the extension suite on examples/fleet: files by relative path, waiting for the debounced
// analysis, reading diagnostics and lenses in the engine's 1-based terms, applying quick fixes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../../src/vscode/testApi';

export const EXTENSION_ID = 'kafka-cutover.kafka-cutover';

export async function activateExtension(): Promise<TestApi> {
  // The web workbench auto-saves after a delay by default: the suite must never write to the example.
  await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
  const extension = vscode.extensions.getExtension<TestApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this host`);
  const api = await extension.activate();
  await api.firstScan;
  return api;
}

export function folder(): vscode.WorkspaceFolder {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'no workspace folder');
  return first;
}

export function uriOf(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder().uri, ...rel.split('/'));
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(uriOf(rel), { preview: false });
}

/** `line:col-line:col`, 1-based as the engine and EXPECTED.md count. */
export function span(range: vscode.Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

/** Our diagnostics on a file as `rule@line:col-line:col`, in position order. */
export function diagnosticsOf(rel: string): string[] {
  return vscode.languages
    .getDiagnostics(uriOf(rel))
    .filter((d) => d.source === 'Kafka Cutover')
    .sort((a, b) => a.range.start.compareTo(b.range.start) || String(codeOf(a)).localeCompare(String(codeOf(b))))
    .map((d) => `${codeOf(d)}@${span(d.range)}`);
}

export function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined | false;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

export async function lensTitles(rel: string): Promise<string[]> {
  // The provider commands only see documents VS Code has a model for.
  await vscode.workspace.openTextDocument(uriOf(rel));
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uriOf(rel), 100);
  return lenses.sort((a, b) => a.range.start.compareTo(b.range.start)).map((l) => `${l.range.start.line + 1}: ${l.command?.title ?? ''}`);
}

/** `vscode.executeCodeActionProvider`'s itemResolveCount: resolve every action returned. */
export const RESOLVE_ALL = 1000;

/** Applies the quick fix titled `title` offered at a diagnostic of `rule` on `rel`; returns the document. */
export async function applyQuickFix(rel: string, rule: string, title: string): Promise<vscode.TextDocument> {
  await vscode.workspace.openTextDocument(uriOf(rel));
  const diagnostic = vscode.languages.getDiagnostics(uriOf(rel)).find((d) => codeOf(d) === rule);
  assert.ok(diagnostic, `no ${rule} diagnostic on ${rel}`);
  // Offered fixes carry no edit until resolved: ask VS Code to resolve them, as picking one does.
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uriOf(rel),
    diagnostic.range,
    undefined,
    RESOLVE_ALL,
  );
  const action = actions.find((a) => a.title === title);
  assert.ok(action?.edit, `no quick fix "${title}" on ${rel}; offered: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `the edit of "${title}" was not applied`);
  return vscode.workspace.openTextDocument(uriOf(rel));
}

export async function quickFixTitles(rel: string, rule: string): Promise<Array<{ title: string; preferred: boolean }>> {
  await vscode.workspace.openTextDocument(uriOf(rel));
  const diagnostic = vscode.languages.getDiagnostics(uriOf(rel)).find((d) => codeOf(d) === rule);
  assert.ok(diagnostic, `no ${rule} diagnostic on ${rel}`);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uriOf(rel),
    diagnostic.range,
  );
  return actions.map((a) => ({ title: a.title, preferred: a.isPreferred ?? false }));
}

/** Undoes the last edit of one document (single-file edits: no cross-file confirmation). */
export async function undoIn(rel: string): Promise<vscode.TextDocument> {
  await open(rel);
  await vscode.commands.executeCommand('undo');
  return vscode.workspace.openTextDocument(uriOf(rel));
}

/** Drops unsaved changes of a document so the next test starts from the files on disk. */
export async function revert(rel: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uriOf(rel));
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0, `${JSON.stringify(from)} is not in the text`);
  assert.equal(text.indexOf(from, at + 1), -1, `${JSON.stringify(from)} occurs more than once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}
