import type { Depacketizer, DepacketizerEvent } from './depacketizer.js';
import type { RtpPacket } from './packet-types.js';

/**
 * The event codes a framer reports, one set per payload format, so that each codec's events
 * carry its own prefix. Benign codes have no `ERR_` prefix.
 */
export type RtpFramerCodes<Code extends string> = {
  /** Benign: a packet not newer than the last one (reordered or duplicated); ignored. */
  readonly packetOutOfOrder: Code;
  /** Benign: the SSRC changed; the unit in progress ended and state was reset. */
  readonly ssrcChanged: Code;
  /** Benign: the stream was joined (or rejoined after an SSRC change) in the middle of a unit. */
  readonly joinedMidUnit: Code;
  /** A sequence gap between packets; the units it touches are dropped. */
  readonly packetLost: Code;
  /** A sequence gap while a fragmented part was being reassembled; the unit is dropped. */
  readonly fragmentLost: Code;
  /** A unit ended (marker, timestamp change, flush) inside a fragmented part; dropped. */
  readonly fragmentIncomplete: Code;
  /** A unit over `maxUnitBytes` or `maxUnitParts`; dropped. */
  readonly unitTooLarge: Code;
};

/**
 * The benign codes of a codec's depacketizer events, named the same way for every codec
 * (`H264_SSRC_CHANGED`, `AAC_SSRC_CHANGED`): normal network life, no data lost, no `ERR_`
 * prefix. Each codec package exports them as its `<Codec>NoticeCode`.
 */
export function rtpNoticeCodes<Prefix extends string>(prefix: Prefix) {
  return {
    /** A packet not newer than the last one (reordered or duplicated); ignored. */
    PacketOutOfOrder: `${prefix}_PACKET_OUT_OF_ORDER` as const,
    /** The stream was joined (or rejoined after an SSRC change) in the middle of a unit or fragment. */
    JoinedMidAccessUnit: `${prefix}_JOINED_MID_ACCESS_UNIT` as const,
    /** The SSRC changed; the unit in progress ended and state was reset. */
    SsrcChanged: `${prefix}_SSRC_CHANGED` as const,
  };
}

/**
 * The error codes the framer reports for a codec's depacketizer (`ERR_H264_PACKET_LOST`):
 * data was lost. Each codec package includes them in its `<Codec>ErrorCode`.
 */
export function rtpFramerErrorCodes<Prefix extends string>(prefix: Prefix) {
  return {
    /** Depacketizer event: a sequence gap between packets; the units it touches are dropped. */
    PacketLost: `ERR_${prefix}_PACKET_LOST` as const,
    /** Depacketizer event: a sequence gap inside a fragmented unit; the unit is dropped. */
    FragmentLost: `ERR_${prefix}_FRAGMENT_LOST` as const,
    /** Depacketizer event: a unit ended (marker, timestamp change, new start) inside a fragment; dropped. */
    FragmentIncomplete: `ERR_${prefix}_FRAGMENT_INCOMPLETE` as const,
    /** Depacketizer event: a unit beyond the depacketizer's size limits; dropped. */
    AccessUnitTooLarge: `ERR_${prefix}_ACCESS_UNIT_TOO_LARGE` as const,
  };
}

/** The framer's codes for a codec whose codes carry `Prefix` (`H264`, `H265`, `AAC`). */
export type RtpFramerCode<Prefix extends string> =
  | ReturnType<typeof rtpNoticeCodes<Prefix>>[keyof ReturnType<typeof rtpNoticeCodes<Prefix>>]
  | ReturnType<typeof rtpFramerErrorCodes<Prefix>>[keyof ReturnType<typeof rtpFramerErrorCodes<Prefix>>];

/**
 * The framer's codes of one codec, named the same way for every codec: benign ones
 * `<PREFIX>_…`, errors `ERR_<PREFIX>_…`.
 *
 * ```
 * rtpFramerCodes('H264').packetLost === 'ERR_H264_PACKET_LOST'
 * rtpFramerCodes('H264').ssrcChanged === 'H264_SSRC_CHANGED'
 * ```
 */
