import { BitWriter, hex } from '@rtspkit/bytes';
import { describe, expect, it } from 'vitest';
import {
  H265Error,
  annexBToHvcc,
  groupH265AccessUnits,
  hvccToAnnexB,
  startsH265AccessUnit,
  h265CodecString,
  isH265FirstSliceSegment,
  hvcCFromParameterSets,
  isH265KeyFrame,
  parseH265NalHeader,
  parseH265Pps,
  parseH265Sps,
  parseH265Vps,
  parseHvcC,
  serializeH265NalHeader,
  serializeHvcC,
  validateH265NalHeader,
} from '../src/index.js';
import {
  codecStringCases,
  ffmpegSampleHvcC,
  hvcCCases,
  nalHeaderCases,
  samplePps,
  sampleSps,
  sampleVps,
  spsCases,
  vpsCases,
} from './cases.js';

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('nal unit header', () => {
  for (const c of nalHeaderCases) {
    it(`${c.name} parses and serializes`, () => {
      expect(parseH265NalHeader(c.bytes)).toEqual(c.header);
      expect(serializeH265NalHeader(c.header)).toEqual(c.bytes);
    });
  }
  it('rejects a 1-byte nal unit, a forbidden bit and tid 0', () => {
    expect(catchError(() => parseH265NalHeader(hex`40`))).toMatchObject({
      code: 'ERR_H265_INVALID_NAL_UNIT',
      offset: 0,
    });
    expect(catchError(() => validateH265NalHeader(hex`80 01`))).toMatchObject({ code: 'ERR_H265_INVALID_NAL_UNIT' });
    expect(catchError(() => validateH265NalHeader(hex`40 00`))).toMatchObject({
      code: 'ERR_H265_INVALID_NAL_UNIT',
      offset: 1,
    });
  });
});

describe('vps', () => {
  for (const c of vpsCases) {
    it(c.name, () => {
      const copy = c.nal.slice();
      expect(parseH265Vps(c.nal)).toEqual(c.vps);
      expect(c.nal).toEqual(copy);
    });
  }
  it('rejects an sps', () => {
    expect(catchError(() => parseH265Vps(sampleSps))).toMatchObject({ code: 'ERR_H265_UNEXPECTED_NAL_UNIT_TYPE' });
  });
});

