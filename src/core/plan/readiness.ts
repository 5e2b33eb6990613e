// Readiness of one service in one environment, from the model alone: who blocks it (consumers of what it
// produces still on the source) and what the verdict cannot see (unknown). The service's own findings
// (fixes) come later, once the rules ran (verdicts.ts). One principle: missing evidence is unknown, never ready.
import type { Problem } from '../model/common';
import type { BrokerRef, Model, Service } from '../model/repository';
import type { Blocker, Evidence, Readiness, UnknownReason } from '../model/readiness';

type Use = Model['topicUses'][number];

// Kept between analyses per Service object: the model reuses an unchanged service's object (and its uses,
// refs and files' problems with it), so a keystroke recomputes these only for the service it touched.
const ownReasons = new WeakMap<Service, UnknownReason[]>();
const blockersOf = new WeakMap<Service, Map<string, Blocker>>();

/** What readiness reads from the model, indexed once per plan (linear in uses, refs and problems). */
export class ReadinessIndex {
  readonly byName: Map<string, Service>;
  /** Consume uses whose topic is a pattern or an unresolved name: they may read anything. */
  private readonly wildcards: Use[] = [];
  /** Produce uses whose topic name resolves to nothing, by service. */
  private readonly unresolvedProduces = new Map<string, Use[]>();
  /** Read problems (warning or error) by file. */
  private readonly problemsByFile = new Map<string, Problem[]>();
  /** Consume uses by service. */
  private readonly consumes = new Map<string, Use[]>();
  /** Services with a connection string that resolves to nothing in the repository. */
  private readonly outside = new Set<string>();

  constructor(private readonly model: Model) {
    this.byName = new Map(model.services.map((s) => [s.name, s]));
    // A call whose topic is an expression the reader could not name (`cfg["topics"]["input"]`) in a service
    // whose config names its topics is taken to be one of those; a name read through a variable set
    // nowhere, or an unnamed call in a service that names no topic that way, is unresolved.
    // One pass over the uses (thousands, on every keystroke): no per-use string building.
    const namedProduce = new Set<string>();
    const namedConsume = new Set<string>();
    const odd: Use[] = [];
    for (const u of model.topicUses) {
      if (!u.service) continue;
      if (u.direction === 'consume') push(this.consumes, u.service, u);
      if (u.resolved === undefined || u.pattern) odd.push(u);
      else (u.direction === 'produce' ? namedProduce : namedConsume).add(u.service);
    }
    for (const u of odd) {
      const named = u.direction === 'produce' ? namedProduce : namedConsume;
      const unresolved = u.resolved === undefined && (u.via !== undefined || !named.has(u.service!));
      if (u.direction === 'consume' && (u.pattern || unresolved)) this.wildcards.push(u);
      else if (u.direction === 'produce' && unresolved) push(this.unresolvedProduces, u.service!, u);
    }
    for (const p of model.problems) if (p.severity !== 'info') push(this.problemsByFile, p.file, p);
    for (const [service, refs] of model.refsByService) if (refs.some((r) => r.unresolved)) this.outside.add(service);
  }

  /**
   * Where `service` consumes `topic`: preferably in a file whose connection strings are for `env` (a
   * `.env.prod` over a `.env.dev`), else the first use in file order.
   */
  consumeUse(service: string, topic: string, env?: string): Use | undefined {
    const uses = (this.consumes.get(service) ?? []).filter((u) => u.resolved === topic && !u.pattern);
    if (uses.length <= 1 || env === undefined) return uses[0];
    const refs = this.model.refsByService.get(service) ?? [];
    const inEnv = (file: string) => refs.some((r) => r.file === file && r.environment === env);
    const otherEnv = (file: string) => refs.some((r) => r.file === file && r.environment !== undefined && r.environment !== env);
    return uses.find((u) => inEnv(u.file)) ?? uses.find((u) => !otherEnv(u.file)) ?? uses[0];
  }

  /** Reasons that hold in every environment: role, the service's own topic names, files that failed to parse. */
  serviceUnknowns(s: Service): UnknownReason[] {
    let out = ownReasons.get(s);
    if (!out) ownReasons.set(s, (out = this.computeServiceUnknowns(s)));
    return out;
  }

