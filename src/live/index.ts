// The live checks' public face, for the CLI and the editor extension.
export * from './client';
export * from './connection';
export * from './secrets';
export { explain } from './explain';
export { kafkaJsClient, type KafkaJsClientOptions, type LiveLogEntry } from './kafkajs';
export { runLiveChecks, CHECKS, type LiveCheckOptions } from './run';
export type { CheckName, CheckResult, LiveFinding } from './checks/types';
export type { TopicRow, TopicShape } from './checks/topics';
export type { MirrorResults, TopicMirror, PartitionMirror } from './checks/mirror';
export type { GroupLag, PartitionLag } from './checks/lag';
export type { SideReach, BrokerReach } from './checks/connect';
export { DEFAULT_LAG_THRESHOLD } from './checks/lag';
