import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AacError,
  type AudioSpecificConfig,
  type StreamMuxConfig,
  adtsCrc,
  isAacAccessUnit,
  LatmDepacketizer,
  LatmPacketizer,
  Mpeg4GenericDepacketizer,
  Mpeg4GenericPacketizer,
  parseAdtsHeader,
  parseAudioSpecificConfig,
  parseStreamMuxConfig,
  serializeAdtsFrame,
  serializeAudioSpecificConfig,
  serializeStreamMuxConfig,
  streamMuxConfigFromAsc,
  splitAdts,
} from '../src/index.js';
import { adtsCrcCases, ascCases, latmPacketizerCases, streamMuxConfigCases } from './cases.js';
import { rtp } from './helpers.js';

const bool = fc.boolean();

/** Canonical AudioSpecificConfigs: what parse returns for what serialize writes. */
const gaConfig: fc.Arbitrary<AudioSpecificConfig> = fc
  .record({
    objectType: fc.constantFrom(1, 2, 3, 4),
    frequency: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom(44000, 0xffffff)),
    channelConfiguration: fc.integer({ min: 1, max: 15 }),
    frameLengthFlag: bool,
    coreCoderDelay: fc.option(fc.integer({ min: 0, max: 0x3fff }), { nil: undefined }),
    extensionFlag: bool,
    extensionFlag3: bool,
    sync: fc.option(
      fc.record({
        sbrPresent: bool,
        ext: fc.integer({ min: 0, max: 12 }),
        ps: fc.option(bool, { nil: undefined }),
      }),
      { nil: undefined },
    ),
  })
  .map((g) => {
    const freq =
      g.frequency < 13
        ? {
            samplingFrequencyIndex: g.frequency,
            samplingFrequency: [
              96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350,
            ][g.frequency] as number,
          }
        : { samplingFrequency: g.frequency };
    const sync: Partial<AudioSpecificConfig> =
      g.sync === undefined
        ? {}
        : g.sync.sbrPresent
          ? {
              extensionObjectType: 5,
              sbrPresent: true,
              extensionSamplingFrequencyIndex: g.sync.ext,
              extensionSamplingFrequency: [
                96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350,
              ][g.sync.ext] as number,
              ...(g.sync.ps === undefined ? {} : { psPresent: g.sync.ps }),
            }
          : { extensionObjectType: 5, sbrPresent: false };
    return {
      objectType: g.objectType,
      ...freq,
      channelConfiguration: g.channelConfiguration,
      frameLengthFlag: g.frameLengthFlag,
      dependsOnCoreCoder: g.coreCoderDelay !== undefined,
      ...(g.coreCoderDelay === undefined ? {} : { coreCoderDelay: g.coreCoderDelay }),
      extensionFlag: g.extensionFlag,
      ...(g.extensionFlag ? { extensionFlag3: g.extensionFlag3 } : {}),
      ...sync,
    };
  });

const bytes = fc.uint8Array({ maxLength: 64 });

function onlyAacError(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof AacError)) throw e;
  }
}

