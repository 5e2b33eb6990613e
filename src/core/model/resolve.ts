// Resolves a service's indirect connection settings (`$BROKERS`, `${app.kafka}`, `{{ .Values.kafka }}`,
// `var.brokers`, `os.Getenv("BROKERS")`) against the settings its own files hold: each literal an
// expression reaches, in which environment and cluster, and how. A literal that a whole reference reaches
// becomes a broker ref of its own (kind `config`) so migrate rewrites it where it is defined, once however
// many settings read it; the indirect ref itself has no hosts and never gets an edit.
// What the repository does not hold (a CI secret, Consul, Vault, SSM, a variable set nowhere) is reported
// as `unresolved` with the names to change and where the tool looked.
import * as path from 'node:path';
import type { Classifier } from '../classify';
import { isWholeReference, readsOf, substitute, substituteIfRead } from '../extract/config/indirect';
import { hostTokens, refOffset } from '../extract/text';
import { parseBroker } from '../domain/brokers';
import type { Position, Problem, Range } from './common';
import type { FileFacts, Indirection, Setting } from './facts';
import type { BrokerRef, Cluster, ResolvedValue } from './repository';
import { normalizeKey } from './keys';
import { classifiedRef } from './refShape';

const CODE_FORMATS = new Set<FileFacts['format']>(['typescript', 'go', 'python', 'java', 'kotlin']);

/** How deep a value may read values that read values (`locals { kafka = var.brokers }`). */
const MAX_DEPTH = 4;
/** `lookedIn` lists at most this many files. */
const MAX_LOOKED_IN = 12;

type Outside = NonNullable<BrokerRef['unresolved']>['outside'];

interface Definition {
  setting: Setting;
  format: FileFacts['format'];
  /** The environment the defining file's path names (`.env.prod`, `values-prod.yaml`, `overlays/prod/`). */
  env?: string;
}

/** One way a read resolves: the final literal text, the literals it came from, the chain in words. */
interface Option {
  env?: string;
  text: string;
  /** The defining literal (the deepest one, for a chain). */
  literal: { value: string; file: string; start: Position; setting?: Definition; whole: boolean };
  via: string;
}

/** What is being resolved: the indirect ref (its expression) or a setting that reads further (its value). */
interface Self {
  file: string;
  range: Range;
  expression?: string;
  value?: string;
}

interface Lookup {
  options: Option[];
  missing: string[];
  lookedIn: Set<string>;
  outside?: Outside;
}

/** The settings of one service's files, indexed for the lookups each kind of indirection needs. */
class SettingsIndex {
  private readonly exact = new Map<string, Definition[]>();
  private readonly relaxed = new Map<string, Definition[]>();
  readonly files: string[] = [];

  constructor(facts: FileFacts[], envOf: (file: string) => string | undefined) {
    for (const f of facts) {
      if (!f.settings.length) continue;
      this.files.push(f.file);
      const env = envOf(f.file);
      for (const setting of f.settings) {
        const d: Definition = { setting, format: f.format, env };
        push(this.exact, setting.key, d);
        push(this.relaxed, normalizeKey(setting.key), d);
      }
    }
  }

  byName(name: string): Definition[] {
    return this.exact.get(name) ?? [];
  }

  /** Spring's relaxed binding: `KAFKA_BROKERS`, `kafka.brokers` and `kafka-brokers` are one key. */
  byRelaxedName(name: string): Definition[] {
    return this.relaxed.get(normalizeKey(name)) ?? [];
  }
}

export interface ResolveInput {
  service: string | undefined;
  facts: FileFacts[];
  /** The refs derived from the service's files, in file order. */
  refs: BrokerRef[];
  classifier: Classifier;
  envOf: (file: string) => string | undefined;
  /** Zero-config: hosts inferred to be the source (host -> its environment, null when several). */
  inferredHosts?: ReadonlyMap<string, string | null>;
}

export interface ResolveOutput {
  /** Literal refs as they were, indirect refs with their resolution, and the defining literals made refs. */
  refs: BrokerRef[];
  problems: Problem[];
}

