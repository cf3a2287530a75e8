import { FragmentAssembler, hasStartCode } from '@rtspkit/bytes';
import type { RtpPacket } from '@rtspkit/rtp';
import { H264ErrorCode } from '../errors.js';
import { findStartCode, splitAt } from '../internal/embedded-start-codes.js';
import { H264NalUnitType } from '../nal.js';

/**
 * One access unit (one coded picture with its parameter sets and SEI), in decode order.
 * NAL units delivered whole (single NAL unit packets, aggregation packets) alias the RTP
 * payloads; NAL units reassembled from fragments are copies, carved from a shared 64 KiB
 * slab when small (see `ByteSlab` in @rtspkit/bytes): use `byteOffset`/`byteLength` with
 * `.buffer`, and `slice()` what you keep for long.
 */
export type H264AccessUnit = {
  /** RTP timestamp (90 kHz, unsigned 32-bit): the presentation time. */
  readonly timestamp: number;
  readonly nalUnits: readonly Uint8Array[];
  /** True when a NAL unit is an IDR slice (random access point). */
  readonly key: boolean;
};

/**
 * Something the depacketizer noticed and handled: a lost or malformed packet, a dropped
 * access unit, a reset. `code` is one of {@link H264ErrorCode}; benign codes
 * (`ERR_H264_JOINED_MID_ACCESS_UNIT`, `ERR_H264_PACKET_OUT_OF_ORDER`, `ERR_H264_SSRC_CHANGED`)
 * describe normal network life. Callers may log events or ignore them.
 */
export type H264DepacketizerEvent = {
  readonly code: H264ErrorCode;
  readonly message: string;
  /** Sequence number of the packet that revealed the condition. */
  readonly sequenceNumber: number;
  readonly timestamp: number;
};

/** What {@link H264Depacketizer.push} returns, in order. */
export type H264DepacketizerOutput = H264AccessUnit | H264DepacketizerEvent;

/** Tells an access unit from an event in {@link H264Depacketizer.push}'s output. */
export function isH264AccessUnit(item: H264DepacketizerOutput): item is H264AccessUnit {
  return 'nalUnits' in item;
}

export type H264DepacketizerOptions = {
  /** Largest access unit kept, in NAL unit bytes. Default 16 MiB: an 8K intra frame at high quality fits. */
  readonly maxAccessUnitBytes?: number;
  /** Most NAL units in one access unit. Default 2048: 8K with one slice per macroblock row plus SEI fits. */
  readonly maxNalUnits?: number;
};

const DEFAULT_MAX_ACCESS_UNIT_BYTES = 16 * 1024 * 1024;
const DEFAULT_MAX_NAL_UNITS = 2048;

/**
 * RTP → H.264 access units (RFC 6184): single NAL unit packets, STAP-A and FU-A
 * (packetization modes 0 and 1), and STAP-B, MTAP16, MTAP24 and FU-B of the interleaved
 * mode, whose NAL units are emitted in arrival order (no DON reordering; MTAP timestamp
 * offsets are ignored, every NAL unit takes the packet's timestamp).
 *
 * Access units end at the marker bit, or at a timestamp change for senders that never set
 * it. Feed packets of one SSRC in sequence order (put a reorder buffer in front for UDP);
 * a sequence gap drops the access unit in progress and the one the next packet belongs to
 * (RTP cannot tell whether the lost packets began it), so every access unit emitted is
 * complete.
 *
 * `push` never throws: malformed, lost, late and oversized input come out as
 * {@link H264DepacketizerEvent}s next to the access units.
 *
 * Tolerated deviations: no marker bit; FU-A with both start and end bits; Annex-B start
 * codes inside a single NAL unit payload or a reassembled fragmented unit whose header is
 * not a coded slice (split into NAL units; every device seen doing this starts the stream
 * with an SPS, and slices, which carry nearly all the bytes, are not scanned); zero-size
 * STAP units (skipped).
 *
 * @example
 * const depacketizer = new H264Depacketizer();
 * for (const item of depacketizer.push(parseRtpPacket(datagram))) {
 *   if (isH264AccessUnit(item)) decoder.decode(item.nalUnits, item.timestamp);
 * }
 * @see RFC 6184 §5.6, §5.7, §5.8
 */
