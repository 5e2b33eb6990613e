// Hand-written models for tests of the engine's pure functions: only the fields a test names are set.
import { zeroConfigManifest } from '../../src/core/manifest/load';
import type { BrokerRef, Finding, Model, Plan, Range, Readiness, Service } from '../../src/core/model/types';

export const at = (line: number, column: number): Range => ({ start: { line, column }, end: { line, column: column + 1 } });

export function svc(name: string, over: Partial<Service> = {}): Service {
  return { name, root: `services/${name}`, role: 'consumer', produces: [], consumes: [], state: {}, files: [], groups: [], ...over };
}

export function model(services: Service[], over: Partial<Model> = {}): Model {
  return {
    root: '/repo',
    manifest: zeroConfigManifest(),
    zeroConfig: false,
    environments: ['prod'],
    services,
    brokerRefs: [],
    topics: [],
    topicUses: [],
    refsByService: new Map(),
    offsetResets: [],
    facts: new Map(),
    mskClusters: [],
    mirrors: [],
    mirror: { mode: 'active-passive', offsetSync: false, offsetSyncExplicit: false, from: 'default' },
    problems: [],
    skipped: [],
    ...over,
  };
}

export function plan(readiness: Plan['readiness'] = {}, over: Partial<Plan> = {}): Plan {
  return { wave: {}, order: [], cycles: [], readiness, verdicts: {}, ...over };
}

export function ready(over: Partial<Readiness> = {}): Readiness {
  const status = over.status ?? 'ready';
  return { status, ready: status === 'ready', blockedBy: [], blockers: [], unknown: [], fixes: [], ...over };
}

export function finding(over: Partial<Finding> & Pick<Finding, 'rule'>): Finding {
  return { severity: 'error', file: 'services/a/.env', range: at(1, 1), message: 'm', ...over };
}

export function ref(over: Partial<BrokerRef> = {}): BrokerRef {
  return {
    file: 'services/a/.env',
    format: 'dotenv',
    kind: 'config',
    key: 'KAFKA_BROKERS',
    range: at(2, 15),
    parts: [{ text: 'kafka1:9092', range: at(2, 15), offset: 20, length: 11 }],
    hosts: [],
    cluster: 'source',
    ...over,
  };
}