describe('sps', () => {
  for (const c of spsCases) {
    it(c.name, () => {
      const copy = c.nal.slice();
      const sps = parseH265Sps(c.nal);
      expect(sps).toEqual(c.sps);
      expect(h265CodecString(sps)).toBe(c.codecString);
      expect(c.nal).toEqual(copy);
    });
  }
  it('truncated sps gives ERR_H265_TRUNCATED with an offset', () => {
    const err = catchError(() => parseH265Sps(sampleSps.subarray(0, 20)));
    expect(err).toBeInstanceOf(H265Error);
    expect(err).toMatchObject({ code: 'ERR_H265_TRUNCATED' });
    expect((err as H265Error).offset).toBeTypeOf('number');
  });

  it('rejects an empty picture (fuzzer finding: 1040x0, no conformance window)', () => {
    const nal = hex`42 01 01 01 60 00 03 00 90 00 03 00 03 20 3c a0 02 08 cb 9f 79 65 65 92`;
    expect(catchError(() => parseH265Sps(nal))).toMatchObject({ code: 'ERR_H265_INVALID_SPS', offset: 13 });
  });

  it('reads through scaling lists, pcm, inter-predicted st_ref_pic_sets and long-term pictures to the vui', () => {
    // A synthetic SPS exercising every branch before the VUI, written field by field.
    const w = new BitWriter();
    w.u(4, 0).u(3, 1).u(1, 0); // vps id, sps_max_sub_layers_minus1 = 1, nesting 0
    // profile_tier_level(1, 1): Main 10, High tier, level 120, sub-layer 0 with profile and level.
    w.u(2, 0).u(1, 1).u(5, 2).u(32, 0x20000000).u(32, 0xb0000000).u(16, 0).u(8, 120);
    w.u(1, 1).u(1, 1); // sub_layer_profile_present_flag[0], sub_layer_level_present_flag[0]
    for (let i = 1; i < 8; i++) w.u(2, 0); // reserved_zero_2bits
    w.u(2, 0).u(1, 0).u(5, 2).u(32, 0).u(32, 0).u(16, 0); // sub-layer profile
    w.u(8, 90); // sub-layer level
    w.ue(3).ue(3).u(1, 0); // sps id 3, chroma 4:4:4, no separate planes
    w.ue(1920).ue(1088).u(1, 1).ue(0).ue(0).ue(0).ue(8); // 1920x1088 cropped by 8 at the bottom (SubHeightC 1)
    w.ue(2).ue(2).ue(4); // 10-bit, log2_max_poc_lsb 8
    w.u(1, 1); // ordering per sub-layer
    w.ue(2).ue(1).ue(0).ue(4).ue(2).ue(0);
    w.ue(0).ue(3).ue(0).ue(3).ue(1).ue(1); // block sizes: min cb 8, ctb 64
    w.u(1, 1).u(1, 1); // scaling_list_enabled, sps_scaling_list_data_present
    for (let sizeId = 0; sizeId < 4; sizeId++) {
      for (let matrixId = 0; matrixId < 6; matrixId += sizeId === 3 ? 3 : 1) {
        w.u(1, 1); // scaling_list_pred_mode_flag: explicit coefficients
        if (sizeId > 1) w.se(-3);
        for (let k = 0; k < Math.min(64, 1 << (4 + (sizeId << 1))); k++) w.se(k % 3 === 0 ? 1 : -1);
      }
    }
    w.u(1, 1).u(1, 0); // amp, sao
    w.u(1, 1).u(4, 7).u(4, 7).ue(0).ue(1).u(1, 0); // pcm
    w.ue(3); // three st_ref_pic_sets
    w.ue(2).ue(1).ue(0).u(1, 1).ue(1).u(1, 1).ue(0).u(1, 1); // set 0: S0 {-1, -3}, S1 {1}
    w.u(1, 1).u(1, 0).ue(0); // set 1: predicted from set 0, deltaRps +1
    for (let j = 0; j <= 3; j++) w.u(1, 1); // used_by_curr_pic_flag for 4 entries
    w.u(1, 1).u(1, 1).ue(1); // set 2: predicted from set 1, deltaRps -2
    w.u(1, 0).u(1, 0); // entry 0 neither used nor kept
    for (let j = 1; j <= 3; j++) w.u(1, 1);
    w.u(1, 1).ue(2).u(8, 17).u(1, 1).u(8, 33).u(1, 0); // two long-term pictures
    w.u(1, 1).u(1, 1); // temporal mvp, strong intra smoothing
    w.u(1, 1); // vui
    w.u(1, 1).u(8, 255).u(16, 4).u(16, 3); // extended SAR 4:3
    w.u(1, 0).u(1, 1).u(3, 5).u(1, 1).u(1, 1).u(8, 9).u(8, 16).u(8, 9); // video signal, colour description
    w.u(1, 0).u(3, 0).u(1, 0); // chroma loc, flags, default display window
    w.u(1, 1).u(32, 1001).u(32, 60000).u(1, 0); // timing
    w.u(1, 1); // hrd parameters
    w.u(1, 1).u(1, 0).u(1, 0).u(4, 2).u(4, 3).u(5, 23).u(5, 23).u(5, 23); // nal hrd, no sub-pic params
    for (let i = 0; i <= 1; i++) w.u(1, 1).ue(0).ue(0).ue(1000).ue(2000).u(1, 0); // fixed rate, cpb_cnt 1
    w.u(1, 1).u(3, 0).ue(42).ue(2).ue(1).ue(15).ue(15); // bitstream restriction, min_spatial_segmentation 42
    w.trailingBits();
    const nal = new Uint8Array([0x42, 0x01, ...w.finish()]);
    const sps = parseH265Sps(nal);
    expect(sps).toMatchObject({
      spsId: 3,
      generalTierFlag: 1,
      generalProfileIdc: 2,
      generalLevelIdc: 120,
      subLayers: [{ profileIdc: 2, levelIdc: 90 }],
      chromaFormatIdc: 3,
      width: 1920,
      height: 1080,
      bitDepthLuma: 10,
      subLayerOrdering: [
        { maxDecPicBuffering: 3, maxNumReorderPics: 1, maxLatencyIncreasePlus1: 0 },
        { maxDecPicBuffering: 5, maxNumReorderPics: 2, maxLatencyIncreasePlus1: 0 },
      ],
      spsMaxNumReorderPics: 2,
      sarWidth: 4,
      sarHeight: 3,
      timing: { numUnitsInTick: 1001, timeScale: 60000 },
      minSpatialSegmentationIdc: 42,
    });
    expect(h265CodecString(sps, 'hev1')).toBe('hev1.2.4.H120.B0');
  });
});

describe('pps', () => {
  it('sample pps (x265 enables wavefront parallel processing by default)', () => {
    expect(parseH265Pps(samplePps)).toEqual({
      ppsId: 0,
      spsId: 0,
      dependentSliceSegmentsEnabled: false,
      outputFlagPresent: false,
      numExtraSliceHeaderBits: 0,
      tilesEnabled: false,
      entropyCodingSyncEnabled: true,
    });
  });
});

