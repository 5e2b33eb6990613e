// Mocha bootstrap for the multi-root suite (extensionTestsPath): the same runner and results file as the
// single-folder suite, over the test files of this folder only.
import { runTestsUnder } from '../suite/index';

export function run(): Promise<void> {
  return runTestsUnder(__dirname);
}
