// Create Manifest: a starting kafka-cutover.yaml from a zero-config scan (the same text as `kafka-cutover
// init`), written through a WorkspaceEdit so it is undoable, then opened for review.
import * as vscode from 'vscode';
import { UserError, type CommandDeps } from './commands';

export async function createManifest(deps: CommandDeps, arg?: { folder?: string }): Promise<vscode.Uri | undefined> {
  const session = arg?.folder
    ? deps.sessions.all.find((s) => s.folder.uri.toString() === arg.folder)
    : await deps.sessions.pick(vscode.l10n.t('Folder to create the manifest in'));
  if (!session) {
    throw new UserError(vscode.l10n.t('Open a folder first: the manifest lives at the root of the repository.'));
  }
  const uri = session.manifestUri;
  if (await exists(uri)) {
    await vscode.window.showTextDocument(uri);
    throw new UserError(vscode.l10n.t('{0} already exists.', vscode.workspace.asRelativePath(uri)));
  }
  const text = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Kafka Cutover: scanning {0} for a starting manifest', session.folder.name),
    },
    // A zero-config scan of the whole folder: in the engine worker, like every scan.
    () => session.ask<string>({ kind: 'manifestText', root: session.folder.uri.fsPath, exclude: session.settings.exclude }),
  );
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { ignoreIfExists: false });
  edit.insert(uri, new vscode.Position(0, 0), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('VS Code refused to create {0}.', uri.fsPath));
  const doc = await vscode.workspace.openTextDocument(uri);
  // Saved so the scan (which reads the manifest from disk) picks it up at once.
  await doc.save();
  await vscode.window.showTextDocument(doc);
  return uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
