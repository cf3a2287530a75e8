import { fromAscii, toAscii } from '@rtspkit/bytes';
import fc from 'fast-check';
import { RtspError, parseHttpHead } from '@rtspkit/rtsp';
import { expectCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  RTSP_ONVIF_SUBPROTOCOL,
  WebSocketError,
  answerUpgrade,
  computeAcceptKey,
  createWebSocketKey,
  negotiateSubprotocol,
  serializeUpgradeRequest,
  validateUpgradeRequest,
  validateUpgradeResponse,
} from '../src/index.js';

const head = (text: string) => {
  const parsed = parseHttpHead(fromAscii(text))?.head;
  if (parsed?.kind !== 'request') throw new Error('no request head');
  return parsed;
};

/** The handshake request of RFC 6455 §1.2 (with LF-only lines replaced by CRLF). */
const rfcRequest = [
  'GET /chat HTTP/1.1',
  'Host: server.example.com',
  'Upgrade: websocket',
  'Connection: Upgrade',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  'Origin: http://example.com',
  'Sec-WebSocket-Protocol: chat, superchat',
  'Sec-WebSocket-Version: 13',
  '',
  '',
].join('\r\n');

/** Shaped like Chromium's handshake: header order, extensions offer, one subprotocol. */
const chromiumRequest = [
  'GET /ws HTTP/1.1',
  'Host: 127.0.0.1:40000',
  'Connection: Upgrade',
  'Pragma: no-cache',
  'Cache-Control: no-cache',
  'Upgrade: websocket',
  'Origin: http://127.0.0.1:40000',
  'Sec-WebSocket-Version: 13',
  'Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw==',
  'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits',
  'Sec-WebSocket-Protocol: rtsp.onvif.org',
  '',
  '',
].join('\r\n');

