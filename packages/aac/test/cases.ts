import { hex } from '@rtspkit/bytes';
import type { AdtsHeader, AudioSpecificConfig, Mpeg4GenericParams, StreamMuxConfig } from '../src/index.js';

const GA = { frameLengthFlag: false, dependsOnCoreCoder: false, extensionFlag: false } as const;

/** AudioSpecificConfig ⇄ bytes, both ways. */
export const ascCases: ReadonlyArray<{ name: string; bytes: Uint8Array; asc: AudioSpecificConfig; codec: string }> = [
  {
    name: 'AAC-LC 48 kHz stereo (config=1190)',
    bytes: hex`11 90   # 00010 aot 2 | 0011 48 kHz | 0010 stereo | 000 GA flags`,
    asc: { objectType: 2, samplingFrequencyIndex: 3, samplingFrequency: 48000, channelConfiguration: 2, ...GA },
    codec: 'mp4a.40.2',
  },
  {
    name: 'FFmpeg aac encoder: sync extension 0x2b7 with SBR absent (config=119056E500)',
    bytes: hex`
      11 90         # AAC-LC 48 kHz stereo, GA flags 000
      56 e5 00      # 01010110111 = 0x2b7 | 00101 ext aot 5 | 0 sbrPresent | padding
    `,
    asc: {
      objectType: 2,
      samplingFrequencyIndex: 3,
      samplingFrequency: 48000,
      channelConfiguration: 2,
      ...GA,
      extensionObjectType: 5,
      sbrPresent: false,
    },
    codec: 'mp4a.40.2',
  },
  {
    name: 'HE-AAC explicit (aot 5): 24 kHz core, 48 kHz output',
    bytes: hex`2b 11 88 00   # 00101 aot 5 | 0110 24k | 0010 stereo | 0011 ext 48k | 00010 aot 2 | 000 GA`,
    asc: {
      objectType: 5,
      samplingFrequencyIndex: 6,
      samplingFrequency: 24000,
      channelConfiguration: 2,
      extensionObjectType: 5,
      sbrPresent: true,
      psPresent: false,
      extensionSamplingFrequencyIndex: 3,
      extensionSamplingFrequency: 48000,
      coreObjectType: 2,
      ...GA,
    },
    codec: 'mp4a.40.5',
  },
  {
    name: 'HE-AACv2 explicit (aot 29): 16 kHz mono core, 32 kHz output',
    bytes: hex`ec 0b 08 00   # 11101 aot 29 | 1000 16k | 0001 mono | 0110 ext 24k | 00010 aot 2 | 000`,
    asc: {
      objectType: 29,
      samplingFrequencyIndex: 8,
      samplingFrequency: 16000,
      channelConfiguration: 1,
      extensionObjectType: 5,
      sbrPresent: true,
      psPresent: true,
      extensionSamplingFrequencyIndex: 6,
      extensionSamplingFrequency: 24000,
      coreObjectType: 2,
      ...GA,
    },
    codec: 'mp4a.40.29',
  },
  {
    name: 'HE-AAC backward compatible: sync extension with SBR present',
    bytes: hex`
      13 10         # 00010 aot 2 | 0110 24k | 0010 stereo | 000
      56 e5 98      # 0x2b7 | 00101 ext aot 5 | 1 sbrPresent | 0011 ext 48k | pad
    `,
    asc: {
      objectType: 2,
      samplingFrequencyIndex: 6,
      samplingFrequency: 24000,
      channelConfiguration: 2,
      ...GA,
      extensionObjectType: 5,
      sbrPresent: true,
      extensionSamplingFrequencyIndex: 3,
      extensionSamplingFrequency: 48000,
    },
    codec: 'mp4a.40.2',
  },
  {
    name: 'HE-AACv2 backward compatible: 0x2b7 then 0x548 with PS present',
    bytes: hex`
      13 10 56 e5   # as above
      9d 48 80      # ext 48k | 10101001000 = 0x548 | 1 psPresent | pad
    `,
    asc: {
      objectType: 2,
      samplingFrequencyIndex: 6,
      samplingFrequency: 24000,
      channelConfiguration: 2,
      ...GA,
      extensionObjectType: 5,
      sbrPresent: true,
      extensionSamplingFrequencyIndex: 3,
      extensionSamplingFrequency: 48000,
      psPresent: true,
    },
    codec: 'mp4a.40.2',
  },
  {
    name: 'escaped object type 42 (31 + 6 bits), specific config not parsed',
    bytes: hex`f9 46 40   # 11111 escape | 001010 → 32+10 | 0011 48k | 0010 stereo | pad`,
    asc: { objectType: 42, samplingFrequencyIndex: 3, samplingFrequency: 48000, channelConfiguration: 2 },
    codec: 'mp4a.40.42',
  },
  {
    name: 'explicit sampling frequency 44000 Hz (index 15 + 24 bits)',
    bytes: hex`17 80 55 f0 08   # 00010 | 1111 | 0x00abe0 = 44000 | 0001 mono | 000 | pad`,
    asc: { objectType: 2, samplingFrequency: 44000, channelConfiguration: 1, ...GA },
    codec: 'mp4a.40.2',
  },
  {
    name: 'ER AAC-LD (23), 480-sample frames, epConfig 0',
    bytes: hex`b9 8c 00   # 10111 aot 23 | 0011 48k | 0001 mono | 1 frameLength | 0 | 0 | 00 epConfig`,
    asc: {
      objectType: 23,
      samplingFrequencyIndex: 3,
      samplingFrequency: 48000,
      channelConfiguration: 1,
      frameLengthFlag: true,
      dependsOnCoreCoder: false,
      extensionFlag: false,
      epConfig: 0,
    },
    codec: 'mp4a.40.23',
  },
  {
    name: 'channelConfiguration 0 with a program config element (one CPE)',
    bytes: hex`
      11 80         # aot 2 | 48k | channels 0 | GA 000
      04 c4 00 00   # PCE: tag 0, profile 1, sfi 3, 1 front, 0 side/back/lfe/assoc/cc, no mixdowns
      20 00         # front: cpe 1, tag 0 | byte align | comment_field_bytes 0
    `,
    asc: {
      objectType: 2,
      samplingFrequencyIndex: 3,
      samplingFrequency: 48000,
      channelConfiguration: 0,
      ...GA,
      programConfigElement: {
        elementInstanceTag: 0,
        objectType: 1,
        samplingFrequencyIndex: 3,
        front: [{ isCpe: true, tagSelect: 0 }],
        side: [],
        back: [],
        lfe: [],
        assocData: [],
        coupling: [],
        comment: new Uint8Array(0),
      },
    },
    codec: 'mp4a.40.2',
  },
];

