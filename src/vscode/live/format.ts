// Live results as plain lines for the output channel: one table per check (the same tables as the
// CLI's), then its findings, each headed by the workspace folder.
import type { CheckResult } from '../../live/checks/types';
import { findingLine, resultTable } from '../../live/render';

export function formatResults(folder: string, results: ReadonlyArray<CheckResult<unknown>>): string[] {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${folder} · ${result.environment}: ${result.check}`);
    lines.push(...resultTable(result));
    for (const f of result.findings) lines.push(findingLine(f));
  }
  return lines;
}
