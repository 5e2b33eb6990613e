// Loads dist/live.js beside the extension bundle on first use. The path is computed so esbuild leaves the
// require alone instead of pulling kafkajs into extension.js.
import * as path from 'node:path';

export type LiveModule = typeof import('./entry');

let loaded: LiveModule | undefined;

export function loadLive(): LiveModule {
  if (!loaded) {
    const file = path.join(__dirname, 'live.js');
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require(file) as LiveModule;
    } catch (error) {
      throw new Error(`cannot load the live checks (${file}): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return loaded;
}
