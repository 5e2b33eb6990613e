// The shapes every part of the engine agrees on, one file per stage of the pipeline:
// files -> FileFacts (facts.ts) -> Model (repository.ts) -> Plan (readiness.ts) -> Finding (findings.ts)
// -> edits; manifest.ts is the input beside the files, common.ts what every stage shares.
// This index is kept for existing imports; new code imports the stage file it needs.
export * from './common';
export * from './manifest';
export * from './facts';
export * from './repository';
export * from './readiness';
export * from './findings';
