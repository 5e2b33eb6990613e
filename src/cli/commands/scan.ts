import {
  type Analysis,
  applyFleet,
  applyLiveEvidence,
  buildReport,
  environmentSummary,
  hangingLines,
  type LiveEvidence,
  placedLines,
  readinessText,
  renderReport,
  VERDICT_LABELS,
  WAVE_TITLES,
} from '../../core';
import { oneOf, parseArgs, positiveInteger, UsageError } from '../args';
import type { Io } from '../main';
import { COMMON_BOOLEANS, COMMON_VALUES, forEnvironment, load, outputWidth, repoDir } from './common';

const FORMATS = ['table', 'json', 'csv', 'markdown', 'sarif'] as const;
const FAIL_ON = ['error', 'warning', 'none'] as const;

export async function runScan(argv: string[], io: Io, mode: 'scan' | 'plan'): Promise<number> {
  const args = parseArgs(argv, {
    values: [...COMMON_VALUES, 'format', 'fail-on', 'timeout', 'window'],
    booleans: [...COMMON_BOOLEANS, 'live', 'fleet', 'wide'],
  });
  if (args.positionals.length > 1) throw new UsageError(`expected at most one directory, got ${args.positionals.join(' ')}`);
  const format = oneOf('format', args.flags.get('format'), FORMATS, 'table');
  const failOn = oneOf('fail-on', args.flags.get('fail-on'), FAIL_ON, 'error');
  const dir = repoDir(args.positionals[0], io);
  const { analysis, env } = await load(dir, args, io);
  let live: { evidence: LiveEvidence[]; confirmed: Record<string, string[]> } | undefined;
  if (args.flags.get('live') === true) {
    // The clusters confirm or contradict the plan: kafkajs is loaded only here.
    const { gatherLiveEvidence } = await import('./liveEvidence');
    const evidence = await gatherLiveEvidence(analysis, env, io, {
      timeoutMs: positiveInteger('timeout', args.flags.get('timeout'), 10_000),
      windowMs: args.flags.has('window') ? positiveInteger('window', args.flags.get('window'), 30) * 1000 : undefined,
    });
    live = { evidence, confirmed: applyLiveEvidence(analysis.model, analysis.plan, evidence) };
  }
  let fleetNote = '';
  if (args.flags.get('fleet') === true) {
    // Consumers in other repositories count: read the fleet topic (kafkajs is loaded only here).
    const { readFleetFor } = await import('./fleet');
    const { entries, repo, warnings } = await readFleetFor(
      analysis,
      dir,
      io,
      positiveInteger('timeout', args.flags.get('timeout'), 10_000),
    );
    for (const w of warnings) io.err(`warning: ${w}\n`);
    const fleet = applyFleet(analysis, entries, repo, new Date().toISOString());
    fleetNote = `\nFleet: ${fleet.repos.length} repositor${fleet.repos.length === 1 ? 'y' : 'ies'}, ${fleet.services.length} services; this repository as ${repo}\n`;
  }
  const view = forEnvironment(analysis, env);
  const width = outputWidth(io, args.flags.get('wide') === true);
  if (mode === 'plan' && format === 'table') {
    io.out(renderPlan(view, width) + (live ? renderLive(live, width) : '') + fleetNote);
  } else if (format === 'json' && live) {
    const report = buildReport(view.model, view.plan, view.findings);
    io.out(JSON.stringify({ ...report, live: { evidence: live.evidence, confirmed: live.confirmed } }, null, 2) + '\n');
  } else {
    io.out(
      renderReport(buildReport(view.model, view.plan, view.findings), format, { env, color: io.isTTY && !io.env.NO_COLOR, width }) +
        (live && format === 'table' ? renderLive(live, width) : ''),
    );
  }
  const liveErrors = live?.evidence.some((e) => e.findings.some((f) => f.severity === 'error')) ?? false;
  const failing = view.findings.filter(
    (f) => failOn !== 'none' && (f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning')),
  );
  return failing.length > 0 || (failOn !== 'none' && liveErrors) ? 1 : 0;
}

/** What the clusters said, after the plan: when, what they confirmed, what contradicts the repository. */
export function renderLive(live: { evidence: LiveEvidence[]; confirmed: Record<string, string[]> }, width?: number): string {
  const lines: string[] = [''];
  for (const ev of live.evidence) {
    const confirmed = live.confirmed[ev.environment];
    lines.push(
      ...hangingLines(
        '',
        `Live · ${ev.environment} · checked ${ev.at} (${ev.checks.join(', ') || 'nothing reachable'}): ${ev.groups.length} consumer group${ev.groups.length === 1 ? '' : 's'}`,
        width,
        2,
      ),
    );
    if (confirmed?.length) lines.push(...hangingLines('  ready · confirmed live: ', confirmed.join(', '), width, 4));
    for (const f of ev.findings.filter((x) => x.severity !== 'info'))
      lines.push(
        ...hangingLines(`  ${f.severity}: `, `${f.file ? `${f.file}:${f.line}:${f.column}: ` : ''}${f.rule}: ${f.message}`, width, 4),
      );
  }
  return lines.join('\n') + '\n';
}

/** The cutover order per environment: what moves next, what waits on whom, then the hazards. */
export function renderPlan({ model, plan, findings }: Analysis, width?: number): string {
  const lines: string[] = [];
  const report = buildReport(model, plan, findings);
  const entries = new Map(report.services.map((s) => [s.name, s]));
  const groupOf = new Map(plan.cycles.flatMap((c) => c.map((n) => [n, c] as const)));
  for (const env of model.environments) {
    lines.push(environmentSummary(report, env).replace(' services on MSK', ' services on the target'));
    // Hosts that neither the manifest nor the zero-config patterns place leave a service looking absent.
    const unplaced = model.services.filter(
      (s) =>
        s.state[env] === 'none' &&
        (model.refsByService.get(s.name) ?? []).some((r) => r.cluster === 'unknown' && (!r.environment || r.environment === env)),
    ).length;
    if (unplaced) {
      lines.push(
        ...hangingLines(
          '  ',
          `(${unplaced} more service${unplaced === 1 ? ' names' : 's name'} brokers that are neither source nor target by ${model.zeroConfig ? 'host pattern: run `kafka-cutover init` and review the manifest' : 'the manifest: list them there'})`,
          width,
          3,
        ),
      );
    }
    for (const wave of [1, 2, 3, 4]) {
      const names = wave === 2 ? plan.order.flat() : model.services.filter((s) => plan.wave[s.name] === wave).map((s) => s.name);
      if (!names.length) continue;
      lines.push(`  ${WAVE_TITLES[wave]}`);
      let step = 0;
      const shownGroups = new Set<readonly string[]>();
      for (const name of names) {
        const group = groupOf.get(name);
        if (group && shownGroups.has(group)) continue;
        if (group) shownGroups.add(group);
        const label = group ? `${group.join(' + ')} (move together: a cycle)` : name;
        // A cycle shares one readiness; a member that moved already still shows as moved.
        const entry = entries.get(group ? (group.find((m) => plan.readiness[env]?.[m]) ?? name) : name)!;
        const status = entry.status[env];
        const text =
          status === 'moved'
            ? 'moved'
            : status === 'absent'
              ? 'not in this environment'
              : readinessText(entry, env, report.findings) || VERDICT_LABELS[status];
        const bullet = `    ${wave === 2 ? `${++step}. ` : '- '}`;
        lines.push(...hangingLines(bullet, `${label}: ${text}`, width));
      }
    }
    const hazards = findings.filter(
      (f) => f.rule === 'producer-before-consumers' && (f.environment === undefined || f.environment === env),
    );
    if (hazards.length) {
      lines.push(`  Hazards (${hazards.length})`);
      // The place on its own line when place and message do not fit on one.
      for (const h of hazards)
        lines.push(...placedLines('    ', `${h.file}:${h.range.start.line}:${h.range.start.column}`, h.message, width));
    }
    lines.push('');
  }
  return lines.join('\n');
}
