import fc from 'fast-check';
import { onlyCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  Fmp4Error,
  Fmp4Muxer,
  type FragmentPolicy,
  inspectBoxes,
  SampleFlags,
  serializeInitSegment,
  serializeMediaSegment,
  type Track,
} from '../src/index.js';
import {
  aacTrack,
  allTracks,
  avcInitGolden,
  avcTrack,
  hevTrack,
  inspectOnlyCases,
  mediaSegmentCases,
} from './cases.js';
import { checkSizes, join, readSamples } from './helpers.js';

type Input = { dts: number; cto: number; key: boolean; data: Uint8Array };

const policy: fc.Arbitrary<FragmentPolicy> = fc.oneof(
  fc.constant('frame' as const),
  fc.constant('gop' as const),
  fc.integer({ min: 1, max: 500 }).map((durationMs) => ({ durationMs })),
);

/** A track's samples: increasing DTS from a random (possibly 32-bit wrapping) start. */
const samples = (maxCto: number) =>
  fc
    .tuple(
      fc.nat({ max: 2 ** 32 - 1 }),
      fc.array(
        fc.record({
          delta: fc.integer({ min: 1, max: 6000 }),
          cto: fc.integer({ min: 0, max: maxCto }),
          key: fc.boolean(),
          data: fc.uint8Array({ maxLength: 40 }),
        }),
        { minLength: 1, maxLength: 40 },
      ),
    )
    .map(([start, list]) => {
      let dts = start;
      return list.map((s, i): Input => {
        if (i > 0) dts += s.delta;
        return { dts, cto: s.cto, key: i === 0 || s.key, data: s.data };
      });
    });

/** Pushes interleaved by DTS and flushes; RTP-style 32-bit timestamps (wrapped modulo 2^32). */
function mux(tracks: readonly Track[], perTrack: Input[][], fragment: FragmentPolicy): Uint8Array {
  const m = new Fmp4Muxer({ tracks, fragment });
  const order = perTrack
    .flatMap((list, t) => list.map((s, i) => ({ t, i, at: (s.dts - list[0]!.dts) / tracks[t]!.timescale })))
    .sort((a, b) => a.at - b.at || a.t - b.t || a.i - b.i);
  const chunks: Uint8Array[] = [];
  for (const { t, i } of order) {
    const s = perTrack[t]![i]!;
    const dts = s.dts % 2 ** 32;
    chunks.push(...m.push(tracks[t]!.id, { pts: (s.dts + s.cto) % 2 ** 32, dts, key: s.key, data: s.data }));
  }
  chunks.push(...m.flush());
  return join(chunks);
}

