// Loads and validates kafka-cutover.yaml. Validation uses the JSON schema we ship (so the editor's
// schema and the engine can't disagree); errors are mapped back to YAML positions: file:line:col.
import * as path from 'node:path';
import type { ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { Problem, Severity } from '../model/common';
import type { ClusterEndpoint, EnvironmentConfig, Manifest } from '../model/manifest';
import type { Role } from '../model/repository';
// The schema compiled ahead of time (scripts/schema/gen-manifest-validator.mjs): the same ajv checks.
import { validate as validateSchema } from './schemaValidator.generated';
import { DEFAULT_FLEET_TOPIC } from '../fleet/record';
import { parseBroker } from '../domain/brokers';

export const MANIFEST_FILE = 'kafka-cutover.yaml';

export class ManifestError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'ManifestError';
  }
}

function validate(data: unknown): ErrorObject[] {
  const check = validateSchema as ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
  return check(data) ? [] : (check.errors ?? []);
}

/** A manifest for a repository that has none: every rule on its default, hosts classified by pattern. */
export function zeroConfigManifest(): Manifest {
  return {
    version: 1,
    environments: [],
    mirror: { mode: 'active-passive', offsetSync: false, offsetSyncExplicit: false, modeExplicit: false },
    services: { roots: [], overrides: {} },
    ignore: [],
    rules: {},
  };
}

/**
 * Parses and validates manifest text. `file` is the name used in messages (relative path);
 * `absPath` anchors relative paths (ca/cert/key) and is kept on the result.
 * Throws ManifestError with every problem found.
 */
export function parseManifest(text: string, file: string, absPath?: string): Manifest {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number, message: string): Problem => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, message, severity: 'error' };
  };
  if (doc.errors.length > 0) {
    throw new ManifestError(doc.errors.map((e) => at(e.pos[0], `invalid YAML: ${firstLine(e.message)}`)));
  }
  const data = doc.toJS() as unknown;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ManifestError([at(0, 'the manifest must be a mapping with at least `version: 1` and `environments`')]);
  }
  const errors = validate(data);
  if (errors.length > 0) {
    throw new ManifestError(dedupe(errors).map((e) => at(offsetOf(doc, e), describe(e))));
  }
  return toManifest(data as RawManifest, absPath, doc, at);
}

/** A cluster as written: brokers may be one comma-separated string; paths are still relative. */
type RawCluster = Omit<ClusterEndpoint, 'brokers'> & { brokers: string | string[] };
interface RawManifest {
  version: 1;
  environments: Record<string, { source: RawCluster; target: RawCluster }>;
  mirror?: { mode?: 'active-passive' | 'active-active'; offsetSync?: boolean };
  services?: { roots?: string[]; overrides?: Record<string, { role?: Role; name?: string }> };
  ignore?: string[];
  rules?: Record<string, Severity | 'off'>;
  fleet?: RawCluster & { topic?: string; repository?: string };
}

function toManifest(raw: RawManifest, absPath: string | undefined, doc: Document, at: (o: number, m: string) => Problem): Manifest {
  const base = absPath ? path.dirname(absPath) : undefined;
  const resolvePath = (p: string | undefined) => (p && base ? path.resolve(base, p) : p);
  const cluster = (c: RawCluster): ClusterEndpoint => ({
    brokers: (Array.isArray(c.brokers) ? c.brokers : c.brokers.split(',')).map((b) => b.trim()).filter(Boolean),
    version: c.version,
    auth: c.auth,
    aliases: c.aliases,
    ca: resolvePath(c.ca),
    cert: resolvePath(c.cert),
    key: resolvePath(c.key),
    username: c.username,
    region: c.region,
  });
  const environments: EnvironmentConfig[] = Object.entries(raw.environments).map(([name, e]) => ({
    name,
    source: cluster(e.source),
    target: cluster(e.target),
  }));

  // The same host can't be both source and target: classification would be ambiguous.
  const problems: Problem[] = [];
  const owner = new Map<string, string>();
  for (const env of environments) {
    for (const side of ['source', 'target'] as const) {
      for (const host of hostsOf(env[side])) {
        const mine = `${env.name}.${side}`;
        const prev = owner.get(host);
        if (prev && prev.split('.')[1] !== side) {
          const node = doc.getIn(['environments', env.name, side], true) as Node | undefined;
          problems.push(at(node?.range?.[0] ?? 0, `host ${host} is listed as ${prev} and as ${mine}: a host must belong to one side`));
        }
        owner.set(host, mine);
      }
    }
  }
  if (problems.length) throw new ManifestError(problems);

  const offsetSyncExplicit = raw.mirror?.offsetSync !== undefined;
  return {
    version: 1,
    path: absPath,
    environments,
    mirror: {
      mode: raw.mirror?.mode ?? 'active-passive',
      offsetSync: raw.mirror?.offsetSync ?? environments.every((e) => supportsOffsetSync(e.source.version)),
      offsetSyncExplicit,
      modeExplicit: raw.mirror?.mode !== undefined,
    },
    services: { roots: raw.services?.roots ?? [], overrides: raw.services?.overrides ?? {} },
    ignore: raw.ignore ?? [],
    rules: raw.rules ?? {},
    ...(raw.fleet
      ? {
          fleet: {
            cluster: cluster(raw.fleet),
            topic: raw.fleet.topic ?? DEFAULT_FLEET_TOPIC,
            ...(raw.fleet.repository ? { repository: raw.fleet.repository } : {}),
          },
        }
      : {}),
  };
}

