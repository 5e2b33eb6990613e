// Lint: eslint's and typescript-eslint's recommended rules, plus the project's layering
// (scripts/lint/layers.mjs). Not type-aware: typescript-eslint's type-checked rules took 92 s of wall
// time on the 2-core machine against 16 s without (the whole repository); `tsc` already checks types.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { plugin as layers } from './scripts/lint/layers.mjs';

// Node's globals for the plain-JS scripts (TypeScript files get theirs from @types/node through tsc).
const NODE_GLOBALS = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'structuredClone'].map((g) => [
    g,
    'readonly',
  ]),
);
const COMMONJS_GLOBALS = { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly', __filename: 'readonly' };

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      '.cache/**',
      '.vscode-test/**',
      'bench-tmp/**',
      // Repositories the tests and the demo scan: data written for other toolchains, not our code.
      '**/fixtures/**',
      'examples/**',
      // Generated from the manifest's schema (scripts/schema/gen-manifest-validator.mjs).
      'src/core/manifest/schemaValidator.generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { layers },
    rules: {
      'layers/imports': 'error',
      // `_`-prefixed names are deliberately unused (a callback's position, a destructured rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Off: the tests match aligned table output, where `  ` reads as the table does and `{2}` would not.
      'no-regex-spaces': 'off',
    },
  },
  { files: ['**/*.mjs', '**/*.js'], languageOptions: { globals: NODE_GLOBALS } },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...NODE_GLOBALS, ...COMMONJS_GLOBALS } },
    // CommonJS scripts load modules with require(): that is what the format is.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
