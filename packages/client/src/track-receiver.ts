import { H264DtsExtractor } from '@rtspkit/h264';
import { H265DtsExtractor } from '@rtspkit/h265';
import {
  parseRtcpCompound,
  parseRtpPacket,
  ReceptionStats,
  ReorderBuffer,
  type RtcpReportBlock,
  type RtpPacket,
  TimestampUnwrapper,
  WallClock,
} from '@rtspkit/rtp';
import type { Format } from '@rtspkit/format';
import {
  createTrackDepacketizer,
  type DepacketizedUnit,
  type DepacketizerNote,
  type TrackDepacketizer,
  updateParameterSets,
} from './codecs.js';

/**
 * One access unit of a track. Timestamps are in the track's clock rate (90 kHz video, the
 * sample rate for AAC), unwrapped, counted from the start of the play range: the RTP-Info
 * `rtptime` of PLAY when the server gave one (so tracks line up), else the track's first
 * packet.
 */
export type AccessUnit = {
  /** Index of the track in {@link ClientSession.tracks}. */
  readonly track: number;
  /** The raw RTP timestamp. */
  readonly timestamp: number;
  /** Presentation time (ticks of the clock rate). */
  readonly pts: number;
  /**
   * Decode time: from the picture order count for H.264/H.265 (B-frames), else `pts`.
   * Strictly increasing per video track; it may be negative at the start of a stream with
   * B-frames (the first picture decodes before it is shown).
   */
  readonly dts: number;
  /** Wall-clock time (Unix ms) once an RTCP sender report mapped the track's clock. */
  readonly wallClock?: number;
  /** True for a random access point (IDR or IRAP picture; every audio frame). */
  readonly key: boolean;
  /** Video: the NAL units without start codes, in decode order. */
  readonly nalUnits?: readonly Uint8Array[];
  /** Audio: one frame (AAC raw data block); generic formats: the RTP payload. */
  readonly data?: Uint8Array;
};

/** Reception counters of one track. */
export type TrackStats = {
  readonly packetsReceived: number;
  readonly bytesReceived: number;
  /** Packets never received (RFC 3550 A.3 cumulative lost, never negative). */
  readonly packetsLost: number;
  /** Interarrival jitter (RFC 3550 A.8), in ms. */
  readonly jitterMs: number;
  readonly accessUnits: number;
  /** Access units or packets the depacketizer dropped as damaged or malformed. */
  readonly notes: number;
  /** RTCP sender reports received. */
  readonly senderReports: number;
};

/** Options of {@link TrackReceiver}. */
export type TrackReceiverOptions = {
  /** Put a reorder buffer in front of the depacketizer (UDP media). */
  readonly reorder: boolean;
  /** How long the reorder buffer waits for a missing packet, ms. Default 100. */
  readonly reorderDelayMs?: number;
};

/**
 * The media side of one track, sans-IO: RTP and RTCP in (with arrival times), access units
 * with PTS/DTS/wall clock out, reception statistics for receiver reports.
 *
 * @see RFC 3550 §6.4 (reports), A.1, A.3, A.8
 */
export class TrackReceiver {
  readonly index: number;
  /** The track's format; video formats pick up parameter sets sent in band. */
  format: Format;
  /** Set when in-band parameter sets changed {@link format}; the session clears it. */
  formatChanged = false;
  readonly #reorder: ReorderBuffer | undefined;
  readonly #stats = new ReceptionStats();
  readonly #clock: WallClock;
  readonly #unwrapper = new TimestampUnwrapper();
  readonly #depacketizer: TrackDepacketizer;
  #dts: H264DtsExtractor | H265DtsExtractor | undefined;
  #primed = false;
  #prevDts: number | undefined;
  #base: number | undefined;
  #rtpInfoTime: number | undefined;
  #packets = 0;
  #bytes = 0;
  #units = 0;
  #notes = 0;
  #senderReports = 0;
  /** Last arrival of an RTP or RTCP packet, ms. */
  lastArrival: number | undefined;

  constructor(index: number, format: Format, options: TrackReceiverOptions) {
    this.index = index;
    this.format = format;
    this.#reorder = options.reorder ? new ReorderBuffer({ maxDelayMs: options.reorderDelayMs ?? 100 }) : undefined;
    this.#clock = new WallClock(format.clockRate);
    this.#depacketizer = createTrackDepacketizer(format);
    this.#dts = newDtsExtractor(format);
  }

  /** The RTP-Info `rtptime` of PLAY: the RTP time of the start of the range. */
  setRtpInfoTime(rtptime: number): void {
    this.#rtpInfoTime = rtptime >>> 0;
  }

  /** SSRC of the sender, once a packet came. */
  get ssrc(): number | undefined {
    return this.#stats.ssrc;
  }

