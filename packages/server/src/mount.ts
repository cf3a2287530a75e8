import { type RtcpPacket, SdesItemType, serializeRtcpCompound, unixMsToNtp } from '@rtspkit/rtp';
import { buildSession, type Sdp } from '@rtspkit/sdp';
import { type Format, mediaTypeOf } from '@rtspkit/format';
import { mediaOf, packetizerOf, type TrackPacketizer } from './codec.js';
import { EncodedFrame } from './encoded-frame.js';
import type { MediaReader } from './reader.js';
import type { SourceFrame, StreamSource } from './source/types.js';

/** Options of a {@link Mount}. */
export type MountOptions = {
  /** Largest RTP packet in bytes. */
  readonly mtu: number;
  /** Interval between RTCP sender reports of each track, in ms. */
  readonly senderReportIntervalMs: number;
  /** How long PLAY may wait for a key frame before it starts a reader mid-GOP, in ms. */
  readonly maxKeyFrameWaitMs: number;
  /** RTCP SDES CNAME of the server's streams. */
  readonly cname: string;
  /** Wall clock, Unix ms. */
  readonly now: () => number;
  readonly randomUint32: () => number;
};

/** Sequence number and RTP time of the first packet a reader gets on a track (RTP-Info). */
export type TrackStart = { readonly seq: number; readonly rtptime: number };

/** A mount's state as `/stats` shows it. */
export type MountState = 'opening' | 'running' | 'ended' | 'failed';

type PendingPlay = {
  readonly reader: MediaReader;
  readonly since: number;
  readonly ready: (starts: readonly TrackStart[] | Error) => void;
};

type Anchor = { readonly timestamp: number; readonly wall: number };

const TWO_32 = 2 ** 32;
const wrap32 = (n: number) => ((n % TWO_32) + TWO_32) % TWO_32;

/**
 * One path the server serves: a source, its tracks packetized once, and the readers the
 * packets fan out to. Each track has one SSRC and one sequence; every reader receives the
 * same packets from the moment it joins (at a key frame), with its own RTP-Info.
 */
export class Mount {
  readonly path: string;
  readonly source: StreamSource;
  readonly #options: MountOptions;
  #formats: readonly Format[] = [];
  #packetizers: TrackPacketizer[] = [];
  /** Random initial RTP timestamp per track (RFC 3550 §5.1). */
  #offsets: number[] = [];
  #anchors: (Anchor | undefined)[] = [];
  #lastReport: number[] = [];
  #packets: number[] = [];
  #octets: number[] = [];
  /** Index of the track PLAY waits on for a key frame; -1 without video. */
  #gate = -1;
  #state: MountState = 'opening';
  #error: Error | undefined;
  readonly #readers = new Set<MediaReader>();
  #pending: PendingPlay[] = [];
  #framesIn = 0;
  #packetizeErrors = 0;

  constructor(path: string, source: StreamSource, options: MountOptions) {
    this.path = path;
    this.source = source;
    this.#options = options;
  }

  get state(): MountState {
    return this.#state;
  }

  get formats(): readonly Format[] {
    return this.#formats;
  }

  get readerCount(): number {
    return this.#readers.size;
  }

  /** Readers whose PLAY waits for a key frame. */
  get waitingCount(): number {
    return this.#pending.length;
  }

