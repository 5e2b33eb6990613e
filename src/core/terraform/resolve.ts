// The second step of reading Terraform: a module is a folder, so kafka_topic/kafka_acl resources whose
// for_each or names use locals or variables declared in sibling files are expanded here, and MSK
// clusters learn auto.create.topics.enable from a configuration declared in another file.
import * as path from 'node:path';
import type { FileFacts, Problem } from '../model/types';
import { declarationsOf, type TerraformFileFacts, type TerraformFileScope } from './module';
import { expandResource } from './resources';

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
  for (const members of byFolder.values()) {
    if (!members.some((i) => hasWork(result[i].terraform))) continue;
    const scopes = members.map((i) => ({ file: result[i].file, scope: result[i].terraform as TerraformFileScope }));
    const declarations = declarationsOf(scopes);
    const configurations: Record<string, boolean> = {};
    for (const { scope } of scopes) for (const [name, value] of Object.entries(scope.mskConfigurations)) configurations[name] ??= value;
    const indexOfFile = new Map(members.map((i) => [result[i].file, i]));
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
    for (const i of members) {
      // The input's scope: result[i] may already be a copy whose pending work was cleared.
      const scope = (facts[i] as TerraformFileFacts).terraform;
      if (!scope || !hasWork(scope)) continue;
      const { pending, mskLinks } = scope;
      const owner = writable(i);
      for (const resource of pending) {
        const expanded = expandResource(resource, declarations);
        if (expanded.kind === 'missing') {
          owner.problems.push(notDeclared(resource.file, resource.header.start, resource.type, `${resource.type}.${resource.name}`, expanded.why));
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
  return result;
}

function hasWork(scope: TerraformFileScope | undefined): boolean {
  return !!scope && (scope.pending.length > 0 || Object.keys(scope.mskLinks).length > 0);
}

function notDeclared(file: string, at: { line: number; column: number }, type: string, address: string, why: string): Problem {
  const what = type === 'kafka_topic' ? 'the topic names' : 'the ACLs';
  return { file, line: at.line, column: at.column, severity: 'info', message: `could not compute ${what} of ${address}: ${why}` };
}
