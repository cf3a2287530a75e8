import { expectCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  BitReader,
  BitWriter,
  ByteReader,
  ByteWriter,
  BytesError,
  CodecError,
  addEmulationPrevention,
  concat,
  concatList,
  equals,
  fromBase64,
  fromHex,
  hex,
  joinAnnexB,
  joinLengthPrefixed,
  removeEmulationPrevention,
  splitAnnexB,
  splitLengthPrefixed,
  toBase64,
  toHex,
} from '../src/index.js';
import { annexBCases, emulationCases, expGolombCases, signedCases } from './cases.js';

/** The bits, then a stop bit, zero-padded to a byte. */
function bitsToBytes(bits: string): Uint8Array {
  return bitsPrefix(`${bits}1`);
}

describe('exp-Golomb', () => {
  for (const c of expGolombCases) {
    it(`ue ${c.name} reads ${c.ue}`, () => {
      const r = new BitReader(bitsToBytes(c.bits));
      expect(r.ue()).toBe(c.ue);
      expect(r.bitPosition).toBe(c.bits.length);
    });
    it(`ue ${c.name} writes ${c.bits.length} bits`, () => {
      const w = new BitWriter().ue(c.ue);
      expect(w.bitLength).toBe(c.bits.length);
      expect(w.finish()).toEqual(bitsPrefix(c.bits));
    });
  }
  for (const c of signedCases) {
    it(`se codeNum ${c.codeNum} is ${c.se}`, () => {
      expect(new BitReader(new BitWriter().ue(c.codeNum).trailingBits().finish()).se()).toBe(c.se);
      const fromSe = new BitReader(new BitWriter().se(c.se).trailingBits().finish());
      expect(fromSe.ue()).toBe(c.codeNum);
    });
  }
  it('rejects more than 31 leading zeros with the byte offset', () => {
    const r = new BitReader(hex`ff 00 00 00 00 01`);
    r.u(8);
    expectCodecError(() => r.ue(), { code: 'ERR_BYTES_EXP_GOLOMB_OVERFLOW', offset: 1, type: BytesError });
  });
});

function bitsPrefix(bits: string): Uint8Array {
  const w = new BitWriter();
  for (const b of bits) w.u(1, b === '1' ? 1 : 0);
  return w.finish();
}

describe('BitReader', () => {
  it('reads u(n) across byte boundaries, up to 32 bits unsigned', () => {
    const r = new BitReader(hex`ab cd ef 01 ff ff ff ff`);
    expect(r.u(4)).toBe(0xa);
    expect(r.u(12)).toBe(0xbcd);
    expect(r.u(16)).toBe(0xef01);
    expect(r.u(32)).toBe(0xffffffff);
    expect(r.bitsLeft).toBe(0);
  });
  it('moreRbspData stops at the rbsp_stop_one_bit', () => {
    const r = new BitReader(hex`a0 80 00`); // 1010 0000 | 1000 0000 | 00 (cabac_zero_word)
    r.u(3);
    expect(r.moreRbspData()).toBe(true);
    r.u(5);
    expect(r.moreRbspData()).toBe(false);
  });
  it('moreRbspData is false on all-zero data', () => {
    expect(new BitReader(hex`00 00`).moreRbspData()).toBe(false);
  });
  it('throws out of range with the byte offset', () => {
    const r = new BitReader(hex`ff ff`);
    r.u(12);
    expectCodecError(() => r.u(5), { code: 'ERR_BYTES_OUT_OF_RANGE', offset: 1, type: BytesError });
  });
  it('uses the given error factory', () => {
    class MyError extends CodecError {}
    const r = new BitReader(hex``, (code, message, offset) => new MyError(code, message, offset));
    expectCodecError(() => r.flag(), { code: 'ERR_BYTES_OUT_OF_RANGE', offset: 0, type: MyError });
  });
});

describe('ByteReader / ByteWriter', () => {
  const golden = hex`
    80                       # u8
    60 01                    # u16
    00 0b b8                 # u24 3000
    de ad be ef              # u32
    ff fe                    # i16 -2
    00 00 00 01 00 00 00 02  # u64
  `;
  it('reads each width big-endian', () => {
    const r = new ByteReader(golden);
    expect([r.u8(), r.u16(), r.u24(), r.u32(), r.i16(), r.u64()]).toEqual([
      0x80,
      0x6001,
      3000,
      0xdeadbeef,
      -2,
      (1n << 32n) | 2n,
    ]);
    expect(r.remaining).toBe(0);
  });
  it('writes the same bytes back', () => {
    const w = new ByteWriter(1);
    w.u8(0x80)
      .u16(0x6001)
      .u24(3000)
      .u32(0xdeadbeef)
      .i16(-2)
      .u64((1n << 32n) | 2n);
    expect(w.finish()).toEqual(golden);
  });
  it('returns views that alias the input and never mutates it', () => {
    const input = hex`01 02 03 04`;
    const copy = input.slice();
    const r = new ByteReader(input, 1);
    const view = r.bytesView(2);
    expect(view.buffer).toBe(input.buffer);
    expect(view).toEqual(hex`02 03`);
    expect(r.rest()).toEqual(hex`04`);
    expect(input).toEqual(copy);
  });
  it('throws ERR_BYTES_OUT_OF_RANGE at the read offset', () => {
    const r = new ByteReader(hex`01 02 03`);
    r.u8();
    expectCodecError(() => r.u32(), { code: 'ERR_BYTES_OUT_OF_RANGE', offset: 1, type: BytesError });
  });
  it('patches a size written before its content', () => {
    const w = new ByteWriter();
    w.u32(0).ascii('free').fill(4);
    w.patchU32(0, w.length);
    expect(w.finish()).toEqual(hex`00 00 00 0c 66 72 65 65 00 00 00 00`);
  });
});

