// `node scripts/survey/measure.mjs [--corpus DIR] [--labels DIR] [--repo owner/name] [--json] [--extras]`
// Scans each labelled public repository (zero-config, the shipped engine in dist/engine.js) and holds what
// the scan reports to the labels written by eye: client connection strings found, broker-side look-alikes
// wrongly reported, produce/consume topic uses found (and named right), service roles where labelled.
// A label is found when the scan reports something in the same file whose line range covers the label's
// line (or one of its `alt` lines) give or take `--tolerance` lines (default 1): a list written over several
// lines is one ref. Each
// report matches at most one label (nearest first), so one ref can't count for two settings.
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const corpusDir = path.resolve(option('corpus', process.env.KC_CORPUS ?? '/work/corpus'));
const labelsDir = path.resolve(option('labels', path.join(root, 'scripts/survey/labels')));
const onlyRepo = option('repo', undefined);
const tolerance = Number(option('tolerance', '1'));
const asJson = flag('json');
const showExtras = flag('extras');
// `--baseline FILE`: a saved `--json` run (scripts/survey/baseline-main.json): print the change per repo and construct.
const baselinePath = option('baseline', undefined);

const enginePath = path.join(root, 'dist/engine.js');
if (!existsSync(enginePath)) {
  console.error('measure: dist/engine.js is missing: run `npm run build` first');
  process.exit(2);
}
const { RepositoryIndex } = require(enginePath);

const slug = (repo) => repo.replace('/', '+');
const pct = (found, total) => (total ? (100 * found) / total : 100);
const fmtPct = (found, total) => `${found}/${total} (${pct(found, total).toFixed(1)}%)`;

/** Does a reported range (lines) cover the label's line, within the tolerance? Returns the distance, or -1. */
function distance(label, range, tol) {
  // `alt`: other lines that are the same setting (where code reads the env var, and where it passes it on).
  const lines = [label.line, ...(label.alt ?? [])];
  const ds = lines.map((line) => {
    if (line >= range.start.line && line <= range.end.line) return 0;
    return line < range.start.line ? range.start.line - line : line - range.end.line;
  });
  const d = Math.min(...ds);
  return d <= tol ? d : -1;
}

/**
 * One-to-one matching of labels to reports in the same file, nearest first. `accept(label, report)`
 * narrows what may match (a topic use must have the label's direction). Returns label index -> report.
 */
function match(labels, reports, tol, accept = () => true) {
  const pairs = [];
  labels.forEach((label, li) => {
    reports.forEach((report, ri) => {
      if (report.file !== label.file || !accept(label, report)) return;
      const d = distance(label, report.range, tol);
      if (d >= 0) pairs.push({ li, ri, d });
    });
  });
  pairs.sort((a, b) => a.d - b.d || a.li - b.li || a.ri - b.ri);
  const byLabel = new Map();
  const usedReports = new Set();
  for (const { li, ri } of pairs) {
    if (byLabel.has(li) || usedReports.has(ri)) continue;
    byLabel.set(li, reports[ri]);
    usedReports.add(ri);
  }
  return { byLabel, usedReports };
}

function loadLabels() {
  if (!existsSync(labelsDir)) {
    console.error(`measure: no labels at ${labelsDir}`);
    process.exit(2);
  }
  return readdirSync(labelsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(labelsDir, f), 'utf8')))
    .filter((l) => !onlyRepo || l.repo === onlyRepo);
}