/** Resolves every indirect ref of one service (or of the files that belong to none, folder by folder). */
export function resolveIndirect(input: ResolveInput): ResolveOutput {
  const { refs, facts, envOf, service } = input;
  if (!refs.some((r) => r.kind === 'indirect')) return { refs, problems: [] };
  const classifier = input.inferredHosts?.size ? withInferred(input.classifier, input.inferredHosts) : input.classifier;
  const problems: Problem[] = [];
  const known = new Set(refs.filter((r) => r.kind !== 'indirect').map((r) => `${r.file}\0${refOffset(r)}`));
  const promoted = new Map<string, BrokerRef>();
  const byFile = new Map(facts.map((f) => [f.file, f]));
  // A service resolves against all its files; a file of no service against its own folder only.
  const serviceIndex = service ? new SettingsIndex(facts, envOf) : undefined;
  const folderIndexes = new Map<string, SettingsIndex>();
  const indexFor = (file: string): SettingsIndex => {
    if (serviceIndex) return serviceIndex;
    const folder = path.posix.dirname(file);
    let found = folderIndexes.get(folder);
    if (!found)
      folderIndexes.set(
        folder,
        (found = new SettingsIndex(
          facts.filter((f) => path.posix.dirname(f.file) === folder),
          envOf,
        )),
      );
    return found;
  };

  const out: BrokerRef[] = [];
  /** Defining literals that are only part of an assembled value: file, line, column -> why. */
  const partial = new Map<string, string>();
  // A literal that a whole reference reaches is the whole connection string: a ref of its own (once),
  // rewritten where it is defined.
  const promote = (v: ResolvedValue, options: Option[]): void => {
    const option = options.find((o) => o.literal.file === v.file && o.literal.start.line === v.line && o.literal.start.column === v.column);
    const def = option?.literal.whole ? option.literal.setting : undefined;
    if (!def) {
      if (option?.literal.setting) v.manual ??= 'the literal is only part of the value that reaches this setting';
      return;
    }
    if (def.setting.offset === undefined) {
      v.manual = 'the value is not written verbatim there (escapes or folded lines): change it by hand';
      return;
    }
    const key = `${def.setting.file}\0${def.setting.offset}`;
    if (known.has(key) || promoted.has(key)) return;
    const literalRef = literalAsRef(def, byFile.get(def.setting.file)?.format ?? def.format, classifier, envOf, service);
    if (literalRef) promoted.set(key, literalRef);
    else v.manual = 'the value does not read as a host list: change it by hand';
  };
  for (const ref of refs) {
    if (ref.kind !== 'indirect' || !ref.reads?.length || ref.expression === undefined) {
      out.push(ref);
      continue;
    }
    const resolver = new Resolver(indexFor(ref.file), ref.file);
    const resolved = resolver.expression(ref.reads, ref, 0);
    const values = combine(ref, resolved.perRead, classifier);
    const resolvedRef: BrokerRef = { ...ref, resolvesTo: values, cluster: clusterIn(values, ref.environment) };
    if (resolvedRef.cluster === 'source' && values.some((v) => v.inferred)) resolvedRef.inferred = true;
    const missing = resolved.perRead.flatMap((l) => l.missing);
    if (!values.length || resolved.perRead.some((l) => l.outside)) {
      resolvedRef.unresolved = {
        names: uniq(missing.length ? missing : ref.reads.map((r) => r.name)),
        lookedIn: [...new Set(resolved.perRead.flatMap((l) => [...l.lookedIn]))].sort().slice(0, MAX_LOOKED_IN),
        outside: resolved.perRead.find((l) => l.outside)?.outside ?? 'unset',
      };
      if (!values.length) problems.push(unresolvedProblem(resolvedRef));
    }
    out.push(resolvedRef);
    if (ref.reads.length === 1 && isWholeReference(ref.expression)) {
      for (const v of values) promote(v, resolved.perRead[0].options);
    } else if (values.length) {
      problems.push(assembled(ref, values, partial));
    }
  }
  const marked = partial.size ? out.map((r) => markAssembled(r, partial)) : out;
  if (!promoted.size) return { refs: marked, problems };
  // Each defining literal once, in its file's place among the service's refs.
  const all = [...marked, ...promoted.values()];
  const order = new Map(facts.map((f, i) => [f.file, i]));
  all.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || refOffset(a) - refOffset(b));
  return { refs: all, problems };
}

