// Loads web-tree-sitter and the Terraform grammar once per process. Parsing is synchronous afterwards,
// which is what the extractor contract needs; only loading the wasm is asynchronous.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, Query, type Node, type QueryMatch } from 'web-tree-sitter';

const RUNTIME_WASM = 'tree-sitter.wasm';
const GRAMMAR_WASM = 'tree-sitter-terraform.wasm';

/**
 * Absolute paths of the runtime and grammar wasm files in node_modules, for the build script to copy
 * next to the bundles.
 */
export function hclWasmFiles(): string[] {
  const runtime = require.resolve('web-tree-sitter/tree-sitter.wasm');
  const grammarPackage = path.dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json'));
  return [runtime, path.join(grammarPackage, GRAMMAR_WASM)];
}

// Bundles (dist/*.js) carry copies of the wasm files beside them; compiled tests and tools running from
// out/ find them in node_modules instead.
function locateWasm(name: string): string {
  const beside = path.join(__dirname, name);
  if (fs.existsSync(beside)) return beside;
  const found = hclWasmFiles().find((file) => path.basename(file) === name);
  if (!found) throw new Error(`cannot find ${name}`);
  return found;
}

export interface HclRuntime {
  parser: Parser;
  language: Language;
  queries: HclQueries;
}

export interface HclQueries {
  /** String values of attributes and object elements, with the key they sit under. */
  values: Query;
  /** Attributes whose whole value is a reference (`bootstrap_servers = var.brokers`, `local.kafka`). */
  references: Query;
  /** Object literals, for ECS-style `{ name = "KAFKA_BROKERS", value = ... }` environment entries. */
  objects: Query;
  /** Blocks that may hold env-style settings: Nomad `env` and `template`, provider `env { name value }`. */
  envBlocks: Query;
  /** ERROR and MISSING nodes. */
  errors: Query;
  /** values, references, objects and envBlocks as one query, and which of them each pattern is. */
  passes: { query: Query; passOf: HclPass[] };
}

export type HclPass = 'values' | 'references' | 'objects' | 'envBlocks';
const PASSES: readonly HclPass[] = ['values', 'references', 'objects', 'envBlocks'];

/**
 * The matches of the values, references, objects and envBlocks queries under `root`, each in the order its
 * own query gives them: one query run instead of four (each run walks the whole tree).
 */
export function matchPasses(queries: HclQueries, root: Node): Record<HclPass, QueryMatch[]> {
  const out: Record<HclPass, QueryMatch[]> = { values: [], references: [], objects: [], envBlocks: [] };
  const { query, passOf } = queries.passes;
  for (const match of query.matches(root)) out[passOf[match.patternIndex]].push(match);
  return out;
}

function combinedPasses(language: Language, sources: Record<HclPass, string>): HclQueries['passes'] {
  // Each pattern belongs to the pass whose source holds its start (the sources are ASCII: bytes = chars).
  const starts: number[] = [];
  let source = '';
  for (const pass of PASSES) {
    starts.push(source.length);
    source += sources[pass] + '\n';
  }
  const query = new Query(language, source);
  const passOf: HclPass[] = [];
  for (let i = 0; i < query.patternCount(); i++) {
    const at = query.startIndexForPattern(i);
    let p = 0;
    while (p + 1 < starts.length && starts[p + 1] <= at) p++;
    passOf.push(PASSES[p]);
  }
  return { query, passOf };
}

// An attribute or an object element whose value is a string, a template with interpolations, or a
// tuple. Object keys are identifiers (`brokers = ...`) or strings (`"bootstrap.servers" = ...`).
const VALUES_QUERY = `
(attribute (identifier) @key (expression (literal_value (string_lit (template_literal) @string))))
(attribute (identifier) @key (expression (template_expr (quoted_template) @template)))
(attribute (identifier) @key (expression (collection_value (tuple) @tuple)))
(object_elem key: (expression (variable_expr (identifier) @key) .)
  val: (expression (literal_value (string_lit (template_literal) @string))))
(object_elem key: (expression (literal_value (string_lit (template_literal) @key)))
  val: (expression (literal_value (string_lit (template_literal) @string))))
(object_elem key: (expression (variable_expr (identifier) @key) .)
  val: (expression (template_expr (quoted_template) @template)))
(object_elem key: (expression (literal_value (string_lit (template_literal) @key)))
  val: (expression (template_expr (quoted_template) @template)))
(object_elem key: (expression (variable_expr (identifier) @key) .)
  val: (expression (collection_value (tuple) @tuple)))
(object_elem key: (expression (literal_value (string_lit (template_literal) @key)))
  val: (expression (collection_value (tuple) @tuple)))
`;

const REFERENCES_QUERY = `
(attribute (identifier) @key (expression (variable_expr (identifier) @root) (get_attr)) @ref)
`;

const OBJECTS_QUERY = '(object) @object';

const ENV_BLOCKS_QUERY = `
(block (identifier) @type (#any-of? @type "env" "template") (block_start)) @block
`;

const ERRORS_QUERY = `
(ERROR) @error
(MISSING) @missing
`;

let loading: Promise<HclRuntime> | undefined;
let runtime: HclRuntime | undefined;
let initialising: Promise<void> | undefined;

/** Initialises web-tree-sitter itself (every grammar, HCL's and the code languages', runs on it). */
export function initTreeSitter(): Promise<void> {
  initialising ??= Parser.init({ locateFile: (name: string) => locateWasm(name) } as Parameters<typeof Parser.init>[0]);
  initialising.catch(() => {
    initialising = undefined;
  });
  return initialising;
}

export function loadHclRuntime(): Promise<HclRuntime> {
  loading ??= (async () => {
    await initTreeSitter();
    // Bytes, not a path: given a path, web-tree-sitter reads it through a dynamic import() of node:fs,
    // which a script compiled from V8's code cache cannot make.
    const language = await Language.load(fs.readFileSync(locateWasm(GRAMMAR_WASM)));
    const parser = new Parser();
    parser.setLanguage(language);
    const sources: Record<HclPass, string> = {
      values: VALUES_QUERY,
      references: REFERENCES_QUERY,
      objects: OBJECTS_QUERY,
      envBlocks: ENV_BLOCKS_QUERY,
    };
    // The single queries are compiled only when asked for (tests); the reader runs `passes`.
    const lazy = new Map<string, Query>();
    const single = (name: string, text: string): Query => {
      let q = lazy.get(name);
      if (!q) lazy.set(name, (q = new Query(language, text)));
      return q;
    };
    const queries: HclQueries = {
      get values() {
        return single('values', VALUES_QUERY);
      },
      get references() {
        return single('references', REFERENCES_QUERY);
      },
      get objects() {
        return single('objects', OBJECTS_QUERY);
      },
      get envBlocks() {
        return single('envBlocks', ENV_BLOCKS_QUERY);
      },
      errors: new Query(language, ERRORS_QUERY),
      passes: combinedPasses(language, sources),
    };
    runtime = { parser, language, queries };
    return runtime;
  })();
  // A failed load must not stay cached forever: the next call tries again.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** The runtime when loadHclRuntime() has resolved, else undefined. */
export function hclRuntime(): HclRuntime | undefined {
  return runtime;
}

export { RUNTIME_WASM, GRAMMAR_WASM };
