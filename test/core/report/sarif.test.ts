import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { relativeUri, renderSarif } from '../../../src/core/report/sarif';
import { RULE_IDS } from '../../../src/core/report/ruleDocs';
import { finding, jsonReport } from './entries';

interface SarifRun {
  tool: { driver: { rules: Array<{ id: string; name: string; defaultConfiguration: { level: string } }> } };
  invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: unknown[] }>;
  results: Array<Record<string, unknown>>;
}

const run = (text: string): SarifRun => (JSON.parse(text) as { runs: SarifRun[] }).runs[0]!;

describe('renderSarif', () => {
  it('an empty report: every rule described, no results, no notifications, a successful run', () => {
    const text = renderSarif(jsonReport());
    assert.ok(text.endsWith('}\n'));
    const r = run(text);
    assert.equal(r.tool.driver.rules.length, RULE_IDS.length);
    assert.deepEqual(r.results, []);
    assert.deepEqual(r.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('names each rule in PascalCase and gives its default level', () => {
    const rules = run(renderSarif(jsonReport())).tool.driver.rules;
    assert.deepEqual(
      rules.map((r) => [r.name, r.defaultConfiguration.level]),
      [
        ['AuthPortMismatch', 'error'],
        ['LegacyBroker', 'warning'],
        ['MixedClusters', 'warning'],
        ['OffsetResetNotEarliest', 'error'],
        ['ProducerBeforeConsumers', 'error'],
        ['SecurityProtocolMismatch', 'error'],
        ['TopicNotInTerraform', 'error'],
        ['TopicNotMirrored', 'error'],
      ],
    );
  });

  it('an info finding is a note; its ruleIndex points at its descriptor', () => {
    const r = run(
      renderSarif(
        jsonReport({
          findings: [finding({ rule: 'mixed-clusters', severity: 'info', file: 'x/y.env', line: 2, column: 3, endLine: 2, endColumn: 9 })],
        }),
      ),
    );
    assert.deepEqual(r.results, [
      {
        ruleId: 'mixed-clusters',
        ruleIndex: 2,
        level: 'note',
        message: { text: 'm' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'x/y.env', uriBaseId: '%SRCROOT%' },
              region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 9 },
            },
          },
        ],
      },
    ]);
    assert.equal(r.tool.driver.rules[2]!.id, 'mixed-clusters');
  });

  it('a problem reading a file is a notification with its start only', () => {
    const r = run(
      renderSarif(jsonReport({ problems: [{ file: 'deploy/a b.yaml', line: 4, column: 2, severity: 'error', message: 'bad' }] })),
    );
    assert.deepEqual(r.invocations[0]!.toolExecutionNotifications, [
      {
        level: 'error',
        message: { text: 'bad' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'deploy/a%20b.yaml', uriBaseId: '%SRCROOT%' },
              region: { startLine: 4, startColumn: 2 },
            },
          },
        ],
      },
    ]);
  });
});

describe('relativeUri', () => {
  it('keeps / and encodes each segment, non-ASCII and ? included', () => {
    assert.equal(relativeUri('configs/größe?.env'), 'configs/gr%C3%B6%C3%9Fe%3F.env');
  });

  it('a plain path is unchanged', () => {
    assert.equal(relativeUri('services/a-b/c_d.1.ts'), 'services/a-b/c_d.1.ts');
  });
});
