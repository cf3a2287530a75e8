import fc from 'fast-check';
import { onlyCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import { BitReader, BitWriter, BytesError, readSampleAspectRatio } from '../src/index.js';

/** aspect_ratio_idc, then sar_width and sar_height for Extended_SAR (255). */
function vuiBits(idc: number, extended?: readonly [number, number]): BitReader {
  const w = new BitWriter().u(8, idc);
  if (extended !== undefined) w.u(16, extended[0]).u(16, extended[1]);
  return new BitReader(w.trailingBits().finish());
}

describe('readSampleAspectRatio (H.264 Table E-1 = H.265 Table E.1)', () => {
  const cases: ReadonlyArray<{ idc: number; extended?: readonly [number, number]; sar: readonly [number, number] }> = [
    { idc: 0, sar: [1, 1] }, // unspecified
    { idc: 1, sar: [1, 1] },
    { idc: 2, sar: [12, 11] }, // 720x576 4:3 with horizontal overscan
    { idc: 13, sar: [160, 99] },
    { idc: 14, sar: [4, 3] }, // 1440x1080 16:9
    { idc: 16, sar: [2, 1] },
    { idc: 17, sar: [1, 1] }, // reserved
    { idc: 254, sar: [1, 1] }, // reserved
    { idc: 255, extended: [64, 45], sar: [64, 45] },
    { idc: 255, extended: [0, 11], sar: [1, 1] }, // a zero term is unspecified
  ];
  for (const c of cases) {
    it(`idc ${c.idc}${c.extended ? ` ${c.extended.join(':')}` : ''} → ${c.sar.join(':')}`, () => {
      const r = vuiBits(c.idc, c.extended);
      expect(readSampleAspectRatio(r)).toEqual(c.sar);
      // The extended ratio is consumed: only the trailing bits are left.
      expect(r.bitsLeft).toBe(8);
    });
  }

  it('arbitrary bits give a positive ratio or BytesError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 6 }), (bytes) => {
        onlyCodecError(BytesError, () => {
          const [w, h] = readSampleAspectRatio(new BitReader(bytes));
          expect(w > 0 && h > 0).toBe(true);
        });
      }),
    );
  });
});
