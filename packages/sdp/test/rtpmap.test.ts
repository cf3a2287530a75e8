import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Fmtp,
  type Rtpmap,
  SdpError,
  parseFmtp,
  parseRtpmap,
  serializeFmtp,
  serializeRtpmap,
} from '../src/index.js';

const rtpmaps: readonly [string, Rtpmap][] = [
  ['96 H264/90000', { payloadType: 96, encodingName: 'H264', clockRate: 90000 }],
  ['97 MPEG4-GENERIC/48000/2', { payloadType: 97, encodingName: 'MPEG4-GENERIC', clockRate: 48000, channels: 2 }],
  ['107 vnd.onvif.metadata/90000', { payloadType: 107, encodingName: 'vnd.onvif.metadata', clockRate: 90000 }],
];

const fmtps: readonly [string, Fmtp][] = [
  [
    '96 packetization-mode=1;sprop-parameter-sets=Z0I=,aM4=',
    {
      payloadType: 96,
      parameters: [
        { name: 'packetization-mode', value: '1' },
        { name: 'sprop-parameter-sets', value: 'Z0I=,aM4=' },
      ],
    },
  ],
  ['107 DecoderTag=h3c-v3 RTCP=0', { payloadType: 107, parameters: [{ name: 'DecoderTag', value: 'h3c-v3 RTCP=0' }] }],
  ['101 0-15', { payloadType: 101, parameters: [{ name: '0-15', value: '' }] }],
  ['96', { payloadType: 96, parameters: [] }],
];

describe('rtpmap and fmtp writers', () => {
  it.each(rtpmaps)('rtpmap %s', (text, value) => {
    expect(serializeRtpmap(value)).toBe(text);
    expect(parseRtpmap(text)).toEqual(value);
  });

  it.each(fmtps)('fmtp %s', (text, value) => {
    expect(serializeFmtp(value)).toBe(text);
    expect(parseFmtp(text)).toEqual(value);
  });

  it.each([
    ['payload type 128', () => serializeRtpmap({ payloadType: 128, encodingName: 'H264', clockRate: 90000 })],
    ['clock rate 0', () => serializeRtpmap({ payloadType: 96, encodingName: 'H264', clockRate: 0 })],
    ['a slash in the name', () => serializeRtpmap({ payloadType: 96, encodingName: 'a/b', clockRate: 1 })],
    ['a semicolon in a value', () => serializeFmtp({ payloadType: 96, parameters: [{ name: 'a', value: 'b;c' }] })],
    ['= in a name', () => serializeFmtp({ payloadType: 96, parameters: [{ name: 'a=b', value: 'c' }] })],
    ['a line break', () => serializeFmtp({ payloadType: 96, parameters: [{ name: 'a', value: 'b\r\nc' }] })],
    ['spaces around a value', () => serializeFmtp({ payloadType: 96, parameters: [{ name: 'a', value: ' b' }] })],
  ])('refuse %s with ERR_SDP_INVALID_MODEL', (_name, write) => {
    expect(write).toThrow(SdpError);
    expect(write).toThrow(expect.objectContaining({ code: 'ERR_SDP_INVALID_MODEL' }));
  });

  it('parseFmtp reads back what serializeFmtp writes', () => {
    const part = /^[!-:<~](?:[ !-:<-~]*[!-:<-~])?$/;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 127 }),
        fc.array(
          fc.record({
            name: fc.stringMatching(part).filter((n) => !n.includes('=')),
            value: fc.oneof(fc.constant(''), fc.stringMatching(part)),
          }),
          { maxLength: 6 },
        ),
        (payloadType, parameters) => {
          expect(parseFmtp(serializeFmtp({ payloadType, parameters }))).toEqual({ payloadType, parameters });
        },
      ),
    );
  });
});
