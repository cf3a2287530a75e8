import { ntpToUnixMs } from './ntp.js';
import type { RtcpSenderReport } from './rtcp/types.js';

/**
 * Maps RTP timestamps of one source to wall-clock time (Unix ms) from its sender reports:
 * the latest SR pairs an NTP time with an RTP timestamp, and other timestamps are placed
 * by their signed distance to it on the media clock, so a timestamp wrap between the SR
 * and the packet comes out right (up to half the 32-bit range, 6.6 h at 90 kHz).
 *
 * @example
 * const clock = new WallClock(90000);
 * clock.onSenderReport(sr);
 * clock.toUnixMs(packet.timestamp); // ms since 1970, or undefined before the first SR
 * @see RFC 3550 §6.4.1
 */
export class WallClock {
  readonly #clockRate: number;
  #rtpTimestamp = 0;
  #unixMs: number | undefined;

  /** `clockRate` is the RTP clock of the source in Hz (90000 for video). */
  constructor(clockRate: number) {
    this.#clockRate = clockRate;
  }

  /** True once a sender report was seen. */
  get synchronized(): boolean {
    return this.#unixMs !== undefined;
  }

  /** Takes the NTP ⇄ RTP pair of a sender report of this source. */
  onSenderReport(report: Pick<RtcpSenderReport, 'ntpTimestamp' | 'rtpTimestamp'>): void {
    this.#rtpTimestamp = report.rtpTimestamp;
    this.#unixMs = ntpToUnixMs(report.ntpTimestamp);
  }

  /** Wall-clock time (Unix ms) of an RTP timestamp, or undefined before the first SR. */
  toUnixMs(rtpTimestamp: number): number | undefined {
    if (this.#unixMs === undefined) return undefined;
    const delta = (rtpTimestamp - this.#rtpTimestamp) | 0;
    return this.#unixMs + (delta * 1000) / this.#clockRate;
  }
}
