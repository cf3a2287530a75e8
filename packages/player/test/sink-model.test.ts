import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MseSink, type PlayerError } from '../src/index.js';

/**
 * Test doubles of the MSE objects with the behaviour the sink depends on: appends take
 * time (until `settle()`), a SourceBuffer holds at most `quota` seconds and throws
 * `QuotaExceededError` beyond, `remove()` frees ranges. Segments name the time range they
 * cover through `covers`.
 */
const covers = new WeakMap<Uint8Array, readonly [number, number]>();

class FakeSourceBuffer extends EventTarget {
  updating = false;
  mode = 'segments';
  ranges: Array<[number, number]> = [];
  appended: Array<Uint8Array | string> = [];
  types: string[] = [];
  #pending: (() => void) | undefined;
  constructor(
    readonly quota: number,
    type: string,
  ) {
    super();
    this.types.push(type);
  }
  get seconds(): number {
    return this.ranges.reduce((n, [a, b]) => n + (b - a), 0);
  }
  appendBuffer(data: Uint8Array): void {
    if (this.updating) throw Object.assign(new Error('updating'), { name: 'InvalidStateError' });
    const range = covers.get(data);
    if (range && this.seconds + (range[1] - range[0]) > this.quota) {
      throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    }
    this.updating = true;
    this.#pending = () => {
      this.appended.push(range ? data : 'init');
      if (range) this.#add(range);
    };
  }
  remove(start: number, end: number): void {
    if (this.updating) throw Object.assign(new Error('updating'), { name: 'InvalidStateError' });
    this.updating = true;
    this.#pending = () => {
      const next: Array<[number, number]> = [];
      for (const [s, e] of this.ranges) {
        if (e <= start || s >= end) next.push([s, e]);
        else {
          if (s < start) next.push([s, start]);
          if (e > end) next.push([end, e]);
        }
      }
      this.ranges = next;
    };
  }
  changeType(type: string): void {
    this.types.push(type);
  }
  /** Finishes the append or removal in progress, as the browser does a moment later. */
  settle(): boolean {
    if (!this.updating) return false;
    this.#pending?.();
    this.updating = false;
    this.dispatchEvent(new Event('updateend'));
    return true;
  }
  #add([start, end]: readonly [number, number]): void {
    const all = [...this.ranges, [start, end] as [number, number]].sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const r of all) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1] + 1e-9) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    this.ranges = merged;
  }
}

class FakeMediaSource extends EventTarget {
  static quota = 10;
  static isTypeSupported = (type: string) => !type.includes('hvc1');
  readyState = 'closed';
  buffers: FakeSourceBuffer[] = [];
  addSourceBuffer(type: string) {
    const sb = new FakeSourceBuffer(FakeMediaSource.quota, type);
    this.buffers.push(sb);
    return sb;
  }
  endOfStream() {
    this.readyState = 'ended';
  }
  open() {
    this.readyState = 'open';
    this.dispatchEvent(new Event('sourceopen'));
  }
}

class FakeVideo extends EventTarget {
  currentTime = 0;
  playbackRate = 1;
  paused = true;
  src = '';
  error = null;
  constructor(readonly sb: () => FakeSourceBuffer | undefined) {
    super();
  }
  get buffered() {
    const r = this.sb()?.ranges ?? [];
    return { length: r.length, start: (i: number) => r[i]![0], end: (i: number) => r[i]![1] };
  }
  play() {
    this.paused = false;
    return Promise.resolve();
  }
  removeAttribute() {}
  load() {}
  getVideoPlaybackQuality() {
    return { totalVideoFrames: 0, droppedVideoFrames: 0 };
  }
}

function setup() {
  const sources: FakeMediaSource[] = [];
  const scope = {
    MediaSource: class extends FakeMediaSource {
      constructor() {
        super();
        sources.push(this);
      }
    },
    URL: { createObjectURL: () => 'blob:fake', revokeObjectURL: () => {} },
  } as unknown as typeof globalThis;
  const sb = () => sources[sources.length - 1]?.buffers[0];
  const video = new FakeVideo(sb);
  const errors: PlayerError[] = [];
  const sink = new MseSink(video as unknown as HTMLVideoElement, {
    scope,
    tickMs: 1e9,
    onError: (e) => errors.push(e),
  });
  const open = () => sources[sources.length - 1]!.open();
  const settleAll = () => {
    for (let i = 0; i < 1000 && sb()?.settle(); i++);
  };
  return { sink, video, sb, open, settleAll, errors, sources };
}

const segment = (start: number, end: number) => {
  const data = new Uint8Array(8);
  covers.set(data, [start, end]);
  return data;
};
const MIME = 'video/mp4; codecs="avc1.42C01E"';

