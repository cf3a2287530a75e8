import { rethrowAs } from '@rtspkit/bytes';
import { Base64StreamDecoder, HttpTunnelError, HttpTunnelErrorCode, parseTunnelRequest } from '@rtspkit/http-tunnel';
import {
  AuthServer,
  MessageReader,
  parseHttpHead,
  RtspError,
  RtspErrorCode,
  digestResponse,
  parseAuthorization,
  parseBasicCredentials,
  parseCSeq,
  parseRange,
  parseRequest,
  parseResponse,
  parseRtpInfo,
  parseRtspUrl,
  parseSession,
  parseTokenList,
  parseTransports,
  parseWwwAuthenticate,
  serializeAuthorization,
  serializeCSeq,
  serializeRange,
  serializeRequest,
  serializeResponse,
  serializeRtpInfo,
  serializeRtspUrl,
  serializeSession,
  serializeTokenList,
  serializeTransports,
} from '@rtspkit/rtsp';
import {
  WebSocketError,
  WebSocketErrorCode,
  WebSocketFrameReader,
  WebSocketMessageReader,
  parseClosePayload,
  parseWspMessage,
  serializeClosePayload,
  serializeWspMessage,
  validateUpgradeRequest,
} from '@rtspkit/websocket';
import { base64Cases, requestCases } from '../../../http-tunnel/test/cases.js';
import { messageCases as rtspMessageCases } from '../../../rtsp/test/cases.js';
import {
  challengeCases,
  rangeCases,
  rtpInfoCases,
  sessionCases,
  transportCases,
} from '../../../rtsp/test/header-cases.js';
import {
  badFrameCases,
  badMessageCases,
  decodeOnlyFrameCases,
  decodeOnlyWspCases,
  frameCases,
  messageCases as wsMessageCases,
  wspCases,
} from '../../../websocket/test/cases.js';
import { type Mutator, byteMutators, textMutators } from '../mutate.js';
import type { Rng } from '../rng.js';
import type { Target } from '../target.js';
import { dec, enc, fixtures, lengthFields } from './support.js';

const rtspErrors = { name: 'RtspError', type: RtspError, codes: RtspErrorCode };
const tunnelErrors = { name: 'HttpTunnelError', type: HttpTunnelError, codes: HttpTunnelErrorCode };
const wsErrors = { name: 'WebSocketError', type: WebSocketError, codes: WebSocketErrorCode };

/** The 16-bit length after each `$` of an interleaved frame. */
const interleavedLengths = lengthFields((input) => {
  const out: Array<readonly [number, number]> = [];
  for (let i = 0; i + 3 < input.length && out.length < 256; i++) if (input[i] === 0x24) out.push([i + 2, 2]);
  return out;
});

/** The 7-bit, 16-bit or 64-bit payload length of the first frames of a WebSocket stream. */
const wsLengths: Mutator = (input: Uint8Array, rng: Rng) => {
  const heads: number[] = [];
  let at = 0;
  while (at + 2 <= input.length && heads.length < 64) {
    heads.push(at);
    const b1 = input[at + 1] as number;
    const masked = (b1 & 0x80) !== 0;
    let len = b1 & 0x7f;
    let head = 2;
    if (len === 126) {
      len = ((input[at + 2] ?? 0) << 8) | (input[at + 3] ?? 0);
      head = 4;
    } else if (len === 127) {
      len = at + 10 <= input.length ? Number(new DataView(input.buffer, input.byteOffset).getBigUint64(at + 2)) : 0;
      head = 10;
    }
    at += head + (masked ? 4 : 0) + len;
  }
  if (heads.length === 0) return input;
  const h = rng.pick(heads);
  const out = input.slice();
  const b1 = out[h + 1] as number;
  const mask = b1 & 0x80;
  switch (rng.below(3)) {
    case 0:
      out[h + 1] = mask | rng.pick([0, 1, 125, 126, 127]);
      return out;
    case 1: {
      const ext = new Uint8Array(out.length + 2);
      ext.set(out.subarray(0, h + 2));
      ext[h + 1] = mask | 126;
      ext.set([rng.pick([0, 0xff, 0x7f]), rng.pick([0, 0xff, 0x7d])], h + 2);
      ext.set(out.subarray(h + 2), h + 4);
      return ext;
    }
    default: {
      const ext = new Uint8Array(out.length + 8);
      ext.set(out.subarray(0, h + 2));
      ext[h + 1] = mask | 127;
      const big = rng.pick([0n, 126n, 65536n, 0x100_0000n, 0x7fff_ffffn, 0xffff_ffffn, 2n ** 53n, 2n ** 63n]);
      new DataView(ext.buffer).setBigUint64(h + 2, big);
      ext.set(out.subarray(h + 2), h + 10);
      return ext;
    }
  }
};

