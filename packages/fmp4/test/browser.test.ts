import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { samples as media } from '@rtspkit/sample';
import { chromiumLaunchOptions, missingPeers, tempDir } from '@rtspkit/test-utils';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fmp4Muxer } from '../src/index.js';
import { join } from './helpers.js';
import { interleave, loadAac, loadH264 } from './media.js';

/** The page: MSE fed one segment at a time, exactly as fetched; reports what the element saw. */
const PAGE = `<!doctype html><meta charset="utf-8"><video id="v" muted playsinline></video><script>
(async () => {
  const out = (window.result = { supported: false, appended: 0, error: null });
  try {
    const mime = 'video/mp4; codecs="' + new URLSearchParams(location.search).get('codecs') + '"';
    out.supported = MediaSource.isTypeSupported(mime);
    const video = document.getElementById('v');
    const ms = new MediaSource();
    video.src = URL.createObjectURL(ms);
    await new Promise((r) => ms.addEventListener('sourceopen', r, { once: true }));
    const sb = ms.addSourceBuffer(mime);
    const count = Number(await (await fetch('/count')).text());
    for (let i = 0; i < count; i++) {
      const bytes = await (await fetch('/segment/' + i)).arrayBuffer();
      sb.appendBuffer(bytes);
      await new Promise((r, j) => { sb.onupdateend = r; sb.onerror = () => j(new Error('append ' + i)); });
      out.appended++;
    }
    ms.endOfStream();
    // Half speed: decoding keeps up even when the 2-core test machine is busy with other suites.
    video.playbackRate = 0.5;
    await video.play();
    out.ranges = Array.from({ length: video.buffered.length }, (_, i) => [video.buffered.start(i), video.buffered.end(i)]);
    out.done = true;
  } catch (e) {
    out.error = String(e && e.message || e);
  }
})();
</script>`;

describe.skipIf(missingPeers('chromium'))('Chromium plays H.264 + AAC through MediaSource', () => {
  let server: Server;
  let base = '';
  const segments: Uint8Array[] = [];
  const video = loadH264(media.h264Baseline.path, 1);
  const audio = loadAac(media.aac.path, 2);
  const codecs = `${video.codec}, ${audio.codec}`;

  beforeAll(async () => {
    const mux = new Fmp4Muxer({ tracks: [video.track, audio.track], fragment: 'frame' });
    for (const { trackId, sample } of interleave(video, audio)) {
      for (const seg of mux.pushSegments(trackId, sample)) segments.push(join(seg.chunks));
    }
    for (const seg of mux.flushSegments()) segments.push(join(seg.chunks));
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const seg = /^\/segment\/(\d+)$/.exec(url.pathname);
      if (url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      } else if (url.pathname === '/count') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end(String(segments.length));
      } else if (seg && segments[Number(seg[1])]) {
        res.writeHead(200, { 'content-type': 'video/mp4' }).end(segments[Number(seg[1])]);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server?.close(() => r())));

  it('one fragment per frame: appends, plays, decodes frames, drops next to none', async () => {
    // the init segment, then one fragment per sample; the flush holds the last sample of both tracks
    expect(segments.length).toBe(1 + video.samples.length + audio.samples.length - 1);
    const dir = tempDir('rtspkit-fmp4-chromium-');
    const browser = await chromium.launchPersistentContext(dir.path, { ...chromiumLaunchOptions(), timeout: 15_000 });
    try {
      const page = await browser.newPage();
      await page.goto(`${base}/?codecs=${encodeURIComponent(codecs)}`, { timeout: 10_000 });
      await page.waitForFunction(
        () =>
          (window as unknown as { result: { done?: boolean; error: string | null } }).result?.done ||
          (window as unknown as { result: { error: string | null } }).result?.error,
        undefined,
        { timeout: 20_000 },
      );
      const result = await page.evaluate(() => (window as unknown as { result: Record<string, unknown> }).result);
      expect(result).toMatchObject({ supported: true, appended: segments.length, error: null });
      // the whole file is one buffered range: no gaps between fragments
      const ranges = result.ranges as Array<[number, number]>;
      expect(ranges).toHaveLength(1);
      expect(ranges[0]![0]).toBeLessThan(0.05);
      expect(ranges[0]![1]).toBeGreaterThan(9.9);
      // play for a while: time advances and frames are decoded
      await page.waitForFunction(
        () => (document.getElementById('v') as HTMLVideoElement).currentTime > 1.5,
        undefined,
        {
          timeout: 10_000,
        },
      );
      const stats = await page.evaluate(() => {
        const v = document.getElementById('v') as HTMLVideoElement;
        const q = v.getVideoPlaybackQuality();
        return { currentTime: v.currentTime, total: q.totalVideoFrames, dropped: q.droppedVideoFrames };
      });
      expect(stats.currentTime).toBeGreaterThan(1.5);
      expect(stats.total).toBeGreaterThan(30);
      // Chromium drops a frame when its renderer falls behind on a loaded machine: that is
      // playback performance, not a property of the stream. A broken stream drops most frames.
      expect(stats.dropped, `${stats.dropped} of ${stats.total} frames dropped`).toBeLessThanOrEqual(
        Math.ceil(stats.total * 0.05),
      );
    } finally {
      await browser.close();
      dir.remove();
    }
  }, 40_000);
});
