import { ntpToCompact } from './ntp.js';
import { msToCompactNtp } from './ntp.js';
import type { RtpPacket } from './packet-types.js';
import type { RtcpReportBlock, RtcpSenderReport } from './rtcp/types.js';

/** Options of {@link ReceptionStats}; the defaults are RFC 3550 A.1's. */
export type ReceptionStatsOptions = {
  /** Sequential packets needed before a source is valid (default 2, RFC 3550 A.1 MIN_SEQUENTIAL). */
  readonly minSequential?: number;
  /** Largest forward jump still taken as the same stream (default 3000, A.1 MAX_DROPOUT). */
  readonly maxDropout?: number;
  /** Largest backward step still taken as reordering (default 100, A.1 MAX_MISORDER). */
  readonly maxMisorder?: number;
};

const SEQ_MOD = 0x10000;

/**
 * Reception statistics of one RTP source, as RFC 3550 Appendix A computes them: source
 * validation with probation and resynchronisation after a large jump (A.1), expected and
 * lost packets and the fraction lost per report interval (A.3), interarrival jitter (A.8),
 * and the LSR/DLSR of the last sender report, to build RR report blocks.
 *
 * Sans-IO: arrival times are inputs. `push` takes the arrival time in RTP timestamp units
 * of the source's clock (for jitter); `onSenderReport` and `reportBlock` take wall-clock ms.
 * A packet with another SSRC starts the statistics over, as a new source.
 *
 * @see RFC 3550 A.1, A.3, A.8, §6.4.1
 */
export class ReceptionStats {
  readonly #minSequential: number;
  readonly #maxDropout: number;
  readonly #maxMisorder: number;
  #ssrc: number | undefined;
  #maxSeq = 0;
  #cycles = 0;
  #baseSeq = 0;
  #badSeq = SEQ_MOD + 1;
  #probation = 0;
  #received = 0;
  #expectedPrior = 0;
  #receivedPrior = 0;
  #transit: number | undefined;
  #jitter = 0;
  #lastSr = 0;
  #lastSrArrival: number | undefined;

  constructor(options: ReceptionStatsOptions = {}) {
    this.#minSequential = options.minSequential ?? 2;
    this.#maxDropout = options.maxDropout ?? 3000;
    this.#maxMisorder = options.maxMisorder ?? 100;
  }

  /** SSRC of the source, once a packet was seen. */
  get ssrc(): number | undefined {
    return this.#ssrc;
  }

  /** True once the source passed probation. */
  get valid(): boolean {
    return this.#ssrc !== undefined && this.#probation === 0;
  }

  /** Packets counted as received (after probation; duplicates count, as in A.1). */
  get received(): number {
    return this.#received;
  }

  /** Extended highest sequence number received (cycles + highest). */
  get extendedHighestSequence(): number {
    return this.#cycles + this.#maxSeq;
  }

  /** Packets expected since the source became valid (A.3). */
  get expected(): number {
    return this.valid ? this.extendedHighestSequence - this.#baseSeq + 1 : 0;
  }

  /** Cumulative packets lost (A.3): expected − received; negative when duplicates outnumber losses. */
  get lost(): number {
    return this.expected - this.#received;
  }

  /** Interarrival jitter estimate in RTP timestamp units (A.8). */
  get jitter(): number {
    return this.#jitter;
  }

