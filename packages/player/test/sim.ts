import type { TimeRange } from '../src/index.js';

const EPS = 1e-9;

/**
 * A media element fed by one SourceBuffer, as far as timing goes: buffered ranges grow by
 * appends and shrink by removals; the playhead advances at `playbackRate` inside the range
 * that holds it and waits at that range's end (a real element cannot play data it does
 * not have); seeks move it anywhere.
 */
export class SimulatedElement {
  ranges: Array<[number, number]> = [];
  currentTime = 0;
  playbackRate = 1;
  paused = false;

  get buffered(): TimeRange[] {
    return this.ranges.map(([s, e]) => [s, e] as const);
  }

  get edge(): number | undefined {
    return this.ranges[this.ranges.length - 1]?.[1];
  }

  append(start: number, end: number): void {
    const next: Array<[number, number]> = [];
    let merged: [number, number] = [start, end];
    for (const r of this.ranges) {
      if (r[1] < merged[0] - EPS || r[0] > merged[1] + EPS) next.push(r);
      else merged = [Math.min(r[0], merged[0]), Math.max(r[1], merged[1])];
    }
    next.push(merged);
    this.ranges = next.sort((a, b) => a[0] - b[0]);
  }

  remove(start: number, end: number): void {
    const next: Array<[number, number]> = [];
    for (const [s, e] of this.ranges) {
      if (e <= start || s >= end) next.push([s, e]);
      else {
        if (s < start) next.push([s, start]);
        if (e > end) next.push([end, e]);
      }
    }
    this.ranges = next;
  }

  advance(dt: number): void {
    if (this.paused) return;
    const r = this.ranges.find(([s, e]) => this.currentTime >= s - EPS && this.currentTime < e);
    if (r) this.currentTime = Math.min(r[1], this.currentTime + dt * this.playbackRate);
  }
}
