import { FragmentAssembler, hasStartCode } from '@rtspkit/bytes';
import type { DepacketizerEvent, RtpFramer, RtpFramerCode } from '@rtspkit/rtp';
import type { RtpPayloadReader, VideoAccessUnit, VideoDepacketizerLimits } from '@rtspkit/rtp';
import { RtpDepacketizer, videoFramerOptions, isVideoAccessUnit, rtpFramerCodes } from '@rtspkit/rtp';
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
export type H264AccessUnit = VideoAccessUnit;

/**
 * Codes of the events {@link H264Depacketizer} reports: the framer's (`ERR_H264_PACKET_LOST`,
 * `ERR_H264_FRAGMENT_LOST`, `ERR_H264_FRAGMENT_INCOMPLETE`, `ERR_H264_ACCESS_UNIT_TOO_LARGE`
 * and the benign {@link H264NoticeCode}s) and `ERR_H264_MALFORMED_PACKET`.
 */
export type H264DepacketizerEventCode = RtpFramerCode<'H264'> | typeof H264ErrorCode.MalformedPacket;

/**
 * Something the depacketizer noticed and handled: a lost or malformed packet, a dropped
 * access unit, an SSRC change. Callers may log events or ignore them.
 */
export type H264DepacketizerEvent = DepacketizerEvent<H264DepacketizerEventCode>;

/** What {@link H264Depacketizer.push} returns, in order. */
export type H264DepacketizerOutput = H264AccessUnit | H264DepacketizerEvent;

/** Tells an access unit from an event in {@link H264Depacketizer.push}'s output. */
export const isH264AccessUnit: (item: H264DepacketizerOutput) => item is H264AccessUnit = isVideoAccessUnit;

/** Limits of {@link H264Depacketizer}: `maxAccessUnitBytes` (default 16 MiB), `maxNalUnits` (default 2048). */
export type H264DepacketizerOptions = VideoDepacketizerLimits;

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
export class H264Depacketizer extends RtpDepacketizer<H264AccessUnit, H264DepacketizerEventCode> {
  constructor(options: H264DepacketizerOptions = {}) {
    super(new H264PayloadReader(), rtpFramerCodes('H264'), videoFramerOptions(options));
  }
}

type Framer = RtpFramer<H264AccessUnit, H264DepacketizerEventCode>;

/** RFC 6184 payloads → the NAL units of the access unit in progress. */
class H264PayloadReader implements RtpPayloadReader<H264AccessUnit, H264DepacketizerEventCode> {
  #nals: Uint8Array[] = [];
  #key = false;
  /** The NAL unit being reassembled from FU-A/FU-B fragments. */
  readonly #fragment = new FragmentAssembler();

  get fragmentActive(): boolean {
    return this.#fragment.active;
  }

