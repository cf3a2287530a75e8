/**
 * Presentation order of a decode-order video stream, from picture order counts: for each
 * frame, its index in display order. Frames are grouped from one key frame to the next
 * (a key frame starts a new coded video sequence or at least a new random-access period);
 * within a group, frames are ranked by POC, unwrapped relative to the previous frame.
 *
 * `pocLsb[i]` undefined means "in decode order" (H.264 POC types 1 and 2, where display
 * order follows decoding without B-frame reordering).
 *
 * Open-GOP leading pictures (RASL/RADL frames that follow a CRA in decode order but precede
 * it in display order) are not supported: the sample media and x264/x265 defaults with
 * closed GOPs do not produce them.
 *
 * @see ITU-T H.264 §8.2.1.1, ITU-T H.265 §8.3.1
 */
export function presentationIndexes(
  pocLsb: readonly (number | undefined)[],
  key: readonly boolean[],
  maxPocLsb: number,
): number[] {
  const out = new Array<number>(pocLsb.length);
  let start = 0;
  while (start < pocLsb.length) {
    let end = start + 1;
    while (end < pocLsb.length && !key[end]) end++;
    const pocs: number[] = [];
    let msb = 0;
    let prev: number | undefined;
    for (let i = start; i < end; i++) {
      const lsb = pocLsb[i];
      if (lsb === undefined) {
        pocs.push(i - start);
        continue;
      }
      if (prev !== undefined) {
        if (lsb - prev > maxPocLsb / 2) msb -= maxPocLsb;
        else if (prev - lsb >= maxPocLsb / 2) msb += maxPocLsb;
      }
      prev = lsb;
      pocs.push(msb + lsb);
    }
    const order = pocs.map((_, i) => i).sort((a, b) => (pocs[a] as number) - (pocs[b] as number) || a - b);
    order.forEach((decodeOffset, rank) => {
      out[start + decodeOffset] = start + rank;
    });
    start = end;
  }
  return out;
}