describe('MseSink against MSE test doubles', () => {
  it('queues appends one at a time, in order, and opens with the init segment first', () => {
    const t = setup();
    t.sink.init(MIME, new Uint8Array(4));
    for (let i = 0; i < 5; i++) t.sink.append(segment(i, i + 1), { key: i === 0 });
    t.open();
    expect(t.sb()!.updating).toBe(true);
    t.settleAll();
    expect(t.sb()!.appended.map((a) => (typeof a === 'string' ? a : covers.get(a)![0]))).toEqual([
      'init',
      0,
      1,
      2,
      3,
      4,
    ]);
    t.sink.destroy();
  });

  it('QuotaExceededError: trims behind the playhead and retries the same segment', () => {
    const t = setup();
    t.sink.init(MIME, new Uint8Array(4));
    t.open();
    for (let i = 0; i < 10; i++) {
      t.sink.append(segment(i, i + 1), { key: i % 2 === 0 });
      t.settleAll();
    }
    t.video.currentTime = 9.5;
    t.sink.append(segment(10, 11), { key: false }); // 11 s > quota 10 s
    t.settleAll();
    expect(t.sb()!.ranges).toEqual([[9, 11]]);
    expect(t.errors).toEqual([]);
    t.sink.destroy();
  });

  it('QuotaExceededError with nothing behind the playhead: drops media up to the next key frame', () => {
    const t = setup();
    t.sink.init(MIME, new Uint8Array(4));
    t.open();
    for (let i = 0; i < 10; i++) {
      t.sink.append(segment(i, i + 1), { key: false });
      t.settleAll();
    }
    t.sink.append(segment(10, 11), { key: false }); // playhead at 0: nothing can go
    t.settleAll();
    expect(t.errors.map((e) => e.code)).toEqual(['ERR_PLAYER_QUOTA']);
    t.video.currentTime = 9.9;
    t.sink.append(segment(11, 12), { key: false }); // dropped: not a key frame
    t.sink.append(segment(12, 13), { key: true });
    t.settleAll();
    const last = t.sb()!.appended.at(-1) as Uint8Array;
    expect(covers.get(last)).toEqual([12, 13]);
    t.sink.destroy();
  });

  it('a new codec string switches with changeType before the new init segment', () => {
    const t = setup();
    t.sink.init(MIME, new Uint8Array(4));
    t.open();
    t.sink.init('video/mp4; codecs="avc1.4D401E"', new Uint8Array(4));
    t.settleAll();
    expect(t.sb()!.types).toEqual([MIME, 'video/mp4; codecs="avc1.4D401E"']);
    expect(t.sb()!.appended).toEqual(['init', 'init']);
    expect(() => t.sink.init('video/mp4; codecs="hvc1.1.6.L93.B0"', new Uint8Array(4))).toThrow(/cannot play hvc1/);
    t.sink.destroy();
  });

  it('under random appends, playhead moves and quota pressure, the buffer stays within the quota and the sink keeps appending', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              kind: fc.constant('append' as const),
              key: fc.boolean(),
              length: fc.double({ min: 0.01, max: 2, noNaN: true }),
            }),
            fc.record({ kind: fc.constant('play' as const), seconds: fc.double({ min: 0, max: 3, noNaN: true }) }),
            fc.record({ kind: fc.constant('settle' as const) }),
            fc.record({ kind: fc.constant('tick' as const) }),
          ),
          { maxLength: 120 },
        ),
        (steps) => {
          const t = setup();
          t.sink.init(MIME, new Uint8Array(4));
          t.open();
          let end = 0;
          let now = 0;
          for (const s of steps) {
            if (s.kind === 'append') {
              t.sink.append(segment(end, end + s.length), { key: s.key });
              end += s.length;
            } else if (s.kind === 'play') {
              const last = t.sb()!.ranges.at(-1);
              if (last) t.video.currentTime = Math.min(last[1], Math.max(t.video.currentTime, last[0]) + s.seconds);
            } else if (s.kind === 'settle') {
              t.settleAll();
            } else {
              now += 0.1;
              t.sink.tick(now);
            }
            expect(t.sb()!.seconds).toBeLessThanOrEqual(FakeMediaSource.quota + 1e-9);
            expect(t.sink.stats().queuedBytes).toBeLessThanOrEqual(steps.length * 8);
          }
          // whatever happened, a key frame after everything settles is appended
          t.settleAll();
          const last = t.sb()!.ranges.at(-1);
          t.video.currentTime = last ? last[1] : 0;
          t.sink.tick(now + 1);
          t.settleAll();
          t.sink.append(segment(end, end + 0.5), { key: true });
          t.settleAll();
          const appended = t.sb()!.appended.at(-1);
          expect(typeof appended !== 'string' && covers.get(appended!)).toEqual([end, end + 0.5]);
          expect(t.errors.every((e) => e.code === 'ERR_PLAYER_QUOTA')).toBe(true);
          t.sink.destroy();
        },
      ),
    );
  });
});