  finish(timestamp: number): H264AccessUnit | undefined {
    if (this.#nals.length === 0) return undefined;
    return { timestamp, nalUnits: this.#nals, key: this.#key };
  }

  clear(): void {
    this.#nals = [];
    this.#key = false;
    this.#fragment.clear();
  }

  restart(): void {}

  read(payload: Uint8Array, framer: Framer): void {
    const header = payload[0];
    if (header === undefined) {
      framer.damage(H264ErrorCode.MalformedPacket, 'empty payload');
      return;
    }
    const type = header & 0x1f;
    if ((type >= 1 && type <= 23) || (header === 0 && hasStartCode(payload))) {
      if (framer.joining && isSliceContinuation(payload, 0)) {
        framer.joined();
        return;
      }
      // Annex-B start codes inside a single NAL unit payload: seen from cameras that hand
      // their encoder's byte stream to the payloader unchanged (e.g. SPS+PPS+IDR in one packet).
      this.#addSplit(payload, framer);
      return;
    }
    switch (type) {
      case H264NalUnitType.StapA: {
        this.#aggregate(payload, 1, 0, framer);
        return;
      }
      case H264NalUnitType.StapB: {
        this.#aggregate(payload, 3, 0, framer);
        return;
      }
      case H264NalUnitType.Mtap16: {
        this.#aggregate(payload, 3, 3, framer);
        return;
      }
      case H264NalUnitType.Mtap24: {
        this.#aggregate(payload, 3, 4, framer);
        return;
      }
      case H264NalUnitType.FuA:
      case H264NalUnitType.FuB: {
        this.#fragmentUnit(payload, type === H264NalUnitType.FuB, framer);
        return;
      }
      default:
        // Types 0, 30, 31 are undefined in RFC 6184 §5.4; receivers ignore them.
        framer.event(H264ErrorCode.MalformedPacket, `undefined payload type ${type} ignored`);
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
  #aggregate(payload: Uint8Array, start: number, perUnit: number, framer: Framer): void {
    const n = payload.length;
    if (n < start) {
      framer.damage(H264ErrorCode.MalformedPacket, `aggregation packet of ${n} bytes`);
      return;
    }
    let o = start;
    while (o < n) {
      if (o + 2 > n) {
        framer.damage(H264ErrorCode.MalformedPacket, `aggregation unit size needs 2 bytes but ${n - o} remain`);
        return;
      }
      const size = ((payload[o] as number) << 8) | (payload[o + 1] as number);
      o += 2;
      if (size > n - o) {
        framer.damage(H264ErrorCode.MalformedPacket, `aggregation unit size ${size} exceeds remaining ${n - o} bytes`);
        return;
      }
      if (size < perUnit) {
        framer.damage(H264ErrorCode.MalformedPacket, `mtap unit size ${size} below ${perUnit}`);
        return;
      }
      if (size > perUnit) this.#add(payload.subarray(o + perUnit, o + size), framer);
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
  #fragmentUnit(payload: Uint8Array, fuB: boolean, framer: Framer): void {
    const fuHeader = payload[1];
    if (fuHeader === undefined) {
      framer.damage(H264ErrorCode.MalformedPacket, 'fragmentation unit without fu header');
      return;
    }
    const start = (fuHeader & 0x80) !== 0;
    const end = (fuHeader & 0x40) !== 0;
    const dataStart = fuB && start ? 4 : 2;
    if (payload.length < dataStart) {
      framer.damage(H264ErrorCode.MalformedPacket, `fu-b of ${payload.length} bytes has no don`);
      return;
    }
    const data = payload.subarray(dataStart);
    if (start) {
      if (this.#fragment.active) framer.fragmentIncomplete();
      if (framer.joining && isSliceContinuation(payload, dataStart - 1, fuHeader & 0x1f)) {
        framer.joined();
        return;
      }
      if (framer.damaged) return;
      this.#fragment.start(Uint8Array.of(((payload[0] as number) & 0xe0) | (fuHeader & 0x1f)), data);
    } else if (!this.#fragment.active) {
      if (framer.joining) framer.joined();
      else if (!framer.damaged) framer.damage(H264ErrorCode.MalformedPacket, 'fragment without a start fragment');
      return;
    } else {
      this.#fragment.append(data);
    }
    if (!framer.within(this.#fragment.bytes)) return;
    // Some encoders send a NAL unit that fits one packet as an FU-A with S and E both set.
    if (end) this.#addSplit(this.#fragment.finish(), framer);
  }

  /**
   * Adds a NAL unit that may hold Annex-B start codes. Only non-slice NAL units are scanned:
   * V380 cameras send SPS, PPS and IDR as one Annex-B stream inside an FU-A whose header
   * says SPS (scottlamb/retina#99), and other senders put SPS+PPS+IDR in one packet; a
   * conforming slice never holds `00 00 01` (H.264 §7.4.1).
   */
  #addSplit(nal: Uint8Array, framer: Framer): void {
    const type = (nal[0] as number) & 0x1f;
    const at = type >= H264NalUnitType.NonIdrSlice && type <= H264NalUnitType.IdrSlice ? -1 : findStartCode(nal);
    if (at < 0) {
      this.#add(nal, framer);
      return;
    }
    for (const part of splitAt(nal, at)) this.#add(part, framer);
  }

  #add(nal: Uint8Array, framer: Framer): void {
    if (nal.length === 0 || !framer.admit(nal.length)) return;
    this.#nals.push(nal);
    if (((nal[0] as number) & 0x1f) === H264NalUnitType.IdrSlice) this.#key = true;
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
