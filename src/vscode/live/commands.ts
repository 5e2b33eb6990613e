// The live commands: one per check, all of them, a lag refresh, and the secrets they need.
import * as vscode from 'vscode';
import type { ClusterSide, SecretKind } from '../../live/secrets';
import { CHECKS, type CheckName } from '../../live/checks/types';
import { registerCommand, UserError, type CommandDeps } from '../commands';
import { freshAnalysis, sessionFor } from '../cutover';
import type { LiveChecks, LiveRequest } from './controller';
import { kindLabel } from './secrets';

/** The environment name the fleet cluster's secrets are stored under (side `target`). */
export const FLEET_SECRET_ENV = 'fleet';

export const LIVE_COMMANDS = {
  checkConnectivity: 'kafkaCutover.live.checkConnectivity',
  checkTopics: 'kafkaCutover.live.checkTopics',
  checkMirror: 'kafkaCutover.live.checkMirror',
  checkLag: 'kafkaCutover.live.checkLag',
  checkClients: 'kafkaCutover.live.checkClients',
  checkOffsets: 'kafkaCutover.live.checkOffsets',
  checkProducers: 'kafkaCutover.live.checkProducers',
  checkHealth: 'kafkaCutover.live.checkHealth',
  runAll: 'kafkaCutover.live.runAll',
  refreshLag: 'kafkaCutover.live.refreshLag',
  setSecret: 'kafkaCutover.live.setSecret',
  clearSecrets: 'kafkaCutover.live.clearSecrets',
} as const;

/** Palette: nothing; tree items: `{ request }`; tests and links: `{ folder, env }`. */
function liveRequest(arg: unknown): LiveRequest {
  if (!arg || typeof arg !== 'object') return {};
  const request = 'request' in arg ? (arg as { request: LiveRequest }).request : (arg as LiveRequest);
  return { folder: request.folder, env: request.env };
}

export interface SecretRequest extends LiveRequest {
  side?: ClusterSide;
  kind?: SecretKind;
  /** For automation and tests; the palette asks with a password box. */
  value?: string;
}

export function registerLiveCommands(deps: CommandDeps, live: LiveChecks): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- VS Code passes command arguments untyped; each handler declares its own
  const bind = (id: string, handler: (...args: any[]) => unknown) => registerCommand(deps, id, handler);
  bind(LIVE_COMMANDS.checkConnectivity, (arg?: unknown) => live.run(liveRequest(arg), ['connect']));
  bind(LIVE_COMMANDS.checkTopics, (arg?: unknown) => live.run(liveRequest(arg), ['topics']));
  bind(LIVE_COMMANDS.checkMirror, (arg?: unknown) => live.run(liveRequest(arg), ['mirror']));
  bind(LIVE_COMMANDS.checkLag, (arg?: unknown) => live.run(liveRequest(arg), ['lag']));
  bind(LIVE_COMMANDS.checkClients, (arg?: unknown) => live.run(liveRequest(arg), ['clients']));
  bind(LIVE_COMMANDS.checkOffsets, (arg?: unknown) => live.run(liveRequest(arg), ['offsets']));
  bind(LIVE_COMMANDS.checkProducers, (arg?: unknown) => live.run(liveRequest(arg), ['producers']));
  bind(LIVE_COMMANDS.checkHealth, (arg?: unknown) => live.run(liveRequest(arg), ['health']));
  bind(LIVE_COMMANDS.runAll, (arg?: unknown) => live.run(liveRequest(arg), [...CHECKS] as CheckName[]));
  bind(LIVE_COMMANDS.refreshLag, (arg?: unknown) => live.run(liveRequest(arg), ['lag'], { quiet: true }));
  bind(LIVE_COMMANDS.setSecret, (arg?: SecretRequest) => setSecret(deps, live, arg ?? {}));
  bind(LIVE_COMMANDS.clearSecrets, (arg?: { env?: string; confirm?: boolean }) => clearSecrets(live, arg ?? {}));
}

