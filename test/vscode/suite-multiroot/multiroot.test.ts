// The extension in a multi-root workspace (scripts/vscode/multiroot-workspace.sh): a fleet with its
// manifest, a repository with none, and one whose manifest does not parse. Each folder gets its own
// session and diagnostics; Create Manifest turns the zero-config folder into a configured one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseManifest } from '../../../src/core/manifest/load';
import type { TestApi } from '../../../src/vscode/testApi';
import type { CutoverNode } from '../../../src/vscode/tree/cutoverTree';
import { activateExtension, waitFor } from '../suite/fleet';
import { EXPECTED_WORKSPACE_ENV } from '../suite/results';
import {
  BROKEN_MANIFEST,
  diagnosticsByFolder,
  diagnosticsIn,
  expectedDiagnostics,
  FLEET,
  folderNamed,
  sessionOf,
  uriIn,
  ZERO_CONFIG,
} from './folders';

const CREATE_MANIFEST = 'kafkaCutover.createManifest';
const MSK_HOST = 'b-1.x.y.c2.kafka.us-east-1.amazonaws.com:9094';
const EC2_HOST = 'ip-10-0-0-1.ec2.internal:9092';

function folderNode(api: TestApi, name: string): CutoverNode {
  const node = api.views.tree.getChildren().find((n) => n.kind === 'folder' && n.label === name);
  assert.ok(node, `no tree node for folder ${name}`);
  return node;
}

function childrenOf(api: TestApi, name: string): CutoverNode[] {
  return api.views.tree.getChildren(folderNode(api, name));
}

function createManifestRows(api: TestApi, name: string): CutoverNode[] {
  return childrenOf(api, name).filter((n) => n.command?.command === CREATE_MANIFEST);
}

