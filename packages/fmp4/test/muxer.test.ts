import { expectCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  Fmp4Error,
  Fmp4ErrorCode,
  Fmp4Muxer,
  Fmp4Recorder,
  type FragmentPolicy,
  type Sample,
  SampleFlags,
  findBoxes,
  inspectBoxes,
  serializeInitSegment,
} from '../src/index.js';
import { aacTrack, avcTrack } from './cases.js';
import { fieldsOf, join, readSamples } from './helpers.js';

const frame = (i: number, key = i % 3 === 0): Sample => ({ pts: i * 3000, key, data: Uint8Array.of(i & 0xff, 1, 2) });

function run(policy: FragmentPolicy, samples: Sample[], flush = true) {
  const mux = new Fmp4Muxer({ tracks: [avcTrack], fragment: policy });
  const chunks = samples.flatMap((s) => mux.push(1, s));
  if (flush) chunks.push(...mux.flush());
  return join(chunks);
}

describe('Fmp4Muxer', () => {
  it('returns the init segment first, then fragments', () => {
    const mux = new Fmp4Muxer({ tracks: [avcTrack], fragment: 'frame' });
    const first = mux.pushSegments(1, frame(0));
    expect(first.map((s) => s.kind)).toEqual(['init']);
    expect(first[0]!.chunks[0]).toEqual(serializeInitSegment([avcTrack]));
    const second = mux.pushSegments(1, frame(1));
    expect(second.map((s) => s.kind)).toEqual(['media']);
    expect(second[0]).toMatchObject({
      sequenceNumber: 1,
      tracks: [{ trackId: 1, baseDecodeTime: 0, sampleCount: 1, duration: 3000, startsWithKey: true }],
    });
  });

  it("'frame' gives one sample per fragment, 'gop' starts each fragment at a key frame", () => {
    const samples = Array.from({ length: 10 }, (_, i) => frame(i));
    const perFrame = inspectBoxes(run('frame', samples)).filter((b) => b.type === 'moof');
    expect(perFrame).toHaveLength(10);
    const gop = inspectBoxes(run('gop', samples));
    const counts = findBoxes(gop, 'moof/traf/trun').map((b) => fieldsOf(b, 'trun').samples.length);
    expect(counts).toEqual([3, 3, 3, 1]);
    for (const trun of findBoxes(gop, 'moof/traf/trun')) {
      expect(fieldsOf(trun, 'trun').samples[0]!.flags).toBe(SampleFlags.sync);
    }
  });

  it('{ durationMs } cuts once the buffered samples span the duration', () => {
    const samples = Array.from({ length: 10 }, (_, i) => frame(i, i === 0));
    const counts = findBoxes(inspectBoxes(run({ durationMs: 100 }, samples)), 'moof/traf/trun').map(
      (b) => fieldsOf(b, 'trun').samples.length,
    );
    expect(counts).toEqual([3, 3, 3, 1]); // 3 frames of 33.3 ms = 100 ms
  });

  it('durations come from DTS deltas, the last one from defaultDuration or the previous delta', () => {
    const pts = [0, 3000, 6003, 9000];
    const samples = pts.map((p, i) => ({ pts: p, key: i === 0, data: Uint8Array.of(i) }));
    expect(readSamples(run('gop', samples)).map((s) => s.duration)).toEqual([3000, 3003, 2997, 2997]);
    const mux = new Fmp4Muxer({ tracks: [{ ...avcTrack, defaultDuration: 1500 }] });
    const chunks = samples.flatMap((s) => mux.push(1, s));
    expect(readSamples(join([...chunks, ...mux.flush()])).map((s) => s.duration)).toEqual([3000, 3003, 2997, 1500]);
  });

  it('a known duration lets the frame policy emit a sample at once', () => {
    const mux = new Fmp4Muxer({ tracks: [avcTrack], fragment: 'frame' });
    const out = mux.pushSegments(1, { pts: 0, key: true, data: Uint8Array.of(1), duration: 3000 });
    expect(out.map((s) => s.kind)).toEqual(['init', 'media']);
  });

  it('estimateDurations writes each sample at once with the previous duration; tfdt stays exact', () => {
    const mux = new Fmp4Muxer({ tracks: [avcTrack], fragment: 'frame', estimateDurations: true });
    const pts = [0, 3000, 6000, 9003, 12000];
    const perPush = pts.map((p, i) => mux.pushSegments(1, { pts: p, key: i === 0, data: Uint8Array.of(i) }));
    expect(perPush.map((segs) => segs.filter((s) => s.kind === 'media').length)).toEqual([1, 1, 1, 1, 1]);
    const read = readSamples(join(perPush.flat().flatMap((s) => [...s.chunks])));
    expect(read.map((s) => s.decodeTime)).toEqual(pts);
    // first: the 1/30 s fallback; then the DTS delta observed when the sample arrived
    expect(read.map((s) => s.duration)).toEqual([3000, 3000, 3000, 3003, 2997]);
    expect(mux.flush()).toEqual([]);
  });

  it('estimateDurations with gop: durations inside a fragment are exact', () => {
    const mux = new Fmp4Muxer({ tracks: [avcTrack], fragment: 'gop', estimateDurations: true });
    const pts = [0, 3000, 6003, 9000];
    const chunks = pts.flatMap((p, i) => mux.push(1, { pts: p, key: i === 0, data: Uint8Array.of(i) }));
    expect(readSamples(join([...chunks, ...mux.flush()])).map((s) => s.duration)).toEqual([3000, 3003, 2997, 2997]);
  });

  it('composition offsets are PTS − DTS, signed', () => {
    // I P B B: decode order with DTS from the encoder
    const samples: Sample[] = [
      { pts: 3000, dts: 0, key: true, data: Uint8Array.of(0) },
      { pts: 12000, dts: 3000, key: false, data: Uint8Array.of(1) },
      { pts: 6000, dts: 6000, key: false, data: Uint8Array.of(2) },
      { pts: 9000, dts: 9000, key: false, data: Uint8Array.of(3) },
    ];
    const read = readSamples(run('gop', samples));
    expect(read.map((s) => s.compositionOffset)).toEqual([3000, 9000, 0, 0]);
    expect(read.map((s) => s.flags)).toEqual([
      SampleFlags.sync,
      SampleFlags.nonSync,
      SampleFlags.nonSync,
      SampleFlags.nonSync,
    ]);
    const negative = readSamples(run('gop', [{ pts: 0, dts: 3000, key: true, data: Uint8Array.of(0) }]));
    expect(negative[0]!.compositionOffset).toBe(-3000);
  });

  it('unwraps 32-bit RTP timestamps: tfdt keeps growing across the wrap', () => {
    const start = 2 ** 32 - 6000;
    const samples = Array.from({ length: 5 }, (_, i) => ({
      pts: (start + i * 3000) % 2 ** 32,
      key: i === 0,
      data: Uint8Array.of(i),
    }));
    const read = readSamples(run('frame', samples));
    expect(read.map((s) => s.decodeTime)).toEqual([0, 3000, 6000, 9000, 12000]);
    const input = new Fmp4Muxer({ tracks: [avcTrack], fragment: 'frame', startTime: 'input' });
    const chunks = samples.flatMap((s) => input.push(1, s));
    expect(readSamples(join([...chunks, ...input.flush()])).map((s) => s.decodeTime)).toEqual([
      start,
      start + 3000,
      start + 6000,
      start + 9000,
      start + 12000,
    ]);
  });

  it('a backwards jump or a long gap continues at previous + previous duration, with a warning', () => {
    const warnings: Fmp4Error[] = [];
    const mux = new Fmp4Muxer({ tracks: [avcTrack], fragment: 'gop', onWarning: (w) => warnings.push(w) });
    const pts = [90000, 93000, 96000, 10, 3010, 3010 + 90000 * 60, 3010 + 90000 * 60 + 3000];
    const chunks = pts.flatMap((p, i) => mux.push(1, { pts: p, key: i === 0, data: Uint8Array.of(i) }));
    const read = readSamples(join([...chunks, ...mux.flush()]));
    expect(read.map((s) => s.decodeTime)).toEqual([0, 3000, 6000, 9000, 12000, 15000, 18000]);
    expect(warnings.map((w) => w.code)).toEqual([Fmp4ErrorCode.Discontinuity, Fmp4ErrorCode.Discontinuity]);
  });

  it('drops video before the first key frame (with a warning), keeps audio', () => {
    const warnings: string[] = [];
    const mux = new Fmp4Muxer({
      tracks: [avcTrack, aacTrack],
      fragment: 'gop',
      onWarning: (w) => warnings.push(w.code),
    });
    const chunks = [
      ...mux.push(1, frame(0, false)),
      ...mux.push(2, { pts: 0, key: true, data: Uint8Array.of(9) }),
      ...mux.push(1, frame(1, true)),
      ...mux.push(2, { pts: 1024, key: true, data: Uint8Array.of(9) }),
      ...mux.push(1, frame(2, false)),
      ...mux.flush(),
    ];
    const read = readSamples(join(chunks));
    expect(read.filter((s) => s.trackId === 1).map((s) => s.data[0])).toEqual([1, 2]);
    expect(read.filter((s) => s.trackId === 2)).toHaveLength(2);
    expect(warnings).toEqual([Fmp4ErrorCode.DroppedBeforeKeyFrame]);
  });

  it('updateTrack closes the fragment and emits a new init segment before the next sample', () => {
    const mux = new Fmp4Muxer({ tracks: [avcTrack], fragment: 'gop' });
    mux.push(1, frame(0, true));
    mux.push(1, frame(1, false));
    const changed = { ...avcTrack, width: 1280, height: 720 };
    mux.updateTrack(1, changed);
    const out = mux.pushSegments(1, frame(2, true));
    expect(out.map((s) => s.kind)).toEqual(['media', 'init']);
    expect(out[1]!.chunks[0]).toEqual(serializeInitSegment([changed]));
    expectCodecError(() => mux.updateTrack(1, aacTrack), { code: Fmp4ErrorCode.InvalidTrack, type: Fmp4Error });
  });

  it('multi-track: one moof holds both tracks with gop; each track keeps its own timeline', () => {
    const mux = new Fmp4Muxer({ tracks: [avcTrack, aacTrack], fragment: 'gop' });
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < 6; i++) {
      chunks.push(...mux.push(1, frame(i)));
      chunks.push(...mux.push(2, { pts: 1000 + i * 1024, key: true, data: Uint8Array.of(i) }));
    }
    chunks.push(...mux.flush());
    const boxes = inspectBoxes(join(chunks));
    expect(findBoxes(boxes, 'moof').map((m) => m.children.filter((c) => c.type === 'traf').length)).toEqual([2, 2]);
    const audio = readSamples(join(chunks)).filter((s) => s.trackId === 2);
    expect(audio.map((s) => s.decodeTime)).toEqual([0, 1024, 2048, 3072, 4096, 5120]);
  });

  it('bounds a fragment at maxFragmentSamples', () => {
    const warnings: string[] = [];
    const mux = new Fmp4Muxer({ tracks: [avcTrack], maxFragmentSamples: 4, onWarning: (w) => warnings.push(w.code) });
    const chunks = Array.from({ length: 12 }, (_, i) => mux.push(1, frame(i, i === 0))).flat();
    const moofs = inspectBoxes(join([...chunks, ...mux.flush()])).filter((b) => b.type === 'moof');
    expect(moofs.length).toBeGreaterThanOrEqual(3);
    expect(warnings).toContain(Fmp4ErrorCode.FragmentForced);
  });

  it.each([
    ['unknown track', 9, frame(0), Fmp4ErrorCode.UnknownTrack],
    ['NaN pts', 1, { pts: Number.NaN, key: true, data: new Uint8Array(1) }, Fmp4ErrorCode.InvalidSample],
    ['negative dts', 1, { pts: 0, dts: -1, key: true, data: new Uint8Array(1) }, Fmp4ErrorCode.InvalidSample],
    [
      'fractional duration',
      1,
      { pts: 0, key: true, data: new Uint8Array(1), duration: 1.5 },
      Fmp4ErrorCode.InvalidSample,
    ],
  ])('rejects %s', (_name, id, sample, code) => {
    const mux = new Fmp4Muxer({ tracks: [avcTrack] });
    expectCodecError(() => mux.push(id, sample), { code, type: Fmp4Error });
  });

  it('does not mutate sample data and returns it as chunks (zero copy)', () => {
    const data = Uint8Array.of(1, 2, 3);
    const mux = new Fmp4Muxer({ tracks: [avcTrack], fragment: 'frame' });
    mux.push(1, { pts: 0, key: true, data });
    const out = mux.push(1, { pts: 3000, key: false, data: Uint8Array.of(4) });
    expect(out[1]).toBe(data);
    expect(data).toEqual(Uint8Array.of(1, 2, 3));
  });
});