const headerTarget = <T>(
  name: string,
  values: readonly string[],
  parse: (s: string) => T,
  serialize: (v: T) => string,
): Target => ({
  kind: 'parse',
  name,
  errors: rtspErrors,
  seeds: () => values.map(enc),
  mutators: textMutators,
  parse: (b) => parse(dec(b)),
  serialize: serialize as (v: never) => unknown,
  reparse: parse as (s: never) => unknown,
});

const rtspStreams = () => [
  ...fixtures('rtsp', '.bin').map((b) => b.subarray(0, 4096)),
  ...rtspMessageCases.map((c) => c.wire),
];

/** A deterministic Digest server and a valid answer to its challenge. */
function digestSetup() {
  const server = new AuthServer({ realm: 'rtspkit', randomBytes: (n: number) => new Uint8Array(n).fill(7) });
  const nonce = '07'.repeat(16);
  server.challenges(0);
  const uri = 'rtsp://127.0.0.1:8554/cam/stream';
  const response = digestResponse({
    algorithm: 'MD5',
    username: 'admin',
    password: 'secret',
    realm: 'rtspkit',
    nonce,
    method: 'DESCRIBE',
    uri,
  } as Parameters<typeof digestResponse>[0]);
  const header = serializeAuthorization({
    scheme: 'Digest',
    params: { username: 'admin', realm: 'rtspkit', nonce, uri, response },
  });
  return { server, uri, header };
}

const upgradeRequest =
  'GET /rtsp HTTP/1.1\r\nHost: 127.0.0.1:8554\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: rtsp.onvif.org\r\n\r\n';