describe('properties', () => {
  it('AudioSpecificConfig round trip, seeded with the table', () => {
    fc.assert(
      fc.property(fc.oneof(gaConfig, fc.constantFrom(...ascCases.map((c) => c.asc))), (asc) => {
        expect(parseAudioSpecificConfig(serializeAudioSpecificConfig(asc))).toEqual(asc);
      }),
      { examples: ascCases.map((c) => [c.asc]) },
    );
  });

  it('arbitrary bytes give only AacError from every parser', () => {
    fc.assert(
      fc.property(bytes, (input) => {
        const copy = input.slice();
        onlyAacError(() => parseAudioSpecificConfig(input));
        onlyAacError(() => parseAdtsHeader(input));
        onlyAacError(() => splitAdts(input));
        onlyAacError(() => splitAdts(input, { resync: true }));
        onlyAacError(() => parseStreamMuxConfig(input));
        expect(input).toEqual(copy);
      }),
      { examples: ascCases.map((c) => [c.bytes]) },
    );
  });

  it('arbitrary packets give only AacError (or events) from the depacketizers', () => {
    const packet = fc.record({ payload: bytes, marker: bool, seq: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(fc.array(packet, { maxLength: 8 }), fc.constantFrom(13, 6), (packets, sizeLength) => {
        const m = new Mpeg4GenericDepacketizer({ sizeLength, indexLength: 3, indexDeltaLength: 3, ctsDeltaLength: 2 });
        const l = new LatmDepacketizer({ cpresent: true });
        for (const p of packets) {
          const pkt = rtp({ sequenceNumber: p.seq, timestamp: 0, marker: p.marker, payload: p.payload });
          onlyAacError(() => m.push(pkt));
          onlyAacError(() => l.push(pkt));
        }
      }),
    );
  });

  const auList = fc.array(fc.uint8Array({ minLength: 0, maxLength: 700 }), { minLength: 1, maxLength: 12 });

  it('packetize then depacketize gives back the AUs and their timestamps, any MTU', () => {
    fc.assert(
      fc.property(auList, fc.integer({ min: 17, max: 1500 }), fc.nat({ max: 0xffffffff }), (aus, mtu, ts) => {
        const p = new Mpeg4GenericPacketizer({ payloadType: 96, mtu, sequenceNumber: 0xfff0 });
        const packets = p.packetize(aus, ts);
        for (const x of packets) expect(12 + x.payload.length).toBeLessThanOrEqual(mtu);
        const d = new Mpeg4GenericDepacketizer({ sizeLength: 13, indexLength: 3, indexDeltaLength: 3 });
        const out = packets.flatMap((x) => d.push(x));
        expect(out.every(isAacAccessUnit)).toBe(true);
        expect(out).toEqual(aus.map((data, i) => ({ timestamp: (ts + i * 1024) >>> 0, data })));
      }),
    );
  });

  it('random loss, duplication and reordering never yield a corrupted AU', () => {
    fc.assert(
      fc.property(
        auList,
        fc.integer({ min: 17, max: 400 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (aus, mtu, picks) => {
          const p = new Mpeg4GenericPacketizer({ payloadType: 96, mtu });
          const packets = p.packetize(aus, 0);
          const received = picks.map((k) => packets[k % packets.length]!);
          const d = new Mpeg4GenericDepacketizer({ sizeLength: 13, indexLength: 3, indexDeltaLength: 3 });
          for (const x of received) {
            for (const item of d.push(x)) {
              if (!isAacAccessUnit(item)) continue;
              const i = item.timestamp / 1024;
              expect(item.data).toEqual(aus[i]);
            }
          }
        },
      ),
    );
  });

  it('LATM: an element split anywhere over packets gives the same AU as one packet', () => {
    const config = Uint8Array.of(0x40, 0x00, 0x23, 0x20, 0x3f, 0xc0);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 800 }), fc.array(fc.nat(), { maxLength: 5 }), (au, cuts) => {
        const lengthInfo = [...new Array<number>(Math.floor(au.length / 255)).fill(0xff), au.length % 255];
        const element = Uint8Array.from([...lengthInfo, ...au]);
        const points = [...new Set(cuts.map((c) => c % (element.length + 1)))].sort((a, b) => a - b);
        const bounds = [0, ...points, element.length];
        const d = new LatmDepacketizer({ cpresent: false, config });
        const out = bounds.slice(1).flatMap((end, i) =>
          d.push(
            rtp({
              sequenceNumber: i,
              timestamp: 3000,
              marker: i === bounds.length - 2,
              payload: element.subarray(bounds[i], end),
            }),
          ),
        );
        expect(out).toEqual([{ timestamp: 3000, data: au }]);
      }),
    );
  });

  const muxConfig: fc.Arbitrary<StreamMuxConfig> = fc
    .record({
      version: fc.constantFrom(0, 1),
      tara: fc.integer({ min: 0, max: 0xffffffff }),
      sameTime: bool,
      numSubFrames: fc.integer({ min: 0, max: 63 }),
      asc: gaConfig,
      fullness: fc.integer({ min: 0, max: 255 }),
      other: fc.option(fc.integer({ min: 0, max: 0xffffffff }), { nil: undefined }),
      crc: fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined }),
    })
    // version 0 has no ascLen: a sync extension there cannot be delimited (refused)
    .filter((g) => g.version === 1 || g.asc.extensionObjectType === undefined)
    .map((g) => ({
      audioMuxVersion: g.version as 0 | 1,
      ...(g.version === 1 ? { taraBufferFullness: g.tara } : {}),
      allStreamsSameTimeFraming: g.sameTime,
      numSubFrames: g.numSubFrames,
      audioSpecificConfig: g.asc,
      frameLengthType: 0,
      latmBufferFullness: g.fullness,
      ...(g.other === undefined ? {} : { otherDataLenBits: g.other }),
      ...(g.crc === undefined ? {} : { crcCheckSum: g.crc }),
    }));

  it('StreamMuxConfig round trip, seeded with the table', () => {
    fc.assert(
      fc.property(muxConfig, (config) => {
        expect(parseStreamMuxConfig(serializeStreamMuxConfig(config), { tolerateTruncation: false })).toEqual(config);
      }),
      { examples: streamMuxConfigCases.map((c) => [c.config]) },
    );
  });

  it('LATM: LatmDepacketizer(LatmPacketizer(AUs)) gives back the AUs and timestamps, any MTU', () => {
    const options = { cpresent: false, config: serializeStreamMuxConfig(streamMuxConfigFromAsc(ascCases[0]!.asc)) };
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 2000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 13, max: 1500 }),
        fc.nat({ max: 0xffffffff }),
        fc.nat({ max: 0xffff }),
        (aus, mtu, ts, seq) => {
          const p = new LatmPacketizer({ payloadType: 96, mtu, sequenceNumber: seq });
          const packets = p.packetize(aus, ts);
          for (const x of packets) expect(12 + x.payload.length).toBeLessThanOrEqual(mtu);
          const d = new LatmDepacketizer(options);
          const out = packets.flatMap((x) => d.push(x));
          expect(out).toEqual(aus.map((data, i) => ({ timestamp: (ts + i * 1024) >>> 0, data })));
        },
      ),
      { examples: latmPacketizerCases.map((c) => [c.aus.slice(), c.mtu, 90000, 0]) },
    );
  });

  it('ADTS: protected frames verify, and any single flipped protected bit is caught', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat(), (anyPayload, pick) => {
        // A mono frame: its raw data block starts with a single channel element (id 0).
        const payload = anyPayload.slice();
        payload[0] = (payload[0] as number) & 0x1f;
        const asc = { objectType: 2, samplingFrequency: 48000, channelConfiguration: 1 };
        const frame = serializeAdtsFrame({ asc, protect: true }, payload);
        expect(splitAdts(frame, { verifyCrc: true })[0]?.payload).toEqual(payload);
        // flip one protected bit: a header bit that does not change the frame's layout
        // (not syncword, ID, layer, protection flag, frame length or block count), or a
        // protected raw data bit
        const protectedBits = [
          ...Array.from({ length: 14 }, (_, i) => 16 + i),
          ...Array.from({ length: 11 }, (_, i) => 43 + i),
          ...Array.from({ length: Math.min(192, Math.max(0, payload.length * 8 - 3)) }, (_, i) => 72 + 3 + i),
        ];
        const bit = protectedBits[pick % protectedBits.length] as number;
        const bad = frame.slice();
        bad[bit >>> 3] = (bad[bit >>> 3] as number) ^ (0x80 >>> (bit & 7));
        let header: ReturnType<typeof parseAdtsHeader>;
        try {
          header = parseAdtsHeader(bad);
        } catch {
          return; // the flip made the header invalid (reserved frequency index, short length)
        }
        if (header.channelConfiguration !== 1) return; // no longer mono: not computed (tested apart)
        expect(adtsCrc(bad, header)).not.toBe(header.crc);
      }),
      { examples: adtsCrcCases.map((c) => [c.payload, 0]) },
    );
  });
});
