import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { samples } from '@rtspkit/sample';
import { createServer, FileSource, type RtspServer } from '@rtspkit/server';
import { chromiumLaunchOptions, missingPeers, tempDir } from '@rtspkit/test-utils';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageResult } from './browser/ws-page.js';

/** test/browser/ws-page.ts and the client's browser entry (from src), as one ES module. */
async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./browser/ws-page.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    conditions: ['@rtspkit/source'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe.skipIf(missingPeers('chromium'))('@rtspkit/client/browser in Chromium against our server (ws://)', () => {
  let server: RtspServer;
  let port: number;
  beforeAll(async () => {
    server = createServer({
      port: 0,
      host: '127.0.0.1',
      udpPortRange: false,
      mounts: { '/sample': new FileSource({ files: [samples.h264Baseline.path, samples.aac.path] }) },
    });
    port = (await server.listen()).port;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('receives the track list and access units of both tracks, then tears down', { timeout: 90_000 }, async () => {
    const script = await bundle();
    const profile = tempDir('rtspkit-client-chromium-');
    let pages: ReturnType<typeof createHttpServer> | undefined;
    const browser = await chromium.launchPersistentContext(profile.path, {
      ...chromiumLaunchOptions(),
      timeout: 30_000,
    });
    try {
      const page = await browser.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      // The page comes from 127.0.0.1: from about:blank, this Chromium closed the WebSocket to
      // 127.0.0.1 before it opened (1006).
      const http = createHttpServer((req, res) => {
        if (req.url === '/app.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
        else
          res
            .writeHead(200, { 'content-type': 'text/html' })
            .end(
              `<!doctype html><meta charset="utf-8"><script>rtspUrl = ${JSON.stringify(`ws://127.0.0.1:${port}/sample`)}</script><script type="module" src="/app.js"></script>`,
            );
      });
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      pages = http;
      await page.goto(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`);
      const read = () => (globalThis as unknown as { rtspResult?: PageResult }).rtspResult;
      // 60 units of each track: 2 s of video at 30 fps, 1.3 s of AAC at 48 kHz.
      const until = Date.now() + 45_000;
      let result = await page.evaluate(read);
      while (!(result !== undefined && (result.units[0] ?? 0) >= 60 && (result.units[1] ?? 0) >= 60)) {
        if (result?.errors.length || pageErrors.length || Date.now() > until) {
          throw new Error(
            `expected 60 access units per track within 45 s; page: ${JSON.stringify(result)} ${pageErrors.join('; ')}`,
          );
        }
        await new Promise((r) => setTimeout(r, 200));
        result = await page.evaluate(read);
      }
      expect(result.tracks).toEqual([
        { media: 'video', codec: 'h264', codecString: 'avc1.42C01E' },
        { media: 'audio', codec: 'mpeg4-audio', codecString: 'mp4a.40.2' },
      ]);
      expect(result.events.slice(0, 2)).toEqual(['tracks', 'playing']);
      expect(result.keyFirst[0], 'the first video unit is a key frame (the server starts readers at one)').toBe(true);
      expect(result.ptsIncreasing).toEqual([true, true]);
      expect(server.sessions.size).toBe(1);
      await page.evaluate(() => (globalThis as unknown as { rtspClose: () => Promise<void> }).rtspClose());
      const closed = await page.evaluate(read);
      expect(closed?.events.at(-1)).toBe('closed');
      expect(server.sessions.size, 'TEARDOWN ended the session on the server').toBe(0);
      expect(closed?.errors).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await browser.close();
      profile.remove();
      await new Promise((r) => pages?.close(r));
    }
  });
});
