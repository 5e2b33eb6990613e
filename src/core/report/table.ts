// The terminal view: services per wave with their state per environment, then findings as
// `file:line:col  severity  rule  message` (clickable in most terminals and editors), then a summary.
import type { Severity } from '../model/common';
import { environmentSummary, findingsSummary, readinessText, servicesByWave, waveTitle } from './summary';
import { hangingLines, wrapPath, wrapWords } from './fit';
import type { JsonReport, RenderOptions } from './types';

type Paint = (text: string, code: string) => string;
type Row = { cells: string[]; colours: string[] };

/** Rows are indented by this much under their section title. */
const INDENT = '  ';
const GAP = '  ';
/** Below this the last column (NEXT, the message) would wrap into a narrow ribbon: the first column gives way. */
const MIN_LAST_WIDTH = 44;
/** The first column (service, file) gets narrower than this only when the terminal is narrow, too. */
const MIN_FIRST_WIDTH = 24;
/** No column wraps narrower than this, however narrow the terminal: below it, lines run over. */
const MIN_SHARED_WIDTH = 8;

const STATE_COLOUR: Record<string, string> = { target: '32', source: '33', mixed: '31', none: '2' };
const SEVERITY_COLOUR: Record<Severity, string> = { error: '31', warning: '33', info: '36' };

export function renderTable(report: JsonReport, opts: RenderOptions = {}): string {
  const paint: Paint = opts.color ? (text, code) => `\u001b[${code}m${text}\u001b[0m` : (text) => text;
  const envs = report.environments;
  const lines: string[] = [];

  for (const env of envs) lines.push(...hangingLines('', environmentSummary(report, env), opts.width, 2));

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
    lines.push(...alignRows([{ cells: header, colours: header.map(() => '2') }, ...rows], paint, opts.width));
    lines.push('');
  }

  if (report.findings.length) {
    lines.push(paint('Findings', '1'));
    const rows = report.findings.map((f) => ({
      cells: [`${f.file}:${f.line}:${f.column}`, f.severity, f.rule, f.message],
      colours: ['', SEVERITY_COLOUR[f.severity], '2', ''],
    }));
    lines.push(...alignRows(rows, paint, opts.width));
    lines.push('');
  }
  if (report.problems.length) {
    lines.push(paint('Problems reading files', '1'));
    const rows = report.problems.map((p) => ({
      cells: [`${p.file}:${p.line}:${p.column}`, p.severity, p.message],
      colours: ['', SEVERITY_COLOUR[p.severity], ''],
    }));
    lines.push(...alignRows(rows, paint, opts.width));
    lines.push('');
  }
  lines.push(...hangingLines('', findingsSummary(report), opts.width, 2));
  return lines.join('\n') + '\n';
}

/**
 * Pads every column but the last to its widest cell (measured before colouring), indented under the
 * section title. With a width, the last column wraps at spaces and, when the others leave it less than
 * MIN_LAST_WIDTH, the first column (a file path or a service name) wraps at `/` into the room it gives up.
 */
function alignRows(rows: Row[], paint: Paint, width: number | undefined): string[] {
  const widths: number[] = [];
  for (const { cells } of rows) cells.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  const last = widths.length - 1;
  const lastStart = () => INDENT.length + widths.slice(0, last).reduce((sum, w) => sum + w + GAP.length, 0);
  let lastWidth = Number.POSITIVE_INFINITY;
  if (width !== undefined && last > 0) {
    // The first column only ever gives way: one already narrower than its minimum keeps its width.
    const first = widths[0]!;
    const short = MIN_LAST_WIDTH - (width - lastStart());
    if (short > 0) widths[0] = Math.min(first, Math.max(MIN_FIRST_WIDTH, first - short));
    // A narrow terminal (80 columns) still leaves too little: the first and last column share the rest.
    const rest = width - lastStart();
    if (rest < MIN_LAST_WIDTH) widths[0] = Math.min(first, Math.max(MIN_SHARED_WIDTH, Math.floor((widths[0]! + rest) * 0.4)));
    lastWidth = Math.max(MIN_SHARED_WIDTH, width - lastStart());
  }
  const lines: string[] = [];
  for (const { cells, colours } of rows) {
    // Each cell as its lines; only the first and the last column ever take more than one.
    const stacked = cells.map((c, i) =>
      i === last
        ? lastWidth === Number.POSITIVE_INFINITY
          ? [c]
          : wrapWords(c, lastWidth)
        : i === 0 && c.length > widths[0]!
          ? wrapPath(c, widths[0]!)
          : [c],
    );
    const height = Math.max(...stacked.map((s) => s.length));
    for (let k = 0; k < height; k++) {
      const line = stacked
        .map((pieces, i) => {
          const c = pieces[k] ?? '';
          const padded = i === last ? c : c.padEnd(widths[i]!);
          // Colour the text, not the padding, so reset codes never break the alignment.
          return colours[i] && c ? paint(c, colours[i]) + padded.slice(c.length) : padded;
        })
        .join(GAP);
      lines.push((INDENT + line).replace(/\s+$/, ''));
    }
  }
  return lines;
}
