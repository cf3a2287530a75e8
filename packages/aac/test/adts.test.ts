import { concat, hex } from '@rtspkit/bytes';
import { describe, expect, it } from 'vitest';
import {
  AacError,
  AacErrorCode,
  ascFromAdtsHeader,
  parseAdtsHeader,
  serializeAdtsHeader,
  serializeAudioSpecificConfig,
  splitAdts,
} from '../src/index.js';
import { adtsCases } from './cases.js';

describe('ADTS', () => {
  for (const c of adtsCases) {
    it(`parses ${c.name}`, () => {
      expect(parseAdtsHeader(c.bytes)).toEqual(c.header);
    });
    it(`serializes ${c.name}`, () => {
      expect(serializeAdtsHeader(c.header)).toEqual(c.bytes);
    });
  }

  it('writes the canonical header from an ASC and a payload length', () => {
    const asc = ascFromAdtsHeader(adtsCases[0]!.header);
    expect(serializeAudioSpecificConfig(asc)).toEqual(hex`11 90`);
    expect(serializeAdtsHeader({ asc, payloadLength: 287 })).toEqual(adtsCases[0]!.bytes);
  });

  it('writes explicit HE-AAC as its core type and rate', () => {
    const he = {
      objectType: 5,
      samplingFrequencyIndex: 6,
      samplingFrequency: 24000,
      channelConfiguration: 2,
      coreObjectType: 2,
    };
    const h = parseAdtsHeader(serializeAdtsHeader({ asc: he, payloadLength: 10 }));
    expect([h.objectType, h.samplingFrequencyIndex, h.frameLength]).toEqual([2, 6, 17]);
  });

  const frame = (payload: Uint8Array) =>
    concat(
      serializeAdtsHeader({
        asc: { objectType: 2, samplingFrequency: 48000, channelConfiguration: 2 },
        payloadLength: payload.length,
      }),
      payload,
    );

  it('splits a stream into frames whose payloads alias the input', () => {
    const stream = concat(frame(hex`01 02 03`), frame(hex`04`), frame(hex``));
    const frames = splitAdts(stream);
    expect(frames.map((f) => [f.offset, [...f.payload]])).toEqual([
      [0, [1, 2, 3]],
      [10, [4]],
      [18, []],
    ]);
    expect(frames[0]!.payload.buffer).toBe(stream.buffer);
  });

  it('throws on garbage by default, with the offset', () => {
    const stream = concat(frame(hex`01 02`), hex`00 11`, frame(hex`03`));
    try {
      splitAdts(stream);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AacError);
      expect((e as AacError).code).toBe(AacErrorCode.AdtsSyncLost);
      expect((e as AacError).offset).toBe(9);
    }
  });

  it('resyncs past garbage and drops a cut last frame when asked', () => {
    const stream = concat(
      hex`ff f1 00`, // a false syncword
      frame(hex`01 02`),
      frame(hex`03`), // followed by garbage, accepted: it follows a good frame
      hex`00 11`,
      frame(hex`04 05`),
      frame(hex`06 07 08`).subarray(0, 8), // cut
    );
    expect(splitAdts(stream, { resync: true }).map((f) => [...f.payload])).toEqual([[1, 2], [3], [4, 5]]);
  });

  it('rejects a frame length shorter than the header', () => {
    expect(() => parseAdtsHeader(hex`ff f1 4c 80 00 bf fc`)).toThrow(AacError);
  });
});