  /** Reads the source's tracks and starts it. */
  async open(): Promise<void> {
    try {
      this.#formats = await this.source.open();
    } catch (e) {
      this.#fail(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
    const { mtu, randomUint32 } = this.#options;
    this.#packetizers = this.#formats.map((f) => packetizerOf(f, { mtu, randomUint32 }));
    this.#offsets = this.#formats.map(() => randomUint32() >>> 0);
    this.#anchors = this.#formats.map(() => undefined);
    this.#lastReport = this.#formats.map(() => Number.NEGATIVE_INFINITY);
    this.#packets = this.#formats.map(() => 0);
    this.#octets = this.#formats.map(() => 0);
    this.#gate = this.#formats.findIndex((f) => mediaTypeOf(f) === 'video');
    this.#state = 'running';
    this.source.start({
      frame: (frame) => this.#onFrame(frame),
      end: (error) => (error ? this.#fail(error) : this.#end()),
    });
  }

  /** The session description of the mount, tracks controlled as `trackID=<index>`. */
  describe(originAddress: string): Sdp {
    return buildSession({
      sessionName: this.path,
      originAddress,
      tool: 'rtspkit',
      media: this.#formats.map((f, i) => mediaOf(f, `trackID=${i}`)),
    });
  }

  /**
   * Adds a reader at the next key frame of the video track (at once without video, or
   * mid-GOP after `maxKeyFrameWaitMs`). `ready` is called synchronously just before the
   * reader gets its first frame, with where each track starts, so a PLAY response written
   * in it precedes the media on the same pipe. Called with an Error when the source has
   * ended.
   */
  attach(reader: MediaReader, ready: (starts: readonly TrackStart[] | Error) => void): void {
    if (this.#state !== 'running') {
      ready(this.#error ?? new Error(`mount ${this.path} is ${this.#state}`));
      return;
    }
    const pending = { reader, since: this.#options.now(), ready };
    if (this.#gate < 0 || !reader.takes(this.#gate)) this.#admit(pending, undefined);
    else this.#pending.push(pending);
  }

  /** Removes a reader (PAUSE, TEARDOWN, close); it gets nothing more. */
  detach(reader: MediaReader): void {
    this.#readers.delete(reader);
    this.#pending = this.#pending.filter((p) => p.reader !== reader);
  }

  /** Stops the source; readers get nothing more. */
  close(): void {
    this.source.stop();
    if (this.#state === 'running' || this.#state === 'opening') this.#end();
  }

  /** What `/stats` shows of the mount. */
  stats() {
    return {
      path: this.path,
      state: this.#state,
      error: this.#error?.message,
      readers: this.#readers.size,
      waitingForKeyFrame: this.#pending.length,
      framesIn: this.#framesIn,
      packetizeErrors: this.#packetizeErrors,
      tracks: this.#formats.map((f, i) => ({
        control: `trackID=${i}`,
        codec: f.codec,
        payloadType: f.payloadType,
        clockRate: f.clockRate,
        ssrc: this.#packetizers[i]?.ssrc,
        packetsSent: this.#packets[i] ?? 0,
        octetsSent: this.#octets[i] ?? 0,
      })),
    };
  }

  /** The RTP time of `track` at wall-clock time `wall`. */
  #rtpTimeAt(track: number, wall: number): number {
    const clock = (this.#formats[track] as Format).clockRate;
    const origin = this.source.origin;
    const anchor = origin !== undefined ? { timestamp: 0, wall: origin } : this.#anchors[track];
    const ts = anchor === undefined ? 0 : anchor.timestamp + Math.round(((wall - anchor.wall) * clock) / 1000);
    return wrap32(ts + (this.#offsets[track] as number));
  }

  #admit(p: PendingPlay, frame: SourceFrame | undefined): void {
    const now = this.#options.now();
    const starts = this.#packetizers.map((packetizer, t) => ({
      seq: packetizer.sequenceNumber,
      rtptime:
        frame !== undefined && frame.track === t
          ? wrap32(frame.timestamp + (this.#offsets[t] as number))
          : this.#rtpTimeAt(t, now),
    }));
    p.ready(starts);
    this.#readers.add(p.reader);
    // A sender report before the first packet lets the client place every track on one
    // clock from the start (FFmpeg leaves the first frames without a PTS otherwise).
    this.#formats.forEach((_, t) => {
      if (p.reader.takes(t)) p.reader.rtcp(t, this.#senderReport(t, now));
    });
  }

  #onFrame(frame: SourceFrame): void {
    if (this.#state !== 'running') return;
    this.#framesIn++;
    const now = this.#options.now();
    const track = frame.track;
    if (this.#anchors[track] === undefined) this.#anchors[track] = { timestamp: frame.timestamp, wall: now };
    if (this.#pending.length > 0) {
      const waiting = this.#pending;
      this.#pending = [];
      for (const p of waiting) {
        if (track === this.#gate && frame.key) this.#admit(p, frame);
        else if (now - p.since > this.#options.maxKeyFrameWaitMs) {
          p.reader.waitForKey(this.#gate);
          this.#admit(p, undefined);
        } else this.#pending.push(p);
      }
    }
    if (this.#readers.size === 0) return;
    const packetizer = this.#packetizers[track];
    if (packetizer === undefined) return;
    let encoded: EncodedFrame;
    try {
      const packets = packetizer.packetize(frame.units, wrap32(frame.timestamp + (this.#offsets[track] as number)));
      encoded = new EncodedFrame(track, frame.key, packets, 2 * track);
    } catch {
      // A unit the packetizer refuses (an AAC frame over 8 KiB, an empty NAL unit): skip it.
      this.#packetizeErrors++;
      return;
    }
    this.#packets[track] = (this.#packets[track] as number) + encoded.packetCount;
    this.#octets[track] = (this.#octets[track] as number) + encoded.rtpBytes - 12 * encoded.packetCount;
    for (const reader of this.#readers) reader.frame(encoded);
    if (now - (this.#lastReport[track] as number) >= this.#options.senderReportIntervalMs) {
      this.#lastReport[track] = now;
      const report = this.#senderReport(track, now);
      for (const reader of this.#readers) reader.rtcp(track, report);
    }
  }

  /**
   * A compound RTCP packet: SR (NTP time ↔ RTP time of this instant, packet and octet
   * counts) and SDES with the CNAME.
   *
   * @see RFC 3550 §6.4.1, §6.5.1
   */
  #senderReport(track: number, now: number): Uint8Array {
    const ssrc = (this.#packetizers[track] as TrackPacketizer).ssrc;
    const packets: RtcpPacket[] = [
      {
        type: 'sr',
        ssrc,
        ntpTimestamp: unixMsToNtp(now),
        rtpTimestamp: this.#rtpTimeAt(track, now),
        packetCount: wrap32(this.#packets[track] as number),
        octetCount: wrap32(this.#octets[track] as number),
        reports: [],
      },
      { type: 'sdes', chunks: [{ ssrc, items: [{ type: SdesItemType.Cname, text: this.#options.cname }] }] },
    ];
    return serializeRtcpCompound(packets);
  }

  #end(): void {
    this.#state = 'ended';
    this.#rejectPending(new Error(`mount ${this.path} ended`));
  }

  #fail(error: Error): void {
    this.#state = 'failed';
    this.#error = error;
    this.#rejectPending(error);
  }

  #rejectPending(error: Error): void {
    const waiting = this.#pending;
    this.#pending = [];
    for (const p of waiting) p.ready(error);
  }
}
