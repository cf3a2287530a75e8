import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LiveEdgeController,
  type LiveEdgeDecision,
  type PlaybackSnapshot,
  planTrim,
  TRIM_DEFAULTS,
} from '../src/index.js';
import { SimulatedElement } from './sim.js';

// Defaults: target 0.2 s, tolerance 0.05 s, maxRate 1.5, gain 2, jump above 1.5 s, stall after 1 s.
const cases: ReadonlyArray<{ name: string; snapshot: PlaybackSnapshot; expected: LiveEdgeDecision }> = [
  {
    name: 'nothing buffered: wait at normal speed',
    snapshot: { buffered: [], currentTime: 0, now: 0 },
    expected: { playbackRate: 1, latency: 0, reason: 'waiting' },
  },
  {
    name: 'at the target',
    snapshot: { buffered: [[0, 10]], currentTime: 9.8, now: 0 },
    expected: { playbackRate: 1, latency: 0.2, reason: 'steady' },
  },
  {
    name: 'inside the tolerance band: no catch-up yet',
    snapshot: { buffered: [[0, 10]], currentTime: 9.76, now: 0 },
    expected: { playbackRate: 1, latency: 0.24, reason: 'steady' },
  },
  {
    name: 'just above the band: 1 + 2 × 0.06 s, rounded to the 0.05 step',
    snapshot: { buffered: [[0, 10]], currentTime: 9.74, now: 0 },
    expected: { playbackRate: 1.1, latency: 0.26, reason: 'catch-up' },
  },
  {
    name: '0.15 s above the target (a stall gave it): 1 + 2 × 0.15',
    snapshot: { buffered: [[0, 10]], currentTime: 9.65, now: 0 },
    expected: { playbackRate: 1.3, latency: 0.35, reason: 'catch-up' },
  },
  {
    name: 'far above: clamped to maxRate',
    snapshot: { buffered: [[0, 10]], currentTime: 8.7, now: 0 },
    expected: { playbackRate: 1.5, latency: 1.3, reason: 'catch-up' },
  },
  {
    name: 'beyond jumpLatency: seek to edge − target',
    snapshot: { buffered: [[0, 10]], currentTime: 8, now: 0 },
    expected: { playbackRate: 1, seekTo: 9.8, latency: 2, reason: 'jump' },
  },
  {
    name: 'playhead before the first range (stream joined late): seek into it',
    snapshot: { buffered: [[40, 40.2]], currentTime: 0, now: 0 },
    expected: { playbackRate: 1, seekTo: 40, latency: 40.2, reason: 'gap' },
  },
  {
    name: 'playhead in an older range before a hole (frames dropped upstream)',
    snapshot: {
      buffered: [
        [0, 5],
        [5.5, 6],
      ],
      currentTime: 4.9,
      now: 0,
    },
    expected: { playbackRate: 1, seekTo: 5.8, latency: 1.1, reason: 'gap' },
  },
  {
    name: 'paused by the user: no decision',
    snapshot: { buffered: [[0, 10]], currentTime: 2, now: 0, paused: true },
    expected: { playbackRate: 1, latency: 8, reason: 'paused' },
  },
];

