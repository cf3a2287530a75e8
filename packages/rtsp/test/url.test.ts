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
  ]) {
    it(`refuses ${bad}`, () => {
      expect(() => parseRtspUrl(bad)).toThrow(RtspError);
    });
  }
});

describe('control URLs', () => {
  const cases: ReadonlyArray<[base: string, control: string, resolved: string]> = [
    ['rtsp://cam/test/', 'stream=0', 'rtsp://cam/test/stream=0'],
    ['rtsp://cam/test', 'stream=0', 'rtsp://cam/test/stream=0'],
    ['rtsp://cam/test/', '*', 'rtsp://cam/test/'],
    ['rtsp://cam/test', '', 'rtsp://cam/test'],
    ['rtsp://cam/test/', 'rtsp://other:8554/abs/track1', 'rtsp://other:8554/abs/track1'],
    ['rtsp://cam:8554/test/', '/root/track2', 'rtsp://cam:8554/root/track2'],
    ['rtsp://cam/live?ch=1', 'trackID=1', 'rtsp://cam/live?ch=1/trackID=1'],
    ['rtsp://[::1]:8554/test', 'trackID=1', 'rtsp://[::1]:8554/test/trackID=1'],
  ];
  for (const [base, control, resolved] of cases) {
    it(`${JSON.stringify(control)} against ${base}`, () => expect(resolveControlUrl(base, control)).toBe(resolved));
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
    expect(resolveBaseUrl([['Content-Location', '/other/']], req)).toBe('rtsp://cam/other/');
    expect(resolveBaseUrl([['CSeq', '2']], req)).toBe(req);
  });
});
