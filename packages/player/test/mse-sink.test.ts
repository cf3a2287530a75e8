import { join } from 'node:path';
import { concat } from '@rtspkit/bytes';
import { type AudioTrack, Fmp4Muxer, type Segment, type VideoTrack } from '@rtspkit/fmp4';
import { samples as media } from '@rtspkit/sample';
import { missingPeers, requirePeer, runProcess, tempDir } from '@rtspkit/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, PAGE, PAGE_WITH_SOUND, pollPage, serve } from './browser/harness.js';
import { withPage } from './browser/harness.js';
import { type Elementary, interleave, loadAac, loadH264 } from './media.js';
import { parseG711Wav } from '@rtspkit/g711';
import { MediaPipeline } from '../src/index.js';
import { g711Format } from '@rtspkit/format';
import { readFileSync } from 'node:fs';

/** One step of what the page feeds: an init or media segment due `at` seconds after the start. */
type PlanItem = { kind: 'init' | 'media'; at: number; key: boolean; mediaTime: number; mime?: string };
type Plan = { items: PlanItem[]; bodies: Uint8Array[] };

type Snapshot = {
  currentTime: number;
  paused: boolean;
  decodedFrames: number;
  droppedFrames: number;
  bufferedSeconds: number;
  latencyMs: number | undefined;
  recoveries: number;
  peak: number;
  fed: number;
  planned: number;
  errors: string[];
  buffered: Array<[number, number]>;
};

const VIDEO = 1;
const AUDIO = 2;

/** Adds the segments one push returned to the plan. */
function addSegments(plan: Plan, segments: readonly Segment[], at: number, mime: string): void {
  for (const seg of segments) {
    const body = concat(...seg.chunks);
    if (seg.kind === 'init') {
      plan.items.push({ kind: 'init', at, key: false, mediaTime: 0, mime });
    } else {
      const video = seg.tracks.find((t) => t.trackId === VIDEO);
      const timescale = video ? 90_000 : 48_000;
      const first = video ?? seg.tracks[0]!;
      plan.items.push({
        kind: 'media',
        at,
        key: video?.startsWithKey ?? false,
        mediaTime: first.baseDecodeTime / timescale,
      });
    }
    plan.bodies.push(body);
  }
}

/** One fragment per frame, due at its decode time: a live source on a perfect network. */
function livePlan(...streams: Array<Elementary<VideoTrack | AudioTrack>>): Plan {
  const plan: Plan = { items: [], bodies: [] };
  const mime = `video/mp4; codecs="${streams.map((s) => s.codec).join(', ')}"`;
  const mux = new Fmp4Muxer({ tracks: streams.map((s) => s.track), fragment: 'frame' });
  for (const { trackId, sample, at } of interleave(...streams))
    addSegments(plan, mux.pushSegments(trackId, sample), at, mime);
  return plan;
}

const snapshot = () => (window as unknown as { snapshot: () => Snapshot }).snapshot();

