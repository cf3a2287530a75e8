import { describe, expect, it } from 'vitest';
import {
  SequenceUnwrapper,
  TimestampUnwrapper,
  WallClock,
  compactNtpToMs,
  msToCompactNtp,
  ntpToCompact,
  ntpToUnixMs,
  unixMsToNtp,
} from '../src/index.js';

describe('SequenceUnwrapper', () => {
  it('counts across the wrap, and places late packets across it', () => {
    const u = new SequenceUnwrapper();
    expect([65533, 65534, 65535, 0, 1].map((s) => u.unwrap(s))).toEqual([65533, 65534, 65535, 65536, 65537]);
    expect(u.unwrap(65534)).toBe(65534); // late, before the wrap
    expect(u.unwrap(2)).toBe(65538);
    expect(u.highest).toBe(65538);
  });

  it('a packet older than the first comes out below it (negative across the start)', () => {
    const u = new SequenceUnwrapper();
    expect(u.unwrap(0)).toBe(0);
    expect(u.unwrap(65535)).toBe(-1);
    expect(u.unwrap(1)).toBe(1);
  });

  it('jumps of up to half the range are exact, both ways', () => {
    const u = new SequenceUnwrapper();
    expect(u.unwrap(100)).toBe(100);
    expect(u.unwrap(100 + 32767)).toBe(32867);
    expect(u.unwrap(101)).toBe(101); // far behind the highest, still the nearest reading
    expect(u.unwrap((32867 + 32000) & 0xffff)).toBe(64867);
    expect(u.unwrap((64867 + 20000) & 0xffff)).toBe(84867);
  });

  it('reset forgets the reference', () => {
    const u = new SequenceUnwrapper();
    u.unwrap(65535);
    u.unwrap(3);
    u.reset();
    expect(u.unwrap(3)).toBe(3);
  });
});

describe('TimestampUnwrapper', () => {
  it('counts across the 32-bit wrap, B-frames step back', () => {
    const u = new TimestampUnwrapper();
    const start = 2 ** 32 - 6000;
    expect(u.unwrap(start)).toBe(start);
    expect(u.unwrap(start + 9000 - 2 ** 32)).toBe(start + 9000); // past the wrap
    expect(u.unwrap(start + 3000)).toBe(start + 3000); // B-frame, before the wrap
    expect(u.unwrap(start + 12000 - 2 ** 32)).toBe(start + 12000);
  });

  it('a loop restart stepping back 10 s at 90 kHz is exact', () => {
    const u = new TimestampUnwrapper();
    u.unwrap(5_000_000);
    expect(u.unwrap(5_000_000 - 900_000)).toBe(4_100_000);
    expect(u.unwrap(4_103_000)).toBe(4_103_000);
  });
});

describe('NTP time', () => {
  it('converts NTP ⇄ Unix ms', () => {
    // 2026-01-01T00:00:00.500Z
    const ms = Date.UTC(2026, 0, 1, 0, 0, 0, 500);
    const ntp = unixMsToNtp(ms);
    expect(ntp >> 32n).toBe(BigInt(ms / 1000 - 0.5 + 2_208_988_800));
    expect(ntp & 0xffffffffn).toBe(0x80000000n);
    expect(ntpToUnixMs(ntp)).toBe(ms);
  });

  it('reads the ffmpeg capture SR as a date in 2026', () => {
    const ms = ntpToUnixMs(0xeeabb522da1cac08n);
    expect(new Date(ms).getUTCFullYear()).toBe(2026);
  });

  it('reads seconds with the top bit clear as NTP era 1 (after 2036-02-07)', () => {
    const ms = Date.UTC(2040, 5, 1);
    const ntp = unixMsToNtp(ms);
    expect(ntp >> 63n).toBe(0n);
    expect(ntpToUnixMs(ntp)).toBe(ms);
  });

  it('the compact 16.16 form is the middle 32 bits', () => {
    expect(ntpToCompact(0x1122334455667788n)).toBe(0x33445566);
    expect(compactNtpToMs(0x00018000)).toBe(1500);
    expect(msToCompactNtp(1500)).toBe(0x18000);
    expect(msToCompactNtp(-5)).toBe(0);
  });
});

describe('WallClock', () => {
  it('is undefined before the first SR', () => {
    expect(new WallClock(90000).toUnixMs(1234)).toBeUndefined();
  });

  it('maps RTP timestamps by their distance to the SR, across the wrap', () => {
    const clock = new WallClock(90000);
    const srMs = Date.UTC(2026, 0, 1);
    clock.onSenderReport({ ntpTimestamp: unixMsToNtp(srMs), rtpTimestamp: 0xffffff00 });
    expect(clock.synchronized).toBe(true);
    expect(clock.toUnixMs(0xffffff00)).toBe(srMs);
    expect(clock.toUnixMs(0xffffff00 + 90000 - 2 ** 32)).toBe(srMs + 1000); // wrapped
    expect(clock.toUnixMs(0xffffff00 - 45000)).toBe(srMs - 500);
  });

  it('follows the latest SR', () => {
    const clock = new WallClock(8000);
    clock.onSenderReport({ ntpTimestamp: unixMsToNtp(10_000), rtpTimestamp: 0 });
    clock.onSenderReport({ ntpTimestamp: unixMsToNtp(20_000), rtpTimestamp: 80_000 });
    expect(clock.toUnixMs(88_000)).toBe(21_000);
  });
});
