import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { equals, splitAnnexB } from '@rtspkit/bytes';
import { parseRtpPacket } from '@rtspkit/rtp';
import { samples } from '@rtspkit/sample';
import { readRtpCapture } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  H264Depacketizer,
  groupH264AccessUnits,
  h264NalUnitType,
  isH264AccessUnit,
  isH264KeyFrame,
} from '../src/index.js';

// RTP carried in RTSP sessions over TCP interleaving (made by
// test/fixtures/make-fixtures.ts, see FIXTURES.md): the interleaved frames
// of the sending side, stored as plain datagrams.

const fixtures = join(import.meta.dirname, 'fixtures');
/** Access units each capture covers (the cut of make-fixtures.ts). */
const CAPTURED_FRAMES = 40;
const SPS = 7;
const PPS = 8;
const AUD = 9;

/** Left out of the byte comparison: senders may add parameter sets and delimiters. */
const essential = (au: readonly Uint8Array[]) => au.filter((n) => ![SPS, PPS, AUD].includes(h264NalUnitType(n)));

type Capture = {
  readonly file: string;
  readonly sample: string;
  /** RTP timestamp steps between consecutive access units the sender used. */
  readonly steps: readonly number[];
  /** Largest RTP payload the sender wrote. */
  readonly maxPayload: number;
  /** Every access unit starts with an access unit delimiter the source does not have. */
  readonly delimiters: boolean;
};

const captures: Capture[] = [
  // gst-rtsp-server (PLAY) from a raw file: buffers carry no timestamps, every packet is alike.
  {
    file: 'gst-rtsp-server-baseline.rtp',
    sample: samples.h264Baseline.path,
    steps: [0],
    maxPayload: 1388,
    delimiters: false,
  },
  {
    file: 'gst-rtsp-server-high-bframes.rtp',
    sample: samples.h264High.path,
    steps: [0],
    maxPayload: 1388,
    delimiters: false,
  },
  // FFmpeg 5.1 RECORD: 30 fps from the 1/1200000 time base (2999 or 3000); with B-frames
  // it stamps every packet alike.
  {
    file: 'ffmpeg-record-baseline.rtp',
    sample: samples.h264Baseline.path,
    steps: [2999, 3000],
    maxPayload: 1460,
    delimiters: false,
  },
  {
    file: 'ffmpeg-record-high-bframes.rtp',
    sample: samples.h264High.path,
    steps: [0],
    maxPayload: 1460,
    delimiters: false,
  },
  // rtspclientsink (RECORD) adds an access unit delimiter to every access unit.
  {
    file: 'rtspclientsink-baseline.rtp',
    sample: samples.h264Baseline.path,
    steps: [0],
    maxPayload: 1388,
    delimiters: true,
  },
  {
    file: 'rtspclientsink-high-bframes.rtp',
    sample: samples.h264High.path,
    steps: [0],
    maxPayload: 1388,
    delimiters: true,
  },
];

describe('RTP over RTSP (TCP interleaved) reproduces the source access units byte for byte', () => {
  for (const c of captures) {
    it(c.file, () => {
      const source = groupH264AccessUnits(splitAnnexB(new Uint8Array(readFileSync(c.sample)))).slice(
        0,
        CAPTURED_FRAMES,
      );
      expect(source.flat().some((n) => h264NalUnitType(n) === AUD)).toBe(false);
      const packets = readRtpCapture(join(fixtures, c.file)).map(parseRtpPacket);
      expect(new Set(packets.map((p) => p.ssrc)).size).toBe(1);
      expect(Math.max(...packets.map((p) => p.payload.length))).toBe(c.maxPayload);

      const d = new H264Depacketizer();
      const out = packets.flatMap((p) => d.push(p));
      expect(out.filter((o) => !isH264AccessUnit(o))).toEqual([]);
      const units = out.filter(isH264AccessUnit);
      expect(units).toHaveLength(CAPTURED_FRAMES);

      units.forEach((au, i) => {
        const expected = essential(source[i] as Uint8Array[]);
        const got = essential(au.nalUnits);
        expect(got.length).toBe(expected.length);
        expect(got.every((n, k) => equals(n, expected[k] as Uint8Array))).toBe(true);
        expect(au.key).toBe(isH264KeyFrame(source[i] as Uint8Array[]));
        const delimiters = au.nalUnits.filter((n) => h264NalUnitType(n) === AUD);
        expect(delimiters.length).toBe(c.delimiters ? 1 : 0);
        if (c.delimiters) expect(h264NalUnitType(au.nalUnits[0] as Uint8Array)).toBe(AUD);
      });
      expect(units.filter((u) => u.key)).toHaveLength(2);

      // Parameter sets: the source's, where the source has them (before each IDR), none added.
      const parameterSets = (au: readonly Uint8Array[]) =>
        au.filter((n) => [SPS, PPS].includes(h264NalUnitType(n))).map((n) => Array.from(n));
      expect(units.map((u) => parameterSets(u.nalUnits))).toEqual(source.map(parameterSets));

      const steps = new Set(units.slice(1).map((u, i) => (u.timestamp - (units[i]?.timestamp ?? 0)) >>> 0));
      expect([...steps].every((s) => c.steps.includes(s))).toBe(true);
    });
  }
});
