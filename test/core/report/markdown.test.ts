import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { RULE_DOCS } from '../../../src/core/report/ruleDocs';
import { finding, jsonReport, readiness, service } from './entries';

describe('renderMarkdown', () => {
  it('an empty report: the title, no findings, the summary', () => {
    assert.equal(
      renderMarkdown(jsonReport()),
      '# Kafka cutover\n\n## Findings\n\nNo findings.\n\n0 findings (0 errors, 0 warnings, 0 info)\n',
    );
  });

  it('a service with no wave goes under Not planned, with an empty Next when there are no environments', () => {
    const md = renderMarkdown(jsonReport({ services: [service('x', { wave: null })] }));
    assert.ok(
      md.includes('## Not planned\n\n| Service | Root | Role | Next |\n| --- | --- | --- | --- |\n| x | `services/x` | consumer |  |\n'),
      md,
    );
  });

  it('with two environments each Next names its environment, joined by <br>', () => {
    const s = service('s', {
      state: { prod: 'source', staging: 'source' },
      readiness: { prod: readiness(), staging: readiness({ status: 'blocked', blockedBy: ['a'] }) },
    });
    const md = renderMarkdown(jsonReport({ environments: ['prod', 'staging'], services: [s] }));
    assert.ok(md.includes('| s | `services/s` | consumer | source | source | prod: ready<br>staging: blocked by a |\n'), md);
  });

  it('escapes Markdown in names and messages and keeps a cell on one line', () => {
    const md = renderMarkdown(
      jsonReport({
        services: [service('a_b*c', { root: 'svc/x|y' })],
        findings: [finding({ message: 'use <b> [x]\nnow', service: 'a_b*c' })],
      }),
    );
    assert.ok(md.includes('| a\\_b\\*c | `svc/x\\|y` | consumer |  |\n'), md);
    assert.ok(md.includes('- `a.env:1:1` (warning, a\\_b\\*c) use \\<b\\> \\[x\\] now\n'), md);
  });

  it('a path with a backtick gets a double fence, padded where it starts or ends with one', () => {
    const md = renderMarkdown(jsonReport({ services: [service('s', { root: '`odd`/dir' })] }));
    assert.ok(md.includes('| s | `` `odd`/dir `` |'), md);
    const inner = renderMarkdown(jsonReport({ services: [service('s', { root: 'a`b' })] }));
    assert.ok(inner.includes('| s | ``a`b`` |'), inner);
  });

  it('groups findings by rule in rule order, each with its count and documentation', () => {
    const md = renderMarkdown(
      jsonReport({
        findings: [
          finding({ rule: 'topic-not-mirrored', file: 'b', message: 'two' }),
          finding({ rule: 'auth-port-mismatch', file: 'a', message: 'one', severity: 'error', environment: 'prod' }),
          finding({ rule: 'topic-not-mirrored', file: 'c', message: 'three' }),
        ],
      }),
    );
    const findings = md.slice(md.indexOf('## Findings'));
    assert.equal(
      findings,
      [
        '## Findings',
        '',
        '### auth-port-mismatch (1)',
        '',
        `**${RULE_DOCS['auth-port-mismatch'].title}.** ${RULE_DOCS['auth-port-mismatch'].summary}`,
        '',
        '- `a:1:1` (error, prod) one',
        '',
        '### topic-not-mirrored (2)',
        '',
        `**${RULE_DOCS['topic-not-mirrored'].title}.** ${RULE_DOCS['topic-not-mirrored'].summary}`,
        '',
        '- `b:1:1` (warning) two',
        '- `c:1:1` (warning) three',
        '',
        '3 findings (1 error, 2 warnings, 0 info)',
        '',
      ].join('\n'),
    );
  });

  it('lists problems with their place and severity', () => {
    const md = renderMarkdown(jsonReport({ problems: [{ file: 'x.yaml', line: 3, column: 9, severity: 'error', message: 'tab_here' }] }));
    assert.ok(md.includes('## Problems reading files\n\n- `x.yaml:3:9` (error) tab\\_here\n\n'), md);
  });
});
