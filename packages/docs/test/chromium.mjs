// Debian's Chromium, driven by playwright-core (which cannot download browsers here), as the docs'
// tests and benchmark launch it: no sandbox, no GPU, nothing in the background that reaches out.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** @returns {Promise<import('playwright-core').Browser>} */
export function launchChromium() {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: run "bash scripts/setup.sh" (it installs Debian's chromium and fonts-noto-cjk).`);
  }
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
