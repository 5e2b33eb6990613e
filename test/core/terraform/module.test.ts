// A Terraform folder's declarations put together from its files: first declaration wins, the
// auto-loaded .tfvars override variable defaults, other .tfvars do not.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { HclValue } from '../../../src/core/terraform/hclValue';
import { declarationsOf, emptyScope, isAutoTfvars, isEmptyScope, type TerraformFileScope } from '../../../src/core/terraform/module';

const at = { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } };
const str = (value: string): HclValue => ({ kind: 'string', value, range: at });
const scope = (over: Partial<TerraformFileScope>): TerraformFileScope => ({ ...emptyScope(), ...over });

/** name -> `file: value` of a declarations map. */
const table = (m: Map<string, { file: string; value: HclValue }>) =>
  Object.fromEntries([...m].map(([k, d]) => [k, `${d.file}: ${d.value.kind === 'string' ? d.value.value : d.value.kind}`]));

describe('isAutoTfvars', () => {
  it('terraform.tfvars and *.auto.tfvars, in any folder; not other .tfvars or look-alikes', () => {
    assert.deepEqual(
      [
        'terraform.tfvars',
        'infra/terraform.tfvars',
        'infra/prod.auto.tfvars',
        'infra/prod.tfvars',
        'infra/myterraform.tfvars',
        'terraform.tfvars.json',
        'x.auto.tfvars.bak',
      ].map(isAutoTfvars),
      [true, true, true, false, false, false, false],
    );
  });
});

describe('isEmptyScope', () => {
  it('a fresh scope is empty; anything in it makes it not', () => {
    assert.equal(isEmptyScope(emptyScope()), true);
    assert.equal(isEmptyScope(scope({ topicResources: [], modules: [], tfvars: {} })), true);
    const resource = { type: 'kafka_topic' as const, name: 't', file: 'a.tf', header: at, attributes: {} };
    for (const over of [
      { locals: { a: str('x') } },
      { variables: { a: str('x') } },
      { pending: [resource] },
      { mskConfigurations: { c: true } },
      { mskLinks: { c: 'cfg' } },
      { topicResources: [resource] },
      { modules: [{ name: 'm', source: './m', file: 'a.tf', header: at, inputs: {} }] },
      { tfvars: { a: str('x') } },
    ]) {
      assert.equal(isEmptyScope(scope(over)), false, Object.keys(over)[0]);
    }
  });
});

describe('declarationsOf', () => {
  it('the first file to declare a local or variable wins', () => {
    const { locals, variables } = declarationsOf([
      { file: 'infra/a.tf', scope: scope({ locals: { topic: str('from-a') }, variables: { n: str('1') } }) },
      { file: 'infra/b.tf', scope: scope({ locals: { topic: str('from-b'), other: str('b') }, variables: { n: str('2') } }) },
    ]);
    assert.deepEqual(table(locals), { topic: 'infra/a.tf: from-a', other: 'infra/b.tf: b' });
    assert.deepEqual(table(variables), { n: 'infra/a.tf: 1' });
  });

  it('terraform.tfvars and *.auto.tfvars override defaults, wherever they come in the list; a named .tfvars does not', () => {
    const { variables } = declarationsOf([
      { file: 'infra/terraform.tfvars', scope: scope({ tfvars: { env: str('prod') } }) },
      { file: 'infra/variables.tf', scope: scope({ variables: { env: str('dev'), region: str('eu'), size: str('s') } }) },
      { file: 'infra/staging.tfvars', scope: scope({ tfvars: { region: str('us') } }) },
      { file: 'infra/z.auto.tfvars', scope: scope({ tfvars: { size: str('xl') } }) },
    ]);
    assert.deepEqual(table(variables), {
      env: 'infra/terraform.tfvars: prod',
      region: 'infra/variables.tf: eu',
      size: 'infra/z.auto.tfvars: xl',
    });
  });

  it('a tfvars value for a variable no file declares is still a variable', () => {
    const { locals, variables } = declarationsOf([{ file: 'terraform.tfvars', scope: scope({ tfvars: { only: str('v') } }) }]);
    assert.deepEqual([table(locals), table(variables)], [{}, { only: 'terraform.tfvars: v' }]);
  });

  it('no files, no declarations', () => {
    const { locals, variables } = declarationsOf([]);
    assert.deepEqual([locals.size, variables.size], [0, 0]);
  });
});
