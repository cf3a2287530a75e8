import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type TestRtpPacket, rtpPacket } from './rtp-packet.js';

/**
 * The depacketizer contract of `@rtspkit/rtp` (docs/architecture.md, "The depacketizer
 * contract"), as one table of RTP scenarios that every codec's depacketizer must pass: H.264,
 * H.265, mpeg4-generic, MP4A-LATM. Declared by shape: test-utils cannot depend on
 * `@rtspkit/rtp`, whose own tests use test-utils.
 */

/** A depacketizer, by shape (`Depacketizer` of `@rtspkit/rtp`). */
export type ContractDepacketizer = {
  push(packet: TestRtpPacket): readonly object[];
  flush(): readonly object[];
  reset(): void;
};

/** An event, by shape (`DepacketizerEvent` of `@rtspkit/rtp`). */
type ContractEvent = {
  readonly code: string;
  readonly message: string;
  readonly sequenceNumber: number;
  readonly timestamp: number;
};

/** The framer's codes as one codec names them (`rtpFramerCodes(prefix)` of `@rtspkit/rtp`). */
export type ContractCodes = {
  readonly packetOutOfOrder: string;
  readonly ssrcChanged: string;
  readonly joinedMidUnit: string;
  readonly packetLost: string;
  readonly fragmentLost: string;
  readonly fragmentIncomplete: string;
  readonly unitTooLarge: string;
};

/** One codec's depacketizer under the contract, with payloads written in its format. */
export type DepacketizerContractSubject = {
  readonly name: string;
  /** A new depacketizer whose limits `oversized` breaks. */
  create(): ContractDepacketizer;
  readonly codes: ContractCodes;
  /** Every code the depacketizer documents; nothing else may come out. */
  readonly documentedCodes: ReadonlySet<string>;
  /** A unit complete in one packet. */
  readonly whole: Uint8Array;
  /** One unit in three packets: start, middle, end. */
  readonly fragments: readonly [Uint8Array, Uint8Array, Uint8Array];
  /** A payload that cannot begin a unit (a slice that continues a picture, the last fragment of an AU). */
  readonly continuation: Uint8Array;
  /** One unit in two packets that breaks the limits of `create()`. */
  readonly oversized: readonly [Uint8Array, Uint8Array];
  /** The bytes of a unit (its NAL units or AU data, concatenated), for comparison. */
  bytesOf(unit: object): Uint8Array;
  /** What `bytesOf` gives for the unit of `whole`, and for the unit of `fragments`. */
  readonly wholeBytes: Uint8Array;
  readonly fragmentedBytes: Uint8Array;
  /**
   * True when a sequence gap also drops the unit the next packet belongs to (video: RTP cannot
   * tell whether the lost packets began it); false for self-delimiting formats (AAC).
   */
  readonly lossDropsNextUnit: boolean;
};

type Part = 'whole' | 'first' | 'middle' | 'last' | 'continuation' | 'oversized1' | 'oversized2';
/** One step of a scenario: a packet, or a call. */
type Step =
  | {
      readonly seq: number;
      readonly ts: number;
      readonly marker: boolean;
      readonly part: Part;
      readonly ssrc?: number;
      /** Arbitrary payload bytes instead of `part` (properties only). */
      readonly bytes?: Uint8Array;
    }
  | 'flush'
  | 'reset';
type Expected = {
  /** Units in order: timestamp and which payload they come from. */
  readonly units: ReadonlyArray<readonly [number, 'whole' | 'fragmented']>;
  /** Distinct event kinds, in order of first appearance (a codec may report one condition twice). */
  readonly events: ReadonlyArray<keyof ContractCodes>;
};

const p = (seq: number, ts: number, marker: boolean, part: Part, ssrc?: number): Step =>
  ssrc === undefined ? { seq, ts, marker, part } : { seq, ts, marker, part, ssrc };

type Scenario = {
  readonly name: string;
  readonly steps: readonly Step[];
  readonly expect: (subject: DepacketizerContractSubject) => Expected;
};

/**
 * One stream, as sent: a whole unit, a unit in three fragments whose sequence numbers cross
 * the 16-bit wrap, then three more whole units.
 */