describe('hvcC', () => {
  for (const c of hvcCCases) {
    it(`${c.name} parses`, () => expect(parseHvcC(c.bytes)).toEqual(c.hvcc));
    it(`${c.name} serializes`, () => expect(serializeHvcC(c.hvcc)).toEqual(c.bytes));
  }
  it('built from the sample parameter sets equals what ffmpeg 5.1 writes, byte for byte', () => {
    expect(serializeHvcC(hvcCFromParameterSets([sampleVps], [sampleSps], [samplePps]))).toEqual(ffmpegSampleHvcC);
  });
  it('rejects version 0, lengthSizeMinusOne 2 and a truncated array', () => {
    const v0 = ffmpegSampleHvcC.slice();
    v0[0] = 0;
    expect(catchError(() => parseHvcC(v0))).toMatchObject({ code: 'ERR_H265_INVALID_HVCC', offset: 0 });
    const len3 = ffmpegSampleHvcC.slice();
    len3[21] = 0x0e;
    expect(catchError(() => parseHvcC(len3))).toMatchObject({ code: 'ERR_H265_INVALID_HVCC', offset: 21 });
    expect(catchError(() => parseHvcC(ffmpegSampleHvcC.subarray(0, 60)))).toMatchObject({ code: 'ERR_H265_TRUNCATED' });
  });
  it('needs a vps, an sps and a pps of the right types', () => {
    expect(catchError(() => hvcCFromParameterSets([], [sampleSps], [samplePps]))).toMatchObject({
      code: 'ERR_H265_INVALID_HVCC',
    });
    expect(catchError(() => hvcCFromParameterSets([sampleVps], [sampleSps], [sampleSps]))).toMatchObject({
      code: 'ERR_H265_UNEXPECTED_NAL_UNIT_TYPE',
    });
  });
  it('parsed nal units alias the record', () => {
    const hvcc = parseHvcC(ffmpegSampleHvcC);
    expect(hvcc.arrays[0]?.nalUnits[0]?.buffer).toBe(ffmpegSampleHvcC.buffer);
  });
});

describe('codec string', () => {
  for (const c of codecStringCases) {
    it(`${c.name}: ${c.codec}`, () => expect(h265CodecString(c.ptl, c.sampleEntry)).toBe(c.codec));
  }
});

describe('access units', () => {
  const idr = hex`26 01 af`;
  const trailFirst = hex`02 01 d0`;
  const trailSecond = hex`02 01 50`; // first_slice_segment_in_pic_flag 0
  const suffixSei = hex`50 01 05`;
  const aud = hex`46 01 50`;
  it('splits at parameter sets, aud and first slice segments, keeps suffix sei and later slices', () => {
    const nals = [sampleVps, sampleSps, samplePps, idr, suffixSei, trailFirst, trailSecond, aud, trailFirst];
    expect(groupH265AccessUnits(nals)).toEqual([
      [sampleVps, sampleSps, samplePps, idr, suffixSei],
      [trailFirst, trailSecond],
      [aud, trailFirst],
    ]);
  });
  it('a nal unit of another layer does not start an access unit', () => {
    const layer1Sps = hex`42 09 01`;
    expect(groupH265AccessUnits([idr, layer1Sps, trailFirst])).toEqual([[idr, layer1Sps], [trailFirst]]);
  });
  it('key frames are irap pictures (types 16..23)', () => {
    expect(isH265KeyFrame([sampleVps, idr])).toBe(true);
    expect(isH265KeyFrame([hex`2a 01 af`])).toBe(true); // CRA
    expect(isH265KeyFrame([hex`20 01 af`])).toBe(true); // BLA_W_LP
    expect(isH265KeyFrame([trailFirst, sampleSps])).toBe(false);
  });
});

describe('annex-b and hvcc sample format', () => {
  it('round trips and reports a bad length as ERR_H265_TRUNCATED', () => {
    const stream = hex`00 00 00 01 40 01 0c  00 00 01 26 01 af 80`;
    const sample = annexBToHvcc(stream);
    expect(sample).toEqual(hex`00 00 00 03 40 01 0c  00 00 00 04 26 01 af 80`);
    expect(hvccToAnnexB(sample)).toEqual(hex`00 00 00 01 40 01 0c  00 00 00 01 26 01 af 80`);
    expect(catchError(() => hvccToAnnexB(hex`00 00 00 09 40 01`))).toMatchObject({
      code: 'ERR_H265_TRUNCATED',
      offset: 0,
    });
  });
  it('startsH265AccessUnit', () => {
    expect(startsH265AccessUnit(hex`40 01 0c`)).toBe(true);
    expect(startsH265AccessUnit(hex`02 01 80`)).toBe(true);
    expect(startsH265AccessUnit(hex`02 01 40`)).toBe(false);
    expect(startsH265AccessUnit(hex`50 01 05`)).toBe(false); // suffix SEI
  });
  it('isH265FirstSliceSegment reads first_slice_segment_in_pic_flag', () => {
    expect(isH265FirstSliceSegment(hex`02 01 80`)).toBe(true);
    expect(isH265FirstSliceSegment(hex`26 01 af`)).toBe(true);
    expect(isH265FirstSliceSegment(hex`02 01 40`)).toBe(false);
    expect(isH265FirstSliceSegment(hex`02 01`)).toBe(false);
  });
});