async function setSecret(deps: CommandDeps, live: LiveChecks, request: SecretRequest): Promise<boolean> {
  const session = await sessionFor(deps, request, vscode.l10n.t('Folder'));
  if (!session) return false;
  const manifest = await (await freshAnalysis(session)).model.manifest;
  const environments = manifest.environments;
  if (!environments.length)
    throw new UserError(vscode.l10n.t('Live checks need a kafka-cutover.yaml with environments (source and target brokers).'));
  // The fleet cluster (`fleet:`) is one more place a secret can belong to; the Fleet view reads it as ('fleet', target).
  const names = [
    ...environments.map((e) => e.name),
    ...(manifest.fleet && !environments.some((e) => e.name === FLEET_SECRET_ENV) ? [FLEET_SECRET_ENV] : []),
  ];
  let envName = request.env;
  if (!envName) {
    envName = names.length === 1 ? names[0]! : await vscode.window.showQuickPick(names, { placeHolder: vscode.l10n.t('Environment') });
    if (!envName) return false;
  }
  const fleetCluster = envName === FLEET_SECRET_ENV && names.includes(FLEET_SECRET_ENV) ? manifest.fleet!.cluster : undefined;
  const environment = fleetCluster
    ? { name: FLEET_SECRET_ENV, source: fleetCluster, target: fleetCluster }
    : environments.find((e) => e.name === envName);
  if (!environment) throw new UserError(vscode.l10n.t('There is no environment named {0} in the manifest.', envName));
  let side = fleetCluster ? 'target' : request.side;
  if (!side) {
    const picked = await vscode.window.showQuickPick(
      (['source', 'target'] as const).map((s) => ({
        label: s,
        description: `${environment[s].auth ?? 'plaintext'} · ${environment[s].brokers[0] ?? ''}`,
        side: s,
      })),
      { placeHolder: vscode.l10n.t('Cluster of {0}', environment.name) },
    );
    if (!picked) return false;
    side = picked.side;
  }
  const endpoint = environment[side];
  const kind: SecretKind | undefined =
    request.kind ?? (endpoint.auth === 'sasl_scram' ? 'PASSWORD' : endpoint.auth === 'mtls' ? 'KEY_PASSPHRASE' : undefined);
  if (!kind) {
    throw new UserError(
      vscode.l10n.t(
        'The {0} of {1} uses {2}: it needs no password or key passphrase.',
        side,
        environment.name,
        endpoint.auth ?? 'plaintext',
      ),
    );
  }
  const value =
    request.value ??
    (await vscode.window.showInputBox({
      password: true,
      ignoreFocusOut: true,
      title: vscode.l10n.t('Kafka Cutover: {0} of {1} ({2})', kindLabel(kind), side, environment.name),
      prompt:
        kind === 'PASSWORD' && endpoint.username
          ? vscode.l10n.t(
              'SASL/SCRAM password of {0}. Kept in the OS keychain (VS Code SecretStorage), never in settings.',
              endpoint.username,
            )
          : vscode.l10n.t('Kept in the OS keychain (VS Code SecretStorage), never in settings.'),
    }));
  if (value === undefined || value === '') return false;
  await live.secrets.store({ environment: environment.name, side, kind }, value);
  deps.log.info(`stored the ${kind === 'PASSWORD' ? 'password' : 'key passphrase'} of ${side} (${environment.name}) in SecretStorage`);
  if (request.value === undefined)
    void vscode.window.showInformationMessage(vscode.l10n.t('Stored the {0} of {1} ({2}).', kindLabel(kind), side, environment.name));
  return true;
}

async function clearSecrets(live: LiveChecks, request: { env?: string; confirm?: boolean }): Promise<number> {
  const stored = live.secrets.stored(request.env);
  if (!stored.length) {
    if (request.confirm !== false) void vscode.window.showInformationMessage(vscode.l10n.t('No cluster secrets are stored.'));
    return 0;
  }
  if (request.confirm !== false) {
    const clear = vscode.l10n.t('Clear');
    const names = stored.map((s) => `${s.side} (${s.environment})`).join(', ');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Clear {0} stored cluster secret(s): {1}?', stored.length, names),
      { modal: true },
      clear,
    );
    if (answer !== clear) return 0;
  }
  return live.secrets.clear(request.env);
}
