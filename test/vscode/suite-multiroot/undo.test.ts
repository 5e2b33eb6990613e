// Undo of a multi-file Migrate Service, in the fleet folder of the multi-root workspace.
//
// No dialog stands in the way here: VS Code 1.100 gives every workspace edit an undo group, and its undo
// service asks "undo across all files?" only for elements outside a group. (If it did ask, the test host
// could not answer: DialogService.prompt throws "refused to show dialog in tests".)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CutoverResult } from '../../../src/vscode/cutover';
import { replaceOnce, waitFor } from '../suite/fleet';
import { diskTextIn, FLEET, folderNamed, uriIn } from './folders';

const DEV_SOURCE = 'kafka1.dev.example.internal:9092,kafka2.dev.example.internal:9092,kafka3.dev.example.internal:9092';
const DEV_TARGET =
  'b-1.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094,b-2.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094,b-3.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094';
const ENV_FILE = 'services/forecast-trainer/.env.dev';
const CODE_FILE = 'services/forecast-trainer/trainer/consume.py';
const TOUCH = '# touched after the migrate\n';

interface Texts {
  env: string;
  code: string;
}

async function textOf(rel: string): Promise<string> {
  return (await vscode.workspace.openTextDocument(uriIn(FLEET, rel))).getText();
}

async function undoIn(rel: string, expected: string): Promise<void> {
  await vscode.window.showTextDocument(uriIn(FLEET, rel), { preview: false });
  await vscode.commands.executeCommand('undo');
  await waitFor(`undo in ${rel}`, async () => (await textOf(rel)) === expected);
}

describe('Undo of a multi-file Migrate Service (fleet folder)', function () {
  this.timeout(60_000);

  async function migrateForecastTrainerInDev(): Promise<{ before: Texts; migrated: Texts }> {
    const before = { env: diskTextIn(FLEET, ENV_FILE), code: diskTextIn(FLEET, CODE_FILE) };
    const result = await vscode.commands.executeCommand<CutoverResult>('kafkaCutover.migrateService', {
      folder: folderNamed(FLEET).uri.toString(),
      service: 'forecast-trainer',
      env: 'dev',
      preview: false,
    });
    assert.deepEqual(result?.files, [ENV_FILE, CODE_FILE]);
    const migrated = { env: replaceOnce(before.env, DEV_SOURCE, DEV_TARGET), code: replaceOnce(before.code, DEV_SOURCE, DEV_TARGET) };
    assert.equal(await textOf(ENV_FILE), migrated.env);
    assert.equal(await textOf(CODE_FILE), migrated.code);
    return { before, migrated };
  }

  afterEach(async () => {
    for (const doc of vscode.workspace.textDocuments) {
      if (!doc.isDirty || doc.uri.scheme !== 'file') continue;
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('one undo in one of the files restores every file of the migrate', async () => {
    const { before } = await migrateForecastTrainerInDev();
    await undoIn(ENV_FILE, before.env);
    await waitFor(`undo to reach ${CODE_FILE}`, async () => (await textOf(CODE_FILE)) === before.code);
  });

  it('after a later edit to one file, undo goes file by file and restores each', async () => {
    const { before, migrated } = await migrateForecastTrainerInDev();
    // The code file changes after the migrate: VS Code can no longer undo the migrate across both files,
    // so it splits it into one undo step per file (with a non-modal warning).
    const editor = await vscode.window.showTextDocument(uriIn(FLEET, CODE_FILE), { preview: false });
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    assert.ok(await editor.edit((b) => b.insert(end, TOUCH)));

    await undoIn(ENV_FILE, before.env);
    assert.equal(await textOf(CODE_FILE), `${migrated.code}${TOUCH}`);
    await undoIn(CODE_FILE, migrated.code);
    await undoIn(CODE_FILE, before.code);
    assert.equal(await textOf(ENV_FILE), before.env);
  });
});
