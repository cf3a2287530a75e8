import fc from 'fast-check';
import { onlyCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  type AuthHeader,
  parseAuthorization,
  parseCSeq,
  parseRange,
  parseRtpInfo,
  parseRtspUrl,
  parseSession,
  parseTokenList,
  parseTransports,
  parseWwwAuthenticate,
  type Range,
  RtspError,
  type RtspUrl,
  type Transport,
  serializeAuthorization,
  serializeCSeq,
  serializeRange,
  serializeRtpInfo,
  serializeRtspUrl,
  serializeSession,
  serializeTokenList,
  serializeTransports,
  serializeWwwAuthenticate,
} from '../src/index.js';
import { challengeCases, rangeCases, rtpInfoCases, sessionCases, transportCases } from './header-cases.js';

const canonical = <T>(cases: ReadonlyArray<{ parsed: T; decodeOnly?: true }>) =>
  cases.filter((c) => !c.decodeOnly).map((c) => [c.parsed] as [T]);

const port = fc.nat(65534);
const portRange = port.map((p) => [p, p + 1] as const);
const channel = fc.nat(254).map((c) => [c, c + 1] as const);
const host = fc.oneof(fc.ipV4(), fc.ipV6(), fc.domain());

const transport: fc.Arbitrary<Transport> = fc.record(
  {
    profile: fc.constantFrom('RTP/AVP', 'RTP/SAVP', 'RTP/AVPF'),
    lowerTransport: fc.constantFrom('UDP' as const, 'TCP' as const),
    delivery: fc.constantFrom('unicast' as const, 'multicast' as const),
    destination: host,
    source: host,
    interleaved: channel,
    append: fc.constant(true as const),
    ttl: fc.nat(255),
    layers: fc.nat(255),
    port: portRange,
    clientPort: portRange,
    serverPort: portRange,
    ssrc: fc.nat(0xffffffff),
    mode: fc.constantFrom('play', 'record', 'play,record'),
  },
  { requiredKeys: ['profile', 'lowerTransport'] },
);

const range: fc.Arbitrary<Range> = fc.oneof(
  fc
    .record(
      {
        unit: fc.constant('npt' as const),
        start: fc.oneof(
          fc.constant('now' as const),
          fc.nat(10_000_000).map((n) => n / 1000),
        ),
        end: fc.nat(10_000_000).map((n) => n / 1000),
      },
      { requiredKeys: ['unit'] },
    )
    .filter((r) => r.start !== undefined || r.end !== undefined),
  fc.record(
    {
      unit: fc.constantFrom('smpte' as const, 'smpte-25' as const, 'smpte-30-drop' as const),
      start: fc.constantFrom('10:12:33:20', '0:0:0', '01:02:03:04.05'),
      end: fc.constantFrom('10:12:33:21', '23:59:59'),
      time: fc.constant('19970123T143720Z'),
    },
    { requiredKeys: ['unit', 'start'] },
  ),
);

const safeText = fc.stringMatching(/^[\x20-\x7e]{0,20}$/);
const authHeader: fc.Arbitrary<AuthHeader> = fc.oneof(
  fc.record({
    scheme: fc.constantFrom('Digest', 'Basic', 'Custom'),
    params: fc.dictionary(
      fc.constantFrom('realm', 'nonce', 'opaque', 'algorithm', 'qop', 'stale', 'domain', 'x'),
      safeText,
      {
        minKeys: 1,
      },
    ),
  }),
  fc.record({
    scheme: fc.constantFrom('Basic', 'Negotiate'),
    params: fc.constant({}),
    token68: fc.stringMatching(/^[A-Za-z0-9+/]{1,20}={0,2}$/),
  }),
);

