import { hex } from '@rtspkit/bytes';
import type { RtpPacket } from '@rtspkit/rtp';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  H265Depacketizer,
  H265DtsExtractor,
  H265Error,
  H265Packetizer,
  groupH265AccessUnits,
  h265SlicePpsId,
  isH265AccessUnit,
  parseH265SliceHeader,
  parseH265Pps,
  parseH265Sps,
  parseH265Vps,
  parseHvcC,
  serializeHvcC,
  type HvcC,
} from '../src/index.js';
import { hvcCCases, rtpCases, samplePps, sampleSps, sampleVps } from './cases.js';

/** Only H265Error may escape a parser given arbitrary bytes. */
function onlyH265Error(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof H265Error)) throw e;
  }
}

const nalUnit = fc
  .tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 0, max: 63 }), fc.integer({ min: 1, max: 7 }))
  .chain(([type, layer, tid]) =>
    fc
      .uint8Array({ minLength: 1, maxLength: 3000 })
      // first_slice_segment_in_pic_flag set (a slice segment that begins its picture), and a
      // last byte holding the rbsp stop bit (H.265 §7.4.2: a NAL unit never ends with 0).
      .map(
        (body) =>
          new Uint8Array([
            (type << 1) | (layer >>> 5),
            ((layer & 0x1f) << 3) | tid,
            (body[0] as number) | 0x80,
            ...body.subarray(1),
            0x80,
          ]),
      ),
  );

const hvcc: fc.Arbitrary<HvcC> = fc.record({
  configurationVersion: fc.constant(1 as const),
  generalProfileSpace: fc.nat(3),
  generalTierFlag: fc.nat(1),
  generalProfileIdc: fc.nat(31),
  generalProfileCompatibilityFlags: fc.nat({ max: 0xffffffff }),
  generalConstraintIndicatorFlags: fc.uint8Array({ minLength: 6, maxLength: 6 }),
  generalLevelIdc: fc.nat(255),
  minSpatialSegmentationIdc: fc.nat(4095),
  parallelismType: fc.nat(3),
  chromaFormat: fc.nat(3),
  bitDepthLuma: fc.integer({ min: 8, max: 15 }),
  bitDepthChroma: fc.integer({ min: 8, max: 15 }),
  avgFrameRate: fc.nat(0xffff),
  constantFrameRate: fc.nat(3),
  numTemporalLayers: fc.nat(7),
  temporalIdNested: fc.boolean(),
  lengthSize: fc.constantFrom(1 as const, 2 as const, 4 as const),
  arrays: fc.array(
    fc.record({
      arrayCompleteness: fc.boolean(),
      nalUnitType: fc.nat(63),
      nalUnits: fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 3 }),
    }),
    { maxLength: 4 },
  ),
});

