import { ByteSlab, FragmentAssembler } from '@rtspkit/bytes';
import type { RtpPacket } from '@rtspkit/rtp';
import { H265ErrorCode } from '../errors.js';
import { H265NalUnitType, isH265IrapNalUnitType, isH265VclNalUnitType } from '../nal.js';
import { AP_SIZE_FIELD, DONL_SIZE, FU_END, FU_START, PACI_FIELDS_SIZE, PAYLOAD_HEADER_SIZE } from './payload.js';

/**
 * One access unit (one coded picture with its parameter sets and SEI), in decode order.
 * NAL units delivered whole (single NAL unit packets and aggregation packets without DON)
 * alias the RTP payloads; NAL units rebuilt from fragments, DON-carrying or PACI packets are
 * copies, carved from a shared 64 KiB slab when small (see `ByteSlab` in @rtspkit/bytes):
 * use `byteOffset`/`byteLength` with `.buffer`, and `slice()` what you keep for long.
 */
export type H265AccessUnit = {
  /** RTP timestamp (90 kHz, unsigned 32-bit): the presentation time. */
  readonly timestamp: number;
  readonly nalUnits: readonly Uint8Array[];
  /** True when a NAL unit is an IRAP slice (types 16..23): a random access point. */
  readonly key: boolean;
};

/**
 * Something the depacketizer noticed and handled: a lost or malformed packet, a dropped
 * access unit, a reset. `code` is one of {@link H265ErrorCode}; benign codes
 * (`ERR_H265_JOINED_MID_ACCESS_UNIT`, `ERR_H265_PACKET_OUT_OF_ORDER`, `ERR_H265_SSRC_CHANGED`)
 * describe normal network life. Callers may log events or ignore them.
 */
export type H265DepacketizerEvent = {
  readonly code: H265ErrorCode;
  readonly message: string;
  /** Sequence number of the packet that revealed the condition. */
  readonly sequenceNumber: number;
  readonly timestamp: number;
};

/** What {@link H265Depacketizer.push} returns, in order. */
export type H265DepacketizerOutput = H265AccessUnit | H265DepacketizerEvent;

/** Tells an access unit from an event in {@link H265Depacketizer.push}'s output. */
export function isH265AccessUnit(item: H265DepacketizerOutput): item is H265AccessUnit {
  return 'nalUnits' in item;
}

export type H265DepacketizerOptions = {
  /**
   * `sprop-max-don-diff` from the SDP. Above 0, every single NAL unit packet, aggregation
   * unit and first fragment carries a DONL/DOND field (RFC 7798 §4.4). Default 0.
   */
  readonly maxDonDiff?: number;
  /** Largest access unit kept, in NAL unit bytes. Default 16 MiB: an 8K intra frame at high quality fits. */
  readonly maxAccessUnitBytes?: number;
  /** Most NAL units in one access unit. Default 2048: 8K with 600 slice segments per picture plus SEI fits. */
  readonly maxNalUnits?: number;
};

const DEFAULT_MAX_ACCESS_UNIT_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_NAL_UNITS = 2048;
// sprop-max-don-diff is 0..32767 (RFC 7798 §7.1).
const MAX_DON_DIFF = 32767;

/**
 * RTP → H.265 access units (RFC 7798): single NAL unit packets (§4.4.1), aggregation
 * packets (§4.4.2), fragmentation units (§4.4.3) and PACI packets (§4.4.4, the contained
 * payload is unwrapped; PHES is skipped). With `maxDonDiff > 0` the DONL/DOND fields are
 * read and removed, and the NAL units of each access unit are put in DON order (interleaving
 * across access units is not undone).
 *
 * Access units end at the marker bit, or at a timestamp change for senders that never set
 * it. Feed packets of one SSRC in sequence order (put a reorder buffer in front for UDP); a
 * sequence gap drops the access unit in progress and the one the next packet belongs to (RTP
 * cannot tell whether the lost packets began it), so every access unit emitted is complete.
 *
 * `push` never throws: malformed, lost, late and oversized input come out as
 * {@link H265DepacketizerEvent}s next to the access units.
 *
 * Tolerated deviations: no marker bit; an FU with both start and end bits; an aggregation
 * packet with a single unit; zero-size aggregation units (skipped); the F bit set; zero
 * bytes after the end of a NAL unit (removed: FFmpeg 5.1 sends the first zero of the next
 * 4-byte start code at the end of an access unit).
 *
 * @example
 * const depacketizer = new H265Depacketizer();
 * for (const item of depacketizer.push(parseRtpPacket(datagram))) {
 *   if (isH265AccessUnit(item)) decoder.decode(item.nalUnits, item.timestamp);
 * }
 * @see RFC 7798 §4.4
 */
