import { readFileSync } from 'node:fs';
import { concat, fromAscii, hex } from '@rtspkit/bytes';
import { samples } from '@rtspkit/sample';
import { describe, expect, it } from 'vitest';
import { Crc16 } from '../src/internal/crc16.js';
import {
  AacErrorCode,
  adtsCrc,
  ascFromAdtsHeader,
  parseAdtsHeader,
  serializeAdtsFrame,
  serializeAdtsHeader,
  splitAdts,
} from '../src/index.js';
import { adtsCrcCases } from './cases.js';
import { thrown } from './helpers.js';

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
    // the second frame: byte 2 mask 0x02 is private_bit; byte 9 + 5 mask 0x01 is raw data bit 47
    for (const [at, mask] of [
      [c.frame.length + 2, 0x02],
      [c.frame.length + 9 + 5, 0x01],
    ] as const) {
      const bad = stream.slice();
      bad[at] = (bad[at] as number) ^ mask;
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

  it('refuses to compute what it cannot: stereo and other non-mono frames (the sample)', () => {
    const source = splitAdts(new Uint8Array(readFileSync(samples.aac.path)));
    const stereo = ascFromAdtsHeader((source[0] as (typeof source)[number]).header);
    expect(stereo.channelConfiguration).toBe(2);
    for (const f of source.slice(0, 20)) {
      expect(thrown(() => serializeAdtsFrame({ asc: stereo, protect: true }, f.payload)).code).toBe(
        AacErrorCode.Unsupported,
      );
    }
    // A protected stereo frame from elsewhere passes verification unchecked, whatever its CRC.
    const header = { ...parseAdtsHeader(adtsCrcCases[0]!.frame), channelConfiguration: 2 };
    const frame = concat(serializeAdtsHeader({ ...header, crc: 0x1234 }), adtsCrcCases[0]!.payload);
    expect(thrown(() => adtsCrc(frame, parseAdtsHeader(frame))).code).toBe(AacErrorCode.Unsupported);
    expect(splitAdts(frame, { verifyCrc: true })[0]?.payload).toEqual(adtsCrcCases[0]!.payload);
  });

  it('refuses a mono frame whose first element is not a single channel element', () => {
    const c = adtsCrcCases[0]!;
    const payload = c.payload.slice();
    payload[0] = 0x20 | ((payload[0] as number) & 0x1f); // id_syn_ele 1: channel pair element
    expect(thrown(() => serializeAdtsFrame({ asc: c.asc, protect: true }, payload)).code).toBe(
      AacErrorCode.Unsupported,
    );
  });
});
