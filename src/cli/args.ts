// Command-line flags on Node's util.parseArgs: `--flag value`, `--flag=value`, boolean flags, `--no-flag`
// for the booleans that allow it, `--` before positionals that start with a dash. Unknown flags are usage
// errors (exit 2), so a typo never silently changes what runs.
import { parseArgs as parseTokens } from 'node:util';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface FlagSpec {
  /** Flags that take a value. */
  values: string[];
  /** Flags that take none. */
  booleans: string[];
  /** Booleans whose `--no-<name>` form sets them to false (the last of the two on the line wins). */
  negatable?: string[];
}

export interface ParsedArgs {
  positionals: string[];
  /** A value flag maps to its text, a boolean to true, or false when it was given as `--no-<name>`. */
  flags: Map<string, string | boolean>;
}

type OptionConfig = Record<string, { type: 'string' | 'boolean' }>;

function optionConfig(spec: FlagSpec): OptionConfig {
  const options: OptionConfig = {};
  for (const name of spec.values) options[name] = { type: 'string' };
  for (const name of spec.booleans) options[name] = { type: 'boolean' };
  return options;
}

/**
 * util.parseArgs splits the line into tokens (inline `=` values, `--`, short-flag groups). It runs
 * non-strict so that the checks, and their messages, are ours: its own errors do not name the flag the
 * way the help text spells it. `allowNegative` would do `--no-X`, but needs Node 22; the engines allow 20.
 */
export function parseArgs(argv: string[], spec: FlagSpec): ParsedArgs {
  const negatable = new Set(spec.negatable ?? []);
  for (const name of negatable) {
    if (!spec.booleans.includes(name)) throw new Error(`--no-${name}: ${name} is not a boolean flag`);
  }
  const { tokens } = parseTokens({ args: argv, options: optionConfig(spec), strict: false, allowPositionals: true, tokens: true });
  const positionals: string[] = [];
  const flags = new Map<string, string | boolean>();
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const flag = token.rawName.startsWith('--') ? `--${token.name}` : token.rawName;
    const negated = token.name.startsWith('no-') ? token.name.slice(3) : undefined;
    if (token.rawName.startsWith('--') && spec.booleans.includes(token.name)) {
      if (token.inlineValue) throw new UsageError(`${flag} takes no value`);
      flags.set(token.name, true);
    } else if (token.rawName.startsWith('--') && negated !== undefined && negatable.has(negated)) {
      if (token.inlineValue) throw new UsageError(`${flag} takes no value`);
      flags.set(negated, false);
    } else if (token.rawName.startsWith('--') && spec.values.includes(token.name)) {
      // `--env --format json`: parseArgs would take `--format` as the value; that is a forgotten value.
      const value = token.value;
      if (value === undefined || value === '' || (!token.inlineValue && value.startsWith('--'))) {
        throw new UsageError(`${flag} needs a value`);
      }
      flags.set(token.name, value);
    } else {
      throw new UsageError(`unknown option ${flag}`);
    }
  }
  return { positionals, flags };
}

/** A value flag's text, or undefined when absent (parseArgs never maps a value flag to a boolean). */
export function valueFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** A boolean flag: true or false when given (`--x`, `--no-x`), the fallback when absent. */
export function booleanFlag(args: ParsedArgs, name: string, fallback: boolean): boolean {
  const value = args.flags.get(name);
  return typeof value === 'boolean' ? value : fallback;
}

/** A flag that takes a positive whole number (`--timeout 5000`, `--window 30`), or the fallback when absent. */
export function positiveInteger(flag: string, value: string | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'boolean' ? NaN : Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${flag} must be a positive whole number`);
  return n;
}

export function oneOf<T extends string>(flag: string, value: string | boolean | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean' || !allowed.includes(value as T)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}`);
  return value as T;
}