/** Decode-only ASC quirks: tolerated on read, written canonically. */
export const ascDecodeOnlyCases: ReadonlyArray<{ name: string; bytes: Uint8Array; asc: AudioSpecificConfig }> = [
  {
    name: 'trailing bits that are not a sync extension are ignored',
    bytes: hex`11 90 00 00 00`,
    asc: { objectType: 2, samplingFrequencyIndex: 3, samplingFrequency: 48000, channelConfiguration: 2, ...GA },
  },
  {
    name: '48000 written explicitly (index 15) reads as table index 3, its canonical form',
    bytes: hex`17 80 5d c0 10   # 00010 | 1111 | 0x00bb80 = 48000 | 0010 | 000`,
    asc: { objectType: 2, samplingFrequencyIndex: 3, samplingFrequency: 48000, channelConfiguration: 2, ...GA },
  },
];

const LC_48K_STEREO = {
  mpegVersion: 4,
  protectionAbsent: true,
  objectType: 2,
  samplingFrequencyIndex: 3,
  privateBit: false,
  channelConfiguration: 2,
  originalCopy: false,
  home: false,
  copyrightIdentificationBit: false,
  copyrightIdentificationStart: false,
  bufferFullness: 0x7ff,
  rawDataBlocks: 1,
} as const;

