// What an editor must watch and where it may look first, said by the engine that reads the files:
// the names its readers read, the marker files that make a service, and the folders it never enters.
import { formatNamePatterns } from '../extract';
import { DEPLOY_MARKERS, LANGUAGE_MARKERS, SKIP_DIRS } from './walk';

/**
 * Every file whose change can change an analysis: a name a reader reads (the manifest and the undo record
 * among them), a service marker (a new go.mod makes a new service) and `.gitignore` (it moves the scope).
 */
export function watchedFileGlob(): string {
  const markers = [...LANGUAGE_MARKERS, ...DEPLOY_MARKERS, '*.csproj', '.gitignore'];
  return `**/{${[...new Set([...formatNamePatterns(), ...markers])].join(',')}}`;
}

/** The folders discovery never enters, as one exclude glob (dependencies, build output, tool state). */
export function skippedFoldersGlob(): string {
  return `**/{${[...SKIP_DIRS].join(',')}}/**`;
}

/**
 * Files that name a project's Kafka client when it has one, most telling first: dependency manifests,
 * then compose files and the settings files clients read their brokers from.
 */
export const CLIENT_EVIDENCE_FILES: readonly string[] = [
  'package.json',
  'go.mod',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'requirements*.txt',
  'pyproject.toml',
  'Pipfile',
  'setup.py',
  '*.csproj',
  'Cargo.toml',
  'Gemfile',
  'docker-compose*.y*ml',
  'compose.y*ml',
  '.env',
  '.env.*',
  'application*.properties',
  'application*.y*ml',
];

export function clientEvidenceGlob(): string {
  return `**/{${CLIENT_EVIDENCE_FILES.join(',')}}`;
}

/** 0 for the most telling name (a dependency manifest), larger for weaker evidence; by CLIENT_EVIDENCE_FILES. */
export function evidenceRank(name: string): number {
  const at = CLIENT_EVIDENCE_FILES.findIndex((pattern) => globToRegExp(pattern).test(name));
  return at < 0 ? CLIENT_EVIDENCE_FILES.length : at;
}

// A client library or its settings: kafkajs, kafka-go, confluent-kafka, spring-kafka, kafka-clients,
// rdkafka, Confluent.Kafka, aiokafka all say "kafka"; sarama and franz-go do not; `bootstrap.servers`
// and its spellings are the setting every client has.
const KAFKA_MARKER = /kafka|sarama|franz-go|bootstrap[._-]?servers/i;

/** Whether the bytes (a file's first kilobytes) name a Kafka client or its settings. */
export function mentionsKafka(bytes: Uint8Array): boolean {
  return KAFKA_MARKER.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
}

function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}
