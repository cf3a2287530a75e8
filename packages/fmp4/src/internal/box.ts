import type { ByteWriter } from '@rtspkit/bytes';

/**
 * Writes one box: a 32-bit size placeholder and the type, then `body`, then back-fills the
 * size with `patchU32` (ISO 14496-12 §4.2).
 *
 * ```
 * +--------+--------+------------------+
 * | size32 | type32 | body (size − 8)  |
 * +--------+--------+------------------+
 * ```
 */
export function box(w: ByteWriter, type: string, body: () => void): void {
  const start = w.length;
  w.u32(0).ascii(type);
  body();
  w.patchU32(start, w.length - start);
}

/** A full box: a box whose body starts with `version` (8 bits) and `flags` (24 bits). */
export function fullBox(w: ByteWriter, type: string, version: number, flags: number, body: () => void): void {
  box(w, type, () => {
    w.u8(version).u24(flags);
    body();
  });
}

/** The unity matrix of `mvhd`/`tkhd` (16.16 and 2.30 fixed point, §8.2.2.3). */
export function unityMatrix(w: ByteWriter): void {
  w.u32(0x00010000).u32(0).u32(0);
  w.u32(0).u32(0x00010000).u32(0);
  w.u32(0).u32(0).u32(0x40000000);
}

/**
 * An MPEG-4 descriptor (ISO 14496-1 §7.2.2.1): an 8-bit tag, the body length in base-128
 * groups of 7 bits (MSB set on every byte but the last, shortest form), then the body.
 */
export function descriptor(w: ByteWriter, tag: number, body: Uint8Array): void {
  w.u8(tag);
  const len = body.length;
  const groups: number[] = [len & 0x7f];
  for (let v = len >>> 7; v > 0; v >>>= 7) groups.unshift((v & 0x7f) | 0x80);
  for (const g of groups) w.u8(g);
  w.bytes(body);
}