/** ADTS headers ⇄ bytes. */
export const adtsCases: ReadonlyArray<{ name: string; bytes: Uint8Array; header: AdtsHeader }> = [
  {
    name: 'first frame of the sample: AAC-LC 48 kHz stereo, 294 bytes, no CRC',
    bytes: hex`
      ff f1         # syncword | ID 0 (MPEG-4) | layer 0 | protection_absent 1
      4c 80         # profile 01 (LC) | sfi 0011 | private 0 | channels 010 | 0 0 0 0 | len hi 00
      24 df fc      # frame length 294 | buffer fullness 0x7ff | 00 one raw data block
    `,
    header: { ...LC_48K_STEREO, frameLength: 294, headerLength: 7 },
  },
  {
    name: 'MPEG-2 ID, CRC present',
    bytes: hex`
      ff f8         # syncword | ID 1 (MPEG-2) | layer 0 | protection_absent 0
      50 40         # profile 01 | sfi 0100 (44.1k) | 0 | channels 001 | 0000 | 00
      20 00 00      # frame length 256 | buffer fullness 0 | 00
      ab cd         # crc_check
    `,
    header: {
      ...LC_48K_STEREO,
      mpegVersion: 2,
      protectionAbsent: false,
      samplingFrequencyIndex: 4,
      channelConfiguration: 1,
      frameLength: 256,
      bufferFullness: 0,
      crc: 0xabcd,
      headerLength: 9,
    },
  },
];

/** Payloads of RFC 3640 packets and the AUs they hold (RTP timestamp 90000 unless told). */
export const mpeg4GenericCases: ReadonlyArray<{
  name: string;
  params: Mpeg4GenericParams;
  packets: ReadonlyArray<{ payload: Uint8Array; marker: boolean }>;
  aus: ReadonlyArray<{ timestamp: number; data: Uint8Array }>;
  /** False for decode-only cases (the packetizer writes something else). */
  roundTrip: boolean;
}> = [
  {
    name: 'AAC-hbr, one AU',
    params: { sizeLength: 13, indexLength: 3, indexDeltaLength: 3 },
    packets: [
      {
        payload: hex`
          00 10         # AU-headers-length: 16 bits
          00 28         # AU-size 5 (13 bits) | AU-Index 0 (3 bits)
          21 1b 80 1c 01
        `,
        marker: true,
      },
    ],
    aus: [{ timestamp: 90000, data: hex`21 1b 80 1c 01` }],
    roundTrip: true,
  },
  {
    name: 'AAC-hbr, three AUs in one packet',
    params: { sizeLength: 13, indexLength: 3, indexDeltaLength: 3 },
    packets: [
      {
        payload: hex`
          00 30         # AU-headers-length: 48 bits
          00 10         # AU-size 2 | AU-Index 0
          00 18         # AU-size 3 | AU-Index-delta 0
          00 08         # AU-size 1 | AU-Index-delta 0
          a1 a2   b1 b2 b3   c1
        `,
        marker: true,
      },
    ],
    aus: [
      { timestamp: 90000, data: hex`a1 a2` },
      { timestamp: 91024, data: hex`b1 b2 b3` },
      { timestamp: 92048, data: hex`c1` },
    ],
    roundTrip: true,
  },
  {
    name: 'AAC-hbr, AU-Index-delta 1 leaves a one-AU gap',
    params: { sizeLength: 13, indexLength: 3, indexDeltaLength: 3 },
    packets: [
      {
        payload: hex`
          00 20         # AU-headers-length: 32 bits
          00 10         # AU-size 2 | AU-Index 0
          00 11         # AU-size 2 | AU-Index-delta 1: one AU skipped
          a1 a2   b1 b2
        `,
        marker: true,
      },
    ],
    aus: [
      { timestamp: 90000, data: hex`a1 a2` },
      { timestamp: 92048, data: hex`b1 b2` },
    ],
    roundTrip: false,
  },
  {
    name: 'AAC-hbr, one AU fragmented over two packets',
    params: { sizeLength: 13, indexLength: 3, indexDeltaLength: 3 },
    packets: [
      {
        payload: hex`
          00 10 00 50   # 16 bits of headers | AU-size 10 (the whole AU) | AU-Index 0
          01 02 03 04 05 06
        `,
        marker: false,
      },
      {
        payload: hex`
          00 10 00 50   # same AU header on the continuation
          07 08 09 0a
        `,
        marker: true,
      },
    ],
    aus: [{ timestamp: 90000, data: hex`01 02 03 04 05 06 07 08 09 0a` }],
    roundTrip: false,
  },
  {
    name: 'AAC-lbr, two AUs',
    params: { sizeLength: 6, indexLength: 2, indexDeltaLength: 2 },
    packets: [
      {
        payload: hex`
          00 10         # AU-headers-length: 16 bits
          0c            # AU-size 3 (6 bits) | AU-Index 0 (2 bits)
          08            # AU-size 2 | AU-Index-delta 0
          a1 a2 a3   b1 b2
        `,
        marker: true,
      },
    ],
    aus: [
      { timestamp: 90000, data: hex`a1 a2 a3` },
      { timestamp: 91024, data: hex`b1 b2` },
    ],
    roundTrip: true,
  },
  {
    name: 'camera quirk: ADTS frame inside mpeg4-generic, header stripped',
    params: { sizeLength: 13, indexLength: 3, indexDeltaLength: 3 },
    packets: [
      {
        payload: hex`
          00 10 00 50   # AU-size 10
          ff f1 4c 80 01 5f fc   # ADTS header, frame length 10
          c1 c2 c3
        `,
        marker: true,
      },
    ],
    aus: [{ timestamp: 90000, data: hex`c1 c2 c3` }],
    roundTrip: false,
  },
];