describe('properties', () => {
  it('hvcC round trip, seeded with the table', () => {
    fc.assert(
      fc.property(hvcc, (record) => {
        expect(parseHvcC(serializeHvcC(record))).toEqual(record);
      }),
      { examples: hvcCCases.map((c) => [c.hvcc]) },
    );
  });

  it('arbitrary bytes through every parser give only H265Error', () => {
    const seeds = [sampleVps, sampleSps, ...hvcCCases.map((c) => c.bytes)];
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(...seeds).chain(mutate)), (bytes) => {
        onlyH265Error(() => parseH265Vps(bytes));
        onlyH265Error(() => parseH265Sps(bytes));
        onlyH265Error(() => parseH265Pps(bytes));
        onlyH265Error(() => parseHvcC(bytes));
        const asType = (t: number) => new Uint8Array([t << 1, 1, ...bytes]);
        onlyH265Error(() => parseH265Vps(asType(32)));
        onlyH265Error(() => parseH265Sps(asType(33)));
        onlyH265Error(() => parseH265Pps(asType(34)));
        const sps = parseH265Sps(sampleSps);
        const pps = parseH265Pps(samplePps);
        for (const type of [1, 19, 21]) {
          onlyH265Error(() => h265SlicePpsId(asType(type)));
          onlyH265Error(() => parseH265SliceHeader(asType(type), sps, pps));
        }
        groupH265AccessUnits([bytes, asType(1), bytes]);
      }),
    );
  });

  it('packetize then depacketize gives the access units back, for any mtu', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(nalUnit, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 16, max: 1500 }),
        fc.nat({ max: 0xffff }),
        (accessUnits, mtu, seq) => {
          const p = new H265Packetizer({ payloadType: 96, mtu, ssrc: 9, sequenceNumber: seq });
          const d = new H265Depacketizer();
          const out = accessUnits.flatMap((au, i) =>
            p.packetize(au, i * 3000).flatMap((packet) => {
              expect(packet.payload.length + 12).toBeLessThanOrEqual(mtu);
              return d.push(packet);
            }),
          );
          expect(out.every(isH265AccessUnit)).toBe(true);
          expect(out.map((u) => (isH265AccessUnit(u) ? u.nalUnits.map((n) => n.slice()) : []))).toEqual(accessUnits);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('arbitrary packets give only events and access units, never a throw', () => {
    const packet = fc.record({
      marker: fc.boolean(),
      payloadType: fc.constant(96),
      sequenceNumber: fc.nat({ max: 0xffff }),
      timestamp: fc.constantFrom(0, 3000, 6000),
      ssrc: fc.constantFrom(1, 2),
      csrcs: fc.constant([] as number[]),
      payload: fc.oneof(
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom(...rtpCases.flatMap((c) => c.packets.map((q) => q.payload))),
      ),
      paddingLength: fc.constant(0),
    });
    fc.assert(
      fc.property(fc.array(packet, { maxLength: 40 }), fc.boolean(), (packets, don) => {
        const d = new H265Depacketizer({ maxDonDiff: don ? 4 : 0, maxAccessUnitBytes: 4096, maxNalUnits: 16 });
        let total = 0;
        for (const q of packets) {
          for (const item of d.push(q)) {
            if (isH265AccessUnit(item)) {
              expect(item.nalUnits.length).toBeLessThanOrEqual(16);
              total = item.nalUnits.reduce((n, u) => n + u.length, 0);
              expect(total).toBeLessThanOrEqual(4096);
            } else {
              expect(item.code).toMatch(/^(ERR_)?H265_/);
            }
          }
        }
        d.flush();
      }),
    );
  });

  it('random loss and reordering after the first packet never emit a corrupted access unit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(nalUnit, { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 40, max: 600 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        (accessUnits, mtu, drops, swaps) => {
          const p = new H265Packetizer({ payloadType: 96, mtu, ssrc: 9, sequenceNumber: 100 });
          // Tag each access unit by its timestamp so a delivered unit can be checked against its source.
          const packets: RtpPacket[] = accessUnits.flatMap((au, i) => p.packetize(au, i * 3000));
          // The first packet arrives: what was lost before the stream was joined cannot be known.
          for (const k of drops) if (packets.length > 1) packets.splice(1 + (k % (packets.length - 1)), 1);
          for (const k of swaps) {
            if (packets.length < 3) break;
            const i = 1 + (k % (packets.length - 2));
            [packets[i], packets[i + 1]] = [packets[i + 1] as RtpPacket, packets[i] as RtpPacket];
          }
          const d = new H265Depacketizer();
          for (const q of packets) {
            for (const item of d.push(q)) {
              if (!isH265AccessUnit(item)) continue;
              const source = accessUnits[item.timestamp / 3000] as Uint8Array[];
              expect(item.nalUnits.map((n) => n.slice())).toEqual(source);
            }
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('dts extractor: arbitrary access units give only H265Error and a strictly increasing dts', () => {
    const slice = fc.uint8Array({ minLength: 1, maxLength: 12 }).map((b) => new Uint8Array([0x02, 0x01, ...b]));
    fc.assert(
      fc.property(fc.array(slice, { maxLength: 20 }), (slices) => {
        const x = new H265DtsExtractor();
        x.extract([sampleVps, sampleSps, hex`44 01 c1 72 b4 62 40`, hex`26 01 af 00`], 0);
        let prev = Number.NEGATIVE_INFINITY;
        slices.forEach((s, i) => {
          try {
            const dts = x.extract([s], (i + 1) * 3000);
            expect(dts).toBeGreaterThan(prev);
            expect(dts).toBeLessThanOrEqual((i + 1) * 3000);
            prev = dts;
          } catch (e) {
            if (!(e instanceof H265Error)) throw e;
          }
        });
      }),
    );
  });
});

/** Flips, truncates or extends a seed so the parsers see near-valid input. */
function mutate(seed: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.tuple(fc.nat(seed.length), fc.nat(255), fc.nat(seed.length)).map(([at, value, cut]) => {
    const out = seed.slice(0, Math.max(cut, 2));
    if (at < out.length) out[at] = value;
    return out;
  });
}
