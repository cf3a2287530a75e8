import { CHROMIUM } from './peers.js';

/**
 * Options for playwright-core's `chromium.launchPersistentContext(profileDir, options)` with
 * Debian's Chromium on these machines: headless, no sandbox (tests run as root), no
 * background networking (the closed network refuses it), media autoplay allowed. Pass a
 * fresh profile directory (`tempDir().path`) as the first argument; playwright turns it
 * into `--user-data-dir` itself.
 *
 * @example
 * const profile = tempDir();
 * const browser = await chromium.launchPersistentContext(profile.path, chromiumLaunchOptions());
 */
export function chromiumLaunchOptions(): { executablePath: string; headless: boolean; args: string[] } {
  return {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  };
}
