import { describe, expect, it } from 'vitest';
import {
  parseRtspUrl,
  resolveBaseUrl,
  resolveControlUrl,
  RtspError,
  type RtspUrl,
  serializeRtspUrl,
} from '../src/index.js';

const urlCases: ReadonlyArray<{ text: string; url: RtspUrl; canonical?: string }> = [
  {
    text: 'rtsp://127.0.0.1:8554/test',
    url: { scheme: 'rtsp', host: '127.0.0.1', port: 8554, path: '/test', transport: 'tcp', secure: false },
  },
  {
    text: 'rtsp://cam.local/Streaming/Channels/101?transportmode=unicast',
    url: {
      scheme: 'rtsp',
      host: 'cam.local',
      port: 554,
      path: '/Streaming/Channels/101',
      query: 'transportmode=unicast',
      transport: 'tcp',
      secure: false,
    },
  },
  {
    text: 'rtsps://[::1]/live',
    url: { scheme: 'rtsps', host: '::1', port: 322, path: '/live', transport: 'tcp', secure: true },
  },
  {
    text: 'rtsp+http://[fe80::1%25eth0]:8080/x',
    url: { scheme: 'rtsp+http', host: 'fe80::1%25eth0', port: 8080, path: '/x', transport: 'http', secure: false },
  },
  {
    text: 'rtsps+http://cam',
    url: { scheme: 'rtsps+http', host: 'cam', port: 443, path: '', transport: 'http', secure: true },
  },
  {
    text: 'rtsp+ws://cam/a',
    url: { scheme: 'rtsp+ws', host: 'cam', port: 80, path: '/a', transport: 'ws', secure: false },
  },
  {
    text: 'rtsps+ws://cam/a',
    url: { scheme: 'rtsps+ws', host: 'cam', port: 443, path: '/a', transport: 'ws', secure: true },
  },
  {
    text: 'ws://cam:8080/rtsp',
    url: { scheme: 'ws', host: 'cam', port: 8080, path: '/rtsp', transport: 'ws', secure: false },
  },
  {
    text: 'wss://cam/rtsp',
    url: { scheme: 'wss', host: 'cam', port: 443, path: '/rtsp', transport: 'ws', secure: true },
  },
  {
    text: 'rtsp://admin:p%40ss%3Aw%C3%B6rd@192.168.1.64:554/h264',
    canonical: 'rtsp://192.168.1.64/h264',
    url: {
      scheme: 'rtsp',
      username: 'admin',
      password: 'p@ss:wörd',
      host: '192.168.1.64',
      port: 554,
      path: '/h264',
      transport: 'tcp',
      secure: false,
    },
  },
  {
    // Camera setup pages print passwords unescaped; split at the last '@'.
    text: 'RTSP://admin:p@ss@cam/live',
    canonical: 'rtsp://cam/live',
    url: {
      scheme: 'rtsp',
      username: 'admin',
      password: 'p@ss',
      host: 'cam',
      port: 554,
      path: '/live',
      transport: 'tcp',
      secure: false,
    },
  },
  {
    text: 'rtsp://user@cam/live#frag',
    canonical: 'rtsp://cam/live',
    url: { scheme: 'rtsp', username: 'user', host: 'cam', port: 554, path: '/live', transport: 'tcp', secure: false },
  },
];

describe('URLs', () => {
  for (const c of urlCases) {
    it(`parses ${c.text}`, () => {
      expect(parseRtspUrl(c.text)).toEqual(c.url);
      expect(serializeRtspUrl(c.url)).toBe(c.canonical ?? c.text);
    });
  }

  it('drops a fragment and the blanks before it', () => {
    // Fuzzer finding (rtsp-parseRtspUrl.round-trip.e3ae8829): the line break before the
    // fragment was kept in the path, and lost once written.
    expect(parseRtspUrl('rtsp://4/\n#').path).toBe('/');
    expect(parseRtspUrl(' rtsp://cam/live #frag').path).toBe('/live');
    expect(parseRtspUrl('rtsp://cam/live?a=1 #x').query).toBe('a=1');
  });

  it('writes credentials back percent-encoded when asked', () => {
    const url = parseRtspUrl('rtsp://admin:p%40ss%3Aw%C3%B6rd@cam:8554/h264');
    expect(serializeRtspUrl(url, { credentials: true })).toBe('rtsp://admin:p%40ss%3Aw%C3%B6rd@cam:8554/h264');
  });

  it('differs from the WHATWG URL class, which has no default port for rtsp', () => {
    const whatwg = new URL('rtsp://cam/live');
    expect(whatwg.port).toBe('');
    expect(parseRtspUrl('rtsp://cam/live').port).toBe(554);
  });

  for (const bad of [
    'http://cam/',
    'rtsp:/cam',
    'rtsp://',
    'rtsp://cam:0/',
    'rtsp://cam:99999/',
    'rtsp://[::1/',
    'rtsp://[::1]x/',
    'cam/live',
    // No URL holds a control character; in a Request-URI it would end the request line.
    'rtsp://cam/a\tb',
    'rtsp://cam/live\r\nCSeq: 1',
  ]) {
    it(`refuses ${bad}`, () => {
      expect(() => parseRtspUrl(bad)).toThrow(RtspError);
    });
  }
});

/**
 * Real camera and server controls, each resolved the way FFmpeg (libavformat/rtsp.c),
 * GStreamer (rtspsrc) and live555 (RTSPClient::constructSubsessionURL) agree on: append with
 * one `/` unless either side has it; `*` and empty give the base; absolute stays as it is.
 */
