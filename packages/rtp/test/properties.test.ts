import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RtpError,
  parseHeaderExtensionElements,
  parseRtpPacket,
  serializeHeaderExtensionElements,
  serializeRtpPacket,
} from '../src/index.js';
import { rtpPacketArb } from './arbitraries.js';
import { rtpCases } from './cases.js';

/** Runs `fn`; anything thrown must be an RtpError. */
function onlyRtpError(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof RtpError)) throw e;
  }
}

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

  it('arbitrary bytes only ever give RtpError, and never mutate the input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 96 }), (bytes) => {
        const copy = bytes.slice();
        onlyRtpError(() => {
          const p = parseRtpPacket(bytes);
          if (p.extension) onlyRtpError(() => parseHeaderExtensionElements(p.extension!));
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
        onlyRtpError(() => parseRtpPacket(bytes));
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
          onlyRtpError(() => parseHeaderExtensionElements({ profile, data }));
        },
      ),
    );
  });
});
