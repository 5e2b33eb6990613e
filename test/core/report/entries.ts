// Small JSON-report entries written by hand, for renderer tests that need one exact shape each.
import type { Readiness } from '../../../src/core/model/types';
import type { FindingEntry, JsonReport, ServiceEntry } from '../../../src/core/report/types';

export function jsonReport(over: Partial<JsonReport> = {}): JsonReport {
  return {
    version: 1,
    environments: [],
    services: [],
    order: [],
    cycles: [],
    brokerRefs: [],
    topics: [],
    findings: [],
    problems: [],
    skipped: [],
    ...over,
  };
}

export function service(name: string, over: Partial<ServiceEntry> = {}): ServiceEntry {
  return {
    name,
    root: `services/${name}`,
    role: 'consumer',
    produces: [],
    consumes: [],
    state: {},
    wave: 1,
    readiness: {},
    status: {},
    evidence: { role: [], state: {} },
    ...over,
  };
}

export function finding(over: Partial<FindingEntry> = {}): FindingEntry {
  return {
    rule: 'legacy-broker',
    severity: 'warning',
    service: null,
    environment: null,
    file: 'a.env',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    message: 'm',
    ...over,
  };
}

export function readiness(over: Partial<Readiness> = {}): Readiness {
  const status = over.status ?? 'ready';
  return { status, ready: status === 'ready', blockedBy: [], blockers: [], unknown: [], fixes: [], ...over };
}
