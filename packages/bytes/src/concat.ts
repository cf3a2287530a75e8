/** Concatenates byte arrays into a new one. */
export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  return concatList(parts);
}

/**
 * Concatenates a list of byte arrays into a new one; for lists too long to spread into
 * {@link concat} (one part per message or fragment). A single part is returned as it is.
 */
export function concatList(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Byte-wise equality. */
export function equals(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** ASCII/Latin-1 decode, one char per byte. Header-sized inputs only. */
export function toAscii(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return s;
}

/** ASCII/Latin-1 encode; code units above 0xff are truncated to their low byte. */
export function fromAscii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}
