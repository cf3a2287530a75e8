import { hex } from '@rtspkit/bytes';
import { describe, expect, it } from 'vitest';
import { H264Error, h264CodecString, parseH264NalHeader, parseH264Pps, parseH264Sps } from '../src/index.js';
import { ppsCases, spsCases } from './cases.js';

describe('parseH264Sps', () => {
  for (const c of spsCases) {
    it(`${c.name} (${c.source})`, () => {
      const copy = c.bytes.slice();
      const sps = parseH264Sps(c.bytes);
      expect(sps).toMatchObject(c.expected);
      expect(h264CodecString(sps)).toBe(c.codec);
      expect(c.bytes).toEqual(copy);
    });
  }

  it('rejects a nal unit that is not an sps', () => {
    expect(() => parseH264Sps(hex`68 ce 3c 80`)).toThrow(H264Error);
  });

  it('reports a truncated sps with its code and offset', () => {
    const err = (() => {
      try {
        parseH264Sps(hex`67 42 c0`);
      } catch (e) {
        return e as H264Error;
      }
    })();
    expect(err).toBeInstanceOf(H264Error);
    expect(err?.code).toBe('ERR_H264_TRUNCATED');
    expect(err?.offset).toBe(2);
  });

  it('rejects out-of-range chroma_format_idc', () => {
    // profile 100, sps id ue 0 ("1"), chroma_format_idc ue 4 ("00101")
    expect(() => parseH264Sps(hex`67 64 00 1f  94 00`)).toThrow(/chroma_format_idc 4/);
  });
});

describe('parseH264Pps', () => {
  for (const c of ppsCases) {
    it(c.name, () => {
      expect(parseH264Pps(c.bytes)).toEqual({
        picParameterSetId: 0,
        seqParameterSetId: 0,
        entropyCodingMode: c.entropyCodingMode,
        bottomFieldPicOrderInFramePresent: false,
      });
    });
  }
});

describe('parseH264NalHeader', () => {
  it('reads nal_ref_idc and nal_unit_type', () => {
    expect(parseH264NalHeader(hex`65`)).toEqual({ forbiddenZeroBit: 0, nalRefIdc: 3, nalUnitType: 5 });
    expect(parseH264NalHeader(hex`01`)).toEqual({ forbiddenZeroBit: 0, nalRefIdc: 0, nalUnitType: 1 });
  });
  it('throws H264Error on an empty unit', () => {
    expect(() => parseH264NalHeader(new Uint8Array(0))).toThrow(H264Error);
  });
});
