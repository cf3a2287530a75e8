import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions, tempDir } from '@rtspkit/test-utils';
import { build } from 'esbuild';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * Bundles a browser entry of test/browser (TypeScript, workspace packages from src through
 * the `@rtspkit/source` condition, so never a stale build) into one ES module.
 */
export async function bundle(entry: string, options: { minify?: boolean } = {}): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    conditions: ['@rtspkit/source'],
    minify: options.minify ?? false,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export type Route = { readonly type: string; readonly body: string | Uint8Array };

/** An HTTP server on 127.0.0.1 answering from `routes` (path → body), 404 otherwise. */
export async function serve(
  routes: (path: string) => Route | undefined,
): Promise<{ base: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const route = routes(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (!route) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': route.type, 'cache-control': 'no-store' }).end(route.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The page that loads `/app.js` as a module and has one muted `<video>`. */
export const PAGE =
  '<!doctype html><meta charset="utf-8"><video id="v" muted playsinline></video><script type="module" src="/app.js"></script>';

/**
 * Runs `fn` with a fresh headless Chromium page; closes the browser and its profile
 * afterwards. `args` go to Chromium after the usual ones (`--ignore-certificate-errors` for
 * a test against a self-signed certificate).
 */
export async function withPage<T>(
  fn: (page: Page, browser: BrowserContext) => Promise<T>,
  options: { args?: readonly string[] } = {},
): Promise<T> {
  const dir = tempDir('rtspkit-player-chromium-');
  const launch = chromiumLaunchOptions();
  const browser = await chromium.launchPersistentContext(dir.path, {
    ...launch,
    args: [...launch.args, ...(options.args ?? [])],
    timeout: 20_000,
  });
  try {
    const page = await browser.newPage();
    return await fn(page, browser);
  } finally {
    await browser.close();
    dir.remove();
  }
}

/**
 * Polls `read` in the page until `done` holds of its value or `timeoutMs` passes; returns
 * the value. A `read` that throws (the page's module still loading) counts as not done.
 */
export async function pollPage<T>(
  page: Page,
  read: () => T,
  done: (value: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last = 'nothing read yet';
  for (;;) {
    try {
      const value = await page.evaluate(read);
      if (done(value)) return value;
      last = JSON.stringify(value);
    } catch (e) {
      last = `the page threw ${String(e)}`;
    }
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${last}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** {@link PAGE} with sound: the element is not muted, so Web Audio can listen to it. */
export const PAGE_WITH_SOUND = PAGE.replace(' muted', '');
