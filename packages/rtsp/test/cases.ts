import { concat, fromAscii } from '@rtspkit/bytes';
import type { RtspRequest, RtspResponse } from '../src/index.js';

const EMPTY = new Uint8Array(0);
const SDP = 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n';

/** A message case: `wire` ⇄ `message`. `decodeOnly` cases are tolerated deviations. */
export type MessageCase = {
  readonly name: string;
  readonly wire: Uint8Array;
  readonly message: RtspRequest | RtspResponse;
  readonly decodeOnly?: true;
};

/** Wire text with `\n` turned into CRLF (canonical form). */
export function crlf(text: string): Uint8Array {
  return fromAscii(text.replace(/\n/g, '\r\n'));
}

export const messageCases: readonly MessageCase[] = [
  {
    name: 'ffmpeg OPTIONS',
    wire: crlf('OPTIONS rtsp://127.0.0.1:8554/test RTSP/1.0\nCSeq: 1\nUser-Agent: Lavf59.27.100\n\n'),
    message: {
      kind: 'request',
      method: 'OPTIONS',
      uri: 'rtsp://127.0.0.1:8554/test',
      version: 'RTSP/1.0',
      headers: [
        ['CSeq', '1'],
        ['User-Agent', 'Lavf59.27.100'],
      ],
      body: EMPTY,
    },
  },
  {
    name: 'gst-rtsp-server OPTIONS response',
    wire: crlf(
      'RTSP/1.0 200 OK\nCSeq: 1\nPublic: OPTIONS, DESCRIBE, ANNOUNCE, GET_PARAMETER, PAUSE, PLAY, RECORD, SETUP, SET_PARAMETER, TEARDOWN\nServer: GStreamer RTSP server\nDate: Sat, 21 Nov 2026 06:00:00 GMT\n\n',
    ),
    message: {
      kind: 'response',
      version: 'RTSP/1.0',
      status: 200,
      reason: 'OK',
      headers: [
        ['CSeq', '1'],
        ['Public', 'OPTIONS, DESCRIBE, ANNOUNCE, GET_PARAMETER, PAUSE, PLAY, RECORD, SETUP, SET_PARAMETER, TEARDOWN'],
        ['Server', 'GStreamer RTSP server'],
        ['Date', 'Sat, 21 Nov 2026 06:00:00 GMT'],
      ],
      body: EMPTY,
    },
  },
  {
    name: 'DESCRIBE response with an SDP body',
    wire: concat(
      crlf(
        'RTSP/1.0 200 OK\nCSeq: 2\nContent-Type: application/sdp\nContent-Base: rtsp://127.0.0.1:8554/test/\nContent-Length: 29\n\n',
      ),
      fromAscii(SDP),
    ),
    message: {
      kind: 'response',
      version: 'RTSP/1.0',
      status: 200,
      reason: 'OK',
      headers: [
        ['CSeq', '2'],
        ['Content-Type', 'application/sdp'],
        ['Content-Base', 'rtsp://127.0.0.1:8554/test/'],
        ['Content-Length', '29'],
      ],
      body: fromAscii(SDP),
    },
  },
  {
    name: 'SETUP interleaved',
    wire: crlf(
      'SETUP rtsp://127.0.0.1:8554/test/stream=0 RTSP/1.0\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\nCSeq: 3\n\n',
    ),
    message: {
      kind: 'request',
      method: 'SETUP',
      uri: 'rtsp://127.0.0.1:8554/test/stream=0',
      version: 'RTSP/1.0',
      headers: [
        ['Transport', 'RTP/AVP/TCP;unicast;interleaved=0-1'],
        ['CSeq', '3'],
      ],
      body: EMPTY,
    },
  },
  {
    name: 'RTSP/2.0 response without reason phrase',
    wire: crlf('RTSP/2.0 200\nCSeq: 7\n\n'),
    message: { kind: 'response', version: 'RTSP/2.0', status: 200, reason: '', headers: [['CSeq', '7']], body: EMPTY },
  },
  {
    name: 'HTTP tunnel GET (QuickTime scheme)',
    wire: crlf(
      'GET /test HTTP/1.0\nx-sessioncookie: 5f3c1a2b\nAccept: application/x-rtsp-tunnelled\nPragma: no-cache\nCache-Control: no-cache\n\n',
    ),
    message: {
      kind: 'request',
      method: 'GET',
      uri: '/test',
      version: 'HTTP/1.0',
      headers: [
        ['x-sessioncookie', '5f3c1a2b'],
        ['Accept', 'application/x-rtsp-tunnelled'],
        ['Pragma', 'no-cache'],
        ['Cache-Control', 'no-cache'],
      ],
      body: EMPTY,
    },
  },
  {
    name: 'WebSocket upgrade response',
    wire: crlf(
      'HTTP/1.1 101 Switching Protocols\nUpgrade: websocket\nConnection: Upgrade\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\nSec-WebSocket-Protocol: rtsp.onvif.org\n\n',
    ),
    message: {
      kind: 'response',
      version: 'HTTP/1.1',
      status: 101,
      reason: 'Switching Protocols',
      headers: [
        ['Upgrade', 'websocket'],
        ['Connection', 'Upgrade'],
        ['Sec-WebSocket-Accept', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='],
        ['Sec-WebSocket-Protocol', 'rtsp.onvif.org'],
      ],
      body: EMPTY,
    },
  },
  {
    name: 'server-initiated GET_PARAMETER with a body',
    wire: concat(
      crlf('GET_PARAMETER rtsp://cam/stream RTSP/1.0\nCSeq: 9\nContent-Length: 8\n\n'),
      fromAscii('packets\n'),
    ),
    message: {
      kind: 'request',
      method: 'GET_PARAMETER',
      uri: 'rtsp://cam/stream',
      version: 'RTSP/1.0',
      headers: [
        ['CSeq', '9'],
        ['Content-Length', '8'],
      ],
      body: fromAscii('packets\n'),
    },
  },
  {
    name: 'gst rtspsrc: two User-Agent headers kept in order',
    wire: crlf(
      'OPTIONS rtsp://127.0.0.1:8554/test RTSP/1.0\nCSeq: 1\nUser-Agent: GStreamer/1.22.0\nUser-Agent: GStreamer/1.22.0\nClientChallenge: 9e26d33f2984236010ef6253fb1887f7\nPlayerStarttime: [28/03/2003:22:50:23 00:00]\nCompanyID: KnKV4M4I/B2FjJ1TToLycw==\nGUID: 00000000-0000-0000-0000-000000000000\nRegionData: 0\nClientID: Linux_2.4_6.0.9.1235_play32_RN01_EN_586\nDate: Sat, 21 Nov 2026 06:00:00 GMT\n\n',
    ),
    message: {
      kind: 'request',
      method: 'OPTIONS',
      uri: 'rtsp://127.0.0.1:8554/test',
      version: 'RTSP/1.0',
      headers: [
        ['CSeq', '1'],
        ['User-Agent', 'GStreamer/1.22.0'],
        ['User-Agent', 'GStreamer/1.22.0'],
        ['ClientChallenge', '9e26d33f2984236010ef6253fb1887f7'],
        ['PlayerStarttime', '[28/03/2003:22:50:23 00:00]'],
        ['CompanyID', 'KnKV4M4I/B2FjJ1TToLycw=='],
        ['GUID', '00000000-0000-0000-0000-000000000000'],
        ['RegionData', '0'],
        ['ClientID', 'Linux_2.4_6.0.9.1235_play32_RN01_EN_586'],
        ['Date', 'Sat, 21 Nov 2026 06:00:00 GMT'],
      ],
      body: EMPTY,
    },
  },
  {
    name: 'LF-only lines (embedded cameras)',
    decodeOnly: true,
    wire: fromAscii('RTSP/1.0 200 OK\nCSeq: 4\nSession: 12345678;timeout=60\n\n'),
    message: {
      kind: 'response',
      version: 'RTSP/1.0',
      status: 200,
      reason: 'OK',
      headers: [
        ['CSeq', '4'],
        ['Session', '12345678;timeout=60'],
      ],
      body: EMPTY,
    },
  },
  {
    name: 'obs-fold continuation line',
    decodeOnly: true,
    wire: crlf(
      'RTSP/1.0 200 OK\nCSeq: 5\nRTP-Info: url=rtsp://cam/track1;seq=1;rtptime=0,\n  url=rtsp://cam/track2;seq=2;rtptime=0\n\n',
    ),
    message: {
      kind: 'response',
      version: 'RTSP/1.0',
      status: 200,
      reason: 'OK',
      headers: [
        ['CSeq', '5'],
        ['RTP-Info', 'url=rtsp://cam/track1;seq=1;rtptime=0, url=rtsp://cam/track2;seq=2;rtptime=0'],
      ],
      body: EMPTY,
    },
  },
  {
    name: 'space before colon, no space after, trailing spaces, mixed line ends',
    decodeOnly: true,
    wire: fromAscii('RTSP/1.0  200  OK \r\nCSeq :6\nServer:   Rtsp Server/3.0   \r\n\r\n'),
    message: {
      kind: 'response',
      version: 'RTSP/1.0',
      status: 200,
      reason: 'OK',
      headers: [
        ['CSeq', '6'],
        ['Server', 'Rtsp Server/3.0'],
      ],
      body: EMPTY,
    },
  },
  {
    name: 'leading empty lines before the start line (RFC 7230 §3.5)',
    decodeOnly: true,
    wire: crlf('\n\nTEARDOWN rtsp://cam/ RTSP/1.0\nCSeq: 8\n\n'),
    message: {
      kind: 'request',
      method: 'TEARDOWN',
      uri: 'rtsp://cam/',
      version: 'RTSP/1.0',
      headers: [['CSeq', '8']],
      body: EMPTY,
    },
  },
  {
    name: 'Hikvision SETUP response: padded Session and Date (androidx/media#357)',
    decodeOnly: true,
    wire: fromAscii(
      'RTSP/1.0 200 OK\r\nCSeq: 4\r\nSession:       1299260789;timeout=60\r\nTransport: RTP/AVP;unicast;client_port=60830-60831;server_port=8316-8317;ssrc=529f1429;mode="play"\r\nDate:  Wed, Apr 26 2023 14:04:10 GMT\r\n\r\n',
    ),
    message: {
      kind: 'response',
      version: 'RTSP/1.0',
      status: 200,
      reason: 'OK',
      headers: [
        ['CSeq', '4'],
        ['Session', '1299260789;timeout=60'],
        ['Transport', 'RTP/AVP;unicast;client_port=60830-60831;server_port=8316-8317;ssrc=529f1429;mode="play"'],
        ['Date', 'Wed, Apr 26 2023 14:04:10 GMT'],
      ],
      body: EMPTY,
    },
  },
  {
    name: 'Dahua 401 with a Digest challenge without qop (scottlamb/retina#62)',
    wire: crlf(
      'RTSP/1.0 401 Unauthorized\nCSeq: 1\nWWW-Authenticate: Digest realm="Login to 4K01FD2PAJ6E3FF", nonce="203c8d27b595204504dfa65fd22586bd"\n\n',
    ),
    message: {
      kind: 'response',
      version: 'RTSP/1.0',
      status: 401,
      reason: 'Unauthorized',
      headers: [
        ['CSeq', '1'],
        ['WWW-Authenticate', 'Digest realm="Login to 4K01FD2PAJ6E3FF", nonce="203c8d27b595204504dfa65fd22586bd"'],
      ],
      body: EMPTY,
    },
  },
  {
    name: 'Ze-PRO camera 401 (Ullaakut/cameradar#199)',
    wire: crlf(
      'RTSP/1.0 401 Unauthorized\nServer: Linux/2.6.32.17-davinci1 Ze-PRO\nCSeq: 1\nWWW-Authenticate: Digest realm="Secret", nonce="ODQ4MDguNTM2Mzk6NTQ1OTExMzQz"\n\n',
    ),
    message: {
      kind: 'response',
      version: 'RTSP/1.0',
      status: 401,
      reason: 'Unauthorized',
      headers: [
        ['Server', 'Linux/2.6.32.17-davinci1 Ze-PRO'],
        ['CSeq', '1'],
        ['WWW-Authenticate', 'Digest realm="Secret", nonce="ODQ4MDguNTM2Mzk6NTQ1OTExMzQz"'],
      ],
      body: EMPTY,
    },
  },
  {
    name: 'camera answering OPTIONS (gortsplib#72: Streaming Server/2.9.0.0)',
    wire: crlf(
      'RTSP/1.0 200 OK\nCSeq: 1\nPublic: DESCRIBE, SETUP, TEARDOWN, PLAY, PAUSE, OPTIONS\nServer: Streaming Server/2.9.0.0\n\n',
    ),
    message: {
      kind: 'response',
      version: 'RTSP/1.0',
      status: 200,
      reason: 'OK',
      headers: [
        ['CSeq', '1'],
        ['Public', 'DESCRIBE, SETUP, TEARDOWN, PLAY, PAUSE, OPTIONS'],
        ['Server', 'Streaming Server/2.9.0.0'],
      ],
      body: EMPTY,
    },
  },
  {
    // Fuzzer finding: the value kept the CR, which the serializer refused to write.
    name: 'bare CR inside a header value, read as a space (RFC 9112 §2.2)',
    decodeOnly: true,
    wire: fromAscii('OPTIONS * RTSP/1.0\r\nX-Note: a\rb\r\nCSeq: 1\r\n\r\n'),
    message: {
      kind: 'request',
      method: 'OPTIONS',
      uri: '*',
      version: 'RTSP/1.0',
      headers: [
        ['X-Note', 'a b'],
        ['CSeq', '1'],
      ],
      body: EMPTY,
    },
  },
  {
    // Kept where it stands when it states the body's length, so the message reads back equal.
    name: 'Content-Length before other headers',
    wire: crlf('SET_PARAMETER rtsp://cam/ RTSP/1.0\nContent-Length: 2\nCSeq: 4\n\nab'),
    message: {
      kind: 'request',
      method: 'SET_PARAMETER',
      uri: 'rtsp://cam/',
      version: 'RTSP/1.0',
      headers: [
        ['Content-Length', '2'],
        ['CSeq', '4'],
      ],
      body: fromAscii('ab'),
    },
  },
];

/** Inputs every parser must refuse, with the code and offset. */
export const invalidMessageCases: ReadonlyArray<{ name: string; wire: Uint8Array; code: string; offset: number }> = [
  { name: 'not a start line', wire: crlf('HELLO\n\n'), code: 'ERR_RTSP_INVALID_START_LINE', offset: 0 },
  { name: 'RTSP/3.0', wire: crlf('OPTIONS * RTSP/3.0\n\n'), code: 'ERR_RTSP_UNSUPPORTED_VERSION', offset: 0 },
  {
    name: 'header without colon',
    wire: crlf('OPTIONS * RTSP/1.0\nCSeq 1\n\n'),
    code: 'ERR_RTSP_INVALID_HEADER',
    offset: 20,
  },
  {
    name: 'fold before any header',
    wire: crlf('OPTIONS * RTSP/1.0\n x\n\n'),
    code: 'ERR_RTSP_INVALID_HEADER',
    offset: 20,
  },
  {
    name: 'negative Content-Length',
    wire: crlf('RTSP/1.0 200 OK\nContent-Length: -1\n\n'),
    code: 'ERR_RTSP_INVALID_CONTENT_LENGTH',
    offset: 17,
  },
  {
    name: 'two different Content-Length',
    wire: crlf('RTSP/1.0 200 OK\nContent-Length: 1\nContent-Length: 2\n\nab'),
    code: 'ERR_RTSP_INVALID_CONTENT_LENGTH',
    offset: 36,
  },
  {
    name: 'truncated body',
    wire: crlf('RTSP/1.0 200 OK\nContent-Length: 5\n\nab'),
    code: 'ERR_RTSP_TRUNCATED',
    offset: 40,
  },
  { name: 'no blank line', wire: crlf('RTSP/1.0 200 OK\nCSeq: 1\n'), code: 'ERR_RTSP_TRUNCATED', offset: 26 },
  { name: 'bytes after the body', wire: crlf('RTSP/1.0 200 OK\n\nxyz'), code: 'ERR_RTSP_TRAILING_DATA', offset: 19 },
  // Fuzzer findings: accepted, then written differently or refused by the serializer.
  {
    name: 'control character in the reason phrase',
    wire: crlf('RTSP/1.0 200 \x0bOK\nCSeq: 1\n\n'),
    code: 'ERR_RTSP_INVALID_START_LINE',
    offset: 0,
  },
  {
    name: 'Unicode space inside the request URI',
    wire: concat(fromAscii('OPTIONS rtsp://cam/a'), new Uint8Array([0xc2, 0xa0]), crlf('b RTSP/1.0\n\n')),
    code: 'ERR_RTSP_INVALID_START_LINE',
    offset: 0,
  },
  {
    name: 'invalid UTF-8 in a header value (would grow as U+FFFD)',
    wire: concat(crlf('RTSP/1.0 200 OK\nServer: cam'), new Uint8Array([0xff]), crlf('\n\n')),
    code: 'ERR_RTSP_INVALID_HEADER',
    offset: 17,
  },
];

/**
 * A head within `maxHeaderBytes` as received (LF-only lines) whose canonical form (CRLF)
 * is not: refused, because what the parser returns must serialize to something it reads.
 */
export const growingHead = {
  wire: fromAscii(`OPTIONS * RTSP/1.0\n${'A: 1\n'.repeat(10)}\n`),
  // Received: 19 + 50 + 1 = 70 bytes; written: 20 + 60 + 2 = 82 bytes.
  maxHeaderBytes: 75,
};