const STREAM = [
  p(0xfffe, 0, true, 'whole'),
  p(0xffff, 3000, false, 'first'),
  p(0x10000, 3000, false, 'middle'),
  p(0x10001, 3000, true, 'last'),
  p(0x10002, 6000, true, 'whole'),
  p(0x10003, 9000, true, 'whole'),
  p(0x10004, 12000, true, 'whole'),
] as const;

/**
 * The scenarios that differ only in which packets of {@link STREAM} arrive, and in what order
 * (`order`: indices into STREAM): lost, late and duplicated packets.
 */
const ARRIVALS: ReadonlyArray<{
  readonly name: string;
  readonly order: readonly number[];
  readonly expect: Scenario['expect'];
}> = [
  {
    name: 'whole and fragmented units in order',
    order: [0, 1, 2, 3, 4, 5, 6],
    expect: () => ({
      units: [
        [0, 'whole'],
        [3000, 'fragmented'],
        [6000, 'whole'],
        [9000, 'whole'],
        [12000, 'whole'],
      ],
      events: [],
    }),
  },
  {
    name: 'loss inside a fragmented unit drops it, the next unit comes through',
    order: [0, 1, 3, 4],
    expect: () => ({
      units: [
        [0, 'whole'],
        [6000, 'whole'],
      ],
      events: ['fragmentLost'],
    }),
  },
  {
    name: 'loss between units is reported; video also drops the unit after the gap',
    order: [0, 1, 2, 3, 5, 6],
    expect: (s) => ({
      units: [[0, 'whole'], [3000, 'fragmented'], ...afterLostUnit(s)],
      events: ['packetLost'],
    }),
  },
  {
    name: 'reordered packets: the late one is ignored',
    order: [0, 1, 2, 3, 5, 4, 6],
    expect: (s) => ({
      units: [[0, 'whole'], [3000, 'fragmented'], ...afterLostUnit(s)],
      events: ['packetLost', 'packetOutOfOrder'],
    }),
  },
  {
    name: 'duplicates are ignored, across the sequence number wrap',
    order: [1, 1, 2, 3, 3],
    expect: () => ({ units: [[3000, 'fragmented']], events: ['packetOutOfOrder'] }),
  },
];

/** The units after the unit at 6000 of {@link STREAM} is lost: video drops the next one too. */
function afterLostUnit(subject: DepacketizerContractSubject): Expected['units'] {
  return subject.lossDropsNextUnit
    ? [[12000, 'whole']]
    : [
        [9000, 'whole'],
        [12000, 'whole'],
      ];
}

/** The scenarios; `expect` may depend on the format's loss policy. */
export const depacketizerContractCases: readonly Scenario[] = [
  ...ARRIVALS.map(({ name, order, expect }) => ({ name, steps: order.map((i) => STREAM[i]!), expect })),
  {
    name: 'an SSRC change mid unit drops it and starts over',
    steps: [p(1, 0, false, 'first'), p(900, 3000, true, 'whole', 7), p(901, 6000, true, 'whole', 7)],
    expect: () => ({
      units: [
        [3000, 'whole'],
        [6000, 'whole'],
      ],
      events: ['fragmentIncomplete', 'ssrcChanged'],
    }),
  },
  {
    name: 'after an SSRC change, a payload that continues a unit is a join',
    steps: [p(1, 0, true, 'whole'), p(900, 3000, true, 'continuation', 7), p(901, 6000, true, 'whole', 7)],
    expect: () => ({
      units: [
        [0, 'whole'],
        [6000, 'whole'],
      ],
      events: ['ssrcChanged', 'joinedMidUnit'],
    }),
  },
  {
    name: 'a timestamp change without marker ends the unit',
    steps: [p(1, 0, false, 'whole'), p(2, 3000, true, 'whole')],
    expect: () => ({
      units: [
        [0, 'whole'],
        [3000, 'whole'],
      ],
      events: [],
    }),
  },
  {
    name: 'joining mid unit is benign',
    steps: [p(1, 0, false, 'middle'), p(2, 0, true, 'last'), p(3, 3000, true, 'whole')],
    expect: () => ({ units: [[3000, 'whole']], events: ['joinedMidUnit'] }),
  },
  {
    name: 'joining at a payload that continues a unit',
    steps: [p(1, 0, true, 'continuation'), p(2, 3000, true, 'whole')],
    expect: () => ({ units: [[3000, 'whole']], events: ['joinedMidUnit'] }),
  },
  {
    name: 'flush ends the last unit of a sender without marker',
    steps: [p(1, 0, false, 'whole'), 'flush', 'flush'],
    expect: () => ({ units: [[0, 'whole']], events: [] }),
  },
  {
    name: 'flush inside a fragmented unit drops it',
    steps: [p(1, 0, false, 'first'), p(2, 0, false, 'middle'), 'flush'],
    expect: () => ({ units: [], events: ['fragmentIncomplete'] }),
  },
  {
    name: 'reset forgets the stream: no loss is seen, the next payload is a join',
    steps: [p(1, 0, false, 'first'), 'reset', p(500, 3000, true, 'continuation'), p(501, 6000, true, 'whole')],
    expect: () => ({ units: [[6000, 'whole']], events: ['joinedMidUnit'] }),
  },
  {
    name: 'an oversized unit is dropped, the next comes through',
    steps: [p(1, 0, false, 'oversized1'), p(2, 0, true, 'oversized2'), p(3, 3000, true, 'whole')],
    expect: () => ({ units: [[3000, 'whole']], events: ['unitTooLarge'] }),
  },
];

