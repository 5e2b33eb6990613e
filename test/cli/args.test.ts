// The flag parser on util.parseArgs: what each form of a flag yields, and the one-line usage error
// (exit 2 in the CLI) for everything it refuses, naming the flag as the user typed it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { booleanFlag, parseArgs, UsageError, valueFlag, type FlagSpec } from '../../src/cli/args';

const SPEC: FlagSpec = { values: ['env', 'format'], booleans: ['dry-run', 'cache'], negatable: ['cache'] };

const parsed = (argv: string[], spec = SPEC) => {
  const { positionals, flags } = parseArgs(argv, spec);
  return { positionals, flags: Object.fromEntries(flags) };
};

function refused(argv: string[], message: string, spec = SPEC): void {
  assert.throws(
    () => parseArgs(argv, spec),
    (error: unknown) => {
      assert.ok(error instanceof UsageError, `${argv.join(' ')}: ${String(error)}`);
      assert.equal(error.message, message, argv.join(' '));
      return true;
    },
  );
}

test('values as `--flag value` and `--flag=value`, booleans, positionals in order', () => {
  assert.deepEqual(parsed(['a', '--env', 'prod', 'b', '--format=json', '--dry-run']), {
    positionals: ['a', 'b'],
    flags: { env: 'prod', format: 'json', 'dry-run': true },
  });
  // An inline value may hold `=` and start with a dash; only the first `=` splits.
  assert.deepEqual(parsed(['--env=a=b', '--format=--x']).flags, { env: 'a=b', format: '--x' });
  // The last of a repeated flag wins.
  assert.deepEqual(parsed(['--env', 'dev', '--env', 'prod']).flags, { env: 'prod' });
  assert.deepEqual(parsed([]), { positionals: [], flags: {} });
});

test('`--` ends the flags: what follows is positional, dashes and all; a lone `-` is positional', () => {
  assert.deepEqual(parsed(['--dry-run', '--', '--env', '-x', 'c']), { positionals: ['--env', '-x', 'c'], flags: { 'dry-run': true } });
  assert.deepEqual(parsed(['-']), { positionals: ['-'], flags: {} });
});

test('--no-X sets a negatable boolean to false; the later of --X and --no-X wins', () => {
  assert.deepEqual(parsed(['--no-cache']).flags, { cache: false });
  assert.deepEqual(parsed(['--no-cache', '--cache']).flags, { cache: true });
  assert.deepEqual(parsed(['--cache', '--no-cache']).flags, { cache: false });
  const args = parseArgs(['--no-cache'], SPEC);
  assert.equal(booleanFlag(args, 'cache', true), false);
  assert.equal(booleanFlag(args, 'dry-run', false), false);
  assert.equal(booleanFlag(parseArgs(['--dry-run'], SPEC), 'dry-run', false), true);
  assert.equal(valueFlag(parseArgs(['--env', 'qa'], SPEC), 'env'), 'qa');
  assert.equal(valueFlag(args, 'env'), undefined);
});

test('unknown flags, short ones included, and --no- of a flag that is not negatable', () => {
  refused(['--bogus'], 'unknown option --bogus');
  refused(['--bogus=1'], 'unknown option --bogus');
  refused(['-x'], 'unknown option -x');
  refused(['-ab'], 'unknown option -a');
  refused(['--no-dry-run'], 'unknown option --no-dry-run');
  refused(['--no-env'], 'unknown option --no-env');
  refused(['--envs', 'prod'], 'unknown option --envs');
});

test('a value flag without its value, at the end, before another flag, or empty after `=`', () => {
  refused(['--env'], '--env needs a value');
  refused(['--env', '--dry-run'], '--env needs a value');
  refused(['--env='], '--env needs a value');
  refused(['scan', '--format', '--env', 'prod'], '--format needs a value');
});

test('a boolean given a value with `=`', () => {
  refused(['--dry-run=yes'], '--dry-run takes no value');
  refused(['--no-cache=1'], '--no-cache takes no value');
  // Without `=`, the next word is a positional, not the boolean's value.
  assert.deepEqual(parsed(['--dry-run', 'yes']), { positionals: ['yes'], flags: { 'dry-run': true } });
});

test('a negatable flag must be one of the booleans (a mistake in the command, not the user)', () => {
  assert.throws(() => parseArgs([], { values: ['env'], booleans: [], negatable: ['env'] }), /--no-env: env is not a boolean flag/);
});