  private computeServiceUnknowns(s: Service): UnknownReason[] {
    const out: UnknownReason[] = [];
    if (s.role === 'unknown') {
      const ref = this.model.refsByService.get(s.name)?.[0];
      out.push({
        code: 'unknown-role',
        message: `role unknown: no produce or consume use of a topic was found in the ${s.files.length} file${s.files.length === 1 ? '' : 's'} of ${s.root || s.name}`,
        evidence: ref ? [refEvidence(ref, `${s.name} connects here, but no topic use says what it does`)] : [],
      });
    }
    const unresolved = this.unresolvedProduces.get(s.name);
    if (unresolved?.length) {
      out.push({
        code: 'unresolved-topic',
        message: `${s.name} produces to a topic whose name cannot be resolved (${unresolved.map(useName).join(', ')}): its consumers are unknown`,
        evidence: unresolved.map((u) => useEvidence(u, `produces to ${useName(u)}, set in none of its config files`)),
      });
    }
    const broken: Evidence[] = [];
    for (const f of s.files)
      for (const p of this.problemsByFile.get(f) ?? []) broken.push({ file: p.file, line: p.line, column: p.column, note: p.message });
    if (broken.length) {
      const files = new Set(broken.map((e) => e.file)).size;
      out.push({
        code: 'parse-failed',
        message: `${files === 1 ? 'a file' : `${files} files`} of ${s.name} could not be read, so what ${files === 1 ? 'it says' : 'they say'} is unseen`,
        evidence: broken,
      });
    }
    return out;
  }

  /** Reasons of one environment: the connection set outside the repository, consumers that cannot be placed. */
  environmentUnknowns(s: Service, env: string, consumers: Iterable<string>, group: readonly string[] | undefined): UnknownReason[] {
    const out: UnknownReason[] = [];
    // The common case (no cycle, nothing outside, no consumer unknown, no wildcard consumer) allocates nothing but `out`.
    const members = group ?? [s.name];
    for (const m of members) {
      const member = this.byName.get(m);
      if (!member || (!this.outside.has(m) && member.state[env] !== 'unknown')) continue;
      const outside = (this.model.refsByService.get(m) ?? []).filter(
        (r) => r.unresolved && r.kind !== 'test' && (r.environment === undefined || r.environment === env),
      );
      if (!outside.length && member.state[env] !== 'unknown') continue;
      const names = [...new Set(outside.flatMap((r) => r.unresolved!.names))].join(', ');
      // Set nowhere the scan looked (a name in code it cannot follow) is not the same as set in CI or Consul.
      const unfollowed = outside.length > 0 && outside.every((r) => !r.unresolved!.outside || r.unresolved!.outside === 'unset');
      out.push(
        unfollowed
          ? {
              code: 'unresolved-connection',
              message: `${m}'s connection in ${env} reads ${names}, which the scan could not follow to a value: which cluster it uses is unknown`,
              evidence: outside.map((r) => refEvidence(r, unresolvedNote(r))),
            }
          : {
              code: 'connection-outside-repo',
              message: `${m}'s connection in ${env} is set outside the repository${names ? ` (${names})` : ''}: which cluster it uses is unknown`,
              evidence: outside.map((r) => refEvidence(r, unresolvedNote(r))),
            },
      );
    }
    let producedList: string[] | undefined;
    const producedBy = () => (producedList ??= members.flatMap((m) => this.byName.get(m)?.produces ?? []));
    for (const c of consumers) {
      if (c === s.name || group?.includes(c)) continue;
      const consumer = this.byName.get(c);
      if (consumer?.state[env] !== 'unknown') continue;
      const produced = producedBy();
      const topics = produced.filter((t) => consumer.consumes.includes(t));
      out.push({
        code: 'consumer-unknown',
        message: `${c} consumes ${topics.join(', ')} and its connection in ${env} is set outside the repository: whether it is on the target is unknown`,
        evidence: topics
          .map((t) => this.consumeUse(c, t, env))
          .filter((u): u is Use => !!u)
          .map((u) => useEvidence(u, `${c} consumes ${u.resolved}`)),
      });
    }
    // A consumer that reads through a pattern or a name the scan cannot resolve may read what this service
    // produces: unless it is on the target already, the move is not proven safe.
    if (!this.wildcards.length) return out;
    const produced = producedBy();
    const producesUnresolved = members.some((m) => this.unresolvedProduces.has(m));
    if (!produced.length && !producesUnresolved) return out;
    for (const w of this.wildcards) {
      if (!w.service || members.includes(w.service)) continue;
      const state = this.byName.get(w.service)?.state[env] ?? 'none';
      if (state === 'target' || state === 'none') continue;
      if (w.pattern) {
        const matched = produced.filter((t) => patternMatches(w.resolved ?? w.topic ?? '', t));
        if (!matched.length && !producesUnresolved) continue;
        out.push({
          code: 'pattern-consumer',
          message: `${w.service} (${state} in ${env}) consumes the pattern ${w.resolved ?? w.topic}, which ${matched.length ? `matches ${matched.join(', ')}` : 'may match a topic whose name cannot be resolved'}`,
          evidence: [useEvidence(w, `${w.service} subscribes to the pattern ${w.resolved ?? w.topic}`)],
        });
      } else {
        out.push({
          code: 'unresolved-consumer',
          message: `${w.service} (${state} in ${env}) consumes a topic named by ${useName(w)}, which cannot be resolved: it may read what ${s.name} produces`,
          evidence: [useEvidence(w, `${w.service} consumes ${useName(w)}, set in none of its config files`)],
        });
      }
    }
    return out;
  }

