// Select Environment and Copy Status: small commands about what the views show.
import * as vscode from 'vscode';
import { blockersOf, progressIn, serviceStatus } from '../core';
import { UserError, type CommandDeps } from './commands';
import { freshAnalysis, requestOf, sessionFor } from './cutover';

export async function selectEnvironment(deps: CommandDeps, arg?: unknown): Promise<string | undefined> {
  const request = typeof arg === 'string' ? { env: arg } : requestOf(arg);
  const session = await sessionFor(deps, request, vscode.l10n.t('Folder'));
  if (!session) return undefined;
  const analysis = await freshAnalysis(session);
  const envs = analysis.model.environments;
  if (!envs.length) throw new UserError(vscode.l10n.t('No environment is known: create the manifest first.'));
  let env = request.env;
  if (!env) {
    const picked = await vscode.window.showQuickPick(
      envs.map((e) => {
        const { moved, present } = progressIn(analysis.model, e);
        return { label: e, description: vscode.l10n.t('{0} / {1} on MSK', moved, present), picked: e === session.environment };
      }),
      { placeHolder: vscode.l10n.t('Environment to show') },
    );
    env = picked?.label;
  }
  if (!env) return undefined;
  if (!envs.includes(env)) throw new UserError(vscode.l10n.t('There is no environment named {0}.', env));
  await deps.sessions.chooseEnvironment(session, env);
  return env;
}

/** One line per service state, e.g. `billing-api · prod: blocked by a, b`, to paste into a chat or ticket. */
export async function copyStatus(deps: CommandDeps, arg?: unknown): Promise<string | undefined> {
  const request = requestOf(arg);
  const session = await sessionFor(deps, request, vscode.l10n.t('Folder'));
  if (!session || !request.service) return undefined;
  const analysis = await freshAnalysis(session);
  const service = analysis.model.services.find((s) => s.name === request.service);
  const env = request.env ?? session.environment;
  if (!service || !env) return undefined;
  const status = serviceStatus(service, env, analysis.plan);
  const blockers = blockersOf(analysis.plan, service.name, env);
  const text = `${service.name} · ${env}: ${status}${blockers.length ? ` (blocked by ${blockers.join(', ')})` : ''}`;
  await vscode.env.clipboard.writeText(text);
  return text;
}
