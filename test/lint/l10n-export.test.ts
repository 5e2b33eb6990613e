// `l10n-export.mjs --check` must name every gap in a translation: the script runs on a small extension
// written to a temp folder (its root is the folder the script sits two levels under), and its exact
// messages and exit code are compared.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { removeRepo, writeRepo } from '../helpers/repo';

const root = path.resolve(__dirname, '../../..');
const script = fs.readFileSync(path.join(root, 'scripts', 'vscode', 'l10n-export.mjs'), 'utf8');

const source = `import * as vscode from 'vscode';
export const greeting = (name: string) => vscode.l10n.t('Hello {0}', name);
export const moved = (a: number, b: number) => vscode.l10n.t('{0} of {1} moved', a, b);
export const open = () => vscode.l10n.t('Open');
`;
const english = { 'Hello {0}': 'Hello {0}', Open: 'Open', '{0} of {1} moved': '{0} of {1} moved' };
const german = { 'Hello {0}': 'Hallo {0}', Open: 'Öffnen', '{0} of {1} moved': '{0} von {1} umgezogen' };
const nls = { 'command.rescan': 'Rescan', 'view.fleet': 'Fleet', 'config.window': 'Watch for {0} seconds' };
const nlsGerman = { 'command.rescan': 'Neu durchsuchen', 'view.fleet': 'Flotte', 'config.window': '{0} Sekunden beobachten' };

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) removeRepo(dir);
  dirs = [];
});

/** The extension's files, with `overrides` replacing (or, as null, removing) some of them. */
function check(overrides: Record<string, string | null> = {}): { status: number | null; lines: string[] } {
  const files: Record<string, string | null> = {
    'scripts/vscode/l10n-export.mjs': script,
    'src/vscode/strings.ts': source,
    'l10n/bundle.l10n.json': json(english),
    'l10n/bundle.l10n.de.json': json(german),
    'package.nls.json': json(nls),
    'package.nls.de.json': json(nlsGerman),
    ...overrides,
  };
  const dir = writeRepo(Object.fromEntries(Object.entries(files).filter((e): e is [string, string] => e[1] !== null)));
  dirs.push(dir);
  // The script imports typescript: the repository's own, as in a checkout.
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const run = spawnSync(process.execPath, ['scripts/vscode/l10n-export.mjs', '--check'], { cwd: dir, encoding: 'utf8' });
  return { status: run.status, lines: run.stderr.split('\n').filter(Boolean) };
}

describe('l10n-export --check', () => {
  it('passes complete translations', () => {
    assert.deepEqual(check(), { status: 0, lines: [] });
  });

  it('names each message and key German lacks, with where it is used or its English', () => {
    const { Open: _open, ...bundle } = german;
    const { 'view.fleet': _fleet, ...manifest } = nlsGerman;
    assert.deepEqual(check({ 'l10n/bundle.l10n.de.json': json(bundle), 'package.nls.de.json': json(manifest) }), {
      status: 1,
      lines: [
        'l10n/bundle.l10n.de.json: no translation of "Open" (src/vscode/strings.ts:4)',
        'package.nls.de.json: no translation of "view.fleet" ("Fleet")',
      ],
    });
  });

  it('names translations with other placeholders, empty ones and ones nothing uses any more', () => {
    assert.deepEqual(
      check({
        'l10n/bundle.l10n.de.json': json({ ...german, '{0} of {1} moved': '{0} umgezogen', Open: ' ', Close: 'Schließen' }),
        'package.nls.de.json': json({ ...nlsGerman, 'config.window': 'Sekunden beobachten', 'command.old': 'Alt' }),
      }),
      {
        status: 1,
        lines: [
          'l10n/bundle.l10n.de.json: "Open" has an empty translation',
          'l10n/bundle.l10n.de.json: "{0} umgezogen" has other placeholders than "{0} of {1} moved"',
          'l10n/bundle.l10n.de.json: "Close" is not used in the code any more',
          'package.nls.de.json: "Sekunden beobachten" has other placeholders than "Watch for {0} seconds"',
          'package.nls.de.json: "command.old" is not in package.nls.json any more',
        ],
      },
    );
  });

  it('requires the German files and says which one does not parse', () => {
    assert.deepEqual(check({ 'l10n/bundle.l10n.de.json': null, 'package.nls.de.json': '{"command.rescan": ' }), {
      status: 1,
      lines: ['l10n/bundle.l10n.de.json is missing', 'package.nls.de.json: not valid JSON: Unexpected end of JSON input'],
    });
  });

  it('holds every other translation present to the same rule', () => {
    assert.deepEqual(check({ 'l10n/bundle.l10n.fr.json': json({ Open: 'Ouvrir' }) }).lines, [
      'l10n/bundle.l10n.fr.json: no translation of "Hello {0}" (src/vscode/strings.ts:2)',
      'l10n/bundle.l10n.fr.json: no translation of "{0} of {1} moved" (src/vscode/strings.ts:3)',
    ]);
  });

  it("passes the repository's own translations", () => {
    const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'vscode', 'l10n-export.mjs'), '--check'], { encoding: 'utf8' });
    assert.deepEqual({ status: run.status, stderr: run.stderr }, { status: 0, stderr: '' });
  });
});
