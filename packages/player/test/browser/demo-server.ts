// Node side of the demo page's end-to-end tests: our server, in process, serving the demo
// page and a bundle of the player built from src, with the sample's mounts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { samples } from '@rtspkit/sample';
import { createServer, FileSource, type RtspServer, type StreamSource, type TlsOptions } from '@rtspkit/server';
import { runFfmpeg } from '@rtspkit/test-utils';
import type { Page } from 'playwright-core';
import { bundle } from './harness.js';

/** The demo page exactly as the package ships it (`@rtspkit/player/demo.html`). */
export const DEMO_PAGE = readFileSync(fileURLToPath(new URL('../../demo/index.html', import.meta.url)), 'utf8');

/** The player as one minified ES module, like `dist/rtspkit-player.js` but from src. */
export const playerBundle = (): Promise<string> => bundle('../../src/index.ts', { minify: true });

/** The sample's mounts, as `rtspkit serve` makes them. */
export function sampleMounts(): Record<string, StreamSource> {
  return {
    '/sample': new FileSource({ files: [samples.h264Baseline.path, samples.aac.path] }),
    '/sample-h265': new FileSource({ files: [samples.h265.path, samples.aac.path] }),
  };
}

/** Our server on 127.0.0.1:`port`, TCP media only, with the demo page at `/` and the player at `/player.js`. */
export async function startDemoServer(options: {
  port: number;
  script: string;
  mounts?: Record<string, StreamSource>;
  tls?: TlsOptions;
}): Promise<RtspServer> {
  const server = createServer({
    port: options.port,
    host: '127.0.0.1',
    udpPortRange: false,
    mounts: options.mounts ?? sampleMounts(),
    player: { script: options.script, page: DEMO_PAGE },
    ...(options.tls ? { tls: options.tls } : {}),
  });
  await server.listen();
  return server;
}

/** Frames of the picture that carries its own number: 320x240 at 30 fps, a key frame every 30. */
export const NUMBERED = { width: 320, height: 240, fps: 30, frames: 300, bits: 10 } as const;

/**
 * Writes a 10 s H.264 Constrained Baseline stream (Annex-B) whose pictures carry their
 * frame number as ten 32-pixel-wide columns: the top half is the number's bits (white
 * = 1, bit 0 on the left), the bottom half their complement, so a reader can tell a clean
 * read from a blend of two frames. FFmpeg's `geq` draws it from `N`, the frame number.
 */
export async function writeNumberedVideo(path: string): Promise<void> {
  const { width, height, fps, frames } = NUMBERED;
  const bit = `mod(floor(N/pow(2,floor(X/32))),2)`;
  await runFfmpeg([
    ...['-f', 'lavfi', '-i', `color=c=black:s=${width}x${height}:r=${fps},format=yuv420p`],
    ...['-vf', `geq=lum='16+219*abs(gte(Y,${height / 2})-${bit})':cb=128:cr=128`],
    ...['-frames:v', String(frames), '-c:v', 'libx264', '-profile:v', 'baseline', '-preset', 'veryfast'],
    ...['-g', String(fps), '-keyint_min', String(fps), '-sc_threshold', '0', '-qp', '18'],
    ...['-x264-params', 'repeat-headers=1', '-bsf:v', 'h264_mp4toannexb', '-f', 'h264', path],
  ]);
}

/** What the demo page shows, read in the page. */
export type DemoSnapshot = {
  state: string | undefined;
  latencyMs: number | undefined;
  bufferedSeconds: number | undefined;
  codecs: readonly string[];
  transport: string | undefined;
  reconnects: number;
  currentTime: number;
  totalVideoFrames: number;
  /** Chromium's count of decoded audio bytes (`webkitAudioDecodedByteCount`). */
  audioDecodedBytes: number;
  states: string[];
  errors: { code: string; message: string }[];
  recordings: { byteLength: number; durationMs: number; reason: string }[];
  status: string;
};

