import type { TimeRange } from './live-edge.js';

/** Options of {@link planTrim}; times in seconds. */
export type TrimOptions = {
  /**
   * Media to keep behind the playhead. Default 3 s: enough for a short rewind by the user,
   * little enough that a SourceBuffer never nears its quota (Chromium: 150 MB for video).
   */
  readonly keepBehind?: number;
  /**
   * Remove only once at least this much can go, so `SourceBuffer.remove()` runs every few
   * seconds, not on every frame. Default 2 s; 0 removes whatever is removable.
   */
  readonly minRemove?: number;
};

/** What {@link planTrim} uses when no option is given. */
export const TRIM_DEFAULTS = { keepBehind: 3, minRemove: 2 } as const;

/** Trim options after a `QuotaExceededError`: keep only half a second behind, remove at once. */
export const QUOTA_TRIM = { keepBehind: 0.5, minRemove: 0 } as const;

/**
 * The ranges to pass to `SourceBuffer.remove(start, end)` so that no more than
 * `keepBehind` seconds stay behind `currentTime`. Never removes anything at or after
 * `currentTime − keepBehind`, so the playhead and everything ahead of it stay playable;
 * whole ranges left behind by a seek go as well. Returns `[]` while less than `minRemove`
 * seconds could be removed.
 *
 * The browser also removes the frames that depend on removed ones up to the next random
 * access point (MSE §3.5.9 "Coded Frame Removal"), which all lie before the cut here.
 *
 * @see https://www.w3.org/TR/media-source-2/#sourcebuffer-coded-frame-removal
 */
export function planTrim(buffered: readonly TimeRange[], currentTime: number, options: TrimOptions = {}): TimeRange[] {
  const keepBehind = options.keepBehind ?? TRIM_DEFAULTS.keepBehind;
  const minRemove = options.minRemove ?? TRIM_DEFAULTS.minRemove;
  const cut = currentTime - keepBehind;
  const out: TimeRange[] = [];
  let total = 0;
  for (const [start, end] of buffered) {
    if (start >= cut) break;
    const to = Math.min(end, cut);
    out.push([start, to]);
    total += to - start;
  }
  return out.length > 0 && total >= minRemove ? out : [];
}

/** Seconds of media in `ranges`. */
export function bufferedSeconds(ranges: readonly TimeRange[]): number {
  let total = 0;
  for (const [start, end] of ranges) total += end - start;
  return total;
}
