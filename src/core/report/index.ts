// Reports: the JSON shape (buildReport) and its renderings for terminals, CI, spreadsheets and docs.
import { forEnvironment } from './build';
import { renderCsv } from './csv';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';
import { renderTable } from './table';
import type { JsonReport, RenderOptions, ReportFormat } from './types';

export { buildReport, forEnvironment } from './build';
export { RULE_DOCS, ruleHelpUri, rulesMarkdown } from './ruleDocs';
export type * from './types';

export function renderReport(report: JsonReport, format: ReportFormat, opts: RenderOptions = {}): string {
  const view = forEnvironment(report, opts.env);
  switch (format) {
    case 'json':
      return JSON.stringify(view, null, 2) + '\n';
    case 'csv':
      return renderCsv(view);
    case 'markdown':
      return renderMarkdown(view);
    case 'sarif':
      return renderSarif(view);
    case 'table':
      return renderTable(view, opts);
  }
}
