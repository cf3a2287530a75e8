import { fromAscii, toAscii, toBase64 } from '@rtspkit/bytes';
import { expectCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  Base64StreamDecoder,
  HttpTunnelError,
  createSessionCookie,
  encodeTunnelMessage,
  parseTunnelRequest,
  serializeHttpError,
  serializePreflightReply,
  serializeTunnelGetReply,
  serializeTunnelGetRequest,
  serializeTunnelPostRequest,
} from '../src/index.js';
import { badBase64Cases, badRequestCases, base64Cases, requestCases } from './cases.js';

describe('request classification', () => {
  for (const c of requestCases) {
    it(c.name, () => {
      const copy = c.bytes.slice();
      const parsed = parseTunnelRequest(c.bytes);
      expect(parsed).not.toBeNull();
      const { request, headLength } = parsed!;
      expect(request.kind).toBe(c.kind);
      if (request.kind === 'tunnel-get' || request.kind === 'tunnel-post') expect(request.cookie).toBe(c.cookie);
      if (c.body !== undefined) expect(toAscii(c.bytes.subarray(headLength))).toBe(c.body);
      expect(c.bytes).toEqual(copy);
    });
  }
  for (const c of badRequestCases) {
    it(`refuses ${c.name}`, () =>
      expectCodecError(() => parseTunnelRequest(c.bytes), { code: c.code, type: HttpTunnelError }));
  }
  it('waits for the blank line', () => {
    expect(parseTunnelRequest(fromAscii('GET / HTTP/1.0\r\nx-sessioncookie: a\r\n'))).toBeNull();
  });
  it('decodes the Base64 OPTIONS FFmpeg and GStreamer send with their POST', () => {
    for (const c of requestCases.filter((r) => r.kind === 'tunnel-post' && r.name.includes('1.'))) {
      const { headLength } = parseTunnelRequest(c.bytes)!;
      const rtsp = toAscii(new Base64StreamDecoder().push(c.bytes.subarray(headLength)));
      expect(rtsp).toMatch(/^OPTIONS rtsp:\/\/127\.0\.0\.1:\d+\/x RTSP\/1\.0\r\nCSeq: 1\r\n/);
      expect(rtsp.endsWith('\r\n\r\n')).toBe(true);
    }
  });
});

describe('Base64StreamDecoder', () => {
  for (const c of base64Cases) {
    it(c.name, () => {
      const d = new Base64StreamDecoder();
      expect(d.push(c.text)).toEqual(c.bytes);
      d.end();
    });
  }
  for (const c of badBase64Cases) {
    it(`refuses ${c.name}, after the whole quanta before it, then stays failed`, () => {
      const d = new Base64StreamDecoder();
      let before: Uint8Array = new Uint8Array(0);
      const e = expectCodecError(
        () => {
          before = d.push(c.text);
          d.push('');
        },
        { code: 'ERR_HTTP_TUNNEL_INVALID_BASE64', offset: c.offset, type: HttpTunnelError },
      );
      expect(e.status).toBe(400);
      expect(toAscii(before)).toBe(c.before);
      expect(d.error).toBe(e);
      expect(() => d.push('YWJj')).toThrow(e);
    });
  }
  it('reports offsets in the whole stream across pushes', () => {
    const d = new Base64StreamDecoder();
    expect(d.push('YWJ')).toEqual(new Uint8Array(0));
    expect(d.buffered).toBe(3);
    expect(d.push('jZA')).toEqual(fromAscii('abc'));
    expectCodecError(
      () => {
        expect(d.push('=!')).toEqual(fromAscii('d'));
        d.push('');
      },
      { code: 'ERR_HTTP_TUNNEL_INVALID_BASE64', offset: 7, type: HttpTunnelError },
    );
  });
  it('end() refuses a stream that stops inside a quantum', () => {
    const d = new Base64StreamDecoder();
    d.push('YWJjZA');
    expectCodecError(() => d.end(), { code: 'ERR_HTTP_TUNNEL_INVALID_BASE64', type: HttpTunnelError });
  });
  it('accepts bytes and limits one push', () => {
    expect(new Base64StreamDecoder().push(fromAscii('YWJj'))).toEqual(fromAscii('abc'));
    const e = expectCodecError(() => new Base64StreamDecoder({ maxPushLength: 8 }).push('YWJjYWJjYWJj'), {
      code: 'ERR_HTTP_TUNNEL_INPUT_TOO_LARGE',
      type: HttpTunnelError,
    });
    expect(e.status).toBe(413);
  });
});

