import { FragmentAssembler } from '@rtspkit/bytes';
import { RtpDepacketizer, type RtpFramer, type RtpPayloadReader, rtpFramerCodes } from '@rtspkit/rtp';
import { parseAdtsHeader } from '../adts.js';
import { AacError, AacErrorCode, AacNoticeCode } from '../errors.js';
import { bitReader } from '../internal/bits.js';
import type { Mpeg4GenericParams } from './mpeg4-generic-params.js';
import { type AacAccessUnit, type AacDepacketizerEventCode, aacFramerOptions } from './types.js';

/** Options of {@link Mpeg4GenericDepacketizer}: the fmtp parameters plus limits. */
export type Mpeg4GenericDepacketizerOptions = Mpeg4GenericParams & {
  /**
   * Largest AU accepted, in bytes. Default 65536: AAC allows at most 6144 bits per channel
   * per frame, so this covers 85 channels while bounding reassembly memory.
   */
  readonly maxAccessUnitBytes?: number;
  /**
   * Most AUs taken from one packet. Default 64: AAC at 8 kbit/s mono fills a 1500-byte packet
   * with about 40 AUs; more is a sender bug or an attack (`constantsize=1` with no AU headers
   * made one AU per payload byte).
   */
  readonly maxAccessUnitsPerPacket?: number;
  /** Strip ADTS headers from AUs that carry one (see {@link Mpeg4GenericDepacketizer}). Default true. */
  readonly stripAdts?: boolean;
};

const EMPTY = new Uint8Array(0);

/**
 * RFC 3640 mpeg4-generic depacketizer for AAC (AAC-hbr, AAC-lbr, or any AU header layout
 * the fmtp describes).
 *
 * ```
 * +---------+-----------+-----------+---------------+
 * | RTP     | AU Header | Auxiliary | Access Unit   |
 * | Header  | Section   | Section   | Data Section  |
 * +---------+-----------+-----------+---------------+
 * AU Header Section: AU-headers-length (16 bits, in bits) | AU-header(1) … AU-header(n) | pad
 * AU-header: AU-size | AU-Index or AU-Index-delta | [CTS-flag CTS-delta] | [DTS-flag DTS-delta]
 *            | [RAP-flag] | [Stream-state]
 * ```
 *
 * - Several AUs per packet: AU i is stamped `timestamp + Σ(AU-Index-delta + 1) × duration`
 *   (or `timestamp + CTS-delta` when a CTS-delta is present), `duration` being
 *   `constantDuration ?? frameDuration ?? 1024`. The first AU-Index is not used: AUs come
 *   out in packet order; interleaved streams are not re-sorted across packets.
 * - A fragmented AU (§3.2.3: one AU header whose AU-size exceeds the data) is collected over
 *   consecutive packets of the same timestamp until AU-size bytes arrived. A sequence gap
 *   drops it (`ERR_AAC_FRAGMENT_LOST`); a timestamp change, a new AU or a marker before the
 *   end drops it (`ERR_AAC_FRAGMENT_INCOMPLETE`); fragments of an AU whose start came before
 *   the stream was joined are a benign `AAC_JOINED_MID_ACCESS_UNIT`. With no size signalled
 *   at all, a packet without marker is taken as a fragment of an AU that ends with the unit
 *   (marker, timestamp change or `flush()`).
 * - Some senders put whole ADTS frames (header included) in the AU data; an AU that starts
 *   with a syncword and whose ADTS frame length equals its size is stripped of the header,
 *   reported once with a benign `AAC_ADTS_IN_PAYLOAD` event.
 *
 * Sequence numbers, SSRC changes, late and duplicate packets are handled by the shared
 * `RtpFramer` of @rtspkit/rtp, as for every depacketizer. A sequence gap drops only a
 * fragment in progress: AU headers say where each AU starts, so the next packet's AUs are
 * kept. `push` never throws: malformed AU headers come out as `ERR_AAC_INVALID_AU_HEADERS`
 * events (the packet's AUs are dropped), an AU over `maxAccessUnitBytes` as
 * `ERR_AAC_ACCESS_UNIT_TOO_LARGE`, more than `maxAccessUnitsPerPacket` AUs as
 * `ERR_AAC_TOO_MANY_ACCESS_UNITS`.
 *
 * Whole AUs alias the packet payload; reassembled ones are copies. Fragments are kept as
 * views until the AU is whole: keep the packets' buffers unmodified until then.
 *
 * @see RFC 3640 §3.2 (payload format), §3.2.3 (fragmentation), §3.3.6 (AAC-hbr)
 */
