// `kafka-cutover explain`: the chain a service's verdict stands on, in plain words, each fact with its
// `file:line:column` (clickable in terminals and editors).
import type { Evidence } from '../model/readiness';
import type { BrokerEvidence, Explanation } from '../plan/evidence';
import { VERDICT_LABELS } from '../view/status';

export function renderExplanation(x: Explanation): string {
  const lines: string[] = [];
  lines.push(`${x.service} (${x.root || '.'}) · ${x.role}${x.wave !== null ? ` · wave ${x.wave}` : ''}`);
  if (x.cycle) lines.push(`In a cycle with ${x.cycle.filter((m) => m !== x.service).join(', ')}: they move as one.`);
  lines.push('');
  if (x.role === 'unknown') lines.push('Role: unknown, because no produce or consume use of a topic was found.');
  else lines.push(`Role: ${x.role}, because:`);
  for (const e of x.roleEvidence) lines.push(`  ${evidenceLine(e)}`);
  for (const env of x.environments) {
    lines.push('');
    lines.push(`${env.env}: ${env.state} · ${VERDICT_LABELS[env.verdict]}`);
    if (!env.brokers.length) lines.push('  Brokers: no connection string counts in this environment.');
    else lines.push('  Brokers:');
    for (const b of env.brokers) lines.push(...brokerLines(b));
    const r = env.readiness;
    if (!r) continue;
    if (r.blockers.length) {
      lines.push('  Blocked by (consumers of what it produces, still on the source):');
      for (const b of r.blockers)
        lines.push(`    ${b.service} (${b.state}) consumes ${b.topic}${b.evidence[0] ? ` at ${place(b.evidence[0])}` : ''}`);
    }
    if (r.unknown.length) {
      lines.push('  Unknown (what the verdict cannot see):');
      for (const u of r.unknown) {
        lines.push(`    ${u.code}: ${u.message}`);
        for (const e of u.evidence) lines.push(`      ${evidenceLine(e)}`);
      }
    }
    if (r.fixes.length) {
      lines.push('  Fixes needed before it moves:');
      for (const f of r.fixes) lines.push(`    ${f.file}:${f.line}:${f.column}  ${f.rule}  ${f.message} (${fixHow(f.flag)})`);
    }
    if (!r.blockers.length && !r.unknown.length && !r.fixes.length)
      lines.push('  Ready: every consumer of what it produces is on the target, and nothing it depends on is unknown.');
  }
  return lines.join('\n') + '\n';
}

function brokerLines(b: BrokerEvidence): string[] {
  const out = [
    `    ${b.file}:${b.line}:${b.column}  ${b.cluster}${b.inferred ? ' (inferred)' : ''}  ${b.key ? `${b.key} = ` : ''}${b.value}${b.kind === 'config' ? '' : `  [${b.kind}]`}`,
  ];
  for (const v of b.via) out.push(`      resolves to ${v}`);
  if (b.unresolved) {
    out.push(
      `      unresolved: reads ${b.unresolved.names.join(', ')}${b.unresolved.outside ? `, set in ${b.unresolved.outside}` : ''}; looked in ${b.unresolved.lookedIn.join(', ') || 'nothing'}`,
    );
  }
  return out;
}

function fixHow(flag: string | undefined): string {
  if (flag === 'migrate') return 'migrate applies it';
  return flag ? `migrate ${flag} applies it` : 'fix by hand';
}

function evidenceLine(e: Evidence): string {
  return `${place(e)}  ${e.note}`;
}

function place(e: Evidence): string {
  return `${e.file}:${e.line}:${e.column}`;
}