export function rtpFramerCodes<Prefix extends string>(prefix: Prefix): RtpFramerCodes<RtpFramerCode<Prefix>> {
  const notice = rtpNoticeCodes(prefix);
  const error = rtpFramerErrorCodes(prefix);
  return {
    packetOutOfOrder: notice.PacketOutOfOrder,
    ssrcChanged: notice.SsrcChanged,
    joinedMidUnit: notice.JoinedMidAccessUnit,
    packetLost: error.PacketLost,
    fragmentLost: error.FragmentLost,
    fragmentIncomplete: error.FragmentIncomplete,
    unitTooLarge: error.AccessUnitTooLarge,
  };
}

/**
 * What a payload format plugs into an {@link RtpFramer}: it parses payloads into the parts of
 * the unit in progress (NAL units, AU fragments) and builds the unit when the framer ends it.
 */
export type RtpPayloadReader<Unit, Code extends string> = {
  /**
   * Reads one packet's payload. Parts go through `framer.admit` (limits), problems through
   * `framer.damage`/`framer.joined`; a format whose payloads hold whole units of their own
   * (AAC) hands them to `framer.emit` directly.
   */
  read(payload: Uint8Array, framer: RtpFramer<Unit, Code>): void;
  /** True while a fragmented part is being reassembled: the unit cannot end complete. */
  readonly fragmentActive: boolean;
  /**
   * The unit made of the parts read since the last boundary, or undefined when there are
   * none (or when the reader handed its units to `framer.emit` itself). Called only for an
   * undamaged unit with no fragment open.
   */
  finish(timestamp: number, framer: RtpFramer<Unit, Code>): Unit | undefined;
  /** Forgets the parts of the unit in progress (and any fragment). */
  clear(): void;
  /** Forgets what the reader keeps across units (a new stream begins: reset or SSRC change). */
  restart(): void;
};

/** Limits and policy of an {@link RtpFramer}. */
export type RtpFramerOptions = {
  /** Largest unit kept, in bytes of its parts (fragments in progress included). */
  readonly maxUnitBytes: number;
  /** Most parts (NAL units) in one unit. */
  readonly maxUnitParts: number;
  /**
   * True when every payload says on its own where its units start (AAC: AU headers with
   * sizes, LATM length fields): a sequence gap then drops only the unit in progress, and the
   * reader learns of the gap through {@link RtpFramer.afterLoss}. False (video): a gap also
   * drops the unit the next packet belongs to, since RTP cannot tell whether the lost
   * packets began it. Default false.
   */
  readonly selfDelimiting?: boolean;
};

/**
 * The RTP side of every depacketizer: one state machine for sequence numbers, SSRC changes
 * and unit boundaries, shared by all payload formats so they cannot drift apart.
 *
 * - Packets must come in sequence order for one SSRC (put a `ReorderBuffer` in front for
 *   UDP). A packet not newer than the last (duplicate, late) is ignored with a benign event.
 * - A sequence gap is reported (`packetLost`, or `fragmentLost` inside a fragment) and drops
 *   the unit in progress and, unless the format is self-delimiting, the unit the next packet
 *   belongs to: every unit that comes out is complete.
 * - A unit ends at the marker bit, at a timestamp change (senders that never set the marker)
 *   or at `flush()`; a unit that ends inside a fragment is dropped (`fragmentIncomplete`).
 * - An SSRC change ends the unit in progress (emitted if complete), resets, reports
 *   `ssrcChanged` and treats the next payload as a join: the first packet of a stream and
 *   the first after an SSRC change or `reset()` may start mid unit, which the reader checks
 *   ({@link RtpFramer.joining}) and reports with {@link RtpFramer.joined}.
 * - Limits: `maxUnitBytes` and `maxUnitParts`, through {@link RtpFramer.admit} and
 *   {@link RtpFramer.within}; a unit over them is dropped with `unitTooLarge`.
 *
 * `push` never throws on input. The framer allocates nothing per packet but the array it
 * returns and the units and events in it.
 *
 * @see RFC 3550 §5.1 (sequence number, marker, timestamp, SSRC)
 */
export class RtpFramer<Unit, Code extends string> {
  readonly #reader: RtpPayloadReader<Unit, Code>;
  readonly #codes: RtpFramerCodes<Code>;
  readonly #maxBytes: number;
  readonly #maxParts: number;
  readonly #selfDelimiting: boolean;
  #ssrc: number | undefined;
  /** Last sequence number accepted; -1 before the first packet (or after an SSRC change). */
  #lastSeq = -1;
  /** A unit is in progress (possibly damaged). */
  #open = false;
  #timestamp = 0;
  #bytes = 0;
  #parts = 0;
  #damaged = false;
  #joining = false;
  #afterLoss = false;
  #marker = false;
  /** Sequence number of the packet being read, for events. */
  #seq = 0;
  #out: Array<Unit | DepacketizerEvent<Code>> = [];

