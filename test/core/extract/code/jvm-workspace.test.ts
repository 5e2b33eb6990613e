import { test } from 'node:test';
import assert from 'node:assert/strict';
import { removeRepo, scanRepo, SRC_PROD } from '../../../helpers/repo';

// The readers inside a real scan: grammars loaded by RepositoryIndex.scan(), .NET projects found by their
// .csproj (zero-config), appsettings.json keys resolving the names a C# service reads, constants of one
// Java file naming the topic another file sends to.
test('a scan reads C# and Java through tree-sitter: .csproj services, appsettings-resolved topics, constants across files', async () => {
  const { dir, analysis } = await scanRepo({
    'billing/Billing.Worker.csproj': '<Project Sdk="Microsoft.NET.Sdk.Worker"></Project>\n',
    'billing/appsettings.json': '{ "Kafka": { "Topic": "invoices" } }\n',
    'billing/Worker.cs': `using Confluent.Kafka;\nclass Worker {\n  void Run(IConfiguration configuration) {\n    var c = new ProducerConfig { BootstrapServers = "${SRC_PROD}" };\n    producer.Produce(configuration["Kafka:Topic"], m);\n  }\n}\n`,
    'ledger/pom.xml': '<project/>\n',
    'ledger/src/main/java/Topics.java': 'final class Topics { static final String LEDGER = "ledger.entries"; }\n',
    'ledger/src/main/java/Sender.java': 'class Sender { void f() { kafkaTemplate.send(Topics.LEDGER, v); } }\n',
  });
  try {
    const { model } = analysis;
    assert.deepEqual(model.services.map((s) => [s.name, s.root, s.produces]).sort(), [
      ['billing', 'billing', ['invoices']],
      ['ledger', 'ledger', ['ledger.entries']],
    ]);
    assert.deepEqual(
      model.brokerRefs.map((r) => [r.file, r.format, r.key, r.service]),
      [['billing/Worker.cs', 'csharp', 'BootstrapServers', 'billing']],
    );
  } finally {
    removeRepo(dir);
  }
});