export class H265Depacketizer {
  readonly #maxBytes: number;
  readonly #maxNals: number;
  readonly #donMode: boolean;
  readonly #maxDonDiff: number;
  #ssrc: number | undefined;
  #lastSeq = -1;
  /** An access unit is in progress (possibly damaged). */
  #open = false;
  #timestamp = 0;
  #nals: Uint8Array[] = [];
  #dons: number[] = [];
  #bytes = 0;
  #key = false;
  /** The access unit in progress lost something; drop it when it ends. */
  #damaged = false;
  /** Where rebuilt NAL units are allocated: one ArrayBuffer per unit costs more than the copy. */
  readonly #slab = new ByteSlab();
  readonly #fragment = new FragmentAssembler(this.#slab);
  #fragmentDon = 0;
  #lastDon = -1;
  #seq = 0;
  #out: H265DepacketizerOutput[] = [];

  constructor(options: H265DepacketizerOptions = {}) {
    this.#maxBytes = options.maxAccessUnitBytes ?? DEFAULT_MAX_ACCESS_UNIT_BYTES;
    this.#maxNals = options.maxNalUnits ?? DEFAULT_MAX_NAL_UNITS;
    this.#maxDonDiff = Math.min(Math.max(0, options.maxDonDiff ?? 0), MAX_DON_DIFF);
    this.#donMode = this.#maxDonDiff > 0;
  }

