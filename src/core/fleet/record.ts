// One repository's services as records on the fleet topic: a compacted Kafka topic keyed by
// `<repo id>/<service>`, the latest record per key being that service's current status. Records are
// versioned JSON so readers can skip what they do not understand; a tombstone (null value) says the
// service left the repository.
import type { Analysis } from '../repositoryIndex';
import type { Severity } from '../model/common';
import type { Role, ServiceState } from '../model/repository';

export const FLEET_SCHEMA_VERSION = 1;
export const DEFAULT_FLEET_TOPIC = 'kafka-cutover.fleet';

export interface FleetReadiness {
  /** `ready` | `ready-after-fixes` | `blocked` | `unknown`, as the repository's own plan says. */
  status: string;
  ready: boolean;
  blockedBy: string[];
  /** Why the verdict is unknown, in plain words. */
  unknown: string[];
}

export interface FleetServiceRecord {
  version: typeof FLEET_SCHEMA_VERSION;
  repo: string;
  service: string;
  root: string;
  role: Role;
  produces: string[];
  consumes: string[];
  groups: string[];
  state: Record<string, ServiceState>;
  /** Per environment, for services not yet moved there. */
  readiness: Record<string, FleetReadiness>;
  findings: Record<Severity, number>;
  commit: string | null;
  /** ISO-8601 time of the scan that produced the record. */
  at: string;
}

/** Consumer groups a live `check clients` found on a source that no scanned service owns. */
export interface FleetLiveRecord {
  version: typeof FLEET_SCHEMA_VERSION;
  repo: string;
  environment: string;
  unknownConsumers: Array<{ group: string; topic: string; hosts: string[] }>;
  at: string;
}

export type FleetEntry = { kind: 'service'; record: FleetServiceRecord } | { kind: 'live'; record: FleetLiveRecord };

export function serviceKey(repo: string, service: string): string {
  return `${repo}/${service}`;
}

/** Live observations of one repository and environment; `_live` is not a service name a scan makes. */
export function liveKey(repo: string, environment: string): string {
  return `${repo}/_live/${environment}`;
}

export interface RecordOptions {
  repo: string;
  commit: string | null;
  at: string;
}

export function serviceRecords(analysis: Analysis, options: RecordOptions): FleetServiceRecord[] {
  const { model, plan, findings } = analysis;
  return model.services.map((s) => {
    const readiness: Record<string, FleetReadiness> = {};
    for (const env of model.environments) {
      const r = plan.readiness[env]?.[s.name];
      if (!r) continue;
      const detail = r as typeof r & { status?: string; unknown?: Array<{ message: string }> };
      readiness[env] = {
        status: detail.status ?? (r.ready ? 'ready' : 'blocked'),
        ready: r.ready,
        blockedBy: [...r.blockedBy],
        unknown: (detail.unknown ?? []).map((u) => u.message),
      };
    }
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of findings) if (f.service === s.name) counts[f.severity]++;
    return {
      version: FLEET_SCHEMA_VERSION,
      repo: options.repo,
      service: s.name,
      root: s.root,
      role: s.role,
      produces: [...s.produces],
      consumes: [...s.consumes],
      groups: [...s.groups],
      state: { ...s.state },
      readiness,
      findings: counts,
      commit: options.commit,
      at: options.at,
    };
  });
}

export type DecodedRecord =
  | { kind: 'entry'; key: string; entry: FleetEntry }
  | { kind: 'tombstone'; key: string }
  | { kind: 'newer'; key: string; version: number }
  | { kind: 'invalid'; key: string; reason: string };

const ROLES: readonly Role[] = ['consumer', 'producer', 'producer-consumer', 'unknown'];

function stringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Reads one record off the topic. Never throws: what it cannot read comes back as `invalid` with why. */
export function decodeRecord(key: string, value: string | null): DecodedRecord {
  if (value === null) return { kind: 'tombstone', key };
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch (error) {
    return { kind: 'invalid', key, reason: `not JSON (${(error as Error).message})` };
  }
  if (!data || typeof data !== 'object') return { kind: 'invalid', key, reason: 'not a JSON object' };
  const o = data as Record<string, unknown>;
  if (typeof o.version !== 'number') return { kind: 'invalid', key, reason: 'no `version` field' };
  if (o.version > FLEET_SCHEMA_VERSION) return { kind: 'newer', key, version: o.version };
  if (o.version !== FLEET_SCHEMA_VERSION) return { kind: 'invalid', key, reason: `unknown version ${o.version}` };
  if (typeof o.repo !== 'string' || !o.repo) return { kind: 'invalid', key, reason: 'no `repo`' };
  if ('environment' in o) {
    if (typeof o.environment !== 'string' || !Array.isArray(o.unknownConsumers))
      return { kind: 'invalid', key, reason: 'a live record needs `environment` and `unknownConsumers`' };
    return { kind: 'entry', key, entry: { kind: 'live', record: o as unknown as FleetLiveRecord } };
  }
  if (typeof o.service !== 'string' || !ROLES.includes(o.role as Role))
    return { kind: 'invalid', key, reason: 'a service record needs `service` and a known `role`' };
  if (!stringList(o.produces) || !stringList(o.consumes) || !stringList(o.groups))
    return { kind: 'invalid', key, reason: '`produces`, `consumes` and `groups` must be lists of names' };
  if (!o.state || typeof o.state !== 'object' || Array.isArray(o.state)) return { kind: 'invalid', key, reason: 'no `state`' };
  if (!o.readiness || typeof o.readiness !== 'object' || Array.isArray(o.readiness))
    return { kind: 'invalid', key, reason: 'no `readiness`' };
  if (serviceKey(o.repo, o.service) !== key)
    return { kind: 'invalid', key, reason: `the key does not match repo/service (${serviceKey(o.repo, o.service)})` };
  return { kind: 'entry', key, entry: { kind: 'service', record: o as unknown as FleetServiceRecord } };
}