function payloadOf(subject: DepacketizerContractSubject, part: Part): Uint8Array {
  switch (part) {
    case 'whole':
      return subject.whole;
    case 'first':
      return subject.fragments[0];
    case 'middle':
      return subject.fragments[1];
    case 'last':
      return subject.fragments[2];
    case 'continuation':
      return subject.continuation;
    case 'oversized1':
      return subject.oversized[0];
    case 'oversized2':
      return subject.oversized[1];
  }
}

const isEvent = (item: object): item is ContractEvent => 'code' in item;

/** Runs `steps` through `d`; returns everything it gave out. */
function play(subject: DepacketizerContractSubject, d: ContractDepacketizer, steps: readonly Step[]): object[] {
  const out: object[] = [];
  for (const step of steps) {
    if (step === 'flush') out.push(...d.flush());
    else if (step === 'reset') d.reset();
    else {
      const payload = step.bytes ?? payloadOf(subject, step.part);
      const packet = rtpPacket({
        sequenceNumber: step.seq,
        timestamp: step.ts,
        marker: step.marker,
        payload,
        ssrc: step.ssrc ?? 1,
      });
      out.push(...d.push(packet));
    }
  }
  return out;
}

/**
 * Checks one scenario against `subject`: the units (timestamps and bytes), the event kinds,
 * and that every event carries a documented code, the sequence number of a packet pushed and
 * the timestamp of one. Inputs must not be mutated.
 */
export function checkDepacketizerContract(
  subject: DepacketizerContractSubject,
  scenario: (typeof depacketizerContractCases)[number],
): void {
  const copies = [subject.whole, ...subject.fragments, subject.continuation].map((b) => b.slice());
  const out = play(subject, subject.create(), scenario.steps);
  const expected = scenario.expect(subject);
  const units = out.filter((o) => !isEvent(o));
  const events = out.filter(isEvent);
  expect(
    units.map((u) => [(u as { timestamp: number }).timestamp, [...subject.bytesOf(u)]]),
    'units: timestamps and bytes',
  ).toEqual(
    expected.units.map(([ts, kind]) => [ts, [...(kind === 'whole' ? subject.wholeBytes : subject.fragmentedBytes)]]),
  );
  const kinds = [...new Set(events.map((e) => e.code))];
  expect(kinds, 'event codes, distinct, in order').toEqual(expected.events.map((k) => subject.codes[k]));
  const seqs = new Set(scenario.steps.flatMap((s) => (typeof s === 'string' ? [] : [s.seq & 0xffff])));
  const stamps = new Set(scenario.steps.flatMap((s) => (typeof s === 'string' ? [] : [s.ts])));
  for (const e of events) {
    expect(subject.documentedCodes.has(e.code), `documented code ${e.code}`).toBe(true);
    expect(seqs.has(e.sequenceNumber), `event ${e.code} names a packet pushed`).toBe(true);
    expect(stamps.has(e.timestamp), `event ${e.code} carries a timestamp pushed`).toBe(true);
    expect(typeof e.message).toBe('string');
  }
  expect([subject.whole, ...subject.fragments, subject.continuation], 'inputs untouched').toEqual(copies);
}

