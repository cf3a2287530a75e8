import { equals } from '@rtspkit/bytes';
import type { RtpPacket } from '@rtspkit/rtp';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  H264Depacketizer,
  H264Error,
  H264ErrorCode,
  H264NoticeCode,
  H264Packetizer,
  groupH264AccessUnits,
  isH264AccessUnit,
  parseAvcC,
  parseH264Pps,
  parseH264Sps,
} from '../src/index.js';
import { avcCCases, spsCases } from './cases.js';
import { rtp } from './helpers.js';
import { depacketizeCases } from './rtp-cases.js';

/** A NAL unit as an encoder writes it: a header, then a body free of start codes. */
const nalUnit = fc
  .record({
    type: fc.constantFrom(1, 5, 6, 7, 8, 9),
    nri: fc.integer({ min: 0, max: 3 }),
    body: fc.uint8Array({ minLength: 1, maxLength: 3000 }),
  })
  .map(({ type, nri, body }) => {
    const out = Uint8Array.from(body, (b) => b || 1); // no zero bytes: no start code can appear
    if (type === 1 || type === 5) out[0] = (out[0] as number) | 0x80; // first_mb_in_slice = 0
    return Uint8Array.of((nri << 5) | type, ...out);
  });

const accessUnitsArb = fc.array(fc.array(nalUnit, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });

function packetizeAll(units: Uint8Array[][], mtu: number): RtpPacket[] {
  const p = new H264Packetizer({ payloadType: 96, mtu, ssrc: 7, sequenceNumber: 65530 });
  return units.flatMap((au, i) => p.packetize(au, i * 3000));
}

const sameNals = (a: readonly Uint8Array[], b: readonly Uint8Array[]) =>
  a.length === b.length && a.every((n, i) => equals(n, b[i] as Uint8Array));

describe('properties', () => {
  it('depacketize(packetize(access units)) gives them back, over random MTUs', () => {
    fc.assert(
      fc.property(accessUnitsArb, fc.integer({ min: 15, max: 1500 }), (units, mtu) => {
        const packets = packetizeAll(units, mtu);
        for (const p of packets) expect(p.payload.length).toBeLessThanOrEqual(mtu - 12);
        const d = new H264Depacketizer();
        const out = packets.flatMap((p) => d.push(p));
        expect(out.every(isH264AccessUnit)).toBe(true);
        expect(out.map((a) => (isH264AccessUnit(a) ? a.nalUnits : []))).toEqual(units);
        expect(out.map((a) => a.timestamp)).toEqual(units.map((_, i) => i * 3000));
      }),
      { numRuns: 60 },
    );
  });

  it('without marker bits, access units still come back (split on timestamp change, last on flush)', () => {
    fc.assert(
      fc.property(accessUnitsArb, fc.integer({ min: 15, max: 1500 }), (units, mtu) => {
        const d = new H264Depacketizer();
        const out = packetizeAll(units, mtu).flatMap((p) => d.push({ ...p, marker: false }));
        out.push(...d.flush());
        expect(out.filter(isH264AccessUnit).map((a) => a.nalUnits)).toEqual(units);
      }),
      { numRuns: 40 },
    );
  });

  it('random loss and reordering never emit a corrupted access unit', () => {
    fc.assert(
      fc.property(
        accessUnitsArb,
        fc.integer({ min: 15, max: 400 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (units, mtu, drops, swaps) => {
          const packets = packetizeAll(units, mtu);
          // The first packet stays: joining mid access unit is a separate case.
          const kept = [packets[0] as RtpPacket, ...packets.slice(1)];
          for (const k of drops) if (kept.length > 1) kept.splice(1 + (k % (kept.length - 1)), 1);
          for (const k of swaps) {
            if (kept.length < 3) break;
            const i = 1 + (k % (kept.length - 2));
            [kept[i], kept[i + 1]] = [kept[i + 1] as RtpPacket, kept[i] as RtpPacket];
          }
          const d = new H264Depacketizer();
          for (const item of kept.flatMap((p) => d.push(p))) {
            if (!isH264AccessUnit(item)) continue;
            const source = units[item.timestamp / 3000];
            expect(source !== undefined && sameNals(item.nalUnits, source)).toBe(true);
          }
        },
      ),
    );
  });

  it('arbitrary packets give only access units and coded events, within the limits', () => {
    const codes = new Set<string>([...Object.values(H264ErrorCode), ...Object.values(H264NoticeCode)]);
    const packet = fc.record({
      sequenceNumber: fc.integer({ min: 0, max: 0xffff }),
      timestamp: fc.constantFrom<number>(0, 3000, 6000),
      marker: fc.boolean(),
      ssrc: fc.constantFrom<number>(1, 2),
      payload: fc.oneof(
        fc.uint8Array({ maxLength: 64 }),
        fc.uint8Array({ minLength: 2, maxLength: 64 }).map((b) => {
          b[0] = ((b[0] as number) & 0xe0) | (24 + ((b[0] as number) % 6)); // aggregation / fragmentation types
          return b;
        }),
      ),
    });
    fc.assert(
      fc.property(fc.array(packet, { maxLength: 60 }), (packets) => {
        const d = new H264Depacketizer({ maxAccessUnitBytes: 256, maxNalUnits: 8 });
        const out = packets.flatMap((p) => d.push(rtp(p.sequenceNumber, p.timestamp, p.marker, p.payload, p.ssrc)));
        out.push(...d.flush());
        for (const item of out) {
          if (isH264AccessUnit(item)) {
            expect(item.nalUnits.length).toBeLessThanOrEqual(8);
            expect(item.nalUnits.reduce((n, u) => n + u.length, 0)).toBeLessThanOrEqual(256);
          } else {
            expect(codes.has(item.code)).toBe(true);
          }
        }
      }),
      {
        examples: [
          [depacketizeCases.flatMap((c) => c.packets).map((p) => ({ ...p, payload: new Uint8Array(p.payload) }))],
        ],
      },
    );
  });

  it('arbitrary bytes through the parsers give only H264Error', () => {
    const parsers = [
      (b: Uint8Array) => parseH264Sps(Uint8Array.of(0x67, ...b)),
      (b: Uint8Array) => parseH264Pps(Uint8Array.of(0x68, ...b)),
      parseAvcC,
      (b: Uint8Array) => groupH264AccessUnits([b]),
    ];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 128 }), (bytes) => {
        for (const parse of parsers) {
          try {
            parse(bytes);
          } catch (e) {
            expect(e).toBeInstanceOf(H264Error);
          }
        }
      }),
      {
        examples: [
          ...spsCases.map((c) => [c.bytes.subarray(1)] as [Uint8Array]),
          ...avcCCases.map((c) => [c.bytes] as [Uint8Array]),
        ],
      },
    );
  });
});