describe('Fmp4Recorder', () => {
  const record = (options: { keepChunks?: boolean; mfra?: boolean }) => {
    const rec = new Fmp4Recorder({ tracks: [avcTrack, aacTrack], ...options });
    const written: Uint8Array[] = [];
    for (let i = 0; i < 60; i++) {
      written.push(...rec.push(1, frame(i, i % 30 === 0)));
      written.push(...rec.push(2, { pts: Math.round(i * 1600), key: true, data: Uint8Array.of(i) }));
    }
    return { rec, written, result: rec.finish() };
  };

  it('patches the head with the real duration; the patched init has the same size', () => {
    const { written, result } = record({});
    written.push(...result.tail);
    const first = written[0]!;
    expect(result.init.length).toBe(first.length);
    expect(result.durationMs).toBe(2000);
    const file = join([result.init, ...written.slice(1)]);
    expect(file.length).toBe(result.byteLength);
    const boxes = inspectBoxes(file);
    expect(findBoxes(boxes, 'moov/mvhd')[0]!.fields).toMatchObject({ duration: 2000 });
    expect(findBoxes(boxes, 'moov/mvex/mehd')[0]!.fields).toMatchObject({ fragmentDuration: 2000 });
    expect(findBoxes(boxes, 'moov/trak/mdia/mdhd').map((b) => (b.fields as { duration: number }).duration)).toEqual([
      180000, 96000,
    ]);
  });

  it('ends with an mfra indexing the key-frame fragments; keepChunks returns the whole file', () => {
    const { result } = record({ keepChunks: true });
    const file = join(result.chunks);
    expect(file.length).toBe(result.byteLength);
    const boxes = inspectBoxes(file);
    const mfra = boxes[boxes.length - 1]!;
    expect(mfra.type).toBe('mfra');
    expect(findBoxes([mfra], 'mfra/mfro')[0]!.fields).toEqual({ kind: 'mfro', mfraSize: mfra.size });
    const video = fieldsOf(findBoxes([mfra], 'mfra/tfra')[0], 'tfra');
    expect(video.trackId).toBe(1);
    expect(video.entries.map((e) => e.time)).toEqual([0, 90000]);
    for (const e of video.entries) expect(boxes.find((b) => b.offset === e.moofOffset)?.type).toBe('moof');
  });

  it('refuses push after finish', () => {
    const { rec } = record({ mfra: false });
    expectCodecError(() => rec.push(1, frame(99)), { code: Fmp4ErrorCode.Finished, type: Fmp4Error });
  });
});
