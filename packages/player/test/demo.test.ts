// The demo page as `rtspkit serve` shows it at `/`, in headless Chromium, against our server
// on loopback: the page, the player bundle at /player.js and RTSP over WebSocket on one port.
import { join } from 'node:path';
import { samples } from '@rtspkit/sample';
import { FileSource, type RtspServer, selfSignedCertificate } from '@rtspkit/server';
import { ffprobe, freeTcpPort, missingPeers, tempDir, writeToneWav } from '@rtspkit/test-utils';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type DemoSnapshot,
  demoSnapshot,
  NUMBERED,
  playerBundle,
  readFrameNumbers,
  startDemoServer,
  takeFrameReads,
  takeStalls,
  watchStalls,
  writeNumberedVideo,
} from './browser/demo-server.js';
import { pollPage, serve as htmlServer, withPage } from './browser/harness.js';
import { LiveEdgeController } from '../src/index.js';

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

describe.skipIf(missingPeers('chromium'))('embedding the player in another page', { timeout: 120_000 }, () => {
  it('a page of another origin imports /player.js from our server and plays /sample', async () => {
    const port = await freeTcpPort();
    await serve({ port });
    // docs/player.md shows this page: nothing but a <video> and the module
    const html = `<!doctype html><meta charset="utf-8"><video id="cam" muted playsinline></video>
<script type="module">
import { createPlayer } from 'http://127.0.0.1:${port}/player.js';
const player = createPlayer(document.getElementById('cam'), { url: 'ws://127.0.0.1:${port}/sample' });
player.play();
window.player = player;
</script>`;
    const site = await htmlServer((path) =>
      path === '/' ? { type: 'text/html; charset=utf-8', body: html } : undefined,
    );
    try {
      await withPage(async (page) => {
        await page.goto(`${site.base}/`);
        const s = await pollPage(
          page,
          () => {
            const v = document.getElementById('cam') as HTMLVideoElement;
            const p = (window as unknown as { player?: { stats(): { state: string; codecs: string[] } } }).player;
            return { frames: v.getVideoPlaybackQuality().totalVideoFrames, time: v.currentTime, stats: p?.stats() };
          },
          (v) => v.frames > 60 && v.time > 1,
          30_000,
          'the embedded player to show 60 frames',
        );
        expect(s.stats?.state).toBe('playing');
        expect(s.stats?.codecs).toEqual(['avc1.42C01E', 'mp4a.40.2']);
      });
    } finally {
      await site.close();
    }
  });
});

