// Bundles the CLI and the extension with esbuild (CommonJS, Node 20; `vscode` stays external) and
// copies the WebAssembly that the HCL parser loads at run time next to the bundles.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const production = !process.argv.includes('--dev');
const out = path.join(root, 'dist');
mkdirSync(out, { recursive: true });

// web-tree-sitter's ESM build reads import.meta.url, which is empty in CJS output: use its CJS build.
const treeSitterCjs = {
  name: 'web-tree-sitter-cjs',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: path.join(root, 'node_modules/web-tree-sitter/tree-sitter.cjs') }));
  },
};

/** Adds every file under dir (path and bytes, in a fixed order) to the hash. */
const hashTree = (hash, dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) hashTree(hash, abs);
    else hash.update(path.relative(root, abs)).update(readFileSync(abs));
  }
};
// What the scan cache is keyed on (src/core/scan/cache.ts): the engine's sources and the locked
// dependencies (the grammars among them), so a cache never outlives the extractors that filled it, and
// every bundle of one build (CLI, extension) shares it.
const engineHash = createHash('sha1');
hashTree(engineHash, path.join(root, 'src/core'));
engineHash.update(readFileSync(path.join(root, 'package-lock.json')));
const engineKey = `${pkg.version}+${engineHash.digest('hex').slice(0, 16)}`;
// What the resident CLI's socket is named by (src/cli/resident/protocol.ts): the CLI's sources too, so a
// rebuilt CLI never asks a resident process that still runs the previous one.
const buildHash = createHash('sha1').update(engineKey);
hashTree(buildHash, path.join(root, 'src/cli'));
const buildKey = buildHash.digest('hex').slice(0, 16);

// The binary (src/cli/bin.ts) loads the CLI proper only when the resident process did not answer: its
// `./index` is the separate bundle cliMain.js, not inlined.
const cliMainExternal = {
  name: 'cli-main-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/index$/ }, (args) =>
      args.importer === path.join(root, 'src/cli/bin.ts') ? { path: './cliMain.js', external: true } : undefined,
    );
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // jsonc-parser's UMD main requires its parts dynamically, which a bundle can't follow: prefer ESM builds.
  mainFields: ['module', 'main'],
  target: 'node20',
  minify: production,
  sourcemap: production ? false : 'inline',
  logLevel: 'warning',
  plugins: [treeSitterCjs, cliMainExternal],
  // The engine finds its wasm beside the bundle; require.resolve into node_modules is only the
  // fallback for unbundled runs (tests from out/).
  logOverride: { 'require-resolve-not-external': 'silent' },
  define: {
    KAFKA_CUTOVER_VERSION: JSON.stringify(pkg.version),
    KAFKA_CUTOVER_ENGINE: JSON.stringify(engineKey),
    KAFKA_CUTOVER_BUILD: JSON.stringify(buildKey),
  },
};

const entries = [
  { in: 'src/cli/bin.ts', out: 'cli' },
  { in: 'src/cli/index.ts', out: 'cliMain' },
  // The engine as a library: the benchmark measures exactly what ships.
  { in: 'src/core/index.ts', out: 'engine' },
  // The scan worker, loaded by every bundle above from beside itself (src/core/scan/pool.ts).
  { in: 'src/core/scan/scanWorker.ts', out: 'scanWorker' },
];
if (existsSync(path.join(root, 'src/vscode/extension.ts'))) entries.push({ in: 'src/vscode/extension.ts', out: 'extension' });
// The extension's engine worker: the index off the extension host's thread (src/vscode/engine/worker.ts).
if (existsSync(path.join(root, 'src/vscode/engine/worker.ts'))) entries.push({ in: 'src/vscode/engine/worker.ts', out: 'engineWorker' });
// The extension's live checks (kafkajs, the AWS signer): required from extension.js on first use only.
if (existsSync(path.join(root, 'src/vscode/live/entry.ts'))) entries.push({ in: 'src/vscode/live/entry.ts', out: 'live' });

await Promise.all(
  entries.map((e) =>
    esbuild.build({
      ...common,
      entryPoints: [path.join(root, e.in)],
      outfile: path.join(out, `${e.out}.js`),
      external: ['vscode'],
      banner: e.banner ? { js: e.banner } : undefined,
    }),
  ),
);

// The plan view's page script runs in the webview (a browser): its own bundle, beside ELK's layout worker,
// which the page starts from a blob (src/vscode/webview/planView.ts).
const webviewEntries = [{ in: 'src/vscode/webview/planView.ts', out: 'planView' }];
await Promise.all(
  webviewEntries.map((e) =>
    esbuild.build({
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      minify: production,
      sourcemap: production ? false : 'inline',
      logLevel: 'warning',
      entryPoints: [path.join(root, e.in)],
      outfile: path.join(out, `${e.out}.js`),
    }),
  ),
);
copyFileSync(require.resolve('elkjs/lib/elk-worker.min.js'), path.join(out, 'elk-worker.min.js'));
entries.push(...webviewEntries, { out: 'elk-worker.min' });

const grammarWasm = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
const wasm = [
  require.resolve('web-tree-sitter/tree-sitter.wasm'),
  require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'),
  // The code languages (src/core/extract/code/grammars.ts names the same files).
  grammarWasm('tree-sitter-typescript', 'tree-sitter-typescript.wasm'),
  grammarWasm('tree-sitter-typescript', 'tree-sitter-tsx.wasm'),
  grammarWasm('tree-sitter-javascript', 'tree-sitter-javascript.wasm'),
  grammarWasm('tree-sitter-go', 'tree-sitter-go.wasm'),
  grammarWasm('tree-sitter-python', 'tree-sitter-python.wasm'),
  grammarWasm('tree-sitter-java', 'tree-sitter-java.wasm'),
  grammarWasm('@tree-sitter-grammars/tree-sitter-kotlin', 'tree-sitter-kotlin.wasm'),
  grammarWasm('tree-sitter-c-sharp', 'tree-sitter-c_sharp.wasm'),
];
for (const file of wasm) copyFileSync(file, path.join(out, path.basename(file)));

const sizes = entries.map((e) => `${e.out}.js ${(statSync(path.join(out, `${e.out}.js`)).size / 1024).toFixed(0)} KB`);
console.log(`built ${sizes.join(', ')} (+ ${wasm.length} wasm)`);
