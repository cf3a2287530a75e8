import { hex } from '@rtspkit/bytes';
import type { HeaderExtensionElement, RtcpPacket, RtpPacket } from '../src/index.js';

const NO_CSRCS: readonly number[] = [];

/** An RTP packet case: golden bytes ⇄ value. `decodeOnly` cases are tolerated on read only. */
export type RtpCase = {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly packet: RtpPacket;
  /** What serializing `packet` gives, when it differs from `bytes` (tolerant read). */
  readonly canonical?: Uint8Array;
};

export const rtpCases: readonly RtpCase[] = [
  {
    name: 'minimal, marker, PT 96',
    bytes: hex`
      80 e0 00 01   # V=2 P=0 X=0 CC=0 | M=1 PT=96 | seq 1
      00 00 0b b8   # timestamp 3000
      de ad be ef   # ssrc
      65 88 84 00   # payload
    `,
    packet: {
      marker: true,
      payloadType: 96,
      sequenceNumber: 1,
      timestamp: 3000,
      ssrc: 0xdeadbeef,
      csrcs: NO_CSRCS,
      payload: hex`65 88 84 00`,
      paddingLength: 0,
    },
  },
  {
    name: 'empty payload, PT 0',
    bytes: hex`
      80 00 12 34   # M=0 PT=0 seq 0x1234
      00 00 00 00   # timestamp 0
      00 00 00 01   # ssrc 1
    `,
    packet: {
      marker: false,
      payloadType: 0,
      sequenceNumber: 0x1234,
      timestamp: 0,
      ssrc: 1,
      csrcs: NO_CSRCS,
      payload: hex``,
      paddingLength: 0,
    },
  },
  {
    name: 'max values',
    bytes: hex`
      80 ff ff ff   # M=1 PT=127 seq 65535
      ff ff ff ff   # timestamp 2^32-1
      ff ff ff ff   # ssrc 2^32-1
      aa
    `,
    packet: {
      marker: true,
      payloadType: 127,
      sequenceNumber: 65535,
      timestamp: 0xffffffff,
      ssrc: 0xffffffff,
      csrcs: NO_CSRCS,
      payload: hex`aa`,
      paddingLength: 0,
    },
  },
  {
    name: 'two CSRCs',
    bytes: hex`
      82 08 00 07   # CC=2 | PT=8 | seq 7
      00 01 00 00   # timestamp 65536
      11 22 33 44   # ssrc
      00 00 00 0a   # csrc 10
      80 00 00 00   # csrc 2^31
      d5 d5
    `,
    packet: {
      marker: false,
      payloadType: 8,
      sequenceNumber: 7,
      timestamp: 65536,
      ssrc: 0x11223344,
      csrcs: [10, 0x80000000],
      payload: hex`d5 d5`,
      paddingLength: 0,
    },
  },
  {
    name: 'fifteen CSRCs (CC max)',
    bytes: hex`
      8f 60 00 02   # CC=15
      00 00 00 01
      00 00 00 02
      00000001 00000002 00000003 00000004 00000005 00000006 00000007 00000008
      00000009 0000000a 0000000b 0000000c 0000000d 0000000e 0000000f
      ff
    `,
    packet: {
      marker: false,
      payloadType: 96,
      sequenceNumber: 2,
      timestamp: 1,
      ssrc: 2,
      csrcs: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
      payload: hex`ff`,
      paddingLength: 0,
    },
  },
  {
    name: 'padding of 4 (P bit, last byte count)',
    bytes: hex`
      a0 60 00 03   # P=1
      00 00 00 00
      00 00 00 05
      01 02 03      # payload
      00 00 00 04   # padding, count 4
    `,
    packet: {
      marker: false,
      payloadType: 96,
      sequenceNumber: 3,
      timestamp: 0,
      ssrc: 5,
      csrcs: NO_CSRCS,
      payload: hex`01 02 03`,
      paddingLength: 4,
    },
  },
  {
    name: 'padding only, empty payload',
    bytes: hex`
      a0 60 00 04   # P=1
      00 00 00 00
      00 00 00 05
      00 02         # padding, count 2
    `,
    packet: {
      marker: false,
      payloadType: 96,
      sequenceNumber: 4,
      timestamp: 0,
      ssrc: 5,
      csrcs: NO_CSRCS,
      payload: hex``,
      paddingLength: 2,
    },
  },
  {
    name: 'one-byte header extension (0xBEDE): abs-send-time and audio level',
    bytes: hex`
      90 6f 00 09   # X=1 | PT=111 | seq 9
      00 00 03 c0   # timestamp 960
      00 00 00 2a   # ssrc 42
      be de 00 02   # profile 0xBEDE, 2 words
      32 12 34 56   # id 3 len 3: abs-send-time 0x123456
      10 ff 00 00   # id 1 len 1: audio level 0xff, then 2 padding bytes
      fc fd         # payload
    `,
    packet: {
      marker: false,
      payloadType: 111,
      sequenceNumber: 9,
      timestamp: 960,
      ssrc: 42,
      csrcs: NO_CSRCS,
      extension: { profile: 0xbede, data: hex`32 12 34 56 10 ff 00 00` },
      payload: hex`fc fd`,
      paddingLength: 0,
    },
  },
  {
    name: 'two-byte header extension (0x1000) with CSRC, marker and padding',
    bytes: hex`
      b1 e0 ff fe   # P=1 X=1 CC=1 | M=1 PT=96 | seq 65534
      12 34 56 78   # timestamp
      00 00 00 63   # ssrc 99
      00 00 00 64   # csrc 100
      10 00 00 02   # profile 0x1000, 2 words
      05 00 ee 03   # id 5 len 0; id 238 len 3...
      61 62 63 00   # ...'abc', 1 padding byte
      01            # payload
      00 00 03      # padding, count 3
    `,
    packet: {
      marker: true,
      payloadType: 96,
      sequenceNumber: 65534,
      timestamp: 0x12345678,
      ssrc: 99,
      csrcs: [100],
      extension: { profile: 0x1000, data: hex`05 00 ee 03 61 62 63 00` },
      payload: hex`01`,
      paddingLength: 3,
    },
  },
  {
    name: 'extension with zero data words',
    bytes: hex`
      90 60 00 0a
      00 00 00 00
      00 00 00 01
      ab cd 00 00   # profile 0xABCD, 0 words
      99
    `,
    packet: {
      marker: false,
      payloadType: 96,
      sequenceNumber: 10,
      timestamp: 0,
      ssrc: 1,
      csrcs: NO_CSRCS,
      extension: { profile: 0xabcd, data: hex`` },
      payload: hex`99`,
      paddingLength: 0,
    },
  },
  {
    // Read tolerantly: RFC 3550 §5.1 only defines the last padding byte; senders that put
    // garbage before it are accepted, and we write zeros back.
    name: 'decode only: non-zero padding bytes',
    bytes: hex`
      a0 60 00 0b
      00 00 00 00
      00 00 00 01
      77
      ff ee 03      # padding bytes ff ee, count 3
    `,
    canonical: hex`
      a0 60 00 0b
      00 00 00 00
      00 00 00 01
      77
      00 00 03
    `,
    packet: {
      marker: false,
      payloadType: 96,
      sequenceNumber: 11,
      timestamp: 0,
      ssrc: 1,
      csrcs: NO_CSRCS,
      payload: hex`77`,
      paddingLength: 3,
    },
  },
];

