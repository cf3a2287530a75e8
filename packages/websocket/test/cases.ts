import { fromAscii, hex } from '@rtspkit/bytes';
import type { WebSocketFrame, WebSocketMessage, WspMessage } from '../src/index.js';

const ramp = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);

/** A frame ⇄ bytes case: drives both the reader and the writer. */
export type FrameCase = { name: string; bytes: Uint8Array; frame: WebSocketFrame };

/** RFC 6455 §5.7 examples and length boundaries. */
export const frameCases: FrameCase[] = [
  {
    name: 'RFC 6455 §5.7 single-frame unmasked text "Hello"',
    bytes: hex`81 05   48 65 6c 6c 6f`,
    frame: { fin: true, opcode: 0x1, payload: fromAscii('Hello') },
  },
  {
    name: 'RFC 6455 §5.7 single-frame masked text "Hello"',
    bytes: hex`
      81 85        # FIN, text; MASK, length 5
      37 fa 21 3d  # masking key
      7f 9f 4d 51 58`,
    frame: { fin: true, opcode: 0x1, mask: hex`37 fa 21 3d`, payload: fromAscii('Hello') },
  },
  {
    name: 'RFC 6455 §5.7 fragmented unmasked text, first fragment "Hel"',
    bytes: hex`01 03   48 65 6c`,
    frame: { fin: false, opcode: 0x1, payload: fromAscii('Hel') },
  },
  {
    name: 'RFC 6455 §5.7 fragmented unmasked text, last fragment "lo"',
    bytes: hex`80 02   6c 6f`,
    frame: { fin: true, opcode: 0x0, payload: fromAscii('lo') },
  },
  {
    name: 'RFC 6455 §5.7 unmasked ping "Hello"',
    bytes: hex`89 05   48 65 6c 6c 6f`,
    frame: { fin: true, opcode: 0x9, payload: fromAscii('Hello') },
  },
  {
    name: 'RFC 6455 §5.7 masked pong "Hello"',
    bytes: hex`8a 85   37 fa 21 3d   7f 9f 4d 51 58`,
    frame: { fin: true, opcode: 0xa, mask: hex`37 fa 21 3d`, payload: fromAscii('Hello') },
  },
  {
    name: 'RFC 6455 §5.7 256 bytes binary in a single unmasked frame (16-bit length)',
    bytes: new Uint8Array([...hex`82 7e 01 00`, ...ramp(256)]),
    frame: { fin: true, opcode: 0x2, payload: ramp(256) },
  },
  {
    name: 'RFC 6455 §5.7 64 KiB binary in a single unmasked frame (64-bit length)',
    bytes: new Uint8Array([...hex`82 7f 00 00 00 00 00 01 00 00`, ...ramp(65536)]),
    frame: { fin: true, opcode: 0x2, payload: ramp(65536) },
  },
  {
    name: 'empty close frame',
    bytes: hex`88 00`,
    frame: { fin: true, opcode: 0x8, payload: new Uint8Array(0) },
  },
  {
    name: 'close 1000 "bye", masked with a zero key',
    bytes: hex`88 85   00 00 00 00   03 e8 62 79 65`,
    frame: { fin: true, opcode: 0x8, mask: hex`00 00 00 00`, payload: hex`03 e8 62 79 65` },
  },
  {
    name: 'largest 7-bit length (125)',
    bytes: new Uint8Array([...hex`82 7d`, ...ramp(125)]),
    frame: { fin: true, opcode: 0x2, payload: ramp(125) },
  },
  {
    name: 'RSV1 set (permessage-deflate style)',
    bytes: hex`c1 01 00`,
    frame: { fin: true, rsv: 4, opcode: 0x1, payload: hex`00` },
  },
];

/** Tolerated on read, never written (the writer uses the minimal encoding). */
export const decodeOnlyFrameCases: FrameCase[] = [
  {
    name: 'non-minimal 16-bit length for 5 bytes (embedded servers that always write 126)',
    bytes: hex`82 7e 00 05   01 02 03 04 05`,
    frame: { fin: true, opcode: 0x2, payload: hex`01 02 03 04 05` },
  },
  {
    name: 'non-minimal 64-bit length for 3 bytes',
    bytes: hex`82 7f 00 00 00 00 00 00 00 03   0a 0b 0c`,
    frame: { fin: true, opcode: 0x2, payload: hex`0a 0b 0c` },
  },
];

