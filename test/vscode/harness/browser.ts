// Debian's Chromium driven by playwright-core: Playwright's own browser download cannot reach its host here.
import * as path from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';
import { CHROMIUM_PATH } from './paths';

// Without these, Chromium on these machines tries QUIC, GPU, sync and component updates and stalls or
// logs noise; `--no-sandbox` is needed as root.
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(path.resolve(profileDir), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1400, height: 900 },
    timeout: 60_000,
  });
}
