// Mocha bootstrap loaded by VS Code as `extensionTestsPath`, under both launchers (run-server, run-electron).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type MochaType from 'mocha';
import * as vscode from 'vscode';
import { FailedTest, reportedFigures, RESULTS_PATH_ENV, SuiteResults } from './results';

// Mocha 12's package entry is ESM re-exporting this CommonJS core. Requiring the core directly also works
// in extension hosts whose Node has no require(esm) (Electron builds older than Node 20.19).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mocha: typeof MochaType = require('mocha/lib/mocha.cjs');

const TEST_FILE_SUFFIX = '.test.js';
const DEFAULT_TIMEOUT_MS = 20_000;

function findTestFiles(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((relative) => relative.endsWith(TEST_FILE_SUFFIX))
    .sort()
    .map((relative) => path.join(root, relative));
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

function writeResults(results: SuiteResults): void {
  const resultsPath = process.env[RESULTS_PATH_ENV];
  if (!resultsPath) return; // run-electron reads mocha's own failure count; only run-server needs the file
  fs.mkdirSync(path.dirname(resultsPath), { recursive: true });
  // Written to a temp name and renamed so the launcher never reads a half-written file.
  const partial = `${resultsPath}.partial`;
  fs.writeFileSync(partial, JSON.stringify(results, null, 2));
  fs.renameSync(partial, resultsPath);
}

export function run(): Promise<void> {
  return runTestsUnder(__dirname);
}

/** Runs every test file under `root`; other suites (suite-multiroot) reuse it from their own index. */
export function runTestsUnder(root: string): Promise<void> {
  // KAFKA_CUTOVER_TEST_GREP runs only the tests whose title matches (while working on one surface).
  const grep = process.env.KAFKA_CUTOVER_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: DEFAULT_TIMEOUT_MS, ...(grep ? { grep } : {}) });
  mocha.reporter('spec');
  for (const file of findTestFiles(root)) mocha.addFile(file);

  const lines: string[] = [];
  const failed: FailedTest[] = [];
  const started = Date.now();

  return new Promise((resolve, reject) => {
    let runner: MochaType.Runner;
    try {
      runner = mocha.run((failureCount) => {
        const stats = runner.stats;
        writeResults({
          vscodeVersion: vscode.version,
          passes: stats?.passes ?? 0,
          failures: failureCount,
          pending: stats?.pending ?? 0,
          durationMs: Date.now() - started,
          failed,
          lines: [...lines, ...reportedFigures.map((f) => `    figure: ${f}`)],
        });
        if (failureCount > 0) reject(new Error(`${failureCount} test(s) failed in the VS Code extension host`));
        else resolve();
      });
    } catch (error) {
      // A test file that throws while loading is a failure of the whole suite, not a silent pass.
      const message = error instanceof Error ? error.message : String(error);
      const stack = error instanceof Error ? (error.stack ?? '') : '';
      writeResults({
        vscodeVersion: vscode.version,
        passes: 0,
        failures: 1,
        pending: 0,
        durationMs: Date.now() - started,
        failed: [{ title: 'loading the test files', message, stack }],
        lines: [`  ✗ loading the test files: ${firstLine(message)}`],
      });
      reject(error);
      return;
    }
    runner.on('pass', (test) => lines.push(`  ✓ ${test.fullTitle()} (${test.duration ?? 0} ms)`));
    runner.on('pending', (test) => lines.push(`  - ${test.fullTitle()} (pending)`));
    runner.on('fail', (test, error: Error) => {
      const message = error?.message ?? String(error);
      failed.push({ title: test.fullTitle(), message, stack: error?.stack ?? '' });
      lines.push(`  ✗ ${test.fullTitle()}: ${firstLine(message)}`);
    });
  });
}
