import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencyEstimator } from '../src/index.js';

// A stream whose frame k (media time k/30 s) was captured at T0 + k/30 s (wall clock, ms).
const T0 = Date.UTC(2026, 0, 1);
const at = (k: number) => T0 + (k * 1000) / 30;

describe('LatencyEstimator', () => {
  it('nothing before the first mark (no RTCP sender report yet)', () => {
    const est = new LatencyEstimator();
    expect(est.presented(1, T0)).toBeUndefined();
    expect(est.latencyMs).toBeUndefined();
  });

  it('a frame shown 200 ms after capture reads 200 ms', () => {
    const est = new LatencyEstimator();
    for (let k = 0; k < 10; k++) est.mark(k / 30, at(k));
    expect(est.presented(5 / 30, at(5) + 200)).toBeCloseTo(200, 6);
    expect(est.latencyMs).toBeCloseTo(200, 6);
  });

  it('a media time between marks maps through the nearest earlier mark', () => {
    const est = new LatencyEstimator();
    est.mark(0, T0);
    est.mark(1, T0 + 1000);
    expect(est.captureTime(0.5)).toBeCloseTo(T0 + 500, 6);
    expect(est.captureTime(-0.1)).toBeUndefined();
  });

  it('a mark earlier than the last one starts a new timeline', () => {
    const est = new LatencyEstimator();
    est.mark(50, T0);
    est.mark(51, T0 + 1000);
    est.presented(50.5, T0 + 800);
    est.mark(0, T0 + 5000);
    expect(est.latencyMs).toBeUndefined();
    expect(est.captureTime(0.1)).toBeCloseTo(T0 + 5100, 6);
  });

  it('the median ignores outliers (a frame shown late after a stall)', () => {
    const est = new LatencyEstimator({ window: 5 });
    for (let k = 0; k < 10; k++) est.mark(k / 30, at(k));
    for (const [k, delay] of [
      [1, 100],
      [2, 110],
      [3, 2000],
      [4, 105],
      [5, 95],
    ] as const)
      est.presented(k / 30, at(k) + delay);
    expect(est.latencyMs).toBeCloseTo(105, 6);
    expect(est.lastMs).toBeCloseTo(95, 6);
  });

  it('for any constant delay and any window, reads that delay; memory stays at the ring sizes', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.integer({ min: 2, max: 64 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 2000 }),
        (delay, marks, window, frames) => {
          const est = new LatencyEstimator({ marks, window });
          for (let k = 0; k < frames; k++) {
            est.mark(k / 30, at(k));
            // shown a few frames later: the frame being shown is older than the newest mark
            const shown = Math.max(0, k - Math.min(marks - 1, 3));
            est.presented(shown / 30, at(shown) + delay);
          }
          expect(est.latencyMs).toBeCloseTo(delay, 2); // wall clocks near 1.8e12 ms carry ~1e-4 ms of rounding
        },
      ),
    );
  });
});
