import { hex } from '@rtspkit/bytes';
import type { RtpPacket } from '@rtspkit/rtp';
import { rtpPacket } from '@rtspkit/test-utils';
import type { H265NalHeader, H265Sps, H265Vps, HvcC } from '../src/index.js';

/** Two-byte NAL unit headers (H.265 §7.3.1.2). */
export const nalHeaderCases: ReadonlyArray<{ name: string; bytes: Uint8Array; header: H265NalHeader }> = [
  {
    name: 'vps',
    bytes: hex`40 01`,
    header: { forbiddenZeroBit: 0, nalUnitType: 32, nuhLayerId: 0, nuhTemporalIdPlus1: 1 },
  },
  {
    name: 'idr_w_radl',
    bytes: hex`26 01`,
    header: { forbiddenZeroBit: 0, nalUnitType: 19, nuhLayerId: 0, nuhTemporalIdPlus1: 1 },
  },
  {
    name: 'fu, layer 1, tid 3',
    bytes: hex`62 0b`,
    header: { forbiddenZeroBit: 0, nalUnitType: 49, nuhLayerId: 1, nuhTemporalIdPlus1: 3 },
  },
  {
    name: 'layer 63, tid 7',
    bytes: hex`03 ff`,
    header: { forbiddenZeroBit: 0, nalUnitType: 1, nuhLayerId: 63, nuhTemporalIdPlus1: 7 },
  },
  {
    name: 'forbidden bit',
    bytes: hex`80 01`,
    header: { forbiddenZeroBit: 1, nalUnitType: 0, nuhLayerId: 0, nuhTemporalIdPlus1: 1 },
  },
];

/** Parameter sets of the bundled sample (x265, Main, 640x360): the ones in its first access unit. */
export const sampleVps = hex`
  40 01                       # nal header: VPS
  0c 01 ff ff                 # vps id 0, base layer internal/available, 1 layer, 1 sub-layer, nesting, 0xffff
  01 60 00 00 03 00 90 00     # profile space 0, tier 0, Main; compatibility 0x60000000 (escaped); constraints 90 ...
  00 03 00 00 03 00 3f        # ... constraint bytes, level_idc 63
  ba 02 40                    # ordering info, layer sets, no timing
`;
export const sampleSps = hex`
  42 01 01 01 60 00 00 03 00 90 00 00 03 00 00 03 00 3f   # header, sps_max_sub_layers 1, profile_tier_level
  a0 05 02 01 69 65 ba 92 4c af 01 68 08 00 00 03 00 08   # 640x360, 4:2:0, 8 bit, ..., vui
  00 00 03 00 f0 40                                       # timing 1/30
`;
export const samplePps = hex`44 01 c1 72 b4 62 40`;

/** Parameter sets of the B-frame fixture (x265 bframes=2, 320x180 coded as 320x184). */
export const bframesVps = hex`40 01 0c 01 ff ff 01 60 00 00 03 00 90 00 00 03 00 00 03 00 3c 95 90 09`;
export const bframesSps = hex`
  42 01 01 01 60 00 00 03 00 90 00 00 03 00 00 03 00 3c   # header, profile_tier_level (level 60)
  a0 0a 08 0b 9f 79 65 64 92 4c af 01 68 08 00 00 03 00   # 320x184, conformance window bottom 2 (x2), ...
  08 00 00 03 00 f0 40                                    # timing 1/30
`;

/** The hvcC box body FFmpeg 5.1 writes for the sample (`ffmpeg -i sample.h265 -c copy -tag:v hvc1 out.mp4`). */
export const ffmpegSampleHvcC = hex`
  01                    # configurationVersion
  01                    # profile space 0, tier 0, profile idc 1 (Main)
  60 00 00 00           # compatibility flags 1 and 2
  90 00 00 00 00 00     # progressive_source, frame_only_constraint
  3f                    # level_idc 63
  f0 00                 # min_spatial_segmentation_idc 0
  fc                    # parallelismType 0
  fd                    # chromaFormat 1
  f8 f8                 # bit depths 8, 8
  00 00                 # avgFrameRate 0
  0f                    # constantFrameRate 0, numTemporalLayers 1, temporalIdNested, lengthSizeMinusOne 3
  03                    # numOfArrays
  a0 00 01 00 18        # complete, VPS, 1 nal unit of 24 bytes
  40 01 0c 01 ff ff 01 60 00 00 03 00 90 00 00 03 00 00 03 00 3f ba 02 40
  a1 00 01 00 2a        # complete, SPS, 42 bytes
  42 01 01 01 60 00 00 03 00 90 00 00 03 00 00 03 00 3f a0 05 02 01 69 65 ba 92 4c af 01 68
  08 00 00 03 00 08 00 00 03 00 f0 40
  a2 00 01 00 07        # complete, PPS, 7 bytes
  44 01 c1 72 b4 62 40
`;

