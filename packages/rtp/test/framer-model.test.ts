import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RtpPacket, isDepacketizerEvent } from '../src/index.js';
import { type Item, ToyDepacketizer, rtp } from './toy-format.js';

/**
 * The RtpFramer against a model of its contract (docs/architecture.md, "The depacketizer
 * contract"), driven by a sender: units of the toy payload format (`s` a part that starts a
 * unit, `c` one that continues it, `f m… e` a fragmented part; now and then a unit that ends
 * inside a fragment) cut into packets and sent in order, with packets lost, swapped,
 * replayed, a new SSRC, a flush or a reset in between.
 *
 * The model knows what the sender did rather than reading sequence numbers: each packet has
 * its place in the sending order, so a packet that comes after one sent later is stale, and
 * one that comes after skipping some follows a gap. From that and the contract it predicts
 * every unit and event, with its sequence number and timestamp:
 * - a stale packet gives `PACKET_OUT_OF_ORDER` and nothing else;
 * - a gap gives `PACKET_LOST` (`FRAGMENT_LOST` when a fragment was open) and drops the unit
 *   in progress and the unit of the packet after the gap;
 * - a unit ends at its marker, at the next packet of another timestamp, at an SSRC change or
 *   at `flush()`: it comes out when nothing was lost, else `FRAGMENT_INCOMPLETE` when it ends
 *   inside a fragment;
 * - the first packet of a stream (start, SSRC change, reset) may be mid unit:
 *   `JOINED_MID_ACCESS_UNIT` when its payload says so (`c`, or a fragment without its start).
 */

type Expected =
  | { readonly unit: { readonly timestamp: number; readonly parts: string } }
  | { readonly code: string; readonly sequenceNumber: number; readonly timestamp: number };

type Model = {
  // The sender.
  ssrc: number;
  seq: number;
  ts: number;
  /** Packets of the current SSRC in sending order (a packet's index is its place); for replays. */
  history: RtpPacket[];
  // What the receiver has seen, as the sender knows it.
  rxSsrc: number | undefined;
  joining: boolean;
  /** Sending index of the newest packet delivered since the receiver last joined. */
  newest: number;
  /** Sequence number of the last packet pushed (events of flush carry it). */
  lastPushed: number;
  open: { ts: number; parts: string; fragment: string | undefined; damaged: boolean } | undefined;
};
type Real = { d: ToyDepacketizer };

const SSRC_CHANGED = 'TOY_SSRC_CHANGED';
const OUT_OF_ORDER = 'TOY_PACKET_OUT_OF_ORDER';
const JOINED = 'TOY_JOINED_MID_ACCESS_UNIT';
const LOST = 'ERR_TOY_PACKET_LOST';
const FRAGMENT_LOST = 'ERR_TOY_FRAGMENT_LOST';
const FRAGMENT_INCOMPLETE = 'ERR_TOY_FRAGMENT_INCOMPLETE';

function newModel(ssrc: number, seq: number, ts: number): Model {
  return {
    ssrc,
    seq,
    ts,
    history: [],
    rxSsrc: undefined,
    joining: true,
    newest: -1,
    lastPushed: 0,
    open: undefined,
  };
}

/** The unit in progress ends: it comes out unless damaged or inside a fragment. */
function end(m: Model, out: Expected[]): void {
  const u = m.open;
  m.open = undefined;
  if (u === undefined || u.damaged) return;
  if (u.fragment !== undefined) out.push({ code: FRAGMENT_INCOMPLETE, sequenceNumber: m.lastPushed, timestamp: u.ts });
  else if (u.parts !== '') out.push({ unit: { timestamp: u.ts, parts: u.parts } });
}

