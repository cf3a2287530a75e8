/** Seconds from the NTP epoch (1900-01-01) to the Unix epoch (1970-01-01). */
export const NTP_UNIX_OFFSET_SECONDS = 2_208_988_800;

const TWO_32 = 2 ** 32;

/**
 * Converts a 64-bit NTP timestamp (32.32 fixed point seconds since 1900) to Unix
 * milliseconds. Seconds with the top bit clear are read as NTP era 1 (from 2036-02-07),
 * as RFC 4330 §3 suggests, so the mapping keeps working past the era rollover.
 *
 * @see RFC 3550 §4, RFC 4330 §3
 */
export function ntpToUnixMs(ntp: bigint): number {
  let seconds = Number((ntp >> 32n) & 0xffffffffn);
  const fraction = Number(ntp & 0xffffffffn);
  if (seconds < 0x80000000) seconds += TWO_32;
  return (seconds - NTP_UNIX_OFFSET_SECONDS) * 1000 + (fraction * 1000) / TWO_32;
}

/**
 * Converts Unix milliseconds to a 64-bit NTP timestamp (era rollover in 2036 wraps the
 * seconds, as on the wire).
 *
 * @see RFC 3550 §4
 */
export function unixMsToNtp(ms: number): bigint {
  const totalSeconds = Math.floor(ms / 1000);
  let fraction = Math.round(((ms - totalSeconds * 1000) / 1000) * TWO_32);
  let seconds = totalSeconds + NTP_UNIX_OFFSET_SECONDS;
  if (fraction >= TWO_32) {
    fraction -= TWO_32;
    seconds += 1;
  }
  return (BigInt(((seconds % TWO_32) + TWO_32) % TWO_32) << 32n) | BigInt(fraction);
}

/**
 * The middle 32 bits of a 64-bit NTP timestamp (16.16 fixed point), the compact form of
 * the LSR field of report blocks.
 *
 * @see RFC 3550 §4, §6.4.1
 */
export function ntpToCompact(ntp: bigint): number {
  return Number((ntp >> 16n) & 0xffffffffn);
}

/**
 * A duration in the compact 16.16 NTP form (DLSR, or `arrival − LSR − DLSR` for the
 * round-trip time) in milliseconds.
 *
 * @see RFC 3550 §6.4.1
 */
export function compactNtpToMs(compact: number): number {
  return ((compact >>> 0) * 1000) / 65536;
}

/**
 * Milliseconds as a compact 16.16 NTP duration (for DLSR), clamped to 0..2^32−1.
 *
 * @see RFC 3550 §6.4.1
 */
export function msToCompactNtp(ms: number): number {
  return Math.min(0xffffffff, Math.max(0, Math.round((ms * 65536) / 1000)));
}