describe('builders', () => {
  it('GET reply head', () => {
    expect(toAscii(serializeTunnelGetReply())).toBe(
      'HTTP/1.0 200 OK\r\nContent-Type: application/x-rtsp-tunnelled\r\nCache-Control: no-cache\r\n' +
        'Pragma: no-cache\r\nConnection: close\r\n\r\n',
    );
  });
  it('error replies with a small body', () => {
    expect(toAscii(serializeHttpError(404, 'no such tunnel'))).toBe(
      'HTTP/1.0 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 15\r\nConnection: close\r\n\r\nno such tunnel\n',
    );
    expect(toAscii(serializeHttpError(405))).toContain('\r\nAllow: GET, POST, OPTIONS\r\n');
    expect(toAscii(serializeHttpError(403))).toMatch(/^HTTP\/1\.0 403 Forbidden\r\n[\s\S]*\r\n\r\nForbidden\n$/);
    expectCodecError(() => serializeHttpError(200), {
      code: 'ERR_HTTP_TUNNEL_INVALID_ARGUMENT',
      type: HttpTunnelError,
    });
  });
  it('preflight reply', () => {
    const text = toAscii(serializePreflightReply('http://a.example'));
    expect(text).toMatch(/^HTTP\/1\.1 204 No Content\r\n/);
    expect(text).toContain('Access-Control-Allow-Origin: http://a.example\r\n');
    expect(text).toContain('Access-Control-Allow-Headers: x-sessioncookie, Content-Type');
    expect(toAscii(serializePreflightReply())).toContain('Access-Control-Allow-Origin: *\r\n');
  });
  it('client GET and POST heads classify as a tunnel pair with the same cookie', () => {
    const cookie = createSessionCookie(() => new Uint8Array(16).fill(0xab));
    expect(cookie).toBe('ab'.repeat(16));
    const get = serializeTunnelGetRequest({ uri: '/cam', cookie, host: '10.0.0.2:554' });
    expect(toAscii(get)).toBe(
      `GET /cam HTTP/1.0\r\nHost: 10.0.0.2:554\r\nx-sessioncookie: ${cookie}\r\n` +
        'Accept: application/x-rtsp-tunnelled\r\nPragma: no-cache\r\nCache-Control: no-cache\r\n\r\n',
    );
    const post = serializeTunnelPostRequest({ uri: '/cam', cookie, userAgent: 'rtspkit' });
    expect(toAscii(post)).toBe(
      `POST /cam HTTP/1.0\r\nUser-Agent: rtspkit\r\nx-sessioncookie: ${cookie}\r\n` +
        'Content-Type: application/x-rtsp-tunnelled\r\nPragma: no-cache\r\nCache-Control: no-cache\r\n' +
        'Content-Length: 32767\r\nExpires: Sun, 9 Jan 1972 00:00:00 GMT\r\n\r\n',
    );
    expect(parseTunnelRequest(get)?.request).toMatchObject({ kind: 'tunnel-get', cookie });
    expect(parseTunnelRequest(post)?.request).toMatchObject({ kind: 'tunnel-post', cookie });
    expect(createSessionCookie()).toMatch(/^[0-9a-f]{32}$/);
    expectCodecError(() => serializeTunnelGetRequest({ uri: '/a b', cookie }), {
      code: 'ERR_HTTP_TUNNEL_INVALID_ARGUMENT',
      type: HttpTunnelError,
    });
    expectCodecError(() => serializeTunnelGetRequest({ uri: '/', cookie: 'a\r\nb' }), {
      code: 'ERR_HTTP_TUNNEL_INVALID_ARGUMENT',
      type: HttpTunnelError,
    });
  });
  it('encodes each message on its own; the decoder reads them back to back', () => {
    const messages = [fromAscii('OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n'), fromAscii('X'), fromAscii('YZ')];
    const stream = messages.map((m) => toAscii(encodeTunnelMessage(m))).join('');
    expect(stream).toBe(messages.map((m) => toBase64(m)).join(''));
    expect(toAscii(new Base64StreamDecoder().push(stream))).toBe('OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\nXYZ');
  });
});
