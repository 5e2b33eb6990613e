import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFile, formatOf } from '../../../src/core/extract';
import { Prefilter } from '../../../src/core/extract/prefilter';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, fixtureFacts, groupLines, problemLines, refLines, span, useLines } from '../../helpers/facts';

const resets = (f: ReturnType<typeof extractFile>) => f.offsetResets.map((o) => `${o.value} ${span(o.range)} ${o.fix?.newText ?? '-'}`);

test('formats: file names to readers', () => {
  assert.deepEqual(
    ['a/config.toml', 'a/worker.ini', 'a/setup.cfg', 'a/application.conf', 'a/x.hocon', 'a/beans.xml', 'a/App.config', 'a/Web.config'].map(
      formatOf,
    ),
    ['toml', 'ini', 'ini', 'hocon', 'hocon', 'xml', 'xml', 'xml'],
  );
});

test('hocon: nested keys flattened, the ${?VAR} override is an indirect ref, comments and arrays', () => {
  const f = fixtureFacts('formats/application.conf');
  assert.equal(f.format, 'hocon');
  assert.deepEqual(refLines(f), [
    'config akka.kafka.consumer.kafka-clients.bootstrap.servers kafka1.prod.example.internal:9092,kafka2.prod.example.internal:9092 4:26-4:93',
    'indirect akka.kafka.consumer.kafka-clients.bootstrap.servers  5:25-5:42',
    'config ledger.brokers kafka3.prod.example.internal:9092 14:16-14:49',
  ]);
  const indirect = f.brokerRefs[1];
  assert.deepEqual([indirect.expression, indirect.reads], ['${?KAFKA_BROKERS}', [{ kind: 'env', name: 'KAFKA_BROKERS' }]]);
  assert.deepEqual(useLines(f), ['consume ledger.entries config 12:17-12:31', 'produce ledger.balances config 13:18-13:33']);
  assert.deepEqual(groupLines(f), ['ledger-projector config 6:17-6:33']);
  assert.deepEqual(resets(f), ['latest 7:25-7:31 earliest']);
  assert.deepEqual(problemLines(f), []);
});

test('hocon: unbalanced braces, unterminated strings and substitutions are positioned problems', () => {
  assert.deepEqual(problemLines(extractFile('a.conf', 'kafka {\n  brokers = "k:9092\n')), [
    'a.conf:2:13 invalid HOCON: unterminated string',
    "a.conf:1:7 invalid HOCON: '{' is never closed",
  ]);
  assert.deepEqual(problemLines(extractFile('b.conf', 'x = ${?BROKERS\ny = 1\n}\n')), [
    'b.conf:1:5 invalid HOCON: unterminated substitution',
    "b.conf:3:1 invalid HOCON: '}' closes nothing",
  ]);
  // An INI-shaped .conf goes to the INI reader.
  assert.deepEqual(refLines(extractFile('svc.conf', '[kafka]\nbrokers = kafka1.prod.example.internal:9092\n')), [
    'config kafka.brokers kafka1.prod.example.internal:9092 2:11-2:44',
  ]);
});

test('ini: sections prefix keys, quoted values keep exact ranges, junk lines are problems', () => {
  const f = fixtureFacts('formats/worker.ini');
  assert.deepEqual(refLines(f), ['config kafka.bootstrap_servers kafka1.prod.example.internal:9092 3:21-3:54']);
  assert.deepEqual(useLines(f), ['consume reports.requested config 4:15-4:32']);
  assert.deepEqual(groupLines(f), ['reporting-worker config 5:13-5:29']);
  assert.deepEqual(problemLines(extractFile('x.ini', '[a]\njust some words\n')), [
    'x.ini:2:1 invalid INI: expected [section] or key = value',
  ]);
});

