/**
 * G.711 companding laws: 8-bit codes to 16-bit linear PCM by table lookup.
 *
 * μ-law (PCMU, RTP payload type 0): the code is stored inverted; a sign bit, a 3-bit
 * segment (exponent) and a 4-bit step (mantissa); magnitude = ((step << 3) + 0x84) <<
 * segment, minus the bias 0x84. A-law (PCMA, payload type 8): even bits inverted (XOR
 * 0x55); segment 0 is linear; sign bit set means positive.
 *
 * @see ITU-T G.711 (11/88) Tables 1a/1b and 2a/2b; RFC 3551 §4.5.14
 */
export type G711Law = 'mulaw' | 'alaw';

let muLawTable: Int16Array | undefined;
let aLawTable: Int16Array | undefined;

/** The 256-entry table of one law (built on first use). */
export function g711Table(law: G711Law): Int16Array {
  if (law === 'mulaw') {
    if (!muLawTable) {
      muLawTable = new Int16Array(256);
      for (let code = 0; code < 256; code++) {
        const u = ~code & 0xff;
        const magnitude = (((u & 0x0f) << 3) + 0x84) << ((u >> 4) & 0x07);
        muLawTable[code] = u & 0x80 ? 0x84 - magnitude : magnitude - 0x84;
      }
    }
    return muLawTable;
  }
  if (!aLawTable) {
    aLawTable = new Int16Array(256);
    for (let code = 0; code < 256; code++) {
      const a = code ^ 0x55;
      const segment = (a >> 4) & 0x07;
      const step = (a & 0x0f) << 4;
      const magnitude = segment === 0 ? step + 8 : (step + 0x108) << (segment - 1);
      aLawTable[code] = a & 0x80 ? magnitude : -magnitude;
    }
  }
  return aLawTable;
}

/**
 * Decodes G.711 codes into 16-bit linear samples. Writes into `out` (from index 0) when it
 * is given and large enough, else allocates; returns the filled view.
 */
export function decodeG711(law: G711Law, codes: Uint8Array, out?: Int16Array): Int16Array {
  const table = g711Table(law);
  const target = out && out.length >= codes.length ? out.subarray(0, codes.length) : new Int16Array(codes.length);
  for (let i = 0; i < codes.length; i++) target[i] = table[codes[i]!]!;
  return target;
}
