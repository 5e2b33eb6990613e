// The repositories under test/fixtures/scope: `layout` (same-named folders in two teams, deploy-only
// services, fixtures and test code, no Terraform) and `zero-config` (a compose stack, Helm values per
// environment, an MSK cluster in Terraform, no manifest).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const SCOPE_FIXTURES = path.resolve(__dirname, '../../../test/fixtures/scope');
export const LAYOUT = path.join(SCOPE_FIXTURES, 'layout');
export const ZERO_CONFIG = path.join(SCOPE_FIXTURES, 'zero-config');

/** A private copy, for tests that write (init) or add a manifest. */
export function copyFixture(dir: string, extra: Record<string, string> = {}): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-scope-'));
  fs.cpSync(dir, copy, { recursive: true });
  for (const [rel, text] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(copy, rel)), { recursive: true });
    fs.writeFileSync(path.join(copy, rel), text);
  }
  return copy;
}
