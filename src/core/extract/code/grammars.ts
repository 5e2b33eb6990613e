// Loads the tree-sitter grammars of the code languages once per process, on the same web-tree-sitter
// runtime as HCL (src/core/terraform/parser.ts initialises it). Parsing is synchronous once loaded, as
// the extractor contract needs; only loading the wasm is asynchronous (ensureCodeGrammarsReady()).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { hclRuntime, initTreeSitter, loadHclRuntime } from '../../terraform/parser';

export type CodeLanguage = 'typescript' | 'tsx' | 'javascript' | 'go' | 'python' | 'java' | 'kotlin' | 'csharp';

/** Package-relative wasm of each grammar (each grammar package on npm ships its own wasm build). */
const GRAMMAR_FILES: Record<CodeLanguage, { pkg: string; wasm: string }> = {
  typescript: { pkg: 'tree-sitter-typescript', wasm: 'tree-sitter-typescript.wasm' },
  tsx: { pkg: 'tree-sitter-typescript', wasm: 'tree-sitter-tsx.wasm' },
  javascript: { pkg: 'tree-sitter-javascript', wasm: 'tree-sitter-javascript.wasm' },
  go: { pkg: 'tree-sitter-go', wasm: 'tree-sitter-go.wasm' },
  python: { pkg: 'tree-sitter-python', wasm: 'tree-sitter-python.wasm' },
  java: { pkg: 'tree-sitter-java', wasm: 'tree-sitter-java.wasm' },
  kotlin: { pkg: '@tree-sitter-grammars/tree-sitter-kotlin', wasm: 'tree-sitter-kotlin.wasm' },
  csharp: { pkg: 'tree-sitter-c-sharp', wasm: 'tree-sitter-c_sharp.wasm' },
};

/** Absolute paths of the grammar wasm files in node_modules, for the build script to copy beside the bundles. */
export function codeWasmFiles(): string[] {
  return Object.values(GRAMMAR_FILES).map(({ pkg, wasm }) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), wasm));
}

function locateGrammar(lang: CodeLanguage): string {
  const { wasm } = GRAMMAR_FILES[lang];
  const beside = path.join(__dirname, wasm);
  if (fs.existsSync(beside)) return beside;
  const found = codeWasmFiles().find((file) => path.basename(file) === wasm);
  if (!found) throw new Error(`cannot find ${wasm}`);
  return found;
}

const languages = new Map<CodeLanguage, Language>();
const parsers = new Map<CodeLanguage, Parser>();
const loading = new Map<CodeLanguage, Promise<void>>();

/** The grammars each code format's extractor parses with (the scan loads only those of formats present). */
const FORMAT_GRAMMARS: Partial<Record<string, CodeLanguage[]>> = {
  typescript: ['typescript', 'tsx', 'javascript'],
  go: ['go'],
  python: ['python'],
  java: ['java', 'kotlin'],
  kotlin: ['java', 'kotlin'],
  csharp: ['csharp'],
};

/** Whether the format's extractor parses with a code grammar (HCL's runtime is not one). */
export function needsCodeGrammar(format: string): boolean {
  return Object.hasOwn(FORMAT_GRAMMARS, format);
}

/** The code grammars the extractors of these formats need. */
export function grammarsForFormats(formats: Iterable<string>): CodeLanguage[] {
  const out = new Set<CodeLanguage>();
  for (const f of formats) for (const lang of FORMAT_GRAMMARS[f] ?? []) out.add(lang);
  return [...out];
}

/** Whether every grammar the format's extractor needs is loaded (HCL's included; true for formats without one). */
export function grammarsLoadedFor(format: string): boolean {
  if (format === 'hcl') return hclRuntime() !== undefined;
  return (FORMAT_GRAMMARS[format] ?? []).every((lang) => languages.has(lang));
}

/** Loads the grammars the extractors of these formats need (HCL's too), and only those. */
export function ensureFormatsReady(formats: Iterable<string>): Promise<void> {
  const set = new Set(formats);
  const code = ensureCodeGrammarsReady(grammarsForFormats(set));
  return set.has('hcl') ? Promise.all([code, loadHclRuntime()]).then(() => undefined) : code;
}

/**
 * Loads the given code grammars (default: all eight, ~1 MB of wasm, a few ms each, ~5 MB of heap each).
 * Safe to call again and concurrently; a grammar already loaded is not loaded twice.
 */
export function ensureCodeGrammarsReady(wanted: Iterable<CodeLanguage> = Object.keys(GRAMMAR_FILES) as CodeLanguage[]): Promise<void> {
  const langs = [...new Set(wanted)];
  return Promise.all(langs.map(loadGrammar)).then(() => undefined);
}

function loadGrammar(lang: CodeLanguage): Promise<void> {
  let pending = loading.get(lang);
  if (!pending) {
    // Loaded side by side from bytes read at once: V8 compiles each wasm module on background threads.
    pending = (async () => {
      await initTreeSitter();
      languages.set(lang, await Language.load(fs.readFileSync(locateGrammar(lang))));
    })();
    loading.set(lang, pending);
    pending.catch(() => loading.delete(lang));
  }
  return pending;
}

/** The grammar once ensureCodeGrammarsReady() has resolved, else undefined. */
export function codeLanguage(lang: CodeLanguage): Language | undefined {
  return languages.get(lang);
}

/** One parser per language, reused (tree-sitter parsers are cheap to reuse, not to create). */
export function codeParser(lang: CodeLanguage): Parser | undefined {
  const language = languages.get(lang);
  if (!language) return undefined;
  let parser = parsers.get(lang);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(language);
    parsers.set(lang, parser);
  }
  return parser;
}
