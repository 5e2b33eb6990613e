// Runs one UI check module against the real workbench of code-server (`--auth none`) in Debian's Chromium.
//
//   node out/test/ui/run-ui.js --extension <.vsix | extension folder> --workspace <folder> --check <compiled module.js>
//                              [--shots <dir>] [--timeout ms] [--locale de]
//
// The workspace is copied to a temp folder first, so checks may edit files (quick fixes) freely.
// Exit codes: 0 the check passed; 1 it failed or timed out; 2 bad arguments or code-server/Chromium could not start.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { assertServerInstalled, codeServerEntry, logsDir, repoRoot, serverNode } from '../vscode/harness/paths';
import { existingPathFlag, seconds, ServerRun, StartError, timeoutFlag } from '../vscode/harness/run';
import { isolatedEnv, RunDirs } from '../vscode/harness/temp-home';
import { Workbench } from './workbench';

const DEFAULT_TIMEOUT_MS = 120_000;

/** What a check module receives; it throws (e.g. an assertion) to fail. */
export interface UiCheckContext {
  readonly workbench: Workbench;
  readonly page: Page;
  /** The temp copy of the workspace that the workbench has open. */
  readonly workspacePath: string;
  /** The installed extension's folder (inside the temp extensions dir). */
  readonly extensionPath: string;
  readonly screenshotDir: string;
  /** `Date.now()` when the runner started, before the extension was installed: checks time from it. */
  readonly startedAt: number;
}

export type UiCheck = (context: UiCheckContext) => Promise<void>;

interface UiRunOptions {
  readonly extension: string;
  readonly workspace: string;
  readonly check: string;
  readonly screenshotDir: string;
  readonly timeoutMs: number;
  /** VS Code's display language (`--locale` of code-server); the extension's l10n bundles follow it. */
  readonly locale: string | undefined;
}

function parseArgs(argv: readonly string[]): UiRunOptions {
  const values = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 2) {
    const value = argv[index + 1];
    if (value === undefined) throw new Error(`${argv[index]} needs a value`);
    values.set(argv[index]!, value);
  }
  const timeoutMs = timeoutFlag(values, DEFAULT_TIMEOUT_MS);
  return {
    extension: existingPathFlag(values, '--extension'),
    workspace: existingPathFlag(values, '--workspace'),
    check: existingPathFlag(values, '--check'),
    screenshotDir: path.resolve(values.get('--shots') ?? path.join(repoRoot(), '.cache', 'ui-shots')),
    timeoutMs,
    locale: values.get('--locale'),
  };
}

interface Manifest {
  readonly publisher: string;
  readonly name: string;
  readonly version: string;
}

function readManifest(extensionFolder: string): Manifest {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionFolder, 'package.json'), 'utf8')) as Partial<Manifest>;
  if (!manifest.publisher || !manifest.name || !manifest.version) {
    throw new Error(`${extensionFolder}/package.json lacks publisher, name or version`);
  }
  return manifest as Manifest;
}

/**
 * A .vsix goes through code-server's own installer. A folder is registered in place: VS Code lists the
 * user's extensions, with their locations, in `<extensions dir>/extensions.json`, and a location may lie
 * outside that dir; this avoids copying the folder (and its node_modules). A symlink in the dir is not
 * enough: the first scan skips links.
 */
function installExtension(extension: string, dirs: RunDirs): string {
  if (extension.endsWith('.vsix')) {
    const installed = spawnSync(
      serverNode(),
      [codeServerEntry(), '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', extension],
      { env: isolatedEnv(dirs), encoding: 'utf8', timeout: 120_000 },
    );
    if (installed.status !== 0) {
      throw new StartError(`installing ${extension} failed:\n${installed.stdout}${installed.stderr}`);
    }
    const folder = fs.readdirSync(dirs.extensions, { withFileTypes: true }).find((entry) => entry.isDirectory());
    if (!folder) throw new StartError(`installing ${extension} left no folder in ${dirs.extensions}`);
    return path.join(dirs.extensions, folder.name);
  }
  registerFolder(extension, dirs);
  return extension;
}

function registerFolder(folder: string, dirs: RunDirs): void {
  const manifest = readManifest(folder);
  const listFile = path.join(dirs.extensions, 'extensions.json');
  const registered = fs.existsSync(listFile) ? (JSON.parse(fs.readFileSync(listFile, 'utf8')) as unknown[]) : [];
  registered.push({
    identifier: { id: `${manifest.publisher}.${manifest.name}` },
    version: manifest.version,
    location: { $mid: 1, scheme: 'file', path: folder },
    metadata: { installedTimestamp: Date.now() },
  });
  fs.writeFileSync(listFile, JSON.stringify(registered));
}

/**
 * code-server falls back to English for a locale no installed language pack declares, and so would the
 * extension's l10n bundles. An empty pack from test/ui/fixtures declares the locale without translating
 * VS Code itself.
 */
function registerLanguagePack(locale: string, dirs: RunDirs): void {
  const pack = path.join(repoRoot(), 'test', 'ui', 'fixtures', `language-pack-${locale}`);
  if (!fs.existsSync(pack)) throw new StartError(`no language pack for --locale ${locale} in ${pack}`);
  registerFolder(pack, dirs);
  // The server reads its language packs from this cache, which it fills only when it installs a pack itself.
  const manifest = readManifest(pack);
  const cache = {
    [locale]: {
      hash: `ui-checks-${manifest.version}`,
      extensions: [{ extensionIdentifier: { id: `${manifest.publisher}.${manifest.name}` }, version: manifest.version }],
      translations: { vscode: path.join(pack, 'translations', 'main.i18n.json') },
      label: locale,
    },
  };
  fs.writeFileSync(path.join(dirs.userData, 'languagepacks.json'), JSON.stringify(cache));
}