describe('properties', () => {
  it('every box size equals its contents, and samples survive a parse back', () => {
    fc.assert(
      fc.property(samples(9000), samples(0), policy, fc.boolean(), (video, audio, fragment, withAudio) => {
        const tracks: Track[] = withAudio
          ? [
              { ...avcTrack, defaultDuration: 3000 },
              { ...aacTrack, defaultDuration: 1024 },
            ]
          : [{ ...avcTrack, defaultDuration: 3000 }];
        const inputs = withAudio ? [video, audio] : [video];
        const file = mux(tracks, inputs, fragment);
        const boxes = inspectBoxes(file);
        checkSizes(boxes, file.length);
        const read = readSamples(file);
        tracks.forEach((track, t) => {
          const list = inputs[t]!;
          const got = read.filter((s) => s.trackId === track.id);
          expect(got.map((s) => s.data)).toEqual(list.map((s) => s.data));
          expect(got.map((s) => s.decodeTime)).toEqual(list.map((s) => s.dts - list[0]!.dts));
          expect(got.map((s) => s.duration)).toEqual(
            list.map((s, i) => (i + 1 < list.length ? list[i + 1]!.dts - s.dts : track.defaultDuration)),
          );
          expect(got.map((s) => s.compositionOffset)).toEqual(list.map((s) => s.cto));
          expect(got.map((s) => s.flags)).toEqual(list.map((s) => (s.key ? SampleFlags.sync : SampleFlags.nonSync)));
        });
      }),
      { numRuns: 60 },
    );
  });

  it('the fragment policy changes only where fragments end, never the samples', () => {
    fc.assert(
      fc.property(samples(6000), policy, policy, (video, a, b) => {
        const strip = (file: Uint8Array) =>
          readSamples(file).map(({ decodeTime, duration, size, flags }) => [decodeTime, duration, size, flags]);
        const track = [{ ...avcTrack, defaultDuration: 3000 }];
        expect(strip(mux(track, [video], a))).toEqual(strip(mux(track, [video], b)));
      }),
      { numRuns: 50 },
    );
  });

  it('init segments of arbitrary tracks have consistent box sizes', () => {
    const track = fc.record({
      base: fc.constantFrom(...allTracks),
      width: fc.integer({ min: 1, max: 4096 }),
      height: fc.integer({ min: 1, max: 4096 }),
      sar: fc.tuple(fc.integer({ min: 1, max: 255 }), fc.integer({ min: 1, max: 255 })),
      config: fc.uint8Array({ maxLength: 300 }) as fc.Arbitrary<Uint8Array>,
    });
    fc.assert(
      fc.property(fc.array(track, { minLength: 1, maxLength: 4 }), fc.option(fc.nat({ max: 2 ** 40 })), (list, ms) => {
        const tracks = list.map(
          (t, i): Track =>
            t.base.kind === 'video'
              ? {
                  ...t.base,
                  id: i + 1,
                  width: t.width,
                  height: t.height,
                  sarWidth: t.sar[0],
                  sarHeight: t.sar[1],
                  config: t.config,
                }
              : { ...t.base, id: i + 1, config: t.config },
        );
        const init = serializeInitSegment(tracks, ms === null ? {} : { duration: { ms } });
        checkSizes(inspectBoxes(init), init.length);
      }),
      { examples: [[[{ base: hevTrack, width: 640, height: 360, sar: [4, 3], config: hevTrack.config }], null]] },
    );
  });

  it('arbitrary bytes give inspectBoxes only Fmp4Error', () => {
    const seeds = [avcInitGolden, ...mediaSegmentCases.map((c) => c.bytes), ...inspectOnlyCases.map((c) => c.bytes)];
    const mutated = fc
      .tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 6 }), fc.nat())
      .map(([seed, edits, cut]) => {
        const b = seed.slice(0, seed.length - (cut % 16));
        for (const [at, v] of edits) if (b.length > 0) b[at % b.length] = v;
        return b;
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), mutated), (bytes) => {
        const copy = bytes.slice();
        onlyCodecError(Fmp4Error, () => inspectBoxes(bytes));
        expect(bytes).toEqual(copy);
      }),
      { numRuns: 1000, examples: seeds.map((s) => [s]) },
    );
  });

  it('media segments round trip through inspectBoxes', () => {
    const sample = fc.record({
      duration: fc.nat({ max: 2 ** 32 - 1 }),
      flags: fc.constantFrom(SampleFlags.sync, SampleFlags.nonSync),
      compositionOffset: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      data: fc.uint8Array({ maxLength: 20 }),
    });
    const run = fc.record({
      trackId: fc.integer({ min: 1, max: 2 ** 32 - 1 }),
      baseDecodeTime: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
      samples: fc.array(sample, { maxLength: 8 }),
    });
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 32 - 1 }),
        fc.array(run, { minLength: 1, maxLength: 3 }),
        (sequenceNumber, tracks) => {
          const bytes = join(serializeMediaSegment({ sequenceNumber, tracks }));
          checkSizes(inspectBoxes(bytes), bytes.length);
          const read = readSamples(bytes);
          expect(read.map((s) => [s.trackId, s.duration, s.flags, s.compositionOffset, s.data])).toEqual(
            tracks.flatMap((t) => t.samples.map((s) => [t.trackId, s.duration, s.flags, s.compositionOffset, s.data])),
          );
        },
      ),
      { examples: mediaSegmentCases.map((c) => [c.input.sequenceNumber, [...c.input.tracks]]) },
    );
  });
});
