// `kafka-cutover explain`: the chain a service's verdict stands on, in plain words, each fact with its
// `file:line:column` (clickable in terminals and editors). With a width, long lines wrap (fit.ts): a fact
// that does not fit beside its place goes below it, indented.
import type { Evidence } from '../model/readiness';
import type { BrokerEvidence, Explanation } from '../plan/evidence';
import { VERDICT_LABELS } from '../view/status';
import { hangingLines, placedLines } from './fit';

/** The explanation as text lines of at most `width` columns; one line per fact without a width (`--wide`). */
export function renderExplanation(x: Explanation, width?: number): string {
  const lines: string[] = [];
  /** A line at `indent`; what does not fit continues two columns further in. */
  const say = (indent: string, text: string) => lines.push(...hangingLines(indent, text, width, indent.length + 2));
  say('', `${x.service} (${x.root || '.'}) · ${x.role}${x.wave !== null ? ` · wave ${x.wave}` : ''}`);
  if (x.cycle) say('', `In a cycle with ${x.cycle.filter((m) => m !== x.service).join(', ')}: they move as one.`);
  lines.push('');
  if (x.role === 'unknown') say('', 'Role: unknown, because no produce or consume use of a topic was found.');
  else say('', `Role: ${x.role}, because:`);
  for (const e of x.roleEvidence) lines.push(...placedLines('  ', place(e), e.note, width));
  for (const env of x.environments) {
    lines.push('');
    say('', `${env.env}: ${env.state} · ${VERDICT_LABELS[env.verdict]}`);
    if (!env.brokers.length) say('  ', 'Brokers: no connection string counts in this environment.');
    else lines.push('  Brokers:');
    for (const b of env.brokers) lines.push(...brokerLines(b, width));
    const r = env.readiness;
    if (!r) continue;
    if (r.blockers.length) {
      say('  ', 'Blocked by (consumers of what it produces, still on the source):');
      for (const b of r.blockers)
        say('    ', `${b.service} (${b.state}) consumes ${b.topic}${b.evidence[0] ? ` at ${place(b.evidence[0])}` : ''}`);
    }
    if (r.unknown.length) {
      say('  ', 'Unknown (what the verdict cannot see):');
      for (const u of r.unknown) {
        say('    ', `${u.code}: ${u.message}`);
        for (const e of u.evidence) lines.push(...placedLines('      ', place(e), e.note, width));
      }
    }
    if (r.fixes.length) {
      say('  ', 'Fixes needed before it moves:');
      for (const f of r.fixes)
        lines.push(...placedLines('    ', `${f.file}:${f.line}:${f.column}`, `${f.rule}  ${f.message} (${fixHow(f.flag)})`, width));
    }
    if (!r.blockers.length && !r.unknown.length && !r.fixes.length)
      say('  ', 'Ready: every consumer of what it produces is on the target, and nothing it depends on is unknown.');
  }
  return lines.join('\n') + '\n';
}

function brokerLines(b: BrokerEvidence, width: number | undefined): string[] {
  const out = placedLines(
    '    ',
    `${b.file}:${b.line}:${b.column}`,
    `${b.cluster}${b.inferred ? ' (inferred)' : ''}  ${b.key ? `${b.key} = ` : ''}${b.value}${b.kind === 'config' ? '' : `  [${b.kind}]`}`,
    width,
  );
  for (const v of b.via) out.push(...hangingLines('      resolves to ', v, width, 8));
  if (b.unresolved) {
    out.push(
      ...hangingLines(
        '      ',
        `unresolved: reads ${b.unresolved.names.join(', ')}${b.unresolved.outside ? `, set in ${b.unresolved.outside}` : ''}; looked in ${b.unresolved.lookedIn.join(', ') || 'nothing'}`,
        width,
        8,
      ),
    );
  }
  return out;
}

function fixHow(flag: string | undefined): string {
  if (flag === 'migrate') return 'migrate applies it';
  return flag ? `migrate ${flag} applies it` : 'fix by hand';
}

function place(e: Evidence): string {
  return `${e.file}:${e.line}:${e.column}`;
}
