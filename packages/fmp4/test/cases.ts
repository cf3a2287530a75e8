import { hex, toHex } from '@rtspkit/bytes';
import type { AudioTrack, MediaSegmentInput, Track, VideoTrack } from '../src/index.js';

/** avcC built by hand from the baseline sample's SPS (25 bytes) and PPS (4 bytes). */
export const avcC = hex`
  01 42 c0 1e   # configurationVersion 1, profile 66, constraints c0, level 30
  ff e1         # lengthSizeMinusOne 3, one SPS
  00 19 67 42 c0 1e da 02 80 bf e5 c0 44 00 00 03 00 04 00 00 03 00 f0 3c 58 ba 80
  01 00 04 68 ce 3c 80   # one PPS
`;

/** hvcC header with no parameter-set arrays: Main profile, level 3.0, 4-byte lengths. */
export const hvcC = hex`
  01 01 60 00 00 00   # version 1, general_profile_idc 1, compatibility flags
  90 00 00 00 00 00   # constraint flags
  5a f0 00 fc fd f8 f8 00 00 0f 00   # level 90, …, lengthSizeMinusOne 3, numOfArrays 0
`;

/** AudioSpecificConfig: AAC-LC (2), 48 kHz (index 3), 2 channels. */
export const asc = hex`11 90`;

export const avcTrack: VideoTrack = {
  id: 1,
  kind: 'video',
  codec: 'avc1',
  timescale: 90000,
  width: 640,
  height: 360,
  config: avcC,
};
export const hvcTrack: VideoTrack = { ...avcTrack, codec: 'hvc1', config: hvcC };
/** `hev1` with a 4:3 sample aspect ratio: needs `pasp`, and a wider `tkhd`. */
export const hevTrack: VideoTrack = { ...avcTrack, codec: 'hev1', config: hvcC, sarWidth: 4, sarHeight: 3 };
export const aacTrack: AudioTrack = {
  id: 2,
  kind: 'audio',
  codec: 'mp4a',
  timescale: 48000,
  sampleRate: 48000,
  channels: 2,
  config: asc,
};

export const ftypGolden = hex`
  00 00 00 1c 66 74 79 70   # ftyp, 28 bytes
  69 73 6f 35 00 00 02 00   # major brand iso5, minor version 512
  69 73 6f 35 69 73 6f 36 6d 70 34 31   # compatible: iso5 iso6 mp41
`;

export const mvhdGolden = hex`
  00 00 00 6c 6d 76 68 64   # mvhd, 108 bytes
  00 00 00 00               # version 0, flags 0
  00 00 00 00 00 00 00 00   # creation, modification time
  00 00 03 e8 00 00 00 00   # timescale 1000, duration 0 (live)
  00 01 00 00 01 00 00 00   # rate 1.0, volume 1.0, reserved
  00 00 00 00 00 00 00 00
  00 01 00 00 00 00 00 00 00 00 00 00   # unity matrix
  00 00 00 00 00 01 00 00 00 00 00 00
  00 00 00 00 00 00 00 00 40 00 00 00
  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   # pre_defined
  00 00 00 02               # next_track_ID
`;

export const trexGolden = hex`
  00 00 00 20 74 72 65 78   # trex, 32 bytes
  00 00 00 00 00 00 00 01   # version 0, track_ID 1
  00 00 00 01               # default_sample_description_index 1
  00 00 00 00 00 00 00 00 00 00 00 00   # default duration, size, flags: 0 (each trun has them)
`;

