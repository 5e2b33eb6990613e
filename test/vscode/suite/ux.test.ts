// The editor's rough edges (issue 10) in a real host on examples/fleet: when the extension activates and
// what it watches, quick fixes computed only when picked, the export's save dialog and the walkthrough.
// Folders added and removed at run time are in test/vscode/suite-multiroot/workspace-folders.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../../src/vscode/testApi';
import { lookForKafkaClients } from '../../../src/vscode/relevance';
import { activateExtension, codeOf, EXTENSION_ID, folder, open, RESOLVE_ALL, revert, uriOf, waitFor } from './fleet';

class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return (this.values.has(key) ? this.values.get(key) : fallback) as T | undefined;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Editor rough edges on examples/fleet', function () {
  this.timeout(60_000);
  let api: TestApi;

  before(async () => {
    api = await activateExtension();
    await waitFor('the first analysis', () => api.sessions.all[0]?.analysis);
  });

  afterEach(async () => {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.isDirty && doc.uri.scheme === 'file') await revert(vscode.workspace.asRelativePath(doc.uri));
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const session of api.sessions.all) session.flush();
  });

  describe('activation', () => {
    it('activates on a manifest in the workspace, and otherwise on its views and commands only', () => {
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
        activationEvents: string[];
        engines: { vscode: string };
      };
      assert.deepEqual(manifest.activationEvents, ['workspaceContains:**/kafka-cutover.yaml']);
      // From 1.74 on VS Code adds onView:/onCommand: for every contributed view and command itself.
      const minor = Number(/^\^1\.(\d+)\./.exec(manifest.engines.vscode)?.[1]);
      assert.ok(minor >= 74, manifest.engines.vscode);
    });

    it('scans a folder with a manifest without looking for clients first', () => {
      const session = api.sessions.all[0];
      assert.equal(api.relevance.lookOf(session), undefined);
      assert.equal(api.relevance.isQuiet(session), false);
      assert.equal(session.state, 'ready');
    });

    it('looks for a Kafka client in dependency manifests first, within its limits', async () => {
      const look = await lookForKafkaClients(folder());
      // alert-notifier's package.json (kafkajs) is the first dependency manifest by name: one read.
      assert.deepEqual(
        { found: look.found, read: look.read, timedOut: look.timedOut },
        { found: 'services/alert-notifier/package.json', read: 1, timedOut: false },
      );
      assert.ok(look.ms < 1500, `${look.ms} ms`);
      const none = await lookForKafkaClients(folder(), { files: 0, bytesPerFile: 1024, budgetMs: 1000 });
      assert.deepEqual({ found: none.found, read: none.read }, { found: undefined, read: 0 });
      // No marker fits in 4 bytes ("kafka" is 5): a byte limit is a limit.
      const short = await lookForKafkaClients(folder(), { files: 1, bytesPerFile: 4, budgetMs: 1000 });
      assert.deepEqual({ found: short.found, read: short.read }, { found: undefined, read: 1 });
    });
  });

  describe('file watcher', () => {
    it('ignores a file no reader reads, and rescans for a new one a reader reads', async () => {
      const session = api.sessions.all[0];
      const before = session.analysis;
      const notes = uriOf('services/forecast-trainer/NOTES.txt');
      const extra = 'services/forecast-trainer/extra.env';
      try {
        fs.writeFileSync(notes.fsPath, 'kafka1.prod.example.internal:9092\n');
        // Twice the debounce and then some: a watched file would have started a rescan by now.
        await sleep(1_500);
        assert.equal(session.analysis, before, 'a .txt file changed the analysis');
        fs.writeFileSync(
          uriOf(extra).fsPath,
          'KAFKA_BOOTSTRAP_SERVERS=kafka1.prod.example.internal:9092,kafka2.prod.example.internal:9092,kafka3.prod.example.internal:9092\n',
        );
        await waitFor(
          `${extra} in the index`,
          () => session.state === 'ready' && !!session.analysis?.model.brokerRefs.some((r) => r.file === extra),
        );
        assert.ok(session.analysis?.model.brokerRefs.some((r) => r.file === extra && r.cluster === 'source' && r.environment === 'prod'));
      } finally {
        fs.rmSync(notes.fsPath, { force: true });
        fs.rmSync(uriOf(extra).fsPath, { force: true });
      }
      await waitFor(`${extra} gone from the index`, () => {
        session.flush();
        return session.state === 'ready' && !session.analysis?.model.brokerRefs.some((r) => r.file === extra);
      });
      assert.equal(session.analysis?.findings.length, 48);
    });
  });

  describe('quick fixes', () => {
    const rel = 'services/forecast-trainer/.env.dev';

    it('are offered without edits and computed when resolved, the whole-service move across its files', async () => {
      await vscode.workspace.openTextDocument(uriOf(rel));
      const diagnostic = vscode.languages.getDiagnostics(uriOf(rel)).find((d) => codeOf(d) === 'legacy-broker');
      assert.ok(diagnostic);
      // Newer VS Code adds its chat's own actions (Fix, Explain, Modify: commands); ours are edits, never commands.
      const ours = (actions: vscode.CodeAction[]) => actions.filter((a) => a.command === undefined);
      const offered = ours(
        await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uriOf(rel), diagnostic.range),
      );
      assert.deepEqual(
        offered.map((a) => [a.title, a.edit]),
        [
          ['Rewrite this connection string to MSK (dev)', undefined],
          ['Migrate service forecast-trainer to MSK in dev (all its files)', undefined],
        ],
      );
      const resolved = ours(
        await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          uriOf(rel),
          diagnostic.range,
          undefined,
          RESOLVE_ALL,
        ),
      );
      const [one, service] = resolved;
      assert.deepEqual(
        one.edit?.entries().map(([uri, edits]) => [vscode.workspace.asRelativePath(uri), edits.length]),
        [[rel, 3]],
      );
      const files = service
        .edit!.entries()
        .map(([uri]) => vscode.workspace.asRelativePath(uri))
        .sort();
      assert.deepEqual(files, [rel, 'services/forecast-trainer/trainer/consume.py']);
    });

    it('tell the user, and change nothing, when the buffer changed since the fix was offered', async () => {
      const editor = await open(rel);
      const diagnostic = vscode.languages.getDiagnostics(uriOf(rel)).find((d) => codeOf(d) === 'legacy-broker');
      assert.ok(diagnostic);
      const context: vscode.CodeActionContext = {
        diagnostics: [diagnostic],
        triggerKind: vscode.CodeActionTriggerKind.Invoke,
        only: undefined,
      };
      const [action] = await api.codeActions.provideCodeActions(editor.document, diagnostic.range, context);
      assert.equal(action!.title, 'Rewrite this connection string to MSK (dev)');
      assert.equal(action!.edit, undefined);
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# moved soon\n'));
      const stale = await api.codeActions.resolveCodeAction(action!);
      assert.equal(stale.edit, undefined);
      // Offered again on the new text, the same fix resolves.
      await api.sessions.all[0].flush();
      await waitFor('the finding to move down with the edit', () =>
        vscode.languages.getDiagnostics(uriOf(rel)).some((d) => codeOf(d) === 'legacy-broker' && d.range.start.line === 1),
      );
      const moved = vscode.languages.getDiagnostics(uriOf(rel)).find((d) => codeOf(d) === 'legacy-broker' && d.range.start.line === 1);
      assert.ok(moved, 'the finding moved down a line');
      const [fresh] = await api.codeActions.provideCodeActions(editor.document, moved.range, { ...context, diagnostics: [moved] });
      assert.equal((await api.codeActions.resolveCodeAction(fresh!)).edit?.entries()[0][1].length, 3);
    });
  });

  describe('Export Status', () => {
    it('asks where to save, starting in the workspace folder, then where the user saved last', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-cutover-export-'));
      const asked: vscode.SaveDialogOptions[] = [];
      const original = api.exportDialog.ask;
      let answer: vscode.Uri | undefined = vscode.Uri.file(path.join(dir, 'status.csv'));
      api.exportDialog.ask = (options) => {
        asked.push(options);
        return Promise.resolve(answer);
      };
      try {
        const written = await vscode.commands.executeCommand<vscode.Uri>('kafkaCutover.exportStatus', { format: 'csv' });
        assert.equal(written?.fsPath, path.join(dir, 'status.csv'));
        assert.equal(asked[0].defaultUri?.fsPath, path.join(folder().uri.fsPath, 'kafka-cutover-status.csv'));
        assert.deepEqual(asked[0].filters, { CSV: ['csv'] });
        assert.match(fs.readFileSync(path.join(dir, 'status.csv'), 'utf8'), /^service,environment,role,wave,/);
        // Written through a temporary file renamed over the target: nothing else is left behind.
        assert.deepEqual(fs.readdirSync(dir), ['status.csv']);

        answer = undefined;
        assert.equal(await vscode.commands.executeCommand('kafkaCutover.exportStatus', { format: 'markdown' }), undefined);
        assert.equal(asked[1].defaultUri?.fsPath, path.join(dir, 'kafka-cutover-status.md'));
        assert.deepEqual(fs.readdirSync(dir), ['status.csv']);
        assert.equal(fs.existsSync(path.join(folder().uri.fsPath, 'kafka-cutover-status.md')), false);
      } finally {
        api.exportDialog.ask = original;
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('walkthrough', () => {
    it('opens once per installation, never in tests or when walkthroughs on install are off', async () => {
      const extension = { id: EXTENSION_ID };
      const memory = new MemoryMemento();
      assert.equal(await api.openWalkthroughOnce({ extensionMode: vscode.ExtensionMode.Test, globalState: memory, extension }), false);
      const setting = vscode.workspace.getConfiguration('workbench.welcomePage.walkthroughs');
      await setting.update('openOnInstall', false, vscode.ConfigurationTarget.Global);
      try {
        assert.equal(
          await api.openWalkthroughOnce({ extensionMode: vscode.ExtensionMode.Production, globalState: memory, extension }),
          false,
        );
      } finally {
        await setting.update('openOnInstall', undefined, vscode.ConfigurationTarget.Global);
      }
      assert.deepEqual(memory.keys(), []);
      const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
      const before = tabs();
      assert.equal(await api.openWalkthroughOnce({ extensionMode: vscode.ExtensionMode.Production, globalState: memory, extension }), true);
      const opened = await waitFor('the walkthrough tab', () => tabs().find((t) => !before.includes(t)));
      assert.equal(opened, 'Welcome');
      assert.equal(
        await api.openWalkthroughOnce({ extensionMode: vscode.ExtensionMode.Production, globalState: memory, extension }),
        false,
      );
    });
  });
});
