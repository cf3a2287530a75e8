import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toHex } from '@rtspkit/bytes';
import { describe, expect, it } from 'vitest';
import {
  controlOf,
  directionOf,
  framerateOf,
  h264Parameters,
  h265Parameters,
  mediaFormats,
  mp4aLatmParameters,
  mpeg4GenericParameters,
  parseSdp,
  parseSdpWithQuirks,
  rangeOf,
  serializeSdp,
} from '../src/index.js';
import { fixtureCases } from './cases.js';

const read = (file: string) => new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', file)));

describe('real descriptions from cameras and servers', () => {
  it('covers at least 15 makes', () => {
    expect(new Set(fixtureCases.map((c) => c.make.split(' ')[0])).size).toBeGreaterThanOrEqual(15);
  });

  for (const c of fixtureCases) {
    it(`${c.make}: ${c.file}`, () => {
      const bytes = read(c.file);
      const { sdp, quirks } = parseSdpWithQuirks(bytes);
      expect([...new Set(quirks.map((q) => q.code))].sort()).toEqual([...c.quirks].sort());
      expect(sdp.sessionName).toBe(c.sessionName);
      expect(controlOf(sdp)).toBe(c.sessionControl);
      expect(rangeOf(sdp)).toBe(c.range);
      expect(sdp.media.map((m) => m.type)).toEqual(c.media.map((m) => m.type));
      c.media.forEach((facts, i) => {
        const m = sdp.media[i]!;
        const formats = mediaFormats(m);
        expect(
          formats.map(
            (f) =>
              `${f.payloadType} ${f.encodingName}/${f.clockRate}${f.channels === undefined ? '' : `/${f.channels}`}`,
          ),
        ).toEqual(facts.formats);
        expect(controlOf(m)).toBe(facts.control);
        if (facts.direction) expect(directionOf(m, sdp)).toBe(facts.direction);
        expect(framerateOf(m)).toBe(facts.framerate);
        const params = formats[0]?.parameters ?? [];
        if (facts.h264) {
          const h = h264Parameters(params);
          expect(h.parameterSets.map((n) => (n[0] as number) & 0x1f)).toEqual(facts.h264.nalTypes);
          expect(h.packetizationMode).toBe(facts.h264.packetizationMode);
          expect(h.profileLevelId && toHex(h.profileLevelId)).toBe(facts.h264.profileLevelId);
        }
        if (facts.h265) {
          const h = h265Parameters(params);
          expect([h.vps.length, h.sps.length, h.pps.length]).toEqual([facts.h265.vps, facts.h265.sps, facts.h265.pps]);
          // VPS, SPS, PPS have NAL unit types 32, 33, 34 (H.265 table 7-1).
          for (const [list, type] of [
            [h.vps, 32],
            [h.sps, 33],
            [h.pps, 34],
          ] as const) {
            for (const nal of list) expect(((nal[0] as number) >> 1) & 0x3f).toBe(type);
          }
        }
        if (facts.aac) {
          const a = mpeg4GenericParameters(params);
          expect({
            config: toHex(a.config),
            mode: a.mode,
            sizeLength: a.sizeLength,
            indexLength: a.indexLength,
            indexDeltaLength: a.indexDeltaLength,
          }).toEqual(facts.aac);
          expect(a.streamType ?? 5).toBe(5);
        }
        if (facts.latm) {
          const l = mp4aLatmParameters(params);
          expect({ config: toHex(l.config), cpresent: l.cpresent }).toEqual(facts.latm);
        }
      });
    });

    it(`${c.file} re-serializes to a canonical fixed point`, () => {
      const text = new TextDecoder().decode(read(c.file));
      const canonical = serializeSdp(parseSdp(text));
      expect(serializeSdp(parseSdp(canonical))).toBe(canonical);
      expect(parseSdpWithQuirks(canonical).sdp).toEqual(parseSdp(text));
    });
  }

  it('keeps the byte input untouched', () => {
    const bytes = read('gst-rtsp-server-h264-aac.sdp');
    const copy = bytes.slice();
    parseSdp(bytes);
    expect(bytes).toEqual(copy);
  });
});
