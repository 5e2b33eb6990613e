import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CSV_COLUMNS, csvField, renderCsv } from '../../../src/core/report/csv';
import { finding, jsonReport, readiness, service } from './entries';

const HEADER = CSV_COLUMNS.join(',');

describe('renderCsv', () => {
  it('an empty report is the header alone, ended by CRLF', () => {
    assert.equal(renderCsv(jsonReport()), `${HEADER}\r\n`);
  });

  it('without environments each service still has one row, with the environment cells empty', () => {
    const report = jsonReport({
      services: [service('audit', { wave: null, produces: ['a', 'b'], consumes: ['c'] })],
      findings: [finding({ service: 'audit' }), finding({ service: 'audit', environment: 'prod' }), finding({ service: 'other' })],
    });
    // Every one of the service's findings counts when there is no environment to narrow them to.
    assert.equal(renderCsv(report), `${HEADER}\r\naudit,,consumer,,,,,a;b,c,2,,,\r\n`);
  });

  it('counts a finding in its own environment and an environment-less one in every environment', () => {
    const report = jsonReport({
      environments: ['prod', 'staging'],
      services: [service('billing', { state: { prod: 'source' } })],
      findings: [
        finding({ service: 'billing', environment: 'prod' }),
        finding({ service: 'billing', environment: 'prod' }),
        finding({ service: 'billing', environment: null }),
        finding({ service: 'billing', environment: 'staging' }),
      ],
    });
    const rows = renderCsv(report).split('\r\n').slice(0, -1);
    assert.deepEqual(
      rows.map((r) => r.split(',')[9]),
      ['findings', '3', '2'],
    );
  });

  it('an environment the service is absent from reads none, with no readiness', () => {
    const report = jsonReport({ environments: ['prod'], services: [service('x', { status: { prod: 'absent' } })] });
    assert.equal(renderCsv(report).split('\r\n')[1], 'x,prod,consumer,1,none,,,,,0,absent,,');
  });

  it('readiness cells: blockers and fixes joined with ;, unknown codes once each', () => {
    const r = readiness({
      status: 'unknown',
      blockedBy: ['a', 'b'],
      unknown: [
        { code: 'unresolved-connection', message: 'x', evidence: [] },
        { code: 'unresolved-connection', message: 'y', evidence: [] },
        { code: 'unknown-role', message: 'z', evidence: [] },
      ],
      fixes: [
        { rule: 'topic-not-in-terraform', service: 's', message: 'm', file: 'a.ts', line: 3, column: 1, flag: '--add-topics' },
        { rule: 'auth-port-mismatch', service: 's', message: 'm', file: 'b/c.env', line: 12, column: 5, flag: 'migrate' },
      ],
    });
    const report = jsonReport({
      environments: ['prod'],
      services: [service('s', { state: { prod: 'source' }, readiness: { prod: r }, status: { prod: 'unknown' } })],
    });
    assert.equal(
      renderCsv(report).split('\r\n')[1],
      's,prod,consumer,1,source,false,a;b,,,0,unknown,unresolved-connection;unknown-role,topic-not-in-terraform@a.ts:3;auth-port-mismatch@b/c.env:12',
    );
  });

  it('quotes a service name that holds a comma', () => {
    const report = jsonReport({ services: [service('a,b')] });
    assert.equal(renderCsv(report).split('\r\n')[1], '"a,b",,consumer,1,,,,,,0,,,');
  });
});

describe('csvField', () => {
  it('leaves a field with no comma, quote, CR or LF as it is', () => {
    assert.equal(csvField("it's; fine\ttoo"), "it's; fine\ttoo");
  });

  it('quotes a lone CR and a CRLF', () => {
    assert.equal(csvField('a\rb'), '"a\rb"');
    assert.equal(csvField('a\r\nb'), '"a\r\nb"');
  });

  it('doubles every quote inside', () => {
    assert.equal(csvField('"'), '""""');
    assert.equal(csvField('a""b'), '"a""""b"');
  });
});
