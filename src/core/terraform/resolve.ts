// The second step of reading Terraform: a module is a folder, so kafka_topic/kafka_acl resources whose
// for_each or names use locals or variables declared in sibling files are expanded here, and MSK
// clusters learn auto.create.topics.enable from a configuration declared in another file. A folder that a
// local `module` call uses is a module: its kafka_topic resources are expanded once per call, with the
// call's inputs evaluated in the caller's folder (address `module.<call>.kafka_topic.<name>[key]`).
import * as path from 'node:path';
import type { Problem } from '../model/common';
import type { FileFacts, TopicDecl } from '../model/facts';
import { evaluate, type Val } from './evaluate';
import { declarationsOf, type ModuleCall, type TerraformFileFacts, type TerraformFileScope } from './module';
import { expandResource, isModuleCallProblem, isRootReadingProblem } from './resources';

/**
 * Completes the Terraform declarations of every folder. Returns the facts in the same order; facts it
 * changes are copies (the inputs are not modified), and their pending work is cleared so that calling
 * this again adds nothing twice.
 */
export function resolveTerraform(facts: FileFacts[]): FileFacts[] {
  const result: TerraformFileFacts[] = facts.slice();
  const byFolder = new Map<string, number[]>();
  result.forEach((f, i) => {
    if (!f.terraform) return;
    const folder = path.posix.dirname(f.file);
    const members = byFolder.get(folder) ?? [];
    members.push(i);
    byFolder.set(folder, members);
  });
  // Copy-on-write: each facts object that gains something is copied once.
  const copied = new Set<number>();
  const writable = (i: number): TerraformFileFacts => {
    if (!copied.has(i)) {
      const f = result[i];
      result[i] = {
        ...f,
        topicDecls: [...f.topicDecls],
        acls: [...f.acls],
        mskClusters: f.mskClusters.map((c) => ({ ...c })),
        problems: [...f.problems],
        terraform: f.terraform && { ...f.terraform, pending: [], mskLinks: {} },
      };
      copied.add(i);
    }
    return result[i];
  };
  const calls = moduleCalls(result, byFolder);
  // A folder some module call uses is not a root: its topics exist once per call, with the call's inputs.
  const called = new Set(calls.map((c) => c.callee));
  for (const folder of called) {
    for (const i of byFolder.get(folder) ?? []) {
      const f = result[i];
      const resources = f.terraform?.topicResources ?? [];
      const rootProblem = (p: Problem) => resources.some((r) => isRootReadingProblem(p, r));
      if (!f.topicDecls.some(isResourceTopic) && !f.problems.some(rootProblem)) continue;
      const owner = writable(i);
      owner.topicDecls = f.topicDecls.filter((d) => !isResourceTopic(d));
      owner.problems = f.problems.filter((p) => !rootProblem(p));
    }
  }
  const indexOfFile = new Map(result.map((f, i) => [f.file, i]));
  for (const [folder, members] of byFolder) {
    if (!members.some((i) => hasWork((facts[i] as TerraformFileFacts).terraform))) continue;
    const scopes = members.map((i) => ({ file: result[i].file, scope: result[i].terraform as TerraformFileScope }));
    const declarations = declarationsOf(scopes);
    const configurations: Record<string, boolean> = {};
    for (const { scope } of scopes) for (const [name, value] of Object.entries(scope.mskConfigurations)) configurations[name] ??= value;
    const isModule = called.has(folder);
    for (const i of members) {
      // The input's scope: result[i] may already be a copy whose pending work was cleared.
      const scope = (facts[i] as TerraformFileFacts).terraform;
      if (!scope || !hasWork(scope)) continue;
      const { pending, mskLinks } = scope;
      const owner = writable(i);
      for (const resource of pending) {
        // A module's topics wait for its callers' inputs (below).
        if (isModule && resource.type === 'kafka_topic') continue;
        const expanded = expandResource(resource, declarations);
        if (expanded.kind === 'missing') {
          owner.problems.push(
            notDeclared(resource.file, resource.header.start, resource.type, `${resource.type}.${resource.name}`, expanded.why),
          );
          continue;
        }
        // Each declaration goes with the file its range points into (a locals file, or the resource's).
        for (const topic of expanded.topics) writable(indexOfFile.get(topic.file) ?? i).topicDecls.push(topic);
        for (const acl of expanded.acls) writable(indexOfFile.get(acl.file) ?? i).acls.push(acl);
        owner.problems.push(...expanded.problems);
      }
      for (const [cluster, configuration] of Object.entries(mskLinks)) {
        const known = configurations[configuration];
        const decl = owner.mskClusters.find((c) => c.name === cluster);
        if (decl && known !== undefined) decl.autoCreateTopics = known;
      }
    }
  }
  for (const call of calls) followModule(call, result, byFolder, indexOfFile, called, writable);
  return result;
}

/**
 * Topics of a module's kafka_topic resources: read as a root module's (`kafka_topic.x`, from its defaults),
 * or by an earlier resolve (`module.c.kafka_topic.x`); both are recomputed from the calls.
 */
