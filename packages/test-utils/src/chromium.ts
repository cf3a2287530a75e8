import { CHROMIUM } from './peers.js';

/**
 * Launch options for playwright-core with Debian's Chromium on these machines (see
 * shared PEERS notes): headless, no sandbox (root), no background networking (the closed
 * network refuses it), a fresh profile directory.
 */
export function chromiumLaunchOptions(userDataDir: string): {
  executablePath: string;
  headless: boolean;
  args: string[];
} {
  return {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
      `--user-data-dir=${userDataDir}`,
    ],
  };
}