export class Mpeg4GenericDepacketizer extends RtpDepacketizer<AacAccessUnit, AacDepacketizerEventCode> {
  /** Throws {@link AacError} `ERR_AAC_VALUE_OUT_OF_RANGE` for a field length outside 0..32 bits. */
  constructor(options: Mpeg4GenericDepacketizerOptions) {
    const reader = new Mpeg4GenericReader(options);
    super(reader, rtpFramerCodes('AAC'), aacFramerOptions(options.maxAccessUnitBytes));
  }
}

type Framer = RtpFramer<AacAccessUnit, AacDepacketizerEventCode>;

/** RFC 3640 payloads → AAC access units. */
class Mpeg4GenericReader implements RtpPayloadReader<AacAccessUnit, AacDepacketizerEventCode> {
  readonly #p: Required<Omit<Mpeg4GenericParams, 'constantSize' | 'constantDuration' | 'frameDuration'>>;
  readonly #constantSize: number | undefined;
  readonly #duration: number;
  readonly #maxAus: number;
  readonly #stripAdts: boolean;
  readonly #hasAuHeaders: boolean;
  /** The AU headers of the packet being read: sizes (-1 when not signalled) and timestamps; reused. */
  readonly #sizes: number[] = [];
  readonly #times: number[] = [];
  /** An AU collected over packets: sized (§3.2.3, AU-size known) or unsized (ends at the unit end). */
  readonly #fragment = new FragmentAssembler();
  #fragmentSize = -1;
  #fragmentTimestamp = 0;
  /** The fragment began in a packet read while joining or after a loss: it may be a tail. */
  #fragmentJoining = false;
  #fragmentAfterLoss = false;
  #adtsReported = false;

  constructor(options: Mpeg4GenericDepacketizerOptions) {
    this.#p = {
      sizeLength: options.sizeLength,
      indexLength: options.indexLength,
      indexDeltaLength: options.indexDeltaLength,
      ctsDeltaLength: options.ctsDeltaLength ?? 0,
      dtsDeltaLength: options.dtsDeltaLength ?? 0,
      randomAccessIndication: options.randomAccessIndication ?? false,
      streamStateIndication: options.streamStateIndication ?? 0,
      auxiliaryDataSizeLength: options.auxiliaryDataSizeLength ?? 0,
    };
    for (const [name, value] of Object.entries(this.#p)) {
      if (typeof value === 'number' && !(Number.isInteger(value) && value >= 0 && value <= 32)) {
        throw new AacError(AacErrorCode.ValueOutOfRange, `${name} ${value} is not between 0 and 32 bits`);
      }
    }
    this.#constantSize = options.constantSize;
    this.#duration = options.constantDuration ?? options.frameDuration ?? 1024;
    this.#maxAus = options.maxAccessUnitsPerPacket ?? 64;
    this.#stripAdts = options.stripAdts ?? true;
    const p = this.#p;
    this.#hasAuHeaders =
      p.sizeLength +
        p.indexLength +
        p.indexDeltaLength +
        p.ctsDeltaLength +
        p.dtsDeltaLength +
        p.streamStateIndication >
        0 || p.randomAccessIndication;
  }

  get fragmentActive(): boolean {
    return this.#fragment.active && this.#fragmentSize >= 0;
  }

