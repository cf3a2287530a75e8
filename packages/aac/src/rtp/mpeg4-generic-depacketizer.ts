import type { RtpPacket } from '@rtspkit/rtp';
import { parseAdtsHeader } from '../adts.js';
import { AacError, AacErrorCode } from '../errors.js';
import { bitReader } from '../internal/bits.js';
import { Reassembly } from '../internal/reassembly.js';
import type { Mpeg4GenericParams } from './mpeg4-generic-params.js';
import type { AacAccessUnit, AacDepacketizerEvent } from './types.js';

/** Options of {@link Mpeg4GenericDepacketizer}: the fmtp parameters plus limits. */
export type Mpeg4GenericDepacketizerOptions = Mpeg4GenericParams & {
  /**
   * Largest AU accepted, in bytes. Default 65536: AAC allows at most 6144 bits per channel
   * per frame, so this covers 85 channels while bounding reassembly memory.
   */
  readonly maxAccessUnitBytes?: number;
  /** Strip ADTS headers from AUs that carry one (see {@link Mpeg4GenericDepacketizer}). Default true. */
  readonly stripAdts?: boolean;
};

type AuHeader = { readonly size: number | undefined; readonly timestamp: number };

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
 *   consecutive packets of the same timestamp until AU-size bytes arrived. A sequence gap,
 *   a timestamp change, a size overrun or a marker before the end drops it with an
 *   `ERR_AAC_FRAGMENT_LOST` event. With no size signalled at all, a packet without marker
 *   is taken as a fragment of an AU that ends at the marker.
 * - Some senders put whole ADTS frames (header included) in the AU data; an AU that starts
 *   with a syncword and whose ADTS frame length equals its size is stripped of the header,
 *   reported once with an `ERR_AAC_ADTS_IN_PAYLOAD` event.
 *
 * Whole AUs alias the packet payload; reassembled ones are copies. Malformed packets throw
 * {@link AacError} (and drop any fragment in progress); the depacketizer stays usable.
 *
 * @see RFC 3640 §3.2 (payload format), §3.2.3 (fragmentation), §3.3.6 (AAC-hbr)
 */
export class Mpeg4GenericDepacketizer {
  readonly #p: Required<Omit<Mpeg4GenericParams, 'constantSize' | 'constantDuration' | 'frameDuration'>>;
  readonly #constantSize: number | undefined;
  readonly #duration: number;
  readonly #maxAu: number;
  readonly #stripAdts: boolean;
  readonly #hasAuHeaders: boolean;
  readonly #fragment: Reassembly;
  #fragmentSize: number | undefined;
  #fragmentTimestamp = 0;
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
    this.#maxAu = options.maxAccessUnitBytes ?? 65536;
    this.#stripAdts = options.stripAdts ?? true;
    this.#fragment = new Reassembly(this.#maxAu);
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

  /** Takes one RTP packet; returns the AUs it completes and events, in order. */
  push(packet: RtpPacket): Array<AacAccessUnit | AacDepacketizerEvent> {
    const out: Array<AacAccessUnit | AacDepacketizerEvent> = [];
    let headers: AuHeader[];
    let dataStart: number;
    try {
      ({ headers, dataStart } = this.#readHeaders(packet));
    } catch (e) {
      this.#fragment.reset();
      throw e;
    }
    const payload = packet.payload;
    const data = payload.subarray(dataStart);
    const seq = packet.sequenceNumber;

    // Continuation of a fragmented AU?
    if (this.#fragment.active) {
      const first = headers[0];
      const continues =
        headers.length === 1 &&
        first !== undefined &&
        this.#fragment.continues(seq, packet.timestamp) &&
        first.size === this.#fragmentSize &&
        this.#fragment.length + data.length <= (this.#fragmentSize ?? this.#maxAu);
      if (continues) {
        this.#fragment.add(data, seq, packet.timestamp);
        this.#finishFragment(packet, out);
        return out;
      }
      this.#lose(`au fragment of ${this.#fragment.length} bytes interrupted by packet ${seq}`, seq, out);
    }

    let offset = 0;
    for (let i = 0; i < headers.length; i++) {
      const h = headers[i] as AuHeader;
      const remaining = data.length - offset;
      const size = h.size ?? (this.#constantSize !== undefined ? this.#constantSize : remaining);
      if (size > this.#maxAu) {
        throw new AacError(AacErrorCode.TooLarge, `au size ${size} exceeds ${this.#maxAu}`, dataStart + offset);
      }
      const fragmentStart = headers.length === 1 && (size > remaining || (h.size === undefined && !packet.marker));
      if (fragmentStart) {
        this.#fragmentSize = h.size ?? this.#constantSize;
        this.#fragmentTimestamp = h.timestamp;
        this.#fragment.add(data.subarray(offset), seq, packet.timestamp);
        if (packet.marker) this.#finishFragment(packet, out);
        return out;
      }
      if (size > remaining) {
        throw new AacError(
          AacErrorCode.InvalidAuHeaders,
          `au ${i} size ${size} exceeds remaining ${remaining} bytes`,
          dataStart + offset,
        );
      }
      this.#emit(data.subarray(offset, offset + size), h.timestamp, seq, out);
      offset += size;
    }
    return out;
  }

  #finishFragment(packet: RtpPacket, out: Array<AacAccessUnit | AacDepacketizerEvent>): void {
    const seq = packet.sequenceNumber;
    const expected = this.#fragmentSize;
    const have = this.#fragment.length;
    if (expected === undefined ? packet.marker : have === expected) {
      this.#emit(this.#fragment.take(), this.#fragmentTimestamp, seq, out);
    } else if (packet.marker) {
      this.#lose(`au fragments hold ${have} of ${expected} bytes at the marker`, seq, out);
    }
  }

  #lose(message: string, sequenceNumber: number, out: Array<AacAccessUnit | AacDepacketizerEvent>): void {
    this.#fragment.reset();
    out.push({ event: AacErrorCode.FragmentLost, message, sequenceNumber });
  }

