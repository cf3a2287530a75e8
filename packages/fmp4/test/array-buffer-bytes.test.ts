import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type Fmp4Bytes,
  type Fmp4Muxer,
  type Fmp4Recorder,
  serializeInitSegment,
  serializeMediaSegment,
} from '../src/index.js';
import { avcTrack } from './cases.js';
import { join } from './helpers.js';

// Browser APIs take what fmp4 returns as typed (TypeScript 5.7+: a Uint8Array that may view
// a SharedArrayBuffer is not a BufferSource): checked by `tsc` on this file.
type AcceptedByBrowsers = Parameters<SourceBuffer['appendBuffer']>[0] & BlobPart;

describe('byte outputs are ArrayBuffer-backed, as SourceBuffer.appendBuffer and Blob take them', () => {
  it('types every output as Fmp4Bytes', () => {
    expectTypeOf(serializeInitSegment).returns.toEqualTypeOf<Fmp4Bytes>();
    expectTypeOf(serializeMediaSegment).returns.toEqualTypeOf<Fmp4Bytes[]>();
    expectTypeOf<Fmp4Muxer['push']>().returns.toEqualTypeOf<Fmp4Bytes[]>();
    expectTypeOf<Fmp4Recorder['finish']>().returns.toHaveProperty('chunks').toEqualTypeOf<Fmp4Bytes[]>();
    expectTypeOf<Fmp4Bytes>().toMatchTypeOf<AcceptedByBrowsers>();
  });

  it('keeps sample data in place, and copies it only when it views a SharedArrayBuffer', () => {
    const data = Uint8Array.of(0x65, 1, 2, 3);
    const shared = new Uint8Array(new SharedArrayBuffer(4));
    shared.set(data);
    const run = (d: Uint8Array) =>
      serializeMediaSegment({
        sequenceNumber: 1,
        tracks: [
          { trackId: 1, baseDecodeTime: 0, samples: [{ duration: 3000, flags: 0, compositionOffset: 0, data: d }] },
        ],
      });
    const plain = run(data);
    expect(plain[1]).toBe(data);
    const copied = run(shared);
    expect(copied[1]?.buffer).toBeInstanceOf(ArrayBuffer);
    expect(join(copied)).toEqual(join(plain));
    for (const chunk of [...plain, ...copied, serializeInitSegment([avcTrack])])
      expect(chunk.buffer).toBeInstanceOf(ArrayBuffer);
  });
});