describe('LiveEdgeController decisions', () => {
  for (const c of cases) {
    it(c.name, () => {
      const d = new LiveEdgeController().decide(c.snapshot);
      expect(d.reason).toBe(c.expected.reason);
      expect(d.playbackRate).toBeCloseTo(c.expected.playbackRate, 9);
      expect(d.latency).toBeCloseTo(c.expected.latency, 9);
      if (c.expected.seekTo === undefined) expect(d.seekTo).toBeUndefined();
      else expect(d.seekTo).toBeCloseTo(c.expected.seekTo, 9);
    });
  }

  it('catches up with hysteresis: keeps the faster rate until the latency is back at the target', () => {
    const edge = new LiveEdgeController();
    expect(edge.decide({ buffered: [[0, 10]], currentTime: 9.7, now: 0 }).reason).toBe('catch-up');
    // 0.24 s is inside the band, but the catch-up goes on down to the target: 1 + 2 × 0.04 → 1.1
    expect(edge.decide({ buffered: [[0, 10]], currentTime: 9.76, now: 0.1 })).toMatchObject({
      reason: 'catch-up',
      playbackRate: 1.1,
    });
    expect(edge.decide({ buffered: [[0, 10]], currentTime: 9.8, now: 0.2 }).reason).toBe('steady');
    // back inside the band after reaching the target: steady, no new catch-up
    expect(edge.decide({ buffered: [[0, 10.04]], currentTime: 9.8, now: 0.3 }).reason).toBe('steady');
  });

  it('a playhead stuck while data lies ahead seeks after stallTimeout, not before', () => {
    const edge = new LiveEdgeController({ stallTimeout: 1 });
    const at = (now: number, end: number) => edge.decide({ buffered: [[0, end]], currentTime: 5, now });
    expect(at(0, 5.6).reason).toBe('catch-up');
    expect(at(0.9, 5.9).reason).toBe('catch-up');
    expect(at(1.0, 6)).toMatchObject({ reason: 'stall', seekTo: 5.8 });
  });

  it('a playhead waiting at the edge for data is not a stall', () => {
    const edge = new LiveEdgeController({ stallTimeout: 1 });
    expect(edge.decide({ buffered: [[0, 5.1]], currentTime: 5, now: 0 }).reason).toBe('steady');
    expect(edge.decide({ buffered: [[0, 5.1]], currentTime: 5, now: 10 }).reason).toBe('steady');
  });

  it('refuses options that cannot work', () => {
    expect(() => new LiveEdgeController({ maxRate: 1 })).toThrow(RangeError);
    expect(() => new LiveEdgeController({ targetLatency: -1 })).toThrow(RangeError);
  });
});

/** A live source seen through a network: frame k covers [k·d, (k+1)·d) and arrives late by jitter and stalls. */
type Schedule = {
  frameDuration: number;
  /** Per frame: extra delay (jitter) in seconds. */
  jitter: number[];
  /** Network stalls: frames produced during [at, at + length) arrive at its end, all at once. */
  stalls: Array<{ at: number; length: number }>;
  /** Frames lost upstream (a server dropping frames for a slow reader): holes in the timeline. */
  drops: Array<{ at: number; count: number }>;
};

const scheduleArb = (seconds: number) =>
  fc
    .record({
      fps: fc.constantFrom(10, 25, 30, 60),
      jitterMax: fc.double({ min: 0, max: 0.4, noNaN: true }),
      seed: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 64, maxLength: 64 }),
      stalls: fc.array(
        fc.record({
          at: fc.double({ min: 0, max: seconds, noNaN: true }),
          length: fc.double({ min: 0.05, max: 5, noNaN: true }),
        }),
        { maxLength: 4 },
      ),
      drops: fc.array(
        fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), count: fc.integer({ min: 1, max: 40 }) }),
        { maxLength: 3 },
      ),
    })
    .map(({ fps, jitterMax, seed, stalls, drops }): Schedule => {
      const frames = Math.ceil(seconds * fps);
      return {
        frameDuration: 1 / fps,
        jitter: Array.from({ length: frames }, (_, k) => jitterMax * seed[(k * 7) % seed.length]!),
        stalls,
        drops: drops.map((d) => ({ at: Math.floor(d.at * frames), count: d.count })),
      };
    });

/** Arrival time of each frame (TCP keeps order: never before the previous one); undefined = dropped. */
function arrivals(s: Schedule): Array<number | undefined> {
  let previous = 0;
  return s.jitter.map((j, k) => {
    if (s.drops.some((d) => k >= d.at && k < d.at + d.count)) return undefined;
    const produced = k * s.frameDuration;
    let at = produced + s.frameDuration + j;
    for (const st of s.stalls) if (at >= st.at && at < st.at + st.length) at = st.at + st.length;
    previous = Math.max(previous, at);
    return previous;
  });
}