  #emit(au: Uint8Array, timestamp: number, seq: number, out: Array<AacAccessUnit | AacDepacketizerEvent>): void {
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
            out.push({
              event: AacErrorCode.AdtsInPayload,
              message: 'access units carry adts headers; stripped',
              sequenceNumber: seq,
            });
          }
        }
      } catch {
        // not an ADTS header after all: a raw AU
      }
    }
    out.push({ timestamp: timestamp >>> 0, data });
  }

  #readHeaders(packet: RtpPacket): { headers: AuHeader[]; dataStart: number } {
    const payload = packet.payload;
    const p = this.#p;
    const r = bitReader(payload);
    const headers: AuHeader[] = [];
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
        const size = p.sizeLength > 0 ? r.u(p.sizeLength) : this.#constantSize;
        let delta = 0;
        if (headers.length === 0)
          r.skip(p.indexLength); // AU-Index: only for de-interleaving
        else delta = r.u(p.indexDeltaLength) + 1;
        indexSum += delta;
        let timestamp = packet.timestamp + indexSum * this.#duration;
        if (p.ctsDeltaLength > 0 && r.flag()) {
          timestamp = packet.timestamp + signed(r.u(p.ctsDeltaLength), p.ctsDeltaLength);
        }
        if (p.dtsDeltaLength > 0 && r.flag()) r.skip(p.dtsDeltaLength);
        if (p.randomAccessIndication) r.skip(1);
        r.skip(p.streamStateIndication);
        if (r.bitPosition > end || r.bitPosition === headerStart) {
          throw new AacError(
            AacErrorCode.InvalidAuHeaders,
            `au header ${headers.length} overruns au-headers-length`,
            2,
          );
        }
        headers.push({ size, timestamp });
      }
      r.bitPosition = (end + 7) & ~7;
    } else if (this.#constantSize !== undefined && this.#constantSize > 0) {
      const count = Math.max(1, Math.floor(payload.length / this.#constantSize));
      for (let i = 0; i < count; i++) {
        headers.push({ size: this.#constantSize, timestamp: packet.timestamp + i * this.#duration });
      }
    } else {
      headers.push({ size: undefined, timestamp: packet.timestamp });
    }
    if (p.auxiliaryDataSizeLength > 0) {
      const auxBits = r.u(p.auxiliaryDataSizeLength);
      r.skip(auxBits);
      r.bitPosition = (r.bitPosition + 7) & ~7;
      if (r.bitPosition > payload.length * 8) {
        throw new AacError(AacErrorCode.InvalidAuHeaders, `auxiliary section overruns the payload`, 0);
      }
    }
    if (headers.length === 0) {
      throw new AacError(AacErrorCode.InvalidAuHeaders, 'au header section holds no au header', 0);
    }
    return { headers, dataStart: r.byteOffset };
  }
}

function signed(value: number, bits: number): number {
  return value >= 2 ** (bits - 1) ? value - 2 ** bits : value;
}