const OUTSIDE_NAMES: Record<NonNullable<Outside>, string> = {
  'ci-secret': 'the CI settings',
  consul: 'Consul',
  vault: 'Vault',
  ssm: 'SSM Parameter Store',
  unset: '',
};

/** Where a connection the repository does not hold comes from, at the setting (`file:line:col`). */
function unresolvedProblem(ref: BrokerRef): Problem {
  const u = ref.unresolved!;
  const names = u.names.join(', ');
  // A name in code (`cfg.Brokers`) may be set by code the scan does not follow: say what was looked at, not that it is set nowhere.
  const inCode =
    (ref.reads ?? []).some((r) => r.kind === 'constant') ||
    u.names.some((n) => n.includes('.') && !/^(?:env|vars|secrets|var|local)\./.test(n));
  const where =
    u.outside && u.outside !== 'unset'
      ? `comes from ${OUTSIDE_NAMES[u.outside]}, outside the repository`
      : inCode
        ? `the scan could not follow to a value (looked in ${u.lookedIn.join(', ')} and the service's constants)`
        : `is set nowhere in the repository (looked in ${u.lookedIn.join(', ')})`;
  return infoAt(ref, `${ref.key ?? 'this connection setting'} reads ${names}, which ${where}: its cluster is unknown`);
}

function infoAt(ref: BrokerRef, message: string): Problem {
  const at = ref.range.start;
  return { file: ref.file, line: at.line, column: at.column, severity: 'info', message };
}

/**
 * `${KAFKA_HOST}:${KAFKA_PORT}`: each literal is only part of the connection string. Migrate does not
 * rewrite parts (`KAFKA_HOST=kafka1` rewritten alone would become `b-1…:9094` before `:${KAFKA_PORT}`):
 * the values say so, the literals are marked for migrate to skip, and an info problem sits at the setting.
 */
function assembled(ref: BrokerRef, values: ResolvedValue[], partial: Map<string, string>): Problem {
  const reason = `part of ${ref.expression} at ${ref.file}:${ref.range.start.line}: migrate does not rewrite parts of an assembled connection string`;
  for (const v of values) {
    v.manual ??= reason;
    partial.set(`${v.file}\0${v.line}\0${v.column}`, reason);
  }
  const from = uniq(values.map((v) => `${v.file}:${v.line}`)).join(', ');
  return infoAt(ref, `${ref.key ?? 'this setting'} is assembled from ${from}: migrate does not rewrite it; change those values by hand`);
}

/** A literal ref that is only part of an assembled connection string, marked so that migrate skips it. */
function markAssembled(ref: BrokerRef, partial: Map<string, string>): BrokerRef {
  if (ref.kind === 'indirect') return ref;
  const reason = partial.get(`${ref.file}\0${ref.range.start.line}\0${ref.range.start.column}`);
  return reason ? { ...ref, assembled: reason } : ref;
}

class Resolver {
  constructor(
    private readonly index: SettingsIndex,
    private readonly file: string,
  ) {}

  /** Each read of an expression, looked up. `self` is the setting being resolved (never its own definition). */
  expression(reads: Indirection[], self: Self, depth: number): { perRead: Lookup[] } {
    return { perRead: reads.map((read) => this.read(read, self, depth)) };
  }