/** What the receiver does with one packet, by the contract; `index` is its sending index. */
function deliver(m: Model, p: RtpPacket, index: number, out: Expected[]): void {
  m.lastPushed = p.sequenceNumber;
  const event = (code: string, timestamp = p.timestamp) =>
    out.push({ code, sequenceNumber: p.sequenceNumber, timestamp });
  if (m.rxSsrc !== undefined && p.ssrc !== m.rxSsrc) {
    end(m, out);
    event(SSRC_CHANGED);
    m.joining = true;
  } else if (!m.joining) {
    if (index <= m.newest) {
      event(OUT_OF_ORDER);
      return;
    }
    if (index > m.newest + 1) {
      event(m.open?.fragment !== undefined && !m.open.damaged ? FRAGMENT_LOST : LOST);
      m.open = { ts: p.timestamp, parts: '', fragment: undefined, damaged: true };
    }
  }
  const joining = m.joining;
  m.rxSsrc = p.ssrc;
  m.joining = false;
  m.newest = index;
  if (m.open !== undefined && m.open.ts !== p.timestamp) end(m, out);
  m.open ??= { ts: p.timestamp, parts: '', fragment: undefined, damaged: false };
  const u = m.open;
  for (const c of String.fromCharCode(...p.payload)) {
    if (u.damaged) break;
    if (c === 's' || c === 'c') {
      if (c === 'c' && joining && u.parts === '') {
        event(JOINED);
        u.damaged = true;
      } else u.parts += c;
    } else if (c === 'f') {
      u.fragment = 'f';
    } else if (u.fragment === undefined) {
      // `m` or `e` without the start: a join mid fragment, or (a lost packet arriving late
      // after its unit ended) a malformed payload.
      event(joining ? JOINED : 'ERR_TOY_MALFORMED', u.ts);
      u.damaged = true;
    } else {
      u.fragment += c;
      if (c === 'e') {
        u.parts += u.fragment;
        u.fragment = undefined;
      }
    }
  }
  if (p.marker) end(m, out);
}

/** Pushes into the real depacketizer and into the model; the outputs must be the same. */
function compare(real: Real, pushes: ReadonlyArray<{ packet: RtpPacket; index: number }>, m: Model): void {
  const expected: Expected[] = [];
  const got: Item[] = [];
  for (const { packet, index } of pushes) {
    got.push(...real.d.push(packet));
    deliver(m, packet, index, expected);
  }
  expect(got.map(plain)).toEqual(expected);
}

const plain = (i: Item): Expected =>
  isDepacketizerEvent(i)
    ? { code: i.code, sequenceNumber: i.sequenceNumber, timestamp: i.timestamp }
    : { unit: { timestamp: i.timestamp, parts: i.parts } };

// ---- the sender's units

const token = fc.oneof(
  fc.constant('s'),
  fc.constant('c'),
  fc.nat({ max: 2 }).map((n) => `f${'m'.repeat(n)}e`),
);
/** A broken sender's last part: a fragment that never ends. */
const unfinished = fc.oneof(
  { weight: 9, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.nat({ max: 2 }).map((n) => `f${'m'.repeat(n)}`) },
);
/** A unit's payload text, cut into 1 to 5 packets; the first part can start a unit. */
const unitArb = fc
  .tuple(fc.array(token, { maxLength: 4 }), unfinished, fc.array(fc.nat({ max: 40 }), { maxLength: 4 }))
  .map(([rest, last, cutsAt]) => {
    const text = ['s', ...rest, last].join('');
    const cuts = [...new Set(cutsAt.map((c) => 1 + (c % text.length)))]
      .filter((c) => c < text.length)
      .sort((a, b) => a - b);
    return [0, ...cuts].map((c, i, all) => text.slice(c, all[i + 1] ?? text.length));
  });

type Send = {
  readonly payloads: readonly string[];
  readonly marker: boolean;
  readonly tsStep: number;
  readonly newSsrc?: { readonly ssrc: number; readonly seq: number; readonly ts: number };
  /** Packets `[from, to)` of the unit never arrive. */
  readonly lose?: readonly [number, number];
  /** Packets `at` and `at + 1` arrive swapped. */
  readonly swap?: number;
};

