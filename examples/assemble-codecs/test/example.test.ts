import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { samples } from '@rtspkit/sample';
import { chromiumLaunchOptions, ffprobe, ffprobePackets, missingPeers, tempDir } from '@rtspkit/test-utils';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Assembler } from '../src/assemble.js';
import { simulateCamera } from '../src/camera.js';
import { serve } from '../src/serve.js';

const camera = simulateCamera(readFileSync(samples.h264High.path), readFileSync(samples.aac.path));

describe('the sample camera', () => {
  it('announces H.264 without sprop-parameter-sets and AAC-hbr', () => {
    expect(camera.sdp).toContain('a=fmtp:96 packetization-mode=1;profile-level-id=64001f\r\n');
    expect(camera.sdp).toMatch(
      /a=rtpmap:97 MPEG4-GENERIC\/48000\/2\r\na=fmtp:97 streamtype=5;profile-level-id=41;mode=AAC-hbr;/,
    );
  });
});

describe.skipIf(missingPeers('ffprobe'))('Node: RTP → fragmented MP4 that ffprobe reads', () => {
  it('keeps every frame, with decode times below presentation times for the B-frames', async () => {
    const assembler = new Assembler(camera.sdp);
    const segments: Uint8Array[] = [];
    for (const { media, datagram } of camera.packets) segments.push(...assembler.push(media, datagram));
    segments.push(...assembler.flush());
    expect(assembler.events.size).toBe(0); // nothing lost on the way
    expect(assembler.codecs).toEqual(['avc1.64001F', 'mp4a.40.2']);

    const dir = tempDir('rtspkit-assemble-');
    try {
      const file = join(dir.path, 'out.mp4');
      writeFileSync(file, Buffer.concat(segments));
      const probe = await ffprobe(file, { countFrames: true });
      expect(probe.streams.map((s) => [s.codecName, s.profile])).toEqual([
        ['h264', 'High'],
        ['aac', 'LC'],
      ]);
      expect(probe.streams[0]).toMatchObject({ width: 640, height: 360, frames: samples.h264High.frames });
      expect(probe.streams[1]).toMatchObject({ sampleRate: 48000, channels: 2, frames: samples.aac.frames });

      const packets = await ffprobePackets(file);
      expect(packets).toHaveLength(samples.h264High.frames);
      const dts = packets.map((p) => p.dts ?? Number.NaN);
      expect(dts.every((d, i) => i === 0 || d > (dts[i - 1] as number))).toBe(true); // strictly increasing
      expect(packets.every((p) => (p.pts ?? 0) >= (p.dts ?? 0))).toBe(true);
      expect(packets.filter((p) => p.pts !== p.dts).length).toBeGreaterThan(100); // B-frames reorder
      // presentation times are the 300 frame slots, 1/30 s apart (timescale 90 kHz)
      const pts = packets.map((p) => p.pts ?? 0).sort((a, b) => a - b);
      expect(pts.map((t) => t - (pts[0] as number))).toEqual(pts.map((_, i) => i * 3000));
    } finally {
      dir.remove();
    }
  }, 60_000);
});

describe.skipIf(missingPeers('chromium'))('Browser: the same Assembler feeding MediaSource', () => {
  it('plays the segments it builds from the packets', async () => {
    const { server, url } = await serve(0);
    const dir = tempDir('rtspkit-assemble-chromium-');
    const browser = await chromium.launchPersistentContext(dir.path, { ...chromiumLaunchOptions(), timeout: 15_000 });
    try {
      const page = await browser.newPage();
      await page.goto(url, { timeout: 10_000 });
      type Result = { done: boolean; error: string | null };
      await page.waitForFunction(
        () => {
          const r = (window as unknown as { result?: Result }).result;
          return r !== undefined && (r.done || r.error !== null);
        },
        undefined,
        { timeout: 30_000 },
      );
      const result = await page.evaluate(() => (window as unknown as { result: Record<string, unknown> }).result);
      expect(result).toMatchObject({ error: null, supported: true, codecs: 'avc1.64001F, mp4a.40.2' });
      expect(result.appended).toBeGreaterThan(10); // init segment + one fragment per GOP
      await page.waitForFunction(
        () => (document.querySelector('video') as HTMLVideoElement).currentTime > 1,
        undefined,
        {
          timeout: 15_000,
        },
      );
      const frames = await page.evaluate(
        () => (document.querySelector('video') as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames,
      );
      expect(frames).toBeGreaterThan(10);
    } finally {
      await browser.close();
      dir.remove();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 90_000);
});
