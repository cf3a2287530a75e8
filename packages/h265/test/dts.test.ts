import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitAnnexB } from '@rtspkit/bytes';
import { samples } from '@rtspkit/sample';
import { describe, expect, it } from 'vitest';
import {
  H265DtsExtractor,
  H265Error,
  groupH265AccessUnits,
  h265NalUnitType,
  h265SlicePpsId,
  isH265VclNalUnitType,
  parseH265Pps,
  parseH265SliceHeader,
  parseH265Sps,
} from '../src/index.js';
import { bframesSps, samplePps, sampleSps, sampleVps } from './cases.js';

/**
 * Output position of each access unit of `bframes.h265`, in decode order, as FFmpeg 5.1's
 * decoder emits them (`ffprobe -show_entries frame=pkt_pos`, matched to access unit offsets;
 * the interop test recomputes it live).
 */
const bframesOutputOrder = [
  0, 3, 2, 1, 5, 4, 8, 7, 6, 11, 10, 9, 13, 12, 16, 15, 14, 19, 18, 17, 22, 21, 20, 25, 24, 23, 27, 26, 30, 29, 28, 33,
  32, 31, 35, 34, 38, 37, 36, 41, 40, 39, 44, 43, 42, 46, 45, 48, 47, 50, 49, 53, 52, 51, 56, 55, 54, 58, 57, 59,
];

const accessUnits = (path: string) => groupH265AccessUnits(splitAnnexB(new Uint8Array(readFileSync(path))));
const bframes = accessUnits(join(import.meta.dirname, 'fixtures', 'bframes.h265'));

describe('slice header and poc', () => {
  it('slice_pic_order_cnt_lsb of the b-frame fixture follows the output order within each idr period', () => {
    const sps = parseH265Sps(bframesSps);
    let idrOutput = 0;
    bframes.forEach((au, i) => {
      const pps = parseH265Pps(au.find((n) => h265NalUnitType(n) === 34) ?? samplePps);
      const slice = au.find((n) => isH265VclNalUnitType(h265NalUnitType(n))) as Uint8Array;
      expect(h265SlicePpsId(slice)).toBe(0);
      const header = parseH265SliceHeader(slice, sps, pps);
      expect(header.firstSliceSegmentInPic).toBe(true);
      const output = bframesOutputOrder[i] as number;
      if (header.nalUnitType === 19 || header.nalUnitType === 20) idrOutput = output;
      expect(header.slicePicOrderCntLsb).toBe((output - idrOutput) % 256);
    });
  });
});

describe('H265DtsExtractor', () => {
  it('b-frame fixture: dts is the decode index minus two frames, in 90 kHz, and never after pts', () => {
    const extractor = new H265DtsExtractor();
    const dts = bframes.map((au, i) => extractor.extract(au, (bframesOutputOrder[i] as number) * 3000));
    expect(extractor.reorderFrames).toBe(2);
    expect(dts).toEqual(bframes.map((_, i) => (i - 2) * 3000));
  });

  it('sample without reordering: dts equals pts', () => {
    const units = accessUnits(samples.h265.path).slice(0, 60);
    const extractor = new H265DtsExtractor();
    const pts = units.map((_, i) => 123_000 + i * 3000);
    expect(units.map((au, i) => extractor.extract(au, pts[i] as number))).toEqual(pts);
    expect(extractor.reorderFrames).toBe(0);
  });

  it('a slice without its parameter sets, or no slice at all, is ERR_H265_MISSING_PARAMETER_SET', () => {
    const extractor = new H265DtsExtractor();
    const idrOnly = bframes[0]?.filter((n) => h265NalUnitType(n) === 19) ?? [];
    const expectCode = (fn: () => unknown) => {
      try {
        fn();
        throw new Error('expected a throw');
      } catch (e) {
        expect(e).toBeInstanceOf(H265Error);
        expect(e).toMatchObject({ code: 'ERR_H265_MISSING_PARAMETER_SET' });
      }
    };
    expectCode(() => extractor.extract(idrOnly, 0));
    expectCode(() => extractor.extract([sampleVps, sampleSps], 0));
  });

  it('pts jitter cannot make dts go backwards or pass pts', () => {
    const extractor = new H265DtsExtractor();
    const jitter = [0, 7, -5, 3, 0, -9, 4];
    const dts = bframes.map((au, i) =>
      extractor.extract(au, (bframesOutputOrder[i] as number) * 3000 + (jitter[i % jitter.length] as number)),
    );
    dts.forEach((d, i) => {
      if (i > 0) expect(d).toBeGreaterThan(dts[i - 1] as number);
      expect(d).toBeLessThanOrEqual((bframesOutputOrder[i] as number) * 3000 + (jitter[i % jitter.length] as number));
    });
  });
});
