// A report to paste into a pull request or a wiki page: progress per environment, a table per wave,
// findings grouped by rule.
import { RULE_DOCS } from './ruleDocs';
import { environmentSummary, findingsSummary, readinessText, servicesByWave, waveTitle } from './summary';
import type { FindingEntry, JsonReport } from './types';

export function renderMarkdown(report: JsonReport): string {
  const envs = report.environments;
  const out: string[] = ['# Kafka cutover', ''];
  if (envs.length) out.push(...envs.map((e) => `- ${text(environmentSummary(report, e))}`), '');

  for (const { wave, services } of servicesByWave(report)) {
    out.push(`## ${text(waveTitle(wave))}`, '');
    out.push(tableRow(['Service', 'Root', 'Role', ...envs.map(text), 'Next']));
    out.push(tableRow(['---', '---', '---', ...envs.map(() => '---'), '---']));
    for (const s of services) {
      const next = envs
        .map((e) => [e, readinessText(s, e, report.findings)] as const)
        .filter(([, t]) => t)
        .map(([e, t]) => text(envs.length > 1 ? `${e}: ${t}` : t))
        .join('<br>');
      out.push(tableRow([text(s.name), code(s.root), s.role, ...envs.map((e) => s.state[e] ?? 'none'), next]));
    }
    out.push('');
  }

  out.push('## Findings', '');
  if (report.findings.length === 0) out.push('No findings.', '');
  for (const [rule, findings] of groupByRule(report.findings)) {
    const doc = RULE_DOCS[rule];
    out.push(`### ${rule} (${findings.length})`, '');
    // The rule docs are our own Markdown (code spans included), so they go in unescaped.
    if (doc) out.push(`**${doc.title}.** ${doc.summary}`, '');
    for (const f of findings) {
      const who = [f.severity, f.service, f.environment]
        .filter((x): x is string => !!x)
        .map(text)
        .join(', ');
      out.push(`- ${code(`${f.file}:${f.line}:${f.column}`)} (${who}) ${text(f.message)}`);
    }
    out.push('');
  }

  if (report.problems.length) {
    out.push('## Problems reading files', '');
    for (const p of report.problems) out.push(`- ${code(`${p.file}:${p.line}:${p.column}`)} (${p.severity}) ${text(p.message)}`);
    out.push('');
  }
  out.push(text(findingsSummary(report)));
  return out.join('\n') + '\n';
}

function groupByRule(findings: readonly FindingEntry[]): Array<[FindingEntry['rule'], FindingEntry[]]> {
  const groups = new Map<FindingEntry['rule'], FindingEntry[]>();
  for (const f of findings) groups.set(f.rule, [...(groups.get(f.rule) ?? []), f]);
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function tableRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Plain text in Markdown: escape what would become markup, and keep table cells on one line. */
function text(value: string): string {
  return value.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** An inline code span that survives backticks and pipes in the value. */
function code(value: string): string {
  const fence = value.includes('`') ? '``' : '`';
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}${pad}${fence}`;
}
