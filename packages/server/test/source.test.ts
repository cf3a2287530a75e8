import { readFileSync } from 'node:fs';
import { samples } from '@rtspkit/sample';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAdts, readVideo } from '../src/source/elementary.js';
import { LoopSchedule } from '../src/source/loop-schedule.js';
import { presentationIndexes } from '../src/source/presentation-order.js';

const read = (path: string) => new Uint8Array(readFileSync(path));

describe('presentationIndexes', () => {
  const cases: [name: string, poc: (number | undefined)[], key: boolean[], max: number, expected: number[]][] = [
    ['no reordering', [0, 2, 4, 6], [true, false, false, false], 16, [0, 1, 2, 3]],
    [
      'I P B B P B B (x264 -bf 2)',
      [0, 6, 2, 4, 12, 8, 10],
      [true, false, false, false, false, false, false],
      256,
      [0, 3, 1, 2, 6, 4, 5],
    ],
    [
      'POC restarts at each key frame',
      [0, 4, 2, 0, 4, 2],
      [true, false, false, true, false, false],
      256,
      [0, 2, 1, 3, 5, 4],
    ],
    ['POC LSB wraps', [12, 0, 14], [true, false, false], 16, [0, 2, 1]],
    ['POC type 2: decode order', [undefined, undefined, undefined], [true, false, false], 16, [0, 1, 2]],
  ];
  for (const [name, poc, key, max, expected] of cases) {
    it(name, () => expect(presentationIndexes(poc, key, max)).toEqual(expected));
  }

  it('is a permutation that keeps each key-frame group in place', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(255), fc.boolean()), { minLength: 1, maxLength: 60 }), (frames) => {
        const key = frames.map(([, k], i) => i === 0 || k);
        const out = presentationIndexes(
          frames.map(([p]) => p),
          key,
          256,
        );
        expect([...out].sort((a, b) => a - b)).toEqual(out.map((_, i) => i));
        key.forEach((k, i) => {
          if (k) expect(out.slice(i).every((p) => p >= i)).toBe(true);
        });
      }),
    );
  });
});

describe('elementary stream files', () => {
  it('reads the baseline sample: 300 frames at 30 fps in display order, a key frame every second', () => {
    const t = readVideo(read(samples.h264Baseline.path), 'h264');
    expect(t.frames.length).toBe(300);
    expect(t.frameRate).toBe(30);
    expect(t.duration).toBe(900_000);
    expect(t.frames.map((f) => f.timestamp)).toEqual(t.frames.map((_, i) => i * 3000));
    expect(t.frames.filter((f) => f.key).length).toBe(10);
    expect(t.format.codec).toBe('h264');
  });

  it('gives the High-profile sample with B-frames display-order timestamps from POC', () => {
    const t = readVideo(read(samples.h264High.path), 'h264');
    expect(t.frames.length).toBe(300);
    const pts = t.frames.map((f) => f.timestamp);
    expect([...pts].sort((a, b) => a - b)).toEqual(pts.map((_, i) => i * 3000));
    expect(pts.slice(0, 4)).toEqual([0, 9000, 3000, 6000]); // I P B B
    expect(t.frames.map((f) => f.decodeTime)).toEqual(pts.map((_, i) => i * 3000));
  });

  it('reads the H.265 sample with VPS, SPS and PPS for the SDP', () => {
    const t = readVideo(read(samples.h265.path), 'h265');
    expect(t.frames.length).toBe(300);
    expect(t.format.codec === 'h265' && [t.format.vps.length, t.format.sps.length, t.format.pps.length]).toEqual([
      1, 1, 1,
    ]);
  });

  it('reads the ADTS sample: 470 frames of 1024 samples, AAC-LC 48 kHz stereo', () => {
    const t = readAdts(read(samples.aac.path));
    expect(t.frames.length).toBe(470);
    expect(t.duration).toBe(470 * 1024);
    expect(t.format).toMatchObject({ codec: 'mpeg4-audio', clockRate: 48_000, channels: 2 });
    expect(t.format.codec === 'mpeg4-audio' && [...(t.format.config ?? [])]).toEqual([0x11, 0x90]);
  });
});

describe('LoopSchedule', () => {
  const video = readVideo(read(samples.h264Baseline.path), 'h264');
  const audio = readAdts(read(samples.aac.path));

  it('lasts as long as the longest track and keeps timestamps continuous across passes', () => {
    const schedule = new LoopSchedule([video, audio]);
    expect(schedule.passSeconds).toBeCloseTo((470 * 1024) / 48_000, 9);
    const frames = schedule.due(3 * schedule.passSeconds + 0.5);
    expect(schedule.pass).toBe(3);
    const v = frames.filter((f) => f.track === 0).map((f) => f.timestamp);
    const a = frames.filter((f) => f.track === 1).map((f) => f.timestamp);
    // Audio is gapless; video steps 3000 inside a pass and by the pass remainder across.
    expect(a.every((t, i) => i === 0 || t - (a[i - 1] as number) === 1024)).toBe(true);
    const passTicks = Math.round(schedule.passSeconds * 90_000);
    expect(v.slice(0, 301).at(-1)).toBe(passTicks);
    expect(v.every((t, i) => i === 0 || t > (v[i - 1] as number))).toBe(true);
    // In sync: after n passes both tracks restart together.
    const secondPassAudio = frames.find((f) => f.track === 1 && f.timestamp === 470 * 1024);
    expect(secondPassAudio).toBeDefined();
  });

  it('hands out the same frames whatever the times it is asked at', () => {
    const whole = new LoopSchedule([video, audio]).due(25).map((f) => [f.track, f.timestamp]);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 25, noNaN: true }), { maxLength: 20 }), (times) => {
        const schedule = new LoopSchedule([video, audio]);
        const got = [...times.sort((x, y) => x - y), 25].flatMap((t) => schedule.due(t));
        expect(got.map((f) => [f.track, f.timestamp])).toEqual(whole);
      }),
      { numRuns: 30 },
    );
  });

  it('ends a non-looping schedule after one pass', () => {
    const schedule = new LoopSchedule([audio], false);
    expect(schedule.due(100).length).toBe(470);
    expect(schedule.next()).toBeUndefined();
  });
});
