// The demo page as `rtspkit serve` shows it at `/`, in headless Chromium, against our server
// on loopback: the page, the player bundle at /player.js and RTSP over WebSocket on one port.
import type { RtspServer } from '@rtspkit/server';
import { selfSignedCertificate } from '@rtspkit/server';
import { freeTcpPort, missingPeers } from '@rtspkit/test-utils';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSnapshot, demoSnapshot, playerBundle, startDemoServer } from './browser/demo-server.js';
import { pollPage, withPage } from './browser/harness.js';

let script: string;
const servers = new Set<RtspServer>();

beforeAll(async () => {
  script = await playerBundle();
}, 60_000);
afterEach(async () => {
  for (const s of servers) await s.close();
  servers.clear();
});

async function serve(options: Omit<Parameters<typeof startDemoServer>[0], 'script'>): Promise<RtspServer> {
  const server = await startDemoServer({ ...options, script });
  servers.add(server);
  return server;
}

/** Waits until the page plays: more than 100 frames shown, the clock running, audio decoded. */
async function playing(page: Page, timeoutMs = 30_000): Promise<DemoSnapshot> {
  const first = await pollPage(
    page,
    demoSnapshot,
    (s) => s.totalVideoFrames > 100,
    timeoutMs,
    'more than 100 video frames shown',
  );
  return pollPage(
    page,
    demoSnapshot,
    (s) => s.currentTime > first.currentTime + 0.5 && s.audioDecodedBytes > 0,
    10_000,
    `currentTime past ${first.currentTime + 0.5} s and audio decoded`,
  );
}

describe.skipIf(missingPeers('chromium'))('the demo page at / of our server', { timeout: 120_000 }, () => {
  it('plays /sample by default over ws://: video frames, a running clock, AAC audio', async () => {
    const port = await freeTcpPort();
    await serve({ port });
    await withPage(async (page) => {
      const started = Date.now();
      await page.goto(`http://127.0.0.1:${port}/`);
      expect(await page.inputValue('#url')).toBe(`ws://127.0.0.1:${port}/sample`);
      const s = await playing(page);
      console.info(`demo over ws: 100 frames after ${Date.now() - started} ms, ${JSON.stringify(s)}`);
      expect(s.state).toBe('playing');
      expect(s.transport).toBe('websocket');
      expect(s.codecs).toEqual(['avc1.42C01E', 'mp4a.40.2']);
      expect(s.errors).toEqual([]);
      // the page keeps the server's mount list with its commands
      const mounts = await page.textContent('#mounts');
      expect(mounts).toContain(`ffmpeg -rtsp_transport tcp -i rtsp://127.0.0.1:${port}/sample`);
      expect(mounts).toContain(`rtspsrc location=rtsph://127.0.0.1:${port}/sample-h265`);
      // and its overlay shows the numbers
      expect(await page.textContent('#overlay')).toMatch(/state +playing/);
    });
  });

  it('plays over wss:// with TLS on the same port (the page over https)', async () => {
    const port = await freeTcpPort();
    await serve({ port, tls: await selfSignedCertificate() });
    await withPage(
      async (page) => {
        await page.goto(`https://127.0.0.1:${port}/`);
        expect(await page.inputValue('#url')).toBe(`wss://127.0.0.1:${port}/sample`);
        const s = await playing(page);
        expect(s.state).toBe('playing');
        expect(s.transport).toBe('websocket+tls');
        expect(s.errors).toEqual([]);
      },
      // the certificate is self-signed: for this test only
      { args: ['--ignore-certificate-errors'] },
    );
  });
});
