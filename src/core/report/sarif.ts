// SARIF 2.1.0 for code-scanning UIs (GitHub, Azure DevOps, the SARIF viewer). Columns are UTF-16 code
// units, SARIF's default `columnKind`, and ends are exclusive, as in the report.
import type { Severity } from '../model/common';
import { RULE_DOCS, RULE_IDS, ruleHelpUri } from './ruleDocs';
import type { JsonReport } from './types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function renderSarif(report: JsonReport): string {
  const rules = RULE_IDS.map((id) => ({
    id,
    name: id
      .split('-')
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: RULE_DOCS[id].title },
    fullDescription: { text: RULE_DOCS[id].summary },
    helpUri: ruleHelpUri(id),
    defaultConfiguration: { level: LEVEL[RULE_DOCS[id].severity] },
  }));
  const results = report.findings.map((f) => ({
    ruleId: f.rule,
    ...(RULE_IDS.includes(f.rule) ? { ruleIndex: RULE_IDS.indexOf(f.rule) } : {}),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f.file, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn })],
  }));
  const notifications = report.problems.map((p) => ({
    level: LEVEL[p.severity],
    message: { text: p.message },
    locations: [location(p.file, { startLine: p.line, startColumn: p.column })],
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'kafka-cutover', informationUri: 'https://github.com/kafka-cutover/kafka-cutover', rules },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function location(file: string, region: Record<string, number>) {
  return { physicalLocation: { artifactLocation: { uri: relativeUri(file), uriBaseId: '%SRCROOT%' }, region } };
}

/** A relative URI reference: each path segment percent-encoded (spaces, `#`, `%`, `?`), `/` kept. */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