describe('hex', () => {
  it('ignores whitespace and # comments', () => {
    expect(hex`
      80 60  # header
      00 01
    `).toEqual(Uint8Array.of(0x80, 0x60, 0, 1));
  });
  it('round-trips through toHex', () => {
    expect(toHex(fromHex('00ff10'), ' ')).toBe('00 ff 10');
  });
  it('rejects odd length and non-hex with a code', () => {
    expectCodecError(() => fromHex('abc'), { code: 'ERR_BYTES_INVALID_HEX', type: BytesError });
    expectCodecError(() => fromHex('zz'), { code: 'ERR_BYTES_INVALID_HEX', offset: 0, type: BytesError });
  });
});

describe('Base64 (RFC 4648 §10 test vectors)', () => {
  const vectors: Array<[string, string]> = [
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ];
  for (const [plain, encoded] of vectors) {
    it(`"${plain}" ⇄ "${encoded}"`, () => {
      const bytes = new TextEncoder().encode(plain);
      expect(toBase64(bytes)).toBe(encoded);
      expect(fromBase64(encoded)).toEqual(bytes);
    });
  }
  it('accepts missing padding (camera sprop-parameter-sets)', () => {
    expect(fromBase64('Zm9vYg')).toEqual(new TextEncoder().encode('foob'));
  });
  it('rejects a bad character with its offset', () => {
    expectCodecError(() => fromBase64('Zm9v*mFy'), { code: 'ERR_BYTES_INVALID_BASE64', offset: 4, type: BytesError });
    expectCodecError(() => fromBase64('Zg==Zg=='), { code: 'ERR_BYTES_INVALID_BASE64', type: BytesError });
  });
});

describe('Annex-B and length-prefixed NAL streams', () => {
  for (const c of annexBCases) {
    it(`splits ${c.name}`, () => {
      const nals = splitAnnexB(c.stream);
      expect(nals).toEqual(c.nals);
      for (const nal of nals) expect(nal.buffer).toBe(c.stream.buffer);
    });
  }
  it('joins with 4-byte start codes', () => {
    expect(joinAnnexB([hex`67 42`, hex`68`])).toEqual(hex`00 00 00 01 67 42 00 00 00 01 68`);
  });
  it('length-prefixed round trip', () => {
    const nals = [hex`67 42 c0`, hex``, hex`68 ce`];
    expect(splitLengthPrefixed(joinLengthPrefixed(nals))).toEqual(nals);
    expect(splitLengthPrefixed(hex`00 03 65 88 84`, 2)).toEqual([hex`65 88 84`]);
  });
  it('rejects a length past the end', () => {
    expectCodecError(() => splitLengthPrefixed(hex`00 00 00 09 65 88`), {
      code: 'ERR_BYTES_OUT_OF_RANGE',
      offset: 0,
      type: BytesError,
    });
  });
  for (const c of emulationCases) {
    it(`emulation prevention: ${c.name}`, () => {
      expect(removeEmulationPrevention(c.nal)).toEqual(c.rbsp);
      expect(addEmulationPrevention(c.rbsp)).toEqual(c.nal);
    });
  }
  it('returns the input itself when nothing is escaped', () => {
    const nal = hex`67 42 c0 1e`;
    expect(removeEmulationPrevention(nal)).toBe(nal);
  });
});

describe('concat / equals', () => {
  it('concatenates into a new array', () => {
    const a = hex`01`;
    const out = concat(a, hex`02 03`, hex``);
    expect(out).toEqual(hex`01 02 03`);
    expect(out.buffer).not.toBe(a.buffer);
    expect(equals(out, hex`01 02 03`)).toBe(true);
    expect(equals(out, hex`01 02`)).toBe(false);
  });
});

describe('concatList and error factories', () => {
  it('joins more parts than a spread call could take', () => {
    const parts = Array.from({ length: 200_000 }, (_, i) => Uint8Array.of(i & 0xff));
    const out = concatList(parts);
    expect(out.length).toBe(200_000);
    expect(out[257]).toBe(1);
  });
  it('returns a single part itself', () => {
    const only = hex`01 02`;
    expect(concatList([only])).toBe(only);
  });
  it('fromHex builds its error with the given factory', () => {
    class MyError extends CodecError {}
    expectCodecError(() => fromHex('0g', (code, message, offset) => new MyError(code, message, offset)), {
      code: 'ERR_BYTES_INVALID_HEX',
      offset: 0,
      type: MyError,
    });
  });
});
