import { BitReader, removeEmulationPrevention } from '@rtspkit/bytes';
import { H265Error, H265ErrorCode, h265ErrorFactory } from '../errors.js';
import { NAL_HEADER_SIZE, parseH265NalHeader } from '../nal.js';

/**
 * Checks the NAL type, removes emulation prevention from what follows the header and returns
 * a bit reader over the RBSP. Error offsets count from the first RBSP byte (after the header).
 */
export function rbspReader(nal: Uint8Array, expectedType: number, name: string): BitReader {
  const header = parseH265NalHeader(nal);
  if (header.nalUnitType !== expectedType) {
    throw new H265Error(
      H265ErrorCode.UnexpectedNalUnitType,
      `expected ${name} (nal type ${expectedType}) but got nal type ${header.nalUnitType}`,
      0,
    );
  }
  return new BitReader(removeEmulationPrevention(nal.subarray(NAL_HEADER_SIZE)), h265ErrorFactory);
}

/** `ue(v)` with an upper bound from the spec; throws `code` (an SPS error by default) above it. */
export function ueMax(r: BitReader, max: number, name: string, code: H265ErrorCode = H265ErrorCode.InvalidSps): number {
  const at = r.byteOffset;
  const v = r.ue();
  if (v > max) throw new H265Error(code, `${name} ${v} exceeds ${max}`, at);
  return v;
}
