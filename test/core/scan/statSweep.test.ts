// The helper thread that stats files for refresh(): the same fingerprints a stat on this thread gives,
// undefined for a file that is not there, and a process that has nothing else to do still exits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fingerprintOf } from '../../../src/core/scan/fingerprint';
import { statOnHelper } from '../../../src/core/scan/statSweep';

test('the helper gives the fingerprints of a stat here, and undefined for a missing file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-stat-'));
  try {
    const files = Array.from({ length: 300 }, (_, i) => path.join(dir, `f${i}.txt`));
    files.forEach((f, i) => fs.writeFileSync(f, 'x'.repeat(i)));
    const asked = [...files, path.join(dir, 'missing'), path.join(dir, 'nested', 'missing')];
    let here = 0;
    const got = await statOnHelper(asked, () => {
      here++;
      return undefined;
    });
    assert.equal(here, 0, 'the helper answered every path');
    assert.deepEqual(got, [...files.map((f) => fingerprintOf(fs.statSync(f))), undefined, undefined]);
    assert.deepEqual(await statOnHelper([], () => undefined), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('awaiting the helper keeps a process alive until the answer; an idle helper does not keep it', () => {
  const script = `require(${JSON.stringify(path.join(__dirname, '../../../src/core/scan/statSweep.js'))})
    .statOnHelper([${JSON.stringify(__filename)}], () => undefined)
    .then((r) => console.log(r[0] ? 'answered' : 'none'));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.signal, null, 'exited by itself');
  assert.equal(r.stdout, 'answered\n');
  assert.equal(r.status, 0);
});
