// The layering rule must keep firing: each forbidden import is linted through the project's own
// eslint.config.mjs (the ESLint Node API, file paths inside src/ that exist nowhere on disk) and must
// produce exactly the expected message; allowed imports must produce none.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function layerMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'layers/imports').map((m) => `${m.line}: ${m.message}`);
}

describe('layers/imports', () => {
  it('keeps VS Code, kafkajs and the adapters out of the engine', async () => {
    assert.deepEqual(
      await layerMessages(
        'src/core/plan/probe.ts',
        "import * as vscode from 'vscode';\nimport { Kafka } from 'kafkajs';\nimport { runLive } from '../../live/run';\nexport { runCheck } from '../../cli/commands/check';\n",
      ),
      [
        '1: src/core may not import vscode: the engine knows nothing of VS Code, the network or the front ends',
        '2: src/core may not import kafkajs: the engine knows nothing of VS Code, the network or the front ends',
        '3: src/core may not import src/live: the engine knows nothing of VS Code, the network or the front ends',
        '4: src/core may not import src/cli: the engine knows nothing of VS Code, the network or the front ends',
      ],
    );
  });

  it('keeps the adapters apart', async () => {
    assert.deepEqual(await layerMessages('src/vscode/probe.ts', "import { runInit } from '../cli/commands/init';\n"), [
      '1: src/vscode may not import src/cli: adapters never import each other',
    ]);
    assert.deepEqual(await layerMessages('src/live/probe.ts', "import type { Services } from '../vscode/commands';\n"), [
      '1: src/live may not import src/vscode: adapters never import each other',
    ]);
    assert.deepEqual(await layerMessages('src/cli/probe.ts', "const v = require('vscode');\n"), [
      '1: src/cli may not import vscode: adapters never import each other',
    ]);
  });

  it('lets adapters reach the engine only through src/core/index.ts', async () => {
    assert.deepEqual(await layerMessages('src/cli/commands/probe.ts', "import { Workspace } from '../../core/workspace';\n"), [
      '1: src/cli imports the engine only through src/core/index.ts, not src/core/workspace',
    ]);
    assert.deepEqual(await layerMessages('src/vscode/tree/probe.ts', "const m = import('../../core/plan/plan');\n"), [
      '1: src/vscode imports the engine only through src/core/index.ts, not src/core/plan/plan',
    ]);
    assert.deepEqual(
      await layerMessages(
        'src/cli/commands/probe.ts',
        "import { Workspace } from '../../core';\nimport type { Model } from '../../core/index';\n",
      ),
      [],
    );
  });

  it('keeps rules away from rewriting', async () => {
    assert.deepEqual(
      await layerMessages(
        'src/core/rules/probe.ts',
        "import { fixPort } from '../rewrite/brokers';\nimport type { Model } from '../model/types';\n",
      ),
      ['1: src/core/rules may not import src/core/rewrite: rules judge, they do not edit (edits come from core/actions)'],
    );
  });

  it('keeps one extract reader out of another, and lets every reader use the shared helpers', async () => {
    assert.deepEqual(
      await layerMessages(
        'src/core/extract/hocon.ts',
        "import { extractIni } from './ini';\nimport { LineIndex } from './text';\nimport { scanIni } from './config/iniLines';\n",
      ),
      ['1: extract reader hocon may not import the ini reader (src/core/extract/ini): move what both need into a shared helper'],
    );
    assert.deepEqual(
      await layerMessages(
        'src/core/extract/code/jvm/java.ts',
        "import { extractGo } from '../go';\nimport { keysOf } from './keys';\nimport { Named } from '../named';\n",
      ),
      ['1: extract reader jvm may not import the go reader (src/core/extract/code/go): move what both need into a shared helper'],
    );
    assert.deepEqual(await layerMessages('src/core/extract/config/tree.ts', "import { extractShell } from '../shell';\n"), [
      '1: shared extract helper src/core/extract/config/tree may not import the shell reader (src/core/extract/shell): move what both need into a shared helper',
    ]);
    // The dispatcher knows every reader.
    assert.deepEqual(
      await layerMessages('src/core/extract/index.ts', "import { extractIni } from './ini';\nimport { extractJava } from './code/java';\n"),
      [],
    );
  });

  it('asks for every new extract module to be classified', async () => {
    assert.deepEqual(await layerMessages('src/core/extract/newFormat.ts', 'export const x = 1;\n'), [
      '1: src/core/extract/newFormat.ts is neither a reader nor a shared helper: list it in READERS or SHARED in scripts/lint/layers.mjs',
    ]);
  });
});