/** Reads a {@link DemoSnapshot} (runs in the page). */
export const demoSnapshot = (): DemoSnapshot => {
  const d = (
    window as unknown as {
      rtspkitDemo: {
        player?: { stats(): Record<string, unknown> };
        states: string[];
        errors: { code: string; message: string }[];
        recordings: DemoSnapshot['recordings'];
      };
    }
  ).rtspkitDemo;
  const video = document.getElementById('video') as HTMLVideoElement & { webkitAudioDecodedByteCount?: number };
  const s = d.player?.stats() as
    | {
        state: string;
        latencyMs: number | undefined;
        bufferedSeconds: number;
        codecs: string[];
        transport: string | undefined;
        reconnects: number;
      }
    | undefined;
  return {
    state: s?.state,
    latencyMs: s?.latencyMs,
    bufferedSeconds: s?.bufferedSeconds,
    codecs: s?.codecs ?? [],
    transport: s?.transport,
    reconnects: s?.reconnects ?? 0,
    currentTime: video.currentTime,
    totalVideoFrames: video.getVideoPlaybackQuality().totalVideoFrames,
    audioDecodedBytes: video.webkitAudioDecodedByteCount ?? 0,
    states: [...d.states],
    errors: [...d.errors],
    recordings: [...d.recordings],
    status: document.getElementById('status')?.textContent ?? '',
  };
};

/** One shown frame of the numbered video: its number and when it was shown (Unix ms). */
export type FrameRead = { n: number; shownAt: number };

/**
 * Starts reading the number of every frame the page's `<video>` shows
 * (`requestVideoFrameCallback`, drawn to a canvas); reads that are not clean (the two
 * halves disagree) are left out. Collect them with {@link takeFrameReads}.
 */
export async function readFrameNumbers(page: Page): Promise<void> {
  await page.evaluate(({ width, height, bits }) => {
    type Meta = { expectedDisplayTime: number };
    const video = document.getElementById('video') as HTMLVideoElement & {
      requestVideoFrameCallback(cb: (now: number, meta: Meta) => void): number;
    };
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const g = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
    const reads: { n: number; shownAt: number }[] = [];
    (window as unknown as { frameReads: typeof reads }).frameReads = reads;
    const onFrame = (_now: number, meta: Meta) => {
      g.drawImage(video, 0, 0, width, height);
      const px = g.getImageData(0, 0, width, height).data;
      let top = 0;
      let bottom = 0;
      for (let k = 0; k < bits; k++) {
        const x = 32 * k + 16;
        if (px[((height / 4) * width + x) * 4]! > 128) top |= 1 << k;
        if (px[(((3 * height) / 4) * width + x) * 4]! > 128) bottom |= 1 << k;
      }
      if ((top ^ bottom) === (1 << bits) - 1)
        reads.push({ n: top, shownAt: performance.timeOrigin + meta.expectedDisplayTime });
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  }, NUMBERED);
}

/** The frame reads since the last call. */
export async function takeFrameReads(page: Page): Promise<FrameRead[]> {
  return page.evaluate(() => {
    const reads = (window as unknown as { frameReads: { n: number; shownAt: number }[] }).frameReads;
    return reads.splice(0, reads.length);
  });
}

/** The longest pauses the page saw since the last read: between shown frames, between WebSocket messages (ms). */
export type PageStalls = { render: number; network: number };

/**
 * Before the page loads: times every frame the `<video>` shows and every WebSocket message
 * the page receives, so that a test can tell latency the player added from a pause of the
 * browser or of the machine (nothing shown, nothing received). Read with {@link takeStalls}.
 */
export async function watchStalls(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { pageStalls: { render: number; network: number } };
    w.pageStalls = { render: 0, network: 0 };
    let lastMessage = 0;
    const Native = WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('message', () => {
          const now = performance.now();
          if (lastMessage > 0) w.pageStalls.network = Math.max(w.pageStalls.network, now - lastMessage);
          lastMessage = now;
        });
      }
    };
    let lastFrame = 0;
    const watch = () => {
      const video = document.getElementById('video') as
        | (HTMLVideoElement & { requestVideoFrameCallback(cb: (now: number) => void): number })
        | null;
      if (!video) return;
      const onFrame = (now: number) => {
        if (lastFrame > 0) w.pageStalls.render = Math.max(w.pageStalls.render, now - lastFrame);
        lastFrame = now;
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    };
    document.addEventListener('DOMContentLoaded', watch);
  });
}

/** The longest pauses since the last call (see {@link watchStalls}); resets them. */
export async function takeStalls(page: Page): Promise<PageStalls> {
  return page.evaluate(() => {
    const w = window as unknown as { pageStalls: { render: number; network: number } };
    const s = { ...w.pageStalls };
    w.pageStalls = { render: 0, network: 0 };
    return s;
  });
}