/** RFC 6416 payloads (one packet each unless told), RTP timestamp 90000. */
export const latmCases: ReadonlyArray<{
  name: string;
  cpresent: boolean;
  config?: Uint8Array;
  payloads: readonly Uint8Array[];
  aus: ReadonlyArray<{ timestamp: number; data: Uint8Array }>;
}> = [
  {
    name: 'cpresent=0, full StreamMuxConfig 400023203fc0',
    cpresent: false,
    config: hex`40 00 23 20 3f c0`,
    payloads: [hex`03 aa bb cc   # PayloadLengthInfo 3 | PayloadMux`],
    aus: [{ timestamp: 90000, data: hex`aa bb cc` }],
  },
  {
    name: 'GStreamer rtpmp4apay: config=40002320 stops after the ASC',
    cpresent: false,
    config: hex`40 00 23 20`,
    payloads: [hex`02 dd ee`],
    aus: [{ timestamp: 90000, data: hex`dd ee` }],
  },
  {
    name: 'PayloadLengthInfo as a run of 0xFF: 255 + 45 = 300 bytes',
    cpresent: false,
    config: hex`40 00 23 20 3f c0`,
    payloads: [new Uint8Array([0xff, 0x2d, ...new Array<number>(300).fill(0x5a)])],
    aus: [{ timestamp: 90000, data: new Uint8Array(300).fill(0x5a) }],
  },
  {
    name: 'numSubFrames 1: two AUs per AudioMuxElement',
    cpresent: false,
    config: hex`41 00 23 20 3f c0   # numSubFrames 000001`,
    payloads: [hex`01 a1   02 b1 b2`],
    aus: [
      { timestamp: 90000, data: hex`a1` },
      { timestamp: 91024, data: hex`b1 b2` },
    ],
  },
  {
    name: 'cpresent=1: StreamMuxConfig in band, then useSameStreamMux',
    cpresent: true,
    payloads: [
      hex`
        20 00 11 90   # useSameStreamMux 0 | StreamMuxConfig 400023203fc0 shifted by one bit …
        1f e0         # … | PayloadLengthInfo starts
        1d 55 de 60   # 3 → aa bb cc, shifted by five bits
      `,
      hex`81 6e f7 00   # useSameStreamMux 1 | 2 → dd ee, shifted by one bit`,
    ],
    aus: [
      { timestamp: 90000, data: hex`aa bb cc` },
      { timestamp: 91024, data: hex`dd ee` },
    ],
  },
  {
    name: 'cpresent=0, audioMuxVersion 1 config with ascLen',
    cpresent: false,
    config: hex`8f f8 00 01 01 19 01 fe 00`,
    payloads: [hex`01 77`],
    aus: [{ timestamp: 90000, data: hex`77` }],
  },
];

