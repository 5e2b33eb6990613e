import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractJava } from '../../../../src/core/extract/code/java';
import { extractCSharp } from '../../../../src/core/extract/code/csharp';
import { ensureCodeGrammarsReady } from '../../../../src/core/extract/code/grammars';
import type { FileFacts } from '../../../../src/core/model/types';

before(() => ensureCodeGrammarsReady());

// Each snippet cut at every offset, through the tree-sitter readers: half-written files give facts and
// problems at real places, never a throw.
const CASES: Array<[string, (file: string, text: string) => FileFacts, string]> = [
  [
    'A.java',
    (f, t) => extractJava(f, t, {}),
    'class A { static final String T = "t"; @KafkaListener(topics = {T, "${x:y}"}) void f() { p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"); b.stream(List.of("a")).to("b"); } }\n',
  ],
  [
    'A.kt',
    (f, t) => extractJava(f, t, {}),
    'object O { const val T = "t" }\n@KafkaListener(topics = ["\\${a:b}", "${x}"]) /* a /* b */ c */ fun f() = mapOf("group.id" to System.getenv("G") ?: "g")\n',
  ],
  [
    'A.cs',
    (f, t) => extractCSharp(f, t, {}),
    'var c = new ConsumerConfig { BootstrapServers = $"{h}:9092", GroupId = cfg["K:G"] ?? "g", AutoOffsetReset = AutoOffsetReset.Latest }; c2.Subscribe(new[] { "a", @"b" });\n',
  ],
];

for (const [file, extract, snippet] of CASES) {
  test(`${file} (parsed): every prefix of a snippet extracts without throwing`, () => {
    for (let cut = 0; cut <= snippet.length; cut++) {
      const text = snippet.slice(0, cut);
      const facts = extract(file, text);
      const lines = text.split('\n');
      for (const p of facts.problems) {
        assert.ok(p.line >= 1 && p.line <= lines.length, `line ${p.line} at cut ${cut}`);
        assert.ok(p.column >= 1 && p.column <= lines[p.line - 1].length + 1, `column ${p.column} at cut ${cut}`);
      }
    }
    assert.deepEqual(extract(file, snippet).problems, []);
  });
}

test('a syntax error is one problem at its place; facts around it are still read', () => {
  const text = 'class A {\n  void f() {\n    p.put("group.id", "g1");\n    int = = ;\n    consumer.subscribe(List.of("after"));\n  }\n}\n';
  const f = extractJava('A.java', text, {});
  assert.equal(f.problems.length, 1);
  assert.equal(f.problems[0].line, 4);
  assert.deepEqual(
    f.groups.map((g) => g.group),
    ['g1'],
  );
  assert.deepEqual(
    f.topicUses.map((t) => t.topic),
    ['after'],
  );
});

test('binary-ish and huge Java input: no throw; over 1 MB goes to the lexer reader', () => {
  const junk = '\u0000\u0001{{{(("\'\\'.repeat(2000);
  assert.doesNotThrow(() => extractJava('Junk.java', junk, {}));
  assert.doesNotThrow(() => extractCSharp('Junk.cs', junk, {}));
  const big = `class Big {\n  String b = "kafka-1.prod:9092";\n${'  // filler line\n'.repeat(70000)}}\n`;
  const f = extractJava('Big.java', big, {});
  assert.deepEqual(
    f.brokerRefs.map((b) => [b.key, b.parts[0].text]),
    [['b', 'kafka-1.prod:9092']],
  );
});
