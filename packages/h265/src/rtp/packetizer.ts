import { ByteSlab } from '@rtspkit/bytes';
import { type RtpPacket, type RtpPacketizerOptions, RtpSequencer, rtpPayloadBudget } from '@rtspkit/rtp';
import { H265Error, H265ErrorCode } from '../errors.js';
import { H265NalUnitType } from '../nal.js';
import { AP_SIZE_FIELD, FU_END, FU_START, PAYLOAD_HEADER_SIZE } from './payload.js';

/** Payload header + FU header. */
const FU_OVERHEAD = 3;

/**
 * H.265 access units → RTP packets (RFC 7798, no DON: `sprop-max-don-diff` 0): runs of NAL
 * units that fit one packet together go into an aggregation packet (§4.4.2, e.g. VPS+SPS+PPS),
 * a NAL unit that fits alone into a single NAL unit packet (§4.4.1), a larger one into
 * fragmentation units (§4.4.3). The marker bit is set on the last packet of the access unit.
 * Payloads are new arrays except single NAL unit packets, which alias the input NAL unit.
 *
 * @example
 * const packetizer = new H265Packetizer({ payloadType: 96, mtu: 1200 });
 * for (const packet of packetizer.packetize(accessUnit, pts90k)) send(serializeRtpPacket(packet));
 * @see RFC 7798 §4.4, §6
 */
export class H265Packetizer {
  readonly payloadType: number;
  readonly mtu: number;
  readonly ssrc: number;
  readonly #out: RtpSequencer;
  readonly #maxPayload: number;
  /** Payloads come from slabs: one ArrayBuffer per packet costs more than its bytes. */
  readonly #slab = new ByteSlab();

  /**
   * Throws `ERR_RTP_INVALID_VALUE` (an `RtpError` from @rtspkit/rtp, which checks the options
   * of every packetizer) for a payload type outside 0..127 or an MTU without room for one
   * byte of fragment data.
   */
  constructor(options: RtpPacketizerOptions) {
    this.#maxPayload = rtpPayloadBudget(options, FU_OVERHEAD + 1);
    this.#out = new RtpSequencer(options);
    this.payloadType = options.payloadType;
    this.mtu = options.mtu;
    this.ssrc = this.#out.ssrc;
  }

  /** Sequence number the next packet will carry. */
  get sequenceNumber(): number {
    return this.#out.sequenceNumber;
  }

  /**
   * Packetizes one access unit (NAL units in decode order, each with its 2-byte header and
   * no start code). Throws `ERR_H265_INVALID_ARGUMENT` on a NAL unit shorter than its 2-byte header.
   */
  packetize(nalUnits: readonly Uint8Array[], timestamp: number): RtpPacket[] {
    const payloads: Uint8Array[] = [];
    let i = 0;
    while (i < nalUnits.length) {
      const nal = nalUnits[i] as Uint8Array;
      if (nal.length < 2) {
        throw new H265Error(H265ErrorCode.InvalidArgument, `nal unit ${i} of ${nal.length} bytes is too short to send`);
      }
      // Gather the longest run that fits one aggregation packet.
      let end = i;
      let size = PAYLOAD_HEADER_SIZE;
      while (end < nalUnits.length) {
        const next = nalUnits[end] as Uint8Array;
        if (next.length < 2 || size + AP_SIZE_FIELD + next.length > this.#maxPayload) break;
        size += AP_SIZE_FIELD + next.length;
        end++;
      }
      if (end - i >= 2) {
        payloads.push(aggregate(nalUnits.slice(i, end), this.#slab.alloc(size)));
        i = end;
      } else if (nal.length <= this.#maxPayload) {
        payloads.push(nal);
        i++;
      } else {
        fragment(nal, this.#maxPayload - FU_OVERHEAD, this.#slab, payloads);
        i++;
      }
    }
    return payloads.map((payload, k) => this.#out.packet(payload, timestamp, k === payloads.length - 1));
  }
}

/**
 * Aggregation packet: F is the OR of the units' F bits, LayerId and TID the lowest of theirs
 * (RFC 7798 §4.4.2).
 */
function aggregate(nals: readonly Uint8Array[], out: Uint8Array): Uint8Array {
  let f = 0;
  let layerId = 63;
  let tid = 7;
  let o = PAYLOAD_HEADER_SIZE;
  for (const nal of nals) {
    const b0 = nal[0] as number;
    const b1 = nal[1] as number;
    f |= b0 & 0x80;
    layerId = Math.min(layerId, ((b0 & 1) << 5) | (b1 >>> 3));
    tid = Math.min(tid, b1 & 7);
    out[o] = nal.length >>> 8;
    out[o + 1] = nal.length & 0xff;
    out.set(nal, o + AP_SIZE_FIELD);
    o += AP_SIZE_FIELD + nal.length;
  }
  out[0] = f | (H265NalUnitType.Ap << 1) | (layerId >>> 5);
  out[1] = ((layerId & 0x1f) << 3) | tid;
  return out;
}

/** Fragmentation units of at most `chunk` data bytes each (RFC 7798 §4.4.3). */
function fragment(nal: Uint8Array, chunk: number, slab: ByteSlab, payloads: Uint8Array[]): void {
  const b0 = nal[0] as number;
  const b1 = nal[1] as number;
  const type = (b0 >>> 1) & 0x3f;
  for (let o = PAYLOAD_HEADER_SIZE; o < nal.length; o += chunk) {
    const data = nal.subarray(o, Math.min(o + chunk, nal.length));
    const out = slab.alloc(FU_OVERHEAD + data.length);
    out[0] = (b0 & 0x81) | (H265NalUnitType.Fu << 1);
    out[1] = b1;
    out[2] = (o === PAYLOAD_HEADER_SIZE ? FU_START : 0) | (o + chunk >= nal.length ? FU_END : 0) | type;
    out.set(data, FU_OVERHEAD);
    payloads.push(out);
  }
}
