// The standard launcher, for machines that can download VS Code (laptops, public CI): @vscode/test-electron
// fetches VS Code into .vscode-test/ and runs the same suite as run-server.ts. It cannot start on the
// project's own machines (no route to Microsoft's update server); CI there uses run-server.ts.
//
//   node out/test/vscode/run-electron.js --extension <abs> --workspace <abs> --tests <abs index.js> [--versions 1.100.3,stable]
//
// On a headless Linux box run it under a display, e.g. `xvfb-run -a node out/test/vscode/run-electron.js ...`.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { EXPECTED_EXTENSION_ENV, EXPECTED_WORKSPACE_ENV } from './suite/results';

/** The oldest release the manifest's engines.vscode allows, and the current one. */
const DEFAULT_VERSIONS = ['1.100.3', 'stable'];

interface ElectronRunOptions {
  readonly extensionPath: string;
  readonly workspacePath: string;
  readonly testsPath: string;
  readonly versions: readonly string[];
}

function parseArgs(argv: readonly string[]): ElectronRunOptions {
  const value = (flag: string): string | undefined => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const required = (flag: string): string => {
    const found = value(flag);
    if (!found) throw new Error(`${flag} <path> is required`);
    return path.resolve(found);
  };
  return {
    extensionPath: required('--extension'),
    workspacePath: required('--workspace'),
    testsPath: required('--tests'),
    versions: value('--versions')?.split(',').filter(Boolean) ?? DEFAULT_VERSIONS,
  };
}

async function runOnVersion(options: ElectronRunOptions, version: string): Promise<boolean> {
  console.log(`[run-electron] VS Code ${version}`);
  try {
    // runTests rejects when the suite's run() rejects, i.e. when any mocha test failed.
    await runTests({
      version,
      extensionDevelopmentPath: options.extensionPath,
      extensionTestsPath: options.testsPath,
      launchArgs: [options.workspacePath, '--disable-extensions'],
      extensionTestsEnv: {
        [EXPECTED_WORKSPACE_ENV]: options.workspacePath,
        [EXPECTED_EXTENSION_ENV]: options.extensionPath,
      },
    });
    return true;
  } catch (error) {
    console.error(`[run-electron] VS Code ${version}: ${(error as Error).message}`);
    return false;
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  let failedVersions = 0;
  for (const version of options.versions) {
    if (!(await runOnVersion(options, version))) failedVersions++;
  }
  console.log(`vscode-electron: ${options.versions.length - failedVersions} passed, ${failedVersions} failed`);
  process.exitCode = failedVersions === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(`[run-electron] ${(error as Error).message}`);
  process.exitCode = 2;
});