const sampleCommon = {
  generalProfileSpace: 0,
  generalTierFlag: 0,
  generalProfileIdc: 1,
  generalProfileCompatibilityFlags: 0x60000000,
  generalConstraintIndicatorFlags: hex`90 00 00 00 00 00`,
  subLayers: [],
  vpsId: 0,
  maxSubLayers: 1,
  temporalIdNesting: true,
} as const;

export const vpsCases: ReadonlyArray<{ name: string; nal: Uint8Array; vps: H265Vps }> = [
  {
    name: 'sample (x265, no timing)',
    nal: sampleVps,
    vps: {
      ...sampleCommon,
      generalLevelIdc: 63,
      baseLayerInternal: true,
      baseLayerAvailable: true,
      maxLayers: 1,
      subLayerOrdering: [{ maxDecPicBuffering: 3, maxNumReorderPics: 0, maxLatencyIncreasePlus1: 1 }],
      maxLayerId: 0,
      numLayerSets: 1,
    },
  },
];

const spsCommon = {
  ...sampleCommon,
  spsId: 0,
  chromaFormatIdc: 1,
  separateColourPlane: false,
  cropLeft: 0,
  cropRight: 0,
  cropTop: 0,
  bitDepthLuma: 8,
  bitDepthChroma: 8,
  log2MaxPicOrderCntLsb: 8,
  log2MinCbSize: 3,
  log2CtbSize: 6,
  vuiPresent: true,
  sarWidth: 1,
  sarHeight: 1,
  timing: { numUnitsInTick: 1, timeScale: 30 },
  minSpatialSegmentationIdc: 0,
} as const;

export const spsCases: ReadonlyArray<{ name: string; nal: Uint8Array; sps: H265Sps; codecString: string }> = [
  {
    name: 'sample: Main, level 2.1, 640x360, no reordering',
    nal: sampleSps,
    sps: {
      ...spsCommon,
      generalLevelIdc: 63,
      codedWidth: 640,
      codedHeight: 360,
      width: 640,
      height: 360,
      cropBottom: 0,
      subLayerOrdering: [{ maxDecPicBuffering: 3, maxNumReorderPics: 0, maxLatencyIncreasePlus1: 1 }],
      spsMaxNumReorderPics: 0,
      spsMaxDecPicBuffering: 3,
    },
    codecString: 'hvc1.1.6.L63.90',
  },
  {
    name: 'bframes fixture: 320x184 cropped to 320x180, 2 reorder pictures',
    nal: bframesSps,
    sps: {
      ...spsCommon,
      generalLevelIdc: 60,
      codedWidth: 320,
      codedHeight: 184,
      width: 320,
      height: 180,
      cropBottom: 4,
      subLayerOrdering: [{ maxDecPicBuffering: 5, maxNumReorderPics: 2, maxLatencyIncreasePlus1: 3 }],
      spsMaxNumReorderPics: 2,
      spsMaxDecPicBuffering: 5,
    },
    codecString: 'hvc1.1.6.L60.90',
  },
];

export const sampleHvcC: HvcC = {
  configurationVersion: 1,
  generalProfileSpace: 0,
  generalTierFlag: 0,
  generalProfileIdc: 1,
  generalProfileCompatibilityFlags: 0x60000000,
  generalConstraintIndicatorFlags: hex`90 00 00 00 00 00`,
  generalLevelIdc: 63,
  minSpatialSegmentationIdc: 0,
  parallelismType: 0,
  chromaFormat: 1,
  bitDepthLuma: 8,
  bitDepthChroma: 8,
  avgFrameRate: 0,
  constantFrameRate: 0,
  numTemporalLayers: 1,
  temporalIdNested: true,
  lengthSize: 4,
  arrays: [
    { arrayCompleteness: true, nalUnitType: 32, nalUnits: [sampleVps] },
    { arrayCompleteness: true, nalUnitType: 33, nalUnits: [sampleSps] },
    { arrayCompleteness: true, nalUnitType: 34, nalUnits: [samplePps] },
  ],
};