  blocker(service: string, topic: string, env: string): Blocker {
    const consumer = this.byName.get(service);
    let cache = consumer ? blockersOf.get(consumer) : undefined;
    if (consumer && !cache) blockersOf.set(consumer, (cache = new Map()));
    const key = topic + '\0' + env;
    let b = cache?.get(key);
    if (!b) {
      const use = this.consumeUse(service, topic, env);
      b = {
        service,
        topic,
        state: consumer?.state[env] ?? 'none',
        evidence: use ? [useEvidence(use, `${service} consumes ${topic} and still reads the source in ${env}`)] : [],
      };
      cache?.set(key, b);
    }
    return b;
  }
}

/** The status before the rules ran: blocked wins over unknown, unknown over ready (fixes are settled later). */
export function readinessFrom(blockers: Blocker[], unknown: UnknownReason[]): Readiness {
  const blockedBy = blockers.length ? [...new Set(blockers.map((b) => b.service))].sort() : [];
  const status = blockers.length ? 'blocked' : unknown.length ? 'unknown' : 'ready';
  return { status, ready: status === 'ready', blockedBy, blockers, unknown, fixes: [] };
}

export function refEvidence(ref: BrokerRef, note: string): Evidence {
  return { file: ref.file, line: ref.range.start.line, column: ref.range.start.column, note };
}

export function useEvidence(use: Use, note: string): Evidence {
  return { file: use.file, line: use.range.start.line, column: use.range.start.column, note };
}

function useName(u: Use): string {
  return u.via ? u.via.name : (u.topic ?? 'an unnamed topic');
}

function unresolvedNote(r: BrokerRef): string {
  const u = r.unresolved!;
  const where = u.outside === 'unset' ? 'set nowhere in the repository' : u.outside ? `set in ${u.outside}` : 'set outside the repository';
  return `${r.expression ?? r.key ?? 'the connection'} reads ${u.names.join(', ')}, ${where}${u.lookedIn.length ? ` (looked in ${u.lookedIn.join(', ')})` : ''}`;
}

const compiled = new Map<string, RegExp | null>();

/**
 * Whether a subscription pattern (`orders\..*`, `/orders\..*\/`) matches a topic. A pattern that is not a
 * valid regular expression may match anything: it counts as matching (unknown is not safe).
 */
export function patternMatches(pattern: string, topic: string): boolean {
  let re = compiled.get(pattern);
  if (re === undefined) {
    const body = /^\/(.*)\/[a-z]*$/s.exec(pattern)?.[1] ?? pattern;
    try {
      re = new RegExp(`^(?:${body})$`);
    } catch {
      re = null;
    }
    compiled.set(pattern, re);
  }
  return re === null ? true : re.test(topic);
}

/** Appends to the list under `key`, creating it. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
