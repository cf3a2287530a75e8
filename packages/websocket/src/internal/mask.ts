// One word of scratch to turn four key bytes into a 32-bit word in platform byte order.
const scratch = new Uint8Array(4);
const scratchWord = new Uint32Array(scratch.buffer);

/**
 * XORs `data` in place with the 4-byte masking key, starting at key position `phase`
 * (RFC 6455 §5.3). Works a 32-bit word at a time when `data` is 4-byte aligned, and
 * allocates nothing but the word view.
 */
export function applyMask(data: Uint8Array, mask: Uint8Array, phase = 0): void {
  const m0 = mask[phase & 3] as number;
  const m1 = mask[(phase + 1) & 3] as number;
  const m2 = mask[(phase + 2) & 3] as number;
  const m3 = mask[(phase + 3) & 3] as number;
  const n = data.length;
  let i = 0;
  if (n >= 32 && (data.byteOffset & 3) === 0) {
    // The key as the platform reads a 32-bit word from memory (endianness-neutral).
    scratch[0] = m0;
    scratch[1] = m1;
    scratch[2] = m2;
    scratch[3] = m3;
    const k = scratchWord[0] as number;
    const words = new Uint32Array(data.buffer, data.byteOffset, n >>> 2);
    for (let w = 0; w < words.length; w++) words[w] = (words[w] as number) ^ k;
    i = words.length << 2;
  }
  for (; i + 3 < n; i += 4) {
    data[i] = (data[i] as number) ^ m0;
    data[i + 1] = (data[i + 1] as number) ^ m1;
    data[i + 2] = (data[i + 2] as number) ^ m2;
    data[i + 3] = (data[i + 3] as number) ^ m3;
  }
  if (i < n) data[i] = (data[i++] as number) ^ m0;
  if (i < n) data[i] = (data[i++] as number) ^ m1;
  if (i < n) data[i] = (data[i] as number) ^ m2;
}