const LC_48K_STEREO_ASC = {
  objectType: 2,
  samplingFrequencyIndex: 3,
  samplingFrequency: 48000,
  channelConfiguration: 2,
  ...GA,
} as const;

/** StreamMuxConfig ⇄ bytes (what `config=` of an MP4A-LATM fmtp holds, as hex). */
export const streamMuxConfigCases: ReadonlyArray<{ name: string; bytes: Uint8Array; config: StreamMuxConfig }> = [
  {
    name: 'what LatmPacketizer announces for AAC-LC 48 kHz stereo (config=400023203fc0)',
    bytes: hex`
      40 00         # 0 audioMuxVersion | 1 allStreamsSameTimeFraming | 000000 numSubFrames | 0000 numProgram | 000 numLayer | ASC…
      23 20         # …ASC 0001000110010000 (1190), shifted by 15 bits
      3f c0         # 000 frameLengthType | 11111111 latmBufferFullness | 0 otherData | 0 crc | pad
    `,
    config: {
      audioMuxVersion: 0,
      allStreamsSameTimeFraming: true,
      numSubFrames: 0,
      audioSpecificConfig: LC_48K_STEREO_ASC,
      frameLengthType: 0,
      latmBufferFullness: 0xff,
    },
  },
  {
    name: 'other data (16 bits) and a CRC checksum',
    bytes: hex`
      40 00 23 20   # as above
      3f e1 0d 58   # 000 | 0xff | 1 otherDataPresent | 0 esc, 00010000 = 16 bits | 1 crcCheckPresent | 10101011 | pad
    `,
    config: {
      audioMuxVersion: 0,
      allStreamsSameTimeFraming: true,
      numSubFrames: 0,
      audioSpecificConfig: LC_48K_STEREO_ASC,
      frameLengthType: 0,
      latmBufferFullness: 0xff,
      otherDataLenBits: 16,
      crcCheckSum: 0xab,
    },
  },
  {
    name: 'version 0 with a sync extension in the ASC (SBR absent, as FFmpeg and avenc_aac signal it)',
    bytes: hex`
      40 00 23 20   # as above: ASC 1190…
      ad ca         # …01010110111 syncExtensionType 0x2b7 | 00101 extensionAudioObjectType 5 (SBR) | 0 sbrPresent…
      1f e0         # 000 frameLengthType | 11111111 latmBufferFullness | 0 otherData | 0 crc | pad
    `,
    config: {
      audioMuxVersion: 0,
      allStreamsSameTimeFraming: true,
      numSubFrames: 0,
      audioSpecificConfig: { ...LC_48K_STEREO_ASC, extensionObjectType: 5, sbrPresent: false },
      frameLengthType: 0,
      latmBufferFullness: 0xff,
    },
  },
  {
    name: 'audioMuxVersion 1: taraBufferFullness and ascLen as LatmGetValue',
    bytes: hex`
      8f f8 00 01   # 1 version | 0 versionA | 00 + 0xff tara | 1 | 000000 | 0000 | 000 | 00 + …
      01 19 01 fe   # … 0x10 = 16-bit ascLen | ASC 1190 | 000 | 0xff
      00            # 0 otherData | 0 crc | pad
    `,
    config: {
      audioMuxVersion: 1,
      taraBufferFullness: 0xff,
      allStreamsSameTimeFraming: true,
      numSubFrames: 0,
      audioSpecificConfig: LC_48K_STEREO_ASC,
      frameLengthType: 0,
      latmBufferFullness: 0xff,
    },
  },
];

