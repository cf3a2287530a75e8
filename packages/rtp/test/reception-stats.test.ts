import { describe, expect, it } from 'vitest';
import { ReceptionStats, unixMsToNtp } from '../src/index.js';
import { packet } from './helpers.js';

describe('ReceptionStats (RFC 3550 A.1, A.3, A.8)', () => {
  it('a source is valid after MIN_SEQUENTIAL sequential packets', () => {
    const s = new ReceptionStats();
    expect(s.push(packet(100), 0)).toBe(false);
    expect(s.valid).toBe(false);
    expect(s.push(packet(101), 0)).toBe(true);
    expect(s.valid).toBe(true);
    expect(s.expected).toBe(1);
    expect(s.received).toBe(1);
  });

  it('probation restarts on a non-sequential packet', () => {
    const s = new ReceptionStats({ minSequential: 3 });
    s.push(packet(10), 0);
    s.push(packet(12), 0);
    expect(s.push(packet(13), 0)).toBe(false);
    expect(s.push(packet(14), 0)).toBe(true);
  });

  it('counts loss, cycles and the fraction lost per interval', () => {
    const s = new ReceptionStats({ minSequential: 1 });
    for (const seq of [65530, 65531, 65533, 65534, 0, 1, 3]) s.push(packet(seq), 0);
    expect(s.extendedHighestSequence).toBe(65536 + 3);
    expect(s.expected).toBe(10);
    expect(s.lost).toBe(3);
    const first = s.reportBlock(0);
    expect(first).toMatchObject({
      fractionLost: Math.floor((3 * 256) / 10),
      cumulativeLost: 3,
      highestSequence: 65539,
    });
    for (const seq of [4, 5, 6, 7]) s.push(packet(seq), 0);
    expect(s.reportBlock(0)).toMatchObject({ fractionLost: 0, cumulativeLost: 3 });
  });

  it('duplicates make the cumulative loss negative and the fraction 0', () => {
    const s = new ReceptionStats({ minSequential: 1 });
    for (const seq of [1, 2, 2, 3, 3]) s.push(packet(seq), 0);
    expect(s.lost).toBe(-2);
    expect(s.reportBlock(0)).toMatchObject({ cumulativeLost: -2, fractionLost: 0 });
  });

  it('resynchronises after a jump larger than MAX_DROPOUT once the next packet follows', () => {
    const s = new ReceptionStats({ minSequential: 1 });
    s.push(packet(1000), 0);
    s.push(packet(1001), 0);
    expect(s.push(packet(20000), 0)).toBe(false);
    expect(s.push(packet(20001), 0)).toBe(true);
    expect(s.expected).toBe(1);
    expect(s.lost).toBe(0);
  });

  it('a new SSRC starts over', () => {
    const s = new ReceptionStats({ minSequential: 1 });
    s.push(packet(1, 0, 7), 0);
    s.push(packet(5, 0, 7), 0);
    s.push(packet(50, 0, 8), 0);
    expect(s.ssrc).toBe(8);
    expect(s.expected).toBe(1);
    expect(s.lost).toBe(0);
  });

  it('jitter follows A.8: constant transit gives 0, one late packet gives |D|/16', () => {
    const s = new ReceptionStats({ minSequential: 1 });
    for (let i = 0; i < 5; i++) s.push(packet(i, i * 3000), 1000 + i * 3000);
    expect(s.jitter).toBe(0);
    s.push(packet(5, 15000), 1000 + 15000 + 160);
    expect(s.jitter).toBe(10);
    expect(s.reportBlock(0).jitter).toBe(10);
  });

  it('jitter is unaffected by the timestamp wrap', () => {
    const s = new ReceptionStats({ minSequential: 1 });
    const base = 2 ** 32 - 6000;
    for (let i = 0; i < 5; i++) s.push(packet(i, base + i * 3000), 500 + i * 3000);
    expect(s.jitter).toBe(0);
  });

  it('fills LSR and DLSR from the last SR', () => {
    const s = new ReceptionStats({ minSequential: 1 });
    s.push(packet(1), 0);
    expect(s.reportBlock(0)).toMatchObject({ lastSr: 0, delaySinceLastSr: 0 });
    const ntp = unixMsToNtp(Date.UTC(2026, 0, 1));
    s.onSenderReport({ ntpTimestamp: ntp }, 10_000);
    expect(s.reportBlock(11_500)).toMatchObject({
      ssrc: 1,
      lastSr: Number((ntp >> 16n) & 0xffffffffn),
      delaySinceLastSr: 0x18000,
    });
  });
});
