const TWO_32 = 0x100000000;

/**
 * The difference `b − a` of two timestamps taken modulo 2^32 as a signed 32-bit value:
 * correct across one wrap of 32-bit RTP timestamps and for already-unwrapped values alike,
 * as long as consecutive timestamps are less than 2^31 ticks apart.
 */
export function wrappedDelta(a: number, b: number): number {
  const d = (((b - a) % TWO_32) + TWO_32) % TWO_32;
  return d >= 0x80000000 ? d - TWO_32 : d;
}
