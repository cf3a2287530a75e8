import { concat, fromAscii, toAscii } from '@rtspkit/bytes';
import { expectCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  getHeader,
  getHeaderValues,
  parseMessageHead,
  parseRequest,
  parseResponse,
  RtspError,
  serializeRequest,
  serializeResponse,
} from '../src/index.js';
import { crlf, growingHead, invalidMessageCases, messageCases } from './cases.js';

function parseAny(wire: Uint8Array) {
  const head = parseMessageHead(wire);
  return head?.message.kind === 'request' ? parseRequest(wire) : parseResponse(wire);
}

describe('message case table', () => {
  for (const c of messageCases) {
    it(`parses ${c.name}`, () => {
      const copy = c.wire.slice();
      expect(parseAny(c.wire)).toEqual(c.message);
      expect(c.wire).toEqual(copy);
    });
    if (!c.decodeOnly) {
      it(`serializes ${c.name}`, () => {
        const m = c.message;
        const out = m.kind === 'request' ? serializeRequest(m) : serializeResponse(m);
        expect(toAscii(out)).toBe(toAscii(c.wire));
      });
    }
  }

  it('body is a view aliasing the input', () => {
    const c = messageCases.find((m) => m.name.startsWith('DESCRIBE'))!;
    const m = parseResponse(c.wire);
    expect(m.body.buffer).toBe(c.wire.buffer);
  });

  for (const c of invalidMessageCases) {
    it(`refuses ${c.name}`, () => {
      expectCodecError(() => parseAny(c.wire), { code: c.code, offset: c.offset, type: RtspError });
    });
  }

  it('refuses a head whose canonical form exceeds maxHeaderBytes, and reads it back within the limit', () => {
    expectCodecError(() => parseRequest(growingHead.wire, { maxHeaderBytes: growingHead.maxHeaderBytes }), {
      code: 'ERR_RTSP_HEADERS_TOO_LARGE',
      type: RtspError,
    });
    const m = parseRequest(growingHead.wire, { maxHeaderBytes: 82 });
    expect(parseRequest(serializeRequest(m), { maxHeaderBytes: 82 })).toEqual(m);
  });

  it('parseRequest refuses a response and parseResponse a request', () => {
    expectCodecError(() => parseRequest(crlf('RTSP/1.0 200 OK\n\n')), {
      code: 'ERR_RTSP_UNEXPECTED_KIND',
      type: RtspError,
    });
    expectCodecError(() => parseResponse(crlf('OPTIONS * RTSP/1.0\n\n')), {
      code: 'ERR_RTSP_UNEXPECTED_KIND',
      type: RtspError,
    });
  });
});

describe('parseMessageHead', () => {
  const wire = crlf('POST /test HTTP/1.0\nx-sessioncookie: abc\nContent-Length: 32767\n\nT1BUSU9OUyBydHNw');

  it('returns null until the blank line, then the head length', () => {
    for (let n = 0; n < 68; n++) expect(parseMessageHead(wire.subarray(0, n))).toBeNull();
    const head = parseMessageHead(wire);
    expect(head?.headLength).toBe(68);
    expect(head?.message).toMatchObject({ kind: 'request', method: 'POST', uri: '/test', version: 'HTTP/1.0' });
    expect(head?.message.body.length).toBe(0);
    expect(toAscii(wire.subarray(head?.headLength))).toBe('T1BUSU9OUyBydHNw');
  });

  it('checks limits on an incomplete head', () => {
    const long = fromAscii(`OPTIONS rtsp://cam/${'a'.repeat(200)} RTSP/1.0`);
    const e = expectCodecError(() => parseMessageHead(long, { maxStartLineBytes: 100 }), {
      code: 'ERR_RTSP_START_LINE_TOO_LONG',
      offset: 100,
      type: RtspError,
    });
    expect(e.status).toBe(414);
    const many = crlf(`OPTIONS * RTSP/1.0\n${'X-A: 1\n'.repeat(100)}`);
    const h = expectCodecError(() => parseMessageHead(many, { maxHeaderBytes: 300, maxStartLineBytes: 100 }), {
      code: 'ERR_RTSP_HEADERS_TOO_LARGE',
      offset: 300,
      type: RtspError,
    });
    expect(h.status).toBe(431);
  });

  it('limits header count and body size', () => {
    const many = crlf(`OPTIONS * RTSP/1.0\n${'X-A: 1\n'.repeat(5)}\n`);
    const e = expectCodecError(() => parseMessageHead(many, { maxHeaderCount: 4 }), {
      code: 'ERR_RTSP_TOO_MANY_HEADERS',
      type: RtspError,
    });
    expect(e.status).toBe(431);
    const big = crlf('ANNOUNCE rtsp://cam/ RTSP/1.0\nContent-Length: 2000\n\n');
    const b = expectCodecError(() => parseMessageHead(big, { maxBodyBytes: 1000 }), {
      code: 'ERR_RTSP_BODY_TOO_LARGE',
      type: RtspError,
    });
    expect(b.status).toBe(413);
  });
});

