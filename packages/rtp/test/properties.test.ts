import fc from 'fast-check';
import { onlyCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  RtpError,
  parseHeaderExtensionElements,
  parseRtcpCompound,
  parseRtpPacket,
  serializeHeaderExtensionElements,
  serializeRtcpCompound,
  serializeRtpPacket,
} from '../src/index.js';
import { rtcpCompoundArb, rtpPacketArb } from './arbitraries.js';
import { rtcpCases, rtpCases } from './cases.js';

describe('RTP properties', () => {
  it('round trip over arbitrary valid packets', () => {
    fc.assert(
      fc.property(rtpPacketArb, (packet) => {
        const bytes = serializeRtpPacket(packet);
        const parsed = parseRtpPacket(bytes);
        expect(parsed).toEqual(packet);
        expect(serializeRtpPacket(parsed)).toEqual(bytes);
      }),
      { examples: rtpCases.filter((c) => !c.canonical).map((c) => [c.packet]) },
    );
  });

  it('serialized packets stay intact while more are serialized (they share slabs)', () => {
    fc.assert(
      fc.property(fc.array(rtpPacketArb, { maxLength: 60 }), (packets) => {
        const out = packets.map((p) => serializeRtpPacket(p));
        packets.forEach((p, i) => {
          expect(parseRtpPacket(out[i] as Uint8Array)).toEqual(p);
        });
      }),
    );
  });

  it('arbitrary bytes only ever give RtpError, and never mutate the input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 96 }), (bytes) => {
        const copy = bytes.slice();
        onlyCodecError(RtpError, () => {
          const p = parseRtpPacket(bytes);
          if (p.extension) onlyCodecError(RtpError, () => parseHeaderExtensionElements(p.extension!));
        });
        expect(bytes).toEqual(copy);
      }),
      { examples: rtpCases.map((c) => [c.bytes]) },
    );
  });

  it('arbitrary bytes with a version-2 header only ever give RtpError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 96 }), (bytes) => {
        bytes[0] = 0x80 | ((bytes[0] as number) & 0x3f);
        onlyCodecError(RtpError, () => parseRtpPacket(bytes));
      }),
    );
  });

  it('RFC 8285 elements round trip in both forms', () => {
    const oneByte = fc.array(
      fc.record({ id: fc.integer({ min: 1, max: 14 }), data: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
      { maxLength: 8 },
    );
    const twoByte = fc.array(
      fc.record({ id: fc.integer({ min: 1, max: 255 }), data: fc.uint8Array({ maxLength: 40 }) }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(oneByte, (elements) => {
        expect(parseHeaderExtensionElements(serializeHeaderExtensionElements(elements))).toEqual(elements);
      }),
    );
    fc.assert(
      fc.property(twoByte, fc.nat({ max: 15 }), (elements, appBits) => {
        const ext = serializeHeaderExtensionElements(elements, { form: 'two-byte', appBits });
        expect(ext.profile).toBe(0x1000 | appBits);
        expect(parseHeaderExtensionElements(ext)).toEqual(elements);
      }),
    );
  });

  it('arbitrary extension data only ever gives RtpError', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0xbede, 0x1000, 0x100f, 0x1234),
        fc.uint8Array({ maxLength: 64 }),
        (profile, data) => {
          onlyCodecError(RtpError, () => parseHeaderExtensionElements({ profile, data }));
        },
      ),
    );
  });

  it('RTCP compound round trip', () => {
    fc.assert(
      fc.property(rtcpCompoundArb, (packets) => {
        const bytes = serializeRtcpCompound(packets);
        const parsed = parseRtcpCompound(bytes);
        expect(parsed).toEqual(packets);
        expect(serializeRtcpCompound(parsed)).toEqual(bytes);
      }),
      { examples: rtcpCases.filter((c) => !c.tolerantOnly).map((c) => [[...c.packets]]) },
    );
  });

  it('arbitrary bytes as RTCP only ever give RtpError (strict and tolerant), input untouched', () => {
    const rtcpish = fc.uint8Array({ maxLength: 120 }).map((b) => {
      // Mostly version 2 with plausible lengths, so parsing goes past the first header.
      for (let o = 0; o + 4 <= b.length; o += 4 * (((b[o + 3] as number) & 7) + 1)) {
        b[o] = 0x80 | ((b[o] as number) & 0x3f);
        b[o + 2] = 0;
        b[o + 3] = (b[o + 3] as number) & 7;
      }
      return b;
    });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 120 }), rtcpish), fc.boolean(), (bytes, tolerant) => {
        const copy = bytes.slice();
        onlyCodecError(RtpError, () => parseRtcpCompound(bytes, { tolerant }));
        expect(bytes).toEqual(copy);
      }),
      { examples: rtcpCases.map((c) => [c.bytes, true] as [Uint8Array, boolean]) },
    );
  });
});
