// Migrate / roll back commands: pick what to move, compute the engine's edits, apply them as one undoable
// WorkspaceEdit (with the refactor preview when they span files the user has not seen).
import * as vscode from 'vscode';
import { type Analysis, blockersOf, type Direction, migrateRefusals, type Refusal, rollbackRefusals, VERDICT_LABELS } from '../core';
import { UserError, type CommandDeps } from './commands';
import type { CutoverEditRequest, EditsReply } from './engine/protocol';
import { editCount, toRange, toWorkspaceEdit } from './edits';
import type { Session } from './session';

/** What a caller (palette, tree, lens, test) asks for; anything missing is asked for. */
export interface CutoverRequest {
  service?: string;
  env?: string;
  /** Workspace folder URI (string), when not the current one. */
  folder?: string;
  /** Show the refactor preview for multi-file edits (default true). */
  preview?: boolean;
  /** Move a blocked service without asking (callers that already warned). */
  force?: boolean;
  /** Open what is revealed beside the active editor (the plan view keeps its place). */
  beside?: boolean;
}

export interface CutoverResult {
  applied: boolean;
  services: string[];
  files: string[];
  /** Text edits (one per rewritten host). */
  edits: number;
  skipped: string[];
}

/** Tree items and lenses pass objects carrying a request; the palette passes nothing. */
export function requestOf(arg: unknown): CutoverRequest {
  if (typeof arg === 'string') return { service: arg };
  if (arg && typeof arg === 'object') {
    if ('request' in arg) return (arg as { request: CutoverRequest }).request;
    return arg as CutoverRequest;
  }
  return {};
}

export async function sessionFor(deps: CommandDeps, request: CutoverRequest, placeHolder: string): Promise<Session | undefined> {
  const session = request.folder
    ? deps.sessions.all.find((s) => s.folder.uri.toString() === request.folder)
    : await deps.sessions.pick(placeHolder);
  return session;
}

/** The session's analysis with every pending buffer change applied, or a reason why there is none. */
export async function freshAnalysis(session: Session): Promise<Analysis> {
  await session.flush();
  if (session.analysis) return session.analysis;
  if (session.state === 'scanning') throw new UserError(vscode.l10n.t('Kafka Cutover is still scanning {0}.', session.folder.name));
  if (session.manifestProblems.length) throw new UserError(vscode.l10n.t('The manifest has errors: see the Problems panel.'));
  throw new UserError(vscode.l10n.t('{0} has not been scanned yet.', session.folder.name));
}

interface ChangeTarget {
  request: CutoverRequest;
  session: Session;
  analysis: Analysis;
  env: string;
}

/** What a change applies to: the folder (asked for when not given), its fresh analysis and the environment. */
async function changeTarget(deps: CommandDeps, arg: unknown): Promise<ChangeTarget | undefined> {
  const request = requestOf(arg);
  const session = await sessionFor(deps, request, vscode.l10n.t('Folder to change'));
  if (!session) return undefined;
  const analysis = await freshAnalysis(session);
  const env = request.env ?? session.environment;
  if (!env) throw new UserError(vscode.l10n.t('No environment is known: create the manifest first.'));
  return { request, session, analysis, env };
}

export async function cutoverService(deps: CommandDeps, arg: unknown, direction: Direction): Promise<CutoverResult | undefined> {
  const target = await changeTarget(deps, arg);
  if (!target) return undefined;
  const { request, session, analysis, env } = target;
  const service = request.service ?? (await pickService(session, analysis, env, direction));
  if (!service) return undefined;
  if (!analysis.model.services.some((s) => s.name === service))
    throw new UserError(vscode.l10n.t('There is no service named {0}.', service));
  if (!request.force && !(await confirmGuarded(deps, session, analysis, service, env, direction))) return undefined;
  const set = await editsFor(session, { services: [service], env, direction });
  const label =
    direction === 'migrate'
      ? vscode.l10n.t('Migrate {0} to MSK ({1})', service, env)
      : vscode.l10n.t('Roll back {0} to EC2 ({1})', service, env);
  return apply(
    session,
    set,
    label,
    request.preview ?? true,
    direction === 'migrate'
      ? vscode.l10n.t('{0} has no connection string to the old cluster in {1}.', service, env)
      : vscode.l10n.t('{0} has no connection string to MSK in {1}.', service, env),
  );
}