test('toml: tables, dotted keys, string arrays as lists, inline tables', () => {
  const f = fixtureFacts('formats/config.toml');
  assert.deepEqual(refLines(f), ['config kafka.brokers kafka1.prod.example.internal:9092,kafka2.prod.example.internal:9092 5:13-5:83']);
  assert.equal(f.brokerRefs[0].list, true);
  assert.deepEqual(useLines(f), ['produce payments.authorized config 7:28-7:47']);
  assert.deepEqual(groupLines(f), ['gateway config 6:22-6:29']);
  assert.deepEqual(f.settings.find((s) => s.key === 'kafka.tls.enabled')?.value, 'false');
  assert.deepEqual(problemLines(f), []);
  assert.deepEqual(problemLines(extractFile('b.toml', 'a = "x\n[t\nb = [1, 2\n')), [
    'b.toml:1:5 invalid TOML: unterminated string',
    'b.toml:2:1 invalid TOML: a table header must be [name] or [[name]]',
    "b.toml:3:5 invalid TOML: '[' is never closed",
  ]);
});

test('xml: Spring bean entries/properties, .NET appSettings, leaf elements; comments are not read', () => {
  const beans = fixtureFacts('formats/kafka-beans.xml');
  assert.deepEqual(refLines(beans), ['config bootstrap.servers kafka1.prod.example.internal:9092 7:47-7:80']);
  assert.deepEqual(resets(beans), ['latest 13:47-13:53 earliest']);
  const app = fixtureFacts('formats/App.config');
  assert.deepEqual(refLines(app), [
    'config Kafka:BootstrapServers b-1.prod.abc123.c2.kafka.eu-west-1.amazonaws.com:9094 4:46-4:99',
    'config kafka.bootstrap.servers kafka1.prod.example.internal:9092 8:30-8:63',
  ]);
  assert.deepEqual(useLines(app), ['produce invoices.issued config 5:41-5:56']);
  assert.deepEqual(problemLines(extractFile('c.xml', '<a>\n  <!-- never closed\n')), ['c.xml:2:3 invalid XML: unterminated comment']);
  assert.deepEqual(problemLines(extractFile('d.xml', '<a>\n  <entry key="bootstrap.servers" value="k:9092"\n')), [
    'd.xml:2:3 invalid XML: unterminated tag',
  ]);
  // An entity makes the value inexact: recorded as a setting, never a ref to edit.
  const amp = extractFile('e.xml', '<entry key="bootstrap.servers" value="kafka1.prod.example.internal:9092&amp;"/>');
  assert.deepEqual(refLines(amp), []);
});

test('prefilter: the new config formats are skipped unless they name something Kafka-ish', () => {
  const p = new Prefilter();
  assert.equal(p.mayMatter('hocon', fs.readFileSync(path.join(FIXTURES, 'formats/nginx.conf'))), false);
  assert.equal(p.mayMatter('xml', Buffer.from('<project><artifactId>web</artifactId></project>')), false);
  assert.equal(p.mayMatter('toml', Buffer.from('[kafka]\nbrokers = ["k:9092"]\n')), true);
  assert.equal(p.mayMatter('sql', Buffer.from('CREATE TABLE users (id int);')), false);
  assert.equal(p.mayMatter('properties', Buffer.from('a=b')), true);
});

test('xml: a pom.xml yields only its <properties>; Maven coordinates are never consumer groups', () => {
  const pom = [
    '<project>',
    '  <groupId>com.example</groupId>',
    '  <properties>',
    '    <kafka.topic.in>orders.created</kafka.topic.in>',
    '  </properties>',
    '  <dependencies><dependency><groupId>org.apache.kafka</groupId><version>3.7.0</version></dependency></dependencies>',
    '</project>',
  ].join('\n');
  const f = extractFile('svc/pom.xml', pom);
  assert.deepEqual(
    f.settings.map((s) => `${s.key}=${s.value}`),
    ['kafka.topic.in=orders.created'],
  );
  assert.deepEqual(useLines(f), ['consume orders.created config 4:21-4:35']);
  assert.deepEqual(groupLines(extractFile('any.xml', '<a><groupId>org.x</groupId></a>')), []);
});
