/** A RIFF/WAVE file from chunks (padded to even sizes), for the reader's tests. */
export function wavFile(
  chunks: ReadonlyArray<readonly [string, Uint8Array]>,
  options: { riff?: string; form?: string; dataSize?: number } = {},
): Uint8Array {
  const parts: number[] = [];
  const ascii = (s: string) => parts.push(...[...s].map((c) => c.charCodeAt(0)));
  const u32 = (v: number) => parts.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24);
  ascii(options.riff ?? 'RIFF');
  u32(0); // patched below
  ascii(options.form ?? 'WAVE');
  for (const [id, body] of chunks) {
    ascii(id);
    u32(id === 'data' && options.dataSize !== undefined ? options.dataSize : body.length);
    parts.push(...body);
    if (body.length & 1 && id !== 'data') parts.push(0);
  }
  const out = Uint8Array.from(parts);
  new DataView(out.buffer).setUint32(4, out.length - 8, true);
  return out;
}