  /**
   * Takes one RTP packet; returns the access units it completed and the events it caused.
   * Access units may hold views of the packets' payloads: keep the packets' buffers alive
   * (and unmodified) as long as the access units are used.
   */
  push(packet: RtpPacket): H265DepacketizerOutput[] {
    const out: H265DepacketizerOutput[] = [];
    this.#out = out;
    const seq = packet.sequenceNumber;
    this.#seq = seq;
    const joining = this.#lastSeq < 0;
    if (this.#ssrc !== undefined && packet.ssrc !== this.#ssrc) {
      if (!this.#fragment.active) this.#emit();
      this.#reset();
      this.#event(H265ErrorCode.SsrcChanged, `ssrc changed to ${packet.ssrc}, state reset`, packet.timestamp);
    } else if (!joining) {
      const gap = (seq - this.#lastSeq) & 0xffff;
      if (gap === 0 || gap >= 0x8000) {
        this.#event(H265ErrorCode.PacketOutOfOrder, `packet ${seq} after ${this.#lastSeq} ignored`, packet.timestamp);
        return out;
      }
      if (gap > 1) {
        const code = this.#fragment.active ? H265ErrorCode.FragmentLost : H265ErrorCode.PacketLost;
        this.#event(code, `${gap - 1} packets lost before ${seq}, access unit dropped`, packet.timestamp);
        this.#close();
        this.#begin(packet.timestamp);
        this.#damage();
      }
    }
    this.#ssrc = packet.ssrc;
    this.#lastSeq = seq;
    if (this.#open && packet.timestamp !== this.#timestamp) {
      // The previous access unit had no marker bit: some cameras never set it.
      if (this.#fragment.active) this.#incomplete();
      this.#emit();
    }
    if (!this.#open) this.#begin(packet.timestamp);
    this.#payload(packet.payload, joining, true);
    if (packet.marker) {
      if (this.#fragment.active) this.#incomplete();
      this.#emit();
    }
    return out;
  }

  /**
   * Ends the access unit in progress, if complete, for a sender that never sets the marker
   * bit and has stopped (end of stream). Returns it (or nothing).
   */
  flush(): H265DepacketizerOutput[] {
    const out: H265DepacketizerOutput[] = [];
    this.#out = out;
    if (this.#fragment.active) this.#incomplete();
    this.#emit();
    return out;
  }

  /** Forgets all state, as if newly constructed. */
  reset(): void {
    this.#reset();
  }

  #reset() {
    this.#ssrc = undefined;
    this.#lastSeq = -1;
    this.#lastDon = -1;
    this.#close();
  }

  #begin(timestamp: number) {
    this.#open = true;
    this.#timestamp = timestamp;
  }

  /** One RTP payload; `outer` is false for the payload a PACI packet carries. */
  #payload(payload: Uint8Array, joining: boolean, outer: boolean) {
    if (payload.length < PAYLOAD_HEADER_SIZE) return this.#malformed(`payload of ${payload.length} bytes`);
    const type = ((payload[0] as number) >>> 1) & 0x3f;
    if (type < H265NalUnitType.Ap) return this.#single(payload, joining);
    if (type === H265NalUnitType.Ap) return this.#aggregate(payload);
    if (type === H265NalUnitType.Fu) return this.#fragmentUnit(payload, joining);
    if (type === H265NalUnitType.Paci && outer) return this.#paci(payload, joining);
    // 51..63 are unspecified in RFC 7798 §4.4; receivers ignore them.
    this.#event(H265ErrorCode.MalformedPacket, `payload type ${type} ignored`, this.#timestamp);
  }

  /** Single NAL unit packet (§4.4.1): the payload is the NAL unit, after a DONL when DON is used. */
  #single(payload: Uint8Array, joining: boolean) {
    let nal = payload;
    let don = 0;
    if (this.#donMode) {
      if (payload.length < PAYLOAD_HEADER_SIZE + DONL_SIZE) {
        return this.#malformed(`single nal unit packet of ${payload.length} bytes has no donl`);
      }
      don = ((payload[2] as number) << 8) | (payload[3] as number);
      nal = this.#slab.alloc(payload.length - DONL_SIZE);
      nal.set(payload.subarray(0, PAYLOAD_HEADER_SIZE));
      nal.set(payload.subarray(PAYLOAD_HEADER_SIZE + DONL_SIZE), PAYLOAD_HEADER_SIZE);
    }
    if (joining && isSliceContinuation(nal[0] as number, nal[2])) return this.#joined();
    this.#add(nal, don);
  }

  /** Aggregation packet (§4.4.2). */
  #aggregate(payload: Uint8Array) {
    const n = payload.length;
    let o = PAYLOAD_HEADER_SIZE;
    let don = 0;
    let first = true;
    while (o < n) {
      if (this.#donMode) {
        const donSize = first ? DONL_SIZE : 1;
        if (o + donSize > n) return this.#malformed(`aggregation unit don needs ${donSize} bytes but ${n - o} remain`);
        don = first
          ? ((payload[o] as number) << 8) | (payload[o + 1] as number)
          : (don + (payload[o] as number) + 1) & 0xffff;
        o += donSize;
      }
      first = false;
      if (o + AP_SIZE_FIELD > n) return this.#malformed(`aggregation unit size needs 2 bytes but ${n - o} remain`);
      const size = ((payload[o] as number) << 8) | (payload[o + 1] as number);
      o += AP_SIZE_FIELD;
      if (size > n - o) return this.#malformed(`aggregation unit size ${size} exceeds remaining ${n - o} bytes`);
      if (size === 1) return this.#malformed(`aggregation unit of 1 byte has no nal unit header`);
      if (size > 0) this.#add(payload.subarray(o, o + size), don);
      o += size;
    }
  }

  /** Fragmentation unit (§4.4.3). */
  #fragmentUnit(payload: Uint8Array, joining: boolean) {
    const fuHeader = payload[2];
    if (fuHeader === undefined) return this.#malformed('fragmentation unit without fu header');
    const start = (fuHeader & FU_START) !== 0;
    const end = (fuHeader & FU_END) !== 0;
    const fuType = fuHeader & 0x3f;
    const dataStart = start && this.#donMode ? 3 + DONL_SIZE : 3;
    if (payload.length < dataStart) return this.#malformed(`first fragment of ${payload.length} bytes has no donl`);
    const data = payload.subarray(dataStart);
    if (start) {
      if (this.#fragment.active) this.#incomplete();
      const b0 = (payload[0] as number) & 0x81;
      if (joining && isSliceContinuation(b0 | (fuType << 1), data[0])) return this.#joined();
      if (this.#damaged) return;
      this.#fragment.start(Uint8Array.of(b0 | (fuType << 1), payload[1] as number), data);
      this.#fragmentDon = this.#donMode ? ((payload[3] as number) << 8) | (payload[4] as number) : 0;
    } else if (!this.#fragment.active) {
      if (joining) return this.#joined();
      if (!this.#damaged) this.#malformed('fragment without a start fragment');
      return;
    } else {
      this.#fragment.append(data);
    }
    if (this.#bytes + this.#fragment.bytes > this.#maxBytes) return this.#tooLarge();
    // S and E both set breaks §4.4.3 but a NAL unit that fits one packet is harmless.
    if (end) this.#add(this.#fragment.finish(), this.#fragmentDon);
  }

  /**
   * PACI packet (§4.4.4): rebuilds the contained payload's header (A replaces F, cType the
   * type), skips the PHES and handles what is left as a payload of its own.
   */
  #paci(payload: Uint8Array, joining: boolean) {
    if (payload.length < PAYLOAD_HEADER_SIZE + PACI_FIELDS_SIZE) {
      return this.#malformed(`paci packet of ${payload.length} bytes`);
    }
    const fields = ((payload[2] as number) << 8) | (payload[3] as number);
    const a = fields >>> 15;
    const cType = (fields >>> 9) & 0x3f;
    const phsSize = (fields >>> 4) & 0x1f;
    const rest = PAYLOAD_HEADER_SIZE + PACI_FIELDS_SIZE + phsSize;
    if (rest > payload.length) return this.#malformed(`paci phes of ${phsSize} bytes exceeds the packet`);
    if (cType === H265NalUnitType.Paci) return this.#malformed('paci packet inside a paci packet');
    const inner = this.#slab.alloc(payload.length - rest + PAYLOAD_HEADER_SIZE);
    inner[0] = (a << 7) | (cType << 1) | ((payload[0] as number) & 1);
    inner[1] = payload[1] as number;
    inner.set(payload.subarray(rest), PAYLOAD_HEADER_SIZE);
    this.#payload(inner, joining, false);
  }

  #add(whole: Uint8Array, don: number) {
    if (this.#damaged) return;
    const nal = withoutTrailingZeros(whole);
    if (nal.length < 2) return this.#malformed(`nal unit of ${nal.length} bytes`);
    if (this.#nals.length >= this.#maxNals || this.#bytes + nal.length > this.#maxBytes) return this.#tooLarge();
    if (this.#donMode) {
      if (this.#lastDon >= 0) {
        const diff = (don - this.#lastDon) & 0xffff;
        const signed = diff >= 0x8000 ? diff - 0x10000 : diff;
        if (Math.abs(signed) > this.#maxDonDiff) {
          this.#event(
            H265ErrorCode.DonOutOfOrder,
            `don ${don} is ${signed} from ${this.#lastDon}, beyond sprop-max-don-diff ${this.#maxDonDiff}`,
            this.#timestamp,
          );
        }
      }
      this.#lastDon = don;
      this.#dons.push(don);
    }
    this.#nals.push(nal);
    this.#bytes += nal.length;
    if (isH265IrapNalUnitType(((nal[0] as number) >>> 1) & 0x3f)) this.#key = true;
  }

  #emit() {
    if (this.#open && !this.#damaged && !this.#fragment.active && this.#nals.length > 0) {
      const nalUnits = this.#donMode ? inDonOrder(this.#nals, this.#dons) : this.#nals;
      this.#out.push({ timestamp: this.#timestamp, nalUnits, key: this.#key });
    }
    this.#close();
  }

  #close() {
    this.#open = false;
    this.#damaged = false;
    this.#clearUnit();
  }

  #clearUnit() {
    this.#nals = [];
    this.#dons = [];
    this.#bytes = 0;
    this.#key = false;
    this.#fragment.clear();
  }

  #damage() {
    this.#damaged = true;
    this.#clearUnit();
  }