export const protocolTargets: Target[] = [
  // ---- rtsp
  {
    kind: 'parse',
    name: 'rtsp/parseRequest',
    errors: rtspErrors,
    seeds: () => rtspMessageCases.filter((c) => c.message.kind === 'request').map((c) => c.wire),
    mutators: textMutators,
    parse: (b) => parseRequest(b),
    serialize: serializeRequest,
  },
  {
    kind: 'parse',
    name: 'rtsp/parseResponse',
    errors: rtspErrors,
    seeds: () => rtspMessageCases.filter((c) => c.message.kind === 'response').map((c) => c.wire),
    mutators: textMutators,
    parse: (b) => parseResponse(b),
    serialize: serializeResponse,
  },
  {
    kind: 'stream',
    feed: 'bytes',
    name: 'rtsp/MessageReader',
    errors: rtspErrors,
    seeds: rtspStreams,
    mutators: [...textMutators, interleavedLengths, interleavedLengths],
    open: () => {
      const reader = new MessageReader();
      return { push: (chunk) => reader.push(chunk) };
    },
  },
  headerTarget(
    'rtsp/parseTransports',
    transportCases.map((c) => c.value),
    parseTransports,
    serializeTransports,
  ),
  headerTarget(
    'rtsp/parseSession',
    sessionCases.map((c) => c.value),
    parseSession,
    serializeSession,
  ),
  headerTarget(
    'rtsp/parseRange',
    rangeCases.map((c) => c.value),
    parseRange,
    serializeRange,
  ),
  headerTarget(
    'rtsp/parseRtpInfo',
    rtpInfoCases.map((c) => c.value),
    parseRtpInfo,
    serializeRtpInfo,
  ),
  headerTarget('rtsp/parseCSeq', ['1', '42', '4294967295'], parseCSeq, serializeCSeq),
  headerTarget('rtsp/parseTokenList', ['OPTIONS, DESCRIBE, SETUP', 'play.basic'], parseTokenList, serializeTokenList),
  headerTarget(
    'rtsp/parseRtspUrl',
    ['rtsp://127.0.0.1:8554/test', 'rtsp://admin:p%40ss@192.168.1.64:554/h264?a=1', 'rtsps://[::1]/x'],
    parseRtspUrl,
    // The writer that carries every field: a Request-URI leaves credentials out by default.
    (u) => serializeRtspUrl(u, { credentials: true }),
  ),
  {
    kind: 'parse',
    name: 'rtsp/parseWwwAuthenticate',
    errors: rtspErrors,
    seeds: () => challengeCases.map((c) => enc(c.value)),
    mutators: textMutators,
    parse: (b) => parseWwwAuthenticate(dec(b)),
  },
  {
    kind: 'parse',
    name: 'rtsp/parseAuthorization',
    errors: rtspErrors,
    seeds: () => [enc(digestSetup().header), enc('Basic YWRtaW46c2VjcmV0')],
    mutators: textMutators,
    parse: (b) => parseAuthorization(dec(b)),
    serialize: serializeAuthorization,
    reparse: parseAuthorization,
  },
  {
    kind: 'parse',
    name: 'rtsp/parseBasicCredentials',
    errors: rtspErrors,
    seeds: () => ['YWRtaW46c2VjcmV0', 'OnBhc3M=', 'dXNlcg=='].map(enc),
    mutators: textMutators,
    parse: (b) => parseBasicCredentials(dec(b)) ?? null,
  },
  {
    kind: 'parse',
    name: 'rtsp/AuthServer.verify',
    errors: rtspErrors,
    seeds: () => [enc(digestSetup().header)],
    mutators: textMutators,
    parse: (b) => {
      const { server, uri } = digestSetup();
      return server.verify(
        { method: 'DESCRIBE', uri, headers: [['Authorization', dec(b)]] },
        (u) => (u === 'admin' ? 'secret' : undefined),
        1,
      );
    },
  },

  // ---- http-tunnel
  {
    kind: 'parse',
    name: 'http-tunnel/parseTunnelRequest',
    errors: tunnelErrors,
    seeds: () => requestCases.map((c) => c.bytes),
    mutators: textMutators,
    parse: (b) => parseTunnelRequest(b),
  },
  {
    kind: 'stream',
    feed: 'bytes',
    name: 'http-tunnel/Base64StreamDecoder',
    errors: tunnelErrors,
    seeds: () => [
      ...base64Cases.map((c) => enc(c.text)),
      ...fixtures('http-tunnel', 'post.bin').map((b) => b.subarray(b.indexOf(0x0a, b.indexOf(13, 0)) + 1)),
    ],
    mutators: textMutators,
    open: () => {
      const decoder = new Base64StreamDecoder();
      const parts: number[] = [];
      return {
        push: (chunk) => {
          for (const b of decoder.push(chunk)) parts.push(b);
          return [];
        },
        end: () => [Uint8Array.from(parts), decoder.buffered],
      };
    },
  },

  // ---- websocket
  {
    kind: 'stream',
    feed: 'bytes',
    name: 'websocket/WebSocketFrameReader',
    errors: wsErrors,
    seeds: () => [...frameCases, ...decodeOnlyFrameCases, ...badFrameCases].map((c) => c.bytes),
    mutators: [...byteMutators, wsLengths, wsLengths, wsLengths],
    open: () => {
      const reader = new WebSocketFrameReader();
      return { push: (chunk) => reader.push(chunk) };
    },
  },
  {
    kind: 'stream',
    feed: 'bytes',
    name: 'websocket/WebSocketMessageReader',
    errors: wsErrors,
    seeds: () => [...wsMessageCases, ...badMessageCases].map((c) => c.bytes),
    mutators: [...byteMutators, wsLengths, wsLengths, wsLengths],
    open: () => {
      const reader = new WebSocketMessageReader();
      return { push: (chunk) => reader.push(chunk) };
    },
  },
  {
    kind: 'parse',
    name: 'websocket/parseClosePayload',
    errors: wsErrors,
    seeds: () => [Uint8Array.of(0x03, 0xe8), Uint8Array.of(0x03, 0xe9, 0x62, 0x79, 0x65), new Uint8Array(0)],
    mutators: byteMutators,
    parse: (b) => parseClosePayload(b),
    serialize: (v: { code?: number; reason: string }) => serializeClosePayload(v.code, v.reason),
  },
  {
    kind: 'parse',
    name: 'websocket/parseWspMessage',
    errors: wsErrors,
    seeds: () => [...wspCases, ...decodeOnlyWspCases].map((c) => enc(c.text)),
    mutators: textMutators,
    parse: (b) => parseWspMessage(dec(b)),
    serialize: serializeWspMessage,
    reparse: parseWspMessage,
  },
  {
    kind: 'parse',
    name: 'websocket/handshake',
    errors: wsErrors,
    seeds: () => [enc(upgradeRequest)],
    mutators: textMutators,
    parse: (b) => {
      // How an engine reads the upgrade head: with @rtspkit/rtsp, its error handed on as the
      // WebSocket package's own (docs/architecture.md, "Errors at seams").
      const read = rethrowAs(
        () => parseHttpHead(b),
        (e) => new WebSocketError(WebSocketErrorCode.BadHandshake, e.message, e.offset, { cause: e }),
      );
      if (read === null || read.head.kind !== 'request') return read;
      return validateUpgradeRequest(read.head as Parameters<typeof validateUpgradeRequest>[0]);
    },
  },
];
