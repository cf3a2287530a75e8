import fc from 'fast-check';
import { onlyCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  BitReader,
  BitWriter,
  ByteReader,
  BytesError,
  addEmulationPrevention,
  fromBase64,
  joinAnnexB,
  removeEmulationPrevention,
  splitAnnexB,
  toBase64,
} from '../src/index.js';
import { annexBCases, emulationCases, expGolombCases } from './cases.js';

const bytes = fc.uint8Array({ maxLength: 256 });

describe('properties', () => {
  it('exp-Golomb round trip (ue and se), seeded with the table', () => {
    const field = fc.oneof(
      fc.record({ kind: fc.constant('ue' as const), value: fc.nat({ max: 2 ** 32 - 2 }) }),
      fc.record({ kind: fc.constant('se' as const), value: fc.integer({ min: -(2 ** 31 - 1), max: 2 ** 31 - 1 }) }),
    );
    fc.assert(
      fc.property(fc.array(field), (fields) => {
        const w = new BitWriter();
        for (const f of fields) f.kind === 'ue' ? w.ue(f.value) : w.se(f.value);
        const r = new BitReader(w.trailingBits().finish());
        for (const f of fields) expect(f.kind === 'ue' ? r.ue() : r.se()).toBe(f.value);
        expect(r.moreRbspData()).toBe(false);
      }),
      { examples: [[expGolombCases.map((c) => ({ kind: 'ue' as const, value: c.ue }))]] },
    );
  });

  it('u(n) round trip for every width', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 32 }).chain((n) => fc.tuple(fc.constant(n), fc.nat({ max: 2 ** n - 1 })))),
        (fields) => {
          const w = new BitWriter();
          for (const [n, v] of fields) w.u(n, v);
          const r = new BitReader(w.finish());
          for (const [n, v] of fields) expect(r.u(n)).toBe(v);
        },
      ),
    );
  });

  it('arbitrary bytes through the readers give only BytesError', () => {
    fc.assert(
      fc.property(bytes, fc.array(fc.integer({ min: 0, max: 5 })), (input, ops) => {
        const br = new BitReader(input);
        const r = new ByteReader(input);
        onlyCodecError(BytesError, () => {
          for (const op of ops) {
            if (op === 0) br.ue();
            else if (op === 1) br.se();
            else if (op === 2) br.u(13);
            else if (op === 3) r.u32();
            else if (op === 4) r.bytesView(7);
            else r.u64();
          }
        });
      }),
    );
  });

  it('emulation prevention round trip, and escaped output never holds 00 00 0x (x ≤ 2)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }).map((a) => a.map((b) => b & 3)),
        (rbsp) => {
          const nal = addEmulationPrevention(rbsp);
          expect(removeEmulationPrevention(nal)).toEqual(rbsp);
          for (let i = 2; i < nal.length; i++) {
            expect(nal[i - 2] === 0 && nal[i - 1] === 0 && (nal[i] as number) <= 2).toBe(false);
          }
        },
      ),
      { examples: emulationCases.map((c) => [c.rbsp] as [Uint8Array]) },
    );
  });

  it('Annex-B join then split gives the NAL units back', () => {
    // NAL units as the encoder emits them: escaped, no trailing zero byte, not empty.
    const nal = fc.uint8Array({ minLength: 1, maxLength: 40 }).map((a) => {
      const escaped = addEmulationPrevention(a);
      return escaped[escaped.length - 1] === 0 ? Uint8Array.of(...escaped, 0x80) : escaped;
    });
    fc.assert(
      fc.property(fc.array(nal, { maxLength: 8 }), (nals) => {
        expect(splitAnnexB(joinAnnexB(nals))).toEqual(nals);
      }),
      { examples: annexBCases.filter((c) => c.name !== 'bare nal without start code').map((c) => [c.nals]) },
    );
  });

  it('Base64 round trip; arbitrary text gives only BytesError', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        expect(fromBase64(toBase64(b))).toEqual(b);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        onlyCodecError(BytesError, () => fromBase64(text));
      }),
    );
  });
});
