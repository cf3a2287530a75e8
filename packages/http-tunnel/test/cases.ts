import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromAscii } from '@rtspkit/bytes';

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', name)));

/** Tunnel request heads ⇄ classification, from captures and hand-written quirks. */
export const requestCases: Array<{
  name: string;
  bytes: Uint8Array;
  kind: 'tunnel-get' | 'tunnel-post' | 'preflight' | 'http';
  cookie?: string;
  /** Base64 body that came with the head, in the same read. */
  body?: string;
}> = [
  {
    name: 'FFmpeg 5.1 GET (HTTP/1.1, Range and Icy-MetaData from its HTTP layer)',
    bytes: fixture('ffmpeg-5.1-0-get.bin'),
    kind: 'tunnel-get',
    cookie: 'c14a2cebc42cb5db',
  },
  {
    name: 'FFmpeg 5.1 POST with the Base64 OPTIONS in the same read',
    bytes: fixture('ffmpeg-5.1-1-post.bin'),
    kind: 'tunnel-post',
    cookie: 'c14a2cebc42cb5db',
    body: 'T1BUSU9OUyBydHNwOi8vMTI3LjAuMC4xOjM1OTMxL3ggUlRTUC8xLjANCkNTZXE6IDENClVzZXItQWdlbnQ6IExhdmY1OS4yNy4xMDANCg0K',
  },
  {
    name: 'GStreamer 1.22 GET (HTTP/1.0, Date header)',
    bytes: fixture('gstreamer-1.22-0-get.bin'),
    kind: 'tunnel-get',
    cookie: 'dhmkyvwbadjvmbnecwxnndv',
  },
  {
    name: 'GStreamer 1.22 POST (also sends Accept; RealMedia headers in the OPTIONS inside)',
    bytes: fixture('gstreamer-1.22-1-post.bin'),
    kind: 'tunnel-post',
    cookie: 'dhmkyvwbadjvmbnecwxnndv',
  },
  {
    name: 'GET accepting "Tunneled" in mixed case, header names in odd case',
    bytes: fromAscii('GET /cam HTTP/1.0\r\nACCEPT: Application/X-RTSP-Tunneled\r\nx-SessionCookie: abc\r\n\r\n'),
    kind: 'tunnel-get',
    cookie: 'abc',
  },
  {
    name: 'GET with only x-sessioncookie (some cameras omit Accept)',
    bytes: fromAscii('GET /cam HTTP/1.1\r\nx-sessioncookie: k1\r\n\r\n'),
    kind: 'tunnel-get',
    cookie: 'k1',
  },
  {
    name: 'POST with "tunneled" content type and LF-only lines',
    bytes: fromAscii('POST /cam HTTP/1.0\nContent-Type: application/x-rtsp-tunneled\nx-sessioncookie: k1\n\n'),
    kind: 'tunnel-post',
    cookie: 'k1',
  },
  {
    name: 'CORS preflight',
    bytes: fromAscii(
      'OPTIONS /cam HTTP/1.1\r\nOrigin: http://a.example\r\nAccess-Control-Request-Method: POST\r\n\r\n',
    ),
    kind: 'preflight',
  },
  { name: 'plain page GET', bytes: fromAscii('GET / HTTP/1.1\r\nHost: a\r\n\r\n'), kind: 'http' },
  {
    name: 'POST of a form',
    bytes: fromAscii('POST /login HTTP/1.1\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n'),
    kind: 'http',
  },
];

/** Requests that must be refused, with the error code. */
export const badRequestCases: Array<{ name: string; bytes: Uint8Array; code: string }> = [
  {
    name: 'tunnel GET without cookie',
    bytes: fromAscii('GET / HTTP/1.0\r\nAccept: application/x-rtsp-tunnelled\r\n\r\n'),
    code: 'ERR_HTTP_TUNNEL_MISSING_COOKIE',
  },
  {
    name: 'tunnel POST with empty cookie',
    bytes: fromAscii('POST / HTTP/1.0\r\nContent-Type: application/x-rtsp-tunnelled\r\nx-sessioncookie:\r\n\r\n'),
    code: 'ERR_HTTP_TUNNEL_MISSING_COOKIE',
  },
  {
    name: 'RTSP version',
    bytes: fromAscii('OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n'),
    code: 'ERR_HTTP_TUNNEL_BAD_HEAD',
  },
  { name: 'a response', bytes: fromAscii('HTTP/1.0 200 OK\r\n\r\n'), code: 'ERR_HTTP_TUNNEL_BAD_HEAD' },
  { name: 'garbage start line', bytes: fromAscii('\x16\x03\x01 hello\r\n\r\n'), code: 'ERR_HTTP_TUNNEL_BAD_HEAD' },
];

/** Base64 streams as clients send them, and what they decode to. */
export const base64Cases: Array<{ name: string; text: string; bytes: Uint8Array }> = [
  { name: 'one message, no padding', text: 'T1BUSU9OUyAq', bytes: fromAscii('OPTIONS *') },
  {
    name: 'two messages each padded (FFmpeg encodes each on its own)',
    text: 'YQ==YmM=ZGVm',
    bytes: fromAscii('abcdef'),
  },
  { name: 'CRLF every 76 characters (MIME-style encoders)', text: 'YWJj\r\nZGVm\r\n', bytes: fromAscii('abcdef') },
  { name: 'spaces and tabs between quanta', text: 'YW Jj\tZG\nVm', bytes: fromAscii('abcdef') },
  { name: 'empty', text: '', bytes: new Uint8Array(0) },
  { name: 'padding split by whitespace', text: 'YQ=\r\n=YQ==', bytes: fromAscii('aa') },
];

/**
 * Base64 streams to refuse, with the character offset of the fault and the bytes of the
 * whole quanta before it, which the decoder hands out before failing.
 */
export const badBase64Cases: Array<{ name: string; text: string; offset: number; before: string }> = [
  { name: 'character outside the alphabet', text: 'YWJj*GVm', offset: 4, before: 'abc' },
  { name: 'base64url character', text: 'YW-j', offset: 2, before: '' },
  { name: '"=" after one character of a quantum', text: 'YWJjZ=', offset: 5, before: 'abc' },
  { name: '"=" at the start', text: '=YWJ', offset: 0, before: '' },
  { name: 'second pad replaced by data', text: 'YQ=YWJj', offset: 3, before: 'a' },
  { name: 'non-ASCII', text: 'YWJj\u00e9', offset: 4, before: 'abc' },
];
