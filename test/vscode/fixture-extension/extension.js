// Throwaway extension used only to prove the launchers: it exercises each surface the UI page object
// reads (tree view, Problems, code lens, quick fix) so the harness is tested before the real extension exists.
'use strict';
const vscode = require('vscode');

const BROKER_PATTERN = /old-kafka-\d+:9092/g;

function brokerRanges(document) {
  const ranges = [];
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line).text;
    for (const match of text.matchAll(BROKER_PATTERN)) {
      ranges.push(new vscode.Range(line, match.index, line, match.index + match[0].length));
    }
  }
  return ranges;
}

function activate(context) {
  const diagnostics = vscode.languages.createDiagnosticCollection('kafka-cutover-fixture');
  const refresh = (document) => {
    if (!document.fileName.endsWith('.properties')) return;
    diagnostics.set(
      document.uri,
      brokerRanges(document).map(
        (range) => new vscode.Diagnostic(range, 'Fixture: old broker address', vscode.DiagnosticSeverity.Warning),
      ),
    );
  };
  vscode.workspace.textDocuments.forEach(refresh);
  vscode.workspace.findFiles('**/*.properties').then(async (uris) => {
    for (const uri of uris) refresh(await vscode.workspace.openTextDocument(uri));
  });

  context.subscriptions.push(
    diagnostics,
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((event) => refresh(event.document)),
    vscode.commands.registerCommand('kafkaCutoverFixture.ping', () => 'pong'),
    vscode.window.registerTreeDataProvider('kafkaCutoverFixture.brokers', {
      getChildren: () => ['old-kafka-1:9092', 'old-kafka-2:9092'],
      getTreeItem: (label) => new vscode.TreeItem(label),
    }),
    vscode.languages.registerCodeLensProvider({ pattern: '**/*.properties' }, {
      provideCodeLenses: (document) => {
        const count = brokerRanges(document).length;
        return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
          title: `Fixture: ${count} old brokers`,
          command: 'kafkaCutoverFixture.ping',
        })];
      },
    }),
    vscode.languages.registerCodeActionsProvider({ pattern: '**/*.properties' }, {
      provideCodeActions: (document, range) => {
        return brokerRanges(document)
          .filter((brokerRange) => brokerRange.intersection(range))
          .map((brokerRange) => {
            const action = new vscode.CodeAction('Fixture: point at MSK', vscode.CodeActionKind.QuickFix);
            action.edit = new vscode.WorkspaceEdit();
            action.edit.replace(document.uri, brokerRange, 'b-1.msk.example:9098');
            return action;
          });
      },
    }),
  );
}

module.exports = { activate, deactivate() {} };
