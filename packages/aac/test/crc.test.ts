import { readFileSync } from 'node:fs';
import { concat, fromAscii, hex } from '@rtspkit/bytes';
import { samples } from '@rtspkit/sample';
import { describe, expect, it } from 'vitest';
import { Crc16 } from '../src/internal/crc16.js';
import {
  AacError,
  AacErrorCode,
  adtsCrc,
  ascFromAdtsHeader,
  parseAdtsHeader,
  serializeAdtsFrame,
  serializeAdtsHeader,
  splitAdts,
} from '../src/index.js';
import { adtsCrcCases } from './cases.js';

function thrown(f: () => unknown): AacError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AacError);
    return e as AacError;
  }
  throw new Error('did not throw');
}

describe('ADTS CRC', () => {
  it('is CRC-16/CMS: check value 0xAEE7 for "123456789"', () => {
    expect(new Crc16().bits(fromAscii('123456789'), 0, 72).value).toBe(0xaee7);
  });

  for (const c of adtsCrcCases) {
    it(`writes ${c.name}`, () => {
      expect(serializeAdtsFrame({ asc: c.asc, protect: true }, c.payload)).toEqual(c.frame);
    });
    it(`verifies ${c.name}`, () => {
      const [frame] = splitAdts(c.frame, { verifyCrc: true });
      expect(frame?.payload).toEqual(c.payload);
      expect(frame?.header.crc).toBe(adtsCrc(c.frame, parseAdtsHeader(c.frame)));
    });
  }

  it('writes no CRC unless asked', () => {
    const c = adtsCrcCases[0]!;
    const plain = serializeAdtsFrame({ asc: c.asc }, c.payload);
    expect(plain).toEqual(concat(serializeAdtsHeader({ asc: c.asc, payloadLength: 5 }), c.payload));
  });

  it('rejects a flipped bit in the header or the protected bits, with the crc_check offset', () => {
    const c = adtsCrcCases[1]!;
    const stream = concat(c.frame, c.frame);
    // the second frame: byte 2 bit 0 is the high channel_configuration bit; byte 9 + 5 is raw data bit 40
    for (const at of [c.frame.length + 2, c.frame.length + 9 + 5]) {
      const bad = stream.slice();
      bad[at] = (bad[at] as number) ^ 0x01;
      const e = thrown(() => splitAdts(bad, { verifyCrc: true }));
      expect(e.code).toBe(AacErrorCode.AdtsCrcMismatch);
      expect(e.offset).toBe(c.frame.length + 7);
      expect(splitAdts(bad)).toHaveLength(2); // not verified by default
      expect(splitAdts(bad, { resync: true, verifyCrc: true }).map((f) => f.offset)).toEqual([0]);
    }
  });

  it('leaves bits past the first 192 of the element unprotected (ISO rule)', () => {
    const c = adtsCrcCases[1]!;
    const bad = c.frame.slice();
    // raw data starts at byte 9; bits 3 to 194 are protected, so byte 9 + 25 is not
    bad[9 + 25] = (bad[9 + 25] as number) ^ 0xff;
    expect(splitAdts(bad, { verifyCrc: true })).toHaveLength(1);
  });

  it('does not verify or compute CRCs of frames with several raw data blocks', () => {
    const header = { ...parseAdtsHeader(adtsCrcCases[0]!.frame), rawDataBlocks: 2, headerLength: 11, frameLength: 16 };
    const frame = concat(serializeAdtsHeader(header), hex`01 02 03 04 05`);
    expect(thrown(() => adtsCrc(frame, parseAdtsHeader(frame))).code).toBe(AacErrorCode.Unsupported);
    expect(splitAdts(frame, { verifyCrc: true })).toHaveLength(1);
  });

  it('protects every frame of the sample and verifies them back; one flipped bit per frame is caught', () => {
    const source = splitAdts(new Uint8Array(readFileSync(samples.aac.path)));
    const protectedFrames = source.map((f) =>
      serializeAdtsFrame({ asc: ascFromAdtsHeader(f.header), protect: true }, f.payload),
    );
    const stream = concat(...protectedFrames);
    const back = splitAdts(stream, { verifyCrc: true });
    expect(back.map((f) => f.payload)).toEqual(source.map((f) => f.payload));
    for (const frame of protectedFrames) {
      const bad = frame.slice();
      bad[9] = (bad[9] as number) ^ 0x08; // a protected bit of the first element
      expect(thrown(() => splitAdts(bad, { verifyCrc: true })).code).toBe(AacErrorCode.AdtsCrcMismatch);
    }
  });
});