async function measureRepo(labels) {
  const dir = path.join(corpusDir, slug(labels.repo));
  if (!existsSync(dir)) return { repo: labels.repo, missing: `corpus folder ${dir} is absent (see scripts/survey/README.md)` };
  const analysis = await new RepositoryIndex(dir).scan();
  const refs = analysis.model.brokerRefs;
  const uses = analysis.model.topicUses;
  const connections = labels.connections ?? [];
  const lookalikes = labels.lookalikes ?? [];
  const topics = labels.topics ?? [];

  const conn = match(connections, refs, tolerance);
  // A look-alike is wrongly reported when any ref covers its exact line: neighbours are other settings.
  const wrong = lookalikes
    .map((l) => ({ label: l, ref: refs.find((r) => r.file === l.file && distance(l, r.range, 0) === 0) }))
    .filter((x) => x.ref);
  const top = match(topics, uses, tolerance, (label, use) => use.direction === label.direction);
  const named = topics.filter(
    (t, i) => t.topic && top.byLabel.has(i) && (top.byLabel.get(i).resolved ?? top.byLabel.get(i).topic) === t.topic,
  );

  const roles = (labels.services ?? []).map((s) => {
    const service = analysis.model.services.find((x) => x.root === s.root);
    return { root: s.root, expected: s.role, actual: service ? service.role : 'absent' };
  });
  const lookalikeRefs = new Set(wrong.map((w) => w.ref));
  // `ambiguous`: settings the labeller would not call either way (a broker's embedded client): never extras.
  const ambiguous = labels.ambiguous ?? [];
  const isAmbiguous = (r) => ambiguous.some((a) => a.file === r.file && distance(a, r.range, 0) === 0);
  const extras = refs
    .filter((r, i) => !conn.usedReports.has(i) && !lookalikeRefs.has(r) && !isAmbiguous(r))
    .map((r) => ({
      file: r.file,
      line: r.range.start.line,
      key: r.key,
      kind: r.kind,
      text: r.parts.map((p) => p.text).join(',') || r.expression,
    }));
  const extraUses = uses
    .filter((u, i) => !top.usedReports.has(i))
    .map((u) => ({ file: u.file, line: u.range.start.line, direction: u.direction, topic: u.resolved ?? u.topic, client: u.client }));

  return {
    repo: labels.repo,
    commit: labels.commit,
    connections: { found: conn.byLabel.size, labelled: connections.length },
    connectionsByKind: tally(
      connections,
      (c) => c.kind,
      (i) => conn.byLabel.has(i),
    ),
    connectionsByConstruct: tally(
      connections,
      (c) => c.construct,
      (i) => conn.byLabel.has(i),
    ),
    lookalikes: { reported: wrong.length, labelled: lookalikes.length },
    topics: { found: top.byLabel.size, named: named.length, labelled: topics.length, withName: topics.filter((t) => t.topic).length },
    topicsByConstruct: tally(
      topics,
      (t) => t.construct,
      (i) => top.byLabel.has(i),
    ),
    roles: { right: roles.filter((r) => r.expected === r.actual).length, labelled: roles.length },
    unlabelledRefs: extras.length,
    unlabelledUses: extraUses.length,
    missedConnections: connections.filter((_, i) => !conn.byLabel.has(i)),
    wronglyReported: wrong.map((w) => ({ ...w.label, reportedAs: w.ref.key })),
    missedTopics: topics.filter((_, i) => !top.byLabel.has(i)),
    misnamedTopics: topics
      .map((t, i) => ({ t, use: top.byLabel.get(i) }))
      .filter(({ t, use }) => t.topic && use && (use.resolved ?? use.topic) !== t.topic)
      .map(({ t, use }) => ({ ...t, reportedAs: use.resolved ?? use.topic ?? null })),
    wrongRoles: roles.filter((r) => r.expected !== r.actual),
    extras,
    extraUses,
  };
}

/** Found / labelled per value of `keyOf` (construct or kind). */
function tally(items, keyOf, isFound) {
  const out = {};
  items.forEach((item, i) => {
    const k = keyOf(item) ?? 'other';
    out[k] ??= { found: 0, labelled: 0 };
    out[k].labelled++;
    if (isFound(i)) out[k].found++;
  });
  return out;
}

function addTallies(into, from) {
  for (const [k, v] of Object.entries(from)) {
    into[k] ??= { found: 0, labelled: 0 };
    into[k].found += v.found;
    into[k].labelled += v.labelled;
  }
}

const results = [];
for (const labels of loadLabels()) results.push(await measureRepo(labels));
const measured = results.filter((r) => !r.missing);
const sum = (f) => measured.reduce((n, r) => n + f(r), 0);
const byConstruct = {};
const byKind = {};
const topicsByConstruct = {};
for (const r of measured) {
  addTallies(byConstruct, r.connectionsByConstruct);
  addTallies(byKind, r.connectionsByKind);
  addTallies(topicsByConstruct, r.topicsByConstruct);
}
const total = {
  repos: measured.length,
  missingRepos: results.filter((r) => r.missing).map((r) => r.repo),
  connections: { found: sum((r) => r.connections.found), labelled: sum((r) => r.connections.labelled) },
  lookalikes: { reported: sum((r) => r.lookalikes.reported), labelled: sum((r) => r.lookalikes.labelled) },
  topics: {
    found: sum((r) => r.topics.found),
    named: sum((r) => r.topics.named),
    labelled: sum((r) => r.topics.labelled),
    withName: sum((r) => r.topics.withName),
  },
  roles: { right: sum((r) => r.roles.right), labelled: sum((r) => r.roles.labelled) },
  // Reports that match no label: a false positive, or a label missing (`--extras` lists them).
  unlabelled: { refs: sum((r) => r.unlabelledRefs), uses: sum((r) => r.unlabelledUses) },
  connectionsByKind: byKind,
  connectionsByConstruct: byConstruct,
  topicsByConstruct,
};
total.connections.percent = Number(pct(total.connections.found, total.connections.labelled).toFixed(1));
total.topics.percent = Number(pct(total.topics.found, total.topics.labelled).toFixed(1));