/** Packets every reader must refuse, with the error code and offset. */
export const rtpErrorCases: ReadonlyArray<{ name: string; bytes: Uint8Array; code: string; offset: number }> = [
  { name: 'empty', bytes: hex``, code: 'ERR_RTP_TRUNCATED', offset: 0 },
  { name: 'short header', bytes: hex`80 60 00 01 00 00 00 00 00 00 00`, code: 'ERR_RTP_TRUNCATED', offset: 0 },
  { name: 'version 1', bytes: hex`40 60 00 01 00 00 00 00 00 00 00 00`, code: 'ERR_RTP_BAD_VERSION', offset: 0 },
  {
    name: 'version 0 (STUN-like)',
    bytes: hex`00 01 00 00 21 12 a4 42 00 00 00 00`,
    code: 'ERR_RTP_BAD_VERSION',
    offset: 0,
  },
  {
    name: 'csrc list past the end',
    bytes: hex`83 60 00 01 00 00 00 00 00 00 00 00 00 00 00 01`,
    code: 'ERR_RTP_TRUNCATED',
    offset: 12,
  },
  {
    name: 'extension header past the end',
    bytes: hex`90 60 00 01 00 00 00 00 00 00 00 00 be de`,
    code: 'ERR_RTP_TRUNCATED',
    offset: 12,
  },
  {
    name: 'extension data past the end',
    bytes: hex`90 60 00 01 00 00 00 00 00 00 00 00 be de 00 02 10 ff 00 00`,
    code: 'ERR_RTP_TRUNCATED',
    offset: 12,
  },
  {
    name: 'padding count zero',
    bytes: hex`a0 60 00 01 00 00 00 00 00 00 00 00 01 00`,
    code: 'ERR_RTP_BAD_PADDING',
    offset: 13,
  },
  {
    name: 'padding count larger than the body',
    bytes: hex`a0 60 00 01 00 00 00 00 00 00 00 00 01 03`,
    code: 'ERR_RTP_BAD_PADDING',
    offset: 13,
  },
  {
    name: 'padding bit with no byte after the header',
    bytes: hex`a0 60 00 01 00 00 00 00 00 00 00 00`,
    code: 'ERR_RTP_BAD_PADDING',
    offset: 11,
  },
];

