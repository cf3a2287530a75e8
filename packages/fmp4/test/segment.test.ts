import { concat, toHex } from '@rtspkit/bytes';
import { describe, expect, it } from 'vitest';
import { findBoxes, inspectBoxes, serializeMediaSegment } from '../src/index.js';
import { mediaSegmentCases } from './cases.js';
import { fieldsOf } from './helpers.js';

describe('media segment', () => {
  for (const c of mediaSegmentCases) {
    it(`serializes: ${c.name}`, () => {
      const chunks = serializeMediaSegment(c.input);
      expect(toHex(concat(...chunks), ' ')).toBe(toHex(c.bytes, ' '));
      // zero copy: the sample data views themselves are chunks
      const datas = c.input.tracks.flatMap((t) => t.samples.map((s) => s.data));
      expect(chunks.slice(1)).toHaveLength(datas.length);
      chunks.slice(1).forEach((chunk, i) => {
        expect(chunk).toBe(datas[i]);
      });
    });

    it(`inspects back: ${c.name}`, () => {
      const boxes = inspectBoxes(c.bytes);
      expect(boxes.map((b) => b.type)).toEqual(['moof', 'mdat']);
      expect(findBoxes(boxes, 'moof/mfhd')[0]!.fields).toEqual({
        kind: 'mfhd',
        sequenceNumber: c.input.sequenceNumber,
      });
      const trafs = findBoxes(boxes, 'moof/traf');
      expect(trafs).toHaveLength(c.input.tracks.length);
      const mdat = boxes[1]!;
      c.input.tracks.forEach((run, i) => {
        const traf = trafs[i]!;
        expect(findBoxes([traf], 'traf/tfhd')[0]!.fields).toMatchObject({
          trackId: run.trackId,
          defaultBaseIsMoof: true,
        });
        expect(findBoxes([traf], 'traf/tfdt')[0]!.fields).toEqual({
          kind: 'tfdt',
          version: 1,
          baseMediaDecodeTime: run.baseDecodeTime,
        });
        const trun = fieldsOf(findBoxes([traf], 'traf/trun')[0], 'trun');
        expect(trun.samples).toEqual(
          run.samples.map((s) => ({
            duration: s.duration,
            size: s.data.length,
            flags: s.flags,
            compositionOffset: s.compositionOffset,
          })),
        );
        // data_offset (from the moof start) points at this run's first sample inside the mdat
        const dataOffset = trun.dataOffset ?? 0;
        const first = c.bytes.subarray(dataOffset, dataOffset + run.samples[0]!.data.length);
        expect(first).toEqual(run.samples[0]!.data);
        expect(dataOffset).toBeGreaterThanOrEqual(mdat.offset + 8);
      });
    });
  }
});