  /** An unsized AU collected until the unit end (no size signalled, no marker before). */
  finish(_timestamp: number, framer: Framer): undefined {
    if (this.#fragment.active) this.#emit(this.#fragment.finish(), this.#fragmentTimestamp, framer);
    return undefined;
  }

  clear(): void {
    this.#fragment.clear();
    this.#fragmentSize = -1;
  }

  restart(): void {
    this.#adtsReported = false;
  }

  read(payload: Uint8Array, framer: Framer): void {
    let dataStart: number;
    try {
      dataStart = this.#readHeaders(payload, framer.timestamp);
    } catch (e) {
      // Only AacErrors come out of the header reader (its BitReader reports through aacErrorFactory).
      framer.damage((e as AacError).code as AacErrorCode, (e as AacError).message);
      return;
    }
    const sizes = this.#sizes;
    const count = sizes.length;
    if (count > this.#maxAus) {
      framer.damage(
        AacErrorCode.TooManyAccessUnits,
        `${count} aus in one packet exceed maxAccessUnitsPerPacket ${this.#maxAus}`,
      );
      return;
    }
    const data = payload.subarray(dataStart);
    if (this.#fragment.active && this.#fragmentSize >= 0) {
      // A sized fragment continues when the packet carries one AU header with the same AU-size.
      const size = sizes[0] as number;
      if (count === 1 && size === this.#fragmentSize && this.#fragment.bytes + data.length <= size) {
        this.#fragment.append(data);
        this.#fragmentEnd(framer);
        return;
      }
      framer.event(
        AacErrorCode.FragmentIncomplete,
        `au fragment of ${this.#fragment.bytes} of ${this.#fragmentSize} bytes interrupted by a new au`,
      );
      this.clear();
    } else if (this.#fragment.active) {
      // An unsized AU goes on until the unit ends (marker or timestamp change).
      this.#fragment.append(data);
      if (framer.within(this.#fragment.bytes)) this.#fragmentEnd(framer);
      return;
    }
    if (count === 1) {
      const signalled = sizes[0] as number;
      const size = signalled >= 0 ? signalled : data.length;
      if (!framer.within(size)) return;
      if (size > data.length || (signalled < 0 && !framer.marker)) {
        // §3.2.3: the first fragment of an AU larger than the packet; or, with no size
        // signalled at all, a packet without the marker.
        this.#fragment.start(EMPTY, data);
        this.#fragmentSize = signalled >= 0 ? size : -1;
        this.#fragmentTimestamp = this.#times[0] as number;
        this.#fragmentJoining = framer.joining;
        this.#fragmentAfterLoss = framer.afterLoss;
        this.#fragmentEnd(framer);
        return;
      }
      this.#emit(data.subarray(0, size), this.#times[0] as number, framer);
      return;
    }
    // Several AUs: all must fit before any comes out.
    let offset = 0;
    for (let i = 0; i < count; i++) {
      const size = sizes[i] as number;
      if (size > data.length - offset) {
        framer.damage(
          AacErrorCode.InvalidAuHeaders,
          `au ${i} size ${size} exceeds remaining ${data.length - offset} bytes`,
        );
        return;
      }
      if (!framer.within(size)) return;
      offset += size;
    }
    offset = 0;
    for (let i = 0; i < count; i++) {
      const size = sizes[i] as number;
      this.#emit(data.subarray(offset, offset + size), this.#times[i] as number, framer);
      offset += size;
    }
  }

  /** After a fragment arrived: emits a sized AU once whole; at the marker, reports one that is not. */
  #fragmentEnd(framer: Framer): void {
    const size = this.#fragmentSize;
    if (size >= 0 && this.#fragment.bytes === size) {
      this.#emit(this.#fragment.finish(), this.#fragmentTimestamp, framer);
      this.clear();
    } else if (size >= 0 && framer.marker) {
      // The marker came before AU-size bytes: the fragments before were lost, or never sent.
      if (this.#fragmentJoining) framer.joined();
      else if (this.#fragmentAfterLoss) {
        framer.damage(AacErrorCode.FragmentLost, `au fragments hold ${this.#fragment.bytes} of ${size} bytes`);
      } else {
        framer.damage(
          AacErrorCode.FragmentIncomplete,
          `au fragments hold ${this.#fragment.bytes} of ${size} bytes at the marker`,
        );
      }
    }
  }

  #emit(au: Uint8Array, timestamp: number, framer: Framer): void {
    let data = au;
    // Some cameras wrap each AU in ADTS inside mpeg4-generic: strip it when the frame length
    // matches the AU exactly, so a raw AU that happens to start with 0xFFF is left alone.
    if (this.#stripAdts && au.length >= 7 && au[0] === 0xff && ((au[1] as number) & 0xf6) === 0xf0) {
      try {
        const h = parseAdtsHeader(au);
        if (h.frameLength === au.length) {
          data = au.subarray(h.headerLength);
          if (!this.#adtsReported) {
            this.#adtsReported = true;
            framer.event(AacNoticeCode.AdtsInPayload, 'access units carry adts headers; stripped', timestamp >>> 0);
          }
        }
      } catch {
        // not an ADTS header after all: a raw AU
      }
    }
    framer.emit({ timestamp: timestamp >>> 0, data });
  }

  /**
   * Reads the AU header and auxiliary sections into `#sizes`/`#times`; returns where the AU
   * data starts. Throws {@link AacError} for headers that do not fit.
   */
  #readHeaders(payload: Uint8Array, timestamp: number): number {
    const p = this.#p;
    const sizes = this.#sizes;
    const times = this.#times;
    sizes.length = 0;
    times.length = 0;
    const r = bitReader(payload);
    const constantSize = this.#constantSize ?? -1;
    if (this.#hasAuHeaders) {
      const bits = r.u(16);
      const end = 16 + bits;
      if (end > payload.length * 8) {
        throw new AacError(
          AacErrorCode.InvalidAuHeaders,
          `au-headers-length ${bits} bits exceeds the ${payload.length}-byte payload`,
          0,
        );
      }
      let indexSum = 0;
      while (r.bitPosition < end) {
        const headerStart = r.bitPosition;
        const size = p.sizeLength > 0 ? r.u(p.sizeLength) : constantSize;
        let delta = 0;
        if (sizes.length === 0)
          r.skip(p.indexLength); // AU-Index: only for de-interleaving
        else delta = r.u(p.indexDeltaLength) + 1;
        indexSum += delta;
        let auTimestamp = timestamp + indexSum * this.#duration;
        if (p.ctsDeltaLength > 0 && r.flag()) {
          auTimestamp = timestamp + signed(r.u(p.ctsDeltaLength), p.ctsDeltaLength);
        }
        if (p.dtsDeltaLength > 0 && r.flag()) r.skip(p.dtsDeltaLength);
        if (p.randomAccessIndication) r.skip(1);
        r.skip(p.streamStateIndication);
        if (r.bitPosition > end || r.bitPosition === headerStart) {
          throw new AacError(AacErrorCode.InvalidAuHeaders, `au header ${sizes.length} overruns au-headers-length`, 2);
        }
        if (sizes.length === this.#maxAus) {
          // Counted, not read on: the caller refuses the packet.
          sizes.push(size);
          break;
        }
        sizes.push(size);
        times.push(auTimestamp);
      }
      r.bitPosition = (end + 7) & ~7;
    } else if (constantSize > 0) {
      const count = Math.min(this.#maxAus + 1, Math.max(1, Math.floor(payload.length / constantSize)));
      for (let i = 0; i < count; i++) {
        sizes.push(constantSize);
        times.push(timestamp + i * this.#duration);
      }
    } else {
      sizes.push(-1);
      times.push(timestamp);
    }
    if (p.auxiliaryDataSizeLength > 0) {
      const auxBits = r.u(p.auxiliaryDataSizeLength);
      r.skip(auxBits);
      r.bitPosition = (r.bitPosition + 7) & ~7;
      if (r.bitPosition > payload.length * 8) {
        throw new AacError(AacErrorCode.InvalidAuHeaders, 'auxiliary section overruns the payload', 0);
      }
    }
    if (sizes.length === 0) {
      throw new AacError(AacErrorCode.InvalidAuHeaders, 'au header section holds no au header', 0);
    }
    return r.byteOffset;
  }
}

function signed(value: number, bits: number): number {
  return value >= 2 ** (bits - 1) ? value - 2 ** bits : value;
}
