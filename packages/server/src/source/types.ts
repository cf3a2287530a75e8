import type { Format } from '@rtspkit/format';

/** One access unit of one track, as a source hands it to its mount. */
export type SourceFrame = {
  /** Index into the tracks the source's `open()` resolved with. */
  readonly track: number;
  /**
   * Presentation time in the track's clock units (`clockRate`), not wrapped: it grows
   * without bound, also across the loops of a file. The mount wraps it to 32 bits.
   */
  readonly timestamp: number;
  /** True when a decoder can start here (an IDR/IRAP picture; every audio frame). */
  readonly key: boolean;
  /** NAL units without start codes (video), or one raw AAC frame (audio). */
  readonly units: readonly Uint8Array[];
};

/** Where a running source delivers its frames. */
export type SourceSink = {
  /** One frame, in decode order per track, at the moment it should go out. */
  frame(frame: SourceFrame): void;
  /** The source has stopped for good (end of a non-looping input, or a failure). */
  end(error?: Error): void;
};

/**
 * What a mount serves: a set of tracks, then frames in real time. Named so that it does not
 * clash with the DOM's `MediaSource`.
 *
 * A source is live: every reader of a mount sees the same frames from the moment it plays.
 */
export type StreamSource = {
  /** Reads what the tracks are (parameter sets, audio config); called once before `start`. */
  open(): Promise<readonly Format[]>;
  /** Starts delivering frames to `sink`. */
  start(sink: SourceSink): void;
  /** Stops delivering frames and releases timers and files; `start` may not be called again. */
  stop(): void;
  /**
   * Wall-clock time (Unix ms) at which timestamp 0 of every track is presented, once
   * started, when the source knows it (a file source does). The mount maps RTP time to NTP
   * time in sender reports with it; without it, each track is anchored at its first frame.
   */
  readonly origin?: number | undefined;
};
