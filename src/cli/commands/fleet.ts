// `kafka-cutover publish` writes this repository's services to the fleet topic; `kafka-cutover fleet`
// reads every repository's and plans the whole fleet. Publish is the one command that writes to a
// cluster: it needs the manifest's `fleet:` and checks the topic is compacted before writing anything.
import {
  type Analysis,
  type FleetConfig,
  type FleetEntry,
  type FleetFormat,
  type FleetLiveRecord,
  liveKey,
  planFleet,
  renderFleet,
  repositoryIdentity,
  serviceRecords,
} from '../../core';
import { LiveError } from '../../live/client';
import { connectionSettings, type ConnectionSettings } from '../../live/connection';
import { publishFleet, readFleet } from '../../live/fleet';
import { kafkaJsClient, kafkaJsWriter } from '../../live/kafkajs';
import { runLiveChecks } from '../../live/run';
import { envFleetSecrets, envSecrets } from '../../live/secrets';
import { oneOf, parseArgs, positiveInteger, UsageError, valueFlag } from '../args';
import type { Io } from '../main';
import { COMMON_BOOLEANS, COMMON_VALUES, forEnvironment, load, outputWidth, repoDir } from './common';

const FORMATS = ['table', 'json', 'csv', 'markdown'] as const;

function fleetOf(fleet: FleetConfig | undefined): FleetConfig {
  if (!fleet)
    throw new UsageError(
      'the manifest names no fleet cluster: add `fleet: { brokers: [...], topic: kafka-cutover.fleet }` to kafka-cutover.yaml',
    );
  return fleet;
}

async function fleetSettings(fleet: FleetConfig, io: Io): Promise<ConnectionSettings> {
  return connectionSettings('fleet', 'target', fleet.cluster, envFleetSecrets(io.env), {
    label: 'fleet cluster',
    place: "the manifest's fleet:",
  });
}

export async function runPublish(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { values: [...COMMON_VALUES, 'timeout'], booleans: [...COMMON_BOOLEANS, 'live', 'dry-run'] });
  const [dirArg, ...extra] = args.positionals;
  if (extra.length) throw new UsageError(`expected at most one directory, got ${args.positionals.join(' ')}`);
  const dir = repoDir(dirArg, io);
  const { analysis, env } = await load(dir, args, io);
  const fleet = fleetOf(analysis.model.manifest.fleet);
  const identity = repositoryIdentity(dir, fleet.repository);
  const at = new Date().toISOString();
  const view = forEnvironment(analysis, env);
  const services = serviceRecords(view, { repo: identity.id, commit: identity.commit, at });
  const timeoutMs = positiveInteger('timeout', args.flags.get('timeout'), 10_000);

  // --live: what `check clients` finds on each environment's source travels with the records.
  const live: FleetLiveRecord[] = [];
  if (args.flags.get('live') === true) {
    for (const environment of analysis.model.manifest.environments.filter((e) => !env || e.name === env)) {
      const [result] = await runLiveChecks({
        model: analysis.model,
        environment,
        secrets: envSecrets(io.env),
        checks: ['clients'],
        timeoutMs,
      });
      const findings = result!.findings.filter((f) => f.rule === 'unknown-consumer');
      live.push({
        version: 1,
        repo: identity.id,
        environment: environment.name,
        unknownConsumers: findings.map((f) => ({ group: f.group!, topic: f.topic!, hosts: f.hosts ?? [] })),
        at,
      });
    }
  }
  if (args.flags.get('dry-run') === true) {
    io.out(JSON.stringify({ repo: identity.id, from: identity.from, topic: fleet.topic, services, live }, null, 2) + '\n');
    return 0;
  }
  const settings = await fleetSettings(fleet, io);
  const client = kafkaJsClient(settings, { timeoutMs });
  const writer = kafkaJsWriter(settings, { timeoutMs });
  try {
    const result = await publishFleet(
      client,
      writer,
      fleet.topic,
      identity.id,
      services,
      live,
      live.map((l) => liveKey(l.repo, l.environment)),
      { timeoutMs },
    );
    io.out(
      `published ${result.published} service${result.published === 1 ? '' : 's'} of ${identity.id} (${identity.from}${identity.commit ? `, ${identity.commit.slice(0, 12)}` : ''}) to ${fleet.topic}` +
        (live.length ? `, with live observations of ${live.map((l) => l.environment).join(', ')}` : '') +
        (result.tombstones.length ? `; removed ${result.tombstones.join(', ')} (no longer in the repository)` : '') +
        '\n',
    );
    return 0;
  } catch (error) {
    if (error instanceof LiveError) {
      io.err(`kafka-cutover publish: ${error.message}\n`);
      return error.kind === 'config' ? 2 : 1;
    }
    throw error;
  } finally {
    await Promise.all([client.close(), writer.close()]);
  }
}

export async function runFleet(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { values: [...COMMON_VALUES, 'format', 'timeout'], booleans: [...COMMON_BOOLEANS, 'wide'] });
  const [dirArg, ...extra] = args.positionals;
  if (extra.length) throw new UsageError(`expected at most one directory, got ${args.positionals.join(' ')}`);
  const format = oneOf('format', args.flags.get('format'), FORMATS, 'table') as FleetFormat;
  const width = format === 'table' ? outputWidth(io, args.flags.get('wide') === true) : undefined;
  const dir = repoDir(dirArg, io);
  const { analysis } = await load(dir, { ...args, flags: new Map([...args.flags].filter(([k]) => k !== 'env')) }, io);
  const fleet = fleetOf(analysis.model.manifest.fleet);
  const settings = await fleetSettings(fleet, io);
  const client = kafkaJsClient(settings, { timeoutMs: positiveInteger('timeout', args.flags.get('timeout'), 10_000) });
  try {
    const read = await readFleet(client, fleet.topic);
    let plan = planFleet(read.entries);
    const env = valueFlag(args, 'env');
    if (env !== undefined) {
      if (!plan.environments.includes(env))
        throw new UsageError(`unknown environment '${env}' in the fleet (known: ${plan.environments.join(', ') || 'none'})`);
      plan = { ...plan, environments: [env] };
    }
    for (const w of read.warnings) io.err(`warning: ${w}\n`);
    io.out(renderFleet(plan, format, format === 'json' ? read.warnings : [], width));
    return Object.values(plan.summary).some((s) => s.hazards > 0) ? 1 : 0;
  } catch (error) {
    if (error instanceof LiveError) {
      io.err(`kafka-cutover fleet: ${error.message}\n`);
      return error.kind === 'config' ? 2 : 1;
    }
    throw error;
  } finally {
    await client.close();
  }
}

/** `scan --fleet` / `plan --fleet`: every repository's records but this one's, and this repository's id. */
export async function readFleetFor(
  analysis: Analysis,
  dir: string,
  io: Io,
  timeoutMs: number,
): Promise<{ entries: FleetEntry[]; repo: string; warnings: string[] }> {
  const fleet = fleetOf(analysis.model.manifest.fleet);
  const repo = repositoryIdentity(dir, fleet.repository).id;
  const client = kafkaJsClient(await fleetSettings(fleet, io), { timeoutMs });
  try {
    const read = await readFleet(client, fleet.topic);
    return { entries: read.entries, repo, warnings: read.warnings };
  } catch (error) {
    if (error instanceof LiveError) throw new UsageError(`the fleet topic: ${error.message}`);
    throw error;
  } finally {
    await client.close();
  }
}
