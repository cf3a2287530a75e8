import { hex } from '@rtspkit/bytes';
import { expectCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  RtpError,
  parseHeaderExtensionElements,
  parseRtpPacket,
  rtpPacketSize,
  serializeHeaderExtensionElements,
  serializeRtpPacket,
  serializeRtpPacketInto,
} from '../src/index.js';
import { extensionCases, rtpCases, rtpErrorCases } from './cases.js';

describe('RTP packet case table', () => {
  for (const c of rtpCases) {
    it(`parses: ${c.name}`, () => {
      const input = c.bytes.slice();
      const packet = parseRtpPacket(input);
      expect(packet).toEqual(c.packet);
      expect(input).toEqual(c.bytes);
      // zero copy: the payload aliases the input
      expect(packet.payload.buffer).toBe(input.buffer);
      if (packet.extension) expect(packet.extension.data.buffer).toBe(input.buffer);
    });
    it(`serializes: ${c.name}`, () => {
      const expected = c.canonical ?? c.bytes;
      expect(serializeRtpPacket(c.packet)).toEqual(expected);
      expect(rtpPacketSize(c.packet)).toBe(expected.length);
      const target = new Uint8Array(expected.length + 7).fill(0xa5);
      expect(serializeRtpPacketInto(c.packet, target, 5)).toBe(expected.length);
      expect(target.subarray(5, 5 + expected.length)).toEqual(expected);
      expect(target.subarray(0, 5)).toEqual(new Uint8Array(5).fill(0xa5));
      expect(target.subarray(5 + expected.length)).toEqual(new Uint8Array(2).fill(0xa5));
    });
  }

  it('shares one frozen empty CSRC array between packets', () => {
    const a = parseRtpPacket(rtpCases[0]!.bytes);
    const b = parseRtpPacket(rtpCases[1]!.bytes);
    expect(a.csrcs).toBe(b.csrcs);
    expect(Object.isFrozen(a.csrcs)).toBe(true);
  });

  for (const c of rtpErrorCases) {
    it(`refuses: ${c.name}`, () => {
      expectCodecError(() => parseRtpPacket(c.bytes), { code: c.code, offset: c.offset, type: RtpError });
    });
  }
});

describe('RTP serializer refuses values that do not fit', () => {
  const base = rtpCases[0]!.packet;
  const invalid: Array<[string, object]> = [
    ['payload type 128', { payloadType: 128 }],
    ['sequence 65536', { sequenceNumber: 65536 }],
    ['negative timestamp', { timestamp: -1 }],
    ['ssrc 2^32', { ssrc: 2 ** 32 }],
    ['padding 256', { paddingLength: 256 }],
    ['16 csrcs', { csrcs: Array.from({ length: 16 }, (_, i) => i) }],
    ['fractional csrc', { csrcs: [1.5] }],
    ['extension not a multiple of 4', { extension: { profile: 0xbede, data: hex`10 aa` } }],
    ['extension profile over 16 bits', { extension: { profile: 0x10000, data: hex`` } }],
  ];
  for (const [name, patch] of invalid) {
    it(name, () => {
      expectCodecError(() => serializeRtpPacket({ ...base, ...patch }), {
        code: 'ERR_RTP_INVALID_VALUE',
        type: RtpError,
      });
    });
  }
  it('target too short', () => {
    expect(() => serializeRtpPacketInto(base, new Uint8Array(15), 0)).toThrow(RtpError);
    expect(() => serializeRtpPacketInto(base, new Uint8Array(16), 1)).toThrow(RtpError);
  });
});

describe('RFC 8285 header extension elements', () => {
  for (const c of extensionCases) {
    it(`parses: ${c.name}`, () => {
      const data = c.data.slice();
      expect(parseHeaderExtensionElements({ profile: c.profile, data })).toEqual(c.elements);
      expect(data).toEqual(c.data);
    });
    if (!c.decodeOnly) {
      it(`serializes: ${c.name}`, () => {
        expect(serializeHeaderExtensionElements(c.elements)).toEqual({ profile: c.profile, data: c.data });
      });
    }
  }

  it('writes the two-byte form when asked, with app bits', () => {
    const ext = serializeHeaderExtensionElements([{ id: 1, data: hex`aa` }], { form: 'two-byte', appBits: 3 });
    expect(ext).toEqual({ profile: 0x1003, data: hex`01 01 aa 00` });
  });

  it('falls back to the two-byte form for ids above 14 or long elements', () => {
    expect(serializeHeaderExtensionElements([{ id: 15, data: hex`aa` }]).profile).toBe(0x1000);
    expect(serializeHeaderExtensionElements([{ id: 1, data: new Uint8Array(17) }]).profile).toBe(0x1000);
  });

  it('refuses elements that do not fit the form', () => {
    expectCodecError(() => serializeHeaderExtensionElements([{ id: 15, data: hex`aa` }], { form: 'one-byte' }), {
      code: 'ERR_RTP_INVALID_VALUE',
      type: RtpError,
    });
    expect(() => serializeHeaderExtensionElements([{ id: 256, data: hex`aa` }])).toThrow(RtpError);
    expect(() => serializeHeaderExtensionElements([{ id: 1, data: new Uint8Array(256) }])).toThrow(RtpError);
    expect(() => serializeHeaderExtensionElements([], { form: 'two-byte', appBits: 16 })).toThrow(RtpError);
  });

  it('refuses elements running past the extension and unknown profiles', () => {
    const bad: Array<[number, Uint8Array, string]> = [
      [0xbede, hex`13 aa 00 00`, 'ERR_RTP_BAD_EXTENSION'],
      [0x1000, hex`01 05 aa 00`, 'ERR_RTP_BAD_EXTENSION'],
      [0x1000, hex`00 00 00 07`, 'ERR_RTP_BAD_EXTENSION'],
      [0xabcd, hex``, 'ERR_RTP_BAD_EXTENSION'],
    ];
    for (const [profile, data, code] of bad) {
      expectCodecError(() => parseHeaderExtensionElements({ profile, data }), { code, type: RtpError });
    }
  });
});
