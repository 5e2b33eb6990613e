// Writes a small repository to a temp folder for a test, and scans it with the real engine.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RepositoryIndex, type Analysis } from '../../src/core/repositoryIndex';

export function writeRepo(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-test-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return dir;
}

export function removeRepo(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export async function scanRepo(
  files: Record<string, string | Buffer>,
): Promise<{ dir: string; workspace: RepositoryIndex; analysis: Analysis }> {
  const dir = writeRepo(files);
  const workspace = new RepositoryIndex(dir);
  const analysis = await workspace.scan();
  return { dir, workspace, analysis };
}

/** Two environments, three brokers a side, like the example fleet. */
export const MANIFEST = `version: 1
environments:
  prod:
    source: { brokers: [kafka1.prod.example.internal:9092, kafka2.prod.example.internal:9092], version: "1.0.0" }
    target: { brokers: "b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094,b-2.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094", auth: mtls }
  dev:
    source: { brokers: [kafka1.dev.example.internal:9092], version: "1.0.0" }
    target: { brokers: [b-1.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094], auth: mtls }
services: { roots: ["services/*"] }
`;
export const SRC_PROD = 'kafka1.prod.example.internal:9092,kafka2.prod.example.internal:9092';
export const TGT_PROD = 'b-1.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094,b-2.prod.ab12cd.c3.kafka.us-east-1.amazonaws.com:9094';
export const SRC_DEV = 'kafka1.dev.example.internal:9092';
export const TGT_DEV = 'b-1.dev.ef34gh.c2.kafka.us-east-1.amazonaws.com:9094';

/** A service described by env files: `in`/`out` topics and the brokers it names per environment. */
export function envService(opts: { in?: string; out?: string; prod?: string; dev?: string; extra?: string }): Record<string, string> {
  const topics = `${opts.in ? `INPUT_TOPIC=${opts.in}\n` : ''}${opts.out ? `OUTPUT_TOPIC=${opts.out}\n` : ''}`;
  const files: Record<string, string> = {};
  if (opts.prod) files['.env.prod'] = `KAFKA_BROKERS=${opts.prod}\n${topics}${opts.extra ?? ''}`;
  if (opts.dev) files['.env.dev'] = `KAFKA_BROKERS=${opts.dev}\n${topics}`;
  if (!opts.prod && !opts.dev) files['.env'] = topics;
  return files;
}

export function fleet(services: Record<string, Record<string, string>>, extra: Record<string, string> = {}): Record<string, string> {
  const files: Record<string, string> = { 'kafka-cutover.yaml': MANIFEST, ...extra };
  for (const [name, svcFiles] of Object.entries(services)) {
    files[`services/${name}/package.json`] = `{ "name": "${name}" }\n`;
    for (const [rel, content] of Object.entries(svcFiles)) files[`services/${name}/${rel}`] = content;
  }
  return files;
}