/** Byte streams the frame reader must refuse, with the error code, offset and close code. */
/** Streams the frame reader must refuse; `before` counts the frames it hands out first. */
export const badFrameCases: Array<{
  name: string;
  bytes: Uint8Array;
  role?: 'server' | 'client';
  maxFrameSize?: number;
  code: string;
  offset: number;
  closeCode: number;
  before?: number;
}> = [
  { name: 'RSV2 without extension', bytes: hex`a1 00`, code: 'ERR_WS_RESERVED_BITS', offset: 0, closeCode: 1002 },
  { name: 'reserved opcode 0x3', bytes: hex`83 00`, code: 'ERR_WS_RESERVED_OPCODE', offset: 0, closeCode: 1002 },
  {
    name: 'reserved control opcode 0xb',
    bytes: hex`8b 00`,
    code: 'ERR_WS_RESERVED_OPCODE',
    offset: 0,
    closeCode: 1002,
  },
  { name: 'fragmented ping', bytes: hex`09 00`, code: 'ERR_WS_BAD_CONTROL_FRAME', offset: 0, closeCode: 1002 },
  {
    name: 'ping of 126 bytes',
    bytes: new Uint8Array([...hex`89 7e 00 7e`, ...ramp(126)]),
    code: 'ERR_WS_BAD_CONTROL_FRAME',
    offset: 0,
    closeCode: 1002,
  },
  {
    name: 'unmasked frame to a server',
    bytes: hex`81 00`,
    role: 'server',
    code: 'ERR_WS_BAD_MASKING',
    offset: 1,
    closeCode: 1002,
  },
  {
    name: 'masked frame to a client',
    bytes: hex`81 80 01 02 03 04`,
    role: 'client',
    code: 'ERR_WS_BAD_MASKING',
    offset: 1,
    closeCode: 1002,
  },
  {
    name: '64-bit length with MSB set',
    bytes: hex`82 7f 80 00 00 00 00 00 00 00`,
    code: 'ERR_WS_BAD_LENGTH',
    offset: 2,
    closeCode: 1002,
  },
  {
    name: '64-bit length of 2^53',
    bytes: hex`82 7f 00 20 00 00 00 00 00 00`,
    code: 'ERR_WS_FRAME_TOO_LARGE',
    offset: 2,
    closeCode: 1009,
  },
  {
    name: 'frame over maxFrameSize, second frame in stream',
    bytes: hex`82 00   82 7e 01 00`,
    maxFrameSize: 255,
    code: 'ERR_WS_FRAME_TOO_LARGE',
    offset: 3,
    closeCode: 1009,
    before: 1,
  },
  {
    // Fuzzer finding (websocket-WebSocketFrameReader.chunking.2247e760): the frame before the
    // fault came out in one push but not byte by byte.
    name: 'a masked text frame, then reserved bits',
    bytes: hex`81 85 fa 21 3d d7   9b f9 f4 4c b8   3d 64`,
    code: 'ERR_WS_RESERVED_BITS',
    offset: 11,
    closeCode: 1002,
    before: 1,
  },
];

/** Streams of frames and the messages they make. */
export const messageCases: Array<{ name: string; bytes: Uint8Array; messages: WebSocketMessage[] }> = [
  {
    name: 'RFC 6455 §5.7 fragmented "Hello"',
    bytes: hex`01 03 48 65 6c   80 02 6c 6f`,
    messages: [{ type: 'text', data: 'Hello' }],
  },
  {
    name: 'ping between fragments',
    bytes: hex`02 02 01 02   89 01 aa   00 01 03   80 01 04`,
    messages: [
      { type: 'ping', data: hex`aa` },
      { type: 'binary', data: hex`01 02 03 04` },
    ],
  },
  {
    name: 'euro sign split across fragments',
    bytes: hex`01 01 e2   00 01 82   80 01 ac`,
    messages: [{ type: 'text', data: '€' }],
  },
  {
    name: 'close with code and reason',
    bytes: hex`88 05 03 e8 62 79 65`,
    messages: [{ type: 'close', code: 1000, reason: 'bye' }],
  },
  { name: 'empty close', bytes: hex`88 00`, messages: [{ type: 'close', code: undefined, reason: '' }] },
  {
    name: 'empty text and empty binary',
    bytes: hex`81 00   82 00   8a 00`,
    messages: [
      { type: 'text', data: '' },
      { type: 'binary', data: new Uint8Array(0) },
      { type: 'pong', data: new Uint8Array(0) },
    ],
  },
];

/**
 * Streams the message reader must refuse, whatever the chunking; `before` counts the
 * messages it hands out before the fault.
 */