/** RFC 8285 extensions ⇄ elements. */
export const extensionCases: ReadonlyArray<{
  name: string;
  profile: number;
  data: Uint8Array;
  elements: HeaderExtensionElement[];
  /** Tolerated input that serializes differently (padding between elements, ID 15). */
  decodeOnly?: boolean;
}> = [
  {
    name: 'one-byte: two elements and padding',
    profile: 0xbede,
    data: hex`32 12 34 56   10 ff 00 00`,
    elements: [
      { id: 3, data: hex`12 34 56` },
      { id: 1, data: hex`ff` },
    ],
  },
  {
    name: 'one-byte: 16-byte element (L=15)',
    profile: 0xbede,
    data: hex`ef 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 00 00 00`,
    elements: [{ id: 14, data: hex`00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f` }],
  },
  {
    name: 'two-byte: empty element and 3-byte element',
    profile: 0x1000,
    data: hex`05 00 ee 03 61 62 63 00`,
    elements: [
      { id: 5, data: hex`` },
      { id: 238, data: hex`61 62 63` },
    ],
  },
  { name: 'one-byte: no elements', profile: 0xbede, data: hex``, elements: [] },
  {
    name: 'decode only: one-byte padding between elements (libwebrtc aligns some elements)',
    profile: 0xbede,
    data: hex`10 aa 00 00   20 bb 00 00`,
    elements: [
      { id: 1, data: hex`aa` },
      { id: 2, data: hex`bb` },
    ],
    decodeOnly: true,
  },
  {
    name: 'decode only: one-byte ID 15 stops parsing (RFC 8285 §4.2)',
    profile: 0xbede,
    data: hex`10 aa f0 01`,
    elements: [{ id: 1, data: hex`aa` }],
    decodeOnly: true,
  },
  {
    name: 'decode only: two-byte with app bits 0x1003 and padding between elements',
    profile: 0x1003,
    data: hex`01 01 aa 00   02 01 bb 00`,
    elements: [
      { id: 1, data: hex`aa` },
      { id: 2, data: hex`bb` },
    ],
    decodeOnly: true,
  },
];

/** An RTCP compound case: golden bytes ⇄ packets. */
export type RtcpCase = {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly packets: readonly RtcpPacket[];
  /**
   * Tolerated on read only (needs `{ tolerant: true }`); the strict reader refuses it with
   * this code. `canonical` is what we write back.
   */
  readonly tolerantOnly?: string;
  readonly canonical?: Uint8Array;
};

