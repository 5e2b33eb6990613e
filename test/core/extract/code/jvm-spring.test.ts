import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractJava } from '../../../../src/core/extract/code/java';
import { ensureCodeGrammarsReady } from '../../../../src/core/extract/code/grammars';
import type { FileFacts, Range } from '../../../../src/core/model/types';

before(() => ensureCodeGrammarsReady());

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, column: c1 }, end: { line: l2, column: c2 } });
const uses = (f: FileFacts) => f.topicUses.map((t) => [t.direction, t.client, t.topic ?? t.via, t.range]);
const binding = (name: string) => ({ kind: 'placeholder', name: `spring.cloud.stream.bindings.${name}.destination`, fallback: name });

const LISTENER = `
@Component
public class LedgerListener {
    @Value("\${app.topics.out}")
    private String outTopic;
    private final LedgerProps props;

    @KafkaListener(topics = LedgerTopics.INBOUND, groupId = "\${app.group:ledger}")
    @SendTo("ledger.replies")
    public String on(String s) {
        kafkaTemplate.send(outTopic, s);
        kafkaTemplate.send(props.getAuditTopic(), s);
        kafkaTemplate.send(props.dlq(), s);
        streamBridge.send("ledger-out", s);
        return s;
    }

    @Bean
    public Function<Message<String>, Message<String>> enrich() { return m -> m; }
    @Bean
    public Consumer<String> archive() { return s -> {}; }
    @Bean
    public Supplier<String> heartbeat() { return () -> "t"; }
    @Bean
    public Consumer<String, String> rawConsumer() { return null; }
}

@ConfigurationProperties(prefix = "app.ledger")
class LedgerProps {
    private String auditTopic = "ledger.audit";
    private String dlq;
}
`;

test('Spring: @Value fields and @ConfigurationProperties getters in send, constants in @KafkaListener, @SendTo, StreamBridge, functional beans', () => {
  const f = extractJava('ledger/src/main/java/LedgerListener.java', LISTENER.slice(1), {});
  assert.deepEqual(uses(f), [
    ['consume', 'spring', { kind: 'constant', name: 'INBOUND' }, r(7, 29, 7, 49)],
    ['produce', 'spring', 'ledger.replies', r(8, 14, 8, 28)],
    ['produce', 'spring', { kind: 'placeholder', name: 'app.topics.out' }, r(10, 28, 10, 36)],
    // Spring's canonical property name for the field, with the field's initializer as default.
    ['produce', 'spring', { kind: 'placeholder', name: 'app.ledger.audit-topic', fallback: 'ledger.audit' }, r(11, 28, 11, 49)],
    ['produce', 'spring', { kind: 'placeholder', name: 'app.ledger.dlq' }, r(12, 28, 12, 39)],
    ['produce', 'spring-cloud-stream', binding('ledger-out'), r(13, 28, 13, 38)],
    ['consume', 'spring-cloud-stream', binding('enrich-in-0'), r(18, 55, 18, 61)],
    ['produce', 'spring-cloud-stream', binding('enrich-out-0'), r(18, 55, 18, 61)],
    ['consume', 'spring-cloud-stream', binding('archive-in-0'), r(20, 29, 20, 36)],
    ['produce', 'spring-cloud-stream', binding('heartbeat-out-0'), r(22, 29, 22, 38)],
    // `Consumer<String, String> rawConsumer()` is a Kafka client bean, not a function: no binding.
  ]);
  assert.deepEqual(
    f.groups.map((g) => [g.client, g.via, g.range]),
    [['spring', { kind: 'placeholder', name: 'app.group', fallback: 'ledger' }, r(7, 62, 7, 81)]],
  );
  assert.deepEqual(f.brokerRefs, []);
});

test('functional beans bind topics only where Spring Cloud Stream can be in play', () => {
  const text =
    'class C {\n  @Bean\n  public Function<String, String> upper() { return String::toUpperCase; }\n  void f() { kafkaTemplate.send("t", v); }\n}\n';
  assert.deepEqual(uses(extractJava('C.java', text, {})), [['produce', 'spring', 't', r(4, 34, 4, 35)]]);
});

test('Spring: send on a name declared as a KafkaTemplate (field, constructor parameter, Kotlin property) produces; another receiver does not', () => {
  const java = `@Service
public class Courier {
    private final KafkaTemplate<String, String> out;
    private final Mailer mail;
    @Value("\${courier.topics.legs}")
    private String legsTopic;

    public Courier(KafkaTemplate<String, String> out, Mailer mail) {
        this.out = out;
        this.mail = mail;
    }

    void leg(String l) {
        out.send(legsTopic, l);
        this.out.send("courier.audit", l);
        mail.send("courier.mail", l);
    }
}
`;
  assert.deepEqual(uses(extractJava('courier/src/main/java/Courier.java', java, {})), [
    ['produce', 'spring', { kind: 'placeholder', name: 'courier.topics.legs' }, r(14, 18, 14, 27)],
    ['produce', 'spring', 'courier.audit', r(15, 24, 15, 37)],
  ]);
  const kotlin = `@Service
class Courier(private val out: KafkaOperations<String, String>, private val mail: Mailer) {
    fun leg(l: String) {
        out.send("courier.legs", l)
        mail.send("courier.mail", l)
    }
}
`;
  assert.deepEqual(uses(extractJava('courier/src/main/kotlin/Courier.kt', kotlin, {})), [
    ['produce', 'spring', 'courier.legs', r(4, 19, 4, 31)],
  ]);
});
