/**
 * CRC-16 of MPEG audio: polynomial x¹⁶ + x¹⁵ + x² + 1 (0x8005), register preset to 0xFFFF,
 * bits fed most significant first, no final inversion (the catalogue's CRC-16/CMS; check
 * value 0xAEE7 for the ASCII bytes "123456789").
 * @see ISO/IEC 11172-3 §2.4.3.1, ISO/IEC 13818-7 §8.2.2 (adts_error_check)
 */
export class Crc16 {
  #crc = 0xffff;

  get value(): number {
    return this.#crc;
  }

  /**
   * Feeds `bitCount` bits of `bytes` starting at bit `bitOffset` (MSB first). Bits past the
   * end of `bytes` are fed as zeros (ADTS pads a CRC region shorter than its size).
   */
  bits(bytes: Uint8Array, bitOffset: number, bitCount: number): this {
    let crc = this.#crc;
    for (let i = bitOffset; i < bitOffset + bitCount; i++) {
      const bit = ((bytes[i >>> 3] ?? 0) >>> (7 - (i & 7))) & 1;
      const top = (crc >>> 15) & 1;
      crc = (crc << 1) & 0xffff;
      if ((top ^ bit) === 1) crc ^= 0x8005;
    }
    this.#crc = crc;
    return this;
  }
}
