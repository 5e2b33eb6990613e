// The project's layering as one lint rule: which part of the source may import which. `no-restricted-imports`
// matches import strings, and a relative string means something different in every folder; this rule
// resolves each import to a path in the repository first, so one table holds for every file.
import { statSync } from 'node:fs';
import path from 'node:path';

const WHY_CORE = 'the engine knows nothing of VS Code, the network or the front ends';
const WHY_ADAPTERS = 'adapters never import each other';

/** `files` (a path prefix) may not import anything matching `forbid` (a package name or a path prefix). */
export const LAYERS = [
  { files: 'src/core/', forbid: ['vscode', 'kafkajs', 'src/live/', 'src/cli/', 'src/vscode/'], why: WHY_CORE },
  { files: 'src/live/', forbid: ['vscode', 'src/cli/', 'src/vscode/'], why: WHY_ADAPTERS },
  { files: 'src/cli/', forbid: ['vscode', 'src/vscode/'], why: WHY_ADAPTERS },
  { files: 'src/vscode/', forbid: ['src/cli/'], why: WHY_ADAPTERS },
  { files: 'src/core/rules/', forbid: ['src/core/rewrite/'], why: 'rules judge, they do not edit (edits come from core/actions)' },
];

/** Adapters see the engine through its public surface only. */
export const ADAPTERS = ['src/cli/', 'src/vscode/', 'src/live/'];
export const CORE_INDEX = 'src/core/index';
/**
 * The plan view's page script runs in the browser: the engine's index would pull Node's fs into it. It may
 * import the pure drawing modules of core/view directly, and nothing else of the engine.
 */
export const BROWSER_PAGES = {
  files: ['src/vscode/webview/', 'src/vscode/planProtocol'],
  may: ['src/core/view/planGraph', 'src/core/view/planLayout', 'src/core/model/readiness'],
};

// The extractors (src/core/extract): one reader per format, each a file or a group of files, plus shared
// helpers any reader may use. A reader never imports another reader: what two formats share lives in a
// shared helper. Only the dispatcher (extract/index.ts) knows every reader. Paths are relative to
// src/core/extract without the extension; a trailing `/` means the whole folder.
export const EXTRACT = 'src/core/extract/';
export const DISPATCHER = 'index';
export const READERS = {
  dotenv: ['dotenv'],
  properties: ['properties'],
  yaml: ['yaml'],
  json: ['json'],
  hcl: ['hcl'],
  shell: ['shell'],
  sql: ['sql'],
  toml: ['toml'],
  ini: ['ini'],
  hocon: ['hocon'],
  xml: ['xml'],
  connect: ['connect'],
  mirror: ['mirror'],
  typescript: ['code/typescript', 'code/tsSyntax'],
  go: ['code/go', 'code/goSyntax'],
  python: ['code/python', 'code/pySyntax'],
  // Java, Kotlin and C# share one reader on tree-sitter (code/jvm) with a lexer fallback.
  jvm: ['code/java', 'code/csharp', 'code/jvm/'],
};
export const SHARED = [
  'text', // line index, host:port tokens, key shapes
  'options',
  'security',
  'prefilter',
  'commandTopics', // topics named in CLI tool invocations (shell, compose commands, YAML args)
  'commandRefs', // brokers named in CLI tool invocations
  'config/', // what a key/value means, indirect references, line scanners several formats embed
  'code/named',
  'code/grammars',
  'code/syntax',
  'code/tsQuery',
  'code/facts',
  'code/scan',
  'code/expr',
  'code/lexer',
];

const inList = (list, rel) => list.some((p) => (p.endsWith('/') ? rel.startsWith(p) : rel === p));

