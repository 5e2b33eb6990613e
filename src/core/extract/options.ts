export interface ExtractOptions {
  /** Lower-cased host names the manifest names (source, target, aliases): accepted wherever they appear. */
  knownHosts?: ReadonlySet<string>;
}
