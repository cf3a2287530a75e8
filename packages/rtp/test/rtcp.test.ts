import { hex } from '@rtspkit/bytes';
import { expectCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import { RtpError, parseRtcpCompound, serializeRtcpCompound } from '../src/index.js';
import { rtcpCases, rtcpErrorCases } from './cases.js';

describe('RTCP compound case table', () => {
  for (const c of rtcpCases) {
    const strictCode = c.tolerantOnly;
    if (strictCode !== undefined) {
      it(`parses in tolerant mode only: ${c.name}`, () => {
        const input = c.bytes.slice();
        expect(parseRtcpCompound(input, { tolerant: true })).toEqual(c.packets);
        expect(input).toEqual(c.bytes);
        expectCodecError(() => parseRtcpCompound(input), { code: strictCode, offset: 0, type: RtpError });
      });
      continue;
    }
    it(`parses: ${c.name}`, () => {
      const input = c.bytes.slice();
      expect(parseRtcpCompound(input)).toEqual(c.packets);
      expect(parseRtcpCompound(input, { tolerant: true })).toEqual(c.packets);
      expect(input).toEqual(c.bytes);
    });
    it(`serializes: ${c.name}`, () => {
      expect(serializeRtcpCompound(c.packets)).toEqual(c.canonical ?? c.bytes);
    });
  }

  for (const c of rtcpErrorCases) {
    it(`refuses${c.tolerant ? ' (also tolerant)' : ''}: ${c.name}`, () => {
      expectCodecError(() => parseRtcpCompound(c.bytes), { code: c.code, offset: c.offset, type: RtpError });
      if (c.tolerant)
        expectCodecError(() => parseRtcpCompound(c.bytes, { tolerant: true }), { code: c.code, type: RtpError });
      else expect(() => parseRtcpCompound(c.bytes, { tolerant: true })).not.toThrow();
    });
  }

  it('APP data and unknown bodies alias the input', () => {
    const c = rtcpCases.find((x) => x.name.includes('APP'))!;
    const input = c.bytes.slice();
    const [, app, unknown] = parseRtcpCompound(input);
    expect(app?.type === 'app' && app.data.buffer).toBe(input.buffer);
    expect(unknown?.type === 'unknown' && unknown.body.buffer).toBe(input.buffer);
  });
});

describe('RTCP serializer is strict', () => {
  const rr = { type: 'rr', ssrc: 1, reports: [] } as const;
  const block = {
    ssrc: 1,
    fractionLost: 0,
    cumulativeLost: 0,
    highestSequence: 0,
    jitter: 0,
    lastSr: 0,
    delaySinceLastSr: 0,
  };
  const invalid: Array<[string, Parameters<typeof serializeRtcpCompound>[0]]> = [
    ['padding before the last packet', [{ ...rr, paddingLength: 4 }, rr]],
    ['padding that breaks 32-bit alignment', [{ ...rr, paddingLength: 3 }]],
    ['32 report blocks', [{ ...rr, reports: Array.from({ length: 32 }, () => block) }]],
    ['cumulative lost below -2^23', [{ ...rr, reports: [{ ...block, cumulativeLost: -0x800001 }] }]],
    ['fraction lost 256', [{ ...rr, reports: [{ ...block, fractionLost: 256 }] }]],
    ['ssrc 2^32', [{ ...rr, ssrc: 2 ** 32 }]],
    ['APP name of 3 characters', [rr, { type: 'app', subtype: 0, ssrc: 1, name: 'abc', data: hex`` }]],
    ['APP data not a multiple of 4', [rr, { type: 'app', subtype: 0, ssrc: 1, name: 'abcd', data: hex`01` }]],
    [
      'SDES item of 256 bytes',
      [rr, { type: 'sdes', chunks: [{ ssrc: 1, items: [{ type: 1, text: 'x'.repeat(256) }] }] }],
    ],
    ['SDES item type 0', [rr, { type: 'sdes', chunks: [{ ssrc: 1, items: [{ type: 0, text: '' }] }] }]],
    ['BYE reason of 300 bytes', [rr, { type: 'bye', ssrcs: [1], reason: 'y'.repeat(300) }]],
    [
      'NTP timestamp over 64 bits',
      [{ ...rr, type: 'sr', ntpTimestamp: 1n << 64n, rtpTimestamp: 0, packetCount: 0, octetCount: 0 }],
    ],
    ['report extension not a multiple of 4', [{ ...rr, extension: hex`01 02` }]],
    ['unknown body not a multiple of 4', [{ type: 'unknown', packetType: 210, count: 0, body: hex`01` }]],
  ];
  for (const [name, packets] of invalid) {
    it(name, () => {
      expectCodecError(() => serializeRtcpCompound(packets), { code: 'ERR_RTP_INVALID_VALUE', type: RtpError });
    });
  }
});
