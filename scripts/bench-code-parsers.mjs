// `node scripts/bench-code-parsers.mjs [--base REV] [--runs 30]`: parse+query time per file of the
// tree-sitter code extractors (this tree) against the hand-written lexer extractors of `--base` (a git
// revision that still has them), on the same generated text, in the same process. The old side is
// bundled with esbuild from `git archive`; the new side runs from out/ (`npx tsc -p tsconfig.test.json`
// first), where it finds the grammar wasm in node_modules. Neither is minified.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
// The last revision where TS/JS, Python and Go still ran on the hand-written lexer.
const base = arg('base', '65f0c3a53d29da38a4578f9c6b628d0da3724488');
const runs = Number(arg('runs', '30'));

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-code-'));
const treeSitterCjs = {
  name: 'web-tree-sitter-cjs',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: path.join(root, 'node_modules/web-tree-sitter/tree-sitter.cjs') }));
  },
};
const bundle = async (srcRoot, out) => {
  const entry = path.join(tmp, `${out}-entry.ts`);
  const code = path.join(srcRoot, 'src/core/extract/code');
  writeFileSync(
    entry,
    [
      `export { extractTypeScript } from ${JSON.stringify(path.join(code, 'typescript'))};`,
      `export { extractPython } from ${JSON.stringify(path.join(code, 'python'))};`,
      `export { extractGo } from ${JSON.stringify(path.join(code, 'go'))};`,
    ].join('\n'),
  );
  await esbuild.build({
    entryPoints: [entry],
    outfile: path.join(tmp, `${out}.cjs`),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    nodePaths: [path.join(root, 'node_modules')],
    plugins: [treeSitterCjs],
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  return require(path.join(tmp, `${out}.cjs`));
};

// The old extractors, from git, beside the modules they import.
const oldRoot = path.join(tmp, 'old');
execFileSync('bash', ['-c', `mkdir -p "${oldRoot}" && git -C "${root}" archive ${base} src | tar -x -C "${oldRoot}"`]);
const oldX = await bundle(oldRoot, 'old');
const newX = {
  ...require(path.join(root, 'out/src/core/extract/code/typescript.js')),
  ...require(path.join(root, 'out/src/core/extract/code/python.js')),
  ...require(path.join(root, 'out/src/core/extract/code/go.js')),
  ...require(path.join(root, 'out/src/core/extract/code/grammars.js')),
};
await newX.ensureCodeGrammarsReady();

// Typical service files: a client block, then ordinary code that mentions no Kafka at all.
const BLOCKS = {
  ts: {
    head: `import { Kafka } from 'kafkajs';\nconst BROKERS = process.env.KAFKA_BROKERS ?? 'kafka-1.internal:9092,kafka-2.internal:9092';\nconst kafka = new Kafka({ clientId: 'svc', brokers: BROKERS.split(','), ssl: true });\nconst consumer = kafka.consumer({ groupId: 'billing' });\nawait consumer.subscribe({ topics: ['orders', process.env.EXTRA_TOPIC!], fromBeginning: false });\nawait producer.send({ topic: 'invoices', messages: [{ value: JSON.stringify(x) }] });\n`,
    filler: (i) =>
      `export function handle${i}(order: { id: string; total: number }, rates: Record<string, number>): number {\n  const rate = rates[order.id] ?? 1.0; // currency\n  if (order.total > 100 && rate !== 0) {\n    return Math.round(order.total * rate * 100) / 100;\n  }\n  return \`\${order.id}-\${i}\`.length + order.total / 3;\n}\n`,
    run: (t) => [oldX.extractTypeScript, newX.extractTypeScript].map((f) => () => f('svc/src/a.ts', t, {})),
  },
  py: {
    head: `import os\nfrom confluent_kafka import Consumer, Producer\nBROKERS = os.environ.get('KAFKA_BROKERS', 'kafka-1.internal:9092')\nconf = {'bootstrap.servers': BROKERS, 'group.id': 'shipping', 'security.protocol': 'SASL_SSL'}\nc = Consumer(conf)\nc.subscribe(['orders', os.environ['EXTRA']])\np = Producer({'bootstrap.servers': BROKERS})\np.produce('shipments', value=b'x')\n`,
    filler: (i) =>
      `def handle_${i}(order, rates):\n    """Price one order."""\n    rate = rates.get(order["id"], 1.0)  # currency\n    if order["total"] > 100 and rate:\n        return round(order["total"] * rate, 2)\n    return len(f"{order['id']}-${i}") + order["total"] / 3\n\n`,
    run: (t) => [oldX.extractPython, newX.extractPython].map((f) => () => f('svc/app.py', t, {})),
  },
  go: {
    head: `package main\n\nimport (\n\t"os"\n\t"github.com/segmentio/kafka-go"\n)\n\nfunc reader() *kafka.Reader {\n\treturn kafka.NewReader(kafka.ReaderConfig{\n\t\tBrokers: []string{"kafka-1.internal:9092", "kafka-2.internal:9092"},\n\t\tGroupID: "billing",\n\t\tTopic:   os.Getenv("INPUT_TOPIC"),\n\t\tStartOffset: kafka.LastOffset,\n\t})\n}\n`,
    filler: (i) =>
      `func handle${i}(order Order, rates map[string]float64) float64 {\n\trate, ok := rates[order.ID] // currency\n\tif !ok {\n\t\trate = 1.0\n\t}\n\tif order.Total > 100 {\n\t\treturn order.Total * rate\n\t}\n\treturn float64(len(order.ID)) + order.Total/3\n}\n\n`,
    run: (t) => [oldX.extractGo, newX.extractGo].map((f) => () => f('svc/main.go', t, {})),
  },
};

const textOf = (b, lines) => {
  let t = b.head;
  for (let i = 0; t.split('\n').length < lines; i++) t += b.filler(i);
  return t;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn, n) => {
  for (let i = 0; i < 3; i++) fn(); // warm up (JIT, first parse)
  const xs = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    xs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(xs);
};

console.log(`per-file extraction, median of ${runs} runs (ms); lexer = ${base}, tree-sitter = this tree`);
console.log('language  lines  bytes    lexer  tree-sitter  ratio');
for (const [lang, b] of Object.entries(BLOCKS)) {
  for (const lines of [200, 5000]) {
    const text = textOf(b, lines);
    const [oldRun, newRun] = b.run(text);
    const n = lines > 1000 ? Math.max(5, Math.floor(runs / 3)) : runs;
    const o = time(oldRun, n);
    const t = time(newRun, n);
    console.log(
      `${lang.padEnd(8)}  ${String(text.split('\n').length).padStart(5)}  ${String(text.length).padStart(6)}  ${o.toFixed(2).padStart(7)}  ${t.toFixed(2).padStart(11)}  ${(t / o).toFixed(2).padStart(5)}×`,
    );
  }
}
rmSync(tmp, { recursive: true, force: true });
