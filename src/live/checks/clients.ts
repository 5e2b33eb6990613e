// Who is really connected where. Reading the repository tells what services intend; the group
// coordinators tell who is there: every consumer group on the source and the target, its members
// (client id, host), the topics they read and the offsets committed. A group no scanned service owns
// that reads topic T on the source makes every producer of T unsafe to move; a service the scan says
// moved that still has members on the source is an old deployment still running.
import type { Model, Service } from '../../core';
import type { GroupDescription } from '../client';
import type { ClusterSide } from '../secrets';
import { groupPlace, producePlace } from './places';
import { ClusterReach } from './reach';
import type { CheckContext, CheckResult, LiveFinding } from './types';

export interface ClientGroup {
  cluster: ClusterSide;
  group: string;
  state: string;
  protocolType: string;
  /** The scanned service that owns the group (by group id, else by client id), or null. */
  service: string | null;
  members: Array<{ clientId: string; host: string; topics: string[] }>;
  /** Topics the members subscribe to or are assigned; for a group without members, the ones it committed for. */
  topics: string[];
  /** topic -> partition -> committed offset. */
  committed: Record<string, Record<string, number>>;
}

export interface ClientsResults {
  groups: ClientGroup[];
}

const ACTIVE = new Set(['Stable', 'PreparingRebalance', 'CompletingRebalance']);

/** Groups with members that consume: Connect workers (protocol `connect`) coordinate, they do not read topics. */
export function isActiveConsumer(g: Pick<ClientGroup, 'state' | 'protocolType' | 'members'>): boolean {
  return ACTIVE.has(g.state) && g.members.length > 0 && g.protocolType !== 'connect';
}

/** Group id -> owning service, from the group ids the scan found (Streams' application.id included). */
function ownersByGroup(model: Model): Map<string, Service> {
  const owners = new Map<string, Service>();
  for (const s of model.services) for (const g of s.groups) if (!owners.has(g)) owners.set(g, s);
  return owners;
}

/** A member whose client id is the service's name (`billing`, `billing-1`, `billing-7f9c`) belongs to it. */
function ownerByClientId(model: Model, clientIds: string[]): Service | undefined {
  for (const id of clientIds) {
    const s = model.services.find((svc) => id === svc.name || id.startsWith(`${svc.name}-`));
    if (s) return s;
  }
  return undefined;
}

function hostsOf(g: ClientGroup): string[] {
  return [...new Set(g.members.map((m) => m.host))].sort();
}

function membersText(g: ClientGroup): string {
  const hosts = hostsOf(g);
  return `${g.members.length} member${g.members.length === 1 ? '' : 's'} at ${hosts.join(', ')}`;
}

export async function readGroups(context: CheckContext, reach: ClusterReach, side: ClusterSide): Promise<ClientGroup[]> {
  const { model, signal } = context;
  const listed = await reach.call(side, (c) => c.listGroups({ signal }));
  if (!listed) return [];
  const ids = listed.map((g) => g.groupId).sort();
  const described = (await reach.call(side, (c) => c.describeGroups(ids, { signal }))) ?? [];
  const byId = new Map<string, GroupDescription>(described.map((d) => [d.groupId, d]));
  const owners = ownersByGroup(model);
  const groups: ClientGroup[] = [];
  for (const id of ids) {
    const d = byId.get(id) ?? {
      groupId: id,
      state: 'Unknown',
      protocolType: listed.find((l) => l.groupId === id)?.protocolType ?? '',
      members: [],
    };
    const offsets = (await reach.call(side, (c) => c.groupOffsets(id, { signal }))) ?? {};
    const committed: ClientGroup['committed'] = {};
    for (const topic of Object.keys(offsets).sort()) {
      committed[topic] = Object.fromEntries([...offsets[topic]!.entries()].sort(([a], [b]) => a - b).map(([p, o]) => [String(p), o]));
    }
    const members = d.members.map((m) => ({
      clientId: m.clientId,
      host: m.clientHost,
      topics: [...new Set([...m.subscription, ...Object.keys(m.assignment)])].sort(),
    }));
    const readTopics = [...new Set(members.flatMap((m) => m.topics))].sort();
    const owner =
      owners.get(id) ??
      ownerByClientId(
        model,
        members.map((m) => m.clientId),
      );
    groups.push({
      cluster: side,
      group: id,
      state: d.state,
      protocolType: d.protocolType,
      service: owner?.name ?? null,
      members,
      topics: readTopics.length ? readTopics : Object.keys(committed),
      committed,
    });
  }
  return groups;
}

export async function checkClients(context: CheckContext): Promise<CheckResult<ClientsResults>> {
  const { model, environment } = context;
  const env = environment.name;
  const findings: LiveFinding[] = [];
  const reach = new ClusterReach(context, 'clients', findings, 'read consumer groups');
  const groups = [...(await readGroups(context, reach, 'source')), ...(await readGroups(context, reach, 'target'))];
  const base = { check: 'clients' as const, environment: env };
  const producersOf = new Map(model.topics.map((t) => [t.name, t.producers]));

  for (const g of groups) {
    if (g.cluster !== 'source' || g.service || !isActiveConsumer(g)) continue;
    for (const topic of g.topics) {
      const producers = producersOf.get(topic) ?? [];
      const place = producers.length ? producePlace(model, topic) : undefined;
      findings.push({
        ...base,
        rule: 'unknown-consumer',
        severity: 'error',
        cluster: 'source',
        group: g.group,
        topic,
        hosts: hostsOf(g),
        ...(place ?? {}),
        message:
          `group ${g.group} (${membersText(g)}, client id ${[...new Set(g.members.map((m) => m.clientId))].sort().join(', ')}) reads ${topic} on the source in ${env}, ` +
          `and no scanned service owns it` +
          (producers.length
            ? `: ${producers.join(', ')} must not move to the target before it does (it would stop seeing their records)`
            : ''),
      });
    }
  }

  for (const service of model.services) {
    const state = service.state[env];
    if (state !== 'target') continue;
    for (const group of [...new Set(service.groups)].sort()) {
      const place = groupPlace(model, group, service.name);
      const at = { ...base, service: service.name, group, ...(place ?? {}) };
      const onSource = groups.find((g) => g.cluster === 'source' && g.group === group && isActiveConsumer(g));
      if (onSource) {
        findings.push({
          ...at,
          rule: 'consumer-left-on-source',
          severity: 'error',
          cluster: 'source',
          hosts: hostsOf(onSource),
          message: `${service.name} is moved to the target in the repository, but its group ${group} still has ${membersText(onSource)} on the source in ${env}: an old deployment is still running there`,
        });
      }
      const onTarget = groups.find((g) => g.cluster === 'target' && g.group === group);
      if (reach.reachable('target') && (!onTarget || !isActiveConsumer(onTarget))) {
        findings.push({
          ...at,
          rule: 'consumer-not-on-target',
          severity: 'warning',
          cluster: 'target',
          message: `${service.name} is moved to the target in the repository, but its group ${group} has no members on the target in ${env} (${onTarget ? `state ${onTarget.state}` : 'no such group'}): is the new deployment running?`,
        });
      }
    }
  }
  return { check: 'clients', environment: env, results: { groups }, findings };
}