  /**
   * Counts one packet that arrived at `arrival` (in RTP timestamp units of the source's
   * clock). Returns true when the packet is valid for the source (A.1 `update_seq`), false
   * during probation or after a jump that still awaits confirmation.
   */
  push(packet: Pick<RtpPacket, 'sequenceNumber' | 'timestamp' | 'ssrc'>, arrival: number): boolean {
    const seq = packet.sequenceNumber;
    if (this.#ssrc !== packet.ssrc) this.#newSource(packet.ssrc, seq);
    if (!this.#updateSeq(seq)) return false;
    this.#updateJitter(packet.timestamp, arrival);
    return true;
  }

  /** Records a sender report of this source, received at `now` (wall-clock ms), for LSR/DLSR. */
  onSenderReport(report: Pick<RtcpSenderReport, 'ntpTimestamp'>, now: number): void {
    this.#lastSr = ntpToCompact(report.ntpTimestamp);
    this.#lastSrArrival = now;
  }

  /**
   * The report block for an RR or SR sent at `now` (wall-clock ms), and the start of a new
   * report interval for the fraction lost (A.3). Cumulative lost is clamped to 24 bits.
   */
  reportBlock(now: number): RtcpReportBlock {
    const expected = this.expected;
    const expectedInterval = expected - this.#expectedPrior;
    const receivedInterval = this.#received - this.#receivedPrior;
    this.#expectedPrior = expected;
    this.#receivedPrior = this.#received;
    const lostInterval = expectedInterval - receivedInterval;
    const fractionLost =
      expectedInterval === 0 || lostInterval <= 0
        ? 0
        : Math.min(255, Math.floor((lostInterval * 256) / expectedInterval));
    return {
      ssrc: this.#ssrc ?? 0,
      fractionLost,
      cumulativeLost: Math.max(-0x800000, Math.min(0x7fffff, this.lost)),
      highestSequence: this.extendedHighestSequence >>> 0,
      jitter: Math.floor(this.#jitter) >>> 0,
      lastSr: this.#lastSrArrival === undefined ? 0 : this.#lastSr,
      delaySinceLastSr: this.#lastSrArrival === undefined ? 0 : msToCompactNtp(now - this.#lastSrArrival),
    };
  }

  #newSource(ssrc: number, seq: number): void {
    this.#ssrc = ssrc;
    this.#initSeq(seq);
    // A.1 starts probation one below the first packet, so that packet counts as sequential.
    this.#maxSeq = this.#minSequential > 0 ? (seq - 1 + SEQ_MOD) % SEQ_MOD : seq;
    this.#probation = this.#minSequential;
    this.#transit = undefined;
    this.#jitter = 0;
    this.#lastSrArrival = undefined;
  }

  /** A.1 `init_seq`. */
  #initSeq(seq: number): void {
    this.#baseSeq = seq;
    this.#maxSeq = seq;
    this.#badSeq = SEQ_MOD + 1;
    this.#cycles = 0;
    this.#received = 0;
    this.#receivedPrior = 0;
    this.#expectedPrior = 0;
  }

  /** A.1 `update_seq`. */
  #updateSeq(seq: number): boolean {
    const udelta = (seq - this.#maxSeq + SEQ_MOD) % SEQ_MOD;
    if (this.#probation > 0) {
      if (seq === (this.#maxSeq + 1) % SEQ_MOD) {
        this.#probation--;
        this.#maxSeq = seq;
        if (this.#probation === 0) {
          this.#initSeq(seq);
          this.#received++;
          return true;
        }
      } else {
        this.#probation = this.#minSequential - 1;
        this.#maxSeq = seq;
      }
      return false;
    }
    if (udelta < this.#maxDropout) {
      if (seq < this.#maxSeq) this.#cycles += SEQ_MOD;
      this.#maxSeq = seq;
    } else if (udelta <= SEQ_MOD - this.#maxMisorder) {
      // A very large jump: resync when the next packet follows it (the sender restarted).
      if (seq === this.#badSeq) {
        this.#initSeq(seq);
      } else {
        this.#badSeq = (seq + 1) % SEQ_MOD;
        return false;
      }
    }
    // else: a duplicate or reordered packet, counted as received
    this.#received++;
    return true;
  }

  /** A.8: J += (|D| − J) / 16, with D the change in transit time. */
  #updateJitter(timestamp: number, arrival: number): void {
    const transit = (Math.floor(arrival) - timestamp) | 0;
    if (this.#transit !== undefined) {
      const d = Math.abs((transit - this.#transit) | 0);
      this.#jitter += (d - this.#jitter) / 16;
    }
    this.#transit = transit;
  }
}