const url: fc.Arbitrary<RtspUrl> = fc
  .record(
    {
      scheme: fc.constantFrom('rtsp', 'rtsps', 'rtsp+http', 'rtsps+http', 'rtsp+ws', 'rtsps+ws', 'ws', 'wss'),
      host,
      port: fc.integer({ min: 1, max: 65535 }),
      path: fc.oneof(
        fc.constant(''),
        fc.webPath().filter((p) => p.startsWith('/')),
      ),
      query: fc.stringMatching(/^[A-Za-z0-9=&_.-]{0,20}$/),
      username: fc.string({ maxLength: 10 }),
      password: fc.string({ maxLength: 10 }),
    },
    { requiredKeys: ['scheme', 'host', 'port', 'path'] },
  )
  .map(({ password, ...u }): RtspUrl => {
    const transport = u.scheme.endsWith('http') ? 'http' : u.scheme.includes('ws') ? 'ws' : 'tcp';
    const secure = u.scheme === 'wss' || u.scheme.startsWith('rtsps');
    return { ...u, ...(u.username !== undefined && password !== undefined ? { password } : {}), transport, secure };
  });

describe('header properties', () => {
  it('Transport round trip', () => {
    fc.assert(
      fc.property(fc.array(transport, { minLength: 1, maxLength: 3 }), (list) => {
        expect(parseTransports(serializeTransports(list))).toEqual(list);
      }),
      { examples: canonical(transportCases) },
    );
  });

  it('Session round trip', () => {
    const session = fc.record(
      { id: fc.stringMatching(/^[A-Za-z0-9$\-_.+]{1,24}$/), timeout: fc.nat(99999) },
      { requiredKeys: ['id'] },
    );
    fc.assert(
      fc.property(session, (s) => {
        expect(parseSession(serializeSession(s))).toEqual(s);
      }),
      { examples: canonical(sessionCases) },
    );
  });

  it('Range round trip', () => {
    fc.assert(
      fc.property(range, (r) => {
        expect(parseRange(serializeRange(r))).toEqual(r);
      }),
      { examples: canonical(rangeCases) },
    );
  });

  it('RTP-Info round trip', () => {
    const entry = fc.record(
      {
        url: fc.webUrl().filter((u) => !/[\s;]/.test(u) && !/,\s*url\s*=/i.test(u)),
        seq: fc.nat(0xffff),
        rtptime: fc.nat(0xffffffff),
      },
      { requiredKeys: ['url'] },
    );
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 3 }), (list) => {
        expect(parseRtpInfo(serializeRtpInfo(list))).toEqual(list);
      }),
      { examples: canonical(rtpInfoCases) },
    );
  });

  it('WWW-Authenticate and Authorization round trip', () => {
    fc.assert(
      fc.property(fc.array(authHeader, { minLength: 1, maxLength: 3 }), (list) => {
        expect(parseWwwAuthenticate(list.map(serializeWwwAuthenticate).join(', '))).toEqual(list);
        expect(parseAuthorization(serializeAuthorization(list[0]!))).toEqual(list[0]);
      }),
      { examples: canonical(challengeCases) },
    );
  });

  it('CSeq round trip', () => {
    fc.assert(
      fc.property(fc.nat(999_999_999), (n) => {
        expect(parseCSeq(serializeCSeq(n))).toBe(n);
      }),
    );
  });

  it('token list round trip', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Z_]{1,12}$/)), (list) => {
        expect(parseTokenList(serializeTokenList(list))).toEqual(list);
      }),
    );
  });

  it('URL round trip with credentials', () => {
    fc.assert(
      fc.property(url, (u) => {
        expect(parseRtspUrl(serializeRtspUrl(u, { credentials: true }))).toEqual(u);
      }),
    );
  });

  it('arbitrary header values give only RtspError', () => {
    const text = fc.oneof(fc.string({ maxLength: 60 }), fc.stringMatching(/^[a-z_=;,"\- 0-9/:.]{0,60}$/));
    fc.assert(
      fc.property(text, (v) => {
        for (const f of [
          parseTransports,
          parseSession,
          parseRange,
          parseRtpInfo,
          parseCSeq,
          parseTokenList,
          parseWwwAuthenticate,
          parseAuthorization,
          parseRtspUrl,
        ]) {
          onlyCodecError(RtspError, () => f(v));
        }
      }),
    );
  });
});