  #tooLarge() {
    this.#event(
      H265ErrorCode.AccessUnitTooLarge,
      `access unit over ${this.#maxBytes} bytes or ${this.#maxNals} nal units dropped`,
      this.#timestamp,
    );
    this.#damage();
  }

  #malformed(message: string) {
    this.#event(H265ErrorCode.MalformedPacket, message, this.#timestamp);
    this.#damage();
  }

  #incomplete() {
    this.#event(H265ErrorCode.FragmentIncomplete, 'fragment ended without its end bit', this.#timestamp);
    this.#damage();
  }

  #joined() {
    this.#event(H265ErrorCode.JoinedMidAccessUnit, 'joined mid access unit, waiting for the next', this.#timestamp);
    this.#damage();
  }

  #event(code: H265ErrorCode, message: string, timestamp: number) {
    this.#out.push({ code, message, sequenceNumber: this.#seq, timestamp });
  }
}

/**
 * True when a NAL unit with header byte `b0` whose first payload byte is `b2` is a slice
 * segment that is not the first of its picture: the stream was joined mid access unit.
 */
function isSliceContinuation(b0: number, b2: number | undefined): boolean {
  // first_slice_segment_in_pic_flag is the first bit after the NAL unit header.
  return isH265VclNalUnitType((b0 >>> 1) & 0x3f) && b2 !== undefined && (b2 & 0x80) === 0;
}

/** The NAL units sorted by DON (distance from the first one, modulo 2^16), stable. */
function inDonOrder(nals: readonly Uint8Array[], dons: readonly number[]): Uint8Array[] {
  const base = dons[0] ?? 0;
  const key = (i: number) => {
    const d = ((dons[i] ?? 0) - base) & 0xffff;
    return d >= 0x8000 ? d - 0x10000 : d;
  };
  return nals
    .map((_, i) => i)
    .sort((x, y) => key(x) - key(y) || x - y)
    .map((i) => nals[i] as Uint8Array);
}

/**
 * The NAL unit without trailing zero bytes (a view). H.265 §7.4.2 forbids a last byte of 0;
 * FFmpeg 5.1's RTP muxer leaves the first byte of the next 4-byte start code there.
 */
function withoutTrailingZeros(nal: Uint8Array): Uint8Array {
  let end = nal.length;
  while (end > 0 && nal[end - 1] === 0) end--;
  return end === nal.length ? nal : nal.subarray(0, end);
}
