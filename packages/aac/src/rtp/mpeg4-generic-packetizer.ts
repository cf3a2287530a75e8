import { BitWriter } from '@rtspkit/bytes';
import { type RtpPacket, type RtpPacketizerOptions, RtpSequencer, rtpPayloadBudget } from '@rtspkit/rtp';
import { AacError, AacErrorCode } from '../errors.js';

/**
 * Options of {@link Mpeg4GenericPacketizer}: those of every packetizer (payload type, MTU;
 * SSRC and first sequence number, random by default) and the AU header layout.
 */
export type Mpeg4GenericPacketizerOptions = RtpPacketizerOptions & {
  /** Bits of AU-size. Default 13 (AAC-hbr); 6 for AAC-lbr. */
  readonly sizeLength?: number;
  /** Bits of AU-Index. Default 3 (AAC-hbr); 2 for AAC-lbr. */
  readonly indexLength?: number;
  /** Bits of AU-Index-delta. Default 3 (AAC-hbr); 2 for AAC-lbr. */
  readonly indexDeltaLength?: number;
  /** Samples per AU in RTP clock units. Default 1024. */
  readonly frameDuration?: number;
};

/**
 * RFC 3640 mpeg4-generic packetizer (AAC-hbr by default). Aggregates consecutive AUs into
 * one packet while they fit the MTU (AU-Index 0, AU-Index-delta 0, marker set), and
 * fragments an AU that does not fit alone (§3.2.3: each fragment carries one AU header with
 * the whole AU-size; marker on the last fragment only).
 *
 * Writes strictly: the fmtp to announce is `sizelength`/`indexlength`/`indexdeltalength`
 * as configured, `mode=AAC-hbr` for 13/3/3.
 * @see RFC 3640 §3.2, §3.3.6
 */
export class Mpeg4GenericPacketizer {
  readonly #out: RtpSequencer;
  readonly #budget: number;
  readonly #sizeLength: number;
  readonly #indexLength: number;
  readonly #indexDeltaLength: number;
  readonly #frameDuration: number;

  /**
   * Throws {@link AacError} `ERR_AAC_VALUE_OUT_OF_RANGE` for an AU header layout it cannot
   * write, and `RtpError` `ERR_RTP_INVALID_VALUE` from @rtspkit/rtp (which checks the options
   * of every packetizer) for a bad payload type or an MTU without room for one AU data byte.
   */
  constructor(options: Mpeg4GenericPacketizerOptions) {
    this.#sizeLength = options.sizeLength ?? 13;
    this.#indexLength = options.indexLength ?? 3;
    this.#indexDeltaLength = options.indexDeltaLength ?? 3;
    this.#frameDuration = options.frameDuration ?? 1024;
    for (const [name, v] of [
      ['sizeLength', this.#sizeLength],
      ['indexLength', this.#indexLength],
      ['indexDeltaLength', this.#indexDeltaLength],
    ] as const) {
      if (!Number.isInteger(v) || v < 0 || v > 16) {
        throw new AacError(AacErrorCode.ValueOutOfRange, `${name} ${v} is not between 0 and 16 bits`);
      }
    }
    if (this.#sizeLength === 0) throw new AacError(AacErrorCode.ValueOutOfRange, 'sizeLength 0 cannot carry au sizes');
    this.#budget = rtpPayloadBudget(options, this.#headerBytes(1) + 1);
    this.#out = new RtpSequencer(options);
  }

  /** The SSRC every packet carries. */
  get ssrc(): number {
    return this.#out.ssrc;
  }

  /** Sequence number the next packet will carry. */
  get sequenceNumber(): number {
    return this.#out.sequenceNumber;
  }

  /** Bytes of AU-headers-length + `count` AU headers, padded. */
  #headerBytes(count: number): number {
    const bits = this.#sizeLength + this.#indexLength + (count - 1) * (this.#sizeLength + this.#indexDeltaLength);
    return 2 + Math.ceil(bits / 8);
  }

  /**
   * Packetizes consecutive AUs, the first presented at `timestamp` and each next one
   * `frameDuration` later. Throws `ERR_AAC_TOO_LARGE` for an AU whose size does not fit
   * `sizeLength` bits.
   */
  packetize(aus: readonly Uint8Array[], timestamp: number): RtpPacket[] {
    const maxSize = 2 ** this.#sizeLength - 1;
    for (const au of aus) {
      if (au.length > maxSize) {
        throw new AacError(AacErrorCode.TooLarge, `au of ${au.length} bytes exceeds sizelength ${this.#sizeLength}`);
      }
    }
    const budget = this.#budget;
    const packets: RtpPacket[] = [];
    let i = 0;
    while (i < aus.length) {
      const first = aus[i] as Uint8Array;
      const ts = (timestamp + i * this.#frameDuration) >>> 0;
      if (this.#headerBytes(1) + first.length > budget) {
        this.#fragment(first, ts, budget, packets);
        i++;
        continue;
      }
      let count = 1;
      let bytes = first.length;
      while (i + count < aus.length) {
        const next = (aus[i + count] as Uint8Array).length;
        if (this.#headerBytes(count + 1) + bytes + next > budget) break;
        bytes += next;
        count++;
      }
      packets.push(this.#packet(aus.slice(i, i + count), ts, true));
      i += count;
    }
    return packets;
  }

  #fragment(au: Uint8Array, timestamp: number, budget: number, packets: RtpPacket[]): void {
    const room = budget - this.#headerBytes(1);
    for (let offset = 0; offset < au.length; offset += room) {
      const end = Math.min(au.length, offset + room);
      packets.push(this.#packet([au.subarray(offset, end)], timestamp, end === au.length, au.length));
    }
  }

  #packet(chunks: readonly Uint8Array[], timestamp: number, marker: boolean, auSize?: number): RtpPacket {
    const w = new BitWriter();
    const headerBits =
      this.#sizeLength + this.#indexLength + (chunks.length - 1) * (this.#sizeLength + this.#indexDeltaLength);
    w.u(16, headerBits);
    chunks.forEach((c, k) => {
      w.u(this.#sizeLength, auSize ?? c.length);
      w.u(k === 0 ? this.#indexLength : this.#indexDeltaLength, 0);
    });
    const header = w.finish();
    const size = chunks.reduce((n, c) => n + c.length, header.length);
    const payload = new Uint8Array(size);
    payload.set(header, 0);
    let o = header.length;
    for (const c of chunks) {
      payload.set(c, o);
      o += c.length;
    }
    return this.#out.packet(payload, timestamp, marker);
  }
}
