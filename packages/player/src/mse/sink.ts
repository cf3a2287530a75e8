import { PlayerError, PlayerErrorCode } from '../errors.js';
import { LatencyEstimator } from '../latency.js';
import { LiveEdgeController, type LiveEdgeDecision, type LiveEdgeOptions, timeRanges } from '../live-edge.js';
import { planTrim, QUOTA_TRIM, type TrimOptions } from '../trim.js';

/** Options of {@link MseSink}. */
export type MseSinkOptions = {
  /** Live-edge control (target latency, catch-up rate, jump threshold). */
  readonly liveEdge?: LiveEdgeOptions;
  /** Buffer trimming behind the playhead. */
  readonly trim?: TrimOptions;
  /**
   * Bytes waiting for the SourceBuffer beyond which media is dropped up to the next key
   * frame. Default 16 MiB: 30 s of a 4 Mbit/s stream, far more than a live player holds.
   */
  readonly maxQueueBytes?: number;
  /** How often the live edge and trimming run, in ms. Default 100. */
  readonly tickMs?: number;
  /** Recoverable and fatal problems (decode errors, quota, unsupported codecs). */
  readonly onError?: (error: PlayerError) => void;
  /** Things worth showing a user: recovery, jumps, autoplay refused. */
  readonly onInfo?: (message: string) => void;
  /** Where `MediaSource`, `ManagedMediaSource`, `URL` and `document` come from; default `globalThis`. */
  readonly scope?: typeof globalThis;
};

/** What {@link MseSink.append} knows about a media segment. */
export type AppendInfo = {
  /** The segment starts with a random access point (every track's first sample is a key frame). */
  readonly key: boolean;
  /** Start of the segment on the element's timeline, in seconds (its `tfdt`). */
  readonly mediaTime?: number;
  /** Capture wall clock of the segment's first sample, ms since the epoch (RTCP sender reports). */
  readonly wallClockMs?: number;
};

/** Live numbers of the sink. */
export type MseSinkStats = {
  /** Seconds buffered ahead of the playhead (the live edge minus `currentTime`). */
  readonly bufferedSeconds: number;
  readonly decodedFrames: number;
  readonly droppedFrames: number;
  /** Glass-to-glass latency in ms (median), when RTCP wall clocks arrived. */
  readonly latencyMs: number | undefined;
  readonly playbackRate: number;
  /** `ManagedMediaSource` (Safari, iOS) or `MediaSource`. */
  readonly mediaSource: 'ManagedMediaSource' | 'MediaSource';
  /** Decode-error recoveries so far. */
  readonly recoveries: number;
  /** Bytes waiting for the SourceBuffer. */
  readonly queuedBytes: number;
  readonly lastDecision: LiveEdgeDecision | undefined;
};

type Op =
  | { readonly kind: 'append'; readonly data: Uint8Array; readonly init: boolean }
  | { readonly kind: 'changeType'; readonly mime: string }
  | { readonly kind: 'remove'; readonly start: number; readonly end: number };

type MediaSourceClass = { new (): MediaSource; isTypeSupported(type: string): boolean };

/** The Media Source Extensions class this browser offers: `ManagedMediaSource` first (iOS Safari has only it). */
export function mediaSourceClass(scope: typeof globalThis = globalThis):
  | {
      readonly name: 'ManagedMediaSource' | 'MediaSource';
      readonly ctor: MediaSourceClass;
    }
  | undefined {
  const s = scope as unknown as { ManagedMediaSource?: MediaSourceClass; MediaSource?: MediaSourceClass };
  if (s.ManagedMediaSource) return { name: 'ManagedMediaSource', ctor: s.ManagedMediaSource };
  if (s.MediaSource) return { name: 'MediaSource', ctor: s.MediaSource };
  return undefined;
}

/** Decode-error restarts allowed within {@link RECOVERY_WINDOW_MS} before the sink gives up. */
const MAX_RECOVERIES = 5;
const RECOVERY_WINDOW_MS = 60_000;

const isQuotaError = (e: unknown) => (e as { name?: string } | null)?.name === 'QuotaExceededError';

/**
 * Feeds fragmented MP4 into a `<video>` through Media Source Extensions, as live as the
 * stream allows: one SourceBuffer fed through an append queue, the {@link LiveEdgeController}
 * and {@link planTrim} run every `tickMs`, and the failure paths a long-running live player
 * meets handled in place:
 *
 * - `QuotaExceededError` → remove all but half a second behind the playhead and retry; if
 *   nothing can go, drop media up to the next key frame;
 * - a new init segment with another codec string → `SourceBuffer.changeType()`;
 * - a decode error (the element's `error`, or a SourceBuffer `error`) → a new MediaSource
 *   with the last init segment, media resuming at the next key frame;
 * - a queue above `maxQueueBytes` (a hidden tab, a slow device) → drop to the next key frame;
 * - the tab becoming visible again → jump to the live edge.
 *
 * `ManagedMediaSource` is used where it exists (with `disableRemotePlayback`, as it requires).
 */
