import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_DOCS, RULE_IDS, ruleHelpUri, rulesMarkdown, RULES_DOC_URL } from '../../../src/core/report/ruleDocs';

describe('ruleDocs', () => {
  it('RULE_IDS lists every documented rule once, sorted', () => {
    assert.deepEqual(RULE_IDS, [...new Set(Object.keys(RULE_DOCS))].sort());
    assert.equal(RULE_IDS.length, 8);
  });

  it('a rule’s help link is the rules page anchored at its id', () => {
    assert.equal(ruleHelpUri('topic-not-mirrored'), `${RULES_DOC_URL}#topic-not-mirrored`);
    assert.equal(RULES_DOC_URL, 'https://github.com/kafka-cutover/kafka-cutover/blob/main/docs/rules.md');
  });

  it('rules.md: a title, then per rule its heading, title with default severity, and summary', () => {
    const md = rulesMarkdown();
    assert.ok(md.startsWith('# Rules\n\n## auth-port-mismatch\n\n'), md.slice(0, 60));
    const doc = RULE_DOCS['legacy-broker'];
    assert.ok(md.includes(`## legacy-broker\n\n**${doc.title}** (default: warning)\n\n${doc.summary}\n`));
    assert.equal(md.match(/^## /gm)?.length, RULE_IDS.length);
  });

  it('docs/rules.md, where the SARIF help links point, has a section for every rule and says how many there are', () => {
    const text = fs.readFileSync(path.resolve(__dirname, '../../../../docs/rules.md'), 'utf8');
    assert.deepEqual(
      text
        .match(/^## ([\w-]+)$/gm)
        ?.map((h) => h.slice(3))
        .sort(),
      RULE_IDS,
    );
    assert.match(text, /^Kafka Cutover reports eight rules\./m);
  });
});
