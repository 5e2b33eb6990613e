// Folders added to and removed from a running multi-root workspace: a folder without a manifest is
// looked at before it is scanned (a Kafka client: scanned, and a manifest offered once; none: kept quiet),
// and a removed folder takes its diagnostics, static and live, with it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LiveChecks } from '../../../src/vscode/live/controller';
import type { Session } from '../../../src/vscode/session';
import type { TestApi } from '../../../src/vscode/testApi';
import { activateExtension, waitFor } from '../suite/fleet';
import { diagnosticsByFolder, expectedDiagnostics, folderNamed, ZERO_CONFIG } from './folders';

type Api = TestApi & { live: LiveChecks };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function addFolder(api: Api, uri: vscode.Uri, name: string): Promise<Session> {
  const at = vscode.workspace.workspaceFolders?.length ?? 0;
  assert.ok(vscode.workspace.updateWorkspaceFolders(at, 0, { uri, name }), `VS Code refused to add ${name}`);
  return waitFor(`a session for ${name}`, () => api.sessions.all.find((s) => s.folder.name === name));
}

async function removeFolder(name: string): Promise<void> {
  const at = vscode.workspace.workspaceFolders?.findIndex((f) => f.name === name) ?? -1;
  assert.ok(at > 0, `${name} is not a folder that can be removed without a restart`);
  assert.ok(vscode.workspace.updateWorkspaceFolders(at, 1), `VS Code refused to remove ${name}`);
  await waitFor(`${name} to leave the workspace`, () => !vscode.workspace.workspaceFolders?.some((f) => f.name === name));
}

/** Every diagnostic, ours and the live ones, on files under `root`. */
function diagnosticsUnder(root: string): string[] {
  return vscode.languages
    .getDiagnostics()
    .filter(([uri]) => uri.fsPath.startsWith(root + path.sep))
    .flatMap(([uri, list]) =>
      list.filter((d) => d.source?.startsWith('Kafka Cutover')).map((d) => `${path.relative(root, uri.fsPath)}:${d.source}`),
    );
}