export const rtcpCases: readonly RtcpCase[] = [
  {
    name: 'ffmpeg 5.1 -f rtp: lone SR before the first RTP packet',
    bytes: hex`
      80 c8 00 06   # V=2 RC=0 | PT=SR | length 6 words
      06 bb 37 f2   # ssrc
      ee ab b5 22   # ntp seconds
      da 1c ac 08   # ntp fraction
      b0 35 4d f0   # rtp timestamp
      00 00 00 00   # packet count 0
      00 00 00 00   # octet count 0
    `,
    packets: [
      {
        type: 'sr',
        ssrc: 0x06bb37f2,
        ntpTimestamp: 0xeeabb522da1cac08n,
        rtpTimestamp: 0xb0354df0,
        packetCount: 0,
        octetCount: 0,
        reports: [],
      },
    ],
  },
  {
    name: 'GStreamer rtpbin: SR + SDES (CNAME, TOOL)',
    bytes: hex`
      80 c8 00 06   # SR, 6 words
      95 71 6f f1   # ssrc
      ee ab b5 29 47 8b 47 c7   # ntp
      fc 04 74 e2   # rtp timestamp
      00 00 00 bd   # packet count 189
      00 02 94 d6   # octet count 169174
      81 ca 00 0c   # V=2 SC=1 | PT=SDES | 12 words
      95 71 6f f1   # chunk ssrc
      01 1c         # CNAME, 28 bytes
      75 73 65 72 34 30 33 35 37 34 36 35 39 36 40 68 6f 73 74 2d 63 36 63 30 39 31 64 32
      06 09         # TOOL, 9 bytes
      47 53 74 72 65 61 6d 65 72
      00 00 00      # null item, pad to the word
    `,
    packets: [
      {
        type: 'sr',
        ssrc: 0x95716ff1,
        ntpTimestamp: 0xeeabb529478b47c7n,
        rtpTimestamp: 0xfc0474e2,
        packetCount: 189,
        octetCount: 169174,
        reports: [],
      },
      {
        type: 'sdes',
        chunks: [
          {
            ssrc: 0x95716ff1,
            items: [
              { type: 1, text: 'user4035746596@host-c6c091d2' },
              { type: 6, text: 'GStreamer' },
            ],
          },
        ],
      },
    ],
  },
  {
    name: 'RR with 2 report blocks (one with negative cumulative loss) + SDES CNAME',
    bytes: hex`
      82 c9 00 0d   # V=2 RC=2 | PT=RR | 13 words
      00 00 00 01   # reporter ssrc
      00 00 00 0a   # block 1: source 10
      40 00 00 05   # fraction 64/256, cumulative lost 5
      00 01 00 20   # extended highest seq: 1 cycle, seq 32
      00 00 01 2c   # jitter 300
      b5 22 da 1c   # lsr
      00 01 80 00   # dlsr 1.5 s
      00 00 00 0b   # block 2: source 11
      00 ff ff fe   # fraction 0, cumulative lost -2 (duplicates)
      00 00 ff ff   # extended highest seq 65535
      00 00 00 00   # jitter 0
      00 00 00 00   # lsr none
      00 00 00 00   # dlsr none
      81 ca 00 02   # SDES, 1 chunk, 2 words
      00 00 00 01   # chunk ssrc
      01 01 61 00   # CNAME "a", null item
    `,
    packets: [
      {
        type: 'rr',
        ssrc: 1,
        reports: [
          {
            ssrc: 10,
            fractionLost: 64,
            cumulativeLost: 5,
            highestSequence: 0x10020,
            jitter: 300,
            lastSr: 0xb522da1c,
            delaySinceLastSr: 0x18000,
          },
          {
            ssrc: 11,
            fractionLost: 0,
            cumulativeLost: -2,
            highestSequence: 65535,
            jitter: 0,
            lastSr: 0,
            delaySinceLastSr: 0,
          },
        ],
      },
      { type: 'sdes', chunks: [{ ssrc: 1, items: [{ type: 1, text: 'a' }] }] },
    ],
  },
  {
    name: 'RR + BYE with reason',
    bytes: hex`
      80 c9 00 01   # RR, no blocks
      00 00 00 07
      81 cb 00 03   # V=2 SC=1 | PT=BYE | 3 words
      00 00 00 07   # ssrc
      07 74 65 61   # reason, 7 bytes: "tea"
      72 64 6f 77   # "rdow"
    `,
    packets: [
      { type: 'rr', ssrc: 7, reports: [] },
      { type: 'bye', ssrcs: [7], reason: 'teardow' },
    ],
  },
  {
    name: 'SR + BYE with two sources and a padded reason',
    bytes: hex`
      80 c8 00 06
      00 00 00 07
      00 00 00 00 00 00 00 00   # ntp 0
      00 00 00 00 00 00 00 00 00 00 00 00
      82 cb 00 04   # SC=2 | BYE | 4 words
      00 00 00 07
      00 00 00 08
      04 62 79 65   # reason, 4 bytes "bye"...
      21 00 00 00   # ..."!", pad to the word
    `,
    packets: [
      { type: 'sr', ssrc: 7, ntpTimestamp: 0n, rtpTimestamp: 0, packetCount: 0, octetCount: 0, reports: [] },
      { type: 'bye', ssrcs: [7, 8], reason: 'bye!' },
    ],
  },
  {
    name: 'RR + APP (subtype 3, name "RSKT") + unknown PT 210, padded last',
    bytes: hex`
      80 c9 00 01   # RR
      00 00 00 07
      83 cc 00 03   # V=2 subtype 3 | PT=APP | 3 words
      00 00 00 07   # ssrc
      52 53 4b 54   # "RSKT"
      de ad be ef   # data
      a5 d2 00 02   # V=2 P=1 count 5 | PT=210 | 2 words
      01 02 03 04   # body
      00 00 00 04   # padding, count 4
    `,
    packets: [
      { type: 'rr', ssrc: 7, reports: [] },
      { type: 'app', subtype: 3, ssrc: 7, name: 'RSKT', data: hex`de ad be ef` },
      { type: 'unknown', packetType: 210, count: 5, body: hex`01 02 03 04`, paddingLength: 4 },
    ],
  },
  {
    name: 'SR with a report block and a profile-specific extension',
    bytes: hex`
      81 c8 00 0d   # RC=1 | SR | 13 words
      00 00 00 01
      ff ff ff ff ff ff ff ff   # ntp max
      ff ff ff ff   # rtp timestamp max
      ff ff ff ff   # packet count max
      ff ff ff ff   # octet count max
      00 00 00 02   # block: source 2
      ff 7f ff ff   # fraction 255, cumulative lost 2^23-1
      ff ff ff ff
      ff ff ff ff
      ff ff ff ff
      ff ff ff ff
      ca fe ba be   # profile extension
    `,
    packets: [
      {
        type: 'sr',
        ssrc: 1,
        ntpTimestamp: 0xffffffffffffffffn,
        rtpTimestamp: 0xffffffff,
        packetCount: 0xffffffff,
        octetCount: 0xffffffff,
        reports: [
          {
            ssrc: 2,
            fractionLost: 255,
            cumulativeLost: 0x7fffff,
            highestSequence: 0xffffffff,
            jitter: 0xffffffff,
            lastSr: 0xffffffff,
            delaySinceLastSr: 0xffffffff,
          },
        ],
        extension: hex`ca fe ba be`,
      },
    ],
  },
  {
    name: 'SDES with an empty chunk (four null octets) and two chunks',
    bytes: hex`
      80 c9 00 01
      00 00 00 01
      82 ca 00 04   # SC=2 | SDES | 4 words
      00 00 00 01   # chunk 1 ssrc
      00 00 00 00   # no items: null item + 3 pad
      00 00 00 02   # chunk 2 ssrc
      02 01 62 00   # NAME "b", null item
    `,
    packets: [
      { type: 'rr', ssrc: 1, reports: [] },
      {
        type: 'sdes',
        chunks: [
          { ssrc: 1, items: [] },
          { ssrc: 2, items: [{ type: 2, text: 'b' }] },
        ],
      },
    ],
  },
  {
    name: 'tolerated: reduced-size RTCP (RFC 5506) as Chromium sends with a=rtcp-rsize: lone PLI',
    bytes: hex`
      81 ce 00 02   # FMT=1 (PLI) | PT=206 PSFB | 2 words
      00 00 00 01   # sender ssrc
      00 00 00 02   # media ssrc
    `,
    packets: [{ type: 'unknown', packetType: 206, count: 1, body: hex`00 00 00 01 00 00 00 02` }],
    tolerantOnly: 'ERR_RTP_RTCP_FIRST_NOT_REPORT',
  },
  {
    name: 'tolerated: lone BYE without a report first',
    bytes: hex`
      81 cb 00 01
      12 34 56 78
    `,
    packets: [{ type: 'bye', ssrcs: [0x12345678] }],
    tolerantOnly: 'ERR_RTP_RTCP_FIRST_NOT_REPORT',
  },
  {
    name: 'tolerated: padding on a packet that is not the last',
    bytes: hex`
      a0 c9 00 02   # RR with P=1, 2 words
      00 00 00 07
      00 00 00 04   # padding, count 4
      81 cb 00 01   # BYE
      00 00 00 07
    `,
    packets: [
      { type: 'rr', ssrc: 7, reports: [], paddingLength: 4 },
      { type: 'bye', ssrcs: [7] },
    ],
    tolerantOnly: 'ERR_RTP_RTCP_PADDING_NOT_LAST',
  },
];

