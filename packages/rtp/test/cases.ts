import { hex } from '@rtspkit/bytes';
import type { HeaderExtensionElement, RtpPacket } from '../src/index.js';

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