describe('opening handshake', () => {
  it('computes the RFC 6455 §1.3 accept key', () => {
    expect(computeAcceptKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('validates the RFC request and negotiates by server preference', () => {
    const r = validateUpgradeRequest(head(rfcRequest));
    expect(r).toMatchObject({
      uri: '/chat',
      host: 'server.example.com',
      key: 'dGhlIHNhbXBsZSBub25jZQ==',
      protocols: ['chat', 'superchat'],
      origin: 'http://example.com',
    });
    expect(negotiateSubprotocol(r.protocols, ['superchat', 'chat'])).toBe('superchat');
    expect(negotiateSubprotocol(r.protocols, ['other'])).toBeUndefined();
  });

  it('answers with the 101 reply and the chosen subprotocol', () => {
    const d = answerUpgrade(head(chromiumRequest), { protocols: [RTSP_ONVIF_SUBPROTOCOL] });
    expect(d.accepted).toBe(true);
    expect(toAscii(d.reply)).toBe(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${computeAcceptKey('x3JJHMbDL1EzLkh9GBhXDw==')}\r\n` +
        'Sec-WebSocket-Protocol: rtsp.onvif.org\r\n\r\n',
    );
  });

  it('accepts tokens in any case, in lists, in repeated headers', () => {
    const text = rfcRequest
      .replace('Upgrade: websocket', 'upgrade: h2c, WebSocket')
      .replace('Connection: Upgrade', 'Connection: keep-alive\r\nconnection: UPGRADE');
    expect(validateUpgradeRequest(head(text)).key).toBe('dGhlIHNhbXBsZSBub25jZQ==');
  });

  const refusals: Array<[string, string, string, number]> = [
    ['POST', rfcRequest.replace('GET', 'POST'), 'ERR_WS_BAD_HANDSHAKE', 400],
    ['HTTP/1.0', rfcRequest.replace('HTTP/1.1', 'HTTP/1.0'), 'ERR_WS_BAD_HANDSHAKE', 400],
    ['no Host', rfcRequest.replace('Host: server.example.com\r\n', ''), 'ERR_WS_BAD_HANDSHAKE', 400],
    ['Upgrade h2c', rfcRequest.replace('Upgrade: websocket', 'Upgrade: h2c'), 'ERR_WS_BAD_HANDSHAKE', 400],
    ['Connection close', rfcRequest.replace('Connection: Upgrade', 'Connection: close'), 'ERR_WS_BAD_HANDSHAKE', 400],
    ['version 8', rfcRequest.replace('Version: 13', 'Version: 8'), 'ERR_WS_UNSUPPORTED_VERSION', 400],
    ['short key', rfcRequest.replace('dGhlIHNhbXBsZSBub25jZQ==', 'dGhlIHNhbXBsZQ=='), 'ERR_WS_BAD_HANDSHAKE', 400],
    ['key with bits past 16 bytes', rfcRequest.replace('ZQ==', 'ZR=='), 'ERR_WS_BAD_HANDSHAKE', 400],
  ];
  for (const [name, text, code, status] of refusals) {
    it(`refuses ${name}`, () => {
      const d = answerUpgrade(head(text));
      expect(d.accepted).toBe(false);
      if (d.accepted) return;
      expect([d.error.code, d.status]).toEqual([code, status]);
      const reply = toAscii(d.reply);
      expect(reply.startsWith(`HTTP/1.1 ${status} `)).toBe(true);
      expect(reply).toContain('Sec-WebSocket-Version: 13\r\n');
    });
  }

  it('refuses a disallowed origin with 403', () => {
    const d = answerUpgrade(head(rfcRequest), { checkOrigin: (o) => o === 'https://allowed.example' });
    expect(d.accepted).toBe(false);
    if (d.accepted) return;
    expect(d.status).toBe(403);
    expect(toAscii(d.reply)).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(toAscii(d.reply)).not.toContain('Sec-WebSocket-Version');
  });

  it('client request and reply validation round trip', () => {
    const key = createWebSocketKey(() => new Uint8Array(16).fill(7));
    expect(key).toBe('BwcHBwcHBwcHBwcHBwcHBw==');
    const request = serializeUpgradeRequest({
      host: '127.0.0.1:8554',
      uri: '/cam?token=abc',
      key,
      protocols: [RTSP_ONVIF_SUBPROTOCOL],
      origin: 'http://127.0.0.1',
    });
    const d = answerUpgrade(head(toAscii(request)), { protocols: [RTSP_ONVIF_SUBPROTOCOL] });
    if (!d.accepted) throw d.error;
    const reply = parseHttpHead(d.reply);
    const replyHead = reply?.head;
    if (replyHead?.kind !== 'response') throw new Error('no reply head');
    expect(reply?.headLength).toBe(d.reply.length);
    expect(validateUpgradeResponse(replyHead, { key, protocols: [RTSP_ONVIF_SUBPROTOCOL] })).toEqual({
      protocol: RTSP_ONVIF_SUBPROTOCOL,
    });
    expectCodecError(() => validateUpgradeResponse(replyHead, { key: 'AAAAAAAAAAAAAAAAAAAAAA==' }), {
      code: 'ERR_WS_BAD_HANDSHAKE',
      type: WebSocketError,
    });
    const e = expectCodecError(() => validateUpgradeResponse(replyHead, { key }), {
      code: 'ERR_WS_BAD_HANDSHAKE',
      type: WebSocketError,
    });
    expect(e.message).toContain('not offered');
  });

  it('reads its heads with parseHttpHead of @rtspkit/rtsp: null until the blank line', () => {
    expect(parseHttpHead(fromAscii('GET / HTTP/1.1\r\nHost: a\r\n'))).toBeNull();
    expect(() => parseHttpHead(fromAscii('GET / HTTP/1.1\r\nbad header line\r\n\r\n'))).toThrow(RtspError);
  });

  it('arbitrary heads only ever give WebSocketError once parsed', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, prefix) => {
        const input = prefix ? new Uint8Array([...fromAscii('GET / HTTP/1.1\r\n'), ...bytes]) : bytes;
        let parsed: ReturnType<typeof parseHttpHead>;
        try {
          parsed = parseHttpHead(input, { maxHeaderBytes: 200 });
        } catch (e) {
          expect(e).toBeInstanceOf(RtspError);
          return;
        }
        try {
          if (parsed?.head.kind === 'request') answerUpgrade(parsed.head);
          if (parsed?.head.kind === 'response')
            validateUpgradeResponse(parsed.head, { key: 'dGhlIHNhbXBsZSBub25jZQ==' });
        } catch (e) {
          expect(e).toBeInstanceOf(WebSocketError);
        }
      }),
      { examples: [[fromAscii(rfcRequest), false]] },
    );
  });
});
