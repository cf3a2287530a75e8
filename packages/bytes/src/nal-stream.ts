import { BytesErrorCode, type ErrorFactory, defaultErrorFactory } from './errors.js';

/**
 * Splits an Annex-B byte stream (ISO 14496-10 Annex B, ISO 23008-2 Annex B; 3- or 4-byte
 * start codes) into NAL units. The NAL units are views aliasing the input; trailing zero
 * bytes before the next start code (`trailing_zero_8bits`) are dropped. Bytes before the
 * first start code are returned as a NAL unit when the input has no start code at all
 * (a bare NAL unit), and dropped otherwise.
 *
 * @example
 * splitAnnexB(hex`00 00 00 01 67 42  00 00 01 68 ce`); // [hex`67 42`, hex`68 ce`]
 */
export function splitAnnexB(bytes: Uint8Array): Uint8Array[] {
  const nals: Uint8Array[] = [];
  let start = -1;
  let i = 0;
  const n = bytes.length;
  while (i + 2 < n) {
    // Look for 00 00 01; skip ahead fast when the third byte rules a start code out.
    const b2 = bytes[i + 2] as number;
    if (b2 > 1) {
      i += 3;
      continue;
    }
    if (b2 === 1 && bytes[i] === 0 && bytes[i + 1] === 0) {
      if (start >= 0) pushTrimmed(nals, bytes, start, i);
      start = i + 3;
      i += 3;
      continue;
    }
    i++;
  }
  if (start >= 0) pushTrimmed(nals, bytes, start, n);
  else if (n > 0) nals.push(bytes);
  return nals;
}

function pushTrimmed(nals: Uint8Array[], bytes: Uint8Array, start: number, end: number): void {
  let e = end;
  while (e > start && bytes[e - 1] === 0) e--;
  if (e > start) nals.push(bytes.subarray(start, e));
}

/** True when `bytes` begins with a 3- or 4-byte Annex-B start code. */
export function hasStartCode(bytes: Uint8Array): boolean {
  return bytes[0] === 0 && bytes[1] === 0 && (bytes[2] === 1 || (bytes[2] === 0 && bytes[3] === 1));
}

/** Joins NAL units into an Annex-B stream with 4-byte start codes. */
export function joinAnnexB(nals: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const nal of nals) total += 4 + nal.length;
  const out = new Uint8Array(total);
  let o = 0;
  for (const nal of nals) {
    out[o + 3] = 1;
    out.set(nal, o + 4);
    o += 4 + nal.length;
  }
  return out;
}

/**
 * Splits length-prefixed NAL units (AVCC/HVCC sample format, ISO 14496-15 §5.3.2) with
 * `lengthSize` 1, 2 or 4. Views alias the input. A length past the end throws
 * `ERR_BYTES_OUT_OF_RANGE` built by `error`.
 */
export function splitLengthPrefixed(
  bytes: Uint8Array,
  lengthSize: 1 | 2 | 4 = 4,
  error: ErrorFactory = defaultErrorFactory,
): Uint8Array[] {
  const nals: Uint8Array[] = [];
  let o = 0;
  while (o < bytes.length) {
    if (o + lengthSize > bytes.length) {
      throw error(
        BytesErrorCode.OutOfRange,
        `nal length field needs ${lengthSize} bytes but ${bytes.length - o} remain`,
        o,
      );
    }
    let len = 0;
    for (let k = 0; k < lengthSize; k++) len = len * 256 + (bytes[o + k] as number);
    o += lengthSize;
    if (len > bytes.length - o) {
      throw error(
        BytesErrorCode.OutOfRange,
        `nal length ${len} exceeds remaining ${bytes.length - o} bytes`,
        o - lengthSize,
      );
    }
    nals.push(bytes.subarray(o, o + len));
    o += len;
  }
  return nals;
}

/** Joins NAL units with 4-byte big-endian length prefixes (AVCC/HVCC sample format). */
export function joinLengthPrefixed(nals: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const nal of nals) total += 4 + nal.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let o = 0;
  for (const nal of nals) {
    view.setUint32(o, nal.length);
    out.set(nal, o + 4);
    o += 4 + nal.length;
  }
  return out;
}

/**
 * NAL unit payload → RBSP: removes each `emulation_prevention_three_byte` (the 03 in
 * 00 00 03, H.264 §7.4.1 / H.265 §7.4.2). Returns the input itself when there is none.
 */
export function removeEmulationPrevention(nal: Uint8Array): Uint8Array {
  let first = -1;
  for (let i = 2; i < nal.length; i++) {
    if (nal[i] === 3 && nal[i - 1] === 0 && nal[i - 2] === 0) {
      first = i;
      break;
    }
  }
  if (first < 0) return nal;
  const out = new Uint8Array(nal.length);
  out.set(nal.subarray(0, first));
  let o = first;
  let zeros = 0;
  for (let i = first + 1; i < nal.length; i++) {
    const b = nal[i] as number;
    if (zeros >= 2 && b === 3) {
      zeros = 0;
      continue;
    }
    zeros = b === 0 ? zeros + 1 : 0;
    out[o++] = b;
  }
  return out.subarray(0, o);
}

/**
 * RBSP → NAL unit payload: inserts `emulation_prevention_three_byte` wherever two zero bytes
 * are followed by a byte ≤ 3 (H.264 §7.4.1), and after trailing 00 00.
 */
export function addEmulationPrevention(rbsp: Uint8Array): Uint8Array {
  const out: number[] = [];
  let zeros = 0;
  for (let i = 0; i < rbsp.length; i++) {
    const b = rbsp[i] as number;
    if (zeros >= 2 && b <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(b);
    zeros = b === 0 ? zeros + 1 : 0;
  }
  if (zeros >= 2) out.push(3);
  return Uint8Array.from(out);
}
