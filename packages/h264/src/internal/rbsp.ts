import { BitReader, removeEmulationPrevention } from '@rtspkit/bytes';
import { H264Error, H264ErrorCode, h264ErrorFactory } from '../errors.js';

/**
 * A bit reader over the RBSP of `nal` (header byte skipped, emulation prevention removed).
 * `expectedType` is checked against the header.
 */
export function rbspReader(nal: Uint8Array, expectedType: number, what: string): BitReader {
  const b = nal[0];
  if (b === undefined) throw new H264Error(H264ErrorCode.InvalidNalUnit, `empty ${what} nal unit`, 0);
  if ((b & 0x1f) !== expectedType) {
    throw new H264Error(H264ErrorCode.InvalidNalUnit, `${what} expected nal type ${expectedType}, got ${b & 0x1f}`, 0);
  }
  return new BitReader(removeEmulationPrevention(nal.subarray(1)), h264ErrorFactory);
}

/** Throws `code` with `message` when `value` lies outside `[min, max]`. */
export function checkRange(value: number, min: number, max: number, code: string, name: string, at: number): number {
  if (value < min || value > max) throw new H264Error(code, `${name} ${value} outside ${min}..${max}`, at);
  return value;
}
