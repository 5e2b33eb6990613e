// The shape of the results file the in-host suite writes and the launchers read. The extension host's
// exit code says nothing about the tests (a failing suite still exits 0), so this file is the verdict.

export const RESULTS_PATH_ENV = 'KAFKA_CUTOVER_TEST_RESULTS';
export const EXPECTED_WORKSPACE_ENV = 'KAFKA_CUTOVER_TEST_WORKSPACE';
export const EXPECTED_EXTENSION_ENV = 'KAFKA_CUTOVER_TEST_EXTENSION';

/** Measured figures a test reports (the README quotes them); the launcher prints them after the tests. */
export const reportedFigures: string[] = [];

export interface FailedTest {
  readonly title: string;
  readonly message: string;
  readonly stack: string;
}

export interface SuiteResults {
  readonly vscodeVersion: string;
  readonly passes: number;
  readonly failures: number;
  readonly pending: number;
  readonly durationMs: number;
  readonly failed: readonly FailedTest[];
  /** Human-readable report, one line per test, for the launcher to print. */
  readonly lines: readonly string[];
}

export function isSuiteResults(value: unknown): value is SuiteResults {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.vscodeVersion === 'string' &&
    typeof candidate.passes === 'number' &&
    typeof candidate.failures === 'number' &&
    typeof candidate.pending === 'number' &&
    Array.isArray(candidate.failed) &&
    Array.isArray(candidate.lines)
  );
}
