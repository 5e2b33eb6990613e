// The terminal view: services per wave with their state per environment, then findings as
// `file:line:col  severity  rule  message` (clickable in most terminals and editors), then a summary.
import type { Severity } from '../model/common';
import { environmentSummary, findingsSummary, readinessText, servicesByWave, waveTitle } from './summary';
import type { JsonReport, RenderOptions } from './types';

type Paint = (text: string, code: string) => string;

const STATE_COLOUR: Record<string, string> = { target: '32', source: '33', mixed: '31', none: '2' };
const SEVERITY_COLOUR: Record<Severity, string> = { error: '31', warning: '33', info: '36' };

export function renderTable(report: JsonReport, opts: RenderOptions = {}): string {
  const paint: Paint = opts.color ? (text, code) => `\u001b[${code}m${text}\u001b[0m` : (text) => text;
  const envs = report.environments;
  const lines: string[] = [];

  for (const env of envs) lines.push(environmentSummary(report, env));
  if (envs.length) lines.push('');

  for (const { wave, services } of servicesByWave(report)) {
    lines.push(paint(waveTitle(wave), '1'));
    const header = ['SERVICE', 'ROLE', ...envs.map((e) => e.toUpperCase()), 'NEXT'];
    const rows = services.map((s) => {
      const next = envs
        .map((e) => [e, readinessText(s, e, report.findings)] as const)
        .filter(([, text]) => text)
        .map(([e, text]) => (envs.length > 1 ? `${e}: ${text}` : text))
        .join('; ');
      const cells = [s.name, s.role, ...envs.map((e) => s.state[e] ?? 'none'), next];
      const colours = ['', '', ...envs.map((e) => STATE_COLOUR[s.state[e] ?? 'none']), ''];
      return { cells, colours };
    });
    lines.push(...alignRows([{ cells: header, colours: header.map(() => '2') }, ...rows], paint).map((l) => `  ${l}`));
    lines.push('');
  }

  if (report.findings.length) {
    lines.push(paint('Findings', '1'));
    const rows = report.findings.map((f) => ({
      cells: [`${f.file}:${f.line}:${f.column}`, f.severity, f.rule, f.message],
      colours: ['', SEVERITY_COLOUR[f.severity], '2', ''],
    }));
    lines.push(...alignRows(rows, paint).map((l) => `  ${l}`));
    lines.push('');
  }
  if (report.problems.length) {
    lines.push(paint('Problems reading files', '1'));
    const rows = report.problems.map((p) => ({
      cells: [`${p.file}:${p.line}:${p.column}`, p.severity, p.message],
      colours: ['', SEVERITY_COLOUR[p.severity], ''],
    }));
    lines.push(...alignRows(rows, paint).map((l) => `  ${l}`));
    lines.push('');
  }
  lines.push(findingsSummary(report));
  return lines.join('\n') + '\n';
}

/** Pads every column but the last to its widest cell (measured before colouring). */
function alignRows(rows: Array<{ cells: string[]; colours: string[] }>, paint: Paint): string[] {
  const widths: number[] = [];
  for (const { cells } of rows) cells.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map(({ cells, colours }) =>
    cells
      .map((c, i) => {
        const padded = i === cells.length - 1 ? c : c.padEnd(widths[i]);
        // Colour the text, not the padding, so reset codes never break the alignment.
        return colours[i] ? paint(c, colours[i]) + padded.slice(c.length) : padded;
      })
      .join('  ')
      .replace(/\s+$/, ''),
  );
}
