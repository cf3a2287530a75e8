import { parseSdp } from '@rtspkit/sdp';
import { describe, expect, it } from 'vitest';
import { FormatError, type Format, formatToMedia, formatsOf } from '../src/index.js';
import { allCases } from './cases.js';
import { parseMedia, writeMedia } from './helpers.js';

describe('case table', () => {
  for (const c of allCases) {
    it(`reads ${c.name}`, () => {
      expect(formatsOf(parseMedia(c.media))).toEqual(c.formats);
    });
    if (c.decodeOnly) continue;
    it(`writes ${c.name}`, () => {
      const control = /a=control:(.*)/.exec(c.media)?.[1];
      const format = c.formats[0] as Format;
      expect(writeMedia(formatToMedia(format, control === undefined ? {} : { control }))).toBe(c.media);
    });
  }
});

describe('formatsOf', () => {
  it('gives one format per payload type in m= order, leaving out a dynamic one without rtpmap', () => {
    const media = parseMedia(
      ['m=video 0 RTP/AVP 97 26 98', 'a=rtpmap:97 H265/90000', 'a=rtpmap:98 H264/90000'].join('\r\n'),
    );
    expect(formatsOf(media).map((f) => [f.payloadType, f.codec])).toEqual([
      [97, 'h265'],
      [26, 'generic'],
      [98, 'h264'],
    ]);
    const tplink = parseSdp(
      'v=0\r\no=- 0 0 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=application/tp-link 0 RTP/AVP smart/0/25000\r\na=rtpmap:95 tp-link/25000\r\n',
    );
    expect(formatsOf(tplink.media[0]!)).toEqual([]);
  });

  it('keeps the input untouched and returns its own byte arrays', () => {
    const media = parseMedia(allCases[0]!.media);
    const before = JSON.stringify(media);
    const [a] = formatsOf(media);
    const [b] = formatsOf(media);
    expect(JSON.stringify(media)).toBe(before);
    if (a?.codec !== 'h264' || b?.codec !== 'h264') throw new Error('expected h264');
    expect(a.sps[0]).not.toBe(b.sps[0]);
  });
});

describe('formatToMedia', () => {
  const pcmu: Format = { codec: 'g711', payloadType: 0, encoding: 'PCMU', clockRate: 8000, channels: 1 };

  it.each([
    ['payload type 128', { ...pcmu, payloadType: 128 }],
    ['payload type -1', { ...pcmu, payloadType: -1 }],
    ['clock rate 0', { ...pcmu, clockRate: 0 }],
    ['clock rate 8000.5', { ...pcmu, clockRate: 8000.5 }],
    ['channels 0', { ...pcmu, channels: 0 }],
    [
      'an encoding name with a slash',
      { codec: 'generic', payloadType: 96, mediaType: 'video', encodingName: 'a/b', clockRate: 90000, parameters: [] },
    ],
  ] as const)('refuses %s with ERR_FORMAT_INVALID_FORMAT', (_name, format) => {
    expect(() => formatToMedia(format as Format)).toThrow(
      expect.objectContaining({ name: 'FormatError', code: 'ERR_FORMAT_INVALID_FORMAT' }),
    );
    expect(() => formatToMedia(format as Format)).toThrow(FormatError);
  });

  it('lets sdp refuse an fmtp parameter it cannot write', () => {
    const format: Format = {
      codec: 'generic',
      payloadType: 96,
      mediaType: 'video',
      encodingName: 'JPEG2000',
      clockRate: 90000,
      parameters: [{ name: 'a', value: 'b;c' }],
    };
    expect(() => formatToMedia(format)).toThrow(expect.objectContaining({ code: 'ERR_SDP_INVALID_MODEL' }));
  });
});
