import { hex } from '@rtspkit/bytes';
import { describe, expect, it } from 'vitest';
import { type AudioTrack, Fmp4Error, findBoxes, inspectBoxes, serializeInitSegment } from '../src/index.js';

// STREAMINFO of 8 kHz mono 16-bit FLAC, block sizes 16..65535, everything else unknown (RFC 9639 §8.2)
const streamInfo = hex`80 00 00 22  00 10 ff ff  00 00 00 00 00 00  01 f4 00 f0  00 00 00 00
  00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00`;
const flac: AudioTrack = {
  id: 1,
  kind: 'audio',
  codec: 'fLaC',
  timescale: 8000,
  sampleRate: 8000,
  channels: 1,
  config: streamInfo,
};

describe('fLaC sample entry (FLAC in ISO BMFF)', () => {
  it('writes fLaC + dfLa (version 0, flags 0, the metadata blocks as given) in a sound track', () => {
    const boxes = inspectBoxes(serializeInitSegment([flac]));
    const [hdlr] = findBoxes(boxes, 'moov/trak/mdia/hdlr');
    expect(hdlr?.fields).toMatchObject({ handlerType: 'soun' });
    const [entry] = findBoxes(boxes, 'moov/trak/mdia/minf/stbl/stsd/fLaC');
    expect(entry?.fields).toEqual({
      kind: 'audioSampleEntry',
      dataReferenceIndex: 1,
      channelCount: 1,
      sampleSize: 16,
      sampleRate: 8000,
    });
    expect(entry?.children.map((b) => b.type)).toEqual(['dfLa']);
    expect(entry?.children[0]?.payload).toEqual(Uint8Array.from([0, 0, 0, 0, ...streamInfo]));
    expect(findBoxes(boxes, 'moov/trak/mdia/minf/stbl/stsd/fLaC/esds')).toEqual([]);
  });

  it('refuses an audio codec it cannot write', () => {
    const opus = { ...flac, codec: 'Opus' } as unknown as AudioTrack;
    expect(() => serializeInitSegment([opus])).toThrow(Fmp4Error);
  });
});