  private read(read: Indirection, self: Self, depth: number): Lookup {
    const lookup: Lookup = { options: [], missing: [], lookedIn: new Set() };
    const outside = outsideOf(read);
    if (outside) {
      lookup.outside = outside;
      lookup.missing.push(read.name);
      lookup.lookedIn.add(
        outside === 'ci-secret'
          ? `${this.file} (${read.name} comes from the CI settings or run, outside the repository)`
          : `${outside} (outside the repository)`,
      );
      return lookup;
    }
    const defs = this.definitions(read, lookup).filter((d) => !(d.setting.file === self.file && sameRange(d.setting.range, self.range)));
    for (const d of defs) this.follow(read, d, `${d.setting.file}:${d.setting.range.start.line}`, lookup, depth);
    const fallback = read.fallback;
    if (!lookup.options.length && fallback) {
      const nested = depth < MAX_DEPTH ? readsOf(fallback) : undefined;
      if (nested) {
        // `${A:-${B}}`: the default reads another value.
        const setting: Setting = { file: self.file, key: read.name, value: fallback, range: self.range };
        this.follow(read, { setting, format: 'other' }, `its default at ${self.file}:${self.range.start.line}`, lookup, depth);
      } else {
        lookup.options.push({
          text: fallback,
          literal: { value: fallback, file: self.file, start: fallbackStart(self, read), whole: false },
          via: `the default written with ${read.name}`,
        });
      }
    }
    if (!lookup.options.length) lookup.missing.push(read.name);
    return lookup;
  }

  /** One definition of a read: its literal, or (when its value reads further) what that resolves to. */
  private follow(read: Indirection, d: Definition, where: string, lookup: Lookup, depth: number): void {
    const inner = depth < MAX_DEPTH ? readsOf(d.setting.value) : undefined;
    if (!inner) {
      if (!d.setting.value.trim()) return;
      lookup.options.push({
        env: d.env,
        text: d.setting.value,
        literal: { value: d.setting.value, file: d.setting.file, start: d.setting.range.start, setting: d, whole: true },
        via: `${read.name} from ${where}`,
      });
      return;
    }
    // A value that reads further (`BROKERS=${KAFKA_HOST}:9092`, `kafka = var.brokers`): follow it.
    const next = this.expression(inner.reads, d.setting, depth + 1).perRead;
    for (const l of next) {
      for (const x of l.lookedIn) lookup.lookedIn.add(x);
      lookup.missing.push(...l.missing);
      lookup.outside ??= l.outside;
    }
    if (inner.reads.length === 1) {
      for (const o of next[0].options) {
        const text = inner.whole ? o.text : substitute(d.setting.value, [o.text]);
        lookup.options.push({
          ...o,
          env: o.env ?? d.env,
          text,
          literal: { ...o.literal, whole: o.literal.whole && inner.whole },
          via: `${read.name} from ${where}, then ${o.via}`,
        });
      }
    } else if (next.every((l) => l.options.length)) {
      const firsts = next.map((l) => l.options[0]);
      lookup.options.push({
        env: d.env ?? firsts.find((o) => o.env)?.env,
        text: substitute(
          d.setting.value,
          firsts.map((o) => o.text),
        ),
        literal: { ...firsts[0].literal, whole: false },
        via: `${read.name} from ${where}, then ${firsts.map((o) => o.via).join(' and ')}`,
      });
    }
  }

