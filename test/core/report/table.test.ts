import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderTable } from '../../../src/core/report/table';
import { finding, jsonReport, readiness, service } from './entries';

describe('renderTable', () => {
  it('an empty report is the summary line alone', () => {
    assert.equal(renderTable(jsonReport()), '0 findings (0 errors, 0 warnings, 0 info)\n');
  });

  it('without environments a wave has SERVICE, ROLE and NEXT only, and no trailing spaces', () => {
    const table = renderTable(jsonReport({ services: [service('a'), service('longer-name', { role: 'producer' })] }));
    assert.equal(
      table,
      'Wave 1 · consumers\n  SERVICE      ROLE      NEXT\n  a            consumer\n  longer-name  producer\n\n0 findings (0 errors, 0 warnings, 0 info)\n',
    );
  });

  it('with a width, NEXT wraps at spaces under its own column; a short first column keeps its width', () => {
    const s = service('svc', {
      state: { prod: 'source' },
      readiness: {
        prod: readiness({ status: 'blocked', blockedBy: ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'] }),
      },
    });
    const lines = renderTable(jsonReport({ environments: ['prod'], services: [s] }), { width: 60 }).split('\n');
    assert.deepEqual(lines.slice(2, 7), [
      'Wave 1 · consumers',
      '  SERVICE  ROLE      PROD    NEXT',
      '  svc      consumer  source  blocked by alpha, bravo,',
      '                             charlie, delta, echo, foxtrot,',
      '                             golf, hotel',
    ]);
    assert.ok(
      lines.every((l) => l.length <= 60),
      lines.join('\n'),
    );
  });

  it('a long finding path gives way at / to leave the message 44 columns', () => {
    const file = 'services/very-long-service-name/src/main/resources/application.properties';
    const report = jsonReport({ findings: [finding({ file, line: 12, column: 7, message: 'names the old cluster' })] });
    const lines = renderTable(report, { width: 100 }).split('\n');
    assert.deepEqual(lines.slice(0, 6), [
      'Findings',
      '  services/                     warning  legacy-broker  names the old cluster',
      '  very-long-service-name/src/',
      '  main/resources/',
      '  application.properties:12:7',
      '',
    ]);
    // 2 + 28 + 2 + 7 + 2 + 13 + 2 = 56 columns before the message: 44 are left of 100.
    assert.equal(lines[1]!.indexOf('names'), 56);
  });

  it('without a width every row stays on one line, however long', () => {
    const message = 'word '.repeat(60).trim();
    const lines = renderTable(jsonReport({ findings: [finding({ message })] })).split('\n');
    assert.equal(lines[1], `  a.env:1:1  warning  legacy-broker  ${message}`);
  });

  it('colours problems by severity only when asked', () => {
    const report = jsonReport({ problems: [{ file: 'x.yaml', line: 1, column: 2, severity: 'warning', message: 'odd' }] });
    assert.equal(renderTable(report).split('\n')[1], '  x.yaml:1:2  warning  odd');
    assert.equal(
      renderTable(report, { color: true }).split('\n').slice(0, 2).join('\n'),
      '\u001b[1mProblems reading files\u001b[0m\n  x.yaml:1:2  \u001b[33mwarning\u001b[0m  odd',
    );
  });
});
