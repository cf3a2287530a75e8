import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromBase64, toAscii } from '@rtspkit/bytes';
import { describe, expect, it } from 'vitest';
import {
  AuthClient,
  AuthServer,
  digestResponse,
  getHeader,
  getHeaderValues,
  MessageReader,
  parseAuthorization,
  parseMessageHead,
  parseWwwAuthenticate,
  type RtspResponse,
} from '../src/index.js';
import { checkSession, readStream } from './session-checks.js';

const dir = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures');
const load = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
const METHODS = ['OPTIONS', 'DESCRIBE', 'SETUP', 'PLAY', 'TEARDOWN'];

describe('captured sessions against gst-rtsp-server', () => {
  it('ffmpeg 5.1 over TCP', () => {
    checkSession(readStream(load('ffmpeg-tcp-0-client.bin')), readStream(load('ffmpeg-tcp-0-server.bin')), METHODS);
  });

  it('GStreamer 1.22 rtspsrc over TCP: two User-Agent headers, RealMedia leftovers', () => {
    const { requests } = checkSession(
      readStream(load('gst-tcp-0-client.bin')),
      readStream(load('gst-tcp-0-server.bin')),
      METHODS,
    );
    expect(getHeaderValues(requests[0]!.headers, 'user-agent')).toHaveLength(2);
    expect(getHeader(requests[0]!.headers, 'ClientChallenge')).toBe('9e26d33f2984236010ef6253fb1887f7');
  });

  it('ffmpeg over the HTTP tunnel: GET down, POST up with Base64 padded mid-stream', () => {
    const get = parseMessageHead(load('ffmpeg-http-0-client.bin'))!;
    expect(get.message).toMatchObject({ kind: 'request', method: 'GET', version: 'HTTP/1.1' });
    const cookie = getHeader(get.message.headers, 'x-sessioncookie');
    expect(getHeader(get.message.headers, 'Accept')).toBe('application/x-rtsp-tunnelled');

    const postBytes = load('ffmpeg-http-1-client.bin');
    const post = parseMessageHead(postBytes)!;
    expect(post.message).toMatchObject({ kind: 'request', method: 'POST' });
    expect(getHeader(post.message.headers, 'x-sessioncookie')).toBe(cookie);
    // The announced length is fiction: the body is whatever follows, Base64 per message.
    expect(getHeader(post.message.headers, 'Content-Length')).toBe('32767');
    const text = toAscii(postBytes.subarray(post.headLength));
    expect(text.indexOf('=')).toBeLessThan(text.length - 4);
    const quanta = text.match(/.{4}/g)!;
    expect(quanta.join('')).toBe(text);
    const reader = new MessageReader();
    const upstream = quanta.flatMap((q) => reader.push(fromBase64(q)));

    // The GET connection's answer: one HTTP head without Content-Length, then the RTSP stream.
    const down = readStream(load('ffmpeg-http-0-server.bin'));
    const http = down[0] as RtspResponse;
    expect(http).toMatchObject({ kind: 'response', version: 'HTTP/1.1', status: 200 });
    expect(getHeader(http.headers, 'Content-Type')).toBe('application/x-rtsp-tunnelled');
    expect(getHeader(http.headers, 'Content-Length')).toBeUndefined();
    checkSession(upstream, down.slice(1), METHODS);
  });

  describe('ffmpeg answering gst-rtsp-server Digest (RFC 2069 style, no qop)', () => {
    const client = readStream(load('ffmpeg-digest-0-client.bin'));
    const server = readStream(load('ffmpeg-digest-0-server.bin'));
    const challengeResponse = server.find((i): i is RtspResponse => i.kind === 'response' && i.status === 401)!;
    const [challenge] = parseWwwAuthenticate(getHeader(challengeResponse.headers, 'WWW-Authenticate')!);
    const authorized = client.filter(
      (i) => i.kind === 'request' && getHeader(i.headers, 'Authorization') !== undefined,
    );

    it('reads the whole exchange, 401 included', () => {
      const { responses } = checkSession(client, server, [
        'OPTIONS',
        'DESCRIBE',
        'DESCRIBE',
        'SETUP',
        'PLAY',
        'TEARDOWN',
      ]);
      expect(responses.map((r) => r.status)).toEqual([200, 401, 200, 200, 200].slice(0, responses.length));
      expect(challenge).toEqual({
        scheme: 'Digest',
        params: { realm: 'GStreamer RTSP Server', nonce: challenge!.params.nonce },
      });
    });

    it("reproduces every response ffmpeg computed for the request's own uri", () => {
      expect(authorized.length).toBe(4);
      const uris = new Set<string>();
      for (const r of authorized) {
        if (r.kind !== 'request') continue;
        const a = parseAuthorization(getHeader(r.headers, 'Authorization')!);
        uris.add(a.params.uri === r.uri ? 'same' : 'base');
        const input = {
          algorithm: 'MD5' as const,
          username: 'user',
          password: 'secret',
          realm: a.params.realm!,
          nonce: a.params.nonce!,
        };
        expect(digestResponse({ ...input, method: r.method, uri: a.params.uri! })).toBe(a.params.response);
      }
      expect(uris).toEqual(new Set(['same']));
    });

    it('AuthClient answers the captured challenge exactly like ffmpeg', () => {
      const auth = new AuthClient({ username: 'user', password: 'secret' });
      expect(auth.handleUnauthorized(challengeResponse.headers)).toBe(true);
      for (const r of authorized) {
        if (r.kind !== 'request') continue;
        const sent = parseAuthorization(getHeader(r.headers, 'Authorization')!);
        expect(parseAuthorization(auth.authorization(r.method, sent.params.uri!)!).params).toEqual(sent.params);
      }
    });

    it('AuthServer accepts what ffmpeg sent when it issued the same nonce', () => {
      const nonce = challenge!.params.nonce!;
      const bytes = Uint8Array.from(nonce.match(/../g)!, (h) => Number.parseInt(h, 16));
      const authServer = new AuthServer({
        realm: 'GStreamer RTSP Server',
        algorithms: ['MD5'],
        qop: false,
        randomBytes: () => bytes,
      });
      expect(authServer.challenges(0)).toEqual([
        `Digest realm="GStreamer RTSP Server", nonce="${nonce}", algorithm=MD5`,
      ]);
      for (const r of authorized) {
        if (r.kind !== 'request') continue;
        expect(authServer.verify(r, (u) => (u === 'user' ? 'secret' : undefined), 1000)).toEqual({
          ok: true,
          username: 'user',
          scheme: 'Digest',
        });
      }
    });
  });
});
