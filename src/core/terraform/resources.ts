// Readers for the Mongey/kafka provider's kafka_topic and kafka_acl resources, expanded over for_each.
import type { Problem, Range } from '../model/common';
import type { AclDecl, TopicDecl } from '../model/facts';
import { evaluate, forEachInstances, scalarText, type Declared, type Instance, type Origin, type EvalContext, type Val } from './evaluate';
import type { PendingResource } from './module';

export interface Declarations {
  locals: ReadonlyMap<string, Declared>;
  variables: ReadonlyMap<string, Declared>;
}

export type ExpandResult =
  /** A local or variable is not declared in what was given: try again with the whole folder. */
  { kind: 'missing'; name: string; why: string } | { kind: 'done'; topics: TopicDecl[]; acls: AclDecl[]; problems: Problem[] };

const TOPIC_ATTRIBUTES = ['name', 'partitions', 'replication_factor', 'config'];
const ACL_ATTRIBUTES = ['resource_name', 'resource_type', 'acl_principal', 'acl_operation'];

/** How a module call instantiates a resource: its inputs, and the address prefix `module.x.`. */
export interface ModuleInstance {
  inputs: ReadonlyMap<string, Val>;
  prefix: string;
}

export function expandResource(resource: PendingResource, declarations: Declarations, module?: ModuleInstance): ExpandResult {
  const base: EvalContext = module
    ? { file: resource.file, ...declarations, inputs: module.inputs }
    : { file: resource.file, ...declarations };
  const address = `${module?.prefix ?? ''}${resource.type}.${resource.name}`;
  const forEach = resource.attributes.for_each;
  const count = resource.attributes.count;
  let instances: Array<Instance | undefined> = [undefined];
  if (count && !forEach) {
    const n = evaluate(count, base);
    if (n.t === 'unknown' && n.missing) return { kind: 'missing', name: n.missing, why: n.why };
    if (n.t !== 'number' || !Number.isInteger(n.v) || n.v < 0) {
      const why = n.t === 'unknown' ? n.why : 'count is not a whole number';
      return { kind: 'done', topics: [], acls: [], problems: [cannotCompute(resource, address, 'count', why)] };
    }
    instances = Array.from({ length: n.v }, (_, i) => ({
      key: String(i),
      countIndex: i,
      each: { key: { t: 'null' }, value: { t: 'null' } },
    }));
  }
  if (forEach) {
    const expanded = forEachInstances(evaluate(forEach, base));
    if (!Array.isArray(expanded)) {
      if (expanded.missing) return { kind: 'missing', name: expanded.missing, why: expanded.why };
      return { kind: 'done', topics: [], acls: [], problems: [cannotCompute(resource, address, 'for_each', expanded.why)] };
    }
    instances = expanded;
  }
  const result: ExpandResult = { kind: 'done', topics: [], acls: [], problems: [] };
  const wanted = resource.type === 'kafka_topic' ? TOPIC_ATTRIBUTES : ACL_ATTRIBUTES;
  for (const instance of instances) {
    const scope: EvalContext =
      instance?.countIndex !== undefined
        ? { ...base, countIndex: instance.countIndex }
        : instance
          ? { ...base, each: instance.each }
          : base;
    const values: Record<string, Val | undefined> = {};
    for (const name of wanted) {
      const written = resource.attributes[name];
      const value = written ? evaluate(written, scope) : undefined;
      if (value?.t === 'unknown' && value.missing) return { kind: 'missing', name: value.missing, why: value.why };
      values[name] = value;
    }
    const instanceAddress = instance
      ? `${address}[${instance.countIndex !== undefined ? instance.countIndex : JSON.stringify(instance.key)}]`
      : address;
    if (resource.type === 'kafka_topic') readTopic(resource, instanceAddress, module ? undefined : instance, values, result, !!module);
    else readAcl(resource, instanceAddress, instance, values, result);
  }
  return result;
}

// The decl points at the string that names it: the literal in the resource, or the for_each element
// in a locals map/set. Names computed from several parts point at the for_each element they came
// from, else at the resource's header.
function place(resource: PendingResource, value: Val | undefined, instance: Instance | undefined): Origin {
  if (value?.t === 'string' && value.origin) return value.origin;
  if (instance?.keyOrigin) return instance.keyOrigin;
  return { file: resource.file, range: resource.header };
}

