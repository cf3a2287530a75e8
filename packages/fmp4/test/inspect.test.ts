import { expectCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import { Fmp4Error, findBoxes, inspectBoxes } from '../src/index.js';
import { inspectErrorCases, inspectOnlyCases } from './cases.js';
import { fieldsOf } from './helpers.js';

describe('inspectBoxes', () => {
  for (const c of inspectOnlyCases) {
    it(`reads (decode only): ${c.name}`, () => {
      const copy = c.bytes.slice();
      const boxes = inspectBoxes(c.bytes);
      expect(boxes.map((b) => b.type)).toEqual(c.types);
      expect(boxes.reduce((n, b) => n + b.size, 0)).toBe(c.bytes.length);
      expect(c.bytes).toEqual(copy);
    });
  }

  it('decodes the padded esds lengths', () => {
    const esds = inspectBoxes(inspectOnlyCases[3]!.bytes)[0];
    expect(fieldsOf(esds, 'esds')).toEqual({
      kind: 'esds',
      esId: 1,
      objectTypeIndication: 0x40,
      streamType: 5,
      decoderSpecificInfo: Uint8Array.of(0x12, 0x10),
    });
  });

  it('decodes version 0 tfdt/trun and tfhd defaults', () => {
    const boxes = inspectBoxes(inspectOnlyCases[4]!.bytes);
    expect(fieldsOf(findBoxes(boxes, 'traf/tfhd')[0], 'tfhd')).toEqual({
      kind: 'tfhd',
      flags: 0x28,
      trackId: 1,
      defaultSampleDuration: 3000,
      defaultSampleFlags: 0x01010000,
      defaultBaseIsMoof: false,
    });
    expect(fieldsOf(findBoxes(boxes, 'traf/tfdt')[0], 'tfdt')).toEqual({
      kind: 'tfdt',
      version: 0,
      baseMediaDecodeTime: 30000,
    });
    expect(fieldsOf(findBoxes(boxes, 'traf/trun')[0], 'trun')).toEqual({
      kind: 'trun',
      version: 0,
      flags: 0x205,
      dataOffset: 0x58,
      firstSampleFlags: 0x02000000,
      samples: [{ size: 16 }, { size: 32 }],
    });
  });

  for (const c of inspectErrorCases) {
    it(`rejects ${c.name} with ${c.code} at ${c.offset}`, () => {
      expectCodecError(() => inspectBoxes(c.bytes), { code: c.code, offset: c.offset, type: Fmp4Error });
    });
  }

  it('bounds nesting with maxDepth', () => {
    let bytes = new Uint8Array(0);
    for (let i = 0; i < 20; i++) {
      const next = new Uint8Array(bytes.length + 8);
      new DataView(next.buffer).setUint32(0, next.length);
      next.set([0x6d, 0x6f, 0x6f, 0x76], 4); // moov
      next.set(bytes, 8);
      bytes = next;
    }
    expectCodecError(() => inspectBoxes(bytes), { code: 'ERR_FMP4_TOO_DEEP', type: Fmp4Error });
    expect(inspectBoxes(bytes, { maxDepth: 32 })).toHaveLength(1);
  });
});
