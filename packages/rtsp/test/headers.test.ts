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

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RtspError);
    return (e as RtspError).code;
  }
  return 'none';
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
      expect(code(() => parseTransports(v))).toBe('ERR_RTSP_INVALID_TRANSPORT');
    });
  }
  it('parseTransport wants exactly one', () => {
    expect(code(() => parseTransport('RTP/AVP;unicast,RTP/AVP/TCP'))).toBe('ERR_RTSP_INVALID_TRANSPORT');
    expect(parseTransport('RTP/AVP/TCP;interleaved=4').interleaved).toEqual([4, 5]);
  });
  for (const v of invalidRangeValues) {
    it(`refuses Range ${JSON.stringify(v)}`, () => expect(code(() => parseRange(v))).toBe('ERR_RTSP_INVALID_RANGE'));
  }
  it('refuses bad Session, RTP-Info, CSeq values', () => {
    expect(code(() => parseSession(''))).toBe('ERR_RTSP_INVALID_SESSION');
    expect(code(() => parseSession('abc;timeout=x'))).toBe('ERR_RTSP_INVALID_SESSION');
    expect(code(() => parseRtpInfo('seq=1'))).toBe('ERR_RTSP_INVALID_RTP_INFO');
    expect(code(() => parseRtpInfo('url=a;seq=70000'))).toBe('ERR_RTSP_INVALID_RTP_INFO');
    // Fuzzer findings: URLs the serializer could not write back.
    expect(code(() => parseRtpInfo('url=rtsp://a b;seq=1'))).toBe('ERR_RTSP_INVALID_RTP_INFO');
    expect(code(() => parseRtpInfo('url="\\"x\\""'))).toBe('ERR_RTSP_INVALID_RTP_INFO');
    expect(code(() => parseCSeq('1a'))).toBe('ERR_RTSP_INVALID_CSEQ');
    expect(code(() => parseCSeq('-1'))).toBe('ERR_RTSP_INVALID_CSEQ');
    expect(code(() => parseWwwAuthenticate('Digest realm="x'))).toBe('ERR_RTSP_INVALID_AUTH_HEADER');
    expect(code(() => parseWwwAuthenticate('realm="x"'))).toBe('ERR_RTSP_INVALID_AUTH_HEADER');
  });
  it('refuses to write values that would not read back', () => {
    expect(code(() => serializeSession({ id: 'a;b' }))).toBe('ERR_RTSP_INVALID_MESSAGE');
    expect(code(() => serializeCSeq(-1))).toBe('ERR_RTSP_INVALID_MESSAGE');
    expect(code(() => serializeTokenList(['A B']))).toBe('ERR_RTSP_INVALID_MESSAGE');
    expect(code(() => serializeRange({ unit: 'npt', start: -1 }))).toBe('ERR_RTSP_INVALID_MESSAGE');
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
    expect(code(() => parseTokenList('a b'))).toBe('ERR_RTSP_INVALID_HEADER_VALUE');
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