/** The whole init segment for {@link avcTrack}. */
export const avcInitGolden = hex`
  ${toHex(ftypGolden)}
  00 00 02 77 6d 6f 6f 76   # moov, 631 bytes
  ${toHex(mvhdGolden)}
  00 00 01 db 74 72 61 6b   # trak
  00 00 00 5c 74 6b 68 64   # tkhd, 92 bytes
  00 00 00 03               # version 0, flags enabled|in_movie
  00 00 00 00 00 00 00 00 00 00 00 01 00 00 00 00   # times, track_ID 1, reserved
  00 00 00 00 00 00 00 00 00 00 00 00   # duration 0, reserved
  00 00 00 00 00 00 00 00   # layer, alternate_group, volume 0, reserved
  00 01 00 00 00 00 00 00 00 00 00 00   # unity matrix
  00 00 00 00 00 01 00 00 00 00 00 00
  00 00 00 00 00 00 00 00 40 00 00 00
  02 80 00 00 01 68 00 00   # width 640.0, height 360.0
  00 00 01 77 6d 64 69 61   # mdia
  00 00 00 20 6d 64 68 64   # mdhd
  00 00 00 00 00 00 00 00 00 00 00 00
  00 01 5f 90 00 00 00 00   # timescale 90000, duration 0
  55 c4 00 00               # language und
  00 00 00 2d 68 64 6c 72   # hdlr
  00 00 00 00 00 00 00 00 76 69 64 65   # handler vide
  00 00 00 00 00 00 00 00 00 00 00 00
  56 69 64 65 6f 48 61 6e 64 6c 65 72 00   # "VideoHandler"
  00 00 01 22 6d 69 6e 66   # minf
  00 00 00 14 76 6d 68 64 00 00 00 01 00 00 00 00 00 00 00 00   # vmhd, flags 1
  00 00 00 24 64 69 6e 66   # dinf
  00 00 00 1c 64 72 65 66 00 00 00 00 00 00 00 01   # dref, 1 entry
  00 00 00 0c 75 72 6c 20 00 00 00 01   # url, self-contained
  00 00 00 e2 73 74 62 6c   # stbl
  00 00 00 96 73 74 73 64 00 00 00 00 00 00 00 01   # stsd, 1 entry
  00 00 00 86 61 76 63 31   # avc1
  00 00 00 00 00 00 00 01   # reserved, data_reference_index 1
  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
  02 80 01 68               # 640 x 360
  00 48 00 00 00 48 00 00   # 72 dpi
  00 00 00 00 00 01         # reserved, frame_count 1
  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   # compressorname
  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
  00 18 ff ff               # depth 24, pre_defined -1
  00 00 00 30 61 76 63 43 ${toHex(avcC)}
  00 00 00 10 73 74 74 73 00 00 00 00 00 00 00 00   # stts, empty
  00 00 00 10 73 74 73 63 00 00 00 00 00 00 00 00   # stsc, empty
  00 00 00 14 73 74 73 7a 00 00 00 00 00 00 00 00 00 00 00 00   # stsz, empty
  00 00 00 10 73 74 63 6f 00 00 00 00 00 00 00 00   # stco, empty
  00 00 00 28 6d 76 65 78   # mvex
  ${toHex(trexGolden)}
`;

/** The `esds` of {@link aacTrack}. */
export const esdsGolden = hex`
  00 00 00 27 65 73 64 73 00 00 00 00   # esds, 39 bytes, version 0
  03 19 00 02 00            # ES_Descriptor, 25 bytes, ES_ID 2, flags 0
  04 11 40 15               # DecoderConfigDescriptor, 17 bytes, MPEG-4 Audio, audio stream
  00 00 00 00 00 00 00 00 00 00 00   # bufferSizeDB, maxBitrate, avgBitrate
  05 02 11 90               # DecoderSpecificInfo: the AudioSpecificConfig
  06 01 02                  # SLConfigDescriptor, predefined 2
`;

/** Media segments: input ⇄ bytes (the sample payloads follow the header chunk). */
export const mediaSegmentCases: ReadonlyArray<{ name: string; input: MediaSegmentInput; bytes: Uint8Array }> = [
  {
    name: 'one video track, key frame then a B-frame with a negative offset',
    input: {
      sequenceNumber: 7,
      tracks: [
        {
          trackId: 1,
          baseDecodeTime: 0x1_0000_0bb8,
          samples: [
            { duration: 3000, flags: 0x02000000, compositionOffset: 6000, data: hex`00 00 00 01 65` },
            { duration: 3000, flags: 0x01010000, compositionOffset: -3000, data: hex`00 00 00 01 01` },
          ],
        },
      ],
    },
    bytes: hex`
      00 00 00 78 6d 6f 6f 66   # moof, 120 bytes
      00 00 00 10 6d 66 68 64 00 00 00 00 00 00 00 07   # mfhd, sequence 7
      00 00 00 60 74 72 61 66   # traf
      00 00 00 10 74 66 68 64 00 02 00 00 00 00 00 01   # tfhd, default-base-is-moof, track 1
      00 00 00 14 74 66 64 74 01 00 00 00   # tfdt version 1
      00 00 00 01 00 00 0b b8               # baseMediaDecodeTime 2^32 + 3000
      00 00 00 34 74 72 75 6e 01 00 0f 01   # trun version 1, data offset + 4 per-sample fields
      00 00 00 02 00 00 00 80               # 2 samples, data at moof + 128
      00 00 0b b8 00 00 00 05 02 00 00 00 00 00 17 70   # 3000, 5 bytes, sync, +6000
      00 00 0b b8 00 00 00 05 01 01 00 00 ff ff f4 48   # 3000, 5 bytes, non-sync, -3000
      00 00 00 12 6d 64 61 74   # mdat, 18 bytes
      00 00 00 01 65 00 00 00 01 01
    `,
  },
  {
    name: 'video and audio tracks in one fragment',
    input: {
      sequenceNumber: 1,
      tracks: [
        {
          trackId: 1,
          baseDecodeTime: 0,
          samples: [{ duration: 3000, flags: 0x02000000, compositionOffset: 0, data: hex`aa` }],
        },
        {
          trackId: 2,
          baseDecodeTime: 1024,
          samples: [{ duration: 1024, flags: 0x02000000, compositionOffset: 0, data: hex`bb cc` }],
        },
      ],
    },
    bytes: hex`
      00 00 00 b8 6d 6f 6f 66   # moof, 184 bytes
      00 00 00 10 6d 66 68 64 00 00 00 00 00 00 00 01
      00 00 00 50 74 72 61 66
      00 00 00 10 74 66 68 64 00 02 00 00 00 00 00 01
      00 00 00 14 74 66 64 74 01 00 00 00 00 00 00 00 00 00 00 00
      00 00 00 24 74 72 75 6e 01 00 0f 01 00 00 00 01 00 00 00 c0   # data at moof + 192
      00 00 0b b8 00 00 00 01 02 00 00 00 00 00 00 00
      00 00 00 50 74 72 61 66
      00 00 00 10 74 66 68 64 00 02 00 00 00 00 00 02
      00 00 00 14 74 66 64 74 01 00 00 00 00 00 00 00 00 00 04 00
      00 00 00 24 74 72 75 6e 01 00 0f 01 00 00 00 01 00 00 00 c1   # after the video sample
      00 00 04 00 00 00 00 02 02 00 00 00 00 00 00 00
      00 00 00 0b 6d 64 61 74 aa bb cc
    `,
  },
];

