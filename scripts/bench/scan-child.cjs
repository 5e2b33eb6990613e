// Runs in a fresh process so "cold" means cold: loads the shipped engine bundle, scans (with the scan
// cache in CACHE_DIR when given, as the CLI and the extension do), then measures re-analysis after
// single-file edits. Prints one JSON line for the parent.
const { performance } = require('node:perf_hooks');
const path = require('node:path');
const fs = require('node:fs');
const [dir, editsArg, cacheDir, engine, excludeArg] = process.argv.slice(2);
// `excludeArg`: comma-separated globs left out of the scan (the code files, to measure what reading them costs).
const exclude = excludeArg ? excludeArg.split(',') : undefined;
// `engine`: another build's dist/engine.js, to compare before and after in the same run.
const bundle = require(engine ? path.resolve(engine) : path.resolve(__dirname, '../../dist/engine.js'));
// Builds before the rename call the index `Workspace`.
const RepositoryIndex = bundle.RepositoryIndex ?? bundle.Workspace;
(async () => {
  // A one-shot scan, as the CLI runs it: the extension's index also loads every other grammar in the
  // background after a scan (for files the editor may open), which a CLI run does not wait for or need.
  const ws = new RepositoryIndex(dir, { cache: cacheDir ? { dir: cacheDir } : false, oneShot: true, ...(exclude && { exclude }) });
  const first = await ws.scan();
  // performance.now() counts from process start: this is the wall time, Node's start-up included.
  const wallMs = performance.now();
  const cpu = process.cpuUsage();
  // The scan's own peak, before the edits below load every other grammar (C# and Kotlin alone are ~9 MB of wasm).
  const scanRssMb = process.resourceUsage().maxRSS / 1024;
  const files = first.model.brokerRefs.map((r) => r.file).filter((f, i, a) => a.indexOf(f) === i);
  const edits = Number(editsArg || 0);
  // The edits below may be in any language: every grammar loaded first, unmeasured (builds before the
  // one-shot option load them in the scan, as the extension does).
  if (edits) await Promise.all([bundle.ensureHclReady?.(), bundle.ensureCodeGrammarsReady?.()]);
  // The first edits after a scan run while V8 still compiles the analysis code for its new inputs; an
  // editor is past that after a few keystrokes. They run, unmeasured, before the measured ones.
  const warmUp = edits ? 20 : 0;
  // Two edits a person makes to one connection-string file, as an unsaved buffer: a line above the
  // settings (every range in the file moves: its facts change, the whole analysis runs again), and a
  // line at the end (no fact changes: an index that sees that keeps its analysis).
  // The --before builds re-analyse in full either way.
  const measure = (edit) => {
    const times = [];
    for (let i = -warmUp; i < edits; i++) {
      const file = files[((i + warmUp) * 7919) % files.length];
      const text = edit(fs.readFileSync(path.join(dir, file), 'utf8'));
      const s = performance.now();
      ws.update(file, text);
      ws.analyse();
      if (i >= 0) times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    return (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  };
  // The index holds the files as on disk: the unchanged-facts edits first.
  const same = measure((text) => text + '\n');
  const p = measure((text) => '\n' + text);
  process.stdout.write(
    JSON.stringify({
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      services: first.model.services.length,
      refs: first.model.brokerRefs.length,
      findings: first.findings.length,
      reanalyseP50: edits ? p(0.5) : null,
      reanalyseP95: edits ? p(0.95) : null,
      reanalyseSameP50: edits ? same(0.5) : null,
      reanalyseSameP95: edits ? same(0.95) : null,
      scanRssMb,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }) + '\n',
  );
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