export class MseSink {
  readonly video: HTMLVideoElement;
  readonly edge: LiveEdgeController;
  readonly latency = new LatencyEstimator();
  readonly #options: MseSinkOptions;
  readonly #scope: typeof globalThis;
  readonly #msClass: { readonly name: 'ManagedMediaSource' | 'MediaSource'; readonly ctor: MediaSourceClass };
  readonly #maxQueueBytes: number;
  #ms: MediaSource | undefined;
  #url = '';
  #sb: SourceBuffer | undefined;
  #mime = '';
  #lastInit: { mime: string; data: Uint8Array } | undefined;
  #ops: Op[] = [];
  #queuedBytes = 0;
  #waitingForKey = false;
  #recoveries = 0;
  #recentRecoveries: number[] = [];
  #timer: ReturnType<typeof setInterval> | undefined;
  #lastDecision: LiveEdgeDecision | undefined;
  #played = false;
  #destroyed = false;
  readonly #onVisibility = () => this.#visibilityChanged();
  readonly #onVideoError = () => this.#videoError();

  constructor(video: HTMLVideoElement, options: MseSinkOptions = {}) {
    this.video = video;
    this.#options = options;
    this.#scope = options.scope ?? globalThis;
    const found = mediaSourceClass(this.#scope);
    if (!found) throw new PlayerError(PlayerErrorCode.NoMediaSource, 'this browser has no Media Source Extensions');
    this.#msClass = found;
    this.#maxQueueBytes = options.maxQueueBytes ?? 16 * 1024 * 1024;
    this.edge = new LiveEdgeController(options.liveEdge);
    video.addEventListener('error', this.#onVideoError);
    this.#scope.document?.addEventListener('visibilitychange', this.#onVisibility);
    this.#timer = setInterval(() => this.tick(), options.tickMs ?? 100);
    this.#watchFrames();
  }

  /** True when this browser can play `mime` (e.g. `video/mp4; codecs="hvc1.1.6.L93.B0"`). */
  isTypeSupported(mime: string): boolean {
    return this.#msClass.ctor.isTypeSupported(mime);
  }

  /**
   * Appends an init segment for `mime` (`video/mp4; codecs="…"`). The first one opens the
   * MediaSource; one with another codec string switches the SourceBuffer with
   * `changeType()`. Throws `ERR_PLAYER_UNSUPPORTED_CODEC` when the browser refuses `mime`.
   */
  init(mime: string, data: Uint8Array): void {
    this.#alive();
    if (!this.isTypeSupported(mime)) {
      // name the codec the browser refuses (H.265 in most desktop Chromium builds), not just the MIME type
      const [container = mime] = mime.split(';');
      const codecs =
        /codecs="([^"]*)"/
          .exec(mime)?.[1]
          ?.split(',')
          .map((c) => c.trim()) ?? [];
      const refused = codecs.filter((c) => !this.isTypeSupported(`${container}; codecs="${c}"`));
      throw new PlayerError(
        PlayerErrorCode.UnsupportedCodec,
        `this browser cannot play ${refused.length > 0 ? refused.join(', ') : mime} through ${this.#msClass.name} (${mime})`,
      );
    }
    this.#lastInit = { mime, data };
    if (!this.#ms) {
      this.#open(mime);
    } else if (mime !== this.#mime) {
      this.#ops.push({ kind: 'changeType', mime });
      this.#mime = mime;
    }
    this.#enqueue({ kind: 'append', data, init: true });
  }