export const badMessageCases: Array<{
  name: string;
  bytes: Uint8Array;
  maxMessageSize?: number;
  code: string;
  offset: number;
  closeCode: number;
  before?: number;
}> = [
  {
    // Fuzzer finding: one push gave ERR_WS_RESERVED_BITS (all frames were read before any
    // message rule), chunked it gave ERR_WS_BAD_FRAGMENTATION. The first fault in the stream wins.
    name: 'continuation without a start, then a frame with reserved bits',
    bytes: hex`80 00   c2 00`,
    code: 'ERR_WS_BAD_FRAGMENTATION',
    offset: 0,
    closeCode: 1002,
  },
  {
    name: 'a message, then invalid utf-8, then more frames',
    bytes: hex`82 01 0a   81 01 ff   82 01 0b`,
    code: 'ERR_WS_INVALID_UTF8',
    offset: 3,
    closeCode: 1007,
    before: 1,
  },
  {
    name: 'continuation without a start',
    bytes: hex`80 01 00`,
    code: 'ERR_WS_BAD_FRAGMENTATION',
    offset: 0,
    closeCode: 1002,
  },
  {
    name: 'new text inside fragmented binary',
    bytes: hex`02 01 00   81 00`,
    code: 'ERR_WS_BAD_FRAGMENTATION',
    offset: 3,
    closeCode: 1002,
  },
  { name: 'invalid utf-8 (lone 0xff)', bytes: hex`81 01 ff`, code: 'ERR_WS_INVALID_UTF8', offset: 0, closeCode: 1007 },
  {
    name: 'invalid utf-8 found in first fragment, before the message ends',
    bytes: hex`01 02 c3 28`,
    code: 'ERR_WS_INVALID_UTF8',
    offset: 0,
    closeCode: 1007,
  },
  {
    name: 'truncated utf-8 at end of message',
    bytes: hex`01 01 e2   80 01 82`,
    code: 'ERR_WS_INVALID_UTF8',
    offset: 3,
    closeCode: 1007,
  },
  { name: 'close of 1 byte', bytes: hex`88 01 03`, code: 'ERR_WS_BAD_CLOSE_FRAME', offset: 2, closeCode: 1002 },
  {
    name: 'close code 1005 on the wire',
    bytes: hex`88 02 03 ed`,
    code: 'ERR_WS_BAD_CLOSE_FRAME',
    offset: 2,
    closeCode: 1002,
  },
  {
    name: 'close code 999',
    bytes: hex`88 02 03 e7`,
    code: 'ERR_WS_BAD_CLOSE_FRAME',
    offset: 2,
    closeCode: 1002,
  },
  {
    name: 'close reason not utf-8',
    bytes: hex`88 03 03 e8 ff`,
    code: 'ERR_WS_INVALID_UTF8',
    offset: 4,
    closeCode: 1007,
  },
  {
    name: 'frame after close',
    bytes: hex`88 00   81 00`,
    code: 'ERR_WS_DATA_AFTER_CLOSE',
    offset: 2,
    closeCode: 1002,
    before: 1,
  },
  {
    name: 'fragmented message over maxMessageSize',
    bytes: hex`02 03 01 02 03   80 03 04 05 06`,
    maxMessageSize: 5,
    code: 'ERR_WS_MESSAGE_TOO_LARGE',
    offset: 5,
    closeCode: 1009,
  },
  // Fuzzer findings (websocket-WebSocketMessageReader.*): one push read every frame before
  // any message rule and reported a later fault, or the close message came out only chunked;
  // the first fault in the stream wins, whatever the chunking.
  {
    name: 'close, then a masked frame',
    bytes: hex`88 00   81 00`,
    code: 'ERR_WS_DATA_AFTER_CLOSE',
    offset: 2,
    closeCode: 1002,
    before: 1,
  },
  {
    name: 'close, then reserved bits',
    bytes: hex`88 00   81 00 24 24`,
    code: 'ERR_WS_DATA_AFTER_CLOSE',
    offset: 2,
    closeCode: 1002,
    before: 1,
  },
  {
    name: 'continuation of nothing, 0 bytes',
    bytes: hex`80 00`,
    code: 'ERR_WS_BAD_FRAGMENTATION',
    offset: 0,
    closeCode: 1002,
  },
  {
    name: 'continuation of nothing, then reserved bits',
    bytes: hex`00 01 24   24 24`,
    code: 'ERR_WS_BAD_FRAGMENTATION',
    offset: 0,
    closeCode: 1002,
  },
  {
    name: 'text inside text, then a fragmented ping',
    bytes: hex`01 01 01   01 01 01   09 01`,
    code: 'ERR_WS_BAD_FRAGMENTATION',
    offset: 3,
    closeCode: 1002,
  },
  {
    name: 'binary inside binary, then a reserved opcode',
    bytes: hex`02 01 01   02 01 84   05 7e ff 7d`,
    code: 'ERR_WS_BAD_FRAGMENTATION',
    offset: 3,
    closeCode: 1002,
  },
  {
    name: 'invalid utf-8, then a reserved opcode',
    bytes: hex`81 02 ff 0d   0d 0d`,
    code: 'ERR_WS_INVALID_UTF8',
    offset: 0,
    closeCode: 1007,
  },
  {
    name: 'invalid utf-8 in a masked frame, then reserved bits',
    bytes: hex`81 85 fa 21 3d d7   9b f9 f4 4c b8   3d 64`,
    code: 'ERR_WS_INVALID_UTF8',
    offset: 0,
    closeCode: 1007,
  },
  {
    name: 'invalid utf-8 in a first fragment, then a fragmented ping',
    bytes: hex`01 02 89 09   09 09`,
    code: 'ERR_WS_INVALID_UTF8',
    offset: 0,
    closeCode: 1007,
  },
  {
    name: 'close reason not utf-8, then a reserved opcode',
    bytes: hex`88 03 e8 ff 49   05 48`,
    code: 'ERR_WS_BAD_CLOSE_FRAME',
    offset: 2,
    closeCode: 1002,
  },
  {
    name: 'close code 999, then a fragmented ping',
    bytes: hex`88 02 03 e7   0a 0a`,
    code: 'ERR_WS_BAD_CLOSE_FRAME',
    offset: 2,
    closeCode: 1002,
  },
  {
    name: 'close code 983, then reserved bits',
    bytes: hex`88 02 03 d7   65 36`,
    code: 'ERR_WS_BAD_CLOSE_FRAME',
    offset: 2,
    closeCode: 1002,
  },
  {
    name: 'close of 1 byte, then reserved bits',
    bytes: hex`88 01 df   23 23`,
    code: 'ERR_WS_BAD_CLOSE_FRAME',
    offset: 2,
    closeCode: 1002,
  },
];

