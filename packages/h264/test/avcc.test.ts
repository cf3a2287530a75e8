import { hex } from '@rtspkit/bytes';
import { describe, expect, it } from 'vitest';
import {
  H264Error,
  annexBToAvcc,
  avcCFromParameterSets,
  avccToAnnexB,
  parseAvcC,
  serializeAvcC,
} from '../src/index.js';
import { avcCCases, ppsCases, spsCases } from './cases.js';

describe('avcC', () => {
  for (const c of avcCCases) {
    it(`${c.name}: parse, serialize back, and build from parameter sets`, () => {
      const avcc = parseAvcC(c.bytes);
      expect(avcc.lengthSize).toBe(4);
      expect(avcc.sps).toHaveLength(1);
      expect(avcc.pps).toHaveLength(1);
      expect(avcc.spsExt !== undefined).toBe(c.ext);
      expect(serializeAvcC(avcc)).toEqual(c.bytes);
      expect(serializeAvcC(avcCFromParameterSets(avcc.sps, avcc.pps))).toEqual(c.bytes);
      // Views alias the input.
      expect(avcc.sps[0]?.buffer).toBe(c.bytes.buffer);
    });
  }

  it('tolerates a high profile record without the chroma/bit depth tail (older writers)', () => {
    const full = avcCCases[1].bytes;
    const avcc = parseAvcC(full.subarray(0, full.length - 4));
    expect(avcc.spsExt).toBeUndefined();
    expect(avcc.profileIndication).toBe(100);
  });

  it('builds the record for the sample sps and pps', () => {
    const avcc = avcCFromParameterSets([spsCases[0]!.bytes], [ppsCases[0].bytes]);
    expect(avcc).toMatchObject({ profileIndication: 66, profileCompatibility: 0xc0, levelIndication: 30 });
  });

  it('rejects a bad version, reserved length size and truncation with H264Error', () => {
    expect(() => parseAvcC(hex`02 42 c0 1e ff e0 00`)).toThrow(/configurationVersion 2/);
    expect(() => parseAvcC(hex`01 42 c0 1e fe e0 00`)).toThrow(/reserved/);
    expect(() => parseAvcC(hex`01 42 c0 1e ff e1 00 19 67`)).toThrow(H264Error);
  });

  it('converts between annex-b and avcc samples', () => {
    const annexB = hex`00 00 00 01 67 42  00 00 01 68 ce`;
    const avcc = annexBToAvcc(annexB);
    expect(avcc).toEqual(hex`00 00 00 02 67 42  00 00 00 02 68 ce`);
    expect(avccToAnnexB(avcc)).toEqual(hex`00 00 00 01 67 42  00 00 00 01 68 ce`);
    expect(() => avccToAnnexB(hex`00 00 00 09 67`)).toThrow(H264Error);
  });
});
