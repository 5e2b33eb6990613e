// Proves the launchers put the suite inside a real VS Code extension host with the requested workspace.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXPECTED_EXTENSION_ENV, EXPECTED_WORKSPACE_ENV } from './results';

const MINIMUM_SUPPORTED = [1, 100];

function versionParts(version: string): number[] {
  return version.split('.').map((part) => Number.parseInt(part, 10));
}

describe('VS Code host smoke', () => {
  it('runs in VS Code 1.100 or newer (the minimum the manifest declares)', () => {
    const [major = 0, minor = 0] = versionParts(vscode.version);
    assert.match(vscode.version, /^\d+\.\d+\.\d+/);
    assert.ok(
      major > MINIMUM_SUPPORTED[0]! || (major === MINIMUM_SUPPORTED[0] && minor >= MINIMUM_SUPPORTED[1]!),
      `vscode.version ${vscode.version} is older than ${MINIMUM_SUPPORTED.join('.')}`,
    );
  });

  it('opened exactly the workspace folder the launcher was given', () => {
    const expected = process.env[EXPECTED_WORKSPACE_ENV];
    assert.ok(expected, `${EXPECTED_WORKSPACE_ENV} is not set in the extension host`);
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    assert.equal(path.resolve(folders[0]!.uri.fsPath), path.resolve(expected));
  });

  it('can read a file of the workspace through the workspace API', async () => {
    const found = await vscode.workspace.findFiles('**/*', '**/node_modules/**', 50);
    assert.ok(found.length > 0, 'the workspace folder has no files the host can see');
    const document = await vscode.workspace.openTextDocument(found[0]!);
    assert.equal(document.uri.toString(), found[0]!.toString());
  });

  it('loaded the extension under development from the path the launcher was given', () => {
    const expected = process.env[EXPECTED_EXTENSION_ENV];
    assert.ok(expected, `${EXPECTED_EXTENSION_ENV} is not set in the extension host`);
    const loaded = vscode.extensions.all.map((extension) => path.resolve(extension.extensionPath));
    assert.ok(loaded.includes(path.resolve(expected)), `${expected} is not among the loaded extensions`);
  });
});