export async function migrateReady(deps: CommandDeps, arg: unknown): Promise<CutoverResult | undefined> {
  const target = await changeTarget(deps, arg);
  if (!target) return undefined;
  const { request, session, analysis, env } = target;
  // Readiness as the host sees it (live evidence merged in): the worker rewrites exactly these services.
  const ready = Object.entries(analysis.plan.readiness[env] ?? {})
    .filter(([, r]) => r.ready)
    .map(([name]) => name);
  const set = await editsFor(session, { services: ready, env, direction: 'migrate' });
  return apply(
    session,
    set,
    vscode.l10n.t('Migrate ready services to MSK ({0})', env),
    request.preview ?? true,
    vscode.l10n.t('No service is ready to move in {0}.', env),
  );
}

/** The rewrite, computed in the worker beside the scanned texts. */
function editsFor(session: Session, request: CutoverEditRequest): Promise<EditsReply> {
  return session.ask<EditsReply>({ kind: 'cutoverEdits', folder: session.key, request });
}

async function apply(session: Session, set: EditsReply, label: string, preview: boolean, nothing: string): Promise<CutoverResult> {
  const files = set.byFile.map(([file]) => file).sort();
  const skipped = set.skipped.map((s) => `${s.ref.file}:${s.ref.range.start.line}: ${s.reason}`);
  for (const line of skipped) session.log.info(`skipped ${line}`);
  if (!files.length) throw new UserError(skipped.length ? `${nothing} ${skipped[0]}` : nothing);
  const edit = toWorkspaceEdit(session, set, { label, needsConfirmation: preview && files.length > 1 });
  // Not a "refactoring": VS Code would auto-save the files it changed that are not open (files.refactoring.autoSave),
  // and a cutover should reach the disk only when the user saves what the preview showed.
  const applied = await vscode.workspace.applyEdit(edit);
  if (applied) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0}: {1} file(s) changed. Save to keep the change; undo reverts it.', label, files.length),
    );
  }
  return { applied, services: set.services, files, edits: editCount(set.byFile), skipped };
}

/**
 * The in-editor twin of the CLI guard: the same refusals, asked in a modal whose first (focused, default)
 * button is the safe one. True when the user chose to go ahead anyway.
 */
async function confirmGuarded(
  deps: CommandDeps,
  session: Session,
  analysis: Analysis,
  service: string,
  env: string,
  direction: Direction,
): Promise<boolean> {
  const refusals: Refusal[] =
    direction === 'migrate'
      ? migrateRefusals(analysis.model, analysis.plan, [service], [env])
      : rollbackRefusals(analysis.model, [service], [env]);
  if (!refusals.length) return true;
  const show = vscode.l10n.t('Show blockers');
  const proceed = direction === 'migrate' ? vscode.l10n.t('Migrate anyway') : vscode.l10n.t('Roll back anyway');
  const message =
    direction === 'migrate'
      ? vscode.l10n.t('{0} is not safe to migrate in {1}.', service, env)
      : vscode.l10n.t('{0} is not safe to roll back in {1}.', service, env);
  const answer = await guardDialog.ask(message, { modal: true, detail: refusals.map((r) => r.message).join('\n\n') }, [show, proceed]);
  if (answer === show) await showBlockers(deps, { folder: session.folder.uri.toString(), service, env });
  return answer === proceed;
}

/**
 * The guard's modal, a seam the in-host tests replace to answer it. `items[0]` is focused by default, so
 * callers put the safe choice first; VS Code adds Cancel.
 */
export const guardDialog = {
  ask(message: string, options: vscode.MessageOptions, items: string[]): Thenable<string | undefined> {
    return vscode.window.showWarningMessage(message, options, ...items);
  },
};