const controlCases: ReadonlyArray<{ who: string; base: string; control: string; resolved: string }> = [
  {
    who: 'gst-rtsp-server (Content-Base with trailing slash)',
    base: 'rtsp://127.0.0.1:8554/test/',
    control: 'stream=0',
    resolved: 'rtsp://127.0.0.1:8554/test/stream=0',
  },
  {
    who: 'live555 server, no Content-Base: the request URL without trailing slash',
    base: 'rtsp://cam:8554/file.mkv',
    control: 'track1',
    resolved: 'rtsp://cam:8554/file.mkv/track1',
  },
  {
    who: 'leading slash: appended to the path, not the host root',
    base: 'rtsp://cam:554/live/main',
    control: '/track1',
    resolved: 'rtsp://cam:554/live/main/track1',
  },
  {
    who: 'leading slash under a trailing slash: all three clients keep both',
    base: 'rtsp://cam:554/live/main/',
    control: '/track1',
    resolved: 'rtsp://cam:554/live/main//track1',
  },
  {
    who: 'Hikvision: absolute control with a query',
    base: 'rtsp://192.168.1.64:554/Streaming/Channels/101/',
    control: 'rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1?transportmode=unicast&profile=Profile_1',
    resolved: 'rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1?transportmode=unicast&profile=Profile_1',
  },
  {
    who: 'Dahua: Content-Base with a query and a trailing slash',
    base: 'rtsp://192.168.1.108:554/cam/realmonitor?channel=1&subtype=0/',
    control: 'trackID=0',
    resolved: 'rtsp://192.168.1.108:554/cam/realmonitor?channel=1&subtype=0/trackID=0',
  },
  {
    who: 'request URL with a query and no Content-Base: the control follows the query',
    base: 'rtsp://cam/live?ch=1',
    control: 'trackID=1',
    resolved: 'rtsp://cam/live?ch=1/trackID=1',
  },
  {
    who: 'Axis: media.amp with a trailing slash',
    base: 'rtsp://10.0.0.5/axis-media/media.amp/',
    control: 'trackID=1',
    resolved: 'rtsp://10.0.0.5/axis-media/media.amp/trackID=1',
  },
  {
    who: 'VLC: absolute control on another port',
    base: 'rtsp://127.0.0.1:8554/live',
    control: 'rtsp://127.0.0.1:8554/live/trackID=0',
    resolved: 'rtsp://127.0.0.1:8554/live/trackID=0',
  },
  {
    who: 'absolute rtsps control',
    base: 'rtsps://cam/live/',
    control: 'rtsps://cam:322/live/trackID=2',
    resolved: 'rtsps://cam:322/live/trackID=2',
  },
  { who: 'aggregate `*`', base: 'rtsp://cam/test/', control: '*', resolved: 'rtsp://cam/test/' },
  { who: 'aggregate `*` without trailing slash', base: 'rtsp://cam/test', control: '*', resolved: 'rtsp://cam/test' },
  { who: 'empty control', base: 'rtsp://cam/test', control: '', resolved: 'rtsp://cam/test' },
  {
    who: 'spaces around the control',
    base: 'rtsp://cam/test',
    control: ' trackID=1 ',
    resolved: 'rtsp://cam/test/trackID=1',
  },
  {
    who: 'IPv6 literal base',
    base: 'rtsp://[::1]:8554/test',
    control: 'trackID=1',
    resolved: 'rtsp://[::1]:8554/test/trackID=1',
  },
];

describe('control URLs', () => {
  for (const { who, base, control, resolved } of controlCases) {
    it(`${who}: ${JSON.stringify(control)} against ${base}`, () => {
      expect(resolveControlUrl(base, control)).toBe(resolved);
    });
  }

  it('takes Content-Base, then Content-Location, then the request URL', () => {
    const req = 'rtsp://cam/live';
    expect(
      resolveBaseUrl(
        [
          ['Content-Base', 'rtsp://cam/live/'],
          ['Content-Location', 'rtsp://x/'],
        ],
        req,
      ),
    ).toBe('rtsp://cam/live/');
    expect(resolveBaseUrl([['content-location', 'rtsp://cam/loc/']], req)).toBe('rtsp://cam/loc/');
    expect(resolveBaseUrl([['CSeq', '2']], req)).toBe(req);
    expect(resolveBaseUrl([['Content-Base', '']], req)).toBe(req);
  });

  it('resolves a relative Content-Base or Content-Location as a URI reference (RFC 3986 §5.2)', () => {
    expect(resolveBaseUrl([['Content-Location', '/other/']], 'rtsp://cam:8554/live/main')).toBe(
      'rtsp://cam:8554/other/',
    );
    expect(resolveBaseUrl([['Content-Base', 'main/']], 'rtsp://cam/live/x?ch=1')).toBe('rtsp://cam/live/main/');
    expect(resolveBaseUrl([['Content-Base', 'main/']], 'rtsp://cam')).toBe('rtsp://cam/main/');
  });

  it('a Content-Base and a relative control: the SETUP URL a camera expects', () => {
    const base = resolveBaseUrl([['Content-Base', 'rtsp://cam/live/main/']], 'rtsp://cam/live/main');
    expect(resolveControlUrl(base, 'trackID=1')).toBe('rtsp://cam/live/main/trackID=1');
  });
});