describe('headers', () => {
  const headers = [
    ['CSeq', '1'],
    ['User-Agent', 'a'],
    ['user-agent', 'b'],
  ] as const;

  it('looks names up case-insensitively, first value or all values', () => {
    expect(getHeader(headers, 'cseq')).toBe('1');
    expect(getHeader(headers, 'USER-AGENT')).toBe('a');
    expect(getHeader(headers, 'Session')).toBeUndefined();
    expect(getHeaderValues(headers, 'User-Agent')).toEqual(['a', 'b']);
    expect(getHeaderValues(headers, 'Session')).toEqual([]);
  });
});

describe('serialize', () => {
  it('replaces Content-Length with the body length, keeps it with an empty body', () => {
    const body = fromAscii('hello');
    const out = serializeRequest({
      method: 'SET_PARAMETER',
      uri: 'rtsp://cam/',
      version: 'RTSP/1.0',
      headers: [
        ['Content-Length', '99'],
        ['CSeq', '2'],
      ],
      body,
    });
    expect(toAscii(out)).toBe('SET_PARAMETER rtsp://cam/ RTSP/1.0\r\nCSeq: 2\r\nContent-Length: 5\r\n\r\nhello');
    const post = serializeRequest({
      method: 'POST',
      uri: '/x',
      version: 'HTTP/1.0',
      headers: [['Content-Length', '32767']],
      body: new Uint8Array(0),
    });
    expect(toAscii(post)).toBe('POST /x HTTP/1.0\r\nContent-Length: 32767\r\n\r\n');
  });

  it('writes UTF-8 header values and reads them back', () => {
    const m = {
      kind: 'response',
      version: 'RTSP/2.0',
      status: 200,
      reason: 'OK',
      headers: [['Server', 'caméra']],
      body: new Uint8Array(0),
    } as const;
    expect(parseResponse(serializeResponse(m))).toEqual(m);
  });

  it('refuses what it cannot write canonically', () => {
    const base = {
      method: 'OPTIONS',
      uri: '*',
      version: 'RTSP/1.0',
      headers: [] as [string, string][],
      body: new Uint8Array(0),
    };
    expectCodecError(() => serializeRequest({ ...base, method: 'BAD METHOD' }), {
      code: 'ERR_RTSP_INVALID_MESSAGE',
      type: RtspError,
    });
    expectCodecError(() => serializeRequest({ ...base, uri: 'a b' }), {
      code: 'ERR_RTSP_INVALID_MESSAGE',
      type: RtspError,
    });
    expectCodecError(() => serializeRequest({ ...base, version: 'RTSP/3.0' }), {
      code: 'ERR_RTSP_INVALID_MESSAGE',
      type: RtspError,
    });
    expectCodecError(() => serializeRequest({ ...base, headers: [['X', 'a\r\nInjected: 1']] }), {
      code: 'ERR_RTSP_INVALID_MESSAGE',
      type: RtspError,
    });
    expectCodecError(() => serializeRequest({ ...base, headers: [['Bad Name', 'a']] }), {
      code: 'ERR_RTSP_INVALID_MESSAGE',
      type: RtspError,
    });
    expectCodecError(
      () => serializeResponse({ version: 'RTSP/1.0', status: 1000, reason: '', headers: [], body: new Uint8Array(0) }),
      { code: 'ERR_RTSP_INVALID_MESSAGE', type: RtspError },
    );
  });

  it('writes a request that parses back with its body', () => {
    const body = concat(fromAscii('v=0\r\n'), new Uint8Array([0, 255]));
    const m = {
      kind: 'request',
      method: 'ANNOUNCE',
      uri: 'rtsp://cam/live',
      version: 'RTSP/1.0',
      headers: [['CSeq', '3']],
      body,
    } as const;
    expect(parseRequest(serializeRequest(m))).toEqual({
      ...m,
      headers: [
        ['CSeq', '3'],
        ['Content-Length', '7'],
      ],
    });
  });
});
