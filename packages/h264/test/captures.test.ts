import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { equals, splitAnnexB } from '@rtspkit/bytes';
import { parseRtpPacket } from '@rtspkit/rtp';
import { samples } from '@rtspkit/sample';
import { readRtpCapture } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  H264Depacketizer,
  H264DtsExtractor,
  groupH264AccessUnits,
  isH264AccessUnit,
  isH264KeyFrame,
} from '../src/index.js';

const fixtures = join(import.meta.dirname, 'fixtures');
/** Access units each capture covers (make-fixtures.ts CAPTURED_FRAMES). */
const CAPTURED_FRAMES = 40;

/** Parameter sets are left out of the comparison: payloaders may repeat them (config-interval). */
const withoutParameterSets = (au: readonly Uint8Array[]) =>
  au.filter((n) => {
    const t = (n[0] ?? 0) & 0x1f;
    return t !== 7 && t !== 8;
  });

const captures = [
  { file: 'ffmpeg-baseline.rtp', sample: samples.h264Baseline.path },
  { file: 'ffmpeg-high-bframes.rtp', sample: samples.h264High.path },
  { file: 'gstreamer-baseline-mtu1200.rtp', sample: samples.h264Baseline.path },
  { file: 'gstreamer-high-bframes-mtu1200.rtp', sample: samples.h264High.path },
];

describe('real captures reproduce the source access units byte for byte', () => {
  for (const c of captures) {
    it(c.file, () => {
      const source = groupH264AccessUnits(splitAnnexB(new Uint8Array(readFileSync(c.sample)))).slice(
        0,
        CAPTURED_FRAMES,
      );
      const d = new H264Depacketizer();
      const out = readRtpCapture(join(fixtures, c.file)).flatMap((datagram) => d.push(parseRtpPacket(datagram)));
      expect(out.filter((o) => !isH264AccessUnit(o))).toEqual([]);
      const units = out.filter(isH264AccessUnit);
      expect(units).toHaveLength(CAPTURED_FRAMES);
      // The stream opens with SPS, PPS and an IDR picture.
      expect(units[0]?.nalUnits.slice(0, 2).map((n) => (n[0] as number) & 0x1f)).toEqual([7, 8]);
      units.forEach((au, i) => {
        const expected = withoutParameterSets(source[i] as Uint8Array[]);
        const got = withoutParameterSets(au.nalUnits);
        expect(got.length).toBe(expected.length);
        expect(got.every((n, k) => equals(n, expected[k] as Uint8Array))).toBe(true);
        expect(au.key).toBe(isH264KeyFrame(source[i] as Uint8Array[]));
      });
      expect(units.filter((u) => u.key)).toHaveLength(2);
    });
  }
});

describe('a live encoder with B-frames: RTP timestamps in presentation order', () => {
  it('gstreamer-x264-bframes-live.rtp gives the encoder output back, and DTS from POC are monotonic', () => {
    const source = groupH264AccessUnits(
      splitAnnexB(new Uint8Array(readFileSync(join(fixtures, 'gstreamer-x264-bframes-live.h264')))),
    );
    expect(source).toHaveLength(CAPTURED_FRAMES);
    const d = new H264Depacketizer();
    const out = readRtpCapture(join(fixtures, 'gstreamer-x264-bframes-live.rtp')).flatMap((datagram) =>
      d.push(parseRtpPacket(datagram)),
    );
    expect(out.filter((o) => !isH264AccessUnit(o))).toEqual([]);
    const units = out.filter(isH264AccessUnit);
    expect(units).toHaveLength(CAPTURED_FRAMES);
    units.forEach((au, i) => {
      const expected = withoutParameterSets(source[i] as Uint8Array[]);
      const got = withoutParameterSets(au.nalUnits);
      expect(got.length).toBe(expected.length);
      expect(got.every((n, k) => equals(n, expected[k] as Uint8Array))).toBe(true);
      expect(au.key).toBe(isH264KeyFrame(source[i] as Uint8Array[]));
    });

    // Decode order is not presentation order: the timestamps go back after each P picture.
    const first = (units[0] as (typeof units)[number]).timestamp;
    const pts = units.map((u) => (u.timestamp - first) | 0);
    expect(pts.filter((p, i) => i > 0 && p < (pts[i - 1] as number)).length).toBeGreaterThan(5);
    // Each picture has its own 1/30 s slot (x264's times round to 2999 or 3000 ticks).
    const sorted = [...pts].sort((a, b) => a - b);
    sorted.forEach((p, i) => {
      expect(Math.abs(p - i * 3000)).toBeLessThanOrEqual(1);
    });

    // DTS from POC: one frame apart (±1 tick), never after the picture's PTS.
    const x = new H264DtsExtractor();
    const dts = units.map((u, i) => x.extract(u.nalUnits, 90_000 + (pts[i] as number)));
    dts.forEach((v, i) => {
      expect(v).toBeLessThanOrEqual(90_000 + (pts[i] as number));
      if (i > 0) expect(Math.abs(v - (dts[i - 1] as number) - 3000)).toBeLessThanOrEqual(1);
    });
    expect(x.reorderFrames).toBeGreaterThan(0);
  });
});