/**
 * Runs the controller and the trimmer against a simulated element for the schedule, then
 * `settle` seconds of steady arrivals; `check` sees every tick.
 */
function simulate(
  s: Schedule,
  settle: number,
  check: (el: SimulatedElement, decision: LiveEdgeDecision, before: number) => void,
): { el: SimulatedElement; lastDecision: LiveEdgeDecision | undefined } {
  const edge = new LiveEdgeController();
  const el = new SimulatedElement();
  const arrive = arrivals(s);
  const steadyFrames = Math.ceil(settle / s.frameDuration);
  const lastArrival = arrive.reduce<number>((m, a) => Math.max(m, a ?? 0), 0);
  for (let k = 0; k < steadyFrames; k++) {
    arrive.push(Math.max(lastArrival, (s.jitter.length + k + 1) * s.frameDuration));
  }
  const end = arrive.reduce<number>((m, a) => Math.max(m, a ?? 0), 0);
  const tick = 1 / 50;
  let next = 0;
  let lastDecision: LiveEdgeDecision | undefined;
  for (let now = 0; now <= end + tick; now += tick) {
    el.advance(tick);
    for (; next < arrive.length && (arrive[next] === undefined || arrive[next]! <= now); next++) {
      if (arrive[next] !== undefined) el.append(next * s.frameDuration, (next + 1) * s.frameDuration);
    }
    const before = el.currentTime;
    const d = edge.decide({ buffered: el.buffered, currentTime: el.currentTime, now });
    if (d.seekTo !== undefined) el.currentTime = d.seekTo;
    el.playbackRate = d.playbackRate;
    for (const [a, b] of planTrim(el.buffered, el.currentTime)) el.remove(a, b);
    check(el, d, before);
    lastDecision = d;
  }
  return { el, lastDecision };
}

