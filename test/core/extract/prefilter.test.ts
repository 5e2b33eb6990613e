import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Prefilter } from '../../../src/core/extract/prefilter';

test('source files that name nothing Kafka-ish are skipped; config files never are', () => {
  const pf = new Prefilter(['proxy.service.consul']);
  const keep = (format: Parameters<Prefilter['mayMatter']>[0], text: string) => pf.mayMatter(format, Buffer.from(text));
  assert.equal(keep('go', 'package main\nfunc main() { println("hello") }\n'), false);
  assert.equal(keep('go', 'import "github.com/IBM/sarama"\n'), true);
  assert.equal(keep('typescript', 'const KAFKA = 1'), true);
  assert.equal(keep('python', "x = os.environ['OUTPUT_TOPIC']"), true);
  assert.equal(keep('java', 'String s = "10.0.3.17:9092";'), true);
  assert.equal(keep('kotlin', 'val s = "PROXY.service.consul:9000"'), true, 'manifest hosts, case-insensitive');
  assert.equal(keep('yaml', 'a: b\n'), true);
  assert.equal(keep('dotenv', 'A=B\n'), true);
});