  private definitions(read: Indirection, lookup: Lookup): Definition[] {
    const index = this.index;
    const note = (defs: Definition[], files: string[]): Definition[] => {
      for (const f of files) lookup.lookedIn.add(f);
      return defs;
    };
    switch (read.kind) {
      case 'helm': {
        // `.Values.kafka.brokers` in a chart's template: the chart's `values*.yaml` (values.yaml is the base).
        const chart = chartRoot(this.file);
        const inChart = (file: string) => isValuesFile(file) && (!chart || file.startsWith(chart + '/'));
        const exact = index.byName(read.name).filter((d) => inChart(d.setting.file));
        // An `env:` map of a values file is keyed by the variable's own name (`KAFKA_BOOTSTRAP`), as the
        // YAML reader keys env maps: `.Values.env.KAFKA_BOOTSTRAP` is that setting.
        const dot = read.name.lastIndexOf('.');
        const envMap = !exact.length && dot > 0 && /(?:^|\.)env$/i.test(read.name.slice(0, dot));
        const defs = envMap ? index.byName(read.name.slice(dot + 1)).filter((d) => inChart(d.setting.file)) : exact;
        return note(defs, index.files.filter(inChart));
      }
      case 'gha': {
        // `${{ env.X }}`: the workflow's, job's or step's `env:` in the same file.
        const name = read.name.slice(read.name.indexOf('.') + 1);
        return note(
          index.byName(name).filter((d) => d.setting.file === this.file),
          [this.file],
        );
      }
      case 'placeholder':
        return note(index.byRelaxedName(read.name), index.files);
      case 'terraform':
        return note(
          index.byName(read.name).filter((d) => d.format === 'hcl'),
          index.files.filter((f) => /\.(tf|tfvars)$/.test(f)),
        );
      default:
        return note(index.byName(read.name), index.files);
    }
  }
}

/** Per environment: each combination of the reads' options, as one resolved value per defining literal. */
function combine(ref: BrokerRef, perRead: Lookup[], classifier: HostClassifier): ResolvedValue[] {
  if (!perRead.length || perRead.some((l) => !l.options.length)) return [];
  const expression = ref.expression ?? '';
  const envs = new Set<string | undefined>();
  for (const l of perRead) for (const o of l.options) envs.add(o.env);
  if (ref.environment) {
    // A setting in `application-prod.yml` reads prod's values, or the base ones.
    for (const e of [...envs]) if (e !== undefined && e !== ref.environment) envs.delete(e);
  }
  const out: ResolvedValue[] = [];
  for (const env of [...envs].sort((a, b) => (a ?? '').localeCompare(b ?? ''))) {
    const choice = perRead.map((l) => {
      const own = l.options.filter((o) => o.env === env);
      return own.length ? own : l.options.filter((o) => o.env === undefined);
    });
    if (choice.some((c) => !c.length)) continue;
    // One read: every definition is a resolution of its own. Several: the first of each, assembled.
    const combos: Option[][] = perRead.length === 1 ? choice[0].map((o) => [o]) : [choice.map((c) => c[0])];
    for (const combo of combos) {
      // Code expressions that assemble a value (`host + ":9092"`) cannot be replayed: each literal then
      // classifies by its own hosts.
      const connection = substituteIfRead(
        expression,
        combo.map((o) => o.text),
      );
      for (const o of combo) {
        const classified = clusterOfText(connection ?? o.literal.value, classifier);
        const v: ResolvedValue = {
          value: o.literal.value,
          file: o.literal.file,
          line: o.literal.start.line,
          column: o.literal.start.column,
          cluster: classified.cluster,
          via: o.via,
        };
        const environment = env ?? ref.environment ?? classified.environment;
        if (environment) v.environment = environment;
        if (connection !== undefined && connection !== o.literal.value) v.connection = connection;
        if (classified.inferred) v.inferred = true;
        out.push(v);
      }
    }
  }
  return out;
}

/** The cluster an indirect ref names in its own environment: the one its resolutions agree on, else unknown. */
function clusterIn(values: ResolvedValue[], environment: string | undefined): Cluster {
  const here = environment ? values.filter((v) => v.environment === environment || v.environment === undefined) : values;
  const clusters = new Set(here.map((v) => v.cluster));
  return clusters.size === 1 ? [...clusters][0] : 'unknown';
}

/** The resolutions of an indirect ref that apply in `env`: that environment's own, else the base ones. */
export function resolutionsIn(ref: BrokerRef, env: string): ResolvedValue[] {
  const values = ref.resolvesTo ?? [];
  const own = values.filter((v) => v.environment === env);
  return own.length ? own : values.filter((v) => v.environment === undefined);
}

