import { expectCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  parseAuthorization,
  parseCSeq,
  parseRange,
  parseRtpInfo,
  parseSession,
  parseTokenList,
  parseTransport,
  parseTransports,
  parseWwwAuthenticate,
  RtspError,
  serializeAuthorization,
  serializeCSeq,
  serializeRange,
  serializeRtpInfo,
  serializeSession,
  serializeTokenList,
  serializeTransports,
  serializeWwwAuthenticate,
} from '../src/index.js';
import {
  challengeCases,
  type HeaderCase,
  invalidRangeValues,
  invalidTransportValues,
  rangeCases,
  rtpInfoCases,
  sessionCases,
  transportCases,
} from './header-cases.js';

function table<T>(
  title: string,
  cases: ReadonlyArray<HeaderCase<T>>,
  parse: (v: string) => T,
  serialize: (t: T) => string,
) {
  describe(title, () => {
    for (const c of cases) {
      it(`parses ${c.name}`, () => expect(parse(c.value)).toEqual(c.parsed));
      if (!c.decodeOnly) it(`serializes ${c.name}`, () => expect(serialize(c.parsed)).toBe(c.value));
      else it(`re-serializes ${c.name} canonically`, () => expect(parse(serialize(c.parsed))).toEqual(c.parsed));
    }
  });
}

table('Transport', transportCases, parseTransports, serializeTransports);
table('Session', sessionCases, parseSession, serializeSession);
table('Range', rangeCases, parseRange, serializeRange);
table('RTP-Info', rtpInfoCases, parseRtpInfo, serializeRtpInfo);
table('WWW-Authenticate', challengeCases, parseWwwAuthenticate, (list) =>
  list.map(serializeWwwAuthenticate).join(', '),
);

describe('header errors', () => {
  for (const v of invalidTransportValues) {
    it(`refuses Transport ${JSON.stringify(v)} with status 461`, () => {
      expectCodecError(() => parseTransports(v), { code: 'ERR_RTSP_INVALID_TRANSPORT', type: RtspError });
    });
  }
  it('parseTransport wants exactly one', () => {
    expectCodecError(() => parseTransport('RTP/AVP;unicast,RTP/AVP/TCP'), {
      code: 'ERR_RTSP_INVALID_TRANSPORT',
      type: RtspError,
    });
    expect(parseTransport('RTP/AVP/TCP;interleaved=4').interleaved).toEqual([4, 5]);
  });
  for (const v of invalidRangeValues) {
    it(`refuses Range ${JSON.stringify(v)}`, () =>
      expectCodecError(() => parseRange(v), { code: 'ERR_RTSP_INVALID_RANGE', type: RtspError }));
  }
  it('refuses bad Session, RTP-Info, CSeq values', () => {
    expectCodecError(() => parseSession(''), { code: 'ERR_RTSP_INVALID_SESSION', type: RtspError });
    expectCodecError(() => parseSession('abc;timeout=x'), { code: 'ERR_RTSP_INVALID_SESSION', type: RtspError });
    expectCodecError(() => parseRtpInfo('seq=1'), { code: 'ERR_RTSP_INVALID_RTP_INFO', type: RtspError });
    expectCodecError(() => parseRtpInfo('url=a;seq=70000'), { code: 'ERR_RTSP_INVALID_RTP_INFO', type: RtspError });
    // Fuzzer findings: URLs the serializer could not write back.
    expectCodecError(() => parseRtpInfo('url=rtsp://a b;seq=1'), {
      code: 'ERR_RTSP_INVALID_RTP_INFO',
      type: RtspError,
    });
    expectCodecError(() => parseRtpInfo('url="\\"x\\""'), { code: 'ERR_RTSP_INVALID_RTP_INFO', type: RtspError });
    expectCodecError(() => parseCSeq('1a'), { code: 'ERR_RTSP_INVALID_CSEQ', type: RtspError });
    expectCodecError(() => parseCSeq('-1'), { code: 'ERR_RTSP_INVALID_CSEQ', type: RtspError });
    expectCodecError(() => parseWwwAuthenticate('Digest realm="x'), {
      code: 'ERR_RTSP_INVALID_AUTH_HEADER',
      type: RtspError,
    });
    expectCodecError(() => parseWwwAuthenticate('realm="x"'), {
      code: 'ERR_RTSP_INVALID_AUTH_HEADER',
      type: RtspError,
    });
    // Fuzzer finding: an auth-param after a token68 was read, and the writer dropped it.
    for (const v of ['c V,r=', 'Basic dXNlcg==, realm="x"'])
      expectCodecError(() => parseAuthorization(v), { code: 'ERR_RTSP_INVALID_AUTH_HEADER', type: RtspError });
  });
  it('refuses to write values that would not read back', () => {
    expectCodecError(() => serializeSession({ id: 'a;b' }), { code: 'ERR_RTSP_INVALID_MESSAGE', type: RtspError });
    expectCodecError(() => serializeCSeq(-1), { code: 'ERR_RTSP_INVALID_MESSAGE', type: RtspError });
    expectCodecError(() => serializeTokenList(['A B']), { code: 'ERR_RTSP_INVALID_MESSAGE', type: RtspError });
    expectCodecError(() => serializeRange({ unit: 'npt', start: -1 }), {
      code: 'ERR_RTSP_INVALID_MESSAGE',
      type: RtspError,
    });
  });
});

describe('CSeq and token lists', () => {
  it('reads CSeq with padding and writes it back', () => {
    expect(parseCSeq(' 42 ')).toBe(42);
    expect(serializeCSeq(42)).toBe('42');
  });
  it('reads Public from gst-rtsp-server and tolerates empty elements', () => {
    const gst = 'OPTIONS, DESCRIBE, ANNOUNCE, GET_PARAMETER, PAUSE, PLAY, RECORD, SETUP, SET_PARAMETER, TEARDOWN';
    expect(parseTokenList(gst)).toHaveLength(10);
    expect(serializeTokenList(parseTokenList(gst))).toBe(gst);
    expect(parseTokenList(',OPTIONS,,PLAY ,')).toEqual(['OPTIONS', 'PLAY']);
    expect(parseTokenList('play.basic, setup.rtp.rtcp.mux')).toEqual(['play.basic', 'setup.rtp.rtcp.mux']);
    expectCodecError(() => parseTokenList('a b'), { code: 'ERR_RTSP_INVALID_HEADER_VALUE', type: RtspError });
  });
});

describe('Authorization', () => {
  it('reads and writes Digest credentials with bare qop and nc', () => {
    const value =
      'Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="8ca523f5e9506fed4657c9700eebdbec", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"';
    const h = parseAuthorization(value);
    expect(h.params.nc).toBe('00000001');
    expect(h.params.qop).toBe('auth');
    expect(serializeAuthorization(h)).toBe(value);
  });
  it('reads and writes Basic token68 with padding', () => {
    const h = parseAuthorization('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
    expect(h).toEqual({ scheme: 'Basic', params: {}, token68: 'QWxhZGRpbjpvcGVuIHNlc2FtZQ==' });
    expect(serializeAuthorization(h)).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
  });
  it('reads an empty username (gortsplib authenticate_test)', () => {
    const h = parseAuthorization(
      'Digest username="", realm="IPCAM", nonce="5d17", uri="rtsp://localhost:8554/mystream", response="c072"',
    );
    expect(h.params.username).toBe('');
  });
});
