import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  environmentSummary,
  findingsSummary,
  plural,
  readinessText,
  servicesByWave,
  severityCounts,
  waveTitle,
} from '../../../src/core/report/summary';
import { finding, jsonReport, readiness, service } from './entries';

describe('environmentSummary', () => {
  it('counts moved over present services; absent ones count in neither', () => {
    const report = jsonReport({
      services: [
        service('a', { state: { prod: 'target' } }),
        service('b', { state: { prod: 'source' } }),
        service('c', { state: { prod: 'none' } }),
        service('d', { state: {} }),
        service('e', { state: { prod: 'mixed' } }),
      ],
    });
    assert.equal(environmentSummary(report, 'prod'), 'prod: 1 / 3 services on MSK');
  });

  it('adds the states that need attention in a fixed order, singular and plural', () => {
    const report = jsonReport({
      services: [
        service('a', { status: { prod: 'ready-after-fixes' } }),
        service('b', { status: { prod: 'unknown' } }),
        service('c', { status: { prod: 'unknown' } }),
        service('d', { status: { prod: 'hazard' } }),
        service('e', { status: { prod: 'hazard' } }),
        service('f', { status: { prod: 'moved-at-risk' } }),
        service('g', { status: { staging: 'hazard' } }),
      ],
    });
    assert.equal(
      environmentSummary(report, 'prod'),
      'prod: 0 / 0 services on MSK · 2 hazards · 1 moved, at risk · 2 unknown · 1 ready after fixes',
    );
    assert.equal(environmentSummary(report, 'staging'), 'staging: 0 / 0 services on MSK · 1 hazard');
  });
});

describe('waveTitle', () => {
  it('names the four waves, numbers any other, and says when there is none', () => {
    assert.deepEqual([1, 2, 3, 4, 5, null].map(waveTitle), [
      'Wave 1 · consumers',
      'Wave 2 · producer-consumers',
      'Wave 3 · producers',
      'Unknown role',
      'Wave 5',
      'Not planned',
    ]);
  });
});

describe('servicesByWave', () => {
  it('groups neighbouring services of one wave, in the report order', () => {
    const report = jsonReport({
      services: [service('a', { wave: 1 }), service('b', { wave: 1 }), service('c', { wave: 3 }), service('d', { wave: null })],
    });
    assert.deepEqual(
      servicesByWave(report).map((g) => [g.wave, g.services.map((s) => s.name)]),
      [
        [1, ['a', 'b']],
        [3, ['c']],
        [null, ['d']],
      ],
    );
  });

  it('an empty report has no groups', () => {
    assert.deepEqual(servicesByWave(jsonReport()), []);
  });
});

describe('readinessText', () => {
  it('is empty where the service has moved cleanly or has no readiness', () => {
    assert.equal(readinessText(service('s', { status: { prod: 'moved' } }), 'prod'), '');
    assert.equal(readinessText(service('s'), 'prod'), '');
  });

  it('says ready and blocked with the blockers and any unknown codes', () => {
    const s = (r = readiness()) => service('s', { readiness: { prod: r } });
    assert.equal(readinessText(s(), 'prod'), 'ready');
    assert.equal(readinessText(s(readiness({ status: 'blocked', blockedBy: ['a', 'b'] })), 'prod'), 'blocked by a, b');
    const unknown = [
      { code: 'unknown-role' as const, message: 'x', evidence: [] },
      { code: 'unknown-role' as const, message: 'y', evidence: [] },
    ];
    assert.equal(
      readinessText(s(readiness({ status: 'blocked', blockedBy: ['a'], unknown })), 'prod'),
      'blocked by a; unknown: unknown-role',
    );
    assert.equal(readinessText(s(readiness({ status: 'unknown', unknown })), 'prod'), 'unknown: unknown-role');
  });

  it('names each fix once with the flag that applies it, migrate, or by hand', () => {
    const fix = (rule: 'topic-not-in-terraform' | 'auth-port-mismatch' | 'offset-reset-not-earliest', flag?: string) => ({
      rule,
      service: 's',
      message: 'm',
      file: 'f',
      line: 1,
      column: 1,
      flag,
    });
    const r = readiness({
      status: 'ready-after-fixes',
      fixes: [
        fix('topic-not-in-terraform', '--add-topics'),
        fix('topic-not-in-terraform', '--add-topics'),
        fix('auth-port-mismatch', 'migrate'),
        fix('offset-reset-not-earliest'),
      ],
    });
    assert.equal(
      readinessText(service('s', { readiness: { prod: r } }), 'prod'),
      'ready after fixes: topic-not-in-terraform (--add-topics), auth-port-mismatch (migrate fixes it), offset-reset-not-earliest (by hand)',
    );
  });

  it('a mixed service says so before its readiness', () => {
    const s = service('s', { status: { prod: 'mixed' }, readiness: { prod: readiness() } });
    assert.equal(readinessText(s, 'prod'), 'names both clusters; ready');
  });

  it('a hazard is a data-loss hazard whatever its readiness', () => {
    const s = service('s', { status: { prod: 'hazard' }, readiness: { prod: readiness() } });
    assert.equal(readinessText(s, 'prod'), 'data-loss hazard');
  });

  it('moved, at risk: the service’s own error fix rules in this environment, each once', () => {
    const s = service('s', { status: { prod: 'moved-at-risk' } });
    const findings = [
      finding({ service: 's', severity: 'error', rule: 'offset-reset-not-earliest', environment: null }),
      finding({ service: 's', severity: 'error', rule: 'offset-reset-not-earliest', environment: 'prod' }),
      finding({ service: 's', severity: 'error', rule: 'auth-port-mismatch', environment: 'staging' }),
      finding({ service: 's', severity: 'warning', rule: 'topic-not-in-terraform' }),
      finding({ service: 'other', severity: 'error', rule: 'topic-not-in-terraform' }),
      // legacy-broker is no fix: it says what the move is about, not what to fix first.
      finding({ service: 's', severity: 'error', rule: 'legacy-broker' }),
    ];
    assert.equal(readinessText(s, 'prod', findings), 'moved, at risk: offset-reset-not-earliest');
  });
});

describe('counts and plurals', () => {
  it('severityCounts counts each severity, zero where there is none', () => {
    assert.deepEqual(severityCounts([finding({ severity: 'error' }), finding({ severity: 'error' }), finding({ severity: 'info' })]), {
      error: 2,
      warning: 0,
      info: 1,
    });
  });

  it('plural takes one word for one and the plural (or the given many) for any other count', () => {
    assert.deepEqual(
      [plural(0, 'file'), plural(1, 'file'), plural(2, 'file'), plural(2, 'unknown', 'unknown')],
      ['0 files', '1 file', '2 files', '2 unknown'],
    );
  });

  it('findingsSummary leaves out problems and skipped files when there are none', () => {
    assert.equal(findingsSummary(jsonReport()), '0 findings (0 errors, 0 warnings, 0 info)');
    const report = jsonReport({
      findings: [finding({ severity: 'warning' })],
      problems: [
        { file: 'a', line: 1, column: 1, severity: 'warning', message: 'x' },
        { file: 'b', line: 1, column: 1, severity: 'warning', message: 'y' },
      ],
      skipped: [
        { file: 'c', reason: 'binary' },
        { file: 'd', reason: 'binary' },
      ],
    });
    assert.equal(findingsSummary(report), '1 finding (0 errors, 1 warning, 0 info) · 2 problems · 2 files skipped');
  });
});
