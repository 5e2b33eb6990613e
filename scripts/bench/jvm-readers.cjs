// Per-file cost of the Java/Kotlin readers: tree-sitter parse + queries (code/java.ts) against the
// lexer-based reader it replaces (code/jvm/legacy.ts), in one process, on generated files of 200 and
// 5,000 lines that mix Kafka constructs with ordinary code. Also times the C# reader (no lexer
// counterpart). Run after `npx tsc -p tsconfig.test.json`: node scripts/bench/jvm-readers.cjs
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const out = path.resolve(__dirname, '../../out/src/core/extract/code');
const { ensureCodeGrammarsReady } = require(`${out}/grammars`);
const { extractJava } = require(`${out}/java`);
const { extractCSharp } = require(`${out}/csharp`);
const { extractJavaLexed } = require(`${out}/jvm/legacy`);

const JAVA_BLOCK = (i) => `
    @KafkaListener(topics = "\${app.topics.in${i}}", groupId = "group-${i}")
    public void onMessage${i}(String payload) {
        Map<String, Object> values = new HashMap<>();
        values.put("id", payload.length() + ${i});
        for (int k = 0; k < values.size(); k++) { log.info("value {} {}", k, values.get("id")); }
        kafkaTemplate.send(OUT_TOPIC, payload);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        String url = "https://example.org/api/" + payload;
    }
`;
const KOTLIN_BLOCK = (i) => `
    @KafkaListener(topics = ["\\\${app.topics.in${i}}"], groupId = "group-${i}")
    fun onMessage${i}(payload: String) {
        val values = mutableMapOf<String, Any>("id" to payload.length + ${i})
        for (k in 0 until values.size) { log.info("value {} {}", k, values["id"]) }
        template.send(OUT_TOPIC, payload)
        val cfg = mapOf(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG to "latest")
        val url = "https://example.org/api/$payload"
    }
`;
const CSHARP_BLOCK = (i) => `
    public async Task Handle${i}(string payload)
    {
        var values = new Dictionary<string, object> { ["id"] = payload.Length + ${i} };
        foreach (var k in values.Keys) { _log.LogInformation("value {K} {V}", k, values[k]); }
        await _producer.ProduceAsync(OutTopic, new Message<string, string> { Value = payload });
        var cfg = new ConsumerConfig { GroupId = "group-${i}", AutoOffsetReset = AutoOffsetReset.Latest };
        var url = "https://example.org/api/" + payload;
    }
`;

function file(lines, head, block, tail) {
  const parts = [head];
  let i = 0;
  while (parts.join('').split('\n').length < lines) parts.push(block(i++));
  parts.push(tail);
  return parts.join('');
}

function time(fn, text, runs) {
  for (let i = 0; i < 5; i++) fn(text);
  const ts = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    fn(text);
    ts.push(performance.now() - s);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
}

(async () => {
  await ensureCodeGrammarsReady();
  const rows = [];
  for (const lines of [200, 5000]) {
    const runs = lines > 1000 ? 15 : 60;
    const java = file(lines, 'package a;\n\npublic class Handler {\n    static final String OUT_TOPIC = "out";\n', JAVA_BLOCK, '}\n');
    const kotlin = file(
      lines,
      'package a\n\nclass Handler(private val template: KafkaTemplate<String, String>) {\n    companion object { const val OUT_TOPIC = "out" }\n',
      KOTLIN_BLOCK,
      '}\n',
    );
    const cs = file(
      lines,
      'using Confluent.Kafka;\n\npublic class Handler\n{\n    private const string OutTopic = "out";\n',
      CSHARP_BLOCK,
      '}\n',
    );
    const jl = time((t) => extractJavaLexed('A.java', t, {}), java, runs);
    const jp = time((t) => extractJava('A.java', t, {}), java, runs);
    const kl = time((t) => extractJavaLexed('A.kt', t, {}), kotlin, runs);
    const kp = time((t) => extractJava('A.kt', t, {}), kotlin, runs);
    const cp = time((t) => extractCSharp('A.cs', t, {}), cs, runs);
    rows.push({
      lines,
      java: { lexer: jl, parsed: jp, ratio: jp / jl },
      kotlin: { lexer: kl, parsed: kp, ratio: kp / kl },
      csharp: { parsed: cp },
    });
  }
  for (const r of rows) {
    console.log(
      `${r.lines} lines: Java lexer ${r.java.lexer.toFixed(2)} ms, tree-sitter ${r.java.parsed.toFixed(2)} ms (x${r.java.ratio.toFixed(2)}); ` +
        `Kotlin lexer ${r.kotlin.lexer.toFixed(2)} ms, tree-sitter ${r.kotlin.parsed.toFixed(2)} ms (x${r.kotlin.ratio.toFixed(2)}); C# tree-sitter ${r.csharp.parsed.toFixed(2)} ms`,
    );
  }
})();
