/** A buffered time range `[start, end)` in seconds, as `HTMLMediaElement.buffered` lists them. */
export type TimeRange = readonly [start: number, end: number];

/** Options of {@link LiveEdgeController}; every time is in seconds. */
export type LiveEdgeOptions = {
  /**
   * Latency behind the live edge (the end of the buffer) to come back to after a stall.
   * Default 0.2 s: six frames at 30 fps, more than the arrival jitter of a loaded loopback
   * or LAN link, so the buffer does not run dry; raise it for links with more jitter. The
   * controller never slows playback down, so a stream that starts with less buffered stays
   * closer than this.
   */
  readonly targetLatency?: number;
  /**
   * How far above the target latency may rise before the player speeds up. Default 0.05 s:
   * more than one frame at 25 fps and above, so the saw-tooth of frames arriving one by one
   * does not toggle the rate, but small enough that latency gained in a stall (the browser
   * starved of CPU, the network pausing) is given back instead of kept for good.
   */
  readonly tolerance?: number;
  /**
   * Highest catch-up `playbackRate`. Default 1.5, as dash.js's live catch-up: browsers keep
   * the audio pitch at that rate, and half a second gained in a stall is gone in a second.
   */
  readonly maxRate?: number;
  /** Rate increase per second of excess latency, before the clamp. Default 2. */
  readonly gain?: number;
  /**
   * Latency above which catching up would take too long: seek to `edge − targetLatency`.
   * Default 1.5 s.
   */
  readonly jumpLatency?: number;
  /**
   * A playhead that has not moved for this long while data lies ahead is stuck (a hole the
   * element will not cross, a decoder that waits): seek to the live edge. Default 1 s.
   */
  readonly stallTimeout?: number;
};

/** What the media element shows at one moment. */
export type PlaybackSnapshot = {
  /** `HTMLMediaElement.buffered`, sorted and disjoint. */
  readonly buffered: readonly TimeRange[];
  readonly currentTime: number;
  /** A monotonic clock in seconds (`performance.now() / 1000`). */
  readonly now: number;
  /** True while the user paused: no decisions then, the stall clock restarts. */
  readonly paused?: boolean;
};

/** Why the controller decided what it did. */
export type LiveEdgeReason =
  /** Nothing buffered yet. */
  | 'waiting'
  /** Latency within the tolerance band: normal speed. */
  | 'steady'
  /** Playing faster until the latency is back at the target. */
  | 'catch-up'
  /** Too far behind: seek near the edge. */
  | 'jump'
  /** The playhead is outside the range that ends at the live edge (before it, or in a hole). */
  | 'gap'
  /** The playhead stopped moving although data lies ahead. */
  | 'stall'
  /** Paused by the user. */
  | 'paused';

/** The controller's answer: the rate to set and, sometimes, where to seek. */
export type LiveEdgeDecision = {
  readonly playbackRate: number;
  /** Set `currentTime` to this; always inside the last buffered range, never past its end. */
  readonly seekTo?: number;
  /** Live edge minus current time, in seconds (before any seek); 0 when nothing is buffered. */
  readonly latency: number;
  readonly reason: LiveEdgeReason;
};

const DEFAULTS = {
  targetLatency: 0.2,
  tolerance: 0.05,
  maxRate: 1.5,
  gain: 2,
  jumpLatency: 1.5,
  stallTimeout: 1,
} as const;

/** Rates are rounded to this step so that jitter does not set `playbackRate` on every frame. */
const RATE_STEP = 0.05;

/** Times closer than a microsecond are equal (`10 − 9.7` is 0.30000000000000071). */
const EPS = 1e-6;

/**
 * Keeps a live stream near a target latency behind its live edge (the end of the buffered
 * data). Sans-IO: feed it what the `<video>` element shows ({@link PlaybackSnapshot}) a few
 * times a second and apply its {@link LiveEdgeDecision}. It never seeks past the live edge
 * nor outside the last buffered range, and it never slows playback below normal speed.
 *
 * - latency above `targetLatency + tolerance`: `playbackRate` = 1 + gain × excess, clamped
 *   to [1 + step, maxRate], until the latency is back at the target (hysteresis);
 * - latency above `jumpLatency`, or a playhead outside the last range or stuck for
 *   `stallTimeout`: seek to `max(lastRange.start, edge − targetLatency)`.
 *
 * @example
 * const edge = new LiveEdgeController({ targetLatency: 0.2 });
 * setInterval(() => {
 *   const d = edge.decide({ buffered: rangesOf(video.buffered), currentTime: video.currentTime, now: performance.now() / 1000 });
 *   if (d.seekTo !== undefined) video.currentTime = d.seekTo;
 *   if (video.playbackRate !== d.playbackRate) video.playbackRate = d.playbackRate;
 * }, 100);
 */
