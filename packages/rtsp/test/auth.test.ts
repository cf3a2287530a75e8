import { expectCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  AuthClient,
  AuthServer,
  basicCredentials,
  constantTimeEqual,
  digestResponse,
  parseAuthorization,
  parseBasicCredentials,
  parseWwwAuthenticate,
  RtspError,
  type RtspHeaders,
  selectChallenge,
} from '../src/index.js';

// RFC 7616 §3.9.1.
const rfc7616 = {
  username: 'Mufasa',
  password: 'Circle of Life',
  realm: 'http-auth@example.org',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
  method: 'GET',
  uri: '/dir/index.html',
  qop: 'auth',
  nc: '00000001',
} as const;

/** Deterministic "randomness": 0, 1, 2, … */
function counterBytes(): (n: number) => Uint8Array {
  let next = 0;
  return (n) => Uint8Array.from({ length: n }, () => next++ & 0xff);
}

describe('Digest response', () => {
  it('reproduces RFC 7616 §3.9.1 (MD5)', () => {
    expect(digestResponse({ ...rfc7616, algorithm: 'MD5' })).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });
  it('reproduces RFC 7616 §3.9.1 (SHA-256)', () => {
    expect(digestResponse({ ...rfc7616, algorithm: 'SHA-256' })).toBe(
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    );
  });
  it('reproduces RFC 2617 §3.5 (the password is "Circle Of Life", RFC 2617 erratum 1649)', () => {
    const r = digestResponse({
      algorithm: 'MD5',
      username: 'Mufasa',
      password: 'Circle Of Life',
      realm: 'testrealm@host.com',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      method: 'GET',
      uri: '/dir/index.html',
      qop: 'auth',
      nc: '00000001',
      cnonce: '0a4f113b',
    });
    expect(r).toBe('6629fae49393a05397450978507c4ef1');
  });
  it('-sess variants differ from the plain ones and depend on the cnonce', () => {
    const plain = digestResponse({ ...rfc7616, algorithm: 'SHA-256' });
    const sess = digestResponse({ ...rfc7616, algorithm: 'SHA-256-sess' });
    expect(sess).toMatch(/^[0-9a-f]{64}$/);
    expect(sess).not.toBe(plain);
    expect(digestResponse({ ...rfc7616, algorithm: 'MD5-sess', cnonce: 'x' })).not.toBe(
      digestResponse({ ...rfc7616, algorithm: 'MD5-sess' }),
    );
  });
  it('constant-time comparison is still a comparison', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'ab')).toBe(false);
    expect(constantTimeEqual('ab', 'abc')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});

