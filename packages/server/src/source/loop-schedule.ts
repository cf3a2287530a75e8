import type { ElementaryTrack } from './elementary.js';
import type { SourceFrame } from './types.js';

type Entry = {
  readonly track: number;
  /** Seconds from the start of a pass. */
  readonly at: number;
  readonly timestamp: number;
  readonly key: boolean;
  readonly units: readonly Uint8Array[];
};

/**
 * When each frame of a set of files goes out, pass after pass (sans-IO: the caller passes
 * elapsed time). Frames leave at their decode time; a pass lasts as long as the longest
 * track, so tracks start each pass together and stay in sync; each pass adds exactly one
 * pass length (in the track's clock) to the timestamps, so they continue across loops.
 */
export class LoopSchedule {
  readonly #entries: Entry[];
  /** Length of one pass in seconds. */
  readonly passSeconds: number;
  /** Length of one pass in each track's clock units. */
  readonly #passTicks: number[];
  readonly #loop: boolean;
  #index = 0;
  #pass = 0;

  constructor(tracks: readonly ElementaryTrack[], loop = true) {
    this.passSeconds = Math.max(0, ...tracks.map((t) => t.duration / t.format.clockRate));
    this.#passTicks = tracks.map((t) => Math.round(this.passSeconds * t.format.clockRate));
    this.#loop = loop;
    this.#entries = tracks
      .flatMap((t, track) =>
        t.frames.map((f) => ({
          track,
          at: f.decodeTime / t.format.clockRate,
          timestamp: f.timestamp,
          key: f.key,
          units: f.units,
        })),
      )
      .sort((a, b) => a.at - b.at || a.track - b.track);
  }

  /** How many passes have completed. */
  get pass(): number {
    return this.#pass;
  }

  /** Seconds from the start at which the next frame is due; undefined once a non-looping schedule ends. */
  next(): number | undefined {
    const e = this.#entries[this.#index];
    return e === undefined ? undefined : this.#pass * this.passSeconds + e.at;
  }

  /** Every frame due at `elapsed` seconds from the start, in send order. */
  due(elapsed: number): SourceFrame[] {
    const out: SourceFrame[] = [];
    for (;;) {
      const e = this.#entries[this.#index];
      if (e === undefined || this.#pass * this.passSeconds + e.at > elapsed) return out;
      out.push({
        track: e.track,
        timestamp: this.#pass * (this.#passTicks[e.track] as number) + e.timestamp,
        key: e.key,
        units: e.units,
      });
      this.#index++;
      if (this.#index === this.#entries.length && this.#loop && this.passSeconds > 0) {
        this.#index = 0;
        this.#pass++;
      }
    }
  }
}
