import { wrapRtspUnit } from '@rtspkit/websocket';
import type { EncodedFrame } from './encoded-frame.js';

/**
 * A byte pipe to one client: the TCP or TLS socket, the HTTP tunnel's GET connection, or a
 * WebSocket's socket. `queuedBytes` is what the pipe holds and has not yet handed to the
 * kernel.
 */
export type ReaderPipe = {
  write(bytes: Uint8Array): void;
  readonly queuedBytes: number;
  /** Closes the client's connection (the reader fell too far behind). */
  destroy(reason: string): void;
};

/** A UDP destination of one track: the RTP/RTCP sockets the server sends from, and where to. */
export type UdpTrackOutput = {
  send(buffer: Uint8Array, offset: number, length: number, rtcp: boolean): void;
  /** Bytes handed to the socket and not yet sent (`getSendQueueSize`). */
  readonly queuedBytes: number;
};

/** How one track reaches the reader. */
export type TrackOutput =
  | { readonly kind: 'interleaved'; readonly rtpChannel: number; readonly rtcpChannel: number }
  | { readonly kind: 'udp'; readonly udp: UdpTrackOutput };

/** Backpressure limits of one reader. */
export type ReaderLimits = {
  /** Bytes queued for the reader past which whole frames are dropped, up to the next key frame. */
  readonly maxQueueBytes: number;
  /** How long a reader may stay over `maxQueueBytes` (dropping frames) before it is disconnected, in ms. */
  readonly maxStallMs: number;
};

/** What a reader has been sent (its part of `/stats`). */
export type ReaderCounters = {
  bytesSent: number;
  packetsSent: number;
  framesSent: number;
  framesDropped: number;
};

/**
 * One playing session's side of the fan-out: takes the mount's shared encoded frames and
 * writes one buffer per access unit to its pipe (or one datagram per packet over UDP).
 *
 * Backpressure: when the queue is over `maxQueueBytes` a frame is dropped whole, and the
 * track then waits for its next key frame (a decoder cannot use what follows a gap); a
 * reader over budget for longer than `maxStallMs` is disconnected. Memory per reader stays
 * under `maxQueueBytes` plus one access unit whatever the client does.
 */
export class MediaReader {
  readonly #outputs: readonly (TrackOutput | undefined)[];
  readonly #pipe: ReaderPipe | undefined;
  readonly #framing: 'interleaved' | 'websocket';
  readonly #limits: ReaderLimits;
  readonly #now: () => number;
  /** Per track: drop until the next key frame. */
  readonly #needKey: boolean[];
  #stalledSince: number | undefined;
  #closed = false;
  readonly counters: ReaderCounters = { bytesSent: 0, packetsSent: 0, framesSent: 0, framesDropped: 0 };

  constructor(options: {
    readonly outputs: readonly (TrackOutput | undefined)[];
    readonly pipe?: ReaderPipe | undefined;
    readonly framing?: 'interleaved' | 'websocket';
    readonly limits: ReaderLimits;
    readonly now: () => number;
  }) {
    this.#outputs = options.outputs;
    this.#pipe = options.pipe;
    this.#framing = options.framing ?? 'interleaved';
    this.#limits = options.limits;
    this.#now = options.now;
    this.#needKey = options.outputs.map(() => false);
  }

  /**
   * Bytes written to the reader and not yet handed to the kernel: its pipe's queue
   * (interleaved) plus the send queues of its UDP sockets.
   */
  get queuedBytes(): number {
    let n = this.#pipe?.queuedBytes ?? 0;
    for (const out of this.#outputs) if (out?.kind === 'udp') n += out.udp.queuedBytes;
    return n;
  }

  /** Whether the reader takes track `track`. */
  takes(track: number): boolean {
    return this.#outputs[track] !== undefined;
  }

  /** Drop frames of `track` until its next key frame (joining mid-stream). */
  waitForKey(track: number): void {
    this.#needKey[track] = true;
  }

  /** Stops all output; later frames are ignored. */
  close(): void {
    this.#closed = true;
  }

  /** One access unit of a track the reader takes. */
  frame(frame: EncodedFrame): void {
    const out = this.#outputs[frame.track];
    if (out === undefined || this.#closed) return;
    const track = frame.track;
    const queued = out.kind === 'udp' ? out.udp.queuedBytes : (this.#pipe?.queuedBytes ?? 0);
    if (queued > this.#limits.maxQueueBytes) {
      this.counters.framesDropped++;
      this.#needKey[track] = true;
      const now = this.#now();
      this.#stalledSince ??= now;
      if (now - this.#stalledSince > this.#limits.maxStallMs) {
        this.#closed = true;
        this.#pipe?.destroy(
          `reader stayed over ${this.#limits.maxQueueBytes} queued bytes for ${this.#limits.maxStallMs} ms`,
        );
      }
      return;
    }
    this.#stalledSince = undefined;
    if (this.#needKey[track] && !frame.key) {
      this.counters.framesDropped++;
      return;
    }
    this.#needKey[track] = false;
    if (out.kind === 'udp') {
      frame.forEachPacket((buffer, offset, length) => out.udp.send(buffer, offset, length, false));
      this.counters.bytesSent += frame.rtpBytes;
    } else {
      const bytes = this.#framing === 'websocket' ? frame.websocket(out.rtpChannel) : frame.interleaved(out.rtpChannel);
      this.#pipe?.write(bytes);
      this.counters.bytesSent += bytes.length;
    }
    this.counters.packetsSent += frame.packetCount;
    this.counters.framesSent++;
  }

  /** One RTCP compound packet for `track` (a sender report). */
  rtcp(track: number, packet: Uint8Array): void {
    const out = this.#outputs[track];
    if (out === undefined || this.#closed) return;
    if (out.kind === 'udp') {
      out.udp.send(packet, 0, packet.length, true);
      return;
    }
    const framed = new Uint8Array(4 + packet.length);
    framed[0] = 0x24;
    framed[1] = out.rtcpChannel;
    framed[2] = packet.length >>> 8;
    framed[3] = packet.length & 0xff;
    framed.set(packet, 4);
    this.#pipe?.write(this.#framing === 'websocket' ? wrapRtspUnit(framed) : framed);
  }
}