/** MirrorMaker 2 syncs group offsets into the target from Kafka 2.7 (KIP-545); unknown means no. */
export function supportsOffsetSync(version: string | undefined): boolean {
  const m = version && /^(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 2 || (major === 2 && minor >= 7);
}

/** Lower-cased host names of a cluster (brokers and aliases), ports dropped. */
export function hostsOf(c: ClusterEndpoint): string[] {
  return [...c.brokers, ...(c.aliases ?? [])].map((b) => parseBroker(b).host.toLowerCase());
}

function offsetOf(doc: Document, e: ErrorObject): number {
  const segments = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  // ajv names a bad key in params, or, for a key refused by propertyNames' enum, on the error itself.
  const extra = keyNamed(e);
  if (extra !== undefined) {
    const parent = segments.length ? doc.getIn(segments, true) : doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === extra);
      const key = pair?.key as Node | undefined;
      if (key?.range) return key.range[0];
    }
  }
  // Walk down as far as the path exists: a missing key points at its parent. A mapping or list is
  // pointed at by its key (`prod:`), which is where a reader looks for it.
  for (let n = segments.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(segments.slice(0, n), true)) as Node | null | undefined;
    if (!node || !(isMap(node) || isSeq(node) || isScalar(node)) || !node.range) continue;
    if (isScalar(node) || n === 0) return node.range[0];
    const parent = n === 1 ? doc.contents : doc.getIn(segments.slice(0, n - 1), true);
    const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && String(p.key.value) === segments[n - 1]) : undefined;
    return (pair?.key as Node | undefined)?.range?.[0] ?? node.range[0];
  }
  return 0;
}

function describe(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'the manifest';
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${where}: missing required key \`${String(params.missingProperty)}\``;
    case 'additionalProperties':
      return `${where}: unknown key \`${String(params.additionalProperty)}\``;
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      const key = keyNamed(e);
      return key === undefined ? `${where}: must be one of ${allowed}` : `${where}: unknown key \`${key}\`; the keys are ${allowed}`;
    }
    case 'const':
      return `${where}: must be ${JSON.stringify(params.allowedValue)}`;
    case 'type':
      return `${where}: must be ${String(params.type)}`;
    case 'propertyNames':
      return `${where}: invalid key \`${String(params.propertyName)}\``;
    case 'pattern':
      return `${where}: ${brokerish(where) ? 'must be host:port entries separated by commas' : `does not match ${String(params.pattern)}`}`;
    case 'minProperties':
    case 'minItems':
    case 'minLength':
      return `${where}: must not be empty`;
    case 'oneOf':
      return `${where}: must be a list of host:port or one comma-separated string of them`;
    default:
      return `${where}: ${e.message ?? 'invalid'}`;
  }
}

/** The key an error is about when it refuses a key (not a value). */
function keyNamed(e: ErrorObject): string | undefined {
  const params = e.params as { additionalProperty?: string; propertyName?: string };
  if (e.keyword === 'additionalProperties') return params.additionalProperty;
  if (e.keyword === 'propertyNames') return params.propertyName;
  return e.propertyName;
}

function brokerish(where: string): boolean {
  return /brokers/.test(where);
}

// ajv reports a oneOf failure together with each branch's errors; keep the most useful one per place.
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  for (const e of errors) {
    const key = `${e.instancePath}|${e.keyword === 'additionalProperties' ? String((e.params as { additionalProperty: string }).additionalProperty) : ''}`;
    const prev = byPath.get(key);
    if (!prev || rank(e) > rank(prev)) byPath.set(key, e);
  }
  return [...byPath.values()];
}

function rank(e: ErrorObject): number {
  return ({ oneOf: 3, required: 2, additionalProperties: 2, enum: 2, const: 2 } as Record<string, number>)[e.keyword] ?? 1;
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