describe('Basic', () => {
  it('encodes RFC 7617 §2 and decodes it', () => {
    expect(basicCredentials('Aladdin', 'open sesame')).toBe('QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
    expect(parseBasicCredentials('QWxhZGRpbjpvcGVuIHNlc2FtZQ==')).toEqual({
      username: 'Aladdin',
      password: 'open sesame',
    });
    expect(parseBasicCredentials(basicCredentials('ü', 'a:b'))).toEqual({ username: 'ü', password: 'a:b' });
  });
  it('refuses a token that is not Base64 with its own code (fuzzer findings "y", "g")', () => {
    for (const token of ['y', 'g'])
      expectCodecError(() => parseBasicCredentials(token), { code: 'ERR_RTSP_INVALID_AUTH_HEADER', type: RtspError });
  });
});

describe('AuthClient', () => {
  const challenge = (value: string): RtspHeaders => [['WWW-Authenticate', value]];

  it('answers the RFC 7616 SHA-256 challenge exactly', () => {
    const client = new AuthClient(rfc7616, {
      randomBytes: () => new Uint8Array(0),
    });
    const ok = client.handleUnauthorized([
      [
        'WWW-Authenticate',
        `Digest realm="${rfc7616.realm}", qop="auth, auth-int", algorithm=MD5, nonce="${rfc7616.nonce}", opaque="${rfc7616.opaque}"`,
      ],
      [
        'WWW-Authenticate',
        `Digest realm="${rfc7616.realm}", qop="auth, auth-int", algorithm=SHA-256, nonce="${rfc7616.nonce}", opaque="${rfc7616.opaque}"`,
      ],
    ]);
    expect(ok).toBe(true);
    expect(client.scheme).toBe('Digest SHA-256');
    const h = parseAuthorization(client.authorization('GET', '/dir/index.html')!);
    // The cnonce comes from randomBytes (empty here), so recompute with it.
    expect(h.params).toMatchObject({
      username: 'Mufasa',
      qop: 'auth',
      nc: '00000001',
      algorithm: 'SHA-256',
      opaque: rfc7616.opaque,
    });
    expect(h.params.response).toBe(digestResponse({ ...rfc7616, algorithm: 'SHA-256', cnonce: h.params.cnonce! }));
  });

  it('prefers Digest over Basic, SHA-256 over MD5, skips auth-int only and unknown algorithms', () => {
    const pick = (v: string) => {
      const c = selectChallenge(parseWwwAuthenticate(v));
      return c && `${c.scheme} ${c.params.algorithm ?? ''}`.trim();
    };
    expect(pick('Basic realm="a", Digest realm="a", nonce="n"')).toBe('Digest');
    expect(pick('Digest realm="a", nonce="n", algorithm=MD5, Digest realm="a", nonce="n", algorithm=SHA-256')).toBe(
      'Digest SHA-256',
    );
    expect(pick('Digest realm="a", nonce="n", qop="auth-int", Basic realm="a"')).toBe('Basic');
    expect(pick('Digest realm="a", nonce="n", algorithm=SHA-512-256')).toBeUndefined();
    expect(pick('Negotiate abc')).toBeUndefined();
  });

  it('counts nc per nonce, restarts on a stale nonce, gives up on a refused one', () => {
    const client = new AuthClient({ username: 'u', password: 'p' }, { randomBytes: counterBytes() });
    expect(client.authorization('OPTIONS', '*')).toBeUndefined();
    expect(client.handleUnauthorized(challenge('Digest realm="r", nonce="n1", qop="auth"'))).toBe(true);
    const nc = (v: string | undefined) => parseAuthorization(v!).params.nc;
    expect(nc(client.authorization('DESCRIBE', 'rtsp://cam/a'))).toBe('00000001');
    expect(nc(client.authorization('SETUP', 'rtsp://cam/a/t1'))).toBe('00000002');
    // Same nonce refused again: wrong password.
    expect(client.handleUnauthorized(challenge('Digest realm="r", nonce="n1", qop="auth"'))).toBe(false);
    expect(client.handleUnauthorized(challenge('Digest realm="r", nonce="n2", qop="auth", stale=TRUE'))).toBe(true);
    expect(nc(client.authorization('PLAY', 'rtsp://cam/a'))).toBe('00000001');
    expect(client.handleUnauthorized(challenge('Digest realm="r", nonce="n2", qop="auth", stale=true'))).toBe(true);
  });

  it('answers RFC 2069 challenges without qop (Dahua, scottlamb/retina#62)', () => {
    const client = new AuthClient({ username: 'admin', password: 'pw' });
    client.handleUnauthorized(
      challenge('Digest realm="Login to 4K01FD2PAJ6E3FF", nonce="203c8d27b595204504dfa65fd22586bd"'),
    );
    const uri = 'rtsp://192.168.8.20:554/cam/realmonitor?channel=1&subtype=0';
    const h = parseAuthorization(client.authorization('DESCRIBE', uri)!);
    expect(h.params.qop).toBeUndefined();
    expect(h.params.nc).toBeUndefined();
    expect(h.params.response).toBe(
      digestResponse({
        algorithm: 'MD5',
        username: 'admin',
        password: 'pw',
        realm: 'Login to 4K01FD2PAJ6E3FF',
        nonce: '203c8d27b595204504dfa65fd22586bd',
        method: 'DESCRIBE',
        uri,
      }),
    );
  });

  it('sends Basic when it is all that is offered, unless disallowed', () => {
    const client = new AuthClient({ username: 'Aladdin', password: 'open sesame' });
    expect(client.handleUnauthorized(challenge('Basic realm="IP Camera(L4906)"'))).toBe(true);
    expect(client.authorization('DESCRIBE', 'rtsp://cam/')).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
    expect(client.handleUnauthorized(challenge('Basic realm="IP Camera(L4906)"'))).toBe(false);
    const strict = new AuthClient({ username: 'a', password: 'b' }, { allowBasic: false });
    expect(strict.handleUnauthorized(challenge('Basic realm="x"'))).toBe(false);
  });
});

describe('AuthServer', () => {
  const users = new Map([['admin', 'secret']]);
  const lookup = (u: string) => users.get(u);
  const request = (method: string, uri: string, authorization?: string) => ({
    method,
    uri,
    headers: authorization === undefined ? [] : ([['Authorization', authorization]] as const),
  });

  function handshake(options: ConstructorParameters<typeof AuthServer>[0], now = 1000) {
    const server = new AuthServer({ randomBytes: counterBytes(), ...options });
    const client = new AuthClient({ username: 'admin', password: 'secret' }, { randomBytes: counterBytes() });
    client.handleUnauthorized(server.challenges(now).map((v) => ['WWW-Authenticate', v] as const));
    return { server, client };
  }

  it('offers MD5 first, then SHA-256, with qop and a 32-hex nonce', () => {
    const server = new AuthServer({ realm: 'rtspkit', randomBytes: counterBytes() });
    const values = server.challenges(0);
    expect(values).toEqual([
      'Digest realm="rtspkit", nonce="000102030405060708090a0b0c0d0e0f", algorithm=MD5, qop="auth"',
      'Digest realm="rtspkit", nonce="000102030405060708090a0b0c0d0e0f", algorithm=SHA-256, qop="auth"',
    ]);
    expect(server.verify(request('OPTIONS', '*'), lookup, 0)).toEqual({ ok: false, reason: 'missing' });
  });

  for (const algorithms of [['MD5'], ['SHA-256'], ['MD5-sess'], ['SHA-256-sess']] as const) {
    it(`verifies a client round trip with ${algorithms[0]}, then refuses a replay`, () => {
      const { server, client } = handshake({ realm: 'rtspkit', algorithms });
      const auth = client.authorization('DESCRIBE', 'rtsp://127.0.0.1:8554/test')!;
      expect(server.verify(request('DESCRIBE', 'rtsp://127.0.0.1:8554/test', auth), lookup, 2000)).toEqual({
        ok: true,
        username: 'admin',
        scheme: 'Digest',
      });
      expect(server.verify(request('DESCRIBE', 'rtsp://127.0.0.1:8554/test', auth), lookup, 2000)).toEqual({
        ok: false,
        reason: 'replay',
      });
      const next = client.authorization('SETUP', 'rtsp://127.0.0.1:8554/test/stream=0')!;
      expect(server.verify(request('SETUP', 'rtsp://127.0.0.1:8554/test/stream=0', next), lookup, 3000).ok).toBe(true);
    });
  }

  it('accepts the uri forms clients send: absolute, path, base with or without slash', () => {
    const { server, client } = handshake({ realm: 'r' });
    const target = 'rtsp://127.0.0.1:8554/test/stream=0';
    for (const uri of [target, '/test/stream=0', 'rtsp://127.0.0.1:8554/test/', 'rtsp://127.0.0.1:8554/test']) {
      expect(server.verify(request('SETUP', target, client.authorization('SETUP', uri)), lookup, 1000)).toMatchObject({
        ok: true,
      });
    }
    expect(
      server.verify(
        request('SETUP', target, client.authorization('SETUP', 'rtsp://127.0.0.1:8554/other')),
        lookup,
        1000,
      ),
    ).toEqual({
      ok: false,
      reason: 'uri',
    });
  });

  it('says stale for a valid response to an expired or unknown nonce, bad-credentials for a wrong password', () => {
    const { server, client } = handshake({ realm: 'r', nonceLifetimeMs: 5000 });
    const auth = client.authorization('PLAY', 'rtsp://cam/a')!;
    expect(server.verify(request('PLAY', 'rtsp://cam/a', auth), lookup, 7000)).toEqual({ ok: false, reason: 'stale' });
    const forged = new AuthClient({ username: 'admin', password: 'wrong' });
    forged.handleUnauthorized(server.challenges(7000).map((v) => ['WWW-Authenticate', v] as const));
    expect(
      server.verify(request('PLAY', 'rtsp://cam/a', forged.authorization('PLAY', 'rtsp://cam/a')), lookup, 7000),
    ).toEqual({
      ok: false,
      reason: 'bad-credentials',
    });
    const stranger = new AuthClient({ username: 'eve', password: 'x' });
    stranger.handleUnauthorized(server.challenges(7000).map((v) => ['WWW-Authenticate', v] as const));
    expect(
      server.verify(request('PLAY', 'rtsp://cam/a', stranger.authorization('PLAY', 'rtsp://cam/a')), lookup, 7000),
    ).toEqual({
      ok: false,
      reason: 'unknown-user',
    });
    expect(server.challenges(7000, true)[0]).toContain('stale=true');
  });

  it('keeps the nonce map bounded', () => {
    const server = new AuthServer({ realm: 'r', maxNonces: 3, randomBytes: counterBytes() });
    for (let i = 0; i < 10; i++) server.challenges(i);
    expect(server.trackedNonces).toBe(3);
  });

  it('verifies Basic only when enabled, and refuses other schemes and malformed values', () => {
    const server = new AuthServer({ realm: 'r', basic: true, algorithms: [] });
    expect(server.challenges(0)).toEqual(['Basic realm="r"']);
    expect(server.verify(request('OPTIONS', '*', `Basic ${basicCredentials('admin', 'secret')}`), lookup, 0)).toEqual({
      ok: true,
      username: 'admin',
      scheme: 'Basic',
    });
    expect(server.verify(request('OPTIONS', '*', `Basic ${basicCredentials('admin', 'nope')}`), lookup, 0)).toEqual({
      ok: false,
      reason: 'bad-credentials',
    });
    expect(server.verify(request('OPTIONS', '*', 'Basic !!!'), lookup, 0)).toEqual({ ok: false, reason: 'malformed' });
    expect(server.verify(request('OPTIONS', '*', 'Bearer abc'), lookup, 0)).toEqual({
      ok: false,
      reason: 'unsupported',
    });
    const digestOnly = new AuthServer({ realm: 'r' });
    expect(
      digestOnly.verify(request('OPTIONS', '*', `Basic ${basicCredentials('admin', 'secret')}`), lookup, 0),
    ).toEqual({
      ok: false,
      reason: 'unsupported',
    });
    expect(digestOnly.verify(request('OPTIONS', '*', 'Digest username="admin"'), lookup, 0)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('accepts RFC 2069 responses by default and can refuse them', () => {
    for (const allowRfc2069 of [true, false]) {
      const server = new AuthServer({ realm: 'r', allowRfc2069, randomBytes: counterBytes() });
      const nonce = parseWwwAuthenticate(server.challenges(0)[0]!)[0]!.params.nonce!;
      const client = new AuthClient({ username: 'admin', password: 'secret' });
      client.handleUnauthorized([['WWW-Authenticate', `Digest realm="r", nonce="${nonce}"`]]);
      const result = server.verify(request('OPTIONS', '*', client.authorization('OPTIONS', '*')), lookup, 1);
      expect(result.ok).toBe(allowRfc2069);
    }
  });
});