  /**
   * Takes one RTP packet (bytes) that arrived at `now` (ms); appends completed access units
   * to `units` and what the depacketizer noticed to `notes`. Malformed packets become notes.
   */
  receiveRtp(bytes: Uint8Array, now: number, units: AccessUnit[], notes: DepacketizerNote[]): void {
    let packet: RtpPacket;
    try {
      packet = parseRtpPacket(bytes);
    } catch (e) {
      this.#notes++;
      notes.push({ code: (e as { code?: string }).code ?? 'unknown', message: String(e), sequenceNumber: -1 });
      return;
    }
    this.lastArrival = now;
    this.#packets++;
    this.#bytes += bytes.length;
    this.#stats.push(packet, (now * this.format.clockRate) / 1000);
    if (this.#reorder === undefined) this.#depacketize(packet, units, notes);
    else for (const p of this.#reorder.push(packet, now)) this.#depacketize(p, units, notes);
  }

  /** Releases packets the reorder buffer held past its delay. */
  poll(now: number, units: AccessUnit[], notes: DepacketizerNote[]): void {
    if (this.#reorder === undefined) return;
    for (const p of this.#reorder.poll(now)) this.#depacketize(p, units, notes);
  }

  /** When {@link poll} next has work, ms. */
  nextDeadline(): number | undefined {
    return this.#reorder?.nextDeadline();
  }

  /** Takes an RTCP compound packet; returns true when it says BYE for this track's source. */
  receiveRtcp(bytes: Uint8Array, now: number): boolean {
    let bye = false;
    try {
      for (const p of parseRtcpCompound(bytes, { tolerant: true })) {
        if (p.type === 'sr' && (this.#stats.ssrc === undefined || p.ssrc === this.#stats.ssrc)) {
          this.#clock.onSenderReport(p);
          this.#stats.onSenderReport(p, now);
          this.#senderReports++;
        } else if (p.type === 'bye' && this.#stats.ssrc !== undefined && p.ssrcs.includes(this.#stats.ssrc)) bye = true;
      }
    } catch {
      // An unreadable RTCP packet changes nothing; RTCP is advisory.
      this.#notes++;
    }
    this.lastArrival = now;
    return bye;
  }

  /** The report block of an RR sent at `now`, or undefined before a valid source. */
  reportBlock(now: number): RtcpReportBlock | undefined {
    return this.#stats.valid ? this.#stats.reportBlock(now) : undefined;
  }

  stats(): TrackStats {
    return {
      packetsReceived: this.#packets,
      bytesReceived: this.#bytes,
      packetsLost: Math.max(0, this.#stats.lost),
      jitterMs: (this.#stats.jitter * 1000) / this.format.clockRate,
      accessUnits: this.#units,
      notes: this.#notes,
      senderReports: this.#senderReports,
    };
  }

  /** Forgets the stream position (a new PLAY or a reconnect); keeps the counters. */
  restart(): void {
    this.#depacketizer.reset();
    this.#base = undefined;
    this.#rtpInfoTime = undefined;
    this.#dts = newDtsExtractor(this.format);
    this.#primed = false;
    this.#prevDts = undefined;
  }

  #depacketize(packet: RtpPacket, units: AccessUnit[], notes: DepacketizerNote[]): void {
    const before = notes.length;
    for (const unit of this.#depacketizer.push(packet, notes)) {
      const out = this.#timed(unit, notes);
      if (out !== undefined) {
        units.push(out);
        this.#units++;
      }
    }
    this.#notes += notes.length - before;
  }

  #timed(unit: DepacketizedUnit, notes: DepacketizerNote[]): AccessUnit | undefined {
    if (unit.nalUnits !== undefined) {
      const next = updateParameterSets(this.format, unit.nalUnits);
      if (next !== this.format) {
        this.format = next;
        this.formatChanged = true;
      }
    }
    const unwrapped = this.#unwrapper.unwrap(unit.timestamp);
    if (this.#base === undefined) {
      // The RTP-Info time sits near the first packet: place it by its signed distance.
      const info = this.#rtpInfoTime;
      this.#base = info === undefined ? unwrapped : unwrapped + ((info - unit.timestamp) | 0);
    }
    const pts = unwrapped - this.#base;
    let dts = pts;
    if (this.#dts !== undefined && unit.nalUnits !== undefined) {
      try {
        const nals = this.#primed ? unit.nalUnits : [...parameterSetsOf(this.format), ...unit.nalUnits];
        dts = this.#dts.extract(nals, pts);
        this.#primed = true;
      } catch (e) {
        // No parameter set yet (joined mid-stream before an SPS): a decoder cannot use the
        // unit either, so it is dropped.
        notes.push({ code: (e as { code?: string }).code ?? 'unknown', message: String(e), sequenceNumber: -1 });
        return undefined;
      }
    }
    if (this.#prevDts !== undefined && dts <= this.#prevDts && this.#dts !== undefined) dts = this.#prevDts + 1;
    this.#prevDts = dts;
    const wallClock = this.#clock.toUnixMs(unit.timestamp);
    const au: { -readonly [K in keyof AccessUnit]: AccessUnit[K] } = {
      track: this.index,
      timestamp: unit.timestamp,
      pts,
      dts,
      key: unit.key,
    };
    if (wallClock !== undefined) au.wallClock = wallClock;
    if (unit.nalUnits !== undefined) au.nalUnits = unit.nalUnits;
    if (unit.data !== undefined) au.data = unit.data;
    return au;
  }
}

function parameterSetsOf(format: Format): readonly Uint8Array[] {
  if (format.codec === 'h264') return [...format.sps, ...format.pps];
  if (format.codec === 'h265') return [...format.vps, ...format.sps, ...format.pps];
  return [];
}

function newDtsExtractor(format: Format): H264DtsExtractor | H265DtsExtractor | undefined {
  if (format.codec === 'h264') return new H264DtsExtractor();
  if (format.codec === 'h265') return new H265DtsExtractor();
  return undefined;
}
