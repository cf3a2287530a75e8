import { readFileSync } from 'node:fs';
import { splitAdts } from '@rtspkit/aac';
import { splitAnnexB } from '@rtspkit/bytes';
import { groupH264AccessUnits as groupH264, isH264KeyFrame as isH264Key } from '@rtspkit/h264';
import { groupH265AccessUnits as groupH265, isH265KeyFrame as isH265Key } from '@rtspkit/h265';
import { samples as media } from '@rtspkit/sample';
import { missingPeers } from '@rtspkit/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Format, mpeg4AudioFormat } from '@rtspkit/format';
import type { PlayerStats } from '../src/index.js';
import { bundle, PAGE, pollPage, serve, withPage } from './browser/harness.js';
import { loadAac } from './media.js';

type UnitIndex = {
  track: number;
  pts: number;
  key: boolean;
  at: number;
  offset: number;
  lengths: number[];
  audio: boolean;
};
type Snapshot = PlayerStats & { currentTime: number; states: string[]; errors: string[]; opened: number };

/** Access units of the sample as the RTSP session would hand them out, with their arrival times. */
function replay(video: 'h264' | 'h265'): { setup: { tracks: Format[]; units: UnitIndex[] }; body: Buffer } {
  const parts: Uint8Array[] = [];
  let offset = 0;
  const units: UnitIndex[] = [];
  const add = (u: Omit<UnitIndex, 'offset' | 'lengths'>, payloads: readonly Uint8Array[]) => {
    units.push({ ...u, offset, lengths: payloads.map((p) => p.length) });
    for (const p of payloads) {
      parts.push(p);
      offset += p.length;
    }
  };
  const aus =
    video === 'h264'
      ? groupH264(splitAnnexB(readFileSync(media.h264Baseline.path))).map((n) => ({ nals: n, key: isH264Key(n) }))
      : groupH265(splitAnnexB(readFileSync(media.h265.path))).map((n) => ({ nals: n, key: isH265Key(n) }));
  for (const [i, { nals, key }] of aus.entries()) add({ track: 0, pts: i * 3000, key, at: i / 30, audio: false }, nals);
  for (const [i, f] of splitAdts(readFileSync(media.aac.path)).entries()) {
    add({ track: 1, pts: i * 1024, key: true, at: (i * 1024) / 48000, audio: true }, [f.payload]);
  }
  units.sort((a, b) => a.at - b.at);
  const audio = mpeg4AudioFormat({ config: loadAac(media.aac.path, 2).track.config });
  // the SDP of a camera without sprop parameter sets: they arrive in band
  const videoFormat: Format =
    video === 'h264'
      ? { codec: 'h264', payloadType: 96, clockRate: 90_000, packetizationMode: 1, sps: [], pps: [] }
      : { codec: 'h265', payloadType: 96, clockRate: 90_000, vps: [], sps: [], pps: [], maxDonDiff: 0 };
  return {
    setup: {
      // JSON carries the AudioSpecificConfig as an array of numbers
      tracks: [videoFormat, { ...audio, config: [...audio.config!] as unknown as Uint8Array }],
      units,
    },
    body: Buffer.concat(parts),
  };
}

const snapshot = () => (window as unknown as { snapshot: () => Snapshot }).snapshot();

describe.skipIf(missingPeers('chromium'))('createPlayer in Chromium (a replayed session as the source)', () => {
  let app = '';
  beforeAll(async () => {
    app = await bundle('./player-page.ts');
  }, 60_000);

  async function open<T>(
    video: 'h264' | 'h265',
    dropFirstAfter: number | undefined,
    fn: (page: import('playwright-core').Page) => Promise<T>,
  ) {
    const { setup, body } = replay(video);
    const server = await serve((path) => {
      if (path === '/') return { type: 'text/html', body: PAGE };
      if (path === '/app.js') return { type: 'text/javascript', body: app };
      if (path === '/setup') return { type: 'application/json', body: JSON.stringify({ ...setup, dropFirstAfter }) };
      if (path === '/units') return { type: 'application/octet-stream', body };
      return undefined;
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

  it('plays, reports stats, and reconnects with backoff when the source drops, continuing the timeline', async () => {
    await open('h264', 3, async (page) => {
      const first = await pollPage(
        page,
        snapshot,
        (s) => s.state === 'playing' && s.decodedFrames > 30,
        20_000,
        'playback',
      );
      expect(first.codecs).toEqual(['avc1.42C01E', 'mp4a.40.2']);
      expect(first.transport).toBe('replay');
      const again = await pollPage(
        page,
        snapshot,
        // the new session's timeline starts a second after the old one's end: 3 s of the clock
        // hold 2 s of frames, so wait for the frames as well
        (s) =>
          s.reconnects === 1 &&
          s.state === 'playing' &&
          s.currentTime > first.currentTime + 3 &&
          s.decodedFrames > first.decodedFrames + 60,
        40_000,
        'playback after the reconnect (60 more frames decoded)',
      );
      expect(again.opened).toBe(2);
      expect(again.states).toEqual(['connecting', 'playing', 'reconnecting', 'playing']);
      expect(again.errors.filter((e) => e.startsWith('ERR_PLAYER_CONNECTION'))).toHaveLength(1);
      expect(again.decodedFrames).toBeGreaterThan(first.decodedFrames + 60);
      // the sample: 450 kb/s video and 128 kb/s audio at 30 fps
      expect(again.bitrate).toBeGreaterThan(200_000);
      expect(again.bitrate).toBeLessThan(1_500_000);
      expect(again.frameRate).toBeGreaterThan(20);
      expect(again.frameRate).toBeLessThan(40);
      expect(again.bufferedSeconds).toBeLessThan(1.5);
      expect(again.latencyMs).toBeGreaterThan(0);
      expect(again.latencyMs).toBeLessThan(1500);
    });
  }, 90_000);

  it('H.265 that this Chromium cannot decode: a clear error naming the codec, and the player stops', async () => {
    await open('h265', undefined, async (page) => {
      const s = await pollPage(page, snapshot, (v) => v.state === 'failed', 20_000, 'the player to fail');
      const unsupported = s.errors.filter((e) => e.startsWith('ERR_PLAYER_UNSUPPORTED_CODEC'));
      expect(unsupported).toHaveLength(1);
      // names the refused codec alone: AAC plays, H.265 does not
      expect(unsupported[0]).toMatch(
        /cannot play hvc1\.1\.6\.L\d+[.0-9A-F]* through MediaSource \(video\/mp4; codecs="hvc1[^"]*, mp4a\.40\.2"\)/,
      );
    });
  }, 60_000);
});