describe.skipIf(missingPeers('chromium', 'ffmpeg'))('MseSink in Chromium', () => {
  let app = '';
  const dir = tempDir('rtspkit-player-sink-');
  beforeAll(async () => {
    app = await bundle('./sink-page.ts');
  }, 60_000);
  afterAll(() => dir.remove());

  /** Serves the page, the bundle and `plan`; runs `fn` on the page. */
  async function run<T>(plan: Plan, fn: (page: import('playwright-core').Page) => Promise<T>, html = PAGE): Promise<T> {
    const server = await serve((path) => {
      if (path === '/') return { type: 'text/html', body: html };
      if (path === '/app.js') return { type: 'text/javascript', body: app };
      if (path === '/plan') return { type: 'application/json', body: JSON.stringify(plan.items) };
      const seg = /^\/seg\/(\d+)$/.exec(path);
      const body = seg ? plan.bodies[Number(seg[1])] : undefined;
      return body ? { type: 'application/octet-stream', body } : undefined;
    });
    try {
      return await withPage(async (page) => {
        await page.goto(`${server.base}/`, { timeout: 15_000 });
        return await fn(page);
      });
    } finally {
      await server.close();
    }
  }

  it('plays H.264 + AAC fed live one fragment per frame: frames decode, time advances, latency stays low', async () => {
    const plan = livePlan(loadH264(media.h264Baseline.path, VIDEO), loadAac(media.aac.path, AUDIO));
    await run(plan, async (page) => {
      const early = await pollPage(
        page,
        snapshot,
        (s) => s.decodedFrames > 30 && s.currentTime > 1,
        15_000,
        'playback to start',
      );
      const late = await pollPage(
        page,
        snapshot,
        (s) => s.fed === s.planned && s.currentTime > 9,
        30_000,
        'the whole plan to play',
      );
      expect(late.errors).toEqual([]);
      expect(late.decodedFrames).toBeGreaterThan(early.decodedFrames + 150);
      expect(late.currentTime).toBeGreaterThan(early.currentTime + 5);
      // fed in real time: the playhead stays close behind what arrived
      expect(late.bufferedSeconds).toBeLessThan(1);
      expect(late.latencyMs).toBeGreaterThan(0);
      expect(late.latencyMs).toBeLessThan(1000);
    });
  }, 90_000);

  it('switches codecs mid-stream with a new init segment (Constrained Baseline → Main) through changeType', async () => {
    const main = join(dir.path, 'main.h264');
    const r = await runProcess(
      requirePeer('ffmpeg'),
      [
        '-v',
        'error',
        '-nostdin',
        '-y',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=320x240:rate=30',
        '-frames:v',
        '120',
      ].concat([
        '-c:v',
        'libx264',
        '-profile:v',
        'main',
        '-bf',
        '0',
        '-g',
        '30',
        '-pix_fmt',
        'yuv420p',
        '-f',
        'h264',
        main,
      ]),
      { timeoutMs: 60_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const baseline = loadH264(media.h264Baseline.path, VIDEO);
    const second = loadH264(main, VIDEO);
    expect(second.codec).not.toBe(baseline.codec);
    const plan: Plan = { items: [], bodies: [] };
    const mux = new Fmp4Muxer({ tracks: [baseline.track], fragment: 'frame' });
    const switchAt = 120; // 4 s of baseline, then 4 s of Main
    for (const s of baseline.samples.slice(0, switchAt)) {
      addSegments(plan, mux.pushSegments(VIDEO, s), s.pts / 90_000, `video/mp4; codecs="${baseline.codec}"`);
    }
    mux.updateTrack(VIDEO, second.track);
    for (const s of second.samples) {
      const pts = s.pts + switchAt * 3000;
      addSegments(plan, mux.pushSegments(VIDEO, { ...s, pts }), pts / 90_000, `video/mp4; codecs="${second.codec}"`);
    }
    expect(plan.items.filter((i) => i.kind === 'init').map((i) => i.mime)).toHaveLength(2);
    await run(plan, async (page) => {
      const s = await pollPage(
        page,
        snapshot,
        (v) => v.fed === v.planned && v.currentTime > 7,
        30_000,
        'both parts to play',
      );
      expect(s.errors).toEqual([]);
      expect(s.decodedFrames).toBeGreaterThan(180);
      const infos = await page.evaluate(() => (window as unknown as { report: { infos: string[] } }).report.infos);
      expect(infos).toContain(`codec changed: video/mp4; codecs="${second.codec}"`);
    });
  }, 90_000);

  it('recovers from a broken segment: a new MediaSource, playback resumes at the next key frame', async () => {
    const video = loadH264(media.h264Baseline.path, VIDEO);
    const plan = livePlan(video);
    // 3 s in, a media segment Chromium's MP4 parser refuses: a moof whose trun claims more data than exists
    const brokenAt = plan.items.findIndex((i) => i.at >= 3);
    const broken = Uint8Array.from([
      ...[0, 0, 0, 0x28, 0x6d, 0x6f, 0x6f, 0x66], // moof, 40 bytes
      ...[0, 0, 0, 0x10, 0x6d, 0x66, 0x68, 0x64, 0, 0, 0, 0, 0, 0, 0, 0x63], // mfhd
      ...[0, 0, 0, 0x10, 0x74, 0x72, 0x61, 0x66, 0, 0, 0, 0x08, 0x74, 0x66, 0x68, 0x64], // traf with a truncated tfhd
      ...[0, 0, 0, 0x10, 0x6d, 0x64, 0x61, 0x74, 1, 2, 3, 4, 5, 6, 7, 8], // mdat
    ]);
    plan.items.splice(brokenAt, 0, { kind: 'media', at: plan.items[brokenAt]!.at, key: false, mediaTime: 3 });
    plan.bodies.splice(brokenAt, 0, broken);
    await run(plan, async (page) => {
      const after = await pollPage(page, snapshot, (s) => s.recoveries >= 1, 20_000, 'a recovery');
      expect(after.errors.some((e) => e.startsWith('ERR_PLAYER_DECODE'))).toBe(true);
      const resumed = await pollPage(
        page,
        snapshot,
        (s) => s.fed === s.planned && s.currentTime > 8 && s.decodedFrames > 30,
        30_000,
        'playback after the recovery',
      );
      expect(resumed.recoveries).toBe(1);
      expect(resumed.bufferedSeconds).toBeLessThan(1.5);
    });
  }, 90_000);

  it('G.711 (PCMU) plays as FLAC in fMP4 through MSE: Web Audio hears the tone', async () => {
    const wavPath = join(dir.path, 'tone.wav');
    const r = await runProcess(
      requirePeer('ffmpeg'),
      ['-v', 'error', '-nostdin', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=6'].concat([
        '-ar',
        '8000',
        '-ac',
        '1',
        '-c:a',
        'pcm_mulaw',
        wavPath,
      ]),
      { timeoutMs: 60_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const wav = parseG711Wav(readFileSync(wavPath));
    const pipeline = new MediaPipeline([g711Format({ encoding: 'PCMU' })]);
    const plan: Plan = { items: [], bodies: [] };
    for (let at = 0; at + 160 <= wav.data.length; at += 160) {
      // one RTP packet of 20 ms
      for (const out of pipeline.push({
        track: 0,
        pts: at,
        dts: at,
        key: true,
        data: wav.data.subarray(at, at + 160),
      })) {
        if (out.kind === 'init')
          plan.items.push({ kind: 'init', at: at / 8000, key: false, mediaTime: 0, mime: out.mime });
        else plan.items.push({ kind: 'media', at: at / 8000, key: out.key, mediaTime: out.mediaTime });
        plan.bodies.push(out.data);
      }
    }
    expect(plan.items[0]).toMatchObject({ kind: 'init', mime: 'audio/mp4; codecs="flac"' });
    await run(
      plan,
      async (page) => {
        expect(await page.evaluate(() => MediaSource.isTypeSupported('audio/mp4; codecs="flac"'))).toBe(true);
        const s = await pollPage(page, snapshot, (v) => v.currentTime > 3 && v.peak > 0.05, 30_000, 'the tone to play');
        expect(s.errors).toEqual([]);
        // FFmpeg's sine source has an amplitude of 1/8; μ-law keeps it within a few percent
        expect(s.peak).toBeGreaterThan(0.1);
        expect(s.peak).toBeLessThan(0.15);
      },
      PAGE_WITH_SOUND,
    );
  }, 90_000);
});