async function pickService(session: Session, analysis: Analysis, env: string, direction: Direction): Promise<string | undefined> {
  const from = direction === 'migrate' ? 'source' : 'target';
  const candidates = analysis.model.services.filter((s) =>
    analysis.model.brokerRefs.some((r) => r.service === s.name && r.cluster === from && r.environment === env),
  );
  if (!candidates.length) {
    throw new UserError(
      direction === 'migrate'
        ? vscode.l10n.t('Every service is already on MSK in {0}.', env)
        : vscode.l10n.t('No service uses MSK in {0} yet.', env),
    );
  }
  const items = candidates.map((s) => {
    const blockers = blockersOf(analysis.plan, s.name, env);
    const verdict = analysis.plan.verdicts[env]?.[s.name] ?? 'absent';
    return {
      label: s.name,
      description: `${s.role} · wave ${analysis.plan.wave[s.name]}`,
      detail: blockers.length ? vscode.l10n.t('blocked by {0}', blockers.join(', ')) : VERDICT_LABELS[verdict],
    };
  });
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder:
      direction === 'migrate'
        ? vscode.l10n.t('Service to migrate to MSK in {0}', env)
        : vscode.l10n.t('Service to roll back to EC2 in {0}', env),
    matchOnDescription: true,
  });
  return picked?.label;
}

/**
 * Lists what stands between a service and a safe move: its blockers (where they consume), what is unknown
 * and the fixes it needs, each with its file:line; picking one opens that place.
 */
export async function showBlockers(deps: CommandDeps, arg: unknown): Promise<void> {
  const request = requestOf(arg);
  const session = await sessionFor(deps, request, vscode.l10n.t('Folder'));
  if (!session || !request.service) return;
  const analysis = await freshAnalysis(session);
  const env = request.env ?? session.environment;
  if (!env) return;
  const items = guardItems(analysis, request.service, env);
  if (!items.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is not blocked in {1}.', request.service, env));
    return;
  }
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: vscode.l10n.t('What {0} waits for in {1}', request.service, env),
    matchOnDetail: true,
  });
  if (picked?.place) {
    const { file, line, column } = picked.place;
    const at = new vscode.Position(line - 1, column - 1);
    await vscode.window.showTextDocument(session.uriOf(file), { selection: new vscode.Range(at, at) });
  }
}

interface GuardItem extends vscode.QuickPickItem {
  place?: { file: string; line: number; column: number };
}

function guardItems(analysis: Analysis, service: string, env: string): GuardItem[] {
  const r = analysis.plan.readiness[env]?.[service];
  const out: GuardItem[] = [];
  const where = (p: { file: string; line: number; column: number } | undefined) => (p ? `${p.file}:${p.line}:${p.column}` : undefined);
  for (const b of r?.blockers ?? []) {
    out.push({
      label: b.service,
      description: vscode.l10n.t('consumes {0}, still on the old cluster in {1}', b.topic, env),
      detail: where(b.evidence[0]),
      place: b.evidence[0],
    });
  }
  for (const u of r?.unknown ?? [])
    out.push({ label: `$(question) ${u.code}`, description: u.message, detail: where(u.evidence[0]), place: u.evidence[0] });
  for (const f of r?.fixes ?? []) out.push({ label: `$(tools) ${f.rule}`, description: f.message, detail: where(f), place: f });
  for (const refusal of rollbackRefusals(analysis.model, [service], [env])) {
    out.push({
      label: `$(arrow-left) ${refusal.subject}`,
      description: refusal.message,
      detail: where(refusal.evidence[0]),
      place: refusal.evidence[0],
    });
  }
  return out;
}

/** Opens the first connection string of a service (to the old cluster when it has one). */
export async function revealService(deps: CommandDeps, arg: unknown): Promise<void> {
  const request = requestOf(arg);
  const session = await sessionFor(deps, request, vscode.l10n.t('Folder'));
  if (!session?.analysis || !request.service) return;
  const env = request.env ?? session.environment;
  const refs = session.analysis.model.brokerRefs.filter((r) => r.service === request.service);
  const ref = refs.find((r) => r.cluster === 'source' && r.environment === env) ?? refs.find((r) => r.environment === env) ?? refs[0];
  if (!ref) return;
  await vscode.window.showTextDocument(session.uriOf(ref.file), {
    selection: toRange(ref.range),
    ...(request.beside ? { viewColumn: vscode.ViewColumn.Beside } : {}),
  });
}
