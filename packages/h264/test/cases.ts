import { hex } from '@rtspkit/bytes';
import type { H264Sps } from '../src/index.js';

/**
 * SPS golden cases: bytes (header included, escaped) → fields. `source` says where the
 * bytes come from; expected values were derived from the spec and cross-checked with the
 * dimensions the source states.
 */
export const spsCases: ReadonlyArray<{
  name: string;
  source: string;
  bytes: Uint8Array;
  codec: string;
  expected: Partial<H264Sps>;
}> = [
  {
    name: 'sample constrained baseline 640x360 (x264)',
    source: '@rtspkit/sample sample-baseline.h264, first NAL unit',
    bytes: hex`67 42 c0 1e  da 02 80 bf  e5 c0 44 00  00 03 00 04  00 00 03 00  f0 3c 58 ba  80`,
    codec: 'avc1.42C01E',
    expected: {
      profileIdc: 66,
      constraintSetFlags: 0xc0,
      levelIdc: 30,
      chromaFormatIdc: 1,
      bitDepthLuma: 8,
      picOrderCntType: 2,
      log2MaxFrameNum: 4,
      maxNumRefFrames: 1,
      frameMbsOnly: true,
      width: 640,
      height: 360, // 23 macroblock rows, 8 lines cropped
      sarWidth: 1,
      sarHeight: 1,
      timing: { numUnitsInTick: 1, timeScale: 60, fixedFrameRate: false },
      maxNumReorderFrames: 0,
    },
  },
  {
    name: 'sample high with b-frames 640x360 (x264)',
    source: '@rtspkit/sample sample-high-bframes.h264, first NAL unit',
    bytes: hex`67 64 00 1f  ac d3 02 80  bf e5 c0 44  00 00 03 00  04 00 00 03  00 f0 3c 60  c4 e0`,
    codec: 'avc1.64001F',
    expected: {
      profileIdc: 100,
      constraintSetFlags: 0,
      levelIdc: 31,
      picOrderCntType: 0,
      log2MaxPicOrderCntLsb: 5,
      maxNumRefFrames: 2,
      width: 640,
      height: 360,
      maxNumReorderFrames: 1,
      maxDecFrameBuffering: 2,
    },
  },
  {
    name: '1920x1080 nvidia, bottom crop 4',
    source: 'bluenviron/mediacommon pkg/codecs/h264/sps_test.go, case "1920x1080 nvidia"',
    bytes: hex`67 64 00 28  ac d9 40 78  02 27 e5 84  00 00 03 00  04 00 00 03  00 f0 3c 60  c6 58`,
    codec: 'avc1.640028',
    expected: {
      profileIdc: 100,
      levelIdc: 40,
      picWidthInMbs: 120,
      frameHeightInMbs: 68,
      width: 1920,
      height: 1080,
      log2MaxPicOrderCntLsb: 6,
      maxNumReorderFrames: 2,
      timing: { numUnitsInTick: 1, timeScale: 60, fixedFrameRate: false },
    },
  },
  {
    name: '1920x1080 interlaced (frame_mbs_only 0), no trailing stop bit',
    source: 'bluenviron/mediacommon pkg/codecs/h264/sps_test.go, case "1920x1080"',
    bytes: hex`67 64 00 29  ac 13 31 40  78 04 47 de  03 ea 02 02  03 e0 00 00  03 00 20 00  00 06 52`,
    codec: 'avc1.640029',
    expected: {
      frameMbsOnly: false,
      frameHeightInMbs: 68,
      width: 1920,
      height: 1080, // crop unit is 4 lines for 4:2:0 fields
      colourPrimaries: 1,
      timing: { numUnitsInTick: 1, timeScale: 50, fixedFrameRate: true },
    },
  },
  {
    name: 'hikvision 1280x960, 90 kHz tick',
    source: 'bluenviron/mediacommon pkg/codecs/h264/sps_test.go, case "hikvision"',
    bytes: hex`67 64 00 20  ac 17 2a 01  40 1e 68 40  00 01 c2 00  00 57 e4 21`,
    codec: 'avc1.640020',
    expected: {
      width: 1280,
      height: 960,
      log2MaxFrameNum: 14,
      timing: { numUnitsInTick: 1800, timeScale: 90000, fixedFrameRate: true },
    },
  },
  {
    name: '2560x1440 with scaling matrix',
    source: 'bluenviron/mediacommon pkg/codecs/h264/sps_test.go, case "scaling matrix"',
    bytes: hex`
      67 64 00 32  ad 84 01 0c  20 08 61 00  43 08 02 18  40 10 c2 00  84 3b 50 14
      00 5a d3 70  10 10 14 00  00 03 00 04  00 00 03 00  a2 10`,
    codec: 'avc1.640032',
    expected: { seqScalingMatrixPresent: true, width: 2560, height: 1440, picOrderCntType: 2, videoFullRange: true },
  },
  {
    name: 'hikvision 1920x1080 main, nal + vcl hrd',
    source: 'bluenviron/mediacommon pkg/codecs/h264/sps_test.go, case "1920x1080 hikvision nal hrd + vcl hrd"',
    bytes: hex`
      67 4d 00 29  9a 64 03 c0  11 3f 2e 02  dc 04 04 05  00 00 03 03  e8 00 00 c3
      50 e8 60 00  ba b4 00 02  ea c4 bb cb  8d 0c 00 17  56 80 00 5d  58 97 79 70  a0`,
    codec: 'avc1.4D0029',
    expected: {
      profileIdc: 77,
      width: 1920,
      height: 1080,
      timing: { numUnitsInTick: 1000, timeScale: 50000, fixedFrameRate: true },
    },
  },
  {
    name: '1920x1080 main interlaced with hrd and bitstream restriction',
    source: 'bluenviron/mediacommon pkg/codecs/h264/sps_test.go, case "1920x1080 mbs_only_flag = 0"',
    bytes: hex`
      67 4d 40 28  ab 60 3c 02  23 ef 01 10  00 00 03 00  10 00 00 03  03 2e 94 00
      35 64 06 b2  85 08 0e e2  c5 22 c0`,
    codec: 'avc1.4D4028',
    expected: { constraintSetFlags: 0x40, frameMbsOnly: false, width: 1920, height: 1080, maxNumReorderFrames: 1 },
  },
];

