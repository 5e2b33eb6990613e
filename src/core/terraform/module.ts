// What one .tf file contributes to its Terraform module (the folder), kept as plain data on its
// FileFacts so that resolveTerraform() can finish what needs declarations from sibling files.
import type { Range } from '../model/common';
import type { FileFacts } from '../model/facts';
import type { HclAttributes, HclValue } from './hclValue';
import type { Declared } from './evaluate';

/** A Kafka resource whose attributes refer to locals or variables this file does not declare. */
export interface PendingResource {
  type: 'kafka_topic' | 'kafka_acl';
  name: string;
  file: string;
  /** `resource "kafka_topic" "orders"`. */
  header: Range;
  attributes: HclAttributes;
}

/** A `module "x" { source = "./modules/topics" … }` call with a local source, and its inputs as written. */
export interface ModuleCall {
  name: string;
  /** The source as written (`./modules/topics`); only local paths are followed. */
  source: string;
  file: string;
  header: Range;
  inputs: HclAttributes;
}

export interface TerraformFileScope {
  locals: Record<string, HclValue>;
  /** Variable defaults. */
  variables: Record<string, HclValue>;
  pending: PendingResource[];
  /** aws_msk_configuration name -> `auto.create.topics.enable` from its server_properties. */
  mskConfigurations: Record<string, boolean>;
  /** aws_msk_cluster name -> the aws_msk_configuration it links to, when not declared in the same file. */
  mskLinks: Record<string, string>;
  /** Every kafka_topic resource of the file, kept so a module call can expand them with its inputs. */
  topicResources?: PendingResource[];
  /** Local module calls of the file. */
  modules?: ModuleCall[];
  /** A `.tfvars` file's values (variable name -> value as written). */
  tfvars?: HclAttributes;
}

/** FileFacts of an HCL file, with the module data (absent when the file has nothing to share). */
export type TerraformFileFacts = FileFacts & { terraform?: TerraformFileScope };

export function emptyScope(): TerraformFileScope {
  return { locals: {}, variables: {}, pending: [], mskConfigurations: {}, mskLinks: {} };
}

export function isEmptyScope(scope: TerraformFileScope): boolean {
  return (
    Object.keys(scope.locals).length === 0 &&
    Object.keys(scope.variables).length === 0 &&
    scope.pending.length === 0 &&
    Object.keys(scope.mskConfigurations).length === 0 &&
    Object.keys(scope.mskLinks).length === 0 &&
    !scope.topicResources?.length &&
    !scope.modules?.length &&
    !(scope.tfvars && Object.keys(scope.tfvars).length)
  );
}

/** Terraform loads `terraform.tfvars` and `*.auto.tfvars` by itself; other `.tfvars` need `-var-file`. */
export function isAutoTfvars(file: string): boolean {
  return /(?:^|\/)terraform\.tfvars$|\.auto\.tfvars$/.test(file);
}

/**
 * Locals and variables of several files of one folder; the first declaration of a name wins, and the
 * values of the auto-loaded `.tfvars` of the folder override the variables' defaults.
 */
export function declarationsOf(files: Array<{ file: string; scope: TerraformFileScope }>): {
  locals: Map<string, Declared>;
  variables: Map<string, Declared>;
} {
  const locals = new Map<string, Declared>();
  const variables = new Map<string, Declared>();
  for (const { file, scope } of files) {
    for (const [name, value] of Object.entries(scope.locals)) if (!locals.has(name)) locals.set(name, { file, value });
    for (const [name, value] of Object.entries(scope.variables)) if (!variables.has(name)) variables.set(name, { file, value });
  }
  for (const { file, scope } of files) {
    if (scope.tfvars && isAutoTfvars(file)) for (const [name, value] of Object.entries(scope.tfvars)) variables.set(name, { file, value });
  }
  return { locals, variables };
}