describe.skipIf(missingPeers('chromium', 'ffmpeg'))(
  'latency of the demo page on loopback',
  { timeout: 150_000 },
  () => {
    it('stays under 500 ms for 20 s without drifting up, and agrees with the frame numbers the pictures carry', async () => {
      const dir = tempDir('rtspkit-demo-latency-');
      try {
        const video = join(dir.path, 'numbered.h264');
        await writeNumberedVideo(video);
        const numbered = new FileSource({ files: [video, samples.aac.path] });
        const port = await freeTcpPort();
        await serve({ port, mounts: { '/numbered': numbered } });
        await withPage(async (page) => {
          await watchStalls(page);
          await page.goto(`http://127.0.0.1:${port}/?url=${encodeURIComponent(`ws://127.0.0.1:${port}/numbered`)}`);
          // settle first: the live edge needs a moment after the first frames
          await pollPage(
            page,
            demoSnapshot,
            (s) => s.latencyMs !== undefined && s.totalVideoFrames > 60,
            30_000,
            'a measured latency and 60 frames shown',
          );
          await readFrameNumbers(page);
          await takeStalls(page);
          const origin = numbered.origin as number;
          // one pass of the files: as long as the longest, the AAC (10.027 s), not the video's 10 s
          const pass = numbered.passSeconds * 1000;
          const samples: LatencySample[] = [];
          // 20 s of samples the machine did not spoil; at most 60 s on a machine that keeps stalling the browser
          const started = Date.now();
          while (clean(samples).length < 80 && Date.now() - started < 60_000) {
            await new Promise((r) => setTimeout(r, 250));
            const s = await page.evaluate(demoSnapshot);
            const stalls = await takeStalls(page);
            const shown: number[] = [];
            // frame n of some pass left the server at origin + (pass × k + n / fps); take the pass that makes sense
            for (const f of await takeFrameReads(page)) {
              const since = f.shownAt - origin - (f.n / NUMBERED.fps) * 1000;
              shown.push(since - Math.round(since / pass) * pass);
            }
            samples.push({
              at: Date.now(),
              reported: s.latencyMs,
              shown,
              stall: Math.max(stalls.render, stalls.network),
            });
          }
          const stalls = samples.filter((x) => x.stall >= STALL_MS).length;
          const reported = clean(samples).flatMap((x) => (x.reported === undefined ? [] : [x.reported]));
          const shown = clean(samples).flatMap((x) => x.shown);
          const allReported = samples.flatMap((x) => (x.reported === undefined ? [] : [x.reported]));
          const summary =
            `reported ${describeSeries(reported)}; from frame numbers ${describeSeries(shown)}; ` +
            `${stalls} pauses of the browser or the network ≥ ${STALL_MS} ms left out ` +
            `${samples.length - clean(samples).length} of ${samples.length} samples (all reported: ${describeSeries(allReported)})`;
          console.info(`latency: ${summary}`);
          expect(reported.length, `samples not spoiled by a pause of the machine (${summary})`).toBeGreaterThan(40);
          expect(shown.length, `frames with a readable number (${summary})`).toBeGreaterThan(300);
          // below 500 ms: every reported sample (a median over the last second of frames), except
          // within 2 s after the page saw the browser show nothing, or receive nothing, for
          // STALL_MS; the player cannot show a frame the machine does not let it show, what it must
          // do is recover. Single frames the browser shows late without such a pause are counted
          // by the frame numbers: 95 % of them below 500 ms as well
          expect(Math.max(...reported), summary).toBeLessThan(500);
          expect(percentile(shown, 0.95), summary).toBeLessThan(500);
          // and it does recover: no run of samples at or above 500 ms lasts longer than 3 s
          expect(longestRunAtOrAbove(samples, 500), summary).toBeLessThan(3000);
          // a shown frame cannot precede its sending
          expect(Math.min(...shown), summary).toBeGreaterThan(-20);
          // no upward drift: catch-up gives back what a stall added once the latency passes the
          // tolerance, so the last third may lie no more than that and one frame above the first
          const defaults = new LiveEdgeController();
          const band = defaults.tolerance * 1000 + 1000 / NUMBERED.fps;
          for (const series of [reported, shown]) {
            expect(median(lastThird(series)) - median(firstThird(series)), summary).toBeLessThan(band);
          }
          // the two measurements agree: RTCP sender reports vs the number in the picture
          expect(Math.abs(percentile(reported, 0.5) - percentile(shown, 0.5)), summary).toBeLessThan(60);
        });
      } finally {
        dir.remove();
      }
    });
  },
);

/** One look at the page: the player's reported latency, the latency of each frame shown since the last look, the longest pause since then. */
type LatencySample = { at: number; reported: number | undefined; shown: number[]; stall: number };
/** A pause of the browser (no frame shown) or of the network (no message) this long spoils the next {@link SPOILED_MS}. */
const STALL_MS = 250;
const SPOILED_MS = 2000;
/** The samples not within {@link SPOILED_MS} after a pause of {@link STALL_MS} or more. */
function clean(samples: readonly LatencySample[]): LatencySample[] {
  let until = Number.NEGATIVE_INFINITY;
  return samples.filter((s) => {
    if (s.stall >= STALL_MS) until = s.at + SPOILED_MS;
    return s.at > until;
  });
}
/** The longest time (ms) during which every reported sample was at or above `limit`. */
function longestRunAtOrAbove(samples: readonly LatencySample[], limit: number): number {
  let longest = 0;
  let from: number | undefined;
  for (const s of samples) {
    if (s.reported !== undefined && s.reported >= limit) {
      from ??= s.at;
      longest = Math.max(longest, s.at - from);
    } else from = undefined;
  }
  return longest;
}

describe.skipIf(missingPeers('chromium'))('the demo page when the server restarts', { timeout: 150_000 }, () => {
  it('reconnects and plays on without a reload: reconnecting → playing, the clock advances', async () => {
    const port = await freeTcpPort();
    const first = await serve({ port });
    await withPage(async (page) => {
      await page.goto(`http://127.0.0.1:${port}/`);
      const before = await playing(page);
      await first.close();
      servers.delete(first);
      await pollPage(
        page,
        demoSnapshot,
        (s) => s.state === 'reconnecting',
        20_000,
        'the player to notice the server is gone',
      );
      // the page is never reloaded: a marker set now must survive
      await page.evaluate(() => Object.assign(window, { sameDocument: true }));
      await new Promise((r) => setTimeout(r, 1000));
      await serve({ port });
      const stalled = await page.evaluate(demoSnapshot);
      const after = await pollPage(
        page,
        demoSnapshot,
        (s) =>
          s.state === 'playing' &&
          s.currentTime > stalled.currentTime + 2 &&
          s.totalVideoFrames > stalled.totalVideoFrames + 60,
        60_000,
        `playing again past currentTime ${stalled.currentTime + 2} s`,
      );
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
      const states = after.states.slice(before.states.length);
      expect(states, JSON.stringify(after.states)).toContain('reconnecting');
      expect(states.at(-1)).toBe('playing');
      expect(after.reconnects).toBeGreaterThan(0);
      expect(
        after.errors.every((e) => e.code === 'ERR_PLAYER_CONNECTION'),
        JSON.stringify(after.errors),
      ).toBe(true);
    });
  });
});

describe.skipIf(missingPeers('chromium', 'ffprobe'))('recording from the demo page', { timeout: 120_000 }, () => {
  it('the record button gives an MP4 that ffprobe reads: about 5 s, 30 frames a second, AAC', async () => {
    const dir = tempDir('rtspkit-demo-record-');
    try {
      const port = await freeTcpPort();
      await serve({ port });
      await withPage(async (page) => {
        await page.goto(`http://127.0.0.1:${port}/`);
        await playing(page);
        await page.click('#record');
        expect(await page.textContent('#record')).toBe('Stop recording');
        // the file starts at the next key frame (one a second): run 6 s so that it holds about 5
        await new Promise((r) => setTimeout(r, 6000));
        const download = page.waitForEvent('download', { timeout: 20_000 });
        await page.click('#record');
        const file = join(dir.path, 'recording.mp4');
        await (await download).saveAs(file);
        const { recordings } = await page.evaluate(demoSnapshot);
        expect(recordings).toHaveLength(1);
        const seconds = recordings[0]!.durationMs / 1000;
        const probe = await ffprobe(file, { countFrames: true });
        const summary = `recorder: ${seconds} s; ffprobe: ${JSON.stringify(probe)}`;
        console.info(summary);
        expect(seconds, summary).toBeGreaterThan(4);
        expect(seconds, summary).toBeLessThan(7);
        expect(probe.duration, summary).toBeCloseTo(seconds, 1);
        const video = probe.streams.find((s) => s.codecType === 'video');
        const audio = probe.streams.find((s) => s.codecType === 'audio');
        expect(video?.codecName, summary).toBe('h264');
        expect(audio?.codecName, summary).toBe('aac');
        // every frame of those seconds is there: 30 a second, within 5 %
        expect(Math.abs((video?.frames ?? 0) - seconds * 30), summary).toBeLessThanOrEqual(seconds * 30 * 0.05);
      });
    } finally {
      dir.remove();
    }
  });
});

describe.skipIf(missingPeers('chromium', 'ffmpeg'))('codecs on the demo page', { timeout: 120_000 }, () => {
  it('/sample-h265: ERR_PLAYER_UNSUPPORTED_CODEC naming the codec this Chromium cannot play', async () => {
    const port = await freeTcpPort();
    await serve({ port });
    await withPage(async (page) => {
      await page.goto(`http://127.0.0.1:${port}/?url=${encodeURIComponent(`ws://127.0.0.1:${port}/sample-h265`)}`);
      const s = await pollPage(page, demoSnapshot, (v) => v.state === 'failed', 30_000, 'the player to fail on H.265');
      const error = s.errors.find((e) => e.code === 'ERR_PLAYER_UNSUPPORTED_CODEC');
      expect(error, JSON.stringify(s.errors)).toBeDefined();
      const codec = /\b(hvc1|hev1)\.[\w.]+/.exec(error!.message)?.[0];
      expect(codec, error!.message).toBeDefined();
      // the error is right about this browser, and the page shows it
      expect(await page.evaluate((c) => MediaSource.isTypeSupported(`video/mp4; codecs="${c}"`), codec!)).toBe(false);
      expect(s.status).toContain(codec!);
    });
  });

  it.each(['pcm_mulaw', 'pcm_alaw'])('a G.711 mount (%s WAV) plays its audio through MSE', async (codec) => {
    const dir = tempDir('rtspkit-demo-g711-');
    try {
      const wav = join(dir.path, `tone-${codec}.wav`);
      await writeToneWav(wav, { codec, seconds: 4 });
      const port = await freeTcpPort();
      const server = await serve({ port });
      await server.addMount('/g711', new FileSource({ files: [wav] }));
      await withPage(async (page) => {
        await page.goto(`http://127.0.0.1:${port}/?url=${encodeURIComponent(`ws://127.0.0.1:${port}/g711`)}`);
        const first = await pollPage(
          page,
          demoSnapshot,
          (s) => s.audioDecodedBytes > 0 && s.currentTime > 0.5,
          30_000,
          'G.711 audio decoded and the clock running',
        );
        const later = await pollPage(
          page,
          demoSnapshot,
          (s) => s.audioDecodedBytes > first.audioDecodedBytes && s.currentTime > first.currentTime + 2,
          20_000,
          'more audio decoded as the clock runs on',
        );
        expect(later.codecs).toEqual(['flac']);
        expect(later.state).toBe('playing');
        expect(later.errors).toEqual([]);
      });
    } finally {
      dir.remove();
    }
  });
});

const firstThird = <T>(xs: readonly T[]) => xs.slice(0, Math.floor(xs.length / 3));
const lastThird = <T>(xs: readonly T[]) => xs.slice(xs.length - Math.floor(xs.length / 3));
function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}
const median = (xs: readonly number[]) => percentile(xs, 0.5);
function describeSeries(xs: readonly number[]): string {
  const f = (v: number) => Math.round(v);
  return `n=${xs.length} min ${f(Math.min(...xs))} median ${f(percentile(xs, 0.5))} p95 ${f(percentile(xs, 0.95))} max ${f(Math.max(...xs))} ms, medians of the thirds ${f(median(firstThird(xs)))} → ${f(median(lastThird(xs)))} ms`;
}