export class H264Depacketizer {
  readonly #maxBytes: number;
  readonly #maxNals: number;
  #ssrc: number | undefined;
  #lastSeq = -1;
  /** An access unit is in progress (possibly damaged). */
  #open = false;
  #timestamp = 0;
  #nals: Uint8Array[] = [];
  #bytes = 0;
  #key = false;
  /** The access unit in progress lost something; drop it when it ends. */
  #damaged = false;
  /** The NAL unit being reassembled from FU-A/FU-B fragments. */
  readonly #fragment = new FragmentAssembler();
  /** Current packet, for events. */
  #seq = 0;
  #out: H264DepacketizerOutput[] = [];

  constructor(options: H264DepacketizerOptions = {}) {
    this.#maxBytes = options.maxAccessUnitBytes ?? DEFAULT_MAX_ACCESS_UNIT_BYTES;
    this.#maxNals = options.maxNalUnits ?? DEFAULT_MAX_NAL_UNITS;
  }

  /**
   * Takes one RTP packet; returns the access units it completed and the events it caused.
   * Access units hold views of the packets' payloads: keep the packets' buffers alive (and
   * unmodified) as long as the access units are used.
   */
  push(packet: RtpPacket): H264DepacketizerOutput[] {
    const out: H264DepacketizerOutput[] = [];
    this.#out = out;
    const seq = packet.sequenceNumber;
    this.#seq = seq;
    let joining = this.#lastSeq < 0;
    if (this.#ssrc !== undefined && packet.ssrc !== this.#ssrc) {
      if (!this.#fragment.active) this.#emit(this.#timestamp);
      this.#reset();
      joining = true;
      this.#event(H264ErrorCode.SsrcChanged, `ssrc changed to ${packet.ssrc}`, packet.timestamp);
    } else if (!joining) {
      const diff = (seq - this.#lastSeq) & 0xffff;
      if (diff === 0 || diff >= 0x8000) {
        this.#event(H264ErrorCode.PacketOutOfOrder, `packet ${seq} after ${this.#lastSeq} ignored`, packet.timestamp);
        return out;
      }
      if (diff !== 1) {
        const code = this.#fragment.active ? H264ErrorCode.FragmentLost : H264ErrorCode.PacketLost;
        this.#event(code, `${diff - 1} packets lost before ${seq}, access unit dropped`, packet.timestamp);
        this.#close();
        this.#open = true;
        this.#timestamp = packet.timestamp;
        this.#damage();
      }
    }
    this.#ssrc = packet.ssrc;
    this.#lastSeq = seq;
    if (this.#open && packet.timestamp !== this.#timestamp) {
      // The previous access unit had no marker bit (some cameras never set it).
      if (this.#fragment.active) this.#fragmentIncomplete(this.#timestamp);
      this.#emit(this.#timestamp);
    }
    if (!this.#open) {
      this.#open = true;
      this.#timestamp = packet.timestamp;
    }
    this.#payload(packet.payload, joining);
    if (packet.marker) {
      if (this.#fragment.active) this.#fragmentIncomplete(packet.timestamp);
      this.#emit(packet.timestamp);
    }
    return out;
  }

  /**
   * Ends the access unit in progress, if complete, for a sender that never sets the marker
   * bit and has stopped (end of stream). Returns it (or nothing).
   */
  flush(): H264DepacketizerOutput[] {
    const out: H264DepacketizerOutput[] = [];
    this.#out = out;
    if (this.#fragment.active) this.#fragmentIncomplete(this.#timestamp);
    this.#emit(this.#timestamp);
    return out;
  }

  /** Forgets all state, as if newly constructed. */
  reset(): void {
    this.#reset();
  }

  #reset(): void {
    this.#ssrc = undefined;
    this.#lastSeq = -1;
    this.#close();
  }

  #payload(payload: Uint8Array, joining: boolean): void {
    const header = payload[0];
    if (header === undefined) {
      this.#malformed('empty payload');
      return;
    }
    const type = header & 0x1f;
    if ((type >= 1 && type <= 23) || (header === 0 && hasStartCode(payload))) {
      if (joining && isSliceContinuation(payload, 0)) {
        this.#joined();
        return;
      }
      // Annex-B start codes inside a single NAL unit payload: seen from cameras that hand
      // their encoder's byte stream to the payloader unchanged (e.g. SPS+PPS+IDR in one packet).
      this.#addSplit(payload);
      return;
    }
    switch (type) {
      case H264NalUnitType.StapA: {
        this.#aggregate(payload, 1, 0);
        return;
      }
      case H264NalUnitType.StapB: {
        this.#aggregate(payload, 3, 0);
        return;
      }
      case H264NalUnitType.Mtap16: {
        this.#aggregate(payload, 3, 3);
        return;
      }
      case H264NalUnitType.Mtap24: {
        this.#aggregate(payload, 3, 4);
        return;
      }
      case H264NalUnitType.FuA:
      case H264NalUnitType.FuB: {
        this.#fragmentUnit(payload, type === H264NalUnitType.FuB, joining);
        return;
      }
      default:
        // Types 0, 30, 31 are undefined in RFC 6184 §5.4; receivers ignore them.
        this.#event(H264ErrorCode.MalformedPacket, `undefined payload type ${type} ignored`, this.#timestamp);
    }
  }

  /**
   * STAP-A/B, MTAP16/24 (RFC 6184 §5.7): `start` skips the header (and DON/DONB);
   * `perUnit` is the DOND + timestamp offset bytes each MTAP unit carries after its size.
   *
   * ```
   * STAP-A: | STAP-A NAL HDR | NALU 1 size (16) | NALU 1 HDR | NALU 1 data | NALU 2 size | ...
   * MTAP16: | MTAP16 HDR | DONB (16) | size (16) | DOND (8) | TS offset (16) | NALU HDR | ...
   * ```
   */
  #aggregate(payload: Uint8Array, start: number, perUnit: number): void {
    const n = payload.length;
    if (n < start) {
      this.#malformed(`aggregation packet of ${n} bytes`);
      return;
    }
    let o = start;
    while (o < n) {
      if (o + 2 > n) {
        this.#malformed(`aggregation unit size needs 2 bytes but ${n - o} remain`);
        return;
      }
      const size = ((payload[o] as number) << 8) | (payload[o + 1] as number);
      o += 2;
      if (size > n - o) {
        this.#malformed(`aggregation unit size ${size} exceeds remaining ${n - o} bytes`);
        return;
      }
      if (size < perUnit) {
        this.#malformed(`mtap unit size ${size} below ${perUnit}`);
        return;
      }
      if (size > perUnit) this.#add(payload.subarray(o + perUnit, o + size));
      o += size;
    }
  }

  /**
   * FU-A / FU-B (RFC 6184 §5.8).
   *
   * ```
   * | FU indicator (F|NRI|28) | FU header (S|E|R|Type) | [DON (16), FU-B only] | FU payload ... |
   * ```
   */
  #fragmentUnit(payload: Uint8Array, fuB: boolean, joining: boolean): void {
    const fuHeader = payload[1];
    if (fuHeader === undefined) {
      this.#malformed('fragmentation unit without fu header');
      return;
    }
    const start = (fuHeader & 0x80) !== 0;
    const end = (fuHeader & 0x40) !== 0;
    const dataStart = fuB && start ? 4 : 2;
    if (payload.length < dataStart) {
      this.#malformed(`fu-b of ${payload.length} bytes has no don`);
      return;
    }
    const data = payload.subarray(dataStart);
    if (start) {
      if (this.#fragment.active) this.#fragmentIncomplete(this.#timestamp);
      if (joining && isSliceContinuation(payload, dataStart - 1, fuHeader & 0x1f)) {
        this.#joined();
        return;
      }
      if (this.#damaged) return;
      this.#fragment.start(Uint8Array.of(((payload[0] as number) & 0xe0) | (fuHeader & 0x1f)), data);
    } else if (!this.#fragment.active) {
      if (joining) {
        this.#joined();
        return;
      }
      if (!this.#damaged) this.#malformed('fragment without a start fragment');
      return;
    } else {
      this.#fragment.append(data);
    }
    if (this.#bytes + this.#fragment.bytes > this.#maxBytes) {
      this.#tooLarge();
      return;
    }
    // Some encoders send a NAL unit that fits one packet as an FU-A with S and E both set.
    if (end) this.#addSplit(this.#fragment.finish());
  }

  /**
   * Adds a NAL unit that may hold Annex-B start codes. Only non-slice NAL units are scanned:
   * V380 cameras send SPS, PPS and IDR as one Annex-B stream inside an FU-A whose header
   * says SPS (scottlamb/retina#99), and other senders put SPS+PPS+IDR in one packet; a
   * conforming slice never holds `00 00 01` (H.264 §7.4.1).
   */
  #addSplit(nal: Uint8Array): void {
    const type = (nal[0] as number) & 0x1f;
    const at = type >= H264NalUnitType.NonIdrSlice && type <= H264NalUnitType.IdrSlice ? -1 : findStartCode(nal);
    if (at < 0) {
      this.#add(nal);
      return;
    }
    for (const part of splitAt(nal, at)) this.#add(part);
  }

  #add(nal: Uint8Array): void {
    if (this.#damaged || nal.length === 0) return;
    if (this.#nals.length >= this.#maxNals || this.#bytes + nal.length > this.#maxBytes) {
      this.#tooLarge();
      return;
    }
    this.#nals.push(nal);
    this.#bytes += nal.length;
    if (((nal[0] as number) & 0x1f) === H264NalUnitType.IdrSlice) this.#key = true;
  }

  #emit(timestamp: number): void {
    if (this.#open && !this.#damaged && !this.#fragment.active && this.#nals.length > 0) {
      this.#out.push({ timestamp, nalUnits: this.#nals, key: this.#key });
    }
    this.#close();
  }

  #close(): void {
    this.#open = false;
    this.#damaged = false;
    this.#nals = [];
    this.#bytes = 0;
    this.#key = false;
    this.#fragment.clear();
  }

  #damage(): void {
    this.#damaged = true;
    this.#nals = [];
    this.#bytes = 0;
    this.#key = false;
    this.#fragment.clear();
  }