const FILL_300 = new Uint8Array(300).fill(0x5a);

/**
 * AUs ⇄ MP4A-LATM packets of {@link LatmPacketizer} (cpresent=0, first AU at timestamp 90000,
 * first sequence number 0).
 */
export const latmPacketizerCases: ReadonlyArray<{
  name: string;
  mtu: number;
  aus: readonly Uint8Array[];
  packets: ReadonlyArray<{ payload: Uint8Array; marker: boolean; timestamp: number }>;
}> = [
  {
    name: 'two small AUs, one AudioMuxElement per packet',
    mtu: 1500,
    aus: [hex`aa bb cc`, hex`dd`],
    packets: [
      { payload: hex`03 aa bb cc   # PayloadLengthInfo 3 | PayloadMux`, marker: true, timestamp: 90000 },
      { payload: hex`01 dd`, marker: true, timestamp: 91024 },
    ],
  },
  {
    name: 'an empty AU is a zero PayloadLengthInfo',
    mtu: 1500,
    aus: [hex``],
    packets: [{ payload: hex`00`, marker: true, timestamp: 90000 }],
  },
  {
    name: 'a 255-byte AU needs 0xFF then 0x00',
    mtu: 1500,
    aus: [new Uint8Array(255).fill(0x11)],
    packets: [
      { payload: new Uint8Array([0xff, 0x00, ...new Array<number>(255).fill(0x11)]), marker: true, timestamp: 90000 },
    ],
  },
  {
    name: 'a 300-byte AU over a 172-byte MTU: two fragments of one timestamp, marker on the last',
    mtu: 172,
    aus: [FILL_300],
    packets: [
      { payload: new Uint8Array([0xff, 0x2d, ...FILL_300.subarray(0, 158)]), marker: false, timestamp: 90000 },
      { payload: FILL_300.subarray(158), marker: true, timestamp: 90000 },
    ],
  },
];

/** Whole protected ADTS frames of `serializeAdtsFrame({ asc, protect: true }, payload)`. */
export const adtsCrcCases: ReadonlyArray<{
  name: string;
  asc: AudioSpecificConfig;
  payload: Uint8Array;
  frame: Uint8Array;
}> = [
  {
    name: 'AAC-LC 48 kHz mono, 5-byte payload: CRC over 56 header bits, then 192 bits from bit 3, zero padded',
    asc: { ...LC_48K_STEREO_ASC, channelConfiguration: 1 },
    payload: hex`01 1b 80 1c 01`,
    frame: hex`
        ff f0         # syncword | ID 0 | layer 0 | protection_absent 0
        4c 40 01 df fc   # LC | 48 kHz | mono | frame length 14 | VBR | one raw data block
        75 98         # crc_check
        01 1b 80 1c 01   # id_syn_ele 0 (single channel element) ...
      `,
  },
  {
    name: 'AAC-LC 48 kHz mono, 30-byte payload: the CRC stops 192 bits after id_syn_ele',
    asc: { ...LC_48K_STEREO_ASC, channelConfiguration: 1 },
    payload: Uint8Array.from({ length: 30 }, (_, i) => (i * 7) & 0xff),
    frame: hex`
        ff f0 4c 40 04 ff fc   # mono | frame length 39
        79 af                  # crc_check
        00 07 0e 15 1c 23 2a 31 38 3f 46 4d 54 5b 62 69 70 77 7e 85 8c 93 9a a1 a8 af b6 bd c4 cb
      `,
  },
];
