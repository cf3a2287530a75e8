import { describe, expect, it } from 'vitest';
import { ReorderBuffer } from '../src/index.js';
import { packet, seqs } from './helpers.js';

describe('ReorderBuffer', () => {
  it('releases in-order packets at once', () => {
    const b = new ReorderBuffer();
    expect(seqs(b.push(packet(10), 0))).toEqual([10]);
    expect(seqs(b.push(packet(11), 1))).toEqual([11]);
    expect(b.size).toBe(0);
    expect(b.nextDeadline()).toBeUndefined();
  });

  it('holds packets after a gap until it fills', () => {
    const b = new ReorderBuffer({ maxDelayMs: 50 });
    b.push(packet(1), 0);
    expect(b.push(packet(3), 10)).toEqual([]);
    expect(b.push(packet(4), 12)).toEqual([]);
    expect(b.nextDeadline()).toBe(60);
    expect(seqs(b.push(packet(2), 20))).toEqual([2, 3, 4]);
    expect(b.stats).toEqual({ released: 4, lost: 0, dropped: 0, duplicated: 0 });
  });

  it('gives up on a gap after maxDelayMs, from poll or push', () => {
    const b = new ReorderBuffer({ maxDelayMs: 50 });
    b.push(packet(1), 0);
    b.push(packet(4), 10);
    b.push(packet(6), 30);
    expect(b.poll(59)).toEqual([]);
    expect(seqs(b.poll(60))).toEqual([4]);
    expect(b.nextDeadline()).toBe(80);
    expect(seqs(b.push(packet(8), 80))).toEqual([6]);
    expect(b.stats).toMatchObject({ lost: 3, released: 3 });
    // 2 and 3 come too late
    expect(b.push(packet(2), 81)).toEqual([]);
    expect(b.stats.dropped).toBe(1);
  });

  it('counts duplicates, held or already released', () => {
    const b = new ReorderBuffer();
    b.push(packet(1), 0);
    b.push(packet(3), 0);
    b.push(packet(3), 0);
    b.push(packet(1), 0);
    expect(b.stats).toEqual({ released: 1, lost: 0, dropped: 0, duplicated: 2 });
  });

  it('works across the sequence wrap', () => {
    const b = new ReorderBuffer();
    b.push(packet(65534), 0);
    expect(b.push(packet(0), 1)).toEqual([]);
    expect(seqs(b.push(packet(65535), 2))).toEqual([65535, 0]);
  });

  it('never holds more than capacity: a far packet forces the oldest gaps out', () => {
    const b = new ReorderBuffer({ capacity: 4, maxDelayMs: 1000 });
    b.push(packet(0), 0);
    b.push(packet(2), 0);
    b.push(packet(3), 0);
    expect(b.size).toBe(2);
    // 6 fits the window [next=1 .. 4] only once 1 and 2 are given up on
    expect(seqs(b.push(packet(6), 0))).toEqual([2, 3]);
    expect(b.size).toBe(1);
    expect(b.stats.lost).toBe(1);
    // a jump far beyond the window
    expect(seqs(b.push(packet(1006), 0))).toEqual([6]);
    expect(b.size).toBe(1);
    // 4 and 5 given up, then 7..1002 skipped: 1003..1005 may still come
    expect(b.stats.lost).toBe(1 + 2 + 996);
  });

  it('a sender restart (two consecutive packets far behind) starts over', () => {
    const b = new ReorderBuffer({ capacity: 8, maxMisorder: 1000 });
    b.push(packet(30000), 0);
    b.push(packet(30002), 0);
    expect(b.push(packet(100), 1)).toEqual([]);
    expect(seqs(b.push(packet(101), 2))).toEqual([30002, 101]);
    expect(seqs(b.push(packet(102), 3))).toEqual([102]);
    expect(b.stats).toMatchObject({ dropped: 1, lost: 1 });
  });

  it('flush releases everything held in order', () => {
    const b = new ReorderBuffer();
    b.push(packet(5), 0);
    b.push(packet(9), 0);
    b.push(packet(7), 0);
    expect(seqs(b.flush())).toEqual([7, 9]);
    expect(b.size).toBe(0);
  });
});
