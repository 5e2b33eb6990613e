// Where passwords and key passphrases come from. The CLI reads environment variables; the editor
// extension supplies one backed by its SecretStorage. Values never go into the manifest, logs or errors.

export type ClusterSide = 'source' | 'target';
export type SecretKind = 'PASSWORD' | 'KEY_PASSPHRASE';

export interface SecretSource {
  get(environment: string, side: ClusterSide, kind: SecretKind): Promise<string | undefined>;
  /** Where the user puts the secret, for messages: `env KAFKA_CUTOVER_PROD_TARGET_PASSWORD`. */
  describe(environment: string, side: ClusterSide, kind: SecretKind): string;
}

/** `KAFKA_CUTOVER_<ENV>_<SOURCE|TARGET>_<KIND>`; the environment name upper-cased, other characters as `_`. */
export function secretVariable(environment: string, side: ClusterSide, kind: SecretKind): string {
  return `KAFKA_CUTOVER_${environment.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_${side.toUpperCase()}_${kind}`;
}

export function envSecrets(env: NodeJS.ProcessEnv): SecretSource {
  return {
    async get(environment, side, kind) {
      const value = env[secretVariable(environment, side, kind)];
      return value === undefined || value === '' ? undefined : value;
    },
    describe: (environment, side, kind) => `environment variable ${secretVariable(environment, side, kind)}`,
  };
}

/** The fleet cluster's secrets: `KAFKA_CUTOVER_FLEET_PASSWORD` and `KAFKA_CUTOVER_FLEET_KEY_PASSPHRASE`. */
export function fleetSecretVariable(kind: SecretKind): string {
  return `KAFKA_CUTOVER_FLEET_${kind}`;
}

export function envFleetSecrets(env: NodeJS.ProcessEnv): SecretSource {
  return {
    async get(_environment, _side, kind) {
      const value = env[fleetSecretVariable(kind)];
      return value === undefined || value === '' ? undefined : value;
    },
    describe: (_environment, _side, kind) => `environment variable ${fleetSecretVariable(kind)}`,
  };
}