function isResourceTopic(d: TopicDecl): boolean {
  return !!d.address && (d.address.startsWith('kafka_topic.') || d.address.startsWith('module.'));
}

interface ResolvedCall {
  call: ModuleCall;
  caller: string;
  callee: string;
}

/** Module calls whose local source is a folder of the given facts. */
function moduleCalls(facts: TerraformFileFacts[], byFolder: ReadonlyMap<string, number[]>): ResolvedCall[] {
  const out: ResolvedCall[] = [];
  for (const f of facts) {
    for (const call of f.terraform?.modules ?? []) {
      const caller = path.posix.dirname(f.file);
      const callee = path.posix.normalize(path.posix.join(caller, call.source)).replace(/\/$/, '');
      if (byFolder.has(callee) && callee !== caller) out.push({ call, caller, callee });
    }
  }
  return out;
}

/** Folders to resolve together with `folders`: the callers and callees of their module calls. */
export function linkedFolders(facts: FileFacts[], folders: ReadonlySet<string>): Set<string> {
  const byFolder = new Map<string, number[]>();
  facts.forEach((f, i) => {
    if ((f as TerraformFileFacts).terraform)
      byFolder.set(path.posix.dirname(f.file), [...(byFolder.get(path.posix.dirname(f.file)) ?? []), i]);
  });
  const out = new Set(folders);
  for (const { caller, callee } of moduleCalls(facts as TerraformFileFacts[], byFolder)) {
    if (folders.has(caller) || folders.has(callee)) {
      out.add(caller);
      out.add(callee);
    }
  }
  return out;
}

// Arguments of a module block that are Terraform's own, not inputs of the module.
const META_ARGUMENTS = new Set(['source', 'version', 'providers', 'depends_on', 'count', 'for_each']);

/** Expands the callee's kafka_topic resources with the call's inputs, evaluated in the caller's folder. */
function followModule(
  { call, caller, callee }: ResolvedCall,
  result: TerraformFileFacts[],
  byFolder: ReadonlyMap<string, number[]>,
  indexOfFile: ReadonlyMap<string, number>,
  called: ReadonlySet<string>,
  writable: (i: number) => TerraformFileFacts,
): void {
  const callerIndex = indexOfFile.get(call.file)!;
  // What an earlier resolve said about this call is said again below, not twice.
  if (result[callerIndex].problems.some((p) => isModuleCallProblem(p, call.file, call.name))) {
    const caller = writable(callerIndex);
    caller.problems = caller.problems.filter((p) => !isModuleCallProblem(p, call.file, call.name));
  }
  const info = (message: string) =>
    writable(callerIndex).problems.push({
      file: call.file,
      line: call.header.start.line,
      column: call.header.start.column,
      severity: 'info',
      message,
    });
  const calleeScopes = (byFolder.get(callee) ?? []).map((i) => ({
    file: result[i].file,
    scope: result[i].terraform as TerraformFileScope,
  }));
  const resources = calleeScopes.flatMap(({ scope }) => scope.topicResources ?? []);
  if (!resources.length) return;
  const address = `module.${call.name}`;
  if (call.inputs.for_each || call.inputs.count) {
    info(`the topics of ${address} are not computed: a module call with for_each or count is not expanded`);
    return;
  }
  if (called.has(caller)) {
    info(`the topics of ${address} are not computed: a module called from another module is not followed`);
    return;
  }
  const callerScopes = (byFolder.get(caller) ?? []).map((i) => ({
    file: result[i].file,
    scope: result[i].terraform as TerraformFileScope,
  }));
  const callerDeclarations = declarationsOf(callerScopes);
  const inputs = new Map<string, Val>();
  for (const [name, value] of Object.entries(call.inputs)) {
    if (!META_ARGUMENTS.has(name)) inputs.set(name, evaluate(value, { file: call.file, ...callerDeclarations }));
  }
  // A module's own .tfvars are not loaded by Terraform: only its variables' defaults count.
  const declarations = declarationsOf(calleeScopes.filter(({ file }) => !file.endsWith('.tfvars')));
  for (const resource of resources) {
    const expanded = expandResource(resource, declarations, { inputs, prefix: `${address}.` });
    if (expanded.kind === 'missing') {
      info(
        `could not compute the topic names of ${address}.${resource.type}.${resource.name}: ${expanded.why}, and the call does not set it`,
      );
      continue;
    }
    const owner = writable(indexOfFile.get(resource.file)!);
    owner.topicDecls.push(...expanded.topics);
    owner.problems.push(...expanded.problems);
  }
}

function hasWork(scope: TerraformFileScope | undefined): boolean {
  return !!scope && (scope.pending.length > 0 || Object.keys(scope.mskLinks).length > 0);
}

function notDeclared(file: string, at: { line: number; column: number }, type: string, address: string, why: string): Problem {
  const what = type === 'kafka_topic' ? 'the topic names' : 'the ACLs';
  return { file, line: at.line, column: at.column, severity: 'info', message: `could not compute ${what} of ${address}: ${why}` };
}