  /** Appends a media segment (`moof` + `mdat`). Dropped while waiting for a key frame. */
  append(data: Uint8Array, info: AppendInfo): void {
    this.#alive();
    if (!this.#lastInit) return;
    if (this.#waitingForKey) {
      if (!info.key) return;
      this.#waitingForKey = false;
    }
    if (this.#queuedBytes + data.byteLength > this.#maxQueueBytes) {
      this.#dropUntilKey(`append queue above ${this.#maxQueueBytes} bytes`);
      return;
    }
    if (info.mediaTime !== undefined && info.wallClockMs !== undefined)
      this.latency.mark(info.mediaTime, info.wallClockMs);
    this.#enqueue({ kind: 'append', data, init: false });
  }

  /** Runs the live-edge controller and trimming once (the sink's timer does it every `tickMs`). */
  tick(now = performance.now() / 1000): void {
    if (this.#destroyed || !this.#sb) return;
    const video = this.video;
    const buffered = timeRanges(video.buffered);
    const d = this.edge.decide({ buffered, currentTime: video.currentTime, now, paused: this.#played && video.paused });
    this.#lastDecision = d;
    if (d.seekTo !== undefined) {
      video.currentTime = d.seekTo;
      if (d.reason !== 'gap' || d.latency > this.edge.jumpLatency)
        this.#options.onInfo?.(`live edge: ${d.reason}, seek to ${d.seekTo.toFixed(2)} s`);
    }
    if (video.playbackRate !== d.playbackRate) video.playbackRate = d.playbackRate;
    if (!this.#played && buffered.length > 0) {
      this.#played = true;
      video
        .play()
        .catch((e: unknown) =>
          this.#options.onInfo?.(`autoplay refused: ${String(e)}; call play() from a user gesture`),
        );
    }
    if (!this.#ops.some((op) => op.kind === 'remove')) {
      for (const [start, end] of planTrim(buffered, video.currentTime, this.#options.trim)) {
        this.#ops.push({ kind: 'remove', start, end });
      }
    }
    this.#pump();
  }

  /** Current numbers, for `stats()`. */
  stats(): MseSinkStats {
    const q = this.video.getVideoPlaybackQuality?.();
    const buffered = timeRanges(this.video.buffered);
    const edge = buffered[buffered.length - 1]?.[1];
    return {
      bufferedSeconds: edge === undefined ? 0 : Math.max(0, edge - this.video.currentTime),
      decodedFrames: q?.totalVideoFrames ?? 0,
      droppedFrames: q?.droppedVideoFrames ?? 0,
      latencyMs: this.latency.latencyMs,
      playbackRate: this.video.playbackRate,
      mediaSource: this.#msClass.name,
      recoveries: this.#recoveries,
      queuedBytes: this.#queuedBytes,
      lastDecision: this.#lastDecision,
    };
  }

  /** Detaches from the element and frees the MediaSource. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.video.removeEventListener('error', this.#onVideoError);
    this.#scope.document?.removeEventListener('visibilitychange', this.#onVisibility);
    this.#close();
    this.video.removeAttribute('src');
    this.video.load();
  }

  #alive(): void {
    if (this.#destroyed) throw new PlayerError(PlayerErrorCode.Destroyed, 'the MSE sink was destroyed');
  }

  #open(mime: string): void {
    const ms = new this.#msClass.ctor();
    this.#ms = ms;
    this.#mime = mime;
    this.#sb = undefined;
    if (this.#msClass.name === 'ManagedMediaSource') {
      // ManagedMediaSource plays only with remote playback (AirPlay) off, or with an alternative source
      (this.video as HTMLVideoElement & { disableRemotePlayback: boolean }).disableRemotePlayback = true;
    }
    this.#url = this.#scope.URL.createObjectURL(ms);
    this.video.src = this.#url;
    ms.addEventListener(
      'sourceopen',
      () => {
        if (this.#ms !== ms || this.#destroyed) return;
        try {
          const sb = ms.addSourceBuffer(this.#mime);
          sb.mode = 'segments';
          sb.addEventListener('updateend', () => this.#pump());
          sb.addEventListener('error', () => this.#recover('SourceBuffer error event'));
          this.#sb = sb;
        } catch (e) {
          this.#options.onError?.(
            new PlayerError(PlayerErrorCode.UnsupportedCodec, `addSourceBuffer(${this.#mime}): ${String(e)}`),
          );
          return;
        }
        this.#pump();
      },
      { once: true },
    );
  }

  #close(): void {
    const ms = this.#ms;
    this.#ms = undefined;
    this.#sb = undefined;
    this.#ops = [];
    this.#queuedBytes = 0;
    if (this.#url) this.#scope.URL.revokeObjectURL(this.#url);
    this.#url = '';
    if (ms && ms.readyState === 'open') {
      try {
        ms.endOfStream();
      } catch {
        // already ending: nothing to release beyond the URL
      }
    }
  }

  #enqueue(op: Op & { kind: 'append' }): void {
    this.#ops.push(op);
    this.#queuedBytes += op.data.byteLength;
    this.#pump();
  }

  #pump(): void {
    const sb = this.#sb;
    if (!sb || this.#destroyed) return;
    while (!sb.updating && this.#ops.length > 0) {
      const op = this.#ops[0]!;
      try {
        if (op.kind === 'changeType') {
          this.#ops.shift();
          sb.changeType(op.mime);
          this.#options.onInfo?.(`codec changed: ${op.mime}`);
          continue;
        }
        if (op.kind === 'remove') {
          this.#ops.shift();
          if (op.end > op.start) {
            sb.remove(op.start, op.end);
            return;
          }
          continue;
        }
        sb.appendBuffer(op.data as Uint8Array<ArrayBuffer>);
        this.#ops.shift();
        this.#queuedBytes -= op.data.byteLength;
        return;
      } catch (e) {
        if (isQuotaError(e) && op.kind === 'append') {
          this.#quotaExceeded();
        } else {
          this.#recover(`${op.kind} failed: ${String(e)}`);
        }
        return;
      }
    }
  }

  /** `QuotaExceededError`: remove all but half a second behind the playhead, then retry the same append. */
  #quotaExceeded(): void {
    const sb = this.#sb;
    if (!sb) return;
    const ranges = planTrim(timeRanges(this.video.buffered), this.video.currentTime, QUOTA_TRIM);
    if (ranges.length === 0) {
      this.#options.onError?.(
        new PlayerError(PlayerErrorCode.Quota, 'SourceBuffer full with nothing behind the playhead'),
      );
      this.#dropUntilKey('SourceBuffer quota');
      return;
    }
    this.#ops.unshift(...ranges.map(([start, end]): Op => ({ kind: 'remove', start, end })));
    this.#options.onInfo?.('SourceBuffer quota reached: trimmed behind the playhead');
    this.#pump();
  }

  #dropUntilKey(reason: string): void {
    const before = this.#ops.length;
    this.#ops = this.#ops.filter((op) => op.kind !== 'append' || op.init);
    this.#queuedBytes = this.#ops.reduce((n, op) => n + (op.kind === 'append' ? op.data.byteLength : 0), 0);
    this.#waitingForKey = true;
    this.#options.onInfo?.(`${reason}: dropped ${before - this.#ops.length} segments, resuming at the next key frame`);
  }

  #videoError(): void {
    const err = this.video.error;
    // MEDIA_ERR_DECODE (3) and MEDIA_ERR_SRC_NOT_SUPPORTED (4) after data: the pipeline is dead, start a new one
    if (!err || this.#destroyed) return;
    this.#recover(`media error ${err.code}: ${err.message || 'decode error'}`);
  }

  /** A new MediaSource with the last init segment; media resumes at the next key frame. */
  #recover(reason: string): void {
    if (this.#destroyed || !this.#lastInit) return;
    const now = performance.now();
    this.#recentRecoveries = this.#recentRecoveries.filter((t) => t > now - RECOVERY_WINDOW_MS);
    if (this.#recentRecoveries.length >= MAX_RECOVERIES) {
      // the stream itself is undecodable here: restarting again would only loop
      this.#options.onError?.(
        new PlayerError(PlayerErrorCode.Decode, `${reason}; ${MAX_RECOVERIES} restarts within a minute, giving up`),
      );
      this.#close();
      this.#lastInit = undefined;
      return;
    }
    this.#recentRecoveries.push(now);
    this.#recoveries++;
    this.#options.onError?.(new PlayerError(PlayerErrorCode.Decode, `${reason}; restarting at the next key frame`));
    this.#close();
    this.edge.reset();
    this.#played = false;
    this.#waitingForKey = true;
    const { mime, data } = this.#lastInit;
    this.#open(mime);
    this.#enqueue({ kind: 'append', data, init: true });
  }

  #visibilityChanged(): void {
    const doc = this.#scope.document;
    if (doc?.visibilityState !== 'visible') return;
    // Background tabs decode little or nothing: back in view, go straight to live.
    const buffered = timeRanges(this.video.buffered);
    const last = buffered[buffered.length - 1];
    if (!last) return;
    this.edge.reset();
    this.video.currentTime = Math.max(last[0], last[1] - this.edge.targetLatency);
    this.#options.onInfo?.('tab visible again: jumped to the live edge');
  }

  /** Measures latency per shown frame with `requestVideoFrameCallback` where it exists, else per tick. */
  #watchFrames(): void {
    const video = this.video as HTMLVideoElement & {
      requestVideoFrameCallback?: (
        cb: (now: number, meta: { mediaTime: number; expectedDisplayTime: number }) => void,
      ) => number;
    };
    if (typeof video.requestVideoFrameCallback === 'function') {
      const onFrame = (_now: number, meta: { mediaTime: number; expectedDisplayTime: number }) => {
        if (this.#destroyed) return;
        this.latency.presented(meta.mediaTime, performance.timeOrigin + meta.expectedDisplayTime);
        video.requestVideoFrameCallback!(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    } else {
      video.addEventListener('timeupdate', () => this.latency.presented(video.currentTime, Date.now()));
    }
  }
}