/** Steps over the payload parts and arbitrary bytes, with loss, reordering, SSRC changes, flush and reset. */
function arbitrarySteps(): fc.Arbitrary<Step[]> {
  const part = fc.constantFrom<Part>('whole', 'first', 'middle', 'last', 'continuation', 'oversized1', 'oversized2');
  const packet = fc.record({
    seqStep: fc.integer({ min: -2, max: 3 }),
    ts: fc.constantFrom(0, 3000, 6000),
    marker: fc.boolean(),
    ssrc: fc.constantFrom(1, 2),
    part: fc.oneof(part, fc.uint8Array({ maxLength: 48 })),
  });
  return fc
    .array(fc.oneof({ weight: 12, arbitrary: packet }, fc.constantFrom<'flush' | 'reset'>('flush', 'reset')), {
      maxLength: 40,
    })
    .map((items) => {
      let seq = 100;
      const steps: Step[] = [];
      for (const item of items) {
        if (typeof item === 'string') {
          steps.push(item);
          continue;
        }
        seq = (seq + item.seqStep) & 0xffff;
        const { ts, marker, ssrc } = item;
        if (item.part instanceof Uint8Array) steps.push({ seq, ts, marker, part: 'whole', ssrc, bytes: item.part });
        else steps.push({ seq, ts, marker, part: item.part, ssrc });
      }
      return steps;
    });
}

/**
 * The contract's properties over arbitrary packet streams (the subject's payloads mixed with
 * random bytes, loss, reordering, duplicates, SSRC and timestamp changes, flush and reset):
 * `push`, `flush` and `reset` never throw; every event code is documented; a second `flush`
 * gives nothing; after `reset()` a depacketizer gives exactly what a new one gives.
 */
export function checkDepacketizerProperties(subject: DepacketizerContractSubject, numRuns = 200): void {
  const steps = arbitrarySteps();
  fc.assert(
    fc.property(steps, (s) => {
      const d = subject.create();
      const out = play(subject, d, s);
      out.push(...d.flush());
      expect(d.flush()).toEqual([]);
      for (const item of out) {
        if (isEvent(item)) expect(subject.documentedCodes.has(item.code), `documented code ${item.code}`).toBe(true);
        else expect(Number.isInteger((item as { timestamp: number }).timestamp)).toBe(true);
      }
    }),
    { numRuns },
  );
  fc.assert(
    fc.property(steps, steps, (before, after) => {
      const used = subject.create();
      play(subject, used, before);
      used.reset();
      const plain = (items: readonly object[]) =>
        items.map((i) => (isEvent(i) ? { ...i } : [(i as { timestamp: number }).timestamp, [...subject.bytesOf(i)]]));
      expect(plain(play(subject, used, after))).toEqual(plain(play(subject, subject.create(), after)));
    }),
    { numRuns: Math.ceil(numRuns / 2) },
  );
}

/**
 * The whole contract for one subject, as a vitest suite: every scenario of
 * {@link depacketizerContractCases} and the properties of {@link checkDepacketizerProperties}.
 *
 * @example
 * describeDepacketizerContract({ name: 'H264Depacketizer', create: () => new H264Depacketizer(), … });
 */
export function describeDepacketizerContract(subject: DepacketizerContractSubject): void {
  describe(`${subject.name}: the depacketizer contract`, () => {
    for (const scenario of depacketizerContractCases) {
      it(scenario.name, () => checkDepacketizerContract(subject, scenario));
    }
    it('arbitrary packet streams: never a throw, documented codes, reset as good as new', () => {
      checkDepacketizerProperties(subject);
    });
  });
}
