import { ByteSlab, FragmentAssembler } from '@rtspkit/bytes';
import type { DepacketizerEvent, RtpFramer, RtpFramerCode } from '@rtspkit/rtp';
import type { RtpPayloadReader, VideoAccessUnit, VideoDepacketizerLimits } from '@rtspkit/rtp';
import { RtpDepacketizer, videoFramerOptions, isVideoAccessUnit, rtpFramerCodes } from '@rtspkit/rtp';
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
export type H265AccessUnit = VideoAccessUnit;

/**
 * Codes of the events {@link H265Depacketizer} reports: the framer's (`ERR_H265_PACKET_LOST`,
 * `ERR_H265_FRAGMENT_LOST`, `ERR_H265_FRAGMENT_INCOMPLETE`, `ERR_H265_ACCESS_UNIT_TOO_LARGE`
 * and the benign {@link H265NoticeCode}s), `ERR_H265_MALFORMED_PACKET` and
 * `ERR_H265_DON_OUT_OF_ORDER`.
 */
export type H265DepacketizerEventCode =
  | RtpFramerCode<'H265'>
  | typeof H265ErrorCode.MalformedPacket
  | typeof H265ErrorCode.DonOutOfOrder;

/**
 * Something the depacketizer noticed and handled: a lost or malformed packet, a dropped
 * access unit, an SSRC change. Callers may log events or ignore them.
 */
export type H265DepacketizerEvent = DepacketizerEvent<H265DepacketizerEventCode>;

/** What {@link H265Depacketizer.push} returns, in order. */
export type H265DepacketizerOutput = H265AccessUnit | H265DepacketizerEvent;

/** Tells an access unit from an event in {@link H265Depacketizer.push}'s output. */
export const isH265AccessUnit: (item: H265DepacketizerOutput) => item is H265AccessUnit = isVideoAccessUnit;

/** Options of {@link H265Depacketizer}: limits (`maxAccessUnitBytes` 16 MiB, `maxNalUnits` 2048 by default) and DON. */
export type H265DepacketizerOptions = VideoDepacketizerLimits & {
  /**
   * `sprop-max-don-diff` from the SDP. Above 0, every single NAL unit packet, aggregation
   * unit and first fragment carries a DONL/DOND field (RFC 7798 §4.4). Default 0.
   */
  readonly maxDonDiff?: number;
};

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
export class H265Depacketizer extends RtpDepacketizer<H265AccessUnit, H265DepacketizerEventCode> {
  constructor(options: H265DepacketizerOptions = {}) {
    super(
      new H265PayloadReader(Math.min(Math.max(0, options.maxDonDiff ?? 0), MAX_DON_DIFF)),
      rtpFramerCodes('H265'),
      videoFramerOptions(options),
    );
  }
}

type Framer = RtpFramer<H265AccessUnit, H265DepacketizerEventCode>;

/** RFC 7798 payloads → the NAL units of the access unit in progress (with their DONs). */
class H265PayloadReader implements RtpPayloadReader<H265AccessUnit, H265DepacketizerEventCode> {
  readonly #donMode: boolean;
  readonly #maxDonDiff: number;
  #nals: Uint8Array[] = [];
  #dons: number[] = [];
  #key = false;
  /** Where rebuilt NAL units are allocated: one ArrayBuffer per unit costs more than the copy. */
  readonly #slab = new ByteSlab();
  readonly #fragment = new FragmentAssembler(this.#slab);
  #fragmentDon = 0;
  #lastDon = -1;

  constructor(maxDonDiff: number) {
    this.#maxDonDiff = maxDonDiff;
    this.#donMode = maxDonDiff > 0;
  }

  get fragmentActive(): boolean {
    return this.#fragment.active;
  }

  finish(timestamp: number): H265AccessUnit | undefined {
    if (this.#nals.length === 0) return undefined;
    const nalUnits = this.#donMode ? inDonOrder(this.#nals, this.#dons) : this.#nals;
    return { timestamp, nalUnits, key: this.#key };
  }

  clear(): void {
    this.#nals = [];
    this.#dons = [];
    this.#key = false;
    this.#fragment.clear();
  }

  restart(): void {
    this.#lastDon = -1;
  }

  read(payload: Uint8Array, framer: Framer): void {
    this.#payload(payload, framer, true);
  }

  /** One RTP payload; `outer` is false for the payload a PACI packet carries. */
  #payload(payload: Uint8Array, framer: Framer, outer: boolean) {
    if (payload.length < PAYLOAD_HEADER_SIZE) return malformed(framer, `payload of ${payload.length} bytes`);
    const type = ((payload[0] as number) >>> 1) & 0x3f;
    if (type < H265NalUnitType.Ap) return this.#single(payload, framer);
    if (type === H265NalUnitType.Ap) return this.#aggregate(payload, framer);
    if (type === H265NalUnitType.Fu) return this.#fragmentUnit(payload, framer);
    if (type === H265NalUnitType.Paci && outer) return this.#paci(payload, framer);
    // 51..63 are unspecified in RFC 7798 §4.4; receivers ignore them.
    framer.event(H265ErrorCode.MalformedPacket, `payload type ${type} ignored`);
  }

  /** Single NAL unit packet (§4.4.1): the payload is the NAL unit, after a DONL when DON is used. */
  #single(payload: Uint8Array, framer: Framer) {
    let nal = payload;
    let don = 0;
    if (this.#donMode) {
      if (payload.length < PAYLOAD_HEADER_SIZE + DONL_SIZE) {
        return malformed(framer, `single nal unit packet of ${payload.length} bytes has no donl`);
      }
      don = ((payload[2] as number) << 8) | (payload[3] as number);
      nal = this.#slab.alloc(payload.length - DONL_SIZE);
      nal.set(payload.subarray(0, PAYLOAD_HEADER_SIZE));
      nal.set(payload.subarray(PAYLOAD_HEADER_SIZE + DONL_SIZE), PAYLOAD_HEADER_SIZE);
    }
    if (framer.joining && isSliceContinuation(nal[0] as number, nal[2])) return framer.joined();
    this.#add(nal, don, framer);
  }