export const hvcCCases: ReadonlyArray<{ name: string; bytes: Uint8Array; hvcc: HvcC }> = [
  { name: 'ffmpeg 5.1, sample', bytes: ffmpegSampleHvcC, hvcc: sampleHvcC },
  {
    name: 'main 10, high tier, 2-byte lengths, sei array, incomplete arrays',
    bytes: hex`
      01 22 20 00 00 00 b0 00 00 00 00 00 99   # Main 10, high tier, compat flag 2, constraints b0, level 153
      f0 04 fe fd fa fa 0b b8                  # min_spatial 4, parallelism 2, 4:2:0, 10 bit, avgFrameRate 3000
      55                                       # constantFrameRate 1, 2 temporal layers, nested, lengthSizeMinusOne 1
      02                                       # 2 arrays
      20 00 01 00 03 40 01 0c                  # VPS (incomplete)
      27 00 02 00 03 4e 01 05 00 04 4e 01 06 80   # 2 prefix SEI
    `,
    hvcc: {
      configurationVersion: 1,
      generalProfileSpace: 0,
      generalTierFlag: 1,
      generalProfileIdc: 2,
      generalProfileCompatibilityFlags: 0x20000000,
      generalConstraintIndicatorFlags: hex`b0 00 00 00 00 00`,
      generalLevelIdc: 153,
      minSpatialSegmentationIdc: 4,
      parallelismType: 2,
      chromaFormat: 1,
      bitDepthLuma: 10,
      bitDepthChroma: 10,
      avgFrameRate: 3000,
      constantFrameRate: 1,
      numTemporalLayers: 2,
      temporalIdNested: true,
      lengthSize: 2,
      arrays: [
        { arrayCompleteness: false, nalUnitType: 32, nalUnits: [hex`40 01 0c`] },
        { arrayCompleteness: false, nalUnitType: 39, nalUnits: [hex`4e 01 05`, hex`4e 01 06 80`] },
      ],
    },
  },
];

/** Profile/tier/level → RFC 6381 codec string (ISO 14496-15 Annex E.3). */
export const codecStringCases: ReadonlyArray<{
  name: string;
  ptl: Pick<
    H265Sps,
    | 'generalProfileSpace'
    | 'generalTierFlag'
    | 'generalProfileIdc'
    | 'generalProfileCompatibilityFlags'
    | 'generalConstraintIndicatorFlags'
    | 'generalLevelIdc'
  >;
  sampleEntry: 'hvc1' | 'hev1';
  codec: string;
}> = [
  {
    name: 'Annex E example: Main, level 3.1, progressive + frame only',
    ptl: {
      generalProfileSpace: 0,
      generalTierFlag: 0,
      generalProfileIdc: 1,
      generalProfileCompatibilityFlags: 0x60000000,
      generalConstraintIndicatorFlags: hex`b0 00 00 00 00 00`,
      generalLevelIdc: 93,
    },
    sampleEntry: 'hev1',
    codec: 'hev1.1.6.L93.B0',
  },
  {
    name: 'Main 10, high tier 5.1',
    ptl: {
      generalProfileSpace: 0,
      generalTierFlag: 1,
      generalProfileIdc: 2,
      generalProfileCompatibilityFlags: 0x20000000,
      generalConstraintIndicatorFlags: hex`b0 00 00 00 00 00`,
      generalLevelIdc: 153,
    },
    sampleEntry: 'hvc1',
    codec: 'hvc1.2.4.H153.B0',
  },
  {
    name: 'profile space 1, no constraint bytes, compat flag 31',
    ptl: {
      generalProfileSpace: 1,
      generalTierFlag: 0,
      generalProfileIdc: 4,
      generalProfileCompatibilityFlags: 0x00000001,
      generalConstraintIndicatorFlags: hex`00 00 00 00 00 00`,
      generalLevelIdc: 120,
    },
    sampleEntry: 'hvc1',
    codec: 'hvc1.A4.80000000.L120',
  },
  {
    name: 'inner zero constraint bytes kept, trailing dropped',
    ptl: {
      generalProfileSpace: 3,
      generalTierFlag: 0,
      generalProfileIdc: 1,
      generalProfileCompatibilityFlags: 0x40000000,
      generalConstraintIndicatorFlags: hex`90 00 0c 00 00 00`,
      generalLevelIdc: 90,
    },
    sampleEntry: 'hvc1',
    codec: 'hvc1.C1.2.L90.90.0.C',
  },
];

/** An RTP packet of the golden tables (test-utils' `rtpPacket`: SSRC 0x11223344, payload type 96). */
export const rtp = (sequenceNumber: number, timestamp: number, marker: boolean, payload: Uint8Array): RtpPacket =>
  rtpPacket({ sequenceNumber, timestamp, marker, payload });

const vps = hex`40 01 0c 01 ff ff`;
const sps = hex`42 01 01 01 60 90`;
const pps = hex`44 01 c1 72`;
const idr = hex`26 01 af 06 b8 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff`;
const trail = hex`02 01 d0 08 77`;

/**
 * Access units ⇄ packets, both directions (packetizer output and depacketizer input), with
 * `mtu` the packetizer's limit (RTP header included).
 */