/** WSP/1.1 messages ⇄ text, as Streamedian's player and proxies frame them. */
export const wspCases: Array<{ name: string; text: string; message: WspMessage }> = [
  {
    name: 'INIT from the player',
    text: 'WSP/1.1 INIT\r\nproto: rtsp\r\nhost: 192.168.1.64\r\nport: 554\r\nseq: 1\r\n\r\n',
    message: {
      kind: 'request',
      method: 'INIT',
      headers: [
        ['proto', 'rtsp'],
        ['host', '192.168.1.64'],
        ['port', '554'],
        ['seq', '1'],
      ],
      payload: '',
    },
  },
  {
    name: 'INIT reply with channel',
    text: 'WSP/1.1 200 OK\r\nseq: 1\r\nchannel: 17\r\n\r\n',
    message: {
      kind: 'response',
      code: 200,
      reason: 'OK',
      headers: [
        ['seq', '1'],
        ['channel', '17'],
      ],
      payload: '',
    },
  },
  {
    name: 'JOIN on the data socket',
    text: 'WSP/1.1 JOIN\r\nchannel: 17\r\nseq: 2\r\n\r\n',
    message: {
      kind: 'request',
      method: 'JOIN',
      headers: [
        ['channel', '17'],
        ['seq', '2'],
      ],
      payload: '',
    },
  },
  {
    name: 'WRAP carrying an RTSP OPTIONS',
    text: 'WSP/1.1 WRAP\r\nseq: 3\r\ncontentLength: 45\r\n\r\nOPTIONS rtsp://cam/live RTSP/1.0\r\nCSeq: 1\r\n\r\n',
    message: {
      kind: 'request',
      method: 'WRAP',
      headers: [
        ['seq', '3'],
        ['contentLength', '45'],
      ],
      payload: 'OPTIONS rtsp://cam/live RTSP/1.0\r\nCSeq: 1\r\n\r\n',
    },
  },
  {
    name: 'error reply with a reason phrase',
    text: 'WSP/1.1 404 Not Found\r\nseq: 4\r\n\r\n',
    message: { kind: 'response', code: 404, reason: 'Not Found', headers: [['seq', '4']], payload: '' },
  },
];

/** Tolerated on read only. */
export const decodeOnlyWspCases: Array<{ name: string; text: string; message: WspMessage }> = [
  {
    name: 'LF-only lines (hand-written statistic clients)',
    text: 'WSP/1.1 GET_INFO\nproto: rtsp\nhost: cam\nport: 554\nclient: \nseq: 1\n\n',
    message: {
      kind: 'request',
      method: 'GET_INFO',
      headers: [
        ['proto', 'rtsp'],
        ['host', 'cam'],
        ['port', '554'],
        ['client', ''],
        ['seq', '1'],
      ],
      payload: '',
    },
  },
  {
    name: 'no final blank line',
    text: 'WSP/1.1 200 OK\r\nseq: 9',
    message: { kind: 'response', code: 200, reason: 'OK', headers: [['seq', '9']], payload: '' },
  },
];
