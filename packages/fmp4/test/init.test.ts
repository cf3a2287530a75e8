import { concat, toHex } from '@rtspkit/bytes';
import { expectCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import { Fmp4Error, Fmp4ErrorCode, findBoxes, inspectBoxes, serializeInitSegment } from '../src/index.js';
import {
  aacTrack,
  asc,
  avcC,
  avcInitGolden,
  avcTrack,
  esdsGolden,
  ftypGolden,
  hevTrack,
  hvcC,
  hvcTrack,
  mvhdGolden,
  trexGolden,
} from './cases.js';

describe('init segment', () => {
  it('matches the golden bytes for a hand-made avcC', () => {
    expect(toHex(serializeInitSegment([avcTrack]), ' ')).toBe(toHex(avcInitGolden, ' '));
  });

  it('has the golden ftyp, mvhd and trex for every codec', () => {
    for (const track of [avcTrack, hvcTrack, hevTrack]) {
      const init = serializeInitSegment([track]);
      const boxes = inspectBoxes(init);
      expect(init.subarray(0, ftypGolden.length)).toEqual(ftypGolden);
      const mvhd = findBoxes(boxes, 'moov/mvhd')[0]!;
      expect(init.subarray(mvhd.offset, mvhd.offset + mvhd.size)).toEqual(mvhdGolden);
      const trex = findBoxes(boxes, 'moov/mvex/trex')[0]!;
      expect(init.subarray(trex.offset, trex.offset + trex.size)).toEqual(trexGolden);
    }
  });

  it('writes hvc1 + hvcC, and hev1 + hvcC + pasp with a display width from the SAR', () => {
    const hvc = inspectBoxes(serializeInitSegment([hvcTrack]));
    const entry = findBoxes(hvc, 'moov/trak/mdia/minf/stbl/stsd/hvc1')[0]!;
    expect(entry.children.map((b) => b.type)).toEqual(['hvcC']);
    expect(entry.children[0]!.payload).toEqual(hvcC);

    const hev = inspectBoxes(serializeInitSegment([hevTrack]));
    const hevEntry = findBoxes(hev, 'moov/trak/mdia/minf/stbl/stsd/hev1')[0]!;
    expect(hevEntry.children.map((b) => b.type)).toEqual(['hvcC', 'pasp']);
    expect(hevEntry.children[1]!.fields).toEqual({ kind: 'pasp', hSpacing: 4, vSpacing: 3 });
    expect(findBoxes(hev, 'moov/trak/tkhd')[0]!.fields).toMatchObject({ width: 853, height: 360 });
  });

  it('writes mp4a + esds (objectTypeIndication 0x40, ASC as DecoderSpecificInfo) and smhd', () => {
    const init = serializeInitSegment([avcTrack, aacTrack]);
    const boxes = inspectBoxes(init);
    const traks = findBoxes(boxes, 'moov/trak');
    expect(traks).toHaveLength(2);
    const audio = traks[1]!;
    expect(findBoxes([audio], 'trak/mdia/minf/smhd')).toHaveLength(1);
    expect(findBoxes([audio], 'trak/mdia/hdlr')[0]!.fields).toEqual({
      kind: 'hdlr',
      handlerType: 'soun',
      name: 'SoundHandler',
    });
    expect(findBoxes([audio], 'trak/mdia/mdhd')[0]!.fields).toMatchObject({ timescale: 48000, language: 'und' });
    const mp4a = findBoxes([audio], 'trak/mdia/minf/stbl/stsd/mp4a')[0]!;
    expect(mp4a.fields).toEqual({
      kind: 'audioSampleEntry',
      dataReferenceIndex: 1,
      channelCount: 2,
      sampleSize: 16,
      sampleRate: 48000,
    });
    const esds = mp4a.children[0]!;
    expect(init.subarray(esds.offset, esds.offset + esds.size)).toEqual(esdsGolden);
    expect(esds.fields).toEqual({
      kind: 'esds',
      esId: 2,
      objectTypeIndication: 0x40,
      streamType: 5,
      decoderSpecificInfo: asc,
    });
    expect(findBoxes(boxes, 'moov/mvex/trex').map((b) => (b.fields as { trackId: number }).trackId)).toEqual([1, 2]);
    expect(findBoxes(boxes, 'moov/mvhd')[0]!.fields).toMatchObject({ nextTrackId: 3 });
  });

  it('uses multi-byte descriptor lengths for a long AudioSpecificConfig', () => {
    const long = new Uint8Array(200).fill(0x12);
    const boxes = inspectBoxes(serializeInitSegment([{ ...aacTrack, config: long }]));
    const esds = findBoxes(boxes, 'moov/trak/mdia/minf/stbl/stsd/mp4a/esds')[0]!;
    expect(esds.fields).toMatchObject({ decoderSpecificInfo: long });
    expect(esds.payload.subarray(4, 7)).toEqual(Uint8Array.of(0x03, 0x81, 0x61)); // ES_Descriptor of 225 bytes = 1·128 + 97
  });

  it('recording mode: version 1 times and mehd, same size whatever the duration', () => {
    const a = serializeInitSegment([avcTrack, aacTrack], { duration: { ms: 0 } });
    const b = serializeInitSegment([avcTrack, aacTrack], {
      duration: {
        ms: 10_000,
        tracks: new Map([
          [1, 900_000],
          [2, 480_000],
        ]),
      },
    });
    expect(a.length).toBe(b.length);
    const boxes = inspectBoxes(b);
    expect(findBoxes(boxes, 'moov/mvhd')[0]!.fields).toMatchObject({ version: 1, duration: 10_000, timescale: 1000 });
    expect(findBoxes(boxes, 'moov/mvex/mehd')[0]!.fields).toEqual({ kind: 'mehd', fragmentDuration: 10_000 });
    expect(findBoxes(boxes, 'moov/trak/mdia/mdhd').map((m) => (m.fields as { duration: number }).duration)).toEqual([
      900_000, 480_000,
    ]);
    expect(findBoxes(boxes, 'moov/trak/tkhd').map((m) => (m.fields as { duration: number }).duration)).toEqual([
      10_000, 10_000,
    ]);
  });

  it('does not mutate the config records', () => {
    const before = concat(avcC, asc);
    serializeInitSegment([avcTrack, aacTrack]);
    expect(concat(avcC, asc)).toEqual(before);
  });

  it.each([
    ['no tracks', []],
    ['duplicate ids', [avcTrack, { ...aacTrack, id: 1 }]],
    ['id 0', [{ ...avcTrack, id: 0 }]],
    ['zero timescale', [{ ...avcTrack, timescale: 0 }]],
    ['width above 16 bits', [{ ...avcTrack, width: 70000 }]],
    ['zero SAR', [{ ...avcTrack, sarWidth: 0 }]],
    ['no channels', [{ ...aacTrack, channels: 0 }]],
  ])('rejects %s with ERR_FMP4_INVALID_TRACK', (_name, tracks) => {
    expectCodecError(() => serializeInitSegment(tracks as never), {
      code: Fmp4ErrorCode.InvalidTrack,
      type: Fmp4Error,
    });
  });
});
