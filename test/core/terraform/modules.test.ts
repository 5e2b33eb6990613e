import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureHclReady, extractHcl } from '../../../src/core/extract/hcl';
import { resolveTerraform } from '../../../src/core/terraform/resolve';
import type { FileFacts } from '../../../src/core/model/types';
import { RepositoryIndex } from '../../../src/core/repositoryIndex';
import { FIXTURES, span } from '../../helpers/facts';
import { removeRepo, writeRepo } from '../../helpers/repo';

const FILES = [
  'infra/main.tf',
  'infra/variables.tf',
  'infra/terraform.tfvars',
  'infra/modules/topics/main.tf',
  'infra/modules/topics/variables.tf',
];

function read(rel: string): string {
  return fs.readFileSync(path.join(FIXTURES, 'terraform-modules', rel), 'utf8');
}

function decls(facts: FileFacts[]): string[] {
  return facts.flatMap((f) =>
    f.topicDecls.map(
      (d) =>
        `${d.address} ${d.name} ${d.file}:${span(d.range)} p=${d.partitions} rf=${d.replicationFactor} ${JSON.stringify(d.config ?? {})}`,
    ),
  );
}

function problems(facts: FileFacts[]): string[] {
  return facts.flatMap((f) => f.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`));
}

describe('terraform modules', () => {
  before(ensureHclReady);
  const dirs: string[] = [];
  after(() => dirs.forEach(removeRepo));

  it('follows local module calls into kafka_topic resources: for_each and count over inputs, defaults, terraform.tfvars', () => {
    const resolved = resolveTerraform(FILES.map((f) => extractHcl(f, read(f), {})));
    const M = 'infra/modules/topics/main.tf';
    assert.deepEqual(decls(resolved), [
      `module.ledger_topics.kafka_topic.this["entries"] ledger.entries ${M}:1:1-1:30 p=12 rf=3 {"retention.ms":"604800000"}`,
      `module.ledger_topics.kafka_topic.this["balances"] ledger.balances ${M}:1:1-1:30 p=6 rf=3 {"retention.ms":"604800000"}`,
      `module.ledger_topics.kafka_topic.shards[0] ledger.shard-0 ${M}:18:1-18:32 p=1 rf=3 {}`,
      `module.ledger_topics.kafka_topic.shards[1] ledger.shard-1 ${M}:18:1-18:32 p=1 rf=3 {}`,
      `module.search_topics.kafka_topic.this["reindex"] search.reindex ${M}:1:1-1:30 p=3 rf=3 {"retention.ms":"86400000"}`,
      `module.search_topics.kafka_topic.shards[0] search.shard-0 ${M}:18:1-18:32 p=1 rf=3 {}`,
      `module.search_topics.kafka_topic.shards[1] search.shard-1 ${M}:18:1-18:32 p=1 rf=3 {}`,
    ]);
    // The module read alone (as if it were a root) said the conditional count can't be computed; now once per call.
    assert.deepEqual(problems(resolved), [
      `${M}:12:24 could not compute the count of module.ledger_topics.kafka_topic.dead_letter: a conditional is not evaluated`,
      `${M}:12:24 could not compute the count of module.search_topics.kafka_topic.dead_letter: a conditional is not evaluated`,
    ]);
    // Resolving the result again adds nothing twice.
    const again = resolveTerraform(resolved);
    assert.deepEqual(decls(again), decls(resolved));
    assert.deepEqual(problems(again), problems(resolved));
  });

  it('an input the call does not set and the module does not default is an info at the call', () => {
    const main = 'module "t" {\n  source = "./mod"\n  topics = { a = { partitions = 1 } }\n}\n';
    const resolved = resolveTerraform([
      extractHcl('root/main.tf', main, {}),
      extractHcl('root/mod/main.tf', read('infra/modules/topics/main.tf'), {}),
      extractHcl('root/mod/variables.tf', read('infra/modules/topics/variables.tf').replace(/variable "shards" \{[^}]*\}/, ''), {}),
    ]);
    assert.deepEqual(decls(resolved), []);
    assert.deepEqual(problems(resolveTerraform(resolved)), problems(resolved));
    assert.deepEqual(problems(resolved), [
      'root/main.tf:1:1 could not compute the topic names of module.t.kafka_topic.this: var.prefix is not declared in this folder, and the call does not set it',
      'root/main.tf:1:1 could not compute the topic names of module.t.kafka_topic.shards: var.shards is not declared in this folder, and the call does not set it',
      'root/mod/main.tf:12:24 could not compute the count of module.t.kafka_topic.dead_letter: a conditional is not evaluated',
    ]);
  });

  it('a module call with for_each is reported, not guessed; a remote source is not followed', () => {
    const main =
      'module "t" {\n  for_each = toset(["a"])\n  source = "./mod"\n  topics = {}\n  prefix = each.key\n}\nmodule "r" {\n  source = "terraform-registry/kafka/topics"\n}\n';
    const resolved = resolveTerraform([
      extractHcl('root/main.tf', main, {}),
      extractHcl('root/mod/main.tf', 'resource "kafka_topic" "x" {\n  name = var.prefix\n}\n', {}),
    ]);
    assert.deepEqual(decls(resolved), []);
    assert.deepEqual(problems(resolved), [
      'root/main.tf:1:1 the topics of module.t are not computed: a module call with for_each or count is not expanded',
    ]);
  });

  it('terraform.tfvars overrides a root variable default; a named .tfvars does not (it needs -var-file)', () => {
    assert.deepEqual(
      Object.keys(
        (extractHcl('tf/terraform.tfvars', 'names = ["x"]\n', {}) as { terraform?: { tfvars?: object } }).terraform?.tfvars ?? {},
      ),
      ['names'],
    );
    const topics = 'resource "kafka_topic" "t" {\n  for_each = toset(var.names)\n  name = each.key\n}\n';
    const vars = 'variable "names" {\n  default = ["from-default"]\n}\n';
    const base = [extractHcl('tf/topics.tf', topics, {}), extractHcl('tf/variables.tf', vars, {})];
    assert.deepEqual(
      resolveTerraform([...base, extractHcl('tf/prod.tfvars', 'names = ["from-prod"]\n', {})]).flatMap((f) =>
        f.topicDecls.map((d) => `${d.address} ${d.file}:${span(d.range)}`),
      ),
      ['kafka_topic.t["from-default"] tf/variables.tf:2:15-2:27'],
    );
    assert.deepEqual(
      resolveTerraform([...base, extractHcl('tf/terraform.tfvars', 'names = ["from-tfvars"]\n', {})]).flatMap((f) =>
        f.topicDecls.map((d) => `${d.address} ${d.file}:${span(d.range)}`),
      ),
      ['kafka_topic.t["from-tfvars"] tf/terraform.tfvars:1:11-1:22'],
    );
  });

  it('the workspace re-resolves the module when only its caller changes', async () => {
    const files = Object.fromEntries(FILES.map((f) => [f, read(f)]));
    const dir = writeRepo(files);
    dirs.push(dir);
    const ws = new RepositoryIndex(dir);
    const first = await ws.scan();
    assert.ok(first.model.topics.some((t) => t.name === 'search.reindex' && t.declared));
    const edited = read('infra/main.tf').replace('"reindex"', '"suggest"');
    fs.writeFileSync(path.join(dir, 'infra/main.tf'), edited);
    assert.equal(ws.update(path.join(dir, 'infra/main.tf'), edited), true);
    const second = ws.analyse();
    const names = second.model.topics.filter((t) => t.declared).map((t) => t.name);
    assert.ok(names.includes('search.suggest'), names.join(','));
    assert.ok(!names.includes('search.reindex'), names.join(','));
  });
});
