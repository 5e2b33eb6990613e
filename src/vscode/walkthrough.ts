// The getting-started walkthrough, opened by itself once: the first time the extension starts in a
// workspace about Kafka. VS Code opens a walkthrough on a Marketplace install, but not for an extension
// installed from a .vsix, run from its folder (`npm start`) or synced; this covers those, and honours the
// same setting (`workbench.welcomePage.walkthroughs.openOnInstall`) that turns VS Code's own opening off.
import * as vscode from 'vscode';

export const WALKTHROUGH_ID = 'gettingStarted';
const SHOWN_KEY = 'walkthroughShown';

/** What the decision reads of the extension context (a narrow type, so the in-host test can pass its own). */
export interface WalkthroughContext {
  readonly extensionMode: vscode.ExtensionMode;
  readonly globalState: vscode.Memento;
  readonly extension: { readonly id: string };
}

/** Opens the walkthrough unless it was opened before, the setting says no, or tests are running. */
export async function openWalkthroughOnce(context: WalkthroughContext): Promise<boolean> {
  // Test runs start from an empty profile every time: a walkthrough would sit in front of their editors.
  if (context.extensionMode === vscode.ExtensionMode.Test) return false;
  if (!vscode.workspace.getConfiguration('workbench.welcomePage.walkthroughs').get<boolean>('openOnInstall', true)) return false;
  if (context.globalState.get<boolean>(SHOWN_KEY)) return false;
  await context.globalState.update(SHOWN_KEY, true);
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false);
  return true;
}