  #tooLarge(): void {
    this.#event(
      H264ErrorCode.AccessUnitTooLarge,
      `access unit over ${this.#maxBytes} bytes or ${this.#maxNals} nal units dropped`,
      this.#timestamp,
    );
    this.#damage();
  }

  #malformed(message: string): void {
    this.#event(H264ErrorCode.MalformedPacket, message, this.#timestamp);
    this.#damage();
  }

  #fragmentIncomplete(timestamp: number): void {
    this.#event(H264ErrorCode.FragmentIncomplete, 'fragment ended without its end bit', timestamp);
    this.#damage();
  }

  #joined(): void {
    this.#event(H264ErrorCode.JoinedMidAccessUnit, 'joined mid access unit, waiting for the next', this.#timestamp);
    this.#damage();
  }

  #event(code: H264ErrorCode, message: string, timestamp: number): void {
    this.#out.push({ code, message, sequenceNumber: this.#seq, timestamp });
  }
}

/**
 * True when the NAL unit whose header is at `payload[at]` (or whose type is `type`) is a
 * slice that is not the first of its picture: the stream was joined mid access unit.
 */
function isSliceContinuation(payload: Uint8Array, at: number, type = (payload[at] ?? 0) & 0x1f): boolean {
  if (type !== H264NalUnitType.NonIdrSlice && type !== H264NalUnitType.IdrSlice) return false;
  const b = payload[at + 1];
  // first_mb_in_slice is ue(v): a leading 1 bit means 0.
  return b !== undefined && (b & 0x80) === 0;
}
