// What belongs to a service's configuration and what does not: test fixtures (recorded payloads,
// golden files) are not read at all; test code is read, but what it names never decides a state.
import ignore from 'ignore';
import picomatch from 'picomatch';

/**
 * Skipped by default (gitignore syntax) and listed in `skipped`: fixtures hold recorded production
 * configs that no service loads. A manifest `ignore` entry `!<the same glob>` re-includes one.
 */
export const FIXTURE_IGNORES = ['**/testdata/**', '**/fixtures/**', '**/__fixtures__/**', '**/*.golden.*'];

/**
 * The default fixture globs minus those the manifest's `!glob` entries re-include: returns, for a
 * relative path, the glob that skips it (undefined when it is read).
 */
export function fixtureMatcher(manifestIgnore: readonly string[]): (rel: string) => string | undefined {
  const reincluded = new Set(manifestIgnore.filter((g) => g.startsWith('!')).map((g) => g.slice(1).trim()));
  const globs = FIXTURE_IGNORES.filter((g) => !reincluded.has(g)).map((g) => ({ g, ig: ignore().add(g), needle: literalOf(g) }));
  // Asked of every file the walk lists: the glob's literal part (case-insensitive, as `ignore` matches)
  // rules out nearly every path before the glob is tried (the ignore package's matching was ~1/4 of the
  // walk's profile on the bench tree).
  return (rel) => {
    const lower = rel.toLowerCase();
    return globs.find(({ ig, needle }) => lower.includes(needle) && ig.ignores(rel))?.g;
  };
}

/** The longest run of a glob without wildcards, lower-cased, that every path it matches contains. */
function literalOf(glob: string): string {
  if (/[[\]{}\\]/.test(glob)) return ''; // classes, braces, escapes: no pre-check
  const pieces = glob.split(/[*?]/).map((p) => p.replace(/^\//, ''));
  return pieces.reduce((a, b) => (b.length > a.length ? b : a), '').toLowerCase();
}

const COMPOSE_FILE = /(^|\/)(docker-)?compose([.-][\w.-]+)?\.ya?ml$/;

/** A docker-compose file (`docker-compose.yml`, `compose.yaml`, `docker-compose.dev.yml`). */
export function isComposeFile(file: string): boolean {
  return COMPOSE_FILE.test(file);
}

/**
 * Test code by the conventions of Go, JS/TS and Python test runners. Only code files: a `test/` folder
 * or a `values.test.yaml` of config is as likely an environment named `test`, whose state must count.
 * Maven/Gradle's `src/test/` holds nothing but tests, config included.
 */
const TEST_CODE = picomatch(
  ['**/*_test.go', '**/tests/**', '**/test/**', '**/*.spec.*', '**/*.test.*', '**/*_test.py', '**/test_*.py', '**/conftest.py'],
  { dot: true },
);
const MAVEN_TEST = picomatch('**/src/test/**', { dot: true });
const CODE = /\.(go|py|java|kt|kts|scala|groovy|cs|[cm]?[jt]sx?)$/;

/** True for a file of test code: its broker refs are `kind: "test"` and its topic uses make no edges. */
export function isTestCode(file: string): boolean {
  return MAVEN_TEST(file) || (CODE.test(file) && TEST_CODE(file));
}