/** PPS of the two samples (first PPS NAL unit of each file). */
export const ppsCases = [
  { name: 'sample baseline (cavlc)', bytes: hex`68 ce 3c 80`, entropyCodingMode: false },
  { name: 'sample high (cabac)', bytes: hex`68 ef bc b0`, entropyCodingMode: true },
] as const;

/** avcC records ⇄ values (ISO 14496-15 §5.3.3.1). */
export const avcCCases = [
  {
    name: 'baseline, one sps, one pps',
    bytes: hex`
      01 42 c0 1e   # version 1, profile 66, constraints c0, level 30
      ff            # 111111 + lengthSizeMinusOne 3
      e1 00 19      # 111 + 1 sps, 25 bytes
      67 42 c0 1e  da 02 80 bf  e5 c0 44 00  00 03 00 04  00 00 03 00  f0 3c 58 ba  80
      01 00 04      # 1 pps, 4 bytes
      68 ce 3c 80`,
    ext: false,
  },
  {
    name: 'high with chroma / bit depth tail',
    bytes: hex`
      01 64 00 1f  ff  e1 00 1a
      67 64 00 1f  ac d3 02 80  bf e5 c0 44  00 00 03 00  04 00 00 03  00 f0 3c 60  c4 e0
      01 00 04  68 ef bc b0
      fd            # 111111 + chroma_format 1
      f8 f8         # bit depths 8, 8
      00            # no sps extensions`,
    ext: true,
  },
] as const;
