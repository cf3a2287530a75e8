/** Options of {@link LatencyEstimator}. */
export type LatencyEstimatorOptions = {
  /** Frames whose capture time is remembered (a ring). Default 512: 17 s at 30 fps. */
  readonly marks?: number;
  /** Latency samples the reported median is taken over. Default 31 (one second at 30 fps). */
  readonly window?: number;
};

/**
 * Glass-to-glass latency as the player can measure it: the time between the wall clock at
 * which the server sampled a frame (its RTP timestamp mapped through the RTCP sender
 * report's NTP/RTP pair, RFC 3550 §6.4.1) and the wall clock at which the browser showed it
 * (`requestVideoFrameCallback`'s `expectedDisplayTime`, or the moment `currentTime` passed
 * it where that callback does not exist).
 *
 * Sans-IO: the owner calls {@link mark} when it appends a frame (its time on the media
 * element's timeline, and its capture wall clock) and {@link presented} when the element
 * shows a media time. Presented times between two marks use the nearest earlier mark plus
 * the media-time difference, so audio-only or dropped frames still map. The result is only
 * as good as the agreement of the two wall clocks (same host on loopback; NTP elsewhere).
 *
 * @example
 * const est = new LatencyEstimator();
 * est.mark(fragmentStartSeconds, unit.wallClockMs);                  // on append
 * video.requestVideoFrameCallback(function onFrame(_, meta) {
 *   est.presented(meta.mediaTime, performance.timeOrigin + meta.expectedDisplayTime);
 *   video.requestVideoFrameCallback(onFrame);
 * });
 * est.latencyMs; // median of the last second, or undefined before the first sender report
 */
export class LatencyEstimator {
  readonly #mediaTimes: Float64Array;
  readonly #wallClocks: Float64Array;
  readonly #samples: Float64Array;
  readonly #sorted: Float64Array;
  #markCount = 0;
  #markNext = 0;
  #sampleCount = 0;
  #sampleNext = 0;
  #last: number | undefined;

  constructor(options: LatencyEstimatorOptions = {}) {
    const marks = Math.max(2, options.marks ?? 512);
    const window = Math.max(1, options.window ?? 31);
    this.#mediaTimes = new Float64Array(marks);
    this.#wallClocks = new Float64Array(marks);
    this.#samples = new Float64Array(window);
    this.#sorted = new Float64Array(window);
  }

  /**
   * Records that the frame at `mediaTime` (seconds on the element's timeline) was captured
   * at `wallClockMs` (milliseconds since the Unix epoch). Marks must come in media-time
   * order; one that goes back (a new timeline after a restart) clears the older ones.
   */
  mark(mediaTime: number, wallClockMs: number): void {
    if (!Number.isFinite(mediaTime) || !Number.isFinite(wallClockMs)) return;
    if (this.#markCount > 0) {
      const prev = (this.#markNext - 1 + this.#mediaTimes.length) % this.#mediaTimes.length;
      if (mediaTime < this.#mediaTimes[prev]!) this.clear();
    }
    this.#mediaTimes[this.#markNext] = mediaTime;
    this.#wallClocks[this.#markNext] = wallClockMs;
    this.#markNext = (this.#markNext + 1) % this.#mediaTimes.length;
    this.#markCount = Math.min(this.#markCount + 1, this.#mediaTimes.length);
  }

  /**
   * The element showed `mediaTime` at `nowMs` (Unix epoch milliseconds). Returns this
   * frame's latency in milliseconds, or undefined when no mark lies at or before it.
   */
  presented(mediaTime: number, nowMs: number): number | undefined {
    const captured = this.captureTime(mediaTime);
    if (captured === undefined || !Number.isFinite(nowMs)) return undefined;
    const latency = nowMs - captured;
    this.#samples[this.#sampleNext] = latency;
    this.#sampleNext = (this.#sampleNext + 1) % this.#samples.length;
    this.#sampleCount = Math.min(this.#sampleCount + 1, this.#samples.length);
    this.#last = latency;
    return latency;
  }

  /** Capture wall clock (ms) of the frame at `mediaTime`, from the nearest earlier mark. */
  captureTime(mediaTime: number): number | undefined {
    const n = this.#mediaTimes.length;
    let best = -1;
    for (let k = 0; k < this.#markCount; k++) {
      const i = (this.#markNext - 1 - k + n) % n;
      if (this.#mediaTimes[i]! <= mediaTime + 1e-6) {
        best = i;
        break;
      }
    }
    if (best < 0) return undefined;
    return this.#wallClocks[best]! + (mediaTime - this.#mediaTimes[best]!) * 1000;
  }

  /** Median latency over the last `window` presented frames, in ms; undefined before any. */
  get latencyMs(): number | undefined {
    const n = this.#sampleCount;
    if (n === 0) return undefined;
    const sorted = this.#sorted.subarray(0, n);
    sorted.set(this.#samples.subarray(0, n));
    sorted.sort();
    return n % 2 === 1 ? sorted[n >> 1]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  }

  /** The latest single measurement, in ms. */
  get lastMs(): number | undefined {
    return this.#last;
  }

  /** Forgets every mark and sample (a new stream). */
  clear(): void {
    this.#markCount = 0;
    this.#markNext = 0;
    this.#sampleCount = 0;
    this.#sampleNext = 0;
    this.#last = undefined;
  }
}