  constructor(reader: RtpPayloadReader<Unit, Code>, codes: RtpFramerCodes<Code>, options: RtpFramerOptions) {
    this.#reader = reader;
    this.#codes = codes;
    this.#maxBytes = options.maxUnitBytes;
    this.#maxParts = options.maxUnitParts;
    this.#selfDelimiting = options.selfDelimiting ?? false;
  }

  /** Takes one RTP packet; returns the units it completed and the events it caused, in order. */
  push(packet: RtpPacket): Array<Unit | DepacketizerEvent<Code>> {
    const out: Array<Unit | DepacketizerEvent<Code>> = [];
    this.#out = out;
    const seq = packet.sequenceNumber;
    this.#seq = seq;
    let joining = this.#lastSeq < 0;
    let afterLoss = false;
    if (this.#ssrc !== undefined && packet.ssrc !== this.#ssrc) {
      this.#end(this.#timestamp);
      this.#reader.restart();
      joining = true;
      this.event(this.#codes.ssrcChanged, `ssrc changed to ${packet.ssrc}, state reset`, packet.timestamp);
    } else if (!joining) {
      const diff = (seq - this.#lastSeq) & 0xffff;
      if (diff === 0 || diff >= 0x8000) {
        this.event(this.#codes.packetOutOfOrder, `packet ${seq} after ${this.#lastSeq} ignored`, packet.timestamp);
        return out;
      }
      if (diff !== 1) {
        afterLoss = true;
        // Always reported: the lost packets held data, whatever else the gap costs.
        const code = this.#reader.fragmentActive ? this.#codes.fragmentLost : this.#codes.packetLost;
        const what = this.#selfDelimiting ? '' : ', access unit dropped';
        this.event(code, `${diff - 1} packets lost before ${seq}${what}`, packet.timestamp);
        this.#close();
        if (!this.#selfDelimiting) {
          this.#begin(packet.timestamp);
          this.#damaged = true;
        }
      }
    }
    this.#ssrc = packet.ssrc;
    this.#lastSeq = seq;
    this.#joining = joining;
    this.#afterLoss = afterLoss;
    this.#marker = packet.marker;
    if (this.#open && packet.timestamp !== this.#timestamp) {
      // The previous unit had no marker bit (some cameras never set it).
      this.#end(this.#timestamp);
    }
    if (!this.#open) this.#begin(packet.timestamp);
    this.#reader.read(packet.payload, this);
    if (packet.marker) this.#end(this.#timestamp);
    return out;
  }

  /** Ends the unit in progress; returns it if complete (end of stream without a marker). */
  flush(): Array<Unit | DepacketizerEvent<Code>> {
    const out: Array<Unit | DepacketizerEvent<Code>> = [];
    this.#out = out;
    this.#end(this.#timestamp);
    return out;
  }

  /** Forgets all state, as if newly constructed. */
  reset(): void {
    this.#ssrc = undefined;
    this.#lastSeq = -1;
    this.#close();
    this.#reader.restart();
  }

  /** True while reading the first packet of a stream, or the first after an SSRC change or reset. */
  get joining(): boolean {
    return this.#joining;
  }

  /** True while reading the first packet after a sequence gap. */
  get afterLoss(): boolean {
    return this.#afterLoss;
  }

  /** The marker bit of the packet being read: the unit ends after it. */
  get marker(): boolean {
    return this.#marker;
  }

  /** True when the unit in progress lost something: its parts are dropped until it ends. */
  get damaged(): boolean {
    return this.#damaged;
  }

  /** RTP timestamp of the unit in progress. */
  get timestamp(): number {
    return this.#timestamp;
  }

  /** Sequence number of the packet being read. */
  get sequenceNumber(): number {
    return this.#seq;
  }

  /**
   * Counts one part of `bytes` into the unit in progress. False when the unit is damaged or
   * the part would break a limit (the unit is then dropped with `unitTooLarge`).
   */
  admit(bytes: number): boolean {
    if (this.#damaged) return false;
    if (this.#parts >= this.#maxParts || this.#bytes + bytes > this.#maxBytes) {
      this.#tooLarge();
      return false;
    }
    this.#parts++;
    this.#bytes += bytes;
    return true;
  }

  /**
   * True when `pending` more bytes (a fragment being reassembled) keep the unit within
   * `maxUnitBytes`; otherwise drops the unit with `unitTooLarge`. False when the unit is damaged.
   */
  within(pending: number): boolean {
    if (this.#damaged) return false;
    if (this.#bytes + pending <= this.#maxBytes) return true;
    this.#tooLarge();
    return false;
  }

  /** Reports `code` and drops the unit in progress until its end. */
  damage(code: Code, message: string): void {
    this.event(code, message, this.#timestamp);
    this.#damage();
  }

  /** Reports that the stream was joined mid unit (benign) and drops the unit until its end. */
  joined(): void {
    this.damage(this.#codes.joinedMidUnit, 'joined mid unit, waiting for the next');
  }

  /** Reports that a fragment ended without its end (a new start fragment came); drops the unit. */
  fragmentIncomplete(): void {
    this.damage(this.#codes.fragmentIncomplete, 'fragment ended without its end bit');
  }

  /** Hands out a unit that is complete on its own (AAC access units); nothing when damaged. */
  emit(unit: Unit): void {
    if (!this.#damaged) this.#out.push(unit);
  }

  /** Reports an event without changing state. */
  event(code: Code, message: string, timestamp = this.#timestamp): void {
    this.#out.push({ code, message, sequenceNumber: this.#seq, timestamp });
  }

  #begin(timestamp: number): void {
    this.#open = true;
    this.#timestamp = timestamp;
  }

  /** Ends the unit in progress: emitted when complete, dropped inside a fragment. */
  #end(timestamp: number): void {
    if (this.#open && !this.#damaged) {
      if (this.#reader.fragmentActive) {
        this.event(this.#codes.fragmentIncomplete, 'fragment ended without its end bit', timestamp);
      } else {
        const unit = this.#reader.finish(timestamp, this);
        if (unit !== undefined) this.#out.push(unit);
      }
    }
    this.#close();
  }

  #close(): void {
    this.#open = false;
    this.#damaged = false;
    this.#bytes = 0;
    this.#parts = 0;
    this.#reader.clear();
  }

  #damage(): void {
    this.#damaged = true;
    this.#bytes = 0;
    this.#parts = 0;
    this.#reader.clear();
  }

  #tooLarge(): void {
    this.damage(this.#codes.unitTooLarge, `unit over ${this.#maxBytes} bytes or ${this.#maxParts} parts dropped`);
  }
}

/**
 * The base of every codec's depacketizer: the {@link Depacketizer} contract over an
 * {@link RtpFramer} and the codec's {@link RtpPayloadReader}. A codec's class only names its
 * reader, codes and limits.
 *
 * @example
 * class MyDepacketizer extends RtpDepacketizer<MyUnit, MyCode> {
 *   constructor() {
 *     super(new MyReader(), rtpFramerCodes('MY'), { maxUnitBytes: 1 << 20, maxUnitParts: 64 });
 *   }
 * }
 */
export class RtpDepacketizer<Unit, Code extends string> implements Depacketizer<Unit, Code> {
  readonly #framer: RtpFramer<Unit, Code>;

  constructor(reader: RtpPayloadReader<Unit, Code>, codes: RtpFramerCodes<Code>, options: RtpFramerOptions) {
    this.#framer = new RtpFramer(reader, codes, options);
  }

  /**
   * Takes one RTP packet; returns the units it completed and the events it caused, in order.
   * Never throws on input. Units may hold views of the packets' payloads: keep the packets'
   * buffers alive (and unmodified) as long as the units are used.
   */
  push(packet: RtpPacket): Array<Unit | DepacketizerEvent<Code>> {
    return this.#framer.push(packet);
  }

  /**
   * Ends the unit in progress and returns it if complete: for a sender that never sets the
   * marker bit and has stopped (end of stream).
   */
  flush(): Array<Unit | DepacketizerEvent<Code>> {
    return this.#framer.flush();
  }

  /** Forgets all state, as if newly constructed. */
  reset(): void {
    this.#framer.reset();
  }
}
