export { startClusters } from './clusters';
export type {
  ClusterName,
  Clusters,
  HarnessPaths,
  HarnessTimings,
  MirrorHandle,
  SourceCluster,
  StartClustersOptions,
  TargetCluster,
} from './clusters';
export { recordCount } from './readiness';
