// Loads the tree-sitter grammars of the code languages once per process, on the same web-tree-sitter
// runtime as HCL (src/core/terraform/parser.ts initialises it). Parsing is synchronous once loaded, as
// the extractor contract needs; only loading the wasm is asynchronous (ensureCodeGrammarsReady()).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { loadHclRuntime } from '../../terraform/parser';

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
let loading: Promise<void> | undefined;

/** Loads every code grammar (~1 MB of wasm in all, a few ms each). Safe to call again. */
export function ensureCodeGrammarsReady(): Promise<void> {
  loading ??= (async () => {
    await loadHclRuntime(); // initialises the shared runtime
    // Loaded side by side from bytes read at once: V8 compiles each wasm module on background threads,
    // so a caller that starts this before other synchronous work (the scan's discovery) overlaps both.
    const missing = (Object.keys(GRAMMAR_FILES) as CodeLanguage[]).filter((lang) => !languages.has(lang));
    const loaded = await Promise.all(missing.map((lang) => Language.load(fs.readFileSync(locateGrammar(lang)))));
    missing.forEach((lang, i) => languages.set(lang, loaded[i]));
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
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
