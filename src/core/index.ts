// The engine's public surface, for the CLI, the extension, the live checks and the benchmark.
export { Workspace, type Analysis, type WorkspaceOptions } from './workspace';
export { parseManifest, ManifestError, MANIFEST_FILE } from './manifest/load';
export { cutoverEdits, portFixEdits, offsetResetEdits, missingTopicEdit, previewTexts, type Scope, type EditSet } from './actions/cutover';
export { makePlan, WAVE_TITLES } from './plan/plan';
export { RULES, RULE_IDS, runRules } from './rules';
export type * from './model/types';
export { watchedFileGlob, skippedFoldersGlob, clientEvidenceGlob, evidenceRank, mentionsKafka } from './discover/watch';