/**
 * User settings of every run: no welcome or walkthrough tab in front of the editors the checks open, and no
 * Git scanning (the workspace copy is no repository, and its badge would only clutter the screenshots).
 * Newer VS Code (1.139) adds its own chat actions ("Fix", "Explain") to every quick-fix menu; the checks
 * read the extension's fixes, so those are switched off (the setting is unknown to, and ignored by, 1.100).
 */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  // The extension opens its walkthrough on its first start in a profile (walkthrough.ts) unless this is off.
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  // 1.139 opens an empty secondary side bar (the chat's) in a new profile: it only narrows the editors.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * The same settings as the user's and as the machine's: a setting of machine scope (VS Code 1.139 registers
 * `workbench.welcomePage.walkthroughs.openOnInstall` so) is not applied from user settings in a remote or
 * web window, only from the server machine's, and the walkthrough would open over the checks' editors.
 */
function writeUserSettings(dirs: RunDirs): void {
  for (const scope of ['User', 'Machine']) {
    const folder = path.join(dirs.userData, scope);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  }
}

async function loadCheck(modulePath: string): Promise<UiCheck> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(modulePath) as { default?: unknown; check?: unknown };
  const check = loaded.default ?? loaded.check;
  if (typeof check !== 'function') throw new Error(`${modulePath} exports no default or \`check\` function`);
  return check as UiCheck;
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function runUi(options: UiRunOptions): Promise<number> {
  assertServerInstalled();
  const started = Date.now();
  const checkName = path.basename(options.check).replace(/\.js$/, '');
  const run = new ServerRun('kafka-cutover-ui-');
  const dirs = run.dirs;
  const workspacePath = path.join(dirs.root, 'workspace', path.basename(options.workspace));
  const serverLog = path.join(logsDir(), `run-ui.${checkName}.server.log`);
  const browserLog = path.join(logsDir(), `run-ui.${checkName}.browser.log`);
  let page: Page | undefined;

  const failureShot = path.join(options.screenshotDir, `${checkName}.failure.png`);
  fs.rmSync(failureShot, { force: true }); // a stale one would point at an old failure

  try {
    fs.cpSync(options.workspace, workspacePath, { recursive: true });
    writeUserSettings(dirs);
    const installStarted = Date.now();
    const extensionPath = installExtension(options.extension, dirs);
    if (options.locale) registerLanguagePack(options.locale, dirs);
    console.log(`[run-ui] installed ${path.basename(options.extension)} in ${seconds(installStarted)}`);
    const check = await loadCheck(options.check);
    const { port } = await run.startServer('code-server', {
      args: (listenPort) => [
        codeServerEntry(),
        '--auth',
        'none',
        '--bind-addr',
        `127.0.0.1:${listenPort}`,
        '--user-data-dir',
        dirs.userData,
        '--extensions-dir',
        dirs.extensions,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        ...(options.locale ? ['--locale', options.locale] : []),
        workspacePath,
      ],
      env: isolatedEnv(dirs),
      logFile: serverLog,
      readyPattern: /HTTP server listening on http:\/\/127\.0\.0\.1:\d+/,
    });
    console.log(`[run-ui] code-server listening on ${port} after ${seconds(started)}`);
    page = await run.openPage(browserLog);

    const openedPage = page;
    await withTimeout(
      (async () => {
        const workbench = await Workbench.open(openedPage, `http://127.0.0.1:${port}`, workspacePath);
        console.log(`[run-ui] workbench ready after ${seconds(started)}`);
        fs.mkdirSync(options.screenshotDir, { recursive: true });
        await check({
          workbench,
          page: openedPage,
          workspacePath,
          extensionPath,
          screenshotDir: options.screenshotDir,
          startedAt: started,
        });
      })(),
      options.timeoutMs,
      `UI check ${checkName}`,
    );
    console.log(`  ✓ ${checkName} (${seconds(started)})`);
    console.log('ui: 1 passed, 0 failed');
    return 0;
  } catch (error) {
    if (page) {
      fs.mkdirSync(options.screenshotDir, { recursive: true });
      await page.screenshot({ path: failureShot }).catch(() => undefined);
    }
    console.error(`  ✗ ${checkName}: ${(error as Error).stack ?? (error as Error).message}`);
    console.error(`[run-ui] logs: ${serverLog}, ${browserLog}${page ? `; screenshot: ${failureShot}` : ''}`);
    if (error instanceof StartError) return 2;
    console.log('ui: 0 passed, 1 failed');
    return 1;
  } finally {
    await run.close();
  }
}

async function main(): Promise<void> {
  let options: UiRunOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`[run-ui] ${(error as Error).message}`);
    console.error(
      'usage: run-ui --extension <.vsix|folder> --workspace <folder> --check <module.js> [--shots dir] [--timeout ms] [--locale de]',
    );
    process.exit(2);
  }
  try {
    process.exitCode = await runUi(options);
  } catch (error) {
    console.error(`[run-ui] ${(error as Error).message}`);
    process.exitCode = 2;
  }
}

if (require.main === module) void main();