/** Compounds the parser refuses (strict unless `tolerant`), with the error code and offset. */
export const rtcpErrorCases: ReadonlyArray<{
  name: string;
  bytes: Uint8Array;
  code: string;
  offset: number;
  tolerant?: boolean;
}> = [
  { name: 'empty', bytes: hex``, code: 'ERR_RTP_EMPTY', offset: 0, tolerant: true },
  { name: 'version 1', bytes: hex`40 c9 00 01 00 00 00 01`, code: 'ERR_RTP_BAD_VERSION', offset: 0, tolerant: true },
  { name: 'lone BYE (strict)', bytes: hex`81 cb 00 01 12 34 56 78`, code: 'ERR_RTP_RTCP_FIRST_NOT_REPORT', offset: 0 },
  {
    name: 'padding before the last packet (strict)',
    bytes: hex`a0 c9 00 02 00 00 00 07 00 00 00 04 81 cb 00 01 00 00 00 07`,
    code: 'ERR_RTP_RTCP_PADDING_NOT_LAST',
    offset: 0,
  },
  {
    name: 'length past the datagram',
    bytes: hex`80 c9 00 02 00 00 00 07`,
    code: 'ERR_RTP_BAD_RTCP_LENGTH',
    offset: 0,
    tolerant: true,
  },
  {
    name: 'lengths do not sum: 2 trailing bytes',
    bytes: hex`80 c9 00 01 00 00 00 07 00 00`,
    code: 'ERR_RTP_BAD_RTCP_LENGTH',
    offset: 8,
    tolerant: true,
  },
  {
    name: 'second packet version 0',
    bytes: hex`80 c9 00 01 00 00 00 07 01 cb 00 01 00 00 00 07`,
    code: 'ERR_RTP_BAD_VERSION',
    offset: 8,
    tolerant: true,
  },
  {
    name: 'report count larger than the packet',
    bytes: hex`81 c9 00 01 00 00 00 07`,
    code: 'ERR_RTP_TRUNCATED',
    offset: 8,
    tolerant: true,
  },
  {
    name: 'padding count zero',
    bytes: hex`a0 c9 00 01 00 00 00 00`,
    code: 'ERR_RTP_BAD_PADDING',
    offset: 7,
    tolerant: true,
  },
  {
    name: 'SDES chunk without a null item',
    bytes: hex`80 c9 00 01 00 00 00 07 81 ca 00 02 00 00 00 07 01 02 61 62`,
    code: 'ERR_RTP_BAD_RTCP',
    offset: 20,
    tolerant: true,
  },
  {
    name: 'SDES item past the packet',
    bytes: hex`80 c9 00 01 00 00 00 07 81 ca 00 02 00 00 00 07 01 09 61 62`,
    code: 'ERR_RTP_TRUNCATED',
    offset: 18,
    tolerant: true,
  },
  {
    name: 'BYE reason past the packet',
    bytes: hex`80 c9 00 01 00 00 00 07 81 cb 00 02 00 00 00 07 09 61 62 63`,
    code: 'ERR_RTP_TRUNCATED',
    offset: 17,
    tolerant: true,
  },
];
