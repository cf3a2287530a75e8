import type { BitReader } from './bit-reader.js';

/** `aspect_ratio_idc` value Extended_SAR: `sar_width` and `sar_height` follow. */
const EXTENDED_SAR = 255;

const SQUARE: readonly [number, number] = [1, 1];

/** Sample aspect ratios of `aspect_ratio_idc` 1..16 (index 0, "unspecified", reads as square). */
const SAR_TABLE: ReadonlyArray<readonly [number, number]> = [
  SQUARE,
  [1, 1],
  [12, 11],
  [10, 11],
  [16, 11],
  [40, 33],
  [24, 11],
  [20, 11],
  [32, 11],
  [80, 33],
  [18, 11],
  [15, 11],
  [64, 33],
  [160, 99],
  [4, 3],
  [3, 2],
  [2, 1],
];

/**
 * Reads `aspect_ratio_idc` (and, for Extended_SAR, `sar_width` and `sar_height`) from VUI
 * parameters, once `aspect_ratio_info_present_flag` was read as 1. H.264 and H.265 share
 * the table (both take it from ITU-T H.273). Returns `[width, height]`; 0 ("unspecified"),
 * reserved values and an extended ratio with a zero term give square pixels.
 *
 * @see H.264 §E.2.1, Table E-1; H.265 §E.3.1, Table E.1
 */
export function readSampleAspectRatio(r: BitReader): readonly [number, number] {
  const idc = r.u(8);
  if (idc !== EXTENDED_SAR) return SAR_TABLE[idc] ?? SQUARE;
  const width = r.u(16);
  const height = r.u(16);
  return width > 0 && height > 0 ? [width, height] : SQUARE;
}