function readTopic(
  resource: PendingResource,
  address: string,
  instance: Instance | undefined,
  values: Record<string, Val | undefined>,
  out: Extract<ExpandResult, { kind: 'done' }>,
  inModule = false,
): void {
  const nameValue = values.name;
  const name = nameValue ? scalarText(nameValue) : undefined;
  if (name === undefined) {
    const why = !nameValue ? 'it has no name' : nameValue.t === 'unknown' ? nameValue.why : 'the name is not a string';
    out.problems.push(cannotCompute(resource, address, 'name', why));
    return;
  }
  // A topic a module declares is located at the resource in the module (its name may come from any caller).
  const where = inModule ? { file: resource.file, range: resource.header } : place(resource, nameValue, instance);
  const decl: TopicDecl = { name, file: where.file, range: where.range, address };
  const partitions = integer(values.partitions);
  if (partitions !== undefined) decl.partitions = partitions;
  const replicationFactor = integer(values.replication_factor);
  if (replicationFactor !== undefined) decl.replicationFactor = replicationFactor;
  const config = values.config;
  if (config?.t === 'map') {
    decl.config = {};
    for (const entry of config.entries) {
      const text = scalarText(entry.value);
      if (text !== undefined) decl.config[entry.key] = text;
    }
  }
  out.topics.push(decl);
}

function readAcl(
  resource: PendingResource,
  address: string,
  instance: Instance | undefined,
  values: Record<string, Val | undefined>,
  out: Extract<ExpandResult, { kind: 'done' }>,
): void {
  const nameValue = values.resource_name;
  const resourceName = nameValue ? scalarText(nameValue) : undefined;
  const resourceType = values.resource_type ? scalarText(values.resource_type) : undefined;
  if (resourceName === undefined || resourceType === undefined) {
    const missing = resourceName === undefined ? nameValue : values.resource_type;
    const why = !missing ? 'it is not set' : missing.t === 'unknown' ? missing.why : 'it is not a string';
    out.problems.push(cannotCompute(resource, address, resourceName === undefined ? 'resource_name' : 'resource_type', why));
    return;
  }
  const where = place(resource, nameValue, instance);
  const acl: AclDecl = { file: where.file, range: where.range, resourceName, resourceType };
  const principal = values.acl_principal ? scalarText(values.acl_principal) : undefined;
  if (principal !== undefined) acl.principal = principal;
  const operation = values.acl_operation ? scalarText(values.acl_operation) : undefined;
  if (operation !== undefined) acl.operation = operation;
  out.acls.push(acl);
}

function integer(value: Val | undefined): number | undefined {
  const text = value ? scalarText(value) : undefined;
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * A problem that reading `resource` as a root module's (with its variables' defaults only) reported:
 * dropped when the resource turns out to be in a module, whose calls are expanded instead.
 */
export function isRootReadingProblem(problem: Problem, resource: PendingResource): boolean {
  if (problem.file !== resource.file) return false;
  const about = `${resource.type}.${resource.name}:`;
  // As a root (`of kafka_topic.x:`), or from an earlier expansion of a call (`of module.c.kafka_topic.x:`).
  return (
    problem.message.includes(` of ${about}`) || new RegExp(` of module\\.[\\w-]+\\.${about.replace(/[.]/g, '\\.')}`).test(problem.message)
  );
}

/** A problem reported at a module call about the topics it makes (`… module.<name> …`). */
export function isModuleCallProblem(problem: Problem, file: string, name: string): boolean {
  return (
    problem.file === file && (problem.message.includes(` of module.${name}.`) || problem.message.includes(`the topics of module.${name} `))
  );
}

function cannotCompute(resource: PendingResource, address: string, attribute: string, why: string): Problem {
  const written = resource.attributes[attribute];
  const at: Range = written && 'range' in written ? written.range : resource.header;
  return {
    file: resource.file,
    line: at.start.line,
    column: at.start.column,
    severity: 'info',
    message: `could not compute the ${attribute === 'name' ? 'topic name' : attribute} of ${address}: ${why}`,
  };
}

/** `auto.create.topics.enable` in server.properties text; false when not set (MSK's default). */
export function autoCreateTopicsIn(serverProperties: string): boolean {
  const m = /^[ \t]*auto\.create\.topics\.enable[ \t]*[=:][ \t]*(\w+)/m.exec(serverProperties);
  return !!m && m[1].toLowerCase() === 'true';
}
