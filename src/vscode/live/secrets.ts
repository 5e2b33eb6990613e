// Passwords and key passphrases for the live checks, kept in VS Code's SecretStorage (the OS keychain),
// never in settings, the manifest or a log. SecretStorage cannot list its keys, so the names (not the
// values) of what was stored are remembered in global state for Clear Cluster Secrets.
import * as vscode from 'vscode';
import type { ClusterSide, SecretKind, SecretSource } from '../../live/secrets';

const INDEX_KEY = 'kafkaCutover.live.storedSecrets';

export interface StoredSecret {
  environment: string;
  side: ClusterSide;
  kind: SecretKind;
}

export function secretKey(s: StoredSecret): string {
  return `kafkaCutover.live/${s.environment}/${s.side}/${s.kind}`;
}

export function kindLabel(kind: SecretKind): string {
  return kind === 'PASSWORD' ? vscode.l10n.t('SASL/SCRAM password') : vscode.l10n.t('client key passphrase');
}

export class ClusterSecrets implements SecretSource {
  constructor(
    private readonly storage: vscode.SecretStorage,
    private readonly index: vscode.Memento,
  ) {}

  async get(environment: string, side: ClusterSide, kind: SecretKind): Promise<string | undefined> {
    const value = await this.storage.get(secretKey({ environment, side, kind }));
    return value === undefined || value === '' ? undefined : value;
  }

  describe(environment: string, side: ClusterSide, kind: SecretKind): string {
    return vscode.l10n.t('the {0} of {1} ({2}) with “Kafka Cutover: Set Cluster Secret…”', kindLabel(kind), side, environment);
  }

  async store(secret: StoredSecret, value: string): Promise<void> {
    await this.storage.store(secretKey(secret), value);
    const stored = this.stored().filter((s) => secretKey(s) !== secretKey(secret));
    await this.index.update(INDEX_KEY, [...stored, secret]);
  }

  /** What was stored (names only), optionally of one environment. */
  stored(environment?: string): StoredSecret[] {
    const all = this.index.get<StoredSecret[]>(INDEX_KEY, []);
    return environment === undefined ? all : all.filter((s) => s.environment === environment);
  }

  /** Deletes the stored secrets (of one environment, or all); returns how many. */
  async clear(environment?: string): Promise<number> {
    const doomed = this.stored(environment);
    for (const s of doomed) await this.storage.delete(secretKey(s));
    const kept = this.stored().filter((s) => !doomed.some((d) => secretKey(d) === secretKey(s)));
    await this.index.update(INDEX_KEY, kept);
    return doomed.length;
  }
}
