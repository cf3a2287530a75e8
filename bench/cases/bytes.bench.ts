import { BitReader, BitWriter, ByteReader } from '@rtspkit/bytes';
import { type Suite, sink } from '../src/harness.js';

/** 1000 RTP-sized records of 12 header bytes + 1188 payload bytes. */
function records(): Uint8Array {
  const out = new Uint8Array(1000 * 1200);
  for (let i = 0; i < out.length; i++) out[i] = (i * 2654435761) >>> 24;
  return out;
}

/** Sums header fields of every record: what a packet parser does per packet. */
function sumWithByteReader(data: Uint8Array): number {
  let sum = 0;
  for (let o = 0; o < data.length; o += 1200) {
    const r = new ByteReader(data, o);
    sum = (sum + r.u8() + r.u8() + r.u16() + r.u32() + r.u32()) >>> 0;
  }
  return sum;
}

function sumWithDataView(data: Uint8Array): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let sum = 0;
  for (let o = 0; o < data.length; o += 1200) {
    sum =
      (sum +
        view.getUint8(o) +
        view.getUint8(o + 1) +
        view.getUint16(o + 2) +
        view.getUint32(o + 4) +
        view.getUint32(o + 8)) >>>
      0;
  }
  return sum;
}

/** A naive exp-Golomb reader (bit by bit through a string), the kind found in small players. */
function naiveUe(bits: string, pos: { p: number }): number {
  let zeros = 0;
  while (bits[pos.p++] === '0') zeros++;
  const suffix = zeros === 0 ? 0 : Number.parseInt(bits.slice(pos.p, pos.p + zeros), 2);
  pos.p += zeros;
  return 2 ** zeros - 1 + suffix;
}

export function suites(): Suite[] {
  const data = records();
  const values = Array.from({ length: 2000 }, (_, i) => (i * 7919) % 5000);
  const w = new BitWriter();
  for (const v of values) w.ue(v);
  const golomb = w.trailingBits().finish();
  const bitString = Array.from(golomb, (b) => b.toString(2).padStart(8, '0')).join('');
  const expected = sumWithDataView(data);
  return [
    {
      name: 'ByteReader header fields',
      unit: 'records',
      ours: { name: 'rtspkit ByteReader', run: () => sink(sumWithByteReader(data), 1000) },
      peers: [{ name: 'DataView (hand-written)', run: () => sink(sumWithDataView(data), 1000) }],
      verify: () => {
        if (sumWithByteReader(data) !== expected) throw new Error('ByteReader and DataView disagree');
      },
    },
    {
      name: 'BitReader exp-Golomb',
      unit: 'codes',
      ours: {
        name: 'rtspkit BitReader',
        run: () => {
          const r = new BitReader(golomb);
          let s = 0;
          for (let i = 0; i < values.length; i++) s += r.ue();
          return sink(s, values.length);
        },
      },
      peers: [
        {
          name: 'naive string bit reader (bits pre-expanded)',
          run: () => {
            const pos = { p: 0 };
            let s = 0;
            for (let i = 0; i < values.length; i++) s += naiveUe(bitString, pos);
            return sink(s, values.length);
          },
        },
      ],
      verify: () => {
        const r = new BitReader(golomb);
        const pos = { p: 0 };
        for (const v of values)
          if (r.ue() !== v || naiveUe(bitString, pos) !== v) throw new Error(`exp-golomb mismatch at ${v}`);
      },
    },
  ];
}