describe('Kafka Cutover in a multi-root workspace (fleet, zero-config, broken-manifest)', function () {
  this.timeout(60_000);
  let api: TestApi;

  before(async () => {
    api = await activateExtension();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opened the .code-workspace file the launcher was given, with one session per folder', () => {
    assert.equal(vscode.workspace.workspaceFile?.fsPath, process.env[EXPECTED_WORKSPACE_ENV]);
    assert.deepEqual(
      vscode.workspace.workspaceFolders?.map((f) => f.name),
      [FLEET, ZERO_CONFIG, BROKEN_MANIFEST],
    );
    const shape = api.sessions.all.map((s) => ({
      folder: s.folder.name,
      state: s.state,
      zeroConfig: s.workspace.zeroConfig,
      analysed: s.analysis !== undefined,
      manifestProblems: s.manifestProblems.length,
    }));
    assert.deepEqual(shape, [
      { folder: FLEET, state: 'ready', zeroConfig: false, analysed: true, manifestProblems: 0 },
      { folder: ZERO_CONFIG, state: 'ready', zeroConfig: true, analysed: true, manifestProblems: 0 },
      { folder: BROKEN_MANIFEST, state: 'failed', zeroConfig: true, analysed: false, manifestProblems: 1 },
    ]);
  });

  describe('diagnostics', () => {
    // services/forecast-trainer/.env.prod exists in both folders with different hosts: a diagnostic
    // published against the wrong folder would show up on the other folder's copy.
    it("puts the fleet's findings on the fleet's files", () => {
      assert.deepEqual(diagnosticsIn(FLEET, 'services/forecast-trainer/.env.prod'), ['legacy-broker@1:25-1:126']);
      assert.deepEqual(diagnosticsIn(FLEET, 'services/device-registry/.env.dev'), ['auth-port-mismatch@2:63-2:67']);
    });

    // kafka1.dev.example.internal matches no pattern, but .env.dev names it for dev: the inferred source.
    // No topic is declared anywhere in this folder: one hint, at the first use.
    it("puts the zero-config findings (hosts classified by pattern, the source inferred) on the zero-config folder's files", () => {
      assert.deepEqual(diagnosticsIn(ZERO_CONFIG, 'services/forecast-trainer/.env.prod'), [
        'legacy-broker@1:25-1:54',
        'mixed-clusters@1:25-1:54',
      ]);
      assert.deepEqual(diagnosticsIn(ZERO_CONFIG, 'services/forecast-trainer/.env.dev'), [
        'legacy-broker@1:25-1:123',
        'topic-not-in-terraform@2:13-2:31',
      ]);
      assert.deepEqual(diagnosticsIn(ZERO_CONFIG, 'services/forecast-trainer/trainer/consume.py'), ['legacy-broker@15:73-15:171']);
    });

    it("publishes exactly what each folder's own session found, and nothing outside the folders", () => {
      const published = diagnosticsByFolder();
      assert.deepEqual([...published.keys()].sort(), [BROKEN_MANIFEST, FLEET, ZERO_CONFIG]);
      for (const name of [FLEET, ZERO_CONFIG, BROKEN_MANIFEST]) {
        assert.deepEqual(published.get(name), expectedDiagnostics(sessionOf(api, name)), name);
      }
      // The fleet: 48 findings and 7 info problems (a struct field the scan cannot follow, a CI secret, a
      // Consul key, and notes on values migrate leaves to people).
      assert.deepEqual(
        [FLEET, ZERO_CONFIG, BROKEN_MANIFEST].map((n) => published.get(n)?.length),
        [55, 5, 1],
      );
    });

    it("reports the broken manifest on its own kafka-cutover.yaml at line 6, column 5, with the parser's message", () => {
      const [d, ...more] = vscode.languages.getDiagnostics(uriIn(BROKEN_MANIFEST, 'kafka-cutover.yaml'));
      assert.deepEqual(more, []);
      assert.equal(d.source, 'Kafka Cutover');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(d.message, 'invalid YAML: Map keys must be unique');
      assert.deepEqual([d.range.start.line + 1, d.range.start.character + 1], [6, 5]);
      // The folder is not scanned on a rejected manifest: its service file carries nothing.
      assert.deepEqual(diagnosticsIn(BROKEN_MANIFEST, 'services/meter-relay/.env.prod'), []);
    });
  });

  describe('cutover tree', () => {
    it('shows one node per folder', () => {
      const roots = api.views.tree.getChildren();
      assert.deepEqual(
        roots.map((n) => `${n.kind}:${n.label}`),
        [`folder:${FLEET}`, `folder:${ZERO_CONFIG}`, `folder:${BROKEN_MANIFEST}`],
      );
    });

    it('offers Create Manifest for the zero-config folder only, for that folder', () => {
      const [row, ...more] = createManifestRows(api, ZERO_CONFIG);
      assert.deepEqual(more, []);
      assert.equal(row.label, 'No manifest: clusters guessed from host names. Create one…');
      assert.deepEqual(row.command?.arguments, [{ folder: folderNamed(ZERO_CONFIG).uri.toString() }]);
      // forecast-trainer's own config names the dev cluster too (an inferred source): dev comes first.
      assert.equal(childrenOf(api, ZERO_CONFIG)[0].label, '0 / 1 on MSK · dev');
      assert.deepEqual(createManifestRows(api, FLEET), []);
      assert.equal(childrenOf(api, FLEET)[0].label, '12 / 29 on MSK · prod');
    });

    it('points the broken-manifest folder at its manifest', () => {
      const rows = childrenOf(api, BROKEN_MANIFEST);
      assert.deepEqual(
        rows.map((n) => n.label),
        ['The manifest has errors: see the Problems panel.'],
      );
      assert.equal(rows[0].command?.command, 'vscode.open');
      assert.equal((rows[0].command?.arguments?.[0] as vscode.Uri).fsPath, uriIn(BROKEN_MANIFEST, 'kafka-cutover.yaml').fsPath);
    });
  });

  describe('Create Manifest', () => {
    it('writes a valid manifest into the zero-config folder through a WorkspaceEdit, and the folder rescans with it', async () => {
      const folder = folderNamed(ZERO_CONFIG);
      const manifestPath = path.join(folder.uri.fsPath, 'kafka-cutover.yaml');
      const fleetAnalysis = sessionOf(api, FLEET).analysis;
      // Only workspace edits and UI gestures fire onDidCreateFiles; a plain disk write does not.
      const created: string[] = [];
      const listener = vscode.workspace.onDidCreateFiles((e) => created.push(...e.files.map((f) => f.fsPath)));
      let uri: vscode.Uri | undefined;
      try {
        uri = await vscode.commands.executeCommand<vscode.Uri>(CREATE_MANIFEST, { folder: folder.uri.toString() });
      } finally {
        listener.dispose();
      }
      assert.equal(uri?.fsPath, manifestPath);
      assert.deepEqual(created, [manifestPath]);
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, manifestPath);

      const manifest = parseManifest(fs.readFileSync(manifestPath, 'utf8'), 'kafka-cutover.yaml', manifestPath);
      assert.deepEqual(
        manifest.environments.map((e) => ({ name: e.name, source: e.source.brokers, target: e.target.brokers })),
        [
          // dev: the inferred source, and a placeholder target under a TODO (no MSK host names dev).
          {
            name: 'dev',
            source: ['kafka1.dev.example.internal:9092', 'kafka2.dev.example.internal:9092', 'kafka3.dev.example.internal:9092'],
            target: ['b-1.CLUSTER.ID.c1.kafka.REGION.amazonaws.com:9094'],
          },
          { name: 'prod', source: [EC2_HOST], target: [MSK_HOST] },
        ],
      );

      const session = sessionOf(api, ZERO_CONFIG);
      await waitFor(
        'the zero-config folder to rescan with its new manifest',
        () => session.state === 'ready' && !session.workspace.zeroConfig && session.analysis !== undefined,
      );
      assert.equal(session.workspace.manifestPath, manifestPath);
      assert.deepEqual(session.analysis?.model.environments, ['dev', 'prod']);
      assert.deepEqual(createManifestRows(api, ZERO_CONFIG), []);
      assert.deepEqual(diagnosticsIn(ZERO_CONFIG, 'kafka-cutover.yaml'), []);
      // The other folders keep their own state: the fleet was not rescanned, the broken manifest still fails.
      assert.equal(sessionOf(api, FLEET).analysis, fleetAnalysis);
      assert.equal(sessionOf(api, BROKEN_MANIFEST).state, 'failed');
    });
  });
});
