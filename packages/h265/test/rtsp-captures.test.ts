import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitAnnexB } from '@rtspkit/bytes';
import { parseRtpPacket } from '@rtspkit/rtp';
import { samples } from '@rtspkit/sample';
import { readRtpCapture } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  H265Depacketizer,
  groupH265AccessUnits,
  h265NalUnitType,
  isH265AccessUnit,
  isH265KeyFrame,
} from '../src/index.js';
import { CAPTURED_ACCESS_UNITS } from './fixtures/make-fixtures-config.js';

// RTP carried in RTSP sessions over TCP interleaving (made by
// test/fixtures/make-fixtures.ts, see FIXTURES.md): the interleaved frames
// of the sending side, stored as plain datagrams.

const fixtures = join(import.meta.dirname, 'fixtures');
const isParameterSet = (nal: Uint8Array) => {
  const type = h265NalUnitType(nal);
  return type >= 32 && type <= 34;
};
const AGGREGATION = 48;

type Capture = {
  readonly file: string;
  /** RTP timestamp steps between consecutive access units the sender used. */
  readonly steps: readonly number[];
  /** Largest RTP payload the sender wrote. */
  readonly maxPayload: number;
  /** The sender puts VPS/SPS/PPS in one aggregation packet (else one packet each). */
  readonly aggregates: boolean;
};

const captures: Capture[] = [
  // GStreamer from a raw file: buffers carry no timestamps, every packet is alike.
  { file: 'gst-rtsp-server-h265.rtp', steps: [0], maxPayload: 1388, aggregates: false },
  // FFmpeg 5.1 RECORD: 30 fps from the 1/1200000 time base (2999 or 3000).
  { file: 'ffmpeg-record-h265.rtp', steps: [2999, 3000], maxPayload: 1460, aggregates: true },
  { file: 'rtspclientsink-h265.rtp', steps: [0], maxPayload: 1388, aggregates: false },
];

describe('RTP over RTSP (TCP interleaved) reproduces the source access units byte for byte', () => {
  const source = groupH265AccessUnits(splitAnnexB(new Uint8Array(readFileSync(samples.h265.path)))).slice(
    0,
    CAPTURED_ACCESS_UNITS,
  );
  for (const c of captures) {
    it(c.file, () => {
      const packets = readRtpCapture(join(fixtures, c.file)).map(parseRtpPacket);
      expect(new Set(packets.map((p) => p.ssrc)).size).toBe(1);
      expect(Math.max(...packets.map((p) => p.payload.length))).toBe(c.maxPayload);
      expect(packets.some((p) => h265NalUnitType(p.payload) === AGGREGATION)).toBe(c.aggregates);

      const d = new H265Depacketizer();
      const out = packets.flatMap((p) => d.push(p));
      out.push(...d.flush());
      expect(out.filter((o) => !isH265AccessUnit(o))).toEqual([]);
      const units = out.filter(isH265AccessUnit);
      expect(units).toHaveLength(CAPTURED_ACCESS_UNITS);

      // Every NAL unit, byte for byte, parameter sets included: no sender adds or repeats them.
      const bytes = (units: ReadonlyArray<readonly Uint8Array[]>) => units.map((u) => u.map((n) => Array.from(n)));
      expect(bytes(units.map((u) => u.nalUnits))).toEqual(bytes(source));
      expect(units.map((u) => u.key)).toEqual(source.map(isH265KeyFrame));
      expect(units.filter((u) => u.key)).toHaveLength(2);
      expect(units[0]?.nalUnits.filter(isParameterSet).map(h265NalUnitType)).toEqual([32, 33, 34]);

      const steps = new Set(units.slice(1).map((u, i) => (u.timestamp - (units[i]?.timestamp ?? 0)) >>> 0));
      expect([...steps].every((s) => c.steps.includes(s))).toBe(true);
    });
  }
});