export const rtpCases: ReadonlyArray<{
  name: string;
  mtu: number;
  timestamp: number;
  nalUnits: Uint8Array[];
  packets: RtpPacket[];
}> = [
  {
    name: 'single nal unit packet',
    mtu: 1200,
    timestamp: 3000,
    nalUnits: [trail],
    packets: [rtp(1, 3000, true, trail)],
  },
  {
    name: 'vps+sps+pps aggregated, idr alone',
    mtu: 12 + 26,
    timestamp: 0,
    nalUnits: [vps, sps, pps, idr],
    packets: [
      rtp(
        1,
        0,
        false,
        hex`
          60 01          # payload header: AP (48), layer 0, tid 1
          00 06 40 01 0c 01 ff ff
          00 06 42 01 01 01 60 90
          00 04 44 01 c1 72
        `,
      ),
      rtp(2, 0, true, idr),
    ],
  },
  {
    name: 'idr fragmented at mtu 12 + 10',
    mtu: 12 + 10,
    timestamp: 90000,
    nalUnits: [idr],
    packets: [
      rtp(1, 90000, false, hex`62 01  93  af 06 b8 11 22 33 44   # FU, S, type 19`),
      rtp(2, 90000, false, hex`62 01  13  55 66 77 88 99 aa bb`),
      rtp(3, 90000, true, hex` 62 01  53  cc dd ee ff            # FU, E`),
    ],
  },
];

/** Decode-only: what senders do that the packetizer never does. */
export const depacketizeQuirks: ReadonlyArray<{
  name: string;
  maxDonDiff?: number;
  packets: RtpPacket[];
  accessUnits: Array<{ timestamp: number; nalUnits: Uint8Array[]; key: boolean }>;
}> = [
  {
    name: 'camera that never sets the marker bit: access units end at a timestamp change and at flush',
    packets: [rtp(7, 0, false, idr), rtp(8, 3000, false, trail), rtp(9, 6000, false, trail)],
    accessUnits: [
      { timestamp: 0, nalUnits: [idr], key: true },
      { timestamp: 3000, nalUnits: [trail], key: false },
      { timestamp: 6000, nalUnits: [trail], key: false },
    ],
  },
  {
    name: 'ffmpeg 5.1: zero byte of the next start code after the last nal unit, in a single packet and an fu',
    packets: [
      rtp(1, 0, true, hex`02 01 d0 08 77 00`),
      rtp(2, 3000, false, hex`62 01 81 d0 08`),
      rtp(3, 3000, true, hex`62 01 41 77 00`),
    ],
    accessUnits: [
      { timestamp: 0, nalUnits: [trail], key: false },
      { timestamp: 3000, nalUnits: [trail], key: false },
    ],
  },
  {
    name: 'fu with start and end bits both set',
    packets: [rtp(1, 0, true, hex`62 01 c1 d0 08 77`)],
    accessUnits: [{ timestamp: 0, nalUnits: [trail], key: false }],
  },
  {
    name: 'aggregation packet with a single unit and a zero-size unit',
    packets: [rtp(1, 0, true, hex`60 01 00 00 00 05 02 01 d0 08 77`)],
    accessUnits: [{ timestamp: 0, nalUnits: [trail], key: false }],
  },
  {
    name: 'paci packet carrying a single nal unit, phes skipped',
    packets: [rtp(1, 0, true, hex`64 01  02 20  aa bb  d0 08 77   # PACI, A=0 cType=1 PHSsize=2`)],
    accessUnits: [{ timestamp: 0, nalUnits: [trail], key: false }],
  },
  {
    name: 'paci packet carrying an fu',
    packets: [
      rtp(1, 0, false, hex`64 01  62 00  93 af 06 b8 11 22 33 44 55 66 77 88 99   # PACI cType=49, FU S`),
      rtp(2, 0, true, hex`62 01 53 aa bb cc dd ee ff`),
    ],
    accessUnits: [{ timestamp: 0, nalUnits: [idr], key: true }],
  },
  {
    name: 'sprop-max-don-diff 2: donl in single, ap and first fu; nal units put in don order',
    maxDonDiff: 2,
    packets: [
      rtp(1, 0, false, hex`60 01  00 05 00 06 40 01 0c 01 ff ff  00 00 06 42 01 01 01 60 90   # AP, DONL 5, DOND 0`),
      rtp(2, 0, false, hex`44 01 00 08 c1 72    # PPS with DONL 8 (sent late)`),
      rtp(3, 0, false, hex`62 01 93 00 07 af 06 b8 11 22 33 44 55 66 77 88 99   # FU S, DONL 7`),
      rtp(4, 0, true, hex`62 01 53 aa bb cc dd ee ff`),
    ],
    accessUnits: [{ timestamp: 0, nalUnits: [vps, sps, idr, pps], key: true }],
  },
];