class SendCommand implements fc.Command<Model, Real> {
  constructor(readonly s: Send) {}
  check(): boolean {
    return true;
  }
  run(m: Model, real: Real): void {
    const s = this.s;
    if (s.newSsrc) {
      m.ssrc = s.newSsrc.ssrc;
      m.seq = s.newSsrc.seq;
      m.ts = s.newSsrc.ts;
      m.history = [];
    } else m.ts = (m.ts + s.tsStep) >>> 0;
    const sent = s.payloads.map((payload, i) => {
      const packet = rtp(m.seq++, m.ts, s.marker && i === s.payloads.length - 1, payload, m.ssrc);
      m.history.push(packet);
      return { packet, index: m.history.length - 1 };
    });
    let pushes = sent;
    if (s.lose) {
      const [from, to] = s.lose;
      pushes = sent.filter((_, i) => i < from || i >= to);
    }
    if (s.swap !== undefined) {
      const a = s.swap;
      pushes = [...sent.slice(0, a), sent[a + 1]!, sent[a]!, ...sent.slice(a + 2)];
    }
    compare(real, pushes, m);
  }
  toString(): string {
    const s = this.s;
    const what = [
      s.newSsrc ? `ssrc ${s.newSsrc.ssrc}` : '',
      s.lose ? `lose ${s.lose[0]}..${s.lose[1]}` : '',
      s.swap !== undefined ? `swap ${s.swap}` : '',
      s.marker ? 'marker' : 'no marker',
    ].filter((w) => w !== '');
    return `send ${JSON.stringify(s.payloads)} (${what.join(', ')})`;
  }
}

/** The sender (or a middlebox) sends an old packet again: a duplicate or a late one. */
class ReplayCommand implements fc.Command<Model, Real> {
  constructor(readonly back: number) {}
  check(m: Model): boolean {
    return m.history.length > 0;
  }
  run(m: Model, real: Real): void {
    const index = Math.max(0, m.history.length - 1 - this.back);
    compare(real, [{ packet: m.history[index]!, index }], m);
  }
  toString(): string {
    return `replay ${this.back} back`;
  }
}

class FlushCommand implements fc.Command<Model, Real> {
  check(): boolean {
    return true;
  }
  run(m: Model, real: Real): void {
    const expected: Expected[] = [];
    end(m, expected);
    expect(real.d.flush().map(plain)).toEqual(expected);
  }
  toString(): string {
    return 'flush';
  }
}

class ResetCommand implements fc.Command<Model, Real> {
  check(): boolean {
    return true;
  }
  run(m: Model, real: Real): void {
    real.d.reset();
    m.rxSsrc = undefined;
    m.joining = true;
    m.open = undefined;
    expect(real.d.flush()).toEqual([]);
  }
  toString(): string {
    return 'reset';
  }
}

const u32 = fc.nat({ max: 0xffff_ffff });
const u16 = fc.nat({ max: 0xffff });
const sendArb = fc
  .record({
    payloads: unitArb,
    // Most senders set the marker; some cameras never do (the next timestamp ends the unit).
    marker: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    tsStep: fc.integer({ min: 1, max: 6000 }),
    newSsrc: fc.option(fc.record({ ssrc: u32, seq: u16, ts: u32 }), { freq: 8, nil: undefined }),
    disturb: fc.oneof(
      { weight: 6, arbitrary: fc.constant(undefined) },
      { weight: 2, arbitrary: fc.tuple(fc.constant('lose' as const), fc.nat(), fc.nat()) },
      { weight: 2, arbitrary: fc.tuple(fc.constant('swap' as const), fc.nat(), fc.nat()) },
    ),
  })
  .map(({ payloads, marker, tsStep, newSsrc, disturb }): Send => {
    const base = { payloads, marker, tsStep, ...(newSsrc ? { newSsrc } : {}) };
    if (disturb === undefined) return base;
    const n = payloads.length;
    if (disturb[0] === 'lose') {
      const from = disturb[1] % n;
      return { ...base, lose: [from, from + 1 + (disturb[2] % (n - from))] };
    }
    return n < 2 ? base : { ...base, swap: disturb[1] % (n - 1) };
  });

const commands = [
  sendArb.map((s) => new SendCommand(s)),
  sendArb.map((s) => new SendCommand(s)),
  sendArb.map((s) => new SendCommand(s)),
  fc.nat({ max: 3 }).map((back) => new ReplayCommand(back)),
  fc.constant(new FlushCommand()),
  fc.constant(new ResetCommand()),
];

describe('RtpFramer against its model (fc.commands)', () => {
  it('predicts every unit and event of a sender with loss, reordering, duplicates, SSRC changes, flush and reset', () => {
    fc.assert(
      fc.property(u32, u16, u32, fc.commands(commands, { maxCommands: 60 }), (ssrc, seq, ts, cmds) => {
        fc.modelRun(() => ({ model: newModel(ssrc, seq, ts), real: { d: new ToyDepacketizer() } }), cmds);
      }),
      { numRuns: 300 },
    );
  });
});
