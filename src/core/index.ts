// The engine's public surface, for the CLI, the extension, the live checks and the benchmark. Adapters
// import the engine only from here (the lint rule layers/imports holds them to it).
export { RepositoryIndex, type Analysis, type IndexOptions } from './repositoryIndex';
export { compiledTreeHash, defaultCacheDir, engineKey } from './scan/cache';
// The parsers' WebAssembly, compiled ahead of the first scan (the editor's worker starts it at once).
export { ensureCodeGrammarsReady, ensureHclReady } from './extract';
export type * from './model/types';
export { emptyFacts } from './model/facts';
export { watchedFileGlob, skippedFoldersGlob, clientEvidenceGlob, evidenceRank, mentionsKafka } from './discover/watch';

// The manifest
export { parseManifest, ManifestError, MANIFEST_FILE } from './manifest/load';
export { brokerRange } from './manifest/locate';
export { manifestText } from './manifest/starter';

// Domain facts
export { DEFAULT_KAFKA_PORT, parseBroker, socketHost, type BrokerAddress } from './domain/brokers';
export { isMskHost, mskRegion } from './domain/msk';
export { portForHost } from './domain/ports';

// Plan, rules, views
export { makePlan, WAVE_TITLES } from './plan/plan';
export { explain } from './plan/evidence';
export { migrateRefusals, readyToMigrate, rollbackRefusals, type FixFlags, type Refusal } from './plan/guard';
export { applyLiveEvidence, type LiveEvidence } from './plan/live';
export { RULES, RULE_IDS, runRules } from './rules';
export { securityMismatches, type SecurityMismatch } from './rules/security-protocol-mismatch';
export {
  blockersOf,
  findingsOfService,
  hazardCount,
  pickEnvironment,
  progressIn,
  refAt,
  refSummary,
  serviceStatus,
  VERDICT_LABELS,
  type ServiceStatus,
} from './view/status';
export { edgeLabel, edgeTooltip, neighbourhood, planGraph, type PlanGraph, type PlanGraphNode } from './view/planGraph';

// Edits and writing them
export {
  cutoverEdits,
  missingTopicEdit,
  topicDeclarationFile,
  offsetResetEdits,
  portFixEdits,
  previewTexts,
  rollbackEdits,
  securityFixEdits,
  updatedRecord,
  type EditSet,
  type RollbackSet,
  type RefSelection,
} from './actions/cutover';
export type { Direction } from './rewrite/brokers';
export { unifiedDiff } from './rewrite/diff';
export {
  emptyUndoRecord,
  isEmptyRecord,
  parseUndoRecord,
  serializeUndoRecord,
  UNDO_FILE,
  type RecordableEdit,
  type UndoRecord,
} from './rewrite/undo';
export { applyToDisk, UserFacingError, writeAtomically, type FileEdits } from './rewrite/writeFiles';

// Reports
export { buildReport, renderReport, RULE_DOCS, type ReportFormat } from './report';
export { renderExplanation } from './report/explain';
export { environmentSummary, readinessText } from './report/summary';
export { fitTable, hangingLines, placedLines } from './report/fit';

// The fleet across repositories
export { applyFleet } from './fleet/local';
export { planFleet, type FleetPlan, type FleetService, type FleetStatus, type FleetVerdict } from './fleet/plan';
export {
  decodeRecord,
  liveKey,
  serviceKey,
  serviceRecords,
  type FleetEntry,
  type FleetLiveRecord,
  type FleetServiceRecord,
} from './fleet/record';
export { fleetSummaryLine, renderFleet, type FleetFormat } from './fleet/render';
export { repositoryIdentity } from './fleet/repository';
export { fleetTopicTerraform } from './fleet/terraform';
