import { concat } from '@rtspkit/bytes';
import { type Box, type BoxFields, findBoxes, inspectBoxes, type TrunFields } from '../src/index.js';

/** One sample as read back from media segments with `inspectBoxes`. */
export type ReadSample = {
  trackId: number;
  decodeTime: number;
  duration: number;
  size: number;
  flags: number;
  compositionOffset: number;
  data: Uint8Array;
};

/** Reads every sample of every `moof`/`mdat` pair in `file` (init segments are skipped). */
export function readSamples(file: Uint8Array): ReadSample[] {
  const boxes = inspectBoxes(file);
  const out: ReadSample[] = [];
  for (const moof of boxes.filter((b) => b.type === 'moof')) {
    for (const traf of findBoxes([moof], 'moof/traf')) {
      const trackId = (field(traf, 'tfhd') as { trackId: number }).trackId;
      let t = (field(traf, 'tfdt') as { baseMediaDecodeTime: number }).baseMediaDecodeTime;
      const trun = field(traf, 'trun') as TrunFields;
      let o = moof.offset + (trun.dataOffset ?? 0);
      for (const s of trun.samples) {
        out.push({
          trackId,
          decodeTime: t,
          duration: s.duration!,
          size: s.size!,
          flags: s.flags!,
          compositionOffset: s.compositionOffset!,
          data: file.subarray(o, o + s.size!),
        });
        t += s.duration!;
        o += s.size!;
      }
    }
  }
  return out;
}

function field(traf: Box, type: string) {
  return traf.children.find((b) => b.type === type)!.fields;
}

/** Every box (recursively) whose size must equal header + children, or header + payload. */
export function checkSizes(boxes: readonly Box[], end: number): void {
  let o = boxes[0]?.offset ?? end;
  for (const b of boxes) {
    if (b.offset !== o) throw new Error(`box ${b.type} at ${b.offset}, expected ${o}`);
    if (b.payload.length !== b.size - b.headerSize) throw new Error(`box ${b.type} payload size`);
    if (b.children.length > 0) checkSizes(b.children, b.offset + b.size);
    o += b.size;
  }
  if (o !== end) throw new Error(`boxes end at ${o}, expected ${end}`);
}

export const join = (chunks: readonly Uint8Array[]) => concat(...chunks);

/** The decoded fields of `box`, checked to be of `kind`. */
export function fieldsOf<K extends BoxFields['kind']>(box: Box | undefined, kind: K): Extract<BoxFields, { kind: K }> {
  const f = box?.fields;
  if (!f || f.kind !== kind) throw new Error(`expected ${kind} fields, got ${f?.kind}`);
  return f as Extract<BoxFields, { kind: K }>;
}