/** The cluster and environment the hosts of a connection string name (the first host that tells). */
export function clusterOfText(text: string, classifier: HostClassifier): HostClass {
  let found: HostClass = { cluster: 'unknown' };
  let environment: string | undefined;
  for (const item of text.split(/[\s,;]+/)) {
    if (!item) continue;
    const c = classifier.host(parseBroker(item).host);
    if (found.cluster === 'unknown') found = c;
    environment ??= c.environment;
  }
  return environment ? { ...found, environment } : found;
}

interface HostClass {
  cluster: Cluster;
  environment?: string;
  /** Zero-config: the source was inferred from deploy configs, not declared. */
  inferred?: boolean;
}

type HostClassifier = { host(host: string): HostClass };

/** Zero-config: hosts that deploy configs name per environment are the (inferred) source here too. */
function withInferred(classifier: Classifier, hosts: ReadonlyMap<string, string | null>): HostClassifier {
  return {
    host(host: string): HostClass {
      const c = classifier.host(host);
      const env = hosts.get(host.toLowerCase());
      if (c.cluster !== 'unknown' || env === undefined) return c;
      const environment = c.environment ?? env ?? undefined;
      return environment ? { cluster: 'source', environment, inferred: true } : { cluster: 'source', inferred: true };
    },
  };
}

/** A defining literal as a broker ref of its own, or undefined when it does not read as hosts. */
function literalAsRef(
  def: Definition,
  format: FileFacts['format'],
  classifier: HostClassifier,
  envOf: (file: string) => string | undefined,
  service: string | undefined,
): BrokerRef | undefined {
  const { setting } = def;
  const offset = setting.offset;
  if (offset === undefined || setting.range.start.line !== setting.range.end.line) return undefined;
  // The literal is on one line: its columns follow from its start.
  const start = setting.range.start;
  const at = { range: (o: number, length: number): Range => ({ start: shift(start, o - offset), end: shift(start, o - offset + length) }) };
  const hosts = hostTokens(setting.value, offset, at, { keyed: true });
  if (!hosts.length) return undefined;
  const classified = clusterOfText(hosts.map((h) => h.host).join(','), classifier);
  return classifiedRef({
    file: setting.file,
    format,
    key: setting.key,
    // A constant in code is a code literal; anything else is config.
    kind: CODE_FORMATS.has(format) ? 'code-literal' : 'config',
    range: setting.range,
    parts: [{ text: setting.value, range: setting.range, offset, length: setting.value.length }],
    hosts,
    cluster: classified.cluster,
    environment: classified.environment ?? envOf(setting.file),
    service,
    ...(classified.inferred ? { inferred: true } : {}),
  });
}

function shift(p: Position, by: number): Position {
  return { line: p.line, column: p.column + by };
}

/** Where a read's fallback is written in the ref's expression (`${X:-kafka:9092}`), else the ref's start. */
function fallbackStart(self: Self, read: Indirection): Position {
  const expression = self.expression ?? self.value;
  const start = self.range.start;
  if (!expression || read.fallback === undefined || self.range.start.line !== self.range.end.line) return start;
  const named = expression.indexOf(read.name);
  const at = expression.indexOf(read.fallback, named < 0 ? 0 : named + read.name.length);
  return at < 0 ? start : shift(start, at);
}

function outsideOf(read: Indirection): Outside | undefined {
  if (read.kind === 'consul') return 'consul';
  if (read.kind === 'vault') return 'vault';
  if (read.kind === 'ssm') return 'ssm';
  if (read.kind === 'gha' && !read.name.startsWith('env.')) return 'ci-secret';
  return undefined;
}

function chartRoot(file: string): string | undefined {
  const i = file.lastIndexOf('/templates/');
  return i < 0 ? undefined : file.slice(0, i);
}

function isValuesFile(file: string): boolean {
  return /^values(?:[-.][^/]*)?\.ya?ml$/i.test(path.posix.basename(file));
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.column === b.start.column && a.end.line === b.end.line && a.end.column === b.end.column;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function uniq(values: string[]): string[] {
  return [...new Set(values)];
}