export class LiveEdgeController {
  readonly targetLatency: number;
  readonly tolerance: number;
  readonly maxRate: number;
  readonly gain: number;
  readonly jumpLatency: number;
  readonly stallTimeout: number;
  #catchingUp = false;
  #lastTime = Number.NaN;
  #lastMove = Number.NaN;

  constructor(options: LiveEdgeOptions = {}) {
    this.targetLatency = options.targetLatency ?? DEFAULTS.targetLatency;
    this.tolerance = options.tolerance ?? DEFAULTS.tolerance;
    this.maxRate = options.maxRate ?? DEFAULTS.maxRate;
    this.gain = options.gain ?? DEFAULTS.gain;
    this.jumpLatency = Math.max(options.jumpLatency ?? DEFAULTS.jumpLatency, this.targetLatency + this.tolerance);
    this.stallTimeout = options.stallTimeout ?? DEFAULTS.stallTimeout;
    if (!(this.targetLatency >= 0) || !(this.tolerance >= 0) || !(this.maxRate >= 1 + RATE_STEP)) {
      throw new RangeError('live edge: targetLatency and tolerance must be ≥ 0 and maxRate ≥ 1.05');
    }
  }

  /** True while playing faster to catch up. */
  get catchingUp(): boolean {
    return this.#catchingUp;
  }

  /** Forgets the catch-up and stall state (after the owner seeks or restarts the media). */
  reset(): void {
    this.#catchingUp = false;
    this.#lastTime = Number.NaN;
    this.#lastMove = Number.NaN;
  }

  /** Decides the playback rate and whether to seek, from one snapshot of the element. */
  decide(s: PlaybackSnapshot): LiveEdgeDecision {
    const last = s.buffered[s.buffered.length - 1];
    if (!last) {
      this.reset();
      return { playbackRate: 1, latency: 0, reason: 'waiting' };
    }
    const [start, edge] = last;
    const latency = Math.max(0, edge - s.currentTime);
    if (s.paused) {
      this.reset();
      return { playbackRate: 1, latency, reason: 'paused' };
    }
    if (s.currentTime !== this.#lastTime || Number.isNaN(this.#lastMove)) {
      this.#lastTime = s.currentTime;
      this.#lastMove = s.now;
    }
    const inLast = s.currentTime >= start && s.currentTime <= edge;
    let reason: LiveEdgeReason | undefined;
    if (!inLast) reason = 'gap';
    else if (latency > this.jumpLatency) reason = 'jump';
    else if (latency > this.targetLatency + this.tolerance && s.now - this.#lastMove >= this.stallTimeout) {
      reason = 'stall';
    }
    if (reason) {
      this.#catchingUp = false;
      this.#lastMove = Number.NaN;
      return { playbackRate: 1, seekTo: Math.max(start, edge - this.targetLatency), latency, reason };
    }
    if (latency > this.targetLatency + this.tolerance) this.#catchingUp = true;
    else if (latency <= this.targetLatency + EPS) this.#catchingUp = false;
    if (!this.#catchingUp) return { playbackRate: 1, latency, reason: 'steady' };
    const raw = 1 + this.gain * (latency - this.targetLatency);
    const rate = Math.min(this.maxRate, Math.max(1 + RATE_STEP, Math.round(raw / RATE_STEP) * RATE_STEP));
    return { playbackRate: rate, latency, reason: 'catch-up' };
  }
}

/** `TimeRanges` (the DOM's `buffered`) → plain ranges. */
export function timeRanges(ranges: { readonly length: number; start(i: number): number; end(i: number): number }) {
  const out: TimeRange[] = [];
  for (let i = 0; i < ranges.length; i++) out.push([ranges.start(i), ranges.end(i)]);
  return out;
}