  /** Aggregation packet (§4.4.2). */
  #aggregate(payload: Uint8Array, framer: Framer) {
    const n = payload.length;
    let o = PAYLOAD_HEADER_SIZE;
    let don = 0;
    let first = true;
    while (o < n) {
      if (this.#donMode) {
        const donSize = first ? DONL_SIZE : 1;
        if (o + donSize > n) {
          return malformed(framer, `aggregation unit don needs ${donSize} bytes but ${n - o} remain`);
        }
        don = first
          ? ((payload[o] as number) << 8) | (payload[o + 1] as number)
          : (don + (payload[o] as number) + 1) & 0xffff;
        o += donSize;
      }
      first = false;
      if (o + AP_SIZE_FIELD > n) return malformed(framer, `aggregation unit size needs 2 bytes but ${n - o} remain`);
      const size = ((payload[o] as number) << 8) | (payload[o + 1] as number);
      o += AP_SIZE_FIELD;
      if (size > n - o) return malformed(framer, `aggregation unit size ${size} exceeds remaining ${n - o} bytes`);
      if (size === 1) return malformed(framer, 'aggregation unit of 1 byte has no nal unit header');
      if (size > 0) this.#add(payload.subarray(o, o + size), don, framer);
      o += size;
    }
  }

  /** Fragmentation unit (§4.4.3). */
  #fragmentUnit(payload: Uint8Array, framer: Framer) {
    const fuHeader = payload[2];
    if (fuHeader === undefined) return malformed(framer, 'fragmentation unit without fu header');
    const start = (fuHeader & FU_START) !== 0;
    const end = (fuHeader & FU_END) !== 0;
    const fuType = fuHeader & 0x3f;
    const dataStart = start && this.#donMode ? 3 + DONL_SIZE : 3;
    if (payload.length < dataStart) return malformed(framer, `first fragment of ${payload.length} bytes has no donl`);
    const data = payload.subarray(dataStart);
    if (start) {
      if (this.#fragment.active) framer.fragmentIncomplete();
      const b0 = (payload[0] as number) & 0x81;
      if (framer.joining && isSliceContinuation(b0 | (fuType << 1), data[0])) return framer.joined();
      if (framer.damaged) return;
      this.#fragment.start(Uint8Array.of(b0 | (fuType << 1), payload[1] as number), data);
      this.#fragmentDon = this.#donMode ? ((payload[3] as number) << 8) | (payload[4] as number) : 0;
    } else if (!this.#fragment.active) {
      if (framer.joining) return framer.joined();
      if (!framer.damaged) malformed(framer, 'fragment without a start fragment');
      return;
    } else {
      this.#fragment.append(data);
    }
    if (!framer.within(this.#fragment.bytes)) return;
    // S and E both set breaks §4.4.3 but a NAL unit that fits one packet is harmless.
    if (end) this.#add(this.#fragment.finish(), this.#fragmentDon, framer);
  }

  /**
   * PACI packet (§4.4.4): rebuilds the contained payload's header (A replaces F, cType the
   * type), skips the PHES and handles what is left as a payload of its own.
   */
  #paci(payload: Uint8Array, framer: Framer) {
    if (payload.length < PAYLOAD_HEADER_SIZE + PACI_FIELDS_SIZE) {
      return malformed(framer, `paci packet of ${payload.length} bytes`);
    }
    const fields = ((payload[2] as number) << 8) | (payload[3] as number);
    const a = fields >>> 15;
    const cType = (fields >>> 9) & 0x3f;
    const phsSize = (fields >>> 4) & 0x1f;
    const rest = PAYLOAD_HEADER_SIZE + PACI_FIELDS_SIZE + phsSize;
    if (rest > payload.length) return malformed(framer, `paci phes of ${phsSize} bytes exceeds the packet`);
    if (cType === H265NalUnitType.Paci) return malformed(framer, 'paci packet inside a paci packet');
    const inner = this.#slab.alloc(payload.length - rest + PAYLOAD_HEADER_SIZE);
    inner[0] = (a << 7) | (cType << 1) | ((payload[0] as number) & 1);
    inner[1] = payload[1] as number;
    inner.set(payload.subarray(rest), PAYLOAD_HEADER_SIZE);
    this.#payload(inner, framer, false);
  }

  #add(whole: Uint8Array, don: number, framer: Framer) {
    if (framer.damaged) return;
    const nal = withoutTrailingZeros(whole);
    if (nal.length < 2) return malformed(framer, `nal unit of ${nal.length} bytes`);
    if (!framer.admit(nal.length)) return;
    if (this.#donMode) {
      if (this.#lastDon >= 0) {
        const diff = (don - this.#lastDon) & 0xffff;
        const signed = diff >= 0x8000 ? diff - 0x10000 : diff;
        if (Math.abs(signed) > this.#maxDonDiff) {
          framer.event(
            H265ErrorCode.DonOutOfOrder,
            `don ${don} is ${signed} from ${this.#lastDon}, beyond sprop-max-don-diff ${this.#maxDonDiff}`,
          );
        }
      }
      this.#lastDon = don;
      this.#dons.push(don);
    }
    this.#nals.push(nal);
    if (isH265IrapNalUnitType(((nal[0] as number) >>> 1) & 0x3f)) this.#key = true;
  }
}

function malformed(framer: Framer, message: string): void {
  framer.damage(H265ErrorCode.MalformedPacket, message);
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
