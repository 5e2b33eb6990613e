import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root, found from this file whether it runs from `test/` or compiled `out/test/`. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'scripts', 'kafka', 'pom.xml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`scripts/kafka/pom.xml not found above ${__dirname}`);
    dir = parent;
  }
}

/** The Kafka version a pom pins; the pom is the one place a version is written. */
export function pinnedKafkaVersion(pomFile: string): string {
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(fs.readFileSync(pomFile, 'utf8'));
  if (!match?.[1]) throw new Error(`no <kafka.version> in ${pomFile}`);
  return match[1].trim();
}

export interface KafkaJars {
  version: string;
  libsDir: string;
}

/**
 * Where a Kafka version's jars are, fetching them first when the copy is missing or stale
 * (fetch-jars.sh is idempotent and skips work when its stamp matches the pom).
 */
export function ensureKafkaJars(which: 'current' | 'old'): KafkaJars {
  const root = repoRoot();
  const pom = path.join(root, 'scripts', 'kafka', ...(which === 'old' ? ['old', 'pom.xml'] : ['pom.xml']));
  const version = pinnedKafkaVersion(pom);
  const dir = path.join(root, '.cache', 'kafka', version);
  const libsDir = path.join(dir, 'libs');
  const stamp = path.join(dir, '.complete');
  if (!fs.existsSync(stamp) || !fs.existsSync(libsDir)) {
    const script = path.join(root, 'scripts', 'kafka', 'fetch-jars.sh');
    // Maven's chatter goes to stderr: stdout belongs to the test runner's report.
    execFileSync('bash', which === 'old' ? [script, '--old'] : [script], { cwd: root, stdio: ['ignore', 2, 2] });
  }
  return { version, libsDir };
}
