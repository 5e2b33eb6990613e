// What each rule means, in one sentence, for hovers, SARIF rule descriptors and docs/rules.md.
import type { Severity } from '../model/common';
import type { RuleId } from '../model/findings';

export interface RuleDoc {
  title: string;
  summary: string;
  /** The default; the manifest's `rules:` may change it. Kept equal to the rule's own defaultSeverity. */
  severity: Severity;
}

export const RULE_DOCS: Record<RuleId, RuleDoc> = {
  'legacy-broker': {
    title: 'Connection string names the old cluster',
    summary:
      'This connection string still names a broker of the self-managed source cluster, so the service keeps using it until the reference is rewritten to the target.',
    severity: 'warning',
  },
  'producer-before-consumers': {
    title: 'Producer on the target before its consumers',
    summary:
      'A service produces to the target while a consumer of that topic is still on the source, and MirrorMaker copies only source to target, so that consumer silently stops receiving these records (data loss).',
    severity: 'error',
  },
  'offset-reset-not-earliest': {
    title: 'Consumer would skip records when it moves',
    summary:
      'Unless consumer offsets are synced to MSK (Kafka 2.7+ with sync enabled), a moved consumer group starts from its offset reset policy, and `latest` (also the kafkajs default, fromBeginning: false) silently skips the records mirrored before it joined, so use `earliest` for the move.',
    severity: 'error',
  },
  'auth-port-mismatch': {
    title: 'Port does not match the MSK auth mode',
    summary:
      'MSK listens on one port per client auth mode (plaintext 9092, TLS 9094, SASL/SCRAM 9096, IAM 9098; 919x public, 2009x IPv6), so a target broker on another port fails to connect or to handshake.',
    severity: 'error',
  },
  'topic-not-in-terraform': {
    title: 'Topic not declared',
    summary:
      'MSK does not create topics on first use (auto.create.topics.enable=false), so every topic a service uses must be declared (a Terraform `kafka_topic` or a Strimzi `KafkaTopic`) before the service moves (a repository that declares no topic at all gets one warning instead of an error per topic).',
    severity: 'error',
  },
  'mixed-clusters': {
    title: 'Service names both clusters',
    summary:
      'The service names the source and the target cluster in the same environment (for example a moved deploy file but an old fallback default in code), so it has not really moved: whichever value wins at run time decides where it connects.',
    severity: 'warning',
  },
  'security-protocol-mismatch': {
    title: "Client security does not match the target's auth",
    summary:
      "A connection string on, or moving to, the target whose client settings cannot talk to the target's auth (a PLAINTEXT:// scheme or security.protocol=PLAINTEXT with TLS, SASL or IAM; KAFKA_TLS=false; a SASL mechanism MSK does not accept) will not connect after the move.",
    severity: 'error',
  },
  'topic-not-mirrored': {
    title: 'Consumer on the target reads a topic the mirror does not bring',
    summary:
      "The repository's MirrorMaker 2 config does not copy this topic to the target under this name (it is outside `topics` / `topics.exclude`, or the default replication policy renames it `<source-alias>.<topic>`), so a consumer on the target reads nothing of what is produced on the source.",
    severity: 'error',
  },
};

export const RULE_IDS = Object.keys(RULE_DOCS).sort() as RuleId[];

export const RULES_DOC_URL = 'https://github.com/kafka-cutover/kafka-cutover/blob/main/docs/rules.md';

export function ruleHelpUri(rule: RuleId): string {
  return `${RULES_DOC_URL}#${rule}`;
}

/** The body of docs/rules.md: one `## <id>` section per rule, so `#<id>` anchors resolve on GitHub. */
export function rulesMarkdown(): string {
  const lines = ['# Rules', ''];
  for (const id of RULE_IDS) {
    const doc = RULE_DOCS[id];
    lines.push(`## ${id}`, '', `**${doc.title}** (default: ${doc.severity})`, '', doc.summary, '');
  }
  return lines.join('\n');
}
