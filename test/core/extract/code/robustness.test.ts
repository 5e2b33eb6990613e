import { before, test } from 'node:test';
import { ensureCodeGrammarsReady } from '../../../../src/core/extract/code/grammars';
import assert from 'node:assert/strict';
import { extractTypeScript } from '../../../../src/core/extract/code/typescript';
import { extractGo } from '../../../../src/core/extract/code/go';
import { extractPython } from '../../../../src/core/extract/code/python';
import { extractJava } from '../../../../src/core/extract/code/java';

before(() => ensureCodeGrammarsReady());

// Each snippet cut at every offset: half-written files must give facts and problems, never a throw.
const CASES: Array<[string, (file: string, text: string) => unknown, string]> = [
  [
    'a.ts',
    (f, t) => extractTypeScript(f, t, {}),
    'const t = `x${a ? \'}\' : "{"}y`; await consumer.subscribe({ topics: [/a\\/b/], fromBeginning: false }); /* c */ // d\n',
  ],
  [
    'a.go',
    (f, t) => extractGo(f, t, {}),
    'r := kafka.NewReader(kafka.ReaderConfig{Topic: `raw`, GroupID: "g", StartOffset: kafka.LastOffset}) /* c */ // d\n',
  ],
  [
    'b.go',
    (f, t) => extractGo(f, t, {}),
    'package main\nfunc f() {\n\tb := flag.String("brokers", os.Getenv("B"), "")\n\tkgo.NewClient(kgo.SeedBrokers(strings.Split(*b, ",")...), kgo.ConsumeTopics("t"))\n}\n',
  ],
  ['b.ts', (f, t) => extractTypeScript(f, t, {}), "new Kafka({ brokers: [`${h}:9094`], ssl: { cert }, sasl: { mechanism: 'aws' } });\n"],
  [
    'b.py',
    (f, t) => extractPython(f, t, {}),
    "AIOKafkaConsumer('t', bootstrap_servers=os.environ.get('B', 'k:9092'), security_protocol='SSL')\n",
  ],
  ['a.py', (f, t) => extractPython(f, t, {}), "c = Consumer({'group.id': f'{x}', \"k\": '''a\nb'''}) # c\nc.subscribe([r'\\d'])\n"],
  ['A.kt', (f, t) => extractJava(f, t, {}), '@KafkaListener(topics = ["\\${a:b}", "${x}"]) /* a /* b */ c */ val s = """q"r"""\n'],
];

for (const [file, extract, snippet] of CASES) {
  test(`${file}: every prefix of a snippet extracts without throwing`, () => {
    for (let cut = 0; cut <= snippet.length; cut++) {
      const text = snippet.slice(0, cut);
      const facts = extract(file, text) as { problems: Array<{ line: number; column: number }> };
      const lines = text.split('\n');
      for (const p of facts.problems) {
        assert.ok(p.line >= 1 && p.line <= lines.length, `line ${p.line} at cut ${cut}`);
        assert.ok(p.column >= 1 && p.column <= lines[p.line - 1].length + 1, `column ${p.column} at cut ${cut}`);
      }
    }
  });
}

test('the full snippets are well-formed: no problems', () => {
  for (const [file, extract, snippet] of CASES) {
    assert.deepEqual((extract(file, snippet) as { problems: unknown[] }).problems, [], file);
  }
});