describe('Folders added and removed at run time', function () {
  this.timeout(60_000);
  let api: Api;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-cutover-folders-'));
  const asked: Array<{ message: string; items: string[] }> = [];
  let originalAsk: Api['manifestOffer']['ask'];

  before(async () => {
    api = (await activateExtension()) as Api;
    originalAsk = api.manifestOffer.ask;
    api.manifestOffer.ask = (message, items) => {
      asked.push({ message, items });
      return Promise.resolve(undefined);
    };
  });

  after(() => {
    api.manifestOffer.ask = originalAsk;
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('scans an added folder with a Kafka client, offers a manifest once, and clears its problems when it is removed', async () => {
    const name = 'kafka-extra';
    const root = path.join(scratch, name);
    fs.cpSync(folderNamed(ZERO_CONFIG).uri.fsPath, root, { recursive: true });
    // The zero-config folder got a manifest from an earlier test: this copy starts without one.
    fs.rmSync(path.join(root, 'kafka-cutover.yaml'), { force: true });
    const session = await addFolder(api, vscode.Uri.file(root), name);
    await waitFor(`${name} scanned`, () => session.state === 'ready' && session.analysis);
    assert.deepEqual(api.relevance.lookOf(session)?.found, 'services/forecast-trainer/requirements.txt');
    assert.equal(api.relevance.isQuiet(session), false);
    assert.equal(session.workspace.zeroConfig, true);
    await waitFor('the manifest offer', () => asked.length === 1);
    assert.deepEqual(asked[0], {
      message: 'kafka-extra uses Kafka (services/forecast-trainer/requirements.txt). Create a kafka-cutover.yaml to plan its move to MSK?',
      items: ['Create Manifest', 'Not Now'],
    });
    const published = await waitFor(`${name}'s diagnostics`, () => {
      const mine = diagnosticsByFolder().get(name) ?? [];
      return mine.length && mine.join() === expectedDiagnostics(session).join() ? mine : undefined;
    });
    assert.ok(published.length >= 1);

    // A live result with a place in the folder, as a check would record it.
    const env = session.environment!;
    api.live.state.record(
      session,
      env,
      [
        {
          check: 'topics',
          environment: env,
          results: [],
          findings: [
            {
              check: 'topics',
              severity: 'warning',
              environment: env,
              message: 'topic load.aggregates.5m is missing on the target',
              file: 'services/forecast-trainer/.env.prod',
              range: { start: { line: 2, column: 13 }, end: { line: 2, column: 31 } },
            },
          ],
        },
      ],
      0,
    );
    await waitFor('the live diagnostic', () => diagnosticsUnder(root).includes('services/forecast-trainer/.env.prod:Kafka Cutover (live)'));

    await removeFolder(name);
    await waitFor(`${name}'s diagnostics to go`, () => diagnosticsUnder(root).length === 0);
    assert.equal(
      api.sessions.all.some((s) => s.folder.name === name),
      false,
    );
    assert.equal(api.relevance.lookOf(session), undefined);
    assert.deepEqual(api.live.state.findings(session), []);

    // Back again: scanned again, but the offer was made once for this folder.
    const again = await addFolder(api, vscode.Uri.file(root), name);
    await waitFor(`${name} scanned again`, () => again.state === 'ready' && again.analysis);
    await sleep(500);
    assert.equal(asked.length, 1);
    await removeFolder(name);
    await waitFor(`${name}'s diagnostics to go again`, () => diagnosticsUnder(root).length === 0);
  });

  it('keeps an added folder without a Kafka client quiet until the user asks for a scan', async () => {
    const name = 'plain-web';
    const root = path.join(scratch, name);
    fs.mkdirSync(path.join(root, 'web'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'web', 'package.json'),
      '{ "name": "web", "dependencies": { "express": "^4.19.2", "pg": "^8.12.0" } }\n',
    );
    fs.writeFileSync(
      path.join(root, 'web', '.env'),
      'DATABASE_URL=postgres://db.internal:5432/web\nCELERY_BROKER_URL=redis://cache.internal:6379\n',
    );
    fs.writeFileSync(path.join(root, 'web', 'server.js'), "require('express')().listen(8080);\n");
    const session = await addFolder(api, vscode.Uri.file(root), name);
    await waitFor(`${name} to be looked at`, () => api.relevance.isQuiet(session));
    const look = api.relevance.lookOf(session)!;
    assert.deepEqual({ found: look.found, read: look.read, timedOut: look.timedOut }, { found: undefined, read: 2, timedOut: false });
    assert.deepEqual([session.state, session.analysis], ['idle', undefined]);
    const node = api.views.tree.getChildren().find((n) => n.kind === 'folder' && n.label === name);
    assert.ok(node);
    assert.deepEqual(
      api.views.tree.getChildren(node).map((n) => [n.label, n.command?.command]),
      [['No Kafka client found: not scanned. Scan anyway…', 'kafkaCutover.rescan']],
    );
    // Quiet means quiet: a file a reader would read appearing does not start a scan either.
    fs.writeFileSync(path.join(root, 'web', '.env.prod'), 'KAFKA_BROKERS=kafka1.prod.example.internal:9092\n');
    await sleep(1_500);
    assert.deepEqual([session.state, api.relevance.isQuiet(session), diagnosticsUnder(root)], ['idle', true, []]);
    assert.equal(asked.filter((a) => a.message.startsWith(name)).length, 0);

    await vscode.commands.executeCommand('kafkaCutover.rescan');
    await waitFor(`${name} scanned on request`, () => session.state === 'ready' && session.analysis);
    assert.equal(api.relevance.isQuiet(session), false);
    assert.ok(session.analysis?.model.brokerRefs.some((r) => r.file === 'web/.env.prod'));
    await removeFolder(name);
    await waitFor(`${name}'s diagnostics to go`, () => diagnosticsUnder(root).length === 0);
  });
});