if (asJson) {
  process.stdout.write(JSON.stringify({ tolerance, total, repos: results }, null, 2) + '\n');
} else {
  const rows = [['repo', 'connections', 'look-alikes reported', 'topic uses', 'named right', 'roles']];
  for (const r of results) {
    if (r.missing) {
      rows.push([r.repo, r.missing, '', '', '', '']);
      continue;
    }
    rows.push([
      r.repo,
      fmtPct(r.connections.found, r.connections.labelled),
      `${r.lookalikes.reported}/${r.lookalikes.labelled}`,
      fmtPct(r.topics.found, r.topics.labelled),
      `${r.topics.named}/${r.topics.withName}`,
      r.roles.labelled ? `${r.roles.right}/${r.roles.labelled}` : '-',
    ]);
  }
  rows.push([
    'TOTAL',
    fmtPct(total.connections.found, total.connections.labelled),
    `${total.lookalikes.reported}/${total.lookalikes.labelled}`,
    fmtPct(total.topics.found, total.topics.labelled),
    `${total.topics.named}/${total.topics.withName}`,
    total.roles.labelled ? `${total.roles.right}/${total.roles.labelled}` : '-',
  ]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  for (const r of rows) console.log(r.map((v, c) => String(v).padEnd(widths[c])).join('  '));
  const table = (title, t) => {
    console.log(`\n${title}`);
    for (const [k, v] of Object.entries(t).sort((a, b) => b[1].labelled - a[1].labelled))
      console.log(`  ${k.padEnd(28)} ${fmtPct(v.found, v.labelled)}`);
  };
  console.log(
    `\nunlabelled reports (not in the labels): ${total.unlabelled.refs} refs, ${total.unlabelled.uses} topic uses${showExtras ? '' : ' (--extras lists them)'}`,
  );
  table('connection strings by construct', total.connectionsByConstruct);
  table('connection strings by kind', total.connectionsByKind);
  table('topic uses by construct', total.topicsByConstruct);
  if (baselinePath) printDelta(JSON.parse(readFileSync(baselinePath, 'utf8')));
  for (const r of measured) {
    const lines = [
      ...r.missedConnections.map(
        (c) => `  missed connection  ${c.file}:${c.line}  ${c.key ?? ''} [${c.kind}/${c.construct ?? '-'}] ${c.note ?? ''}`,
      ),
      ...r.wronglyReported.map((c) => `  LOOK-ALIKE REPORTED ${c.file}:${c.line}  ${c.key ?? ''} (${c.what ?? ''})`),
      ...r.missedTopics.map(
        (t) =>
          `  missed topic       ${t.file}:${t.line}  ${t.direction} ${t.topic ?? t.expression ?? ''} [${t.client}/${t.construct ?? '-'}]`,
      ),
      ...r.misnamedTopics.map((t) => `  misnamed topic     ${t.file}:${t.line}  ${t.direction} ${t.topic} reported as ${t.reportedAs}`),
      ...r.wrongRoles.map((s) => `  wrong role         ${s.root}: ${s.actual}, labelled ${s.expected}`),
      ...(showExtras ? r.extras.map((e) => `  unlabelled ref     ${e.file}:${e.line}  ${e.key ?? ''} ${e.kind} ${e.text ?? ''}`) : []),
      ...(showExtras
        ? r.extraUses.map((e) => `  unlabelled use     ${e.file}:${e.line}  ${e.direction} ${e.topic ?? ''} ${e.client}`)
        : []),
    ];
    if (lines.length) console.log(`\n${r.repo}\n${lines.join('\n')}`);
  }
}

/** Found now minus found in the baseline, for the totals, each construct and each repo. */
function printDelta(base) {
  const sign = (n) => (n > 0 ? `+${n}` : String(n));
  console.log(`\nchange against ${baselinePath}`);
  console.log(
    `  connections ${sign(total.connections.found - base.total.connections.found)}, look-alikes reported ${sign(total.lookalikes.reported - base.total.lookalikes.reported)}, topic uses ${sign(total.topics.found - base.total.topics.found)}, named right ${sign(total.topics.named - base.total.topics.named)}, unlabelled refs ${sign(total.unlabelled.refs - (base.total.unlabelled?.refs ?? 0))}`,
  );
  const constructs = (now, before, title) => {
    for (const [k, v] of Object.entries(now)) {
      const d = v.found - (before?.[k]?.found ?? 0);
      if (d) console.log(`  ${title} ${k}: ${sign(d)} (${fmtPct(v.found, v.labelled)})`);
    }
  };
  constructs(total.connectionsByConstruct, base.total.connectionsByConstruct, 'connections');
  constructs(total.topicsByConstruct, base.total.topicsByConstruct, 'topic uses');
  for (const r of measured) {
    const b = base.repos.find((x) => x.repo === r.repo);
    if (!b || b.missing) continue;
    const dc = r.connections.found - b.connections.found;
    const dt = r.topics.found - b.topics.found;
    const dl = r.lookalikes.reported - b.lookalikes.reported;
    if (dc || dt || dl) console.log(`  ${r.repo}: connections ${sign(dc)}, topic uses ${sign(dt)}, look-alikes reported ${sign(dl)}`);
  }
}
