import { ByteSlab } from '@rtspkit/bytes';
import { type RtpPacket, type RtpPacketizerOptions, RtpSequencer, rtpPayloadBudget } from '@rtspkit/rtp';
import { H264Error, H264ErrorCode } from '../errors.js';
import { H264NalUnitType } from '../nal.js';

/** FU indicator + FU header (RFC 6184 §5.8). */
const FU_A_HEADER_BYTES = 2;
/** STAP-A NAL header (RFC 6184 §5.7.1). */
const STAP_A_HEADER_BYTES = 1;
/** Each STAP-A unit's 16-bit size field. */
const STAP_A_SIZE_BYTES = 2;

/**
 * H.264 access units → RTP packets in packetization mode 1 (RFC 6184 §6.3): a NAL unit that
 * fits goes alone (single NAL unit packet, §5.6), consecutive NAL units that fit together
 * (typically SPS + PPS + SEI) share a STAP-A (§5.7.1), and larger ones are split into FU-A
 * fragments (§5.8). The last packet of an access unit has the marker bit; sequence numbers
 * are consecutive across calls. Payloads are new arrays except single NAL unit packets,
 * whose payload is the NAL unit itself (no copy).
 *
 * @example
 * const packetizer = new H264Packetizer({ payloadType: 96, mtu: 1200 });
 * const packets = packetizer.packetize(splitAnnexB(frame), 90_000);
 * @see RFC 6184 §5.6, §5.7.1, §5.8, §6.3
 */
export class H264Packetizer {
  readonly #maxPayload: number;
  /** Payloads come from slabs: one ArrayBuffer per packet costs more than its bytes. */
  readonly #slab = new ByteSlab();
  readonly #out: RtpSequencer;

  /**
   * Throws `ERR_RTP_INVALID_VALUE` (an `RtpError` from @rtspkit/rtp, which checks the options
   * of every packetizer) for a payload type outside 0..127 or an MTU without room for an FU-A
   * payload byte.
   */
  constructor(options: RtpPacketizerOptions) {
    this.#maxPayload = rtpPayloadBudget(options, FU_A_HEADER_BYTES + 1);
    this.#out = new RtpSequencer(options);
  }

  /** The SSRC every packet carries. */
  get ssrc(): number {
    return this.#out.ssrc;
  }

  /** The sequence number the next packet will carry. */
  get sequenceNumber(): number {
    return this.#out.sequenceNumber;
  }

  /**
   * Packetizes one access unit (NAL units in decode order, without start codes) taken at
   * `timestamp` (90 kHz, wrapped to 32 bits). Throws `ERR_H264_INVALID_ARGUMENT` for an empty
   * NAL unit.
   */
  packetize(nalUnits: readonly Uint8Array[], timestamp: number): RtpPacket[] {
    const payloads: Uint8Array[] = [];
    const max = this.#maxPayload;
    let i = 0;
    while (i < nalUnits.length) {
      const nal = nalUnits[i] as Uint8Array;
      if (nal.length === 0) throw new H264Error(H264ErrorCode.InvalidArgument, `nal unit ${i} is empty`);
      // How many consecutive NAL units fit one STAP-A?
      let stapBytes = STAP_A_HEADER_BYTES + STAP_A_SIZE_BYTES + nal.length;
      let j = i + 1;
      while (j < nalUnits.length) {
        const next = (nalUnits[j] as Uint8Array).length;
        if (next === 0 || stapBytes + STAP_A_SIZE_BYTES + next > max) break;
        stapBytes += STAP_A_SIZE_BYTES + next;
        j++;
      }
      if (j - i >= 2) {
        payloads.push(stapA(nalUnits, i, j, this.#slab.alloc(stapBytes)));
        i = j;
      } else if (nal.length <= max) {
        payloads.push(nal);
        i++;
      } else {
        fuA(nal, max, this.#slab, payloads);
        i++;
      }
    }
    return payloads.map((payload, k) => this.#out.packet(payload, timestamp, k === payloads.length - 1));
  }
}

/**
 * ```
 * | F|NRI|24 | size (16) | NAL 1 | size (16) | NAL 2 | ...
 * ```
 * NRI is the highest of the aggregated units' (RFC 6184 §5.7).
 */
function stapA(nals: readonly Uint8Array[], from: number, to: number, out: Uint8Array): Uint8Array {
  let nri = 0;
  let o = STAP_A_HEADER_BYTES;
  for (let k = from; k < to; k++) {
    const nal = nals[k] as Uint8Array;
    nri = Math.max(nri, (nal[0] as number) & 0x60);
    out[o] = nal.length >>> 8;
    out[o + 1] = nal.length & 0xff;
    out.set(nal, o + 2);
    o += 2 + nal.length;
  }
  out[0] = nri | H264NalUnitType.StapA;
  return out;
}

/**
 * ```
 * | F|NRI|28 (FU indicator) | S|E|R|type (FU header) | fragment ... |
 * ```
 */
function fuA(nal: Uint8Array, maxPayload: number, slab: ByteSlab, out: Uint8Array[]): void {
  const header = nal[0] as number;
  const indicator = (header & 0xe0) | H264NalUnitType.FuA;
  const type = header & 0x1f;
  const chunk = maxPayload - FU_A_HEADER_BYTES;
  for (let o = 1; o < nal.length; o += chunk) {
    const end = Math.min(o + chunk, nal.length);
    const payload = slab.alloc(FU_A_HEADER_BYTES + end - o);
    payload[0] = indicator;
    payload[1] = (o === 1 ? 0x80 : 0) | (end === nal.length ? 0x40 : 0) | type;
    payload.set(nal.subarray(o, end), FU_A_HEADER_BYTES);
    out.push(payload);
  }
}
