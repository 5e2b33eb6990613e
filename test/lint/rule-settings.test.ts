// Every rule has its severity setting in the editor (package.json), described in every language the
// extension ships: a rule added to src/core/rules without one could not be set from the Settings UI.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_IDS } from '../../src/core/rules';

const root = path.resolve(__dirname, '../../..');
const json = (rel: string) => JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8')) as Record<string, unknown>;
const manifest = json('package.json') as { contributes: { configuration: { properties: Record<string, Record<string, unknown>> } } };
const properties = manifest.contributes.configuration.properties;
const ruleSettings = Object.keys(properties).filter((k) => k.startsWith('kafkaCutover.rules.'));

describe('rule severity settings', () => {
  it('one per rule, in the rules’ order', () => {
    assert.deepEqual(
      ruleSettings,
      RULE_IDS.map((id) => `kafkaCutover.rules.${id}`),
    );
  });

  it('each the same choice, per folder, described in English and German', () => {
    const nls = [json('package.nls.json'), json('package.nls.de.json')];
    for (const id of RULE_IDS) {
      const setting = properties[`kafkaCutover.rules.${id}`];
      assert.deepEqual(
        { ...setting, markdownDescription: undefined },
        {
          type: 'string',
          scope: 'resource',
          default: 'default',
          enum: ['default', 'error', 'warning', 'information', 'hint', 'off'],
          markdownDescription: undefined,
        },
      );
      assert.equal(setting.markdownDescription, `%config.rules.${id}%`);
      for (const texts of nls) assert.match(String(texts[`config.rules.${id}`]), new RegExp(`\`${id}\`: `));
    }
  });
});