/** Every codec's track, for properties that run over all of them. */
export const allTracks: readonly Track[] = [avcTrack, hvcTrack, hevTrack, aacTrack];

/** Decode-only: layouts other writers use that `inspectBoxes` reads (we never write them). */
export const inspectOnlyCases: ReadonlyArray<{ name: string; bytes: Uint8Array; types: string[]; check?: string }> = [
  {
    name: 'mdat with size 0 runs to the end of the input (live writers that cannot seek)',
    bytes: hex`00 00 00 08 66 72 65 65   00 00 00 00 6d 64 61 74 01 02 03`,
    types: ['free', 'mdat'],
  },
  {
    name: 'mdat with a 64-bit largesize',
    bytes: hex`00 00 00 01 6d 64 61 74 00 00 00 00 00 00 00 12 aa bb`,
    types: ['mdat'],
  },
  {
    name: 'uuid box with its 16-byte extended type',
    bytes: hex`00 00 00 1a 75 75 69 64 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff 01 02`,
    types: ['uuid'],
  },
  {
    name: 'esds with 4-byte padded descriptor lengths (80 80 80 nn, as QuickTime and older FFmpeg write)',
    bytes: hex`
      00 00 00 33 65 73 64 73 00 00 00 00
      03 80 80 80 22 00 01 00
      04 80 80 80 14 40 15 00 00 00 00 01 f4 00 00 01 f4 00
      05 80 80 80 02 12 10
      06 80 80 80 01 02
    `,
    types: ['esds'],
    check: 'esds',
  },
  {
    name: 'trun version 0 (unsigned composition offsets), tfdt version 0, tfhd with defaults',
    bytes: hex`
      00 00 00 50 74 72 61 66
      00 00 00 18 74 66 68 64 00 00 00 28 00 00 00 01 00 00 0b b8 01 01 00 00   # default duration, flags
      00 00 00 10 74 66 64 74 00 00 00 00 00 00 75 30                           # version 0: 30000
      00 00 00 20 74 72 75 6e 00 00 02 05 00 00 00 02 00 00 00 58 02 00 00 00   # sizes, first-sample-flags
      00 00 00 10 00 00 00 20
    `,
    types: ['traf'],
    check: 'traf',
  },
];

/** Malformed boxes: the error code and the offset it must report. */
export const inspectErrorCases: ReadonlyArray<{ name: string; bytes: Uint8Array; code: string; offset: number }> = [
  { name: 'size below the header', bytes: hex`00 00 00 04 66 72 65 65`, code: 'ERR_FMP4_BOX_TOO_SMALL', offset: 0 },
  {
    name: 'second box overruns the input',
    bytes: hex`00 00 00 08 66 72 65 65  00 00 00 40 6d 64 61 74 00`,
    code: 'ERR_FMP4_BOX_OVERRUN',
    offset: 8,
  },
  { name: 'truncated header', bytes: hex`00 00 00`, code: 'ERR_FMP4_TRUNCATED', offset: 0 },
  {
    name: 'child overruns its parent',
    bytes: hex`00 00 00 10 6d 6f 6f 66  00 00 00 10 6d 66 68 64`,
    code: 'ERR_FMP4_BOX_OVERRUN',
    offset: 8,
  },
  {
    name: 'trun claims more samples than its bytes hold',
    bytes: hex`00 00 00 18 74 72 75 6e 01 00 0f 01 ff ff ff ff 00 00 00 00 00 00 00 00`,
    code: 'ERR_FMP4_TRUNCATED',
    offset: 20,
  },
];