/** `'typescript'` for src/core/extract/code/tsSyntax.ts; `'shared'`, `'dispatcher'` or undefined (unclassified). */
export function extractRole(repoPath) {
  if (!repoPath.startsWith(EXTRACT)) return undefined;
  const rel = repoPath.slice(EXTRACT.length);
  if (rel === DISPATCHER) return 'dispatcher';
  for (const [reader, parts] of Object.entries(READERS)) if (inList(parts, rel)) return reader;
  return inList(SHARED, rel) ? 'shared' : undefined;
}

const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const matches = (target, pattern) => (pattern.endsWith('/') ? target.startsWith(pattern) : target === pattern);

/** A relative import as a repository path without extension (`src/core/index` for `'../core'`). */
function resolve(root, fromFile, spec) {
  const abs = path.resolve(path.dirname(fromFile), spec);
  let rel = path.relative(root, abs).split(path.sep).join('/');
  try {
    if (statSync(abs).isDirectory()) rel += '/index';
  } catch {
    // not a directory (the usual case: a module named without its extension)
  }
  return rel.replace(/\.(?:[cm]?[jt]s|d\.ts)$/, '');
}

/** Every complaint about one import of `file` (a repository path without extension). */
export function violations(file, target, isPackage) {
  const out = [];
  for (const layer of LAYERS) {
    if (!file.startsWith(layer.files)) continue;
    for (const f of layer.forbid) {
      const hit = f.includes('/') ? !isPackage && matches(target, f) : isPackage && target === f;
      if (hit) out.push(`${layer.files.slice(0, -1)} may not import ${f.endsWith('/') ? f.slice(0, -1) : f}: ${layer.why}`);
    }
  }
  if (isPackage) return out;
  const page = BROWSER_PAGES.files.some((f) => file.startsWith(f)) && BROWSER_PAGES.may.includes(target);
  if (ADAPTERS.some((a) => file.startsWith(a)) && target.startsWith('src/core/') && target !== CORE_INDEX && !page) {
    out.push(`${file.split('/').slice(0, 2).join('/')} imports the engine only through src/core/index.ts, not ${target}`);
  }
  const from = extractRole(file);
  const to = extractRole(target);
  if (from && from !== 'dispatcher' && to && to !== 'shared' && to !== 'dispatcher' && to !== from) {
    const who = from === 'shared' ? `shared extract helper ${file}` : `extract reader ${from}`;
    out.push(`${who} may not import the ${to} reader (${target}): move what both need into a shared helper`);
  }
  return out;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Layering: which part of src/ may import which (scripts/lint/layers.mjs)' },
    schema: [],
    messages: { layer: '{{text}}', unclassified: '{{text}}' },
  },
  create(context) {
    const root = context.cwd;
    const file = path
      .relative(root, context.filename)
      .split(path.sep)
      .join('/')
      .replace(/\.(?:[cm]?[jt]s)$/, '');
    if (!file.startsWith('src/')) return {};
    const check = (node) => {
      const spec = node && node.type === 'Literal' && typeof node.value === 'string' ? node.value : undefined;
      if (!spec) return;
      const isPackage = !spec.startsWith('.');
      const target = isPackage ? packageOf(spec) : resolve(root, context.filename, spec);
      for (const text of violations(file, target, isPackage)) context.report({ node, messageId: 'layer', data: { text } });
    };
    return {
      Program(node) {
        if (file.startsWith(EXTRACT) && !extractRole(file)) {
          context.report({
            node,
            loc: { line: 1, column: 0 },
            messageId: 'unclassified',
            data: { text: `${file}.ts is neither a reader nor a shared helper: list it in READERS or SHARED in scripts/lint/layers.mjs` },
          });
        }
      },
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
      TSImportType: (n) => check(n.argument?.type === 'TSLiteralType' ? n.argument.literal : n.argument),
      TSExternalModuleReference: (n) => check(n.expression),
      CallExpression(n) {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments.length === 1) check(n.arguments[0]);
      },
    };
  },
};

export const plugin = { meta: { name: 'kafka-cutover-layers' }, rules: { imports: rule } };
