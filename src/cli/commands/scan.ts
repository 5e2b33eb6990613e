import { buildReport, renderReport } from '../../core/report';
import { WAVE_TITLES } from '../../core/plan/plan';
import type { Analysis } from '../../core/workspace';
import { oneOf, parseArgs, UsageError } from '../args';
import type { Io } from '../main';
import { COMMON_VALUES, forEnvironment, load, repoDir } from './common';

const FORMATS = ['table', 'json', 'csv', 'markdown', 'sarif'] as const;
const FAIL_ON = ['error', 'warning', 'none'] as const;

export async function runScan(argv: string[], io: Io, mode: 'scan' | 'plan'): Promise<number> {
  const args = parseArgs(argv, { values: [...COMMON_VALUES, 'format', 'fail-on'], booleans: [] });
  if (args.positionals.length > 1) throw new UsageError(`expected at most one directory, got ${args.positionals.join(' ')}`);
  const format = oneOf('format', args.flags.get('format'), FORMATS, 'table');
  const failOn = oneOf('fail-on', args.flags.get('fail-on'), FAIL_ON, 'error');
  const dir = repoDir(args.positionals[0], io);
  const { analysis, env } = await load(dir, args, io);
  const view = forEnvironment(analysis, env);
  if (mode === 'plan' && format === 'table') {
    io.out(renderPlan(view));
  } else {
    io.out(renderReport(buildReport(view.model, view.plan, view.findings), format, { env, color: io.isTTY && !io.env.NO_COLOR }));
  }
  const failing = view.findings.filter((f) => failOn !== 'none' && (f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning')));
  return failing.length > 0 ? 1 : 0;
}

/** The cutover order per environment: what moves next, what waits on whom. */
export function renderPlan({ model, plan }: Analysis): string {
  const lines: string[] = [];
  for (const env of model.environments) {
    const moved = model.services.filter((s) => s.state[env] === 'target').length;
    const present = model.services.filter((s) => s.state[env] !== 'none').length;
    lines.push(`${env}: ${moved} / ${present} services on the target`);
    // Hosts that neither the manifest nor the zero-config patterns place leave a service looking absent.
    const unplaced = model.services.filter(
      (s) => s.state[env] === 'none' && (model.refsByService.get(s.name) ?? []).some((r) => r.cluster === 'unknown' && (!r.environment || r.environment === env)),
    ).length;
    if (unplaced) {
      lines.push(`  (${unplaced} more service${unplaced === 1 ? ' names' : 's name'} brokers that are neither source nor target by ${model.zeroConfig ? 'host pattern: run `kafka-cutover init` and review the manifest' : 'the manifest: list them there'})`);
    }
    for (const wave of [1, 2, 3, 4]) {
      const names = wave === 2 ? plan.order.flat() : model.services.filter((s) => plan.wave[s.name] === wave).map((s) => s.name);
      if (!names.length) continue;
      lines.push(`  ${WAVE_TITLES[wave]}`);
      const groupOf = new Map(plan.cycles.flatMap((c) => c.map((n) => [n, c] as const)));
      let step = 0;
      const shownGroups = new Set<string[]>();
      for (const name of names) {
        const s = model.services.find((x) => x.name === name)!;
        const group = groupOf.get(name);
        if (group && shownGroups.has(group)) continue;
        const label = group ? `${group.join(' + ')} (move together: a cycle)` : name;
        if (group) shownGroups.add(group);
        const state = s.state[env];
        // A cycle moves as one: it waits for whatever blocks any of its members.
        const members = (group ?? [name]).map((n) => plan.readiness[env]?.[n]).filter((x) => x !== undefined);
        const blockedBy = [...new Set(members.flatMap((m) => m.blockedBy))].sort();
        const ready = members.length > 0 && members.every((m) => m.ready) && blockedBy.length === 0;
        const status = state === 'target' ? 'moved' : state === 'none' ? 'not in this environment' : ready ? (state === 'mixed' ? 'mixed: finish the move' : 'ready') : `blocked by ${blockedBy.join(', ')}`;
        lines.push(`    ${wave === 2 ? `${++step}. ` : '- '}${label}: ${status}`);
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}
