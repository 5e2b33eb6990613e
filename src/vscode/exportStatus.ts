// Export Status: the engine's report rendered as CSV, Markdown, JSON or SARIF, written where the user says.
import * as vscode from 'vscode';
import { buildReport, renderReport, type ReportFormat } from '../core';
import { UserError, type CommandDeps } from './commands';
import { freshAnalysis } from './cutover';

const FORMATS: Array<{ format: Exclude<ReportFormat, 'table'>; label: string; extension: string }> = [
  { format: 'csv', label: 'CSV', extension: 'csv' },
  { format: 'markdown', label: 'Markdown', extension: 'md' },
  { format: 'json', label: 'JSON', extension: 'json' },
  { format: 'sarif', label: 'SARIF', extension: 'sarif' },
];

export interface ExportRequest {
  format?: ReportFormat;
  /** Where to write; asked with a save dialog when absent. */
  uri?: vscode.Uri;
  folder?: string;
  /** Only this environment (all when absent). */
  env?: string;
}

/** Writes the report and returns where (undefined when cancelled). */
export async function exportStatus(deps: CommandDeps, arg?: ExportRequest): Promise<vscode.Uri | undefined> {
  const request = arg && typeof arg === 'object' && !(arg instanceof vscode.TreeItem) ? arg : {};
  const session = request.folder
    ? deps.sessions.all.find((s) => s.folder.uri.toString() === request.folder)
    : await deps.sessions.pick(vscode.l10n.t('Folder to export'));
  if (!session) return undefined;
  const analysis = await freshAnalysis(session);
  let format = request.format;
  if (!format) {
    const picked = await vscode.window.showQuickPick(
      FORMATS.map((f) => ({ label: f.label, description: `.${f.extension}`, format: f.format })),
      {
        placeHolder: vscode.l10n.t('Export format'),
      },
    );
    if (!picked) return undefined;
    format = picked.format;
  }
  const spec = FORMATS.find((f) => f.format === format);
  if (!spec) throw new UserError(vscode.l10n.t('Unknown export format {0}.', String(format)));
  const memory = deps.context.workspaceState;
  const folderKey = `exportFolder:${session.folder.uri.toString()}`;
  const remembered = memory.get<string>(folderKey);
  // Where the user saved last time for this folder, else the folder itself; never written without asking.
  const defaultFolder = remembered ? vscode.Uri.parse(remembered) : session.folder.uri;
  const uri =
    request.uri ??
    (await exportDialog.ask({
      defaultUri: vscode.Uri.joinPath(defaultFolder, `kafka-cutover-status.${spec.extension}`),
      filters: { [spec.label]: [spec.extension] },
      title: vscode.l10n.t('Export cutover status'),
    }));
  if (!uri) return undefined;
  const text = renderReport(buildReport(analysis.model, analysis.plan, analysis.findings), spec.format, { env: request.env });
  await writeAtomically(uri, new TextEncoder().encode(text));
  if (!request.uri) await memory.update(folderKey, vscode.Uri.joinPath(uri, '..').toString());
  deps.log.info(`exported ${spec.label} to ${uri.toString()}`);
  if (!request.uri) {
    const open = vscode.l10n.t('Open');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Exported the cutover status to {0}.', vscode.workspace.asRelativePath(uri)), open)
      .then((a) => {
        if (a === open) void vscode.window.showTextDocument(uri);
      });
  }
  return uri;
}

/** The save dialog, a seam the in-host tests replace to see its default and answer it. */
export const exportDialog = {
  ask(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined> {
    return vscode.window.showSaveDialog(options);
  },
};

/** Written beside the target and renamed over it: a reader never sees half a report. */
async function writeAtomically(uri: vscode.Uri, bytes: Uint8Array): Promise<void> {
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const temp = vscode.Uri.joinPath(uri, '..', `.${name}.${process.pid}-${Date.now()}.tmp`);
  await vscode.workspace.fs.writeFile(temp, bytes);
  try {
    await vscode.workspace.fs.rename(temp, uri, { overwrite: true });
  } catch (error) {
    await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
    throw error;
  }
}