describe('live edge control with trimming, over random arrival jitter, stalls and drops', () => {
  const defaults = new LiveEdgeController();

  it('never plays or seeks past the live edge, never seeks back, and the buffer stays bounded', () => {
    // after the controller acted, latency ≤ jumpLatency; behind the playhead, trimming keeps < keepBehind + minRemove
    const bound = defaults.jumpLatency + TRIM_DEFAULTS.keepBehind + TRIM_DEFAULTS.minRemove + 1e-6;
    fc.assert(
      fc.property(scheduleArb(15), (s) => {
        simulate(s, 0, (el, d, before) => {
          const edgeTime = el.edge;
          if (edgeTime === undefined) return;
          expect(el.currentTime).toBeLessThanOrEqual(edgeTime + 1e-9);
          if (d.seekTo !== undefined) {
            const last = el.ranges[el.ranges.length - 1]!;
            expect(d.seekTo).toBeGreaterThanOrEqual(last[0]);
            expect(d.seekTo).toBeLessThanOrEqual(last[1]);
            expect(d.seekTo).toBeGreaterThan(before);
          }
          expect(d.playbackRate).toBeGreaterThanOrEqual(1);
          expect(d.playbackRate).toBeLessThanOrEqual(defaults.maxRate);
          const total = el.ranges.reduce((t, [a, b]) => t + (b - a), 0);
          expect(total).toBeLessThanOrEqual(bound);
        });
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it('once arrivals are steady again, latency settles near the target and the rate back at 1', () => {
    fc.assert(
      fc.property(scheduleArb(10), (s) => {
        const { el, lastDecision } = simulate(s, 10, () => {});
        const latency = el.edge! - el.currentTime;
        expect(latency).toBeLessThanOrEqual(defaults.targetLatency + defaults.tolerance + s.frameDuration + 0.02);
        expect(lastDecision?.playbackRate).toBe(1);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe('live edge model test (fc.commands)', () => {
  type Model = { catchingUp: boolean; stalledSince: number | undefined; lastTime: number };
  type Real = { edge: LiveEdgeController; el: SimulatedElement; now: number; frames: number };
  const FRAME = 1 / 30;

  /** Applies one decision and checks it against the rules stated in the controller's documentation. */
  const step = (m: Model, r: Real) => {
    const snap = { buffered: r.el.buffered, currentTime: r.el.currentTime, now: r.now, paused: r.el.paused };
    const d = r.edge.decide(snap);
    const last = snap.buffered[snap.buffered.length - 1];
    if (!last) {
      expect(d.reason).toBe('waiting');
      m.catchingUp = false;
      m.stalledSince = undefined;
      return;
    }
    const latency = last[1] - snap.currentTime;
    const high = latency > r.edge.targetLatency + r.edge.tolerance;
    if (snap.paused) {
      expect(d.reason).toBe('paused');
      m.catchingUp = false;
      m.stalledSince = undefined;
      return;
    }
    if (m.stalledSince === undefined || snap.currentTime !== m.lastTime) m.stalledSince = r.now;
    m.lastTime = snap.currentTime;
    const inLast = snap.currentTime >= last[0] && snap.currentTime <= last[1];
    const expectedSeek = !inLast
      ? 'gap'
      : latency > r.edge.jumpLatency
        ? 'jump'
        : high && r.now - m.stalledSince >= r.edge.stallTimeout
          ? 'stall'
          : undefined;
    if (expectedSeek) {
      expect(d.reason).toBe(expectedSeek);
      expect(d.seekTo).toBeCloseTo(Math.max(last[0], last[1] - r.edge.targetLatency), 9);
      m.catchingUp = false;
      m.stalledSince = undefined;
      r.el.currentTime = d.seekTo!;
    } else {
      if (high) m.catchingUp = true;
      else if (latency <= r.edge.targetLatency + 1e-6) m.catchingUp = false;
      expect(d.reason).toBe(m.catchingUp ? 'catch-up' : 'steady');
      expect(d.playbackRate > 1).toBe(m.catchingUp);
      expect(d.seekTo).toBeUndefined();
    }
    r.el.playbackRate = d.playbackRate;
  };

  class Arrive implements fc.Command<Model, Real> {
    constructor(readonly count: number) {}
    check = () => true;
    run(m: Model, r: Real) {
      for (let i = 0; i < this.count; i++, r.frames++) r.el.append(r.frames * FRAME, (r.frames + 1) * FRAME);
      step(m, r);
    }
    toString = () => `Arrive(${this.count})`;
  }
  class Lose implements fc.Command<Model, Real> {
    constructor(readonly count: number) {}
    check = () => true;
    run(m: Model, r: Real) {
      r.frames += this.count;
      step(m, r);
    }
    toString = () => `Lose(${this.count})`;
  }
  class Advance implements fc.Command<Model, Real> {
    constructor(readonly seconds: number) {}
    check = () => true;
    run(m: Model, r: Real) {
      r.now += this.seconds;
      r.el.advance(this.seconds);
      step(m, r);
    }
    toString = () => `Advance(${this.seconds.toFixed(3)})`;
  }
  class TogglePause implements fc.Command<Model, Real> {
    check = () => true;
    run(m: Model, r: Real) {
      r.el.paused = !r.el.paused;
      step(m, r);
    }
    toString = () => 'TogglePause';
  }

  it('follows its rules over random arrivals, losses, time steps and pauses', () => {
    const commands = [
      fc.integer({ min: 1, max: 60 }).map((n) => new Arrive(n)),
      fc.integer({ min: 1, max: 30 }).map((n) => new Lose(n)),
      fc.double({ min: 0.001, max: 2, noNaN: true }).map((s) => new Advance(s)),
      fc.constant(new TogglePause()),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 200 }), (cmds) => {
        fc.modelRun(
          () => ({
            model: { catchingUp: false, stalledSince: undefined, lastTime: Number.NaN },
            real: { edge: new LiveEdgeController(), el: new SimulatedElement(), now: 0, frames: 0 },
          }),
          cmds,
        );
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
