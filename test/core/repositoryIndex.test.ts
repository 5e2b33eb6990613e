import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { envService, fleet, MANIFEST, removeRepo, scanRepo, SRC_PROD, TGT_PROD } from '../helpers/repo';

const dirs: string[] = [];
after(() => dirs.forEach(removeRepo));

test('discovery honours .gitignore (nested), the manifest ignore and skipped folders; reports binary and large files', async () => {
  const files = {
    ...fleet({ svc: envService({ in: 'orders', prod: SRC_PROD }) }),
    'kafka-cutover.yaml': MANIFEST + 'ignore: ["**/testdata/**"]\n',
    '.gitignore': 'generated/\n',
    'services/svc/.gitignore': '*.local.env\n',
    'services/svc/generated/.env.prod': `KAFKA_BROKERS=${SRC_PROD}\n`,
    'services/svc/testdata/.env.prod': `KAFKA_BROKERS=${SRC_PROD}\n`,
    'services/svc/x.local.env': `KAFKA_BROKERS=${SRC_PROD}\n`,
    'services/svc/node_modules/dep/.env.prod': `KAFKA_BROKERS=${SRC_PROD}\n`,
    'services/svc/config/blob.json': Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x7d]) as unknown as string,
    'services/svc/config/huge.json': '{"a": "' + 'x'.repeat(2 * 1024 * 1024) + '"}',
  };
  const { dir, workspace, analysis } = await scanRepo(files);
  dirs.push(dir);
  assert.deepEqual(
    analysis.model.brokerRefs.map((r) => r.file),
    ['services/svc/.env.prod'],
  );
  assert.deepEqual(analysis.model.skipped, [
    { file: 'services/svc/config/blob.json', reason: 'binary content' },
    { file: 'services/svc/config/huge.json', reason: 'larger than 2 MB' },
  ]);
  for (const [rel, included] of [
    ['services/svc/.env.prod', true],
    ['services/svc/generated/.env.prod', false],
    ['services/svc/testdata/.env.prod', false],
    ['services/svc/x.local.env', false],
    ['services/svc/node_modules/dep/.env.prod', false],
    ['services/svc/README.md', false],
  ] as const)
    assert.equal(workspace.isIncluded(rel), included, rel);
});

test('an edit re-analyses from the buffer; an ignored file is refused; a deleted file is forgotten', async () => {
  const { dir, workspace } = await scanRepo(fleet({ svc: envService({ in: 'orders', prod: SRC_PROD }) }, { '.gitignore': 'scratch/\n' }));
  dirs.push(dir);
  assert.equal(workspace.analyse().model.services[0].state.prod, 'source');
  assert.equal(workspace.update('services/svc/.env.prod', `KAFKA_BROKERS=${TGT_PROD}\nINPUT_TOPIC=orders\n`), true);
  assert.equal(workspace.analyse().model.services[0].state.prod, 'target');
  assert.equal(workspace.update('scratch/.env.prod', `KAFKA_BROKERS=${SRC_PROD}\n`), false);
  assert.equal(workspace.update('services/svc/.env.prod', null), true);
  assert.equal(workspace.analyse().model.services[0].state.prod, 'none');
  assert.equal(workspace.analyse().model.brokerRefs.length, 0);
});

test('an edit that changes no fact keeps the analysis; the new text is what rewrites splice into', async () => {
  const { dir, workspace } = await scanRepo(fleet({ svc: envService({ in: 'orders', prod: SRC_PROD }) }));
  dirs.push(dir);
  const file = 'services/svc/.env.prod';
  const first = workspace.analyse();
  const text = workspace.scannedText(file)!;
  // A comment below the last setting: the same facts, ranges and offsets included.
  assert.equal(workspace.update(file, text + '# moved next week\n'), true);
  assert.equal(workspace.analyse(), first);
  assert.equal(workspace.scannedText(file), text + '# moved next week\n');
  // A line above it moves every range: a new analysis, with the setting one line down.
  workspace.update(file, '# owner: payments\n' + text);
  const moved = workspace.analyse();
  assert.notEqual(moved, first);
  assert.equal(moved.model.brokerRefs[0].range.start.line, first.model.brokerRefs[0].range.start.line + 1);
  // A file that had no facts and still has none changes nothing either; one that now has some does.
  assert.equal(workspace.update('services/svc/config/empty.json', '{}\n'), true);
  assert.equal(workspace.analyse(), moved);
  workspace.update('services/svc/.env.dev', 'LOG_LEVEL=debug\n');
  assert.notEqual(workspace.analyse(), moved);
  // Deleting the file with the facts is a change.
  workspace.update(file, null);
  assert.equal(workspace.analyse().model.brokerRefs.length, 0);
});

test('declared topics follow edits incrementally (Terraform and Strimzi KafkaTopic)', async () => {
  const { dir, workspace } = await scanRepo(
    fleet(
      { svc: envService({ in: 'orders', prod: SRC_PROD }) },
      {
        'infra/topics.tf': 'resource "kafka_topic" "other" {\n  name = "other"\n}\n',
        'infra/k8s/topic.yaml': 'apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata:\n  name: unrelated\n',
      },
    ),
  );
  dirs.push(dir);
  const undeclared = () =>
    workspace
      .analyse()
      .findings.filter((f) => f.rule === 'topic-not-in-terraform')
      .map((f) => f.topic);
  assert.deepEqual(undeclared(), ['orders']);
  workspace.update('infra/k8s/topic.yaml', 'apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata:\n  name: orders\n');
  assert.deepEqual(undeclared(), []);
  workspace.update('infra/k8s/topic.yaml', null);
  assert.deepEqual(undeclared(), ['orders']);
  workspace.update('infra/topics.tf', 'resource "kafka_topic" "orders" {\n  name = "orders"\n}\n');
  assert.deepEqual(undeclared(), []);
});

test('editing Terraform locals re-expands for_each topics declared in a sibling file', async () => {
  const { dir, workspace } = await scanRepo(
    fleet(
      { svc: envService({ in: 'orders', prod: SRC_PROD }) },
      {
        'infra/locals.tf': 'locals {\n  topics = toset(["other"])\n}\n',
        'infra/topics.tf': 'resource "kafka_topic" "t" {\n  for_each = local.topics\n  name     = each.key\n}\n',
      },
    ),
  );
  dirs.push(dir);
  const declared = () =>
    workspace
      .analyse()
      .model.topics.filter((t) => t.declared)
      .map((t) => t.name);
  assert.deepEqual(declared(), ['other']);
  workspace.update('infra/locals.tf', 'locals {\n  topics = toset(["other", "orders"])\n}\n');
  assert.deepEqual(declared(), ['orders', 'other']);
  assert.deepEqual(
    workspace.analyse().findings.filter((f) => f.rule === 'topic-not-in-terraform'),
    [],
  );
});
