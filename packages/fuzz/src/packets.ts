import { type Mutator, MAX_INPUT, byteMutators } from './mutate.js';
import type { Rng } from './rng.js';

/**
 * Packet windows travel through the fuzzer as one byte string in the `.rtp` capture layout
 * (a 16-bit big-endian length, then one datagram, per record), so that a finding is one
 * file of bytes like every other. A cut-off last record is dropped.
 */
export function splitRecords(input: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  while (at + 2 <= input.length) {
    const len = ((input[at] as number) << 8) | (input[at + 1] as number);
    if (at + 2 + len > input.length) break;
    out.push(input.subarray(at + 2, at + 2 + len));
    at += 2 + len;
  }
  return out;
}

export function joinRecords(packets: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  let count = 0;
  for (const p of packets) {
    if (total + 2 + p.length > MAX_INPUT) break;
    total += 2 + Math.min(p.length, 0xffff);
    count++;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const p = (packets[i] as Uint8Array).subarray(0, 0xffff);
    out[at] = p.length >>> 8;
    out[at + 1] = p.length & 0xff;
    out.set(p, at + 2);
    at += 2 + p.length;
  }
  return out;
}

/** Cuts a capture into windows of consecutive packets: the seeds of a packet target. */
export function windows(packets: readonly Uint8Array[], size: number, step = size): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < packets.length; i += step) out.push(joinRecords(packets.slice(i, i + size)));
  return out;
}

const u16 = (p: Uint8Array, at: number) => ((p[at] as number) << 8) | (p[at + 1] as number);
const isRtp = (p: Uint8Array) => p.length >= 12 && (p[0] as number) >> 6 === 2;

function withSeq(p: Uint8Array, seq: number): Uint8Array {
  const q = p.slice();
  q[2] = (seq >> 8) & 0xff;
  q[3] = seq & 0xff;
  return q;
}

function setU32(p: Uint8Array, at: number, v: number): Uint8Array {
  const q = p.slice();
  new DataView(q.buffer).setUint32(at, v >>> 0);
  return q;
}

type WindowMutation = (packets: Uint8Array[], rng: Rng, seeds: readonly Uint8Array[]) => Uint8Array[];

const loss: WindowMutation = (ps, rng) => {
  const at = rng.below(ps.length);
  ps.splice(at, rng.size(ps.length - at));
  return ps;
};

const duplicate: WindowMutation = (ps, rng) => {
  const at = rng.below(ps.length);
  const p = ps[at] as Uint8Array;
  const times = rng.chance(0.8) ? rng.int(1, 3) : rng.int(10, 200);
  ps.splice(at + rng.below(4), 0, ...Array.from({ length: times }, () => p));
  return ps;
};

const reorder: WindowMutation = (ps, rng) => {
  const i = rng.below(ps.length);
  const j = Math.min(ps.length - 1, i + rng.size(16));
  if (rng.chance(0.5)) [ps[i], ps[j]] = [ps[j] as Uint8Array, ps[i] as Uint8Array];
  else ps.splice(i, j - i + 1, ...ps.slice(i, j + 1).reverse());
  return ps;
};

/** A new SSRC from one packet on (a camera restart) or on one packet only (a stray). */
const ssrcChange: WindowMutation = (ps, rng) => {
  const from = rng.below(ps.length);
  const ssrc = rng.u32();
  const to = rng.chance(0.5) ? from + 1 : ps.length;
  for (let i = from; i < to; i++) if (isRtp(ps[i] as Uint8Array)) ps[i] = setU32(ps[i] as Uint8Array, 8, ssrc);
  return ps;
};

/** Timestamps jumping forwards, backwards or across the 32-bit wrap. */
const timestampChange: WindowMutation = (ps, rng) => {
  const from = rng.below(ps.length);
  const delta = rng.pick([1, -1, 3000, -3000, 0x7fffffff, 0x80000000, 0xffffffff, rng.u32()]);
  const to = rng.chance(0.5) ? from + 1 : ps.length;
  for (let i = from; i < to; i++) {
    const p = ps[i] as Uint8Array;
    if (isRtp(p)) ps[i] = setU32(p, 4, new DataView(p.buffer, p.byteOffset).getUint32(4) + delta);
  }
  return ps;
};

/** Sequence numbers jumping (a gap the depacketizer must notice) or wrapping. */
const sequenceChange: WindowMutation = (ps, rng) => {
  const from = rng.below(ps.length);
  const delta = rng.pick([1, 2, 100, 0x7fff, 0x8000, 0xffff, rng.below(0x10000)]);
  for (let i = from; i < ps.length; i++) {
    const p = ps[i] as Uint8Array;
    if (isRtp(p)) ps[i] = withSeq(p, (u16(p, 2) + delta) & 0xffff);
  }
  return ps;
};

const markerFlip: WindowMutation = (ps, rng) => {
  const at = rng.below(ps.length);
  const p = (ps[at] as Uint8Array).slice();
  if (p.length > 1) p[1] = (p[1] as number) ^ 0x80;
  ps[at] = p;
  return ps;
};

/**
 * Thousands of small packets with consecutive sequence numbers made from one packet: a
 * fragment that never ends, or a flood of tiny units.
 */
const fragmentStorm: WindowMutation = (ps, rng) => {
  const at = rng.below(ps.length);
  const p = ps[at] as Uint8Array;
  if (!isRtp(p)) return ps;
  const keep = Math.min(p.length, 12 + rng.int(0, 4));
  const count = rng.chance(0.7) ? rng.int(20, 200) : rng.int(200, 4000);
  const seq = u16(p, 2);
  const storm: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const q = withSeq(p.subarray(0, keep), (seq + i) & 0xffff);
    q[1] = (q[1] as number) & 0x7f;
    storm.push(q);
  }
  ps.splice(at, 1, ...storm);
  return ps;
};

/** One packet's bytes mutated with a generic byte mutator. */
const packetBytes: WindowMutation = (ps, rng, seeds) => {
  const at = rng.below(ps.length);
  const m = rng.pick(byteMutators);
  const p = ps[at] as Uint8Array;
  // Keep the RTP header most of the time so the payload is what gets hit.
  if (isRtp(p) && rng.chance(0.7)) {
    const payload = m(p.subarray(12), rng, seeds);
    const q = new Uint8Array(12 + payload.length);
    q.set(p.subarray(0, 12));
    q.set(payload, 12);
    ps[at] = q;
  } else ps[at] = m(p, rng, seeds).subarray(0, 0xffff);
  return ps;
};

/** Mutators of a packet window: loss, duplicates, reordering, SSRC/timestamp changes, storms. */
export function packetMutators(): Mutator[] {
  const wrap =
    (m: WindowMutation): Mutator =>
    (input, rng, seeds) => {
      const ps = splitRecords(input);
      return ps.length === 0 ? input : joinRecords(m(ps, rng, seeds));
    };
  const bytes = wrap(packetBytes);
  return [
    wrap(loss),
    wrap(duplicate),
    wrap(reorder),
    wrap(ssrcChange),
    wrap(timestampChange),
    wrap(sequenceChange),
    wrap(markerFlip),
    wrap(fragmentStorm),
    bytes,
    bytes,
    bytes,
    bytes,
  ];
}
